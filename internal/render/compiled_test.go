package render

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"maki/internal/corpus"
	"maki/internal/load"
	"maki/internal/markdown"
	"maki/internal/register"
	"maki/internal/render/tmplc"
)

// The compiled templates (package tmplc) must give every file
// byte for byte as html/template does. These tests render whole sites
// twice, with MAKI_TEMPLATES=std and without, and compare every file.

// renderFiles renders reg with theme and returns every file emitted
// (pages, assets) and the prepared site; std turns the compiled
// templates off.
func renderFiles(t *testing.T, reg *register.Register, theme fs.FS, std bool) (map[string][]byte, *Prepared) {
	t.Helper()
	if std {
		t.Setenv("MAKI_TEMPLATES", "std")
	} else {
		t.Setenv("MAKI_TEMPLATES", "")
	}
	reg.Site.BaseURL = "https://example.org/register/"
	cat, errs := load.Catalog(os.DirFS("../../themes/default"), "themes/default")
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	cfg := Config{BaseURL: reg.Site.BaseURL, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		Catalog: cat, Markdown: markdown.New().HTML, Stats: register.ComputeStats(reg), PageSize: 7}
	p, err := Prepare(context.Background(), theme, reg, cfg, Reuse{})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	out := map[string][]byte{}
	emit := func(path string, b []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := out[path]; dup {
			t.Errorf("%s emitted twice", path)
		}
		out[path] = bytes.Clone(b)
		return nil
	}
	if err := p.EmitAssets(emit); err != nil {
		t.Fatal(err)
	}
	if err := p.RenderAll(context.Background(), emit); err != nil {
		t.Fatal(err)
	}
	return out, p
}

// sameFiles compares two renderings file by file.
func sameFiles(t *testing.T, want, got map[string][]byte) {
	t.Helper()
	var names []string
	for name := range want {
		names = append(names, name)
	}
	sort.Strings(names)
	bad := 0
	for _, name := range names {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: missing with compiled templates", name)
			bad++
		case !bytes.Equal(g, want[name]):
			t.Errorf("%s differs with compiled templates:\n%s", name, firstDiff(want[name], g))
			bad++
		}
		if bad > 5 {
			t.Fatal("too many differences")
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: only with compiled templates", name)
		}
	}
}

// firstDiff shows where two outputs part.
func firstDiff(want, got []byte) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(0, i-80)
	return "html/template: …" + string(want[from:min(len(want), i+80)]) + "\ncompiled:      …" + string(got[from:min(len(got), i+80)])
}

// compiledKinds returns the page types whose chrome was used and is
// compiled, and fails for each used one that is not.
func compiledKinds(t *testing.T, p *Prepared) int {
	t.Helper()
	n := 0
	for lang, slots := range p.r.chromes {
		for kind, slot := range slots {
			if slot.c == nil {
				continue
			}
			if slot.c.prog == nil {
				t.Errorf("%s %s: not compiled: %v", lang, kind, slot.c.progErr)
				continue
			}
			n++
		}
	}
	return n
}

// equalSites renders reg with and without compiled templates, compares
// every file and returns the compiled run's site.
func equalSites(t *testing.T, load func() *register.Register, theme fs.FS) *Prepared {
	t.Helper()
	want, _ := renderFiles(t, load(), theme, true)
	got, p := renderFiles(t, load(), theme, false)
	if len(want) == 0 {
		t.Fatal("no files")
	}
	sameFiles(t, want, got)
	t.Logf("%d files compared, %d fallbacks", len(want), p.r.fallbacks.Load())
	return p
}

func exampleRegister(t *testing.T) func() *register.Register {
	return func() *register.Register {
		reg, errs := load.Register(os.DirFS("../../content"), "content")
		if errs.Err() != nil {
			t.Fatal(errs.Errors()[0])
		}
		return reg.Public()
	}
}

func corpusRegister(t *testing.T, fsys fs.FS) func() *register.Register {
	return func() *register.Register {
		reg, errs := load.Register(fsys, "content")
		if errs.Err() != nil {
			t.Fatal(errs.Errors()[0])
		}
		return reg.Public()
	}
}

