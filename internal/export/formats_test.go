package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"maki/internal/register"
)

func itoa(n int) string { return strconv.Itoa(n) }

func emptyRegister() *register.Register {
	r := &register.Register{Site: fixtureRegister().Site, Topics: fixtureRegister().Topics}
	r.Index()
	return r
}

func manyPages(n int) []string {
	out := make([]string, 0, n)
	for i := 0; len(out) < n; i++ {
		out = append(out, fmt.Sprintf("systeme/s%06d/index.html", i))
		if len(out) < n {
			out = append(out, fmt.Sprintf("en/systeme/s%06d/index.html", i))
		}
	}
	return out
}

type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID    string `xml:"id"`
		Title struct {
			Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			Text string `xml:",chardata"`
		} `xml:"title"`
		Updated   string `xml:"updated"`
		Published string `xml:"published"`
		Summary   string `xml:"summary"`
		Links     []struct {
			Rel  string `xml:"rel,attr"`
			Type string `xml:"type,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func TestAtomFeeds(t *testing.T) {
	files := mustFiles(t, fixtureRegister(), fixtureConfig())
	for _, tt := range []struct{ path, lang, prefix string }{
		{"feed.xml", "de", "https://register.example.org/ki/"},
		{"en/feed.xml", "en", "https://register.example.org/ki/en/"},
	} {
		var f atomFeed
		if err := xml.Unmarshal(files[tt.path], &f); err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		if f.Lang != tt.lang || f.ID != "https://register.example.org/ki/"+tt.path || f.Title == "" || len(f.Author) != 1 {
			t.Errorf("%s: lang %q id %q title %q authors %d", tt.path, f.Lang, f.ID, f.Title, len(f.Author))
		}
		if f.Updated != "2025-06-30T00:00:00Z" {
			t.Errorf("%s: updated %q; want the newest entry's", tt.path, f.Updated)
		}
		var ids []string
		for _, e := range f.Entries {
			ids = append(ids, e.ID)
			if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
				t.Errorf("%s: entry %s updated %q: %v", tt.path, e.ID, e.Updated, err)
			}
			if len(e.Links) == 0 || e.Links[0].Rel != "alternate" || !strings.HasPrefix(e.Links[0].Href, tt.prefix+"systeme/") {
				t.Errorf("%s: entry %s links %v", tt.path, e.ID, e.Links)
			}
		}
		// Newest update first; on a tie the newer publication; ids are tag URIs.
		want := []string{
			"tag:register.example.org,2025-06-30:" + langPrefix(tt.lang) + "systeme/prognose",
			"tag:register.example.org,2024-02-01:" + langPrefix(tt.lang) + "systeme/bauantrag-assistent",
			"tag:register.example.org,2022-01-10:" + langPrefix(tt.lang) + "systeme/chatbot",
		}
		if strings.Join(ids, " ") != strings.Join(want, " ") {
			t.Errorf("%s: entry ids %v; want %v", tt.path, ids, want)
		}
		if tt.lang == "en" {
			// chatbot has no English name: the German one, marked.
			if e := f.Entries[2]; e.Title.Text != "Chatbot Bürgeramt" || e.Title.Lang != "de" {
				t.Errorf("en/feed.xml: fallback title %q lang %q; want the German name with xml:lang de", e.Title.Text, e.Title.Lang)
			}
			if e := f.Entries[1]; e.Title.Text != "Building permit assistant" || e.Title.Lang != "" {
				t.Errorf("en/feed.xml: title %q lang %q", e.Title.Text, e.Title.Lang)
			}
		}
	}
}

func TestAtomFeedSize(t *testing.T) {
	r := fixtureRegister()
	base := r.Systems[1]
	for i := 0; i < FeedSize+20; i++ {
		s := *base
		s.ID = fmt.Sprintf("sys-%03d", i)
		s.Updated = register.Date(fmt.Sprintf("2020-01-%02d", i%28+1))
		r.Systems = append(r.Systems, &s)
	}
	r.Index()
	var f atomFeed
	if err := xml.Unmarshal(mustFiles(t, r, fixtureConfig())["feed.xml"], &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Entries) != FeedSize {
		t.Errorf("feed has %d entries; want %d", len(f.Entries), FeedSize)
	}
	for i := 1; i < len(f.Entries); i++ {
		if f.Entries[i].Updated > f.Entries[i-1].Updated {
			t.Errorf("entry %d updated %s after entry %d updated %s", i, f.Entries[i].Updated, i-1, f.Entries[i-1].Updated)
		}
	}
}

type sitemapDoc struct {
	URLs []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
		Alt     []struct {
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

func TestSitemap(t *testing.T) {
	files := mustFiles(t, fixtureRegister(), fixtureConfig())
	var sm sitemapDoc
	if err := xml.Unmarshal(files["sitemap.xml"], &sm); err != nil {
		t.Fatal(err)
	}
	locs := map[string]int{}
	for i, u := range sm.URLs {
		locs[u.Loc] = i
	}
	const b = "https://register.example.org/ki/"
	for _, want := range []string{b, b + "en/", b + "systeme/chatbot/", b + "en/systeme/chatbot/", b + "systeme/prognose/", b + "impressum/"} {
		if _, ok := locs[want]; !ok {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	for _, not := range []string{b + "404.html", b + "en/404.html"} {
		if _, ok := locs[not]; ok {
			t.Errorf("sitemap lists %s", not)
		}
	}
	if len(sm.URLs) != 12 {
		t.Errorf("sitemap has %d URLs; want 12", len(sm.URLs))
	}
	u := sm.URLs[locs[b+"en/systeme/chatbot/"]]
	if u.Lastmod != "2024-05-05" || len(u.Alt) != 3 || u.Alt[0].Href != b+"systeme/chatbot/" || u.Alt[1].Hreflang != "en" || u.Alt[2].Hreflang != "x-default" {
		t.Errorf("en/systeme/chatbot/ = %+v; want lastmod and de, en, x-default alternates", u)
	}
	if u := sm.URLs[locs[b+"systeme/prognose/"]]; len(u.Alt) != 0 {
		t.Errorf("systeme/prognose/ has alternates %v but no English page", u.Alt)
	}
	if !strings.Contains(string(files["robots.txt"]), "\nSitemap: "+b+"sitemap.xml\n") {
		t.Errorf("robots.txt = %q", files["robots.txt"])
	}
}

func TestSitemapIndex(t *testing.T) {
	cfg := fixtureConfig()
	cfg.Pages = manyPages(SitemapMaxURLs + 10)
	files := mustFiles(t, fixtureRegister(), cfg)
	var idx sitemapDoc
	if err := xml.Unmarshal(files["sitemap.xml"], &idx); err != nil {
		t.Fatal(err)
	}
	if len(idx.Sitemaps) != 2 || idx.Sitemaps[1].Loc != "https://register.example.org/ki/sitemap-2.xml" {
		t.Fatalf("sitemap index = %+v", idx.Sitemaps)
	}
	n := 0
	for _, p := range []string{"sitemap-1.xml", "sitemap-2.xml"} {
		var sm sitemapDoc
		if err := xml.Unmarshal(files[p], &sm); err != nil {
			t.Fatal(err)
		}
		n += len(sm.URLs)
	}
	if n != SitemapMaxURLs+10 {
		t.Errorf("parts list %d URLs; want %d", n, SitemapMaxURLs+10)
	}
}

func TestSecurityTxt(t *testing.T) {
	files := mustFiles(t, fixtureRegister(), fixtureConfig())
	want := "Contact: mailto:sicherheit@register.example.org\n" +
		"Expires: 2027-03-14T09:26:53Z\n" +
		"Preferred-Languages: de, en\n" +
		"Canonical: https://register.example.org/ki/.well-known/security.txt\n"
	if got := string(files[".well-known/security.txt"]); got != want {
		t.Errorf("security.txt =\n%s\nwant\n%s", got, want)
	}
	r := fixtureRegister()
	r.Site.SecurityContact = ""
	if got := string(mustFiles(t, r, fixtureConfig())[".well-known/security.txt"]); !strings.HasPrefix(got, "Contact: mailto:kontakt@register.example.org\n") {
		t.Errorf("security.txt without security_contact = %q; want the operator's e-mail", got)
	}
}

func TestOpenSearch(t *testing.T) {
	files := mustFiles(t, fixtureRegister(), fixtureConfig())
	type desc struct {
		ShortName string `xml:"ShortName"`
		URLs      []struct {
			Type     string `xml:"type,attr"`
			Template string `xml:"template,attr"`
		} `xml:"Url"`
	}
	for p, want := range map[string]string{
		"opensearch.xml":    "https://register.example.org/ki/suche/?q={searchTerms}",
		"en/opensearch.xml": "https://register.example.org/ki/en/suche/?q={searchTerms}",
	} {
		var d desc
		if err := xml.Unmarshal(files[p], &d); err != nil {
			t.Fatal(err)
		}
		if d.URLs[0].Type != "text/html" || d.URLs[0].Template != want || d.ShortName == "" || len([]rune(d.ShortName)) > 16 {
			t.Errorf("%s: %+v; want template %s", p, d, want)
		}
	}
}

var updateEU = flag.Bool("update", false, "update golden files (testdata/eu-ai-act.golden.json)")

// TestEUAIAct compares eu-ai-act.json of the fixture with its golden file
// (go test ./internal/export -run TestEUAIAct -update rewrites it).
func TestEUAIAct(t *testing.T) {
	b, err := EUAIAct(fixtureRegister(), fixtureConfig())
	if err != nil {
		t.Fatal(err)
	}
	checkSortedKeys(t, "eu-ai-act.json", b)
	const golden = "testdata/eu-ai-act.golden.json"
	if *updateEU {
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, want) {
		t.Errorf("eu-ai-act.json differs from %s (run with -update and review the diff):\n%s", golden, b)
	}
}

// TestEUAIActMissing checks, point by point, which of Annex VIII section C
// points 1 to 5 each variant of the fixture's two high-risk systems lacks.
func TestEUAIActMissing(t *testing.T) {
	type sys struct {
		ID            string   `json:"id"`
		Missing       []string `json:"missing"`
		MissingFields []string `json:"missing_fields"`
		RegisterIn    string   `json:"register_in"`
		Submitter     struct {
			Name    map[string]*string `json:"name"`
			Address *string            `json:"address"`
			Source  string             `json:"source"`
		} `json:"submitter"`
	}
	tests := []struct {
		name   string
		change func(r *register.Register)
		// want: per system (bauantrag-assistent, prognose) the points
		// missing, then the fields.
		want [2]string
	}{
		{"fixture", nil, [2]string{
			"C3 C4 C5: eu_database_url fria.summary dpia.summary",
			": "}},
		{"no deployer address", func(r *register.Register) { r.Organisation("stadt-musterstadt").Address = nil }, [2]string{
			"C1 C3 C4 C5: deployer.address eu_database_url fria.summary dpia.summary",
			"C1: deployer.address"}},
		{"no deployer contact", func(r *register.Register) {
			r.Systems[0].ContactEmail, r.Systems[0].ContactURL = "", ""
			for _, s := range r.Systems {
				s.ContactEmail, s.ContactURL = "", ""
			}
		}, [2]string{
			"C1 C3 C4 C5: deployer.contact eu_database_url fria.summary dpia.summary",
			"C1: deployer.contact"}},
		{"operator without address", func(r *register.Register) { r.Site.Operator.Address = "" }, [2]string{
			"C2 C3 C4 C5: submitter.address eu_database_url fria.summary dpia.summary",
			"C2: submitter.address"}},
		{"organisation's submitter without address", func(r *register.Register) {
			r.Organisation("stadt-musterstadt").Submitter = &register.Submitter{Name: "Hauptamt", Email: "hauptamt@musterstadt.example"}
		}, [2]string{
			"C2 C3 C4 C5: submitter.address eu_database_url fria.summary dpia.summary",
			"C2: submitter.address"}},
		{"everything stated", func(r *register.Register) {
			r.Organisation("stadt-musterstadt").Submitter = &register.Submitter{Name: "Hauptamt", URL: "https://musterstadt.example/",
				Address: &register.Address{Street: "Postfach 1", PostalCode: "79001", City: "Musterstadt"}}
			s := r.System("bauantrag-assistent")
			s.EUDatabase = &register.EUDatabase{URL: "https://ai-act-db.example.eu/entry/9"}
			s.Assessments[0].Summary = register.Text{De: "Keine erheblichen Risiken."}
			s.Assessments = append(s.Assessments, register.Assessment{Type: "dpia", Date: "2024-01-20", Summary: register.Text{De: "Pseudonymisiert; Risiko gering."}})
		}, [2]string{": ", ": "}},
		{"no personal data: C5 does not apply", func(r *register.Register) {
			r.System("bauantrag-assistent").PersonalData = "none"
		}, [2]string{
			"C3 C4: eu_database_url fria.summary",
			": "}},
		{"critical infrastructure: registered nationally, section C does not apply", func(r *register.Register) {
			r.System("bauantrag-assistent").AnnexIIIArea = 2
			r.Site.Operator.Address = ""
		}, [2]string{": ", "C2: submitter.address"}},
		{"restricted: C4 and C5 do not apply", func(r *register.Register) {
			r.System("bauantrag-assistent").Restricted = true
		}, [2]string{
			"C3: eu_database_url",
			": "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixtureRegister()
			if tt.change != nil {
				tt.change(r)
			}
			b, err := EUAIAct(r, fixtureConfig())
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Complete int   `json:"complete"`
				Count    int   `json:"count"`
				Systems  []sys `json:"systems"`
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Count != 2 || len(doc.Systems) != 2 || doc.Systems[0].ID != "bauantrag-assistent" || doc.Systems[1].ID != "prognose" {
				t.Fatalf("count %d, systems %+v; want bauantrag-assistent and prognose", doc.Count, doc.Systems)
			}
			complete := 0
			for i, s := range doc.Systems {
				got := strings.Join(s.Missing, " ") + ": " + strings.Join(s.MissingFields, " ")
				if got != tt.want[i] {
					t.Errorf("%s: missing %q; want %q", s.ID, got, tt.want[i])
				}
				if len(s.Missing) == 0 {
					complete++
				}
			}
			if doc.Complete != complete {
				t.Errorf("complete = %d; want %d", doc.Complete, complete)
			}
			in := map[string]string{
				"critical infrastructure: registered nationally, section C does not apply": "national",
				"restricted: C4 and C5 do not apply":                                       "eu_database_secure",
			}[tt.name]
			if in == "" {
				in = "eu_database"
			}
			if got := doc.Systems[0].RegisterIn + " " + doc.Systems[1].RegisterIn; got != in+" eu_database_secure" {
				t.Errorf("register_in = %s; want %s eu_database_secure", got, in)
			}
			sub := doc.Systems[0].Submitter
			if o := r.Organisation("stadt-musterstadt"); o.Submitter != nil {
				if sub.Source != "organisation" || *sub.Name["de"] != o.Submitter.Name {
					t.Errorf("submitter %+v; want the organisation's", sub)
				}
			} else if sub.Source != "site_operator" || *sub.Name["de"] != "Geschäftsstelle KI-Register" {
				t.Errorf("submitter %+v; want the site operator", sub)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	got := Warnings(fixtureRegister())
	want := []string{
		`content/systeme/bauantrag-assistent.yaml:12:1: warning: field "eu_database": missing for a high-risk system in use (status "pilot"); want the URL of the provider's entry in the EU database (AI Act Annex VIII section C point 3)`,
		`content/systeme/bauantrag-assistent.yaml:20:1: warning: field "assessments": no data protection impact assessment (type "dpia") for a high-risk system processing pseudonymised data; pseudonymised data is personal data, want a DPIA and its summary (AI Act Annex VIII section C point 5)`,
		`content/systeme/bauantrag-assistent.yaml:23:13: warning: field "assessments.0.summary": missing in the fundamental rights impact assessment; want a summary of its findings (AI Act Annex VIII section C point 4)`,
	}
	if len(got) != len(want) {
		t.Errorf("got %d warnings; want %d:\n%v", len(got), len(want), got)
	}
	for i := range min(len(got), len(want)) {
		if got[i].Error() != want[i] {
			t.Errorf("warning %d:\n got %s\nwant %s", i, got[i].Error(), want[i])
		}
		if got[i].Severity != register.SevWarning || got[i].Rule != "eu-ai-act" {
			t.Errorf("warning %d: severity %v rule %q", i, got[i].Severity, got[i].Rule)
		}
	}
}

