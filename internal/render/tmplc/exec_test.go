package tmplc

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"
	"testing"
)

type inner struct {
	Name string
	N    int
}

func (i inner) Value() string    { return "v:" + i.Name }
func (i *inner) Pointer() string { return "p:" + i.Name }

type strHolder struct{ s string }

func (s strHolder) String() string { return "<" + s.s + ">" }

type data struct {
	inner
	S      string
	Empty  string
	I      int
	Zero   int
	U      uint8
	F      float64
	B      bool
	P      *inner
	NilP   *inner
	Any    any
	NilAny any
	Str    fmt.Stringer
	Err    error
	L      []string
	NilL   []string
	M      map[string]int
	IM     map[int]string
	Arr    [2]int
	HTML   template.HTML
	URL    template.URL
	JS     string
	Fn     func() string
	Items  []inner
	PItems []*inner
}

func (d *data) Add(a, b int) int                    { return a + b }
func (d *data) Join(sep string, s ...string) string { return strings.Join(s, sep) }
func (d *data) Fail() (string, error)               { return "", errors.New("failed") }
func (d *data) Maybe(ok bool) (string, error) {
	if ok {
		return "yes", nil
	}
	return "", errors.New("no")
}
func (d *data) Panic() string { panic("boom") }

// Methods with the signatures DirectCalls calls directly.
func (d *data) Upper(s string) string     { return strings.ToUpper(s) }
func (d *data) Two(a, b string) string    { return a + "+" + b }
func (d *data) Rep(n int) string          { return strings.Repeat("r", n) }
func (d *data) H() template.HTML          { return "<i>h</i>" }
func (d *data) HS(s string) template.HTML { return template.HTML("<i>" + s + "</i>") }
func (d *data) Has(s string) bool         { return strings.Contains(d.S, s) }
func (d *data) Yes() bool                 { return true }
func (d *data) Num() int                  { return 42 }
func (d *data) Cnt(a, b string) int       { return len(a) + len(b) }
func (d *data) Str0() string              { return "<str0>" }
func (d *data) Self() *data               { return d }

func newData() *data {
	return &data{
		inner: inner{Name: `Ä <b>"x"</b> & 'y'`, N: 3},
		S:     `<script>alert("s")</script>`, I: 7, U: 7, F: 1.5, B: true,
		P:   &inner{Name: "pointed", N: 2},
		Any: 7, Str: strHolder{"st"}, Err: errors.New("an <error>"),
		L: []string{"a", "<b>", "c"}, M: map[string]int{"b": 2, "a": 1, "c": 0}, IM: map[int]string{3: "three", 1: "one", 2: "two"},
		Arr: [2]int{4, 5}, HTML: "<em>ok</em>", URL: "javascript:alert(1)", JS: `x'y"z</script>`,
		Fn:    func() string { return "fn" },
		Items: []inner{{"one", 1}, {"two", 2}}, PItems: []*inner{{"p1", 1}, nil},
	}
}

var testFuncs = template.FuncMap{
	"add":  func(a, b int) int { return a + b },
	"list": func(s ...string) []string { return s },
	"pair": func(a any, b any) string { return fmt.Sprint(a, "|", b) },
}

