package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"maki/internal/register"
)

var testNow = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

func exampleConfig(t *testing.T, out string) Config {
	t.Helper()
	if _, err := os.Stat("../../content/site.yaml"); err != nil {
		t.Skip("no example content")
	}
	return Config{Content: "../../content", Theme: "../../themes/default", Out: out, Now: testNow}
}

// tree returns path → sha256 of every file under dir.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func diffTrees(a, b map[string]string) []string {
	var d []string
	for k, v := range a {
		if b[k] != v {
			d = append(d, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			d = append(d, k)
		}
	}
	sort.Strings(d)
	return d
}

func TestBuildIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if _, err := Run(context.Background(), exampleConfig(t, a), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), exampleConfig(t, b), nil); err != nil {
		t.Fatal(err)
	}
	ta, tb := tree(t, a), tree(t, b)
	if d := diffTrees(ta, tb); len(d) > 0 {
		t.Fatalf("two builds of the same input differ in %d files, first %s", len(d), d[0])
	}
	for _, want := range []string{
		"index.html", "en/index.html", "systeme/index.html", "en/systeme/index.html",
		"organisationen/index.html", "themen/index.html", "status/production/index.html",
		"ebenen/bund/index.html", "laender/de-bw/index.html", "risikoklassen/high_risk/index.html",
		"techniken/nlp/index.html", "impressum/index.html", "barrierefreiheit/index.html",
		"leichte-sprache/index.html", "datenschutz/index.html", "404.html", "en/404.html",
		"sitemap.xml", "robots.txt",
	} {
		if _, ok := ta[want]; !ok {
			t.Errorf("build made no %s", want)
		}
	}
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyContent copies the example content into a temporary directory.
func copyContent(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dst, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	cfg := exampleConfig(t, out)
	if _, err := Run(context.Background(), cfg, nil); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)

	cfg.Content = copyContent(t)
	writeFile(t, filepath.Join(cfg.Content, "systeme", "kaputt.yaml"), "name: Kaputt\nstatus: prod\n")
	_, err := Run(context.Background(), cfg, nil)
	var list register.ErrorList
	if !errors.As(err, &list) || len(list.Errors()) == 0 {
		t.Fatalf("build of broken content: err = %v; want content errors", err)
	}
	if !strings.Contains(list.Errors().Error(), "kaputt.yaml") {
		t.Errorf("errors do not name the broken file: %v", list)
	}
	if d := diffTrees(before, tree(t, out)); len(d) > 0 {
		t.Fatalf("failed build changed %d files of the previous output, first %s", len(d), d[0])
	}

	// A broken template fails at render time, after staging began.
	theme := filepath.Join(t.TempDir(), "theme")
	if err := os.CopyFS(theme, os.DirFS("../../themes/default")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(theme, "templates", "system.html"), `{{define "main"}}{{.Data.Ownr}}{{end}}`)
	cfg = exampleConfig(t, out)
	cfg.Theme = theme
	_, err = Run(context.Background(), cfg, nil)
	if err == nil || !strings.Contains(err.Error(), "system.html") {
		t.Fatalf("build with a broken template: err = %v; want an error naming system.html", err)
	}
	if d := diffTrees(before, tree(t, out)); len(d) > 0 {
		t.Fatalf("failed render changed %d files of the previous output, first %s", len(d), d[0])
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.tmp-*"))
	if len(leftovers) > 0 {
		t.Errorf("staging directories left behind: %v", leftovers)
	}
}

func TestInterruptedBuildLeavesOutputUntouched(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	cfg := exampleConfig(t, out)
	if _, err := Run(context.Background(), cfg, nil); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg.Now = testNow.AddDate(0, 0, 1) // would change security.txt
	if _, err := Run(ctx, cfg, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled build: err = %v; want context.Canceled", err)
	}
	if d := diffTrees(before, tree(t, out)); len(d) > 0 {
		t.Fatalf("cancelled build changed %s", d[0])
	}
}

var quoted = regexp.MustCompile(`"[^"]*"`)

