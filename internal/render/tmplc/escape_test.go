package tmplc

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"math"
	"reflect"
	"strings"
	"testing"
	"text/template/parse"
	"time"
)

// The tests here are differential: html/template executes a template with
// one action in some context, and the same output is computed from the
// escaped tree with the functions of this package — the text nodes as
// html/template left them, the action's pipeline with Escaper's function
// for each escaper name html/template put in it. Any difference in any
// byte fails.

// contexts are templates with a single action {{.}} in every context
// html/template distinguishes, with the escapers html/template is
// expected to put into the action (checked, so that a change in
// html/template's choice shows).
var contexts = []struct {
	src   string
	chain string
}{
	{`<p>{{.}}</p>`, "htmlescaper"},
	{`<a title="{{.}}">`, "attrescaper"},
	{`<a title='{{.}}'>`, "attrescaper"},
	{`<a title={{.}}>`, "nospaceescaper"},
	{`<textarea>{{.}}</textarea>`, "rcdataescaper"},
	{`<title>{{.}}</title>`, "rcdataescaper"},
	{`<p><!-- {{.}} --></p>`, "commentescaper"},
	{`<a href="{{.}}">`, "urlfilter urlnormalizer attrescaper"},
	{`<a href='{{.}}'>`, "urlfilter urlnormalizer attrescaper"},
	{`<a href={{.}}>`, "urlfilter urlnormalizer nospaceescaper"},
	{`<a href="/x/{{.}}">`, "urlnormalizer attrescaper"},
	{`<a href="/x?q={{.}}">`, "urlescaper attrescaper"},
	{`<a href="/x#{{.}}">`, "urlescaper attrescaper"},
	{`<a href=/x?q{{.}}>`, "urlescaper nospaceescaper"},
	{`<img src="{{.}}">`, "urlfilter urlnormalizer attrescaper"},
	{`<a data-url="{{.}}">`, "urlfilter urlnormalizer attrescaper"},
	{`<meta http-equiv="refresh" content="0; url={{.}}">`, "urlfilter attrescaper"},
	{`<img srcset="{{.}}">`, "srcsetescaper attrescaper"},
	{`<img srcset={{.}}>`, "srcsetescaper nospaceescaper"},
	{`<p style="color: {{.}}">`, "cssvaluefilter attrescaper"},
	{`<p style="font-family: '{{.}}'">`, "urlfilter cssescaper"},
	{`<style>p { color: {{.}} }</style>`, "cssvaluefilter"},
	{`<style>p { font-family: "{{.}}" }</style>`, "urlfilter cssescaper"},
	{`<style>p { background: url({{.}}) }</style>`, "urlfilter urlnormalizer"},
	{`<style>p { background: url("{{.}}") }</style>`, "urlfilter urlnormalizer"},
	{`<style>p { background: url(/x?q={{.}}) }</style>`, "urlescaper"},
	{`<script>var x = {{.}};</script>`, "jsvalescaper"},
	{`<script>var x = "{{.}}";</script>`, "jsstrescaper"},
	{`<script>var x = '{{.}}';</script>`, "jsstrescaper"},
	{"<script>var x = `{{.}}`;</script>", "jstmpllitescaper"},
	{`<script>var x = /{{.}}/;</script>`, "jsregexpescaper"},
	{`<script type="application/ld+json">{{.}}</script>`, "jsvalescaper"},
	{`<button onclick="f({{.}})">`, "jsvalescaper attrescaper"},
	{`<button onclick="f('{{.}}')">`, "jsstrescaper"},
	{`<button onclick=f({{.}})>`, "jsvalescaper nospaceescaper"},
}

// escaped is a template of contexts, escaped by html/template.
type escaped struct {
	src string
	t   *template.Template
}