// TestSemantics runs templates with html/template and compiled, on awkward
// values, in text, attribute, URL and other contexts: the output must be
// the same, and where html/template fails the compiled program must fail
// too (the caller then lets html/template report it).
func TestSemantics(t *testing.T) {
	for _, tc := range []struct {
		src string
		// aborts: the compiled program may give up (a case it leaves to
		// html/template) although html/template succeeds.
		aborts bool
	}{
		{src: `{{.S}}|{{.Empty}}|{{.I}}|{{.Zero}}|{{.U}}|{{.F}}|{{.B}}|{{.Name}}|{{.N}}`},
		{src: `{{.P}}|{{.NilP}}|{{.Any}}|{{.NilAny}}|{{.Str}}|{{.Err}}|{{.L}}|{{.NilL}}|{{.M}}|{{.Arr}}`},
		{src: `{{.HTML}}|{{.URL}}|<a href="{{.URL}}" title="{{.S}}">x</a><a href="/x?q={{.S}}&r={{.Name}}">y</a>`},
		{src: `<a href="{{.S}}">{{.HTML}}</a><img alt={{.S}}><p title='{{.HTML}}'>`},
		{src: `<textarea>{{.S}}</textarea><title>{{.Name}} {{.HTML}}</title>`},
		{src: `<!-- {{.S}} -->{{.Value}}|{{.Pointer}}|{{.P.Value}}|{{.P.Pointer}}|{{.Self.Name}}`},
		{src: `{{if .S}}s{{end}}{{if .Empty}}e{{else}}!e{{end}}{{if .Zero}}z{{else if .I}}i{{end}}{{if .NilP}}n{{end}}{{if .NilAny}}a{{end}}{{if .NilL}}l{{end}}{{if .Arr}}arr{{end}}{{if .inner}}struct{{end}}{{if .F}}f{{end}}{{if .Str}}st{{end}}`},
		{src: `{{with .P}}{{.Name}}{{end}}{{with .NilP}}x{{else}}nil{{end}}{{with .Empty}}x{{else with .S}}{{.}}{{end}}`},
		{src: `{{and .I .S}}|{{and .Zero .S}}|{{or .Zero .Empty}}|{{or .Empty .I}}|{{and 1 0 2}}|{{or 0 "" "x"}}|{{not .I}}|{{not .NilP}}|{{and .NilP .Fail}}|{{or .I .Fail}}`},
		{src: `{{eq .I 7}}|{{eq .U 7}}|{{eq .I .U}}|{{eq .S "x" "y"}}|{{ne .I 8}}|{{lt .I 8}}|{{le .I 7}}|{{gt .F 1.0}}|{{ge .U 9}}|{{eq .NilP nil}}|{{eq .P .P}}|{{lt "a" "b"}}`},
		{src: `{{eq .I "7"}}`},
		{src: `{{lt .B true}}`},
		{src: `{{len .L}}|{{len .M}}|{{len .S}}|{{len .Arr}}|{{index .L 1}}|{{index .M "b"}}|{{index .M "zz"}}|{{index .IM 2}}|{{index .Arr 1}}|{{index .S 0}}`},
		{src: `{{len .I}}`},
		{src: `{{index .L 9}}`},
		{src: `{{range .L}}[{{.}}]{{else}}none{{end}}{{range .NilL}}x{{else}}empty{{end}}{{range $i, $x := .L}}{{$i}}={{$x}};{{end}}{{range $x := .Items}}{{$x.Name}}{{.N}}{{end}}`},
		{src: `{{range $k, $v := .M}}{{$k}}:{{$v}},{{end}}|{{range .IM}}{{.}}{{end}}|{{range $k, $v := .IM}}{{$k}}{{$v}}{{end}}|{{range .Arr}}{{.}}{{end}}`},
		{src: `{{range .PItems}}{{if .}}{{.Name}}{{.Pointer}}{{end}}{{end}}{{range .Items}}{{.Pointer}}{{end}}`},
		{src: `{{range .PItems}}{{.Name}}{{end}}`},
		{src: `{{range 3}}{{.}}{{end}}{{range $i := .U}}{{$i}}{{end}}{{range 0}}x{{else}}none{{end}}`},
		{src: `{{range $i, $x := 3}}{{.}}{{end}}`},
		{src: `{{$x := .I}}{{$x}}{{$x = 9}}{{$x}}{{range .L}}{{$x = .}}{{end}}{{$x}}{{with $y := .S}}{{$y}}{{$}}{{end}}`},
		{src: `{{.Add 2 3}}|{{.Add .I .N}}|{{.Join "-" "a" "b"}}|{{.Join ","}}|{{.Join "+" .S .Name}}|{{"q" | .Join "/" "p"}}|{{.Maybe true}}|{{call .Fn}}`, aborts: true},
		{src: `{{.Add 2 3}}|{{.Add .I .N}}|{{.Join "-" "a" "b"}}|{{.Join ","}}|{{.Join "+" .S .Name}}|{{"q" | .Join "/" "p"}}|{{.Maybe true}}`},
		{src: `{{.Upper "a<b"}}|{{.Upper .S}}|{{.S | .Upper}}|{{.Two "a" .Name}}|{{"z" | .Two "y"}}|{{.Rep 3}}|{{.Rep .I}}|{{.H}}|{{.HS "x"}}|{{.Has "alert"}}|{{if .Yes}}y{{end}}|{{.Num}}|{{.Cnt "ab" "c"}}|{{.Str0}}|{{.Self.Upper "q"}}`},
		{src: `<a href="{{.Upper "/x"}}" title="{{.H}}">{{.HS .S}}</a>`},
		{src: `{{.Upper}}`},
		{src: `{{.Upper 1}}`},
		{src: `{{.Rep "x"}}`},
		{src: `{{.Upper .NilP}}`},
		{src: `{{.Two "a"}}`},
		{src: `{{.Str0 "x"}}`},
		{src: `{{.Fail}}`},
		{src: `{{.Maybe false}}`},
		{src: `{{.Panic}}`},
		{src: `{{.NoSuch}}`},
		{src: `{{.NilP.Name}}`},
		{src: `{{.M.a}}|{{.M.c}}`},
		{src: `{{.M.zz}}`},
		{src: `{{add 1 2}}|{{add .I 3 | add 4}}|{{list "a" "b"}}|{{range list "x" .S}}{{.}}{{end}}|{{pair 1 "x"}}|{{pair .NilP nil}}|{{pair .Any .Str}}`},
		{src: `{{print .S 1 .NilP}}|{{printf "%d-%s" .I .S}}|{{println .L}}|{{html .S}}|{{urlquery .S}}|{{js .JS}}`},
		{src: `{{(.Self).Name}}|{{(index .Items 1).Name}}|{{.Self.P.Name | printf "%q"}}|{{.S | len}}|{{.I | eq 7}}|{{.Zero | or .Empty}}`},
		{src: `{{define "sub"}}<{{.}}|{{$}}>{{end}}{{template "sub" .S}}{{template "sub" 5}}{{template "sub"}}{{block "blk" .Name}}[{{.}}]{{end}}`},
		{src: `{{define "rec"}}{{if .}}{{len .}}{{template "rec" slice . 1}}{{end}}{{end}}{{template "rec" .S}}`},
		{src: `{{define "a"}}<a href="{{.}}">{{.}}</a>{{end}}<p title="{{template "tt" .URL}}">{{template "a" .URL}}</p>{{define "tt"}}{{.}}{{end}}`},
		{src: `<script>var x = {{.S}};</script>`, aborts: true},
		{src: `<style>p { color: {{.S}} }</style>`, aborts: true},
		{src: `<a onclick="f({{.S}})">x</a>`, aborts: true},
		{src: `{{range $i, $x := .L}}{{if eq $i 1}}{{continue}}{{end}}{{$x}}{{end}}`, aborts: true},
	} {
		t.Run(tc.src, func(t *testing.T) {
			checkExec(t, tc.src, newData(), tc.aborts)
		})
	}
}

