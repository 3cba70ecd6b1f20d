package export

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// These tests run real parsers over the exports: rapper (Debian
// raptor2-utils) for RDF/XML and xmllint (libxml2-utils) for XML against
// schemas. They skip when the tools are missing, unless MAKI_REQUIRE_TOOLS
// is set (testdata/check-formats.sh installs the tools and sets it).

func requireTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("MAKI_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not found; install Debian package %s (internal/export/testdata/check-formats.sh does)", name, pkg)
		}
		t.Skipf("%s not found; install Debian package %s or run internal/export/testdata/check-formats.sh", name, pkg)
	}
	return p
}

// writeTemp writes the files to a temporary directory and returns it.
func writeTemp(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for p, b := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// triple is one N-Triples statement; objects keep their N-Triples form
// (<iri>, _:b, "literal"@lang).
type triple struct{ s, p, o string }

var ntLine = regexp.MustCompile(`^(\S+) <([^>]+)> (.+) \.$`)

func parseNTriples(t *testing.T, b []byte) []triple {
	t.Helper()
	var out []triple
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := ntLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("cannot read N-Triples line %q", line)
		}
		out = append(out, triple{m[1], m[2], m[3]})
	}
	return out
}

func TestCatalogRDFWithRapper(t *testing.T) {
	rapper := requireTool(t, "rapper", "raptor2-utils")
	files := mustFiles(t, fixtureRegister(), fixtureConfig())
	dir := writeTemp(t, map[string][]byte{"catalog.rdf": files["daten/catalog.rdf"]})
	cmd := exec.Command(rapper, "-q", "-i", "rdfxml", "-o", "ntriples", filepath.Join(dir, "catalog.rdf"), "https://register.example.org/ki/daten/catalog.rdf")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	nt, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("rapper: %v\n%s", err, stderr.String())
	}
	triples := parseNTriples(t, nt)

	const (
		rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	)
	bySubject := map[string]map[string][]string{}
	typed := map[string][]string{}
	for _, tr := range triples {
		if bySubject[tr.s] == nil {
			bySubject[tr.s] = map[string][]string{}
		}
		bySubject[tr.s][tr.p] = append(bySubject[tr.s][tr.p], tr.o)
		if tr.p == rdfType {
			typed[strings.Trim(tr.o, "<>")] = append(typed[strings.Trim(tr.o, "<>")], tr.s)
		}
	}
	// need checks that every subject of class has each property the given
	// number of times (min, max; max 0 = unbounded).
	need := func(class string, props map[string][2]int) {
		t.Helper()
		subjects := typed[class]
		if len(subjects) == 0 {
			t.Errorf("no subject of type %s", class)
		}
		for _, s := range subjects {
			for p, card := range props {
				n := len(bySubject[s][p])
				if n < card[0] || (card[1] > 0 && n > card[1]) {
					t.Errorf("%s %s has %d × %s; want %d..%d", class, s, n, p, card[0], card[1])
				}
			}
		}
	}
	dct, dcat, foaf, vcard := nsDCT, nsDCAT, nsFOAF, nsVCARD
	// DCAT-AP.de 3.0 mandatory (Pflicht) properties, plus the ones the
	// register always fills (contact point, contributor ID, availability).
	need(dcat+"Catalog", map[string][2]int{
		dct + "title": {1, 0}, dct + "description": {1, 0}, dct + "publisher": {1, 1}, dcat + "dataset": {1, 0},
		dct + "license": {1, 1}, foaf + "homepage": {1, 1}, dcat + "themeTaxonomy": {1, 0}, dct + "language": {1, 0},
	})
	need(dcat+"Dataset", map[string][2]int{
		dct + "title": {1, 0}, dct + "description": {1, 0}, dct + "publisher": {1, 1}, dcat + "contactPoint": {1, 0},
		nsDCATDE + "contributorID": {1, 0}, dcat + "distribution": {3, 0}, dcat + "theme": {1, 0}, dcat + "keyword": {1, 0},
		nsDCATAP + "availability": {1, 1}, dct + "modified": {1, 1}, dcat + "landingPage": {1, 0},
	})
	need(dcat+"Distribution", map[string][2]int{
		dcat + "accessURL": {1, 0}, dcat + "downloadURL": {1, 0}, dct + "format": {1, 1}, dct + "license": {1, 1},
		nsDCATAP + "availability": {1, 1}, dct + "title": {1, 0}, dct + "modified": {1, 1}, dcat + "byteSize": {1, 1},
	})
	need(foaf+"Agent", map[string][2]int{foaf + "name": {1, 0}})
	need(vcard+"Organization", map[string][2]int{vcard + "fn": {1, 1}, vcard + "hasEmail": {1, 0}})

	cat := typed[dcat+"Catalog"][0]
	if cat != "<https://register.example.org/ki/daten/catalog.rdf>" {
		t.Errorf("catalog subject = %s", cat)
	}
	ds := bySubject[cat][dcat+"dataset"]
	if len(ds) != 1 || len(typed[dcat+"Dataset"]) != 1 || ds[0] != typed[dcat+"Dataset"][0] {
		t.Errorf("catalog's dcat:dataset %v; want the one dataset %v", ds, typed[dcat+"Dataset"])
	}
	// Every distribution's download URL is one of the exported files, and
	// its byte size is that file's.
	for _, d := range typed[dcat+"Distribution"] {
		dl := strings.Trim(bySubject[d][dcat+"downloadURL"][0], "<>")
		p := strings.TrimPrefix(dl, "https://register.example.org/ki/")
		b, ok := files[p]
		if !ok {
			t.Errorf("distribution %s: download URL %s is not an exported file", d, dl)
			continue
		}
		size := bySubject[d][dcat+"byteSize"][0]
		if !strings.HasPrefix(size, `"`+itoa(len(b))+`"^^`) {
			t.Errorf("distribution %s: byteSize %s; want %d", d, size, len(b))
		}
		if lic := bySubject[d][dct+"license"][0]; lic != "<http://dcat-ap.de/def/licenses/dl-by-de/2.0>" {
			t.Errorf("distribution %s: license %s", d, lic)
		}
	}
	// Language-tagged titles in both languages.
	titles := strings.Join(bySubject[cat][dct+"title"], " ")
	if !strings.Contains(titles, `"@de`) || !strings.Contains(titles, `"@en`) {
		t.Errorf("catalog titles %s; want @de and @en", titles)
	}
}