var eventAttr = regexp.MustCompile(`<[a-zA-Z][^<>]*\son[a-z]+\s*=`)

var hrefPattern = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// checkLinks checks that every local link and asset of every HTML page of
// the build in out points at a file of the build (files, from tree), and
// returns how many links it checked. Local links are those under base's
// path; links with a scheme are not followed.
func checkLinks(t *testing.T, out string, files map[string]string, base string) int {
	t.Helper()
	root := "/"
	if i := strings.Index(base, "://"); i >= 0 {
		if j := strings.Index(base[i+3:], "/"); j >= 0 {
			root = base[i+3+j:]
		}
	}
	checked := 0
	for name := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		b, _ := os.ReadFile(filepath.Join(out, name))
		for _, m := range hrefPattern.FindAllStringSubmatch(string(b), -1) {
			link := strings.ReplaceAll(m[1], "&amp;", "&")
			if strings.HasPrefix(link, "#") || strings.Contains(link, ":") && !strings.HasPrefix(link, "/") {
				continue // fragment, https:, mailto:, data:
			}
			if !strings.HasPrefix(link, "/") { // relative link from Markdown
				link = path.Join(root, path.Dir(name), link) + map[bool]string{true: "/"}[strings.HasSuffix(link, "/")]
			}
			if !strings.HasPrefix(link, root) {
				t.Errorf("%s: link %q is not under the base path %s", name, link, root)
				continue
			}
			if !fileOf(files, strings.TrimPrefix(link, root)) {
				t.Errorf("%s: link %q points at no file", name, link)
			}
			checked++
		}
	}
	return checked
}

// fileOf reports whether the site path p (relative to the site root, with
// any query or fragment) names a file of the build.
func fileOf(files map[string]string, p string) bool {
	p, _, _ = strings.Cut(p, "#")
	p, _, _ = strings.Cut(p, "?")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	_, ok := files[p]
	return ok
}

// TestLinksResolveUnderSubPath builds for a sub-path and checks that every
// local link and asset of every page points at a file of the build.
func TestLinksResolveUnderSubPath(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	cfg := exampleConfig(t, out)
	cfg.BaseURL = "https://example.org/register/"
	if _, err := Run(context.Background(), cfg, nil); err != nil {
		t.Fatal(err)
	}
	files := tree(t, out)
	checked := checkLinks(t, out, files, "https://example.org/register/")
	if checked < 1000 {
		t.Errorf("checked only %d links; want the whole site", checked)
	}
}

// TestContentCannotInjectMarkup builds a register whose texts try to inject
// script and markup and checks that none of it reaches a page.
func TestContentCannotInjectMarkup(t *testing.T) {
	content := copyContent(t)
	evil := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	sys := evilFreeSystem(t, content)
	sys = strings.Replace(sys, `name: "NAME"`, `name: "Böse `+strings.ReplaceAll(evil, `"`, `\"`)+`"`, 1)
	sys = strings.Replace(sys, `summary: "Ein System, das umbenannt wird, um die Warnung bei geänderten Kennungen zu prüfen."`,
		`summary: "Zusammenfassung mit \"Anführungszeichen\" und einem Versuch: x\" onmouseover=\"alert(3)"`, 1)
	sys = strings.Replace(sys, "published:", `tags: ["`+evil+`"]`+"\npublished:", 1)
	sys += "Ein Text mit [Link](https://example.org) und **fett**.\n"
	writeFile(t, filepath.Join(content, "systeme", "boese-eingabe.md"), sys)
	out := filepath.Join(t.TempDir(), "public")
	cfg := exampleConfig(t, out)
	cfg.Content = content
	if _, err := Run(context.Background(), cfg, nil); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"systeme/boese-eingabe/index.html", "en/systeme/boese-eingabe/index.html", "systeme/index.html"} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for _, bad := range []string{"<script>alert", "<img src=x", `" onmouseover="`} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q: content injected markup", name, bad)
			}
		}
		if m := eventAttr.FindString(quoted.ReplaceAllString(s, `""`)); m != "" {
			t.Errorf("%s has an event handler attribute: %s", name, m)
		}
		if name == "systeme/boese-eingabe/index.html" && !strings.Contains(s, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s does not show the escaped text", name)
		}
	}
}

