package tmplc

import (
	"errors"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"text/template/parse"
)

// themeEscapers parses the default theme the way package render does
// (layout.html, partials, one page file per set), has html/template escape
// every page and returns the escaper names in the escaped trees, sorted.
func themeEscapers(t *testing.T) []string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "themes", "default", "templates")
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// Stand-ins for render's funcs: parsing needs the names only.
	funcs := template.FuncMap{
		"add":         func(a, b int) int { return a + b },
		"list":        func(s ...string) []string { return s },
		"versionData": func(a ...any) any { return nil },
		"changeData":  func(a ...any) any { return nil },
	}
	partials, err := filepath.Glob(filepath.Join(dir, "partials", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	pages, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, page := range pages {
		name := filepath.Base(page)
		if name == "layout.html" {
			continue
		}
		set := template.Must(template.New("layout.html").Funcs(funcs).Parse(read("layout.html")))
		for _, p := range partials {
			template.Must(set.New(filepath.Base(p)).Parse(read(filepath.Join("partials", filepath.Base(p)))))
		}
		template.Must(set.New(name).Parse(read(name)))
		// Escaping happens before execution; executing without data fails
		// afterwards, which does not matter here.
		var escErr *template.Error
		if err := set.Execute(io.Discard, nil); errors.As(err, &escErr) {
			t.Fatalf("%s: %v", name, err)
		}
		for _, tm := range set.Templates() {
			if tm.Tree == nil || tm.Tree.Root == nil {
				continue
			}
			walk(tm.Tree.Root, func(id string) {
				if strings.HasPrefix(id, "_html_template_") || id == "_eval_args_" {
					found[id] = true
				}
			})
		}
	}
	var names []string
	for n := range found {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// walk calls f with every identifier in the tree under n.
func walk(n parse.Node, f func(string)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, f)
		}
	case *parse.ActionNode:
		walk(n.Pipe, f)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walk(c, f)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walk(a, f)
		}
	case *parse.IdentifierNode:
		f(n.Ident)
	case *parse.ChainNode:
		walk(n.Node, f)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, f)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		walk(n.Pipe, f)
	}
}

func walkBranch(b *parse.BranchNode, f func(string)) {
	walk(b.Pipe, f)
	walk(b.List, f)
	walk(b.ElseList, f)
}

// TestThemeEscapers checks that every escaper html/template puts into the
// default theme's pages is one Escaper has.
func TestThemeEscapers(t *testing.T) {
	names := themeEscapers(t)
	if len(names) == 0 {
		t.Fatal("no escapers found in the default theme")
	}
	t.Logf("default theme: %s", strings.Join(names, " "))
	for _, n := range names {
		if _, ok := Escaper(n); !ok {
			t.Errorf("the default theme uses %s, which Escaper does not have", n)
		}
	}
}
