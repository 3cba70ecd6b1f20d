package export

import (
	"strings"
	"testing"

	"maki/internal/register"
)

// TestGermanOnlyExports checks that a site with languages: [de] gets no
// English feed, OpenSearch description or charts, no English page URLs
// (null, and still valid against register.schema.json), no English
// catalogue texts and only German in security.txt, while the
// language-neutral data files are all there.
func TestGermanOnlyExports(t *testing.T) {
	r := fixtureRegister()
	r.Site.Languages = []register.Language{"de"}
	cfg := fixtureConfig()
	var pages []string
	for _, p := range cfg.Pages {
		if !strings.HasPrefix(p, "en/") {
			pages = append(pages, p)
		}
	}
	cfg.Pages = pages
	files, err := Files(r, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		if strings.HasPrefix(name, "en/") {
			t.Errorf("%s: written for a German-only site", name)
		}
		for _, bad := range []string{"/ki/en/", `hreflang="en"`, `xml:lang="en"`, "language/ENG"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s: has %q on a German-only site", name, bad)
			}
		}
	}
	for _, name := range []string{"feed.xml", "opensearch.xml", "sitemap.xml", "daten/register.json", "daten/register.csv", "daten/eu-ai-act.json", "daten/catalog.rdf", ".well-known/security.txt"} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s: missing", name)
		}
	}
	if !strings.Contains(string(files[".well-known/security.txt"]), "Preferred-Languages: de\n") {
		t.Errorf("security.txt:\n%s\nwant Preferred-Languages: de", files[".well-known/security.txt"])
	}
	if !strings.Contains(string(files["daten/register.json"]), `"page_url":{"de":"https://register.example.org/ki/systeme/chatbot/","en":null}`) {
		t.Error("register.json: want the English page URL null")
	}
	v, err := newSchemaValidator(files["daten/register.schema.json"])
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range v.validate(files["daten/register.json"], "#") {
		t.Errorf("register.json: %s", e)
	}
}