// parseContexts parses and escapes the templates of contexts and checks
// the escaper chain html/template chose.
func parseContexts(tb testing.TB) []escaped {
	tb.Helper()
	var out []escaped
	for _, c := range contexts {
		t := template.Must(template.New("t").Parse(c.src))
		if err := t.Execute(new(strings.Builder), ""); err != nil {
			tb.Fatalf("%s: %v", c.src, err)
		}
		var chain []string
		for _, n := range t.Tree.Root.Nodes {
			if a, ok := n.(*parse.ActionNode); ok {
				for _, cmd := range a.Pipe.Cmds[1:] {
					chain = append(chain, strings.TrimPrefix(cmd.String(), "_html_template_"))
				}
			}
		}
		if got := strings.Join(chain, " "); got != c.chain {
			tb.Fatalf("%s: html/template escapes with %q, want %q", c.src, got, c.chain)
		}
		out = append(out, escaped{c.src, t})
	}
	return out
}

// mine renders the escaped tree of t with data using this package's
// escapers for the actions.
func mine(t *template.Template, data any) (string, error) {
	var b strings.Builder
	for _, n := range t.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			b.Write(n.Text)
		case *parse.ActionNode:
			s, err := pipeline(n.Pipe, data)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		default:
			return "", fmt.Errorf("unexpected node %s", n)
		}
	}
	return b.String(), nil
}

// mineRecover is mine, reporting a panic of an escaper.
func mineRecover(t *template.Template, data any) (s string, err error, panicked any) {
	defer func() { panicked = recover() }()
	s, err = mine(t, data)
	return s, err, nil
}

// pipeline evaluates a pipeline of the forms html/template leaves in the
// test templates: `. | esc | esc...` or `esc args... | esc...`, where an
// argument is . or a field of dot.
func pipeline(p *parse.PipeNode, data any) (string, error) {
	arg := func(n parse.Node) (any, error) {
		switch n := n.(type) {
		case *parse.DotNode:
			return data, nil
		case *parse.FieldNode:
			return reflect.ValueOf(data).FieldByName(n.Ident[0]).Interface(), nil
		}
		return nil, fmt.Errorf("unexpected argument %s", n)
	}
	var val any
	for i, cmd := range p.Cmds {
		id, ok := cmd.Args[0].(*parse.IdentifierNode)
		if !ok {
			if i != 0 || len(cmd.Args) != 1 {
				return "", fmt.Errorf("unexpected command %s", cmd)
			}
			v, err := arg(cmd.Args[0])
			if err != nil {
				return "", err
			}
			val = v
			continue
		}
		fn, ok := Escaper(id.Ident)
		if !ok {
			return "", fmt.Errorf("no escaper %s", id.Ident)
		}
		var args []any
		for _, a := range cmd.Args[1:] {
			v, err := arg(a)
			if err != nil {
				return "", err
			}
			args = append(args, v)
		}
		if i > 0 {
			args = append(args, val)
		}
		val = fn(args...)
	}
	s, ok := val.(string)
	if !ok {
		return "", fmt.Errorf("pipeline ends in %T", val)
	}
	return s, nil
}

// check executes t with data in html/template and compares with mine.
func check(t testing.TB, e escaped, data any) {
	t.Helper()
	var want strings.Builder
	wantErr := e.t.Execute(&want, data)
	got, err, panicked := mineRecover(e.t, data)
	if panicked != nil {
		// A value's own method panicked (String, MarshalJSON); text/template
		// turns that into an error of the call.
		if wantErr == nil || !strings.Contains(wantErr.Error(), "error calling") {
			t.Fatalf("%s with %#v: tmplc panics: %v; html/template: %v", e.src, data, panicked, wantErr)
		}
		return
	}
	if wantErr != nil || err != nil {
		t.Fatalf("%s with %#v: html/template: %v; tmplc: %v", e.src, data, wantErr, err)
	}
	if got != want.String() {
		t.Errorf("%s with %#v (%T):\n got %q\nwant %q", e.src, data, data, got, want.String())
	}
}