// checkExec compares html/template and the compiled program on one template.
func checkExec(t *testing.T, src string, d any, mayAbort bool) {
	t.Helper()
	std := template.Must(template.New("t").Funcs(testFuncs).Option("missingkey=error").Parse(src))
	var want bytes.Buffer
	wantErr := std.Execute(&want, d)

	set := template.Must(template.New("t").Funcs(testFuncs).Option("missingkey=error").Parse(src))
	if err := set.Execute(io.Discard, d); err != nil && wantErr == nil {
		t.Fatal(err)
	}
	var escErr *template.Error
	if errors.As(wantErr, &escErr) {
		return // not escaped: nothing to compile
	}
	for _, direct := range [][]Direct{nil, {DirectCalls[*data]()}} {
		runExec(t, set, d, direct, want.String(), wantErr, mayAbort)
	}
}

func runExec(t *testing.T, set *template.Template, d any, direct []Direct, want string, wantErr error, mayAbort bool) {
	t.Helper()
	prog, err := Compile(set, "t", testFuncs, direct...)
	if err != nil {
		if !IsUnsupported(err) {
			t.Fatalf("compile: %v", err)
		}
		if !mayAbort {
			t.Errorf("not compiled: %v", err)
		}
		return
	}
	var got bytes.Buffer
	got.WriteString("prefix")
	gotErr := prog.Execute(&got, d)
	switch {
	case wantErr != nil && gotErr == nil:
		t.Errorf("html/template fails (%v), compiled gives %q", wantErr, got.String())
	case wantErr == nil && gotErr != nil:
		if !mayAbort {
			t.Errorf("compiled aborts: %v", gotErr)
		}
	case wantErr == nil && got.String() != "prefix"+want:
		t.Errorf("html/template: %s\ncompiled:      %s (direct calls: %d)", want, strings.TrimPrefix(got.String(), "prefix"), len(direct))
	}
}