func TestBaseURL(t *testing.T) {
	cfg := fixtureConfig()
	cfg.BaseURL = ""
	r := fixtureRegister()
	r.Site.BaseURL = "https://host.example/register" // no slash: added
	files := mustFiles(t, r, cfg)
	if !strings.Contains(string(files["robots.txt"]), "Sitemap: https://host.example/register/sitemap.xml") {
		t.Errorf("robots.txt = %s; want the site.yaml base URL with a slash", files["robots.txt"])
	}
	for _, bad := range []string{"", "/relative/", "not a url"} {
		cfg.BaseURL = bad
		r.Site.BaseURL = ""
		if _, err := Files(r, cfg); err == nil {
			t.Errorf("Files with base URL %q: no error", bad)
		}
	}
}

func TestLicenseURI(t *testing.T) {
	tests := map[string]string{
		"":                                    "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
		"dl-de/by-2-0":                        "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
		"dl-de/zero-2-0":                      "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
		"CC-BY-4.0":                           "http://dcat-ap.de/def/licenses/cc-by/4.0",
		"CC0-1.0":                             "http://dcat-ap.de/def/licenses/cc-zero",
		"http://dcat-ap.de/def/licenses/odbl": "http://dcat-ap.de/def/licenses/odbl",
		"geoNutz/20131001":                    "http://dcat-ap.de/def/licenses/geoNutz/20131001",
		"officialwork":                        "http://dcat-ap.de/def/licenses/officialWork",
		// Outside the vocabulary ("maki check" rejects them): no licence
		// statement rather than an invalid or foreign IRI.
		"https://x.y/lic":                       "",
		"MIT":                                   "",
		"Datenlizenz Deutschland Namensnennung": "",
		"geonutz/20131001":                      "http://dcat-ap.de/def/licenses/geoNutz/20131001",
	}
	for in, want := range tests {
		if got := licenseURI(in); got != want {
			t.Errorf("licenseURI(%q) = %q; want %q", in, got, want)
		}
	}
}

