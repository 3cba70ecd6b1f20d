package tmplc

import (
	"bytes"
	"html/template"
	"testing"
	"text/template/parse"
)

// compiled is the escaped tree of a one-action template as text before,
// escaper chain, text after: what a compiled executor does with it.
type compiled struct {
	pre, post string
	chain     []func(...any) string
}

func compile(tb testing.TB, t *template.Template) compiled {
	var c compiled
	seen := false
	for _, n := range t.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			if seen {
				c.post += string(n.Text)
			} else {
				c.pre += string(n.Text)
			}
		case *parse.ActionNode:
			seen = true
			for _, cmd := range n.Pipe.Cmds[1:] {
				fn, ok := Escaper(cmd.String())
				if !ok {
					tb.Fatalf("no escaper %s", cmd)
				}
				c.chain = append(c.chain, fn)
			}
		}
	}
	return c
}

func (c compiled) exec(b *bytes.Buffer, v any) {
	b.WriteString(c.pre)
	for _, fn := range c.chain {
		v = fn(v)
	}
	b.WriteString(v.(string))
	b.WriteString(c.post)
}

// BenchmarkEscapers compares html/template executing {{.}} in the contexts
// of the default theme with the same output made from this package's
// escapers (a compiled executor's share). Run with -count N: the two
// sub-benchmarks of a context alternate.
func BenchmarkEscapers(b *testing.B) {
	for _, bc := range []struct {
		name, src string
		val       any
	}{
		{"text", `<p>{{.}}</p>`, "Künstliche Intelligenz & Verwaltung: <Prüfung> \"Ämter\""},
		{"textPlain", `<p>{{.}}</p>`, "Bundesamt für Migration und Flüchtlinge"},
		{"textHTML", `<p>{{.}}</p>`, template.HTML("<p>Ein <em>System</em> zur Prüfung.</p>")},
		{"attr", `<a title="{{.}}">`, "Künstliche Intelligenz & Verwaltung"},
		{"rcdata", `<title>{{.}}</title>`, "Ein System – KI-Transparenzregister"},
		{"url", `<a href="{{.}}">`, "https://example.org/pfad/zur seite?a=1&b=ä"},
		{"urlQuery", `<a href="/suche/?q={{.}}">`, "Künstliche Intelligenz & mehr"},
		{"int", `<p>{{.}}</p>`, 12345},
	} {
		t := template.Must(template.New("t").Parse(bc.src))
		if err := t.Execute(new(bytes.Buffer), bc.val); err != nil {
			b.Fatal(err)
		}
		c := compile(b, t)
		var want, got bytes.Buffer
		t.Execute(&want, bc.val)
		c.exec(&got, bc.val)
		if got.String() != want.String() {
			b.Fatalf("%s: got %q, want %q", bc.name, got.String(), want.String())
		}
		b.Run(bc.name+"/stdlib", func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := t.Execute(&buf, bc.val); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(bc.name+"/tmplc", func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				c.exec(&buf, bc.val)
			}
		})
	}
}