// TestBuiltinsMatrix runs truth, and, or, not, eq, ne, lt, le, len and
// index on every pair of awkward values, compiled and with html/template.
func TestBuiltinsMatrix(t *testing.T) {
	n := 3
	var nilMap map[string]int
	var nilIface fmt.Stringer
	values := []any{
		nil, 0, 1, -1, uint(0), uint(3), int8(-2), 1.5, 0.0, "", "a", "<b>", true, false,
		&n, (*int)(nil), []int{}, []int{1, 2}, []string(nil), map[string]int{"k": 1}, nilMap,
		map[int]string{0: "z"}, [0]int{}, [1]string{"x"}, inner{"i", 1}, &inner{"p", 2}, (*inner)(nil),
		nilIface, strHolder{"s"}, errors.New("e"), template.HTML("<i>"), []any{nil, 1},
	}
	ops := []string{
		`{{if .A}}t{{else}}f{{end}}`, `{{and .A .B}}`, `{{or .A .B}}`, `{{not .A}}`, `{{and .A 1 .B}}`,
		`{{eq .A .B}}`, `{{ne .A .B}}`, `{{lt .A .B}}`, `{{le .A .B}}`, `{{gt .A .B}}`, `{{ge .A .B}}`,
		`{{len .A}}`, `{{index .A 0}}`, `{{index .A "k"}}`, `{{index .A .B}}`, `{{with .A}}{{.}}{{end}}`,
		`{{range .A}}[{{.}}]{{else}}none{{end}}`, `<a title="{{.A}}" href="/{{.B}}">{{print .A .B}}</a>`,
	}
	for _, op := range ops {
		for i, a := range values {
			for j, b := range values {
				d := &struct{ A, B any }{a, b}
				t.Run(fmt.Sprintf("%s/%d/%d", op, i, j), func(t *testing.T) {
					checkExec(t, op, d, false)
				})
			}
		}
	}
}