// Restricted systems (Art. 49(4) AI Act) do not publish the technical
// fields in any export, as on their page.
func TestRestrictedWithheld(t *testing.T) {
	r := fixtureRegister()
	p := r.System("prognose")
	p.OperatingLogic = register.Text{De: "GEHEIM-LOGIK"}
	p.Vendor = "GEHEIM-VENDOR"
	p.Models = []register.Model{{Name: "GEHEIM-MODELL"}}
	p.Data = []register.DataSet{{Title: register.Text{De: "GEHEIM-DATEN"}}}
	p.Hosting = "saas"
	p.Development = "product"
	p.Performance = register.Text{De: "GEHEIM-LEISTUNG 97 %"}
	p.Redress = register.Text{De: "Widerspruch beim Wohngeldamt"}
	p.DecisionRole = "decides"
	files := mustFiles(t, r, fixtureConfig())
	for path, b := range files {
		if strings.Contains(string(b), "GEHEIM") {
			t.Errorf("%s publishes a withheld field of a restricted system", path)
		}
	}
	var one struct {
		Hosting      *string `json:"hosting"`
		Development  *string `json:"development"`
		Performance  *jText  `json:"performance"`
		Redress      *jText  `json:"redress"`
		DecisionRole *string `json:"decision_role"`
	}
	json.Unmarshal(files["daten/systeme/prognose.json"], &one)
	if one.Hosting != nil || one.Development != nil || one.Performance != nil {
		t.Errorf("prognose.json: hosting %v, development %v, performance %v; want null", one.Hosting, one.Development, one.Performance)
	}
	// What an affected person needs is never withheld.
	if one.Redress == nil || *one.Redress.De != "Widerspruch beim Wohngeldamt" || one.DecisionRole == nil || *one.DecisionRole != "decides" {
		t.Errorf("prognose.json: redress %v, decision_role %v; want them published", one.Redress, one.DecisionRole)
	}
	if p.Vendor != "GEHEIM-VENDOR" {
		t.Errorf("export changed the register")
	}
}
