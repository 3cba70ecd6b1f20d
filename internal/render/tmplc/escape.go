package tmplc

import (
	"encoding/json"
	"fmt"
	"html/template"
	"reflect"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Escaper returns the function html/template calls for the escaper named
// name in an escaped parse tree (e.g. "_html_template_htmlescaper"), with
// html/template's semantics and output, and whether maki has it.
//
// The functions are safe for concurrent use and do not modify args.
func Escaper(name string) (fn func(args ...any) string, ok bool) {
	fn, ok = escapers[name]
	return fn, ok
}

// Names returns the escaper names Escaper knows, in no particular order.
func Names() []string {
	names := make([]string, 0, len(escapers))
	for n := range escapers {
		names = append(names, n)
	}
	return names
}

// escapers maps the names html/template's escaper puts into a parse tree
// (its funcMap in escape.go) to their reimplementations here. A name that is
// missing is one maki leaves to html/template.
var escapers = map[string]func(args ...any) string{
	"_html_template_htmlescaper":      htmlEscaper,
	"_html_template_attrescaper":      attrEscaper,
	"_html_template_nospaceescaper":   nospaceEscaper,
	"_html_template_rcdataescaper":    rcdataEscaper,
	"_html_template_commentescaper":   commentEscaper,
	"_html_template_urlfilter":        urlFilter,
	"_html_template_urlnormalizer":    urlNormalizer,
	"_html_template_urlescaper":       urlEscaper,
	"_html_template_srcsetescaper":    srcsetEscaper,
	"_html_template_cssescaper":       cssEscaper,
	"_html_template_cssvaluefilter":   cssValueFilter,
	"_html_template_jsstrescaper":     jsStrEscaper,
	"_html_template_jstmpllitescaper": jsTmplLitEscaper,
	"_html_template_jsregexpescaper":  jsRegexpEscaper,
	"_html_template_jsvalescaper":     jsValEscaper,
	"_eval_args_":                     evalArgs,
}

// failsafe is what html/template writes in place of a value it refuses.
const failsafe = "ZgotmplZ"

// kind is the content type of a stringified value.
type kind uint8

const (
	kindPlain kind = iota
	kindCSS
	kindHTML
	kindHTMLAttr
	kindJS
	kindJSStr
	kindURL
	kindSrcset
)

// typed reports the content type of v when v is one of html/template's
// typed strings.
func typed(v any) (string, kind, bool) {
	switch s := v.(type) {
	case string:
		return s, kindPlain, true
	case template.CSS:
		return string(s), kindCSS, true
	case template.HTML:
		return string(s), kindHTML, true
	case template.HTMLAttr:
		return string(s), kindHTMLAttr, true
	case template.JS:
		return string(s), kindJS, true
	case template.JSStr:
		return string(s), kindJSStr, true
	case template.URL:
		return string(s), kindURL, true
	case template.Srcset:
		return string(s), kindSrcset, true
	}
	return "", kindPlain, false
}

// deref follows pointers from v as long as they are not nil, and returns
// what it reaches (a nil pointer itself when the chain ends in one).
func deref(v any) any {
	if v == nil {
		return nil
	}
	if reflect.TypeOf(v).Kind() != reflect.Pointer {
		return v
	}
	r := reflect.ValueOf(v)
	for r.Kind() == reflect.Pointer && !r.IsNil() {
		r = r.Elem()
	}
	return r.Interface()
}

var (
	stringerType = reflect.TypeFor[fmt.Stringer]()
	errorType    = reflect.TypeFor[error]()
)

// derefPrintable is deref that stops at a value implementing fmt.Stringer
// or error, so that fmt prints it by its method.
func derefPrintable(v any) any {
	if v == nil {
		return nil
	}
	if reflect.TypeOf(v).Kind() != reflect.Pointer {
		return v
	}
	r := reflect.ValueOf(v)
	for r.Kind() == reflect.Pointer && !r.IsNil() && !r.Type().Implements(stringerType) && !r.Type().Implements(errorType) {
		r = r.Elem()
	}
	return r.Interface()
}

// text turns the arguments of an escaper into a string and its content type
// the way html/template does: a single argument that is (a pointer to) a
// string or a typed string keeps its type; anything else is fmt.Sprint of
// the arguments, untyped nils left out, pointers followed up to a Stringer
// or error.
func text(args []any) (string, kind) {
	if len(args) == 1 {
		if s, k, ok := typed(args[0]); ok {
			return s, k
		}
		if s, k, ok := typed(deref(args[0])); ok {
			return s, k
		}
	}
	vals := make([]any, 0, len(args))
	for _, a := range args {
		if a == nil {
			continue
		}
		vals = append(vals, derefPrintable(a))
	}
	return fmt.Sprint(vals...), kindPlain
}

// evalArgs is html/template's _eval_args_: fmt.Sprint of the arguments with
// pointers followed (nils are printed, unlike in text).
func evalArgs(args ...any) string {
	if len(args) == 1 {
		if s, ok := args[0].(string); ok {
			return s
		}
	}
	vals := make([]any, len(args))
	for i, a := range args {
		vals[i] = derefPrintable(a)
	}
	return fmt.Sprint(vals...)
}

// HTML replacement tables, by byte. An empty entry keeps the byte.
var (
	// htmlText is for text, RCDATA and quoted attribute values.
	htmlText = [128]string{
		0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;",
	}
	// htmlTextNorm is htmlText keeping '&', for values that are HTML
	// already (their entities stay).
	htmlTextNorm = [128]string{
		0: "\uFFFD", '"': "&#34;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;",
	}
	// htmlNospace is for unquoted attribute values: also white space, '='
	// and '`', and NUL as an entity.
	htmlNospace = [128]string{
		0: "&#xfffd;", '\t': "&#9;", '\n': "&#10;", '\v': "&#11;", '\f': "&#12;", '\r': "&#13;",
		' ': "&#32;", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;",
		'=': "&#61;", '>': "&gt;", '`': "&#96;",
	}
)

// rewriter builds a copy of a string with some of its bytes replaced,
// and no copy when none is.
type rewriter struct {
	b    strings.Builder
	done int  // s[:done] is in b
	used bool // b holds the start of the copy
}

// cut copies s up to i into the copy, skips the w bytes at i (the caller
// writes their replacement to the builder returned) and continues after
// them.
func (r *rewriter) cut(s string, i, w int) *strings.Builder {
	if !r.used {
		r.used = true
		r.b.Grow(len(s) + 16)
	}
	r.b.WriteString(s[r.done:i])
	r.done = i + w
	return &r.b
}

// result is the copy, or s when nothing was replaced.
func (r *rewriter) result(s string) string {
	if !r.used {
		return s
	}
	r.b.WriteString(s[r.done:])
	return r.b.String()
}

// escapeHTML replaces the ASCII bytes of s that table names. With nonchars,
// it also writes the runes U+FDD0–U+FDEF and U+FFF0–U+FFFF (among them
// U+FFFD, which is what a byte that is not UTF-8 counts as) as hexadecimal
// character references, as html/template does in unquoted attributes.
func escapeHTML(s string, table *[128]string, nonchars bool) string {
	var b rewriter
	for i := 0; i < len(s); {
		c := s[i]
		var repl string
		w := 1
		if c < utf8.RuneSelf {
			repl = table[c]
		} else if nonchars {
			var r rune
			r, w = utf8.DecodeRuneInString(s[i:])
			if nonchars && (0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff) {
				repl = fmt.Sprintf("&#x%x;", r)
			}
		}
		if repl != "" {
			b.cut(s, i, w).WriteString(repl)
		}
		i += w
	}
	return b.result(s)
}

// htmlEscaper escapes for HTML text; template.HTML passes unchanged.
func htmlEscaper(args ...any) string {
	s, k := text(args)
	if k == kindHTML {
		return s
	}
	return escapeHTML(s, &htmlText, false)
}

// rcdataEscaper escapes for the body of an RCDATA element (title,
// textarea); template.HTML keeps its entities.
func rcdataEscaper(args ...any) string {
	s, k := text(args)
	if k == kindHTML {
		return escapeHTML(s, &htmlTextNorm, false)
	}
	return escapeHTML(s, &htmlText, false)
}

// attrEscaper escapes for a quoted attribute value. template.HTML loses its
// tags first, which takes html/template's HTML tokenizer, so such a value
// goes to html/template itself.
func attrEscaper(args ...any) string {
	s, k := text(args)
	if k == kindHTML {
		return viaStdlib(attrTmpl, s)
	}
	return escapeHTML(s, &htmlText, false)
}

// nospaceEscaper escapes for an unquoted attribute value; an empty value
// becomes ZgotmplZ. template.HTML goes to html/template, as in attrEscaper.
func nospaceEscaper(args ...any) string {
	s, k := text(args)
	if k == kindHTML {
		return viaStdlib(nospaceTmpl, s)
	}
	if s == "" {
		return failsafe
	}
	return escapeHTML(s, &htmlNospace, true)
}

// commentEscaper drops what goes into an HTML comment.
func commentEscaper(args ...any) string { return "" }

// stdlibTmpl is a one-action html/template whose output is pre, the
// escaped value, post.
type stdlibTmpl struct {
	t         *template.Template
	pre, post string
}

var (
	attrTmpl    = newStdlibTmpl(`<a title="`, `">`)
	nospaceTmpl = newStdlibTmpl(`<a title=`, `>`)
)

func newStdlibTmpl(pre, post string) stdlibTmpl {
	return stdlibTmpl{template.Must(template.New("").Parse(pre + "{{.}}" + post)), pre, post}
}

// viaStdlib has html/template escape the template.HTML s in t's context.
// It cannot fail for these templates; if it did, the value is refused.
func viaStdlib(t stdlibTmpl, s string) string {
	var b strings.Builder
	if err := t.t.Execute(&b, template.HTML(s)); err != nil {
		return failsafe
	}
	out, ok := strings.CutPrefix(b.String(), t.pre)
	if !ok {
		return failsafe
	}
	out, ok = strings.CutSuffix(out, t.post)
	if !ok {
		return failsafe
	}
	return out
}

// urlFilter refuses a URL whose scheme is not http, https or mailto
// (case-insensitive) with "#ZgotmplZ"; a relative URL passes, and so does
// template.URL.
func urlFilter(args ...any) string {
	s, k := text(args)
	if k == kindURL || safeURL(s) {
		return s
	}
	return "#" + failsafe
}

// safeURL reports whether s has no scheme (no ':' before the first '/')
// or one of http, https, mailto.
func safeURL(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// urlNormalizer percent-encodes the bytes of a URL that are not allowed in
// one, keeping its structure (reserved characters, valid %xx escapes).
func urlNormalizer(args ...any) string {
	s, _ := text(args)
	return percentEncode(s, true)
}

// urlEscaper percent-encodes everything but unreserved characters, for a
// query or fragment part; template.URL is only normalized.
func urlEscaper(args ...any) string {
	s, k := text(args)
	return percentEncode(s, k == kindURL)
}

// urlByte classifies the bytes for percentEncode.
const (
	urlEncode   = 0 // always encoded
	urlKeep     = 1 // unreserved: never encoded
	urlReserved = 2 // kept when normalizing
	urlPercent  = 3 // kept when normalizing and followed by two hex digits
)

var urlClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = urlKeep
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = urlKeep
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = urlKeep
	}
	for _, c := range "-._~" {
		t[c] = urlKeep
	}
	for _, c := range "!#$&*+,/:;=?@[]" {
		t[c] = urlReserved
	}
	t['%'] = urlPercent
	return t
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// percentEncode writes each byte of s that must be encoded as %xx
// (lower-case hex). When norm, reserved characters and valid escapes stay.
func percentEncode(s string, norm bool) string {
	const hex = "0123456789abcdef"
	var b rewriter
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch urlClass[c] {
		case urlKeep:
			continue
		case urlReserved:
			if norm {
				continue
			}
		case urlPercent:
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		}
		w := b.cut(s, i, 1)
		w.WriteByte('%')
		w.WriteByte(hex[c>>4])
		w.WriteByte(hex[c&15])
	}
	return b.result(s)
}