// TestBuiltinsEdges covers what the value classes of funcs.go decide
// beyond TestBuiltinsMatrix: slice bounds, integer keys of other integer
// types, NaN ordering, eq with several operands, number constants by
// their spelling, arguments behind pointers and interfaces. Where the
// compiled program aborts or is not compiled, html/template renders the
// page; where it runs, the output must be html/template's.
func TestBuiltinsEdges(t *testing.T) {
	nan := 0.0
	nan = nan / nan
	n := 5
	d := &struct {
		S    string
		L    []int
		Arr  [3]int
		PArr *[3]int
		M8   map[int8]string
		MU   map[uint]string
		MS   map[string]int
		MA   map[any]int
		NaN  float64
		F    float64
		I    int
		U    uint64
		I8   int8
		P    *int
		Any  any
		Str  fmt.Stringer
		Ch   chan int
	}{
		S: "héllo", L: []int{1, 2, 3, 4}, Arr: [3]int{7, 8, 9}, PArr: &[3]int{1, 2, 3},
		M8: map[int8]string{3: "three", 44: "forty-four"}, MU: map[uint]string{2: "two"},
		MS: map[string]int{"a": 1}, MA: map[any]int{1: 1, "a": 2}, NaN: nan, F: 2.5, I: -1, U: 1 << 63, I8: 3,
		P: &n, Any: &n, Str: strHolder{"x"}, Ch: make(chan int, 3),
	}
	for _, tc := range []struct {
		src    string
		aborts bool
	}{
		{src: `{{slice .S}}|{{slice .S 1}}|{{slice .S 1 3}}|{{slice .L 1 2}}|{{slice .L 0 4}}|{{slice .PArr 1}}|{{len (slice .L 1 2 3)}}`},
		{src: `{{slice .L 2 1}}`},
		{src: `{{slice .L 0 5}}`},
		{src: `{{slice .S 0 1 2}}`},
		{src: `{{slice .L .I}}`},
		{src: `{{slice .L 1 2 3 4}}`},
		{src: `{{slice .Arr 1}}`},
		{src: `{{slice .P}}`},
		{src: `{{index .M8 3}}|{{index .M8 300}}|{{index .M8 .I8}}|{{index .MU 2}}|{{index .MU .I}}|{{index .MS "b"}}|{{index .MA 1}}|{{index .MA "a"}}|{{index .MA 2.5}}`},
		{src: `{{index .MU -1}}`},
		{src: `{{index .MS 1}}`},
		{src: `{{index .L 4}}`},
		{src: `{{index .L .U}}`},
		{src: `{{index .L -1}}`},
		{src: `{{index .PArr 2}}|{{index .S 1}}|{{index .Arr 2}}|{{index .L}}|{{index .P}}`},
		{src: `{{index nil 1}}`},
		{src: `{{lt .NaN 1.0}}|{{le .NaN 1.0}}|{{gt .NaN 1.0}}|{{ge .NaN 1.0}}|{{eq .NaN .NaN}}|{{ne .NaN .NaN}}`},
		{src: `{{lt .I .U}}|{{gt .U .I}}|{{eq .U .I}}|{{le .I8 3}}|{{ge .I8 4}}|{{lt "a" "b"}}|{{gt .F 2.4}}`},
		{src: `{{eq .I 0 1 -1}}|{{eq .I 0 1}}|{{eq .S "x" "héllo" 3}}|{{.I | eq 5 -1}}`},
		{src: `{{eq .I 0 "x" -1}}`},
		{src: `{{eq .I}}`},
		{src: `{{eq .P .Any}}|{{eq .P nil}}|{{eq nil nil}}|{{eq .Str .Str}}|{{ne .Ch nil}}`},
		{src: `{{lt true false}}`},
		{src: `{{lt nil 1}}`},
		{src: `{{lt 1i 2i}}`},
		{src: `{{print 1.0}}|{{print 1e3}}|{{print 'a'}}|{{print 0o17}}|{{print 0b101}}|{{print 1_000}}|{{print 2i}}|{{print -7}}`},
		{src: `{{print 0x1F}}|{{print 0x1p4}}|{{print -0x1E}}`, aborts: true},
		{src: `{{print 18446744073709551615}}`},
		{src: `{{len .S}}|{{len .P | print}}`},
		{src: `{{len .Ch}}|{{len .PArr}}|{{len .Any}}`},
		{src: `{{if .Ch}}c{{end}}{{if .NaN}}n{{end}}{{if .U}}u{{end}}{{if .Any}}a{{end}}{{if .Str}}s{{end}}`},
		{src: `{{.Ch}}`},
		{src: `{{.P}}|{{.Any}}|{{.Str}}|{{print .P}}`},
		{src: `{{and}}`},
	} {
		t.Run(tc.src, func(t *testing.T) {
			checkExec(t, tc.src, d, tc.aborts)
		})
	}
}