// awkward are strings that take the escapers through their cases.
var awkward = func() []string {
	var ascii strings.Builder
	for c := 0; c < 128; c++ {
		ascii.WriteByte(byte(c))
	}
	s := []string{
		ascii.String(), "", " ", "x", "\t\n\v\f\r ", "\x00", "a\x00b",
		"&amp;", "&", "a&b", "&lt;b&gt;", "&#34;", "&#x27;", `"'` + "`", "+", "a+b=c",
		"\xff", "a\xffb", "\xe2\x80", "\xe2\x80\xa8", "\u2028\u2029", "x\u2028y", "\ufffd", "\xef\xbf\xbd",
		"\ufdd0\ufdef\ufdcf\ufdf0\ufff0\uffff\ufffe", "ä€😀", "\U0010ffff", "\xed\xa0\x80",
		strings.Repeat("<a&b>", 2000), strings.Repeat("é", 3000),
		"javascript:alert(1)", "JAVASCRIPT:alert(1)", "JaVaScRiPt:x", " javascript:x", "java\tscript:x",
		" data:text/html,x", "data:text/html,<script>", "vbscript:x", "mailto:a@b.de", "MailTo:x?subject=a b",
		"http://example.com/a b?c=d&e=f#g", "HTTPS://x", "http:", "https:x", "ftp://x", "//evil.example/x",
		"/rel/path?a=b&c=d#f", "rel/x:y", "x/y:z", ":x", "a:b/c", "?q=javascript:x", "#frag",
		"%41%zz%4", "%", "%4", "%%41", "%2", "a%2x", "%C3%A4", "%c3%a4%", "100%",
		"http://[::1]:80/x", "http://[fe80::1%25eth0]/", "[::1]", "a@b:c",
		"!#$&*+,/:;=?@[]", "-._~", "a b", "(x)", "'x'",
		"a.png 1x, b.png 2x", " x.png 1x ,y.png 2x", "a.png 1.5x", "a.png,b.png", ",", " , ", "javascript:x 1x, b.png",
		"a.png 1x,", "\ta.png\t1x\t", "a.png (x)", "x.png 100w",
		"red", "#fff", "10px", "1.5em", "--x", "a--b", "-x", "expression(alert(1))", "eXpReSsIoN",
		"-moz-binding", "moz\\-binding", "\\65xpression", "\\0", "\\", "a\\", "\\\\", "\\110000", "\\10FFFF",
		"\\d800", "\\A B", "\\A\r\nB", "\\A\rB", "\\000041", "\\41\\42", "\\\"", "\\ä", "\\\xff", "\\1234567",
		"x;y", "x}y", "a/b", "@import", "url(x)", "inherit", "ex pression", "Mozbinding",
		"<!--", "-->", "</script>", "</SCRIPT>", "<script", "</style>", "]]>", "${x}", "`x`",
		"in", "1e3", "x/y", "a\\nb", `\u0022`, `\x3c`, "f(1)", "[1,2]", "{a:1}", "/re/g", "(?:)",
		"<b>x</b> &amp; <i>y</i>", `<a title="1>2">x</a>`, "<script>x</script>y", "a<b", "I <3 ponies",
		"<p title='x'>t</p>", "<!-- c -->t", "<textarea>x</textarea>y", "<b", "x<", "<a href=x>y</a>z",
		"&iexcl;Hi!", "<img src=x onerror=alert(1)>",
	}
	return s
}()

// typedValues are the content types of html/template applied to s.
func typedValues(s string) []any {
	return []any{
		s, template.HTML(s), template.HTMLAttr(s), template.URL(s), template.CSS(s),
		template.JS(s), template.JSStr(s), template.Srcset(s),
	}
}

type (
	stringer    struct{ s string }
	ptrStringer struct{ s string }
	named       string
	namedStr    string
	errValue    struct{ s string }
	marshaler   struct{ s string }
	badMarshal  struct{}
	bothMethods struct{}
)

func (s stringer) String() string     { return "<" + s.s + ">" }
func (s *ptrStringer) String() string { return "*<" + s.s + ">" }
func (s namedStr) String() string     { return "named<" + string(s) + ">" }
func (e errValue) Error() string      { return "err<" + e.s + ">" }
func (m marshaler) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{"m": m.s})
}
func (badMarshal) MarshalJSON() ([]byte, error) {
	return nil, errors.New("bad </script> <!-- */ <SCRIPT")
}
func (bothMethods) MarshalJSON() ([]byte, error) { return []byte(`"json"`), nil }
func (bothMethods) String() string               { return "stringer" }