func firstOrg(t *testing.T, content string) string {
	m, _ := filepath.Glob(filepath.Join(content, "organisationen", "*.yaml"))
	if len(m) == 0 {
		t.Skip("no organisations")
	}
	return strings.TrimSuffix(filepath.Base(m[0]), ".yaml")
}

func firstTopic(t *testing.T, content string) string {
	b, _ := os.ReadFile(filepath.Join(content, "themen.yaml"))
	m := regexp.MustCompile(`(?m)^- id: *([a-z0-9-]+)`).FindSubmatch(b)
	if m == nil {
		t.Skip("no topics")
	}
	return string(m[1])
}

// TestRenamedIDWarns: a system id that the last build published and that
// is gone without a redirect gives a warning naming it.
func TestRenamedIDWarns(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	cfg := exampleConfig(t, out)
	cfg.Content = copyContent(t)
	writeFile(t, filepath.Join(cfg.Content, "systeme", "alter-name.md"), strings.Replace(evilFreeSystem(t, cfg.Content), "NAME", "Alter Name", 1))
	if _, err := Run(context.Background(), cfg, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(cfg.Content, "systeme", "alter-name.md"), filepath.Join(cfg.Content, "systeme", "neuer-name.md")); err != nil {
		t.Fatal(err)
	}
	_, errs := Check(context.Background(), cfg)
	var found bool
	for _, e := range errs {
		if e.Rule == "renamed-id" && strings.Contains(e.Msg, `"alter-name"`) && e.Severity == register.SevWarning {
			found = true
		}
	}
	if !found {
		t.Errorf("renaming alter-name → neuer-name without a redirect gave no warning; got %v", errs)
	}
}

func evilFreeSystem(t *testing.T, content string) string {
	return `---
name: "NAME"
summary: "Ein System, das umbenannt wird, um die Warnung bei geänderten Kennungen zu prüfen."
organisation: ` + firstOrg(t, content) + `
status: pilot
start: 2025-01
topics: [` + firstTopic(t, content) + `]
techniques: [nlp]
users: staff
purpose: "Zweck"
risk_class: minimal
personal_data: none
contact_email: ki@example.org
published: 2025-01-01
updated: 2025-01-02
---
`
}

// TestRestrictedFieldsNeverPublished: the technical fields of a restricted
// system appear in no output file (pages, search index, exports).
func TestRestrictedFieldsNeverPublished(t *testing.T) {
	content := copyContent(t)
	sys := strings.Replace(evilFreeSystem(t, content), "NAME", "Geheimes System", 1)
	sys = strings.Replace(sys, "published:", "restricted: true\nvendor: \"Zyxwvut Geheimlieferant GmbH\"\nmodels:\n  - {name: \"Qwertzmodell-Spezial\"}\noperating_logic: \"Funktioniert mit Plinkelverfahren\"\nhosting: saas\npublished:", 1)
	writeFile(t, filepath.Join(content, "systeme", "geheimes-system.md"), sys)
	out := filepath.Join(t.TempDir(), "public")
	cfg := exampleConfig(t, out)
	cfg.Content = content
	if _, err := Run(context.Background(), cfg, nil); err != nil {
		t.Fatal(err)
	}
	files := tree(t, out)
	if _, ok := files["systeme/geheimes-system/index.html"]; !ok {
		t.Fatal("restricted system has no page")
	}
	for name := range files {
		b, _ := os.ReadFile(filepath.Join(out, name))
		for _, secret := range []string{"Zyxwvut", "Qwertzmodell", "Plinkelverfahren", "plinkel", "zyxwvut", "qwertzmodell"} {
			if strings.Contains(string(b), secret) {
				t.Errorf("%s contains %q from a withheld field of a restricted system", name, secret)
			}
		}
	}
}
