package tmplc

import (
	"fmt"
	"html/template"
	"reflect"
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
	"_html_template_htmlescaper":    htmlEscaper,
	"_html_template_attrescaper":    attrEscaper,
	"_html_template_nospaceescaper": nospaceEscaper,
	"_html_template_rcdataescaper":  rcdataEscaper,
	"_html_template_commentescaper": commentEscaper,
	"_html_template_urlfilter":      urlFilter,
	"_html_template_urlnormalizer":  urlNormalizer,
	"_html_template_urlescaper":     urlEscaper,
	"_eval_args_":                   evalArgs,
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

// escapeHTML replaces the ASCII bytes of s that table names. With nonchars,
// it also writes the runes U+FDD0–U+FDEF and U+FFF0–U+FFFF (among them
// U+FFFD, which is what a byte that is not UTF-8 counts as) as hexadecimal
// character references, as html/template does in unquoted attributes.
func escapeHTML(s string, table *[128]string, nonchars bool) string {
	var b strings.Builder
	done := 0
	for i := 0; i < len(s); {
		c := s[i]
		var repl string
		w := 1
		if c < utf8.RuneSelf {
			repl = table[c]
		} else {
			var r rune
			r, w = utf8.DecodeRuneInString(s[i:])
			if nonchars && (0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff) {
				repl = fmt.Sprintf("&#x%x;", r)
			}
		}
		if repl != "" {
			if done == 0 {
				b.Grow(len(s) + 16)
			}
			b.WriteString(s[done:i])
			b.WriteString(repl)
			done = i + w
		}
		i += w
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
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
	var b strings.Builder
	done := 0
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
		if done == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[done:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		done = i + 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}
