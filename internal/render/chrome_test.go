package render

import (
	"bytes"
	"context"
	"html/template"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"maki/internal/load"
	"maki/internal/markdown"
	"maki/internal/register"
)

// hostile are per-page values that try to break out of every context a
// hole of the layout can sit in.
const (
	hostileTitle = `</title><script>alert("t")</script>'&+ javascript:x`
	hostilePath  = `javascript:alert(1)//"><img src=x onerror=alert(2)>?q='&`
)

// themeWith returns the default theme with templates/layout.html replaced
// by layout ("" keeps it).
func themeWith(t testing.TB, layout string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	base := os.DirFS("../../themes/default")
	err := fs.WalkDir(base, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(base, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if layout != "" {
		m["templates/layout.html"] = &fstest.MapFile{Data: []byte(layout)}
	}
	return m
}

// prepareWith prepares reg with a theme; md, when not nil, renders the
// Markdown.
func prepareWith(t testing.TB, theme fs.FS, reg *register.Register, md func(string, int)) *Prepared {
	t.Helper()
	reg = reg.Public()
	reg.Site.BaseURL = "https://example.org/register/"
	cat, errs := load.Catalog(theme, "themes/default")
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	cfg := Config{BaseURL: reg.Site.BaseURL, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		Catalog: cat, Markdown: markdown.New().HTML, Stats: register.ComputeStats(reg)}
	if md != nil {
		conv := cfg.Markdown
		cfg.Markdown = func(s string, off int) template.HTML { md(s, off); return conv(s, off) }
	}
	p, err := Prepare(context.Background(), theme, reg, cfg, Reuse{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// whole renders a job with the whole layout, as before chromes.
func whole(t *testing.T, r *renderer, j job) string {
	t.Helper()
	var buf bytes.Buffer
	tm := r.tmpl[j.lang][j.kind]
	if err := tm.ExecuteTemplate(&buf, tm.Name(), r.page(j)); err != nil {
		t.Fatal(err)
	}
	replaceControls(&buf)
	return buf.String()
}

// viaChrome renders a job with its chrome, failing when it has none.
func viaChrome(t *testing.T, r *renderer, j job) string {
	t.Helper()
	c, err := r.chrome(j.lang, j.kind)
	if c == nil {
		t.Fatalf("%s %s: no chrome: %v", j.lang, j.kind, err)
	}
	var buf bytes.Buffer
	if err := c.exec(&buf, r.page(j)); err != nil {
		t.Fatal(err)
	}
	replaceControls(&buf)
	return buf.String()
}

// hostileJob is a 404 page whose title, path and breadcrumbs are hostile.
func hostileJob(lang string) job {
	return job{kind: "notfound", lang: lang, path: hostilePath, out: "x.html", title: hostileTitle,
		crumbs: []Crumb{{Title: hostileTitle, Path: hostilePath}, {Title: "ok", Path: "systeme/"}}}
}

// TestChromeEscapesHolesAsTheLayout puts a hole in every kind of context
// html/template knows in HTML pages — text, RCDATA (title), attributes
// in double and single quotes, the start of a URL, a URL's path and query, a
// JavaScript string and regular expression, a CSS string, a textarea, a condition on .Path, a range over .Crumbs, the main
// block — fills them with markup, quotes and javascript: URLs, and wants
// the chrome's page byte for byte as html/template renders the whole
// layout: the values escaped, the javascript: URL at the start of an href
// replaced by #ZgotmplZ.
func TestChromeEscapesHolesAsTheLayout(t *testing.T) {
	layout := `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<title>{{.Title}} – {{(.Tx .Site.Title).S}}</title>
<meta name="description" content="{{.Title}}">
<link rel="canonical" href="{{.Abs .Path}}">
<link rel="alternate" href="{{.Path}}">
<script>var title = "{{.Title}}", re = /{{.Title}}/, n = 1;</script>
<style>p::after { content: "{{.Title}}"; }</style>
</head>
<body class="page-{{.Kind}}" data-path="{{.Path}}" title='{{.Title}}'>
<a href="{{.URL ""}}?from={{.Path}}&amp;t={{.Title}}">{{.T "nav.home"}}</a>
<a href="/x/{{.Path}}">{{.Path}}</a>
<a href="{{.URL "systeme/"}}"{{if eq .Path "systeme/"}} aria-current="page"{{end}}>x</a>
<textarea>{{.Title}}</textarea>
{{- range .Crumbs}}
<a href="{{$.URL .Path}}">{{.Title}}</a>
{{- end}}
<main>{{template "main" .}}</main>
</body>
</html>
`
	p := prepareWith(t, themeWith(t, layout), loadCorpus(t, 5), nil)
	for _, lang := range p.r.langs {
		j := hostileJob(lang)
		want, got := whole(t, p.r, j), viaChrome(t, p.r, j)
		if got != want {
			t.Errorf("%s: chrome differs from the whole layout:\n got: %s\nwant: %s", lang, got, want)
		}
		if c, _ := p.r.chrome(lang, "notfound"); len(c.segs)-1 < 15 {
			t.Errorf("%s: %d holes, want every per-page value a hole (15)", lang, len(c.segs)-1)
		}
		for _, bad := range []string{"<script>alert", `"><img`, "href=\"javascript:"} {
			if strings.Contains(got, bad) {
				t.Errorf("%s: page contains %q", lang, bad)
			}
		}
		for _, esc := range []string{"&lt;/title&gt;&lt;script&gt;", `href="#ZgotmplZ"`, `\u003c\/title\u003e`, "&#39;&amp;&#43;"} {
			if !strings.Contains(got, esc) {
				t.Errorf("%s: page lacks the escaped form %q:\n%s", lang, esc, got)
			}
		}
	}
}

// TestChromeFallsBack: a layout with a hole the chrome cannot reproduce
// exactly — one that changes the escaping context (a value in a script
// expression is followed by a division, not a regular expression), an
// unquoted attribute value (without the hole the next attribute would be
// the value), one in
// an HTML comment (html/template drops comments, so the chrome's text has
// no context for it), one that reads a variable declared outside it —
// gets no chrome for its
// page types (with the reason) and is rendered whole, as before.
func TestChromeFallsBack(t *testing.T) {
	for _, tc := range []struct{ name, layout, why string }{
		{"script", `<!DOCTYPE html><html><head><script>var p = {{.Path}};</script></head><body>{{template "main" .}}</body></html>`,
			"changes the escaping context"},
		{"unquoted attribute", `<!DOCTYPE html><html><head><title>x</title></head><body data-path={{.Path}} class=x>{{template "main" .}}</body></html>`,
			"without its holes"},
		{"comment", `<!DOCTYPE html><html><head><title>x</title><!-- {{.Title}} --></head><body>{{template "main" .}}</body></html>`,
			"escaped in another context between the static text"},
		{"variable", `<!DOCTYPE html><html><head>{{$t := .Title}}<title>{{$t}}</title></head><body>{{template "main" .}}</body></html>`,
			"declared outside it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := prepareWith(t, themeWith(t, tc.layout), loadCorpus(t, 3), nil)
			for _, lang := range p.r.langs {
				c, err := p.r.chrome(lang, "notfound")
				if c != nil {
					t.Errorf("%s: a chrome for a layout it cannot reproduce", lang)
				} else if !strings.Contains(err.Error(), tc.why) {
					t.Errorf("%s: no chrome because %v, want %q", lang, err, tc.why)
				}
				j := hostileJob(lang)
				var buf bytes.Buffer
				if err := p.r.exec(&buf, j); err != nil {
					t.Fatal(err)
				}
				if want := whole(t, p.r, j); buf.String() != want {
					t.Errorf("%s: got %s, want %s", lang, buf.String(), want)
				}
			}
		})
	}
}

// TestChromeDefaultTheme: the default theme's layout has a chrome for
// every language and page type, and every page of a corpus — and every
// page again with a hostile title, path and breadcrumbs — is byte for byte
// what the whole layout renders.
func TestChromeDefaultTheme(t *testing.T) {
	p := prepareWith(t, themeWith(t, ""), loadCorpus(t, 40), nil)
	for lang, kinds := range p.r.chromes {
		for kind := range kinds {
			if _, err := p.r.chrome(lang, kind); err != nil {
				t.Errorf("no chrome: %v", err)
			}
		}
	}
	for _, j := range p.jobs {
		if got, want := viaChrome(t, p.r, j), whole(t, p.r, j); got != want {
			t.Fatalf("%s: chrome differs from the whole layout:\n got: %s\nwant: %s", j.out, got, want)
		}
		h := j
		h.title, h.path, h.crumbs = hostileTitle, hostilePath, hostileJob(j.lang).crumbs
		if got, want := viaChrome(t, p.r, h), whole(t, p.r, h); got != want {
			t.Fatalf("%s with hostile values: chrome differs from the whole layout:\n got: %s\nwant: %s", j.out, got, want)
		}
	}
}

// TestChromeTemplateError: a template error in a hole is reported as the
// whole layout reports it.
func TestChromeTemplateError(t *testing.T) {
	layout := `<!DOCTYPE html><html><head><title>{{.Title}}</title></head><body>{{template "main" .}}{{.Title.Nope}}</body></html>`
	p := prepareWith(t, themeWith(t, layout), loadCorpus(t, 3), nil)
	j := hostileJob("de")
	var buf bytes.Buffer
	err := p.r.exec(&buf, j)
	tm := p.r.tmpl["de"]["notfound"]
	want := tm.ExecuteTemplate(&bytes.Buffer{}, tm.Name(), p.r.page(j))
	if err == nil || want == nil || err.Error() != want.Error() {
		t.Errorf("got error %v, want %v", err, want)
	}
}

// TestMarkdownOncePerText: RenderAll renders a Markdown text once for all
// the languages that show it (an English page of a system without English
// text shows the German), where rendering page by page renders it per
// page; the pages are the same.
func TestMarkdownOncePerText(t *testing.T) {
	reg := loadCorpus(t, 20)
	for _, s := range reg.Systems {
		s.Purpose.En, s.Description.En = "", "" // German only
	}
	var mu sync.Mutex
	count := map[string]int{}
	p := prepareWith(t, themeWith(t, ""), reg, func(s string, off int) {
		mu.Lock()
		count[s]++
		mu.Unlock()
	})
	all := map[string]string{}
	if err := p.RenderAll(context.Background(), func(path string, b []byte) error {
		mu.Lock()
		all[path] = string(b)
		mu.Unlock()
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, s := range p.r.reg.Systems {
		if n := count[s.Purpose.De]; n != 1 {
			t.Errorf("%s: purpose rendered %d times, want once", s.ID, n)
		}
	}
	clear(count)
	for _, j := range p.jobs {
		var buf bytes.Buffer
		if ok, err := p.Page(j.out, &buf); !ok || err != nil {
			t.Fatal(j.out, ok, err)
		}
		if buf.String() != all[j.out] {
			t.Errorf("%s: RenderAll and Page differ", j.out)
		}
	}
	for _, s := range p.r.reg.Systems {
		if n := count[s.Purpose.De]; n != 2 {
			t.Errorf("%s: purpose rendered %d times page by page, want twice (de, en)", s.ID, n)
		}
	}
}