// srcsetEscaper filters and normalizes a srcset attribute value: each
// comma-separated candidate keeps its URL (normalized) when the URL is safe
// and the metadata after it only spaces and ASCII letters and digits, and
// becomes "#ZgotmplZ" otherwise. template.Srcset passes; template.URL is
// one normalized URL whose commas are encoded.
func srcsetEscaper(args ...any) string {
	s, k := text(args)
	switch k {
	case kindSrcset:
		return s
	case kindURL:
		return strings.ReplaceAll(percentEncode(s, true), ",", "%2c")
	}
	var b strings.Builder
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != ',' {
			continue
		}
		srcsetCandidate(&b, s[start:i])
		if i < len(s) {
			b.WriteByte(',')
		}
		start = i + 1
	}
	return b.String()
}

// srcsetCandidate writes one candidate of a srcset (see srcsetEscaper).
func srcsetCandidate(b *strings.Builder, c string) {
	start := 0
	for start < len(c) && htmlSpace(c[start]) {
		start++
	}
	end := len(c)
	for i := start; i < len(c); i++ {
		if htmlSpace(c[i]) {
			end = i
			break
		}
	}
	url := c[start:end]
	if safeURL(url) && simpleMetadata(c[end:]) {
		b.WriteString(c[:start])
		b.WriteString(percentEncode(url, true))
		b.WriteString(c[end:])
		return
	}
	b.WriteString("#" + failsafe)
}