// TestCompiledExampleContent: the example content, every file equal, and
// no page left to html/template.
func TestCompiledExampleContent(t *testing.T) {
	p := equalSites(t, exampleRegister(t), os.DirFS("../../themes/default"))
	if n := compiledKinds(t, p); n == 0 {
		t.Error("no page type compiled")
	}
	if n := p.r.cardsCompiled.Load(); int(n) != len(p.r.langs) {
		t.Errorf("the system card is compiled in %d languages, want %d", n, len(p.r.langs))
	}
	if n := p.r.fallbacks.Load(); n != 0 {
		t.Errorf("%d pages fell back to html/template, want none", n)
	}
}

// TestCompiledCorpus: a synthetic register (corpus.BenchSize(300)
// systems; MAKI_BENCH_N=2000 for the full size).
func TestCompiledCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	p := equalSites(t, corpusRegister(t, corpus.FS(corpus.BenchSize(300), 1)), os.DirFS("../../themes/default"))
	compiledKinds(t, p)
	if n := p.r.fallbacks.Load(); n != 0 {
		t.Errorf("%d pages fell back to html/template, want none", n)
	}
}

// hostile is put into every free text of the hostile corpus: markup,
// quotes of both kinds, entities, a javascript: URL, template syntax,
// a script end and a comment start.
const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)> "dq" 'sq' &amp; javascript:alert(3) {{.}} </script><!-- x`

// hostileFS is the corpus with hostile text in every name, title,
// summary and description, and in Markdown (links to javascript: URLs
// and raw HTML).
func hostileFS(n int) fstest.MapFS {
	fsys := corpus.FS(n, 11)
	quoted := strconv.Quote(hostile)
	line := regexp.MustCompile(`(?m)^(\s*(?:- )?(?:name|title|summary|short_name|de|en|description|label): )([^|\n"\[][^\n]*)$`)
	block := regexp.MustCompile(`(?m)^(\w+: \|\n)`)
	for name, f := range fsys {
		if !strings.HasSuffix(name, ".yaml") && !strings.HasSuffix(name, ".md") {
			continue
		}
		s := line.ReplaceAllStringFunc(string(f.Data), func(m string) string {
			sm := line.FindStringSubmatch(m)
			return sm[1] + strconv.Quote(sm[2] + " ")[:len(strconv.Quote(sm[2]+" "))-1] + quoted[1:]
		})
		s = block.ReplaceAllString(s, "$1  [Klick](javascript:alert(4)) <b onclick=\"x()\">fett</b> "+strings.ReplaceAll(hostile, "\n", " ")+"\n\n")
		if strings.HasSuffix(name, ".md") {
			s += "\n[Klick](javascript:alert(5)) <script>alert(6)</script> \"q\" 'q'\n"
		}
		fsys[name] = &fstest.MapFile{Data: []byte(s)}
	}
	return fsys
}

// TestCompiledHostileContent: content trying to inject markup renders the
// same with compiled templates (escaped the same in every context).
func TestCompiledHostileContent(t *testing.T) {
	fsys := hostileFS(30)
	p := equalSites(t, corpusRegister(t, fsys), os.DirFS("../../themes/default"))
	compiledKinds(t, p)
	got, _ := renderFiles(t, corpusRegister(t, fsys)(), os.DirFS("../../themes/default"), false)
	seen := 0
	for name, b := range got {
		if strings.HasSuffix(name, ".html") && bytes.Contains(b, []byte("&lt;script&gt;alert(1)")) {
			seen++
		}
	}
	if seen == 0 {
		t.Error("the hostile text shows on no page: the test content is not what it means to be")
	}
}

// themeEdited is the default theme with a snippet put at the start of the
// main block of the page type kind's template.
func themeEdited(t *testing.T, edits map[string]string) fs.FS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../../themes/default"), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile("../../themes/default/" + path)
		fsys[path] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for kind, snippet := range edits {
		name := "templates/" + kind + ".html"
		src := string(fsys[name].Data)
		if !strings.Contains(src, `{{define "main"}}`) {
			t.Fatalf("%s has no main block", name)
		}
		fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(src, `{{define "main"}}`, `{{define "main"}}`+snippet, 1))}
	}
	return fsys
}