// others are values that are not strings.
func others() []any {
	str := "p<q>"
	pstr := &str
	html := template.HTML("<b>x</b>")
	url := template.URL("javascript:x")
	var nilStr *string
	var nilStringer *ptrStringer
	var nilErr error
	n := 42
	return []any{
		0, 42, -1, 3.5, math.Inf(1), math.NaN(), true, nil, nilStr, pstr, &pstr, &html, &url, &n,
		stringer{"a&b"}, &stringer{"c<d"}, ptrStringer{"e"}, &ptrStringer{"f'"}, nilStringer,
		named("n<m"), namedStr("x&y"), errValue{"<e>"}, &errValue{"&"}, errors.New("x<y"), nilErr,
		[]int{1, 2}, []string{"a", "<"}, map[string]int{"b": 2, "a": 1}, struct{ A, B string }{"<", ">"},
		marshaler{"</script>"}, &marshaler{"\u2028"}, badMarshal{}, bothMethods{}, &bothMethods{},
		json.RawMessage(`{"a":1}`), time.Duration(1500) * time.Millisecond, complex(1, 2),
		make(chan int), []byte("ab<"), 'x', uint8(7), [2]bool{true, false},
	}
}

// TestContexts compares every escaper html/template uses in contexts with
// html/template on every awkward string, each ASCII byte, every content
// type and other values.
func TestContexts(t *testing.T) {
	es := parseContexts(t)
	var values []any
	for _, s := range awkward {
		values = append(values, typedValues(s)...)
	}
	for c := 0; c < 256; c++ {
		values = append(values, typedValues(string([]byte{'a', byte(c), 'b'}))...)
		values = append(values, string([]byte{byte(c)}))
	}
	values = append(values, others()...)
	for _, e := range es {
		for _, v := range values {
			check(t, e, v)
		}
	}
}

// args are the data of the multi-argument templates.
type args struct{ A, B, C any }

// direct are templates that call an escaper with arguments (as
// html/template's escaper never does, but the functions allow), in a
// context where html/template adds nothing or a known escaper after it.
var direct = []string{
	`{{_html_template_htmlescaper .A .B .C}}`,
	`{{_html_template_htmlescaper}}`,
	`<a title="{{_html_template_attrescaper .A .B .C}}">`,
	`<a title={{_html_template_nospaceescaper .A .B .C}}>`,
	`<textarea>{{_html_template_rcdataescaper .A .B .C}}</textarea>`,
	`<p><!--{{_html_template_commentescaper .A .B .C}}--></p>`,
	`<style>p { background: url({{_html_template_urlfilter .A .B .C}}) }</style>`,
	`<style>p { background: url(/x/{{_html_template_urlnormalizer .A .B .C}}) }</style>`,
	`<style>p { background: url(/x?{{_html_template_urlescaper .A .B .C}}) }</style>`,
	`<img srcset="{{_html_template_srcsetescaper .A .B .C}}">`,
	`<style>p { color: {{_html_template_cssvaluefilter .A .B .C}} }</style>`,
	`<style>p { font-family: "{{_html_template_cssescaper .A .B .C}}" }</style>`,
	`<script>x = {{_html_template_jsvalescaper .A .B .C}};</script>`,
	`<script>x = {{_html_template_jsvalescaper}};</script>`,
	`<script>x = "{{_html_template_jsstrescaper .A .B .C}}";</script>`,
	"<script>x = `{{_html_template_jstmpllitescaper .A .B .C}}`;</script>",
	`<script>x = /{{_html_template_jsregexpescaper .A .B .C}}/;</script>`,
	`{{_eval_args_ .A .B .C}}`,
	`{{_eval_args_ .A}}`,
}

