package build

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// setLanguages rewrites the languages line of the content copy's site.yaml.
func setLanguages(t *testing.T, content, line string) {
	t.Helper()
	p := filepath.Join(content, "site.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^languages:.*\n`)
	if !re.Match(b) {
		t.Fatal("example site.yaml has no languages line")
	}
	if err := os.WriteFile(p, re.ReplaceAll(b, []byte(line)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// absURL matches the absolute URLs of the example site in any file.
var absURL = regexp.MustCompile(`https://register\.example\.org/[^"'<>\s)\\]*`)

// TestGermanOnlySiteWritesNothingEnglish builds the example content with
// languages: [de] and checks that nothing English is written (no en/ tree,
// feed, OpenSearch description, charts, search summaries, alternate links,
// language switch, sitemap alternates, English catalogue texts or page
// URLs) and that every local link, in the pages and as an absolute URL in
// any file (feeds, sitemap, open data), points at a file of the build.
func TestGermanOnlySiteWritesNothingEnglish(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	cfg := exampleConfig(t, out)
	cfg.Content = copyContent(t)
	setLanguages(t, cfg.Content, "languages: [de]\n")
	// The example accessibility statement names its English version by
	// URL; that is the content's own link, not the build's.
	acc := filepath.Join(cfg.Content, "seiten", "barrierefreiheit.md")
	b, err := os.ReadFile(acc)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, acc, strings.ReplaceAll(string(b), "https://register.example.org/en/", "https://register.example.org/"))
	if _, err := Run(context.Background(), cfg, nil); err != nil {
		t.Fatal(err)
	}
	files := tree(t, out)
	if n := checkLinks(t, out, files, "https://register.example.org/"); n < 1000 {
		t.Errorf("checked only %d links; want the whole site", n)
	}
	english := regexp.MustCompile(`/en/|hreflang="en"|xml:lang="en"|language/ENG|"en":"`)
	for name := range files {
		if strings.HasPrefix(name, "en/") || strings.Contains(name, "/en/") {
			t.Errorf("%s: written for a German-only site", name)
			continue
		}
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if m := english.Find(b); m != nil && !strings.HasSuffix(name, ".json") {
			t.Errorf("%s: has %q on a German-only site", name, m)
		}
		if m := regexp.MustCompile(`"page_url":\{[^}]*\}`).Find(b); m != nil && !strings.HasSuffix(string(m), `"en":null}`) {
			t.Errorf("%s: %s; want the English page URL null", name, m)
		}
		for _, u := range absURL.FindAll(b, -1) {
			if !fileOf(files, strings.TrimPrefix(string(u), "https://register.example.org/")) {
				t.Errorf("%s: URL %s points at no file of the build", name, u)
			}
		}
	}
	for _, name := range []string{"index.html", "feed.xml", "opensearch.xml", "sitemap.xml", "404.html", "suche/index/de/0.json", "statistik/status.svg", "daten/register.json", "daten/register.csv", "daten/catalog.rdf"} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s: missing from a German-only site", name)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, ".well-known", "security.txt")); !strings.Contains(string(b), "Preferred-Languages: de\n") {
		t.Errorf("security.txt:\n%s\nwant Preferred-Languages: de", b)
	}
}

// TestDefaultLanguagesAreGermanAndEnglish checks that a site.yaml without
// languages builds exactly what languages: [de, en] builds.
func TestDefaultLanguagesAreGermanAndEnglish(t *testing.T) {
	build := func(line string) map[string]string {
		out := filepath.Join(t.TempDir(), "public")
		cfg := exampleConfig(t, out)
		cfg.Content = copyContent(t)
		setLanguages(t, cfg.Content, line)
		if _, err := Run(context.Background(), cfg, nil); err != nil {
			t.Fatal(err)
		}
		return tree(t, out)
	}
	both, unset := build("languages: [de, en]\n"), build("")
	if d := diffTrees(both, unset); len(d) > 0 {
		t.Errorf("without languages %d files differ from [de, en], first %s", len(d), d[0])
	}
	if _, ok := both["en/feed.xml"]; !ok {
		t.Error("en/feed.xml missing from a German and English site")
	}
}