// htmlSpace reports whether c is ASCII white space as HTML defines it
// (tab, line feed, form feed, carriage return, space).
func htmlSpace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// simpleMetadata reports whether s has only HTML spaces and ASCII letters
// and digits.
func simpleMetadata(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !htmlSpace(c) && !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// cssTable is the escaping of bytes in CSS strings and identifiers.
var cssTable = [128]string{
	0: `\0`, '\t': `\9`, '\n': `\a`, '\f': `\c`, '\r': `\d`,
	'"': `\22`, '&': `\26`, '\'': `\27`, '(': `\28`, ')': `\29`, '+': `\2b`, '/': `\2f`,
	':': `\3a`, ';': `\3b`, '<': `\3c`, '>': `\3e`, '\\': `\\`, '{': `\7b`, '}': `\7d`,
}

// cssEscaper escapes for a CSS string or identifier with \hex escapes,
// followed by a space when the next byte could be read as part of the
// escape (a hex digit or white space) or the value ends. Content types
// are ignored.
func cssEscaper(args ...any) string {
	s, _ := text(args)
	var b rewriter
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || cssTable[c] == "" {
			continue
		}
		repl := cssTable[c]
		w := b.cut(s, i, 1)
		w.WriteString(repl)
		if next := i + 1; repl != `\\` && (next == len(s) || isHex(s[next]) || cssSpace(s[next])) {
			w.WriteByte(' ')
		}
	}
	return b.result(s)
}

