package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"reflect"
	"sort"
	"strings"
	"testing"

	"maki/internal/register"
)

func mustFiles(t *testing.T, r *register.Register, cfg Config) map[string][]byte {
	t.Helper()
	files, err := Files(r, cfg)
	if err != nil {
		t.Fatalf("Files: %v", err)
	}
	return files
}

func TestFilesDeterministic(t *testing.T) {
	a := mustFiles(t, fixtureRegister(), fixtureConfig())
	r := fixtureRegister()
	// Input order must not matter.
	r.Systems[0], r.Systems[2] = r.Systems[2], r.Systems[0]
	cfg := fixtureConfig()
	sort.Sort(sort.Reverse(sort.StringSlice(cfg.Pages)))
	b := mustFiles(t, r, cfg)
	if len(a) != len(b) {
		t.Fatalf("two runs gave %d and %d files", len(a), len(b))
	}
	for p := range a {
		if !bytes.Equal(a[p], b[p]) {
			t.Errorf("%s differs between two runs", p)
		}
	}
}

func TestFilesList(t *testing.T) {
	files := mustFiles(t, fixtureRegister(), fixtureConfig())
	want := []string{
		"daten/register.json", "daten/register.schema.json", "daten/register.csv", "daten/register.xlsx", "daten/catalog.rdf", "daten/eu-ai-act.json", "daten/eurocities.json",
		"daten/systeme/bauantrag-assistent.json", "daten/systeme/chatbot.json", "daten/systeme/prognose.json",
		"feed.xml", "en/feed.xml", "opensearch.xml", "en/opensearch.xml", ".well-known/security.txt", "sitemap.xml", "robots.txt",
	}
	for _, g := range register.StatsGroups {
		want = append(want, "statistik/"+ChartFile(g), "en/statistik/"+ChartFile(g))
	}
	// A feed for every organisation, topic and Land, in both languages.
	groups := []string{"organisationen/bmi/", "organisationen/stadt-musterstadt/", "themen/bauen/", "themen/soziales/"}
	for _, code := range register.States {
		groups = append(groups, "laender/"+strings.ToLower(code)+"/")
	}
	for _, g := range groups {
		want = append(want, g+"feed.xml", "en/"+g+"feed.xml")
	}
	want = append(want, FilterDataPath)
	for _, p := range want {
		if _, ok := files[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
	if len(files) != len(want) {
		var got []string
		for p := range files {
			got = append(got, p)
		}
		sort.Strings(got)
		t.Errorf("got %d files %v; want %d", len(files), got, len(want))
	}
}

func TestRegisterJSONValidates(t *testing.T) {
	files := mustFiles(t, fixtureRegister(), fixtureConfig())
	v, err := newSchemaValidator(files["daten/register.schema.json"])
	if err != nil {
		t.Fatalf("register.schema.json: %v", err)
	}
	for _, e := range v.validate(files["daten/register.json"], "#") {
		t.Errorf("register.json: %s", e)
	}
	for p, b := range files {
		if strings.HasPrefix(p, "daten/systeme/") {
			for _, e := range v.validate(b, "#/$defs/system") {
				t.Errorf("%s: %s", p, e)
			}
		}
	}
	// An empty register is valid too.
	empty := &register.Register{Site: fixtureRegister().Site}
	b, err := RegisterJSON(empty, fixtureConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range v.validate(b, "#") {
		t.Errorf("empty register.json: %s", e)
	}
}

// The validator must catch what it claims to catch, or the test above
// proves nothing.
func TestSchemaValidatorCatches(t *testing.T) {
	v, err := newSchemaValidator(registerSchema)
	if err != nil {
		t.Fatal(err)
	}
	good, err := RegisterJSON(fixtureRegister(), fixtureConfig())
	if err != nil {
		t.Fatal(err)
	}
	bad := []struct{ name, from, to string }{
		{"unknown key", `"vendor":`, `"vendorx":`},
		{"enum", `"status":"pilot"`, `"status":"prod"`},
		{"type", `"restricted":false`, `"restricted":"no"`},
		{"pattern", `"start":"2023-04"`, `"start":"April 2023"`},
		{"const", `"schema_version": "1"`, `"schema_version": "2"`},
		{"maximum", `"annex_iii_area":5`, `"annex_iii_area":9`},
		{"text shape", `"purpose":{"de":"Auskunft.","en":null}`, `"purpose":"Auskunft."`},
		{"decision_role enum", `"decision_role":"prepares"`, `"decision_role":"automatic"`},
		{"source_url type", `"source_url":"https://register.example.net/algorithmen/bauantrag-assistent"`, `"source_url":5`},
		{"redress shape", `"redress":{"de":"Widerspruch`, `"redress":{"fr":"Widerspruch`},
		{"address shape", `"address":{"city":"Musterstadt"`, `"address":{"town":"Musterstadt"`},
		{"users enum", `"users":"unknown"`, `"users":"niemand"`},
	}
	for _, tt := range bad {
		doc := strings.Replace(string(good), tt.from, tt.to, 1)
		if doc == string(good) {
			t.Errorf("%s: %q not found in register.json", tt.name, tt.from)
			continue
		}
		if errs := v.validate([]byte(doc), "#"); len(errs) == 0 {
			t.Errorf("%s: validator accepted a broken document", tt.name)
		}
	}
}

// checkSortedKeys fails when an object in the JSON has keys out of order.
func checkSortedKeys(t *testing.T, name string, b []byte) {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	type frame struct {
		object  bool
		last    string
		wantKey bool
	}
	var stack []frame
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		top := len(stack) - 1
		if k, isKey := tok.(string); isKey && top >= 0 && stack[top].object && stack[top].wantKey {
			if k < stack[top].last {
				t.Errorf("%s: key %q after %q", name, k, stack[top].last)
			}
			stack[top].last = k
			stack[top].wantKey = false
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{object: true, wantKey: true})
			continue
		case json.Delim('['):
			stack = append(stack, frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:top]
			top--
		}
		if top >= 0 && stack[top].object {
			stack[top].wantKey = true
		}
	}
}

func TestJSONSortedKeys(t *testing.T) {
	files := mustFiles(t, fixtureRegister(), fixtureConfig())
	for p, b := range files {
		if strings.HasSuffix(p, ".json") && p != "daten/register.schema.json" {
			checkSortedKeys(t, p, b)
		}
	}
}

// Every content key of a system appears in register.json: a new field in
// register.System must be added to the export (and the schema, which
// rejects unknown keys).
func TestJSONHasEveryField(t *testing.T) {
	b, err := RegisterJSON(fixtureRegister(), fixtureConfig())
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Systems []map[string]json.RawMessage `json:"systems"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	sys := doc.Systems[0]
	for _, key := range yamlKeys(reflect.TypeOf(register.System{})) {
		if _, ok := sys[key]; !ok {
			t.Errorf("register.json has no key %q of register.System", key)
		}
	}
}

func yamlKeys(t reflect.Type) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

func TestRegisterJSONContent(t *testing.T) {
	files := mustFiles(t, fixtureRegister(), fixtureConfig())
	var doc struct {
		Count         int    `json:"count"`
		License       string `json:"license"`
		Modified      string `json:"modified"`
		SchemaVersion string `json:"schema_version"`
		Systems       []struct {
			ID           string
			Name         map[string]*string `json:"name"`
			Organisation struct {
				ID    string             `json:"id"`
				Name  map[string]*string `json:"name"`
				State string             `json:"state"`
			} `json:"organisation"`
			Topics []struct {
				ID    string             `json:"id"`
				Label map[string]*string `json:"label"`
			} `json:"topics"`
			PageURL map[string]string `json:"page_url"`
			Tags    []string          `json:"tags"`
			End     *string           `json:"end"`
		} `json:"systems"`
	}
	if err := json.Unmarshal(files["daten/register.json"], &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Count != 3 || len(doc.Systems) != 3 || doc.SchemaVersion != "1" || doc.Modified != "2025-06-30" {
		t.Errorf("count, systems, schema_version, modified = %d, %d, %q, %q", doc.Count, len(doc.Systems), doc.SchemaVersion, doc.Modified)
	}
	if doc.License != "http://dcat-ap.de/def/licenses/dl-by-de/2.0" {
		t.Errorf("license = %q", doc.License)
	}
	s := doc.Systems[0]
	if s.ID != "bauantrag-assistent" || *s.Name["de"] != `Bauantrag-Assistent <beta> & "mehr"` {
		t.Errorf("first system = %q %q; want sorted by id, text unescaped", s.ID, *s.Name["de"])
	}
	if s.Organisation.ID != "stadt-musterstadt" || *s.Organisation.Name["de"] != "Stadt Musterstadt" || s.Organisation.Name["en"] != nil || s.Organisation.State != "DE-BW" {
		t.Errorf("organisation not resolved: %+v", s.Organisation)
	}
	if s.Topics[1].ID != "soziales" || *s.Topics[1].Label["de"] != "Gesundheit & Soziales" {
		t.Errorf("topics not resolved: %+v", s.Topics)
	}
	if s.PageURL["en"] != "https://register.example.org/ki/en/systeme/bauantrag-assistent/" {
		t.Errorf("page_url = %v", s.PageURL)
	}
	if s.End != nil || len(s.Tags) != 3 {
		t.Errorf("end = %v, tags = %v", s.End, s.Tags)
	}
	// The per-system file is the same object.
	var one, fromAll any
	json.Unmarshal(files["daten/systeme/bauantrag-assistent.json"], &one)
	var all struct{ Systems []any }
	json.Unmarshal(files["daten/register.json"], &all)
	fromAll = all.Systems[0]
	if !reflect.DeepEqual(one, fromAll) {
		t.Errorf("daten/systeme/bauantrag-assistent.json differs from its object in register.json")
	}
}

// A system without its own contact_email (format v1.1) keeps it empty in
// the exports (an export imported again gives the same content), and the
// address to write to is there beside it: organisation.contact_email in the
// JSON, organisation_contact_email in register.csv.
func TestContactViaOrganisation(t *testing.T) {
	r := fixtureRegister()
	r.System("chatbot").ContactEmail = ""
	files := mustFiles(t, r, fixtureConfig())
	var one struct {
		ContactEmail *string `json:"contact_email"`
		Organisation struct {
			ContactEmail *string `json:"contact_email"`
		} `json:"organisation"`
	}
	if err := json.Unmarshal(files["daten/systeme/chatbot.json"], &one); err != nil {
		t.Fatal(err)
	}
	if one.ContactEmail != nil || one.Organisation.ContactEmail == nil || *one.Organisation.ContactEmail != "poststelle@bmi.example" {
		t.Errorf("chatbot.json contact_email = %v, organisation.contact_email = %v; want null and poststelle@bmi.example", one.ContactEmail, one.Organisation.ContactEmail)
	}
	rows, err := csv.NewReader(bytes.NewReader(files["daten/register.csv"][3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	found := false
	for _, row := range rows[1:] {
		if row[col["id"]] == "chatbot" {
			found = true
			if row[col["contact_email"]] != "" || row[col["organisation_contact_email"]] != "poststelle@bmi.example" {
				t.Errorf("register.csv: chatbot contact_email %q, organisation_contact_email %q", row[col["contact_email"]], row[col["organisation_contact_email"]])
			}
		}
	}
	if !found {
		t.Error("register.csv has no row chatbot")
	}
}