// TestCompiledFallsBack: a theme with what tmplc does not compile (break
// in a range: the system pages) or does not run (range over an iterator
// function: the static pages) renders the same, through html/template.
func TestCompiledFallsBack(t *testing.T) {
	theme := themeEdited(t, map[string]string{
		"system": `{{range $i, $t := .Data.Topics}}{{if $i}}{{break}}{{end}}<b>{{$t}}</b>{{end}}`,
		"page":   `{{range $k, $v := .Data.ValuePositions}}<i title="{{len $k}}">.</i>{{end}}`,
	})
	p := equalSites(t, exampleRegister(t), theme)
	files, _ := renderFiles(t, exampleRegister(t)(), theme, false)
	if !bytes.Contains(files["ueber/index.html"], []byte(`<i title="`)) || !bytes.Contains(files["systeme/index.html"], []byte(`system-card`)) {
		t.Error("the edited templates do not show in the pages")
	}
	for lang, slots := range p.r.chromes {
		for kind, slot := range slots {
			if slot.c == nil {
				continue
			}
			switch compiled := slot.c.prog != nil; {
			case kind == "system" && compiled:
				t.Errorf("%s system compiled, want it left to html/template", lang)
			case kind == "system" && !tmplc.IsUnsupported(slot.c.progErr):
				t.Errorf("%s system: %v, want a construct not compiled", lang, slot.c.progErr)
			case kind != "system" && !compiled:
				t.Errorf("%s %s not compiled: %v", lang, kind, slot.c.progErr)
			}
		}
	}
	pages := 0
	for _, j := range p.jobs {
		if j.kind == "page" {
			pages++
		}
	}
	if n := p.r.fallbacks.Load(); n != int64(pages) {
		t.Errorf("%d pages fell back, want the %d static pages", n, pages)
	}
}

// TestCompiledErrorsAsBefore: a template failing while executing gives
// html/template's error, word for word.
func TestCompiledErrorsAsBefore(t *testing.T) {
	for name, snippet := range map[string]string{
		"missing asset": `{{.Asset "no/such.css"}}`,
		"missing field": `{{.Data.NoSuchField}}`,
		"nil pointer":   `{{with .Sheet}}{{.Org.Name}}{{end}}{{.Reg.System "nix" | printf "%v"}}{{(.Sys "nix").Name}}`,
		"wrong type":    `{{eq .Lang 1}}`,
	} {
		t.Run(name, func(t *testing.T) {
			var errs [2]string
			for i, std := range []bool{true, false} {
				if std {
					t.Setenv("MAKI_TEMPLATES", "std")
				} else {
					t.Setenv("MAKI_TEMPLATES", "")
				}
				reg := exampleRegister(t)()
				reg.Site.BaseURL = "https://example.org/"
				cat, _ := load.Catalog(os.DirFS("../../themes/default"), "themes/default")
				cfg := Config{BaseURL: reg.Site.BaseURL, Catalog: cat, Markdown: markdown.New().HTML, Stats: register.ComputeStats(reg)}
				_, err := Site(context.Background(), themeEdited(t, map[string]string{"page": snippet}), reg, cfg, func(string, []byte) error { return nil })
				if err == nil {
					t.Fatalf("std=%v: no error", std)
				}
				errs[i] = err.Error()
			}
			if errs[0] != errs[1] {
				t.Errorf("html/template: %s\ncompiled:      %s", errs[0], errs[1])
			}
		})
	}
}

// TestCompiledWithoutChrome: a layout the chrome cannot split (a per-page
// value in an unquoted attribute) is rendered whole for every page; its
// whole template is compiled after the first page of each type, and the
// files are html/template's.
func TestCompiledWithoutChrome(t *testing.T) {
	b, err := os.ReadFile("../../themes/default/templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	layout := strings.Replace(string(b), "<head>", "<head><meta name=maki-path content={{.Path}}>", 1)
	if layout == string(b) {
		t.Fatal("layout.html has no <head>")
	}
	p := equalSites(t, exampleRegister(t), themeWith(t, layout))
	compiled := 0
	for lang, slots := range p.r.chromes {
		for kind, slot := range slots {
			if slot.c != nil {
				t.Errorf("%s %s has a chrome, want none", lang, kind)
			}
			if slot.whole.Load() != nil {
				compiled++
			}
		}
	}
	if compiled == 0 {
		t.Error("no whole template compiled")
	}
	if n := p.r.fallbacks.Load(); n != 0 {
		t.Errorf("%d pages fell back", n)
	}
}