// cssSpace reports whether c is white space in CSS (tab, line feed, form
// feed, carriage return, space).
func cssSpace(c byte) bool { return htmlSpace(c) }

// cssValueFilter passes a CSS value (after decoding its escapes) that can
// neither end a declaration, string or block nor run script: no quotes,
// brackets, slashes, semicolons, '@', '<', '>', NUL, "--", and no
// identifier characters spelling "expression" or "mozbinding". Anything
// else becomes ZgotmplZ. template.CSS passes unchanged.
func cssValueFilter(args ...any) string {
	s, k := text(args)
	if k == kindCSS {
		return s
	}
	d := cssDecode(s)
	id := make([]byte, 0, 64)
	for i := 0; i < len(d); i++ {
		c := d[i]
		switch c {
		case 0, '"', '\'', '(', ')', '/', ';', '@', '[', '\\', ']', '`', '{', '}', '<', '>':
			return failsafe
		case '-':
			if i > 0 && d[i-1] == '-' {
				return failsafe
			}
		default:
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' {
				id = append(id, c)
			} else if 'A' <= c && c <= 'Z' {
				id = append(id, c+'a'-'A')
			}
		}
	}
	if strings.Contains(string(id), "expression") || strings.Contains(string(id), "mozbinding") {
		return failsafe
	}
	return d
}