func xmllint(t *testing.T, args ...string) {
	t.Helper()
	bin := requireTool(t, "xmllint", "libxml2-utils")
	out, err := exec.Command(bin, append([]string{"--noout", "--nonet"}, args...)...).CombinedOutput()
	if err != nil {
		t.Errorf("xmllint %v: %v\n%s", args, err, out)
	}
}

func TestXMLLint(t *testing.T) {
	requireTool(t, "xmllint", "libxml2-utils")
	files := mustFiles(t, fixtureRegister(), fixtureConfig())
	dir := writeTemp(t, files)
	at := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	xmllint(t, "--relaxng", "testdata/atom.rng", at("feed.xml"), at("en/feed.xml"))
	// Every group feed (organisation, topic, Land; with entries and empty).
	var feeds []string
	for p := range files {
		if strings.HasSuffix(p, "/feed.xml") && p != "en/feed.xml" {
			feeds = append(feeds, at(p))
		}
	}
	if len(feeds) < 2*(2+2+16) {
		t.Errorf("%d group feeds; want one per organisation, topic and Land in each language", len(feeds))
	}
	xmllint(t, append([]string{"--relaxng", "testdata/atom.rng"}, feeds...)...)
	xmllint(t, "--schema", "testdata/sitemap-alternates.xsd", at("sitemap.xml"))
	var wellFormed []string
	for p := range files {
		if strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".svg") || strings.HasSuffix(p, ".rdf") {
			wellFormed = append(wellFormed, at(p))
		}
	}
	xmllint(t, wellFormed...)

	// A register with no systems still gives valid feeds.
	empty := mustFiles(t, emptyRegister(), fixtureConfig())
	edir := writeTemp(t, empty)
	xmllint(t, "--relaxng", "testdata/atom.rng", filepath.Join(edir, "feed.xml"), filepath.Join(edir, "themen/bauen/feed.xml"), filepath.Join(edir, "laender/de-bw/feed.xml"))
}

func TestSitemapIndexXMLLint(t *testing.T) {
	requireTool(t, "xmllint", "libxml2-utils")
	cfg := fixtureConfig()
	cfg.Pages = manyPages(SitemapMaxURLs + 10)
	files := mustFiles(t, fixtureRegister(), cfg)
	dir := writeTemp(t, map[string][]byte{"sitemap.xml": files["sitemap.xml"], "sitemap-1.xml": files["sitemap-1.xml"], "sitemap-2.xml": files["sitemap-2.xml"]})
	xmllint(t, "--schema", "testdata/sitemap-alternates.xsd", filepath.Join(dir, "sitemap.xml"), filepath.Join(dir, "sitemap-1.xml"), filepath.Join(dir, "sitemap-2.xml"))
}