// parseDirect parses and escapes the templates of direct. The escaper
// names are declared for parsing with stand-ins; escaping replaces them
// with html/template's own functions.
func parseDirect(tb testing.TB) []escaped {
	stub := func(...any) string { panic("stand-in called") }
	funcs := template.FuncMap{"_eval_args_": stub}
	for _, n := range []string{"htmlescaper", "attrescaper", "nospaceescaper", "rcdataescaper",
		"commentescaper", "urlfilter", "urlnormalizer", "urlescaper", "srcsetescaper", "cssvaluefilter",
		"cssescaper", "jsvalescaper", "jsstrescaper", "jstmpllitescaper", "jsregexpescaper"} {
		funcs["_html_template_"+n] = stub
	}
	var out []escaped
	for _, src := range direct {
		t := template.Must(template.New("t").Funcs(funcs).Parse(src))
		if err := t.Execute(new(strings.Builder), args{}); err != nil {
			tb.Fatalf("%s: %v", src, err)
		}
		out = append(out, escaped{src, t})
	}
	return out
}

// TestDirect compares the escapers called with several arguments
// (stringified together, untyped nils left out) with html/template's.
func TestDirect(t *testing.T) {
	str := "s&"
	var nilStr *string
	lists := []args{
		{}, {A: "a"}, {A: "a", B: "b"}, {A: "a", B: nil, C: "b"}, {A: 1, B: 2, C: 3},
		{A: "<", B: template.HTML("<b>"), C: template.URL("javascript:x")}, {A: &str, B: nilStr},
		{A: errValue{"e"}, B: stringer{"s"}, C: &ptrStringer{"p"}}, {A: template.HTML("<b>x</b>")},
		{A: template.URL("a b,c")}, {A: template.Srcset("a b")}, {A: template.CSS("x(")},
		{A: template.JS("x()")}, {A: template.JSStr(`a\"b`)}, {A: "javascript:", B: "x"},
		{A: "http", B: ":", C: "x"}, {A: marshaler{"m"}, B: marshaler{"n"}}, {A: badMarshal{}},
		{A: "\u2028", B: 1}, {A: "", B: ""}, {A: nil, B: nil},
	}
	for _, e := range parseDirect(t) {
		for _, a := range lists {
			check(t, e, a)
		}
	}
}

// TestEscaperNames checks that Escaper knows exactly the names expected,
// and nothing for other names.
func TestEscaperNames(t *testing.T) {
	for _, n := range []string{"_html_template_htmlnamefilter", "html", "urlquery", "", "_html_template_"} {
		if _, ok := Escaper(n); ok {
			t.Errorf("Escaper(%q) ok, want not", n)
		}
	}
	if got := len(Names()); got != 16 {
		t.Errorf("%d names, want 16", got)
	}
}

// maxFuzzLen bounds the strings FuzzEscapers tries, so that it runs (and
// minimizes) fast; TestContexts has long ones.
const maxFuzzLen = 512

// FuzzEscapers compares every context of contexts, and the escapers called
// with one and two arguments, with html/template on random strings of
// every content type.
func FuzzEscapers(f *testing.F) {
	for i, s := range awkward {
		if len(s) <= maxFuzzLen {
			f.Add(s, uint8(i))
		}
	}
	es := parseContexts(f)
	ds := parseDirect(f)
	f.Fuzz(func(t *testing.T, s string, kind uint8) {
		if len(s) > maxFuzzLen {
			t.Skip("long strings are in TestContexts")
		}
		vs := typedValues(s)
		v := vs[int(kind)%len(vs)]
		for _, e := range es {
			check(t, e, v)
		}
		for _, e := range ds {
			check(t, e, args{A: v})
			check(t, e, args{A: s, B: v})
		}
	})
}

// TestArgsKept checks that the escapers leave their argument slice as it
// was (html/template's overwrite it with what they print).
func TestArgsKept(t *testing.T) {
	str := "a"
	for _, name := range Names() {
		fn, _ := Escaper(name)
		in := []any{&str, nil, stringer{"s"}}
		fn(in...)
		if in[0] != any(&str) || in[1] != nil || in[2] != any(stringer{"s"}) {
			t.Errorf("%s changed its arguments to %#v", name, in)
		}
	}
}