// cssDecode resolves the escapes of CSS text: a backslash and one to six
// hex digits (a code point, one digit fewer when that is beyond Unicode,
// followed by at most one white space, CR LF counting as one) or a
// backslash and any other character (that character). A backslash at the
// end is dropped.
func cssDecode(s string) string {
	i := strings.IndexByte(s, '\\')
	if i < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for len(s) > 0 {
		i := strings.IndexByte(s, '\\')
		if i < 0 {
			i = len(s)
		}
		b, s = append(b, s[:i]...), s[i:]
		if len(s) < 2 {
			break
		}
		if !isHex(s[1]) {
			_, n := utf8.DecodeRuneInString(s[1:])
			b, s = append(b, s[1:1+n]...), s[1+n:]
			continue
		}
		j := 2
		for j < len(s) && j < 7 && isHex(s[j]) {
			j++
		}
		var r rune
		for _, c := range []byte(s[1:j]) {
			r = r<<4 | rune(hexValue(c))
		}
		if r > utf8.MaxRune {
			r, j = r>>4, j-1
		}
		b = utf8.AppendRune(b, r)
		s = s[j:]
		switch {
		case strings.HasPrefix(s, "\r\n"):
			s = s[2:]
		case len(s) > 0 && cssSpace(s[0]):
			s = s[1:]
		}
	}
	return string(b)
}

// hexValue is the value of the hex digit c.
func hexValue(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// JavaScript replacement tables, by byte; control characters below 0x20
// come from jsControl in all of them.
var (
	jsControl = func() (t [0x20]string) {
		const hex = "0123456789abcdef"
		for c := range t {
			t[c] = `\u00` + string(hex[c>>4]) + string(hex[c&15])
		}
		t['\t'], t['\n'], t['\f'], t['\r'] = `\t`, `\n`, `\f`, `\r`
		return t
	}()
	// jsStr is for JS string literals: HTML specials as \u escapes (so the
	// result can sit in an attribute), quotes, '/', backslash.
	jsStr = [128]string{
		'"': `\u0022`, '`': `\u0060`, '&': `\u0026`, '\'': `\u0027`, '+': `\u002b`,
		'/': `\/`, '<': `\u003c`, '>': `\u003e`, '\\': `\\`,
	}
	// jsStrNorm is jsStr keeping backslashes, for template.JSStr.
	jsStrNorm = [128]string{
		'"': `\u0022`, '`': `\u0060`, '&': `\u0026`, '\'': `\u0027`, '+': `\u002b`,
		'/': `\/`, '<': `\u003c`, '>': `\u003e`,
	}
	// jsTmplLit is jsStr plus the specials of template literals.
	jsTmplLit = [128]string{
		'"': `\u0022`, '`': `\u0060`, '&': `\u0026`, '\'': `\u0027`, '+': `\u002b`,
		'/': `\/`, '<': `\u003c`, '>': `\u003e`, '\\': `\\`,
		'$': `\u0024`, '{': `\u007b`, '}': `\u007d`,
	}
	// jsRegexp is for regular expression literals: also the regexp
	// specials, backslash-escaped.
	jsRegexp = [128]string{
		'"': `\u0022`, '$': `\$`, '&': `\u0026`, '\'': `\u0027`, '(': `\(`, ')': `\)`,
		'*': `\*`, '+': `\u002b`, '-': `\-`, '.': `\.`, '/': `\/`, '<': `\u003c`,
		'>': `\u003e`, '?': `\?`, '[': `\[`, '\\': `\\`, ']': `\]`, '^': `\^`,
		'{': `\{`, '|': `\|`, '}': `\}`,
	}
)

// escapeJS replaces control characters, the ASCII bytes table names and
// U+2028, U+2029 (line terminators in JS); other bytes, also those that
// are not UTF-8, stay.
func escapeJS(s string, table *[128]string) string {
	var b rewriter
	for i := 0; i < len(s); {
		c := s[i]
		var repl string
		w := 1
		switch {
		case c < 0x20:
			repl = jsControl[c]
		case c < utf8.RuneSelf:
			repl = table[c]
		default:
			var r rune
			r, w = utf8.DecodeRuneInString(s[i:])
			if r == '\u2028' {
				repl = `\u2028`
			} else if r == '\u2029' {
				repl = `\u2029`
			}
		}
		if repl != "" {
			b.cut(s, i, w).WriteString(repl)
		}
		i += w
	}
	return b.result(s)
}

// jsStrEscaper escapes for a quoted JS string; template.JSStr keeps its
// backslash escapes.
func jsStrEscaper(args ...any) string {
	s, k := text(args)
	if k == kindJSStr {
		return escapeJS(s, &jsStrNorm)
	}
	return escapeJS(s, &jsStr)
}

// jsTmplLitEscaper escapes for a JS template literal; content types are
// ignored.
func jsTmplLitEscaper(args ...any) string {
	s, _ := text(args)
	return escapeJS(s, &jsTmplLit)
}

// jsRegexpEscaper escapes for a JS regular expression literal, matching
// the value literally; an empty value is "(?:)" so that // cannot start
// a comment. Content types are ignored.
func jsRegexpEscaper(args ...any) string {
	s, _ := text(args)
	if s = escapeJS(s, &jsRegexp); s == "" {
		return "(?:)"
	}
	return s
}

var marshalerType = reflect.TypeFor[json.Marshaler]()

// derefJSON is deref that stops at a value implementing json.Marshaler.
func derefJSON(v any) any {
	if v == nil {
		return nil
	}
	if reflect.TypeOf(v).Kind() != reflect.Pointer {
		return v
	}
	r := reflect.ValueOf(v)
	for r.Kind() == reflect.Pointer && !r.IsNil() && !r.Type().Implements(marshalerType) {
		r = r.Elem()
	}
	return r.Interface()
}

// scriptTag matches the start of a script start or end tag.
var scriptTag = regexp.MustCompile(`(?i)<(/?)script`)

// jsValEscaper writes a value as a JS expression: its JSON, with U+2028
// and U+2029 escaped and padded with spaces when it begins or ends with an
// identifier character (so "in" or a number cannot run into a keyword).
// template.JS passes, template.JSStr is put in double quotes, a Stringer
// (that is not a json.Marshaler) is its String, several arguments their
// fmt.Sprint. A value JSON cannot encode becomes a comment with the error
// followed by null.
func jsValEscaper(args ...any) string {
	var a any
	if len(args) == 1 {
		a = derefJSON(args[0])
		switch v := a.(type) {
		case template.JS:
			return string(v)
		case template.JSStr:
			return `"` + string(v) + `"`
		case json.Marshaler:
		case fmt.Stringer:
			a = v.String()
		}
	} else {
		vals := make([]any, len(args))
		for i, v := range args {
			vals[i] = derefJSON(v)
		}
		a = fmt.Sprint(vals...)
	}
	j, err := json.Marshal(a)
	if err != nil {
		msg := scriptTag.ReplaceAllString(err.Error(), `\x3C${1}script`)
		msg = strings.ReplaceAll(msg, "*/", "* /")
		msg = strings.ReplaceAll(msg, "<!--", `\x3C!--`)
		return " /* " + msg + " */null "
	}
	if len(j) == 0 {
		return " null "
	}
	first, _ := utf8.DecodeRune(j)
	last, _ := utf8.DecodeLastRune(j)
	s := strings.NewReplacer("\u2028", `\u2028`, "\u2029", `\u2029`).Replace(string(j))
	if jsIdentPart(first) || jsIdentPart(last) {
		return " " + s + " "
	}
	return s
}

// jsIdentPart reports whether r is an ASCII letter or digit, '$' or '_'.
func jsIdentPart(r rune) bool {
	return r == '$' || r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}
