package export

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"maki/internal/register"
)

func TestListEncoding(t *testing.T) {
	tests := [][]string{
		nil,
		{"a"},
		{"a", "b"},
		{"a;b", `c\d`, ""},
		{"", "x"},
		{`\;`, `;\`},
	}
	for _, items := range tests {
		cell := joinList(items)
		got := SplitList(cell)
		if len(items) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, items) {
			t.Errorf("SplitList(joinList(%q)) = %q (cell %q)", items, got, cell)
		}
	}
}

// csvSystems reads register.csv back into systems, the way a consumer
// would: encoding/csv, the header names, SplitList for lists.
func csvSystems(t *testing.T, b []byte) []*register.System {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatalf("register.csv does not start with a UTF-8 byte order mark")
	}
	rd := csv.NewReader(bytes.NewReader(b[3:]))
	rows, err := rd.ReadAll()
	if err != nil {
		t.Fatalf("register.csv: %v", err)
	}
	head := rows[0]
	if !reflect.DeepEqual(head, CSVHeader()) {
		t.Fatalf("header = %v; want CSVHeader()", head)
	}
	var out []*register.System
	for _, row := range rows[1:] {
		c := map[string]string{}
		for i, h := range head {
			c[h] = CellValue(row[i])
		}
		txt := func(k string) register.Text { return register.Text{De: c[k+"_de"], En: c[k+"_en"]} }
		list := func(k string) []string { return SplitList(c[k]) }
		at := func(k string, i int) string {
			l := list(k)
			if i < len(l) {
				return l[i]
			}
			return ""
		}
		s := &register.System{
			Name: txt("name"), Summary: txt("summary"), Description: txt("description"),
			Organisation: c["organisation"], Partners: list("partners"),
			Status: register.Status(c["status"]), Start: register.Month(c["start"]), End: register.Month(c["end"]),
			Topics: list("topics"), Users: register.Users(c["users"]), Purpose: txt("purpose"),
			RiskClass: register.RiskClass(c["risk_class"]), Art63Grounds: txt("art6_3_grounds"),
			OperatingLogic: txt("operating_logic"), HumanOversight: txt("human_oversight"), Risks: txt("risks"),
			PersonalData: register.PersonalData(c["personal_data"]),
			DecisionRole: register.DecisionRole(c["decision_role"]), Redress: txt("redress"),
			Alternatives: txt("alternatives"), Performance: txt("performance"), SourceURL: c["source_url"],
			Development: register.Development(c["development"]), Vendor: c["vendor"], Hosting: register.Hosting(c["hosting"]),
			SourceCodeURL: c["source_code_url"], License: c["license"], Reuse: register.Reuse(c["reuse"]),
			Cooperation: txt("cooperation"), BasedOn: c["based_on"], ContactEmail: c["contact_email"], ContactURL: c["contact_url"],
			Published: register.Date(c["published"]), Updated: register.Date(c["updated"]), NextReview: register.Date(c["next_review"]),
			Tags: list("tags"), Restricted: c["restricted"] == "true",
		}
		s.ID = c["id"]
		for _, v := range list("techniques") {
			s.Techniques = append(s.Techniques, register.Technique(v))
		}
		if c["annex_iii_area"] != "" {
			s.AnnexIIIArea, _ = strconv.Atoi(c["annex_iii_area"])
		}
		if c["eu_database_url"] != "" || c["eu_database_id"] != "" {
			s.EUDatabase = &register.EUDatabase{URL: c["eu_database_url"], ID: c["eu_database_id"]}
		}
		for i := range list("assessments_type") {
			s.Assessments = append(s.Assessments, register.Assessment{
				Type: register.AssessmentType(at("assessments_type", i)), Date: register.Date(at("assessments_date", i)),
				URL: at("assessments_url", i), Summary: register.Text{De: at("assessments_summary_de", i), En: at("assessments_summary_en", i)},
			})
		}
		n := max(len(list("legal_basis_title_de")), len(list("legal_basis_title_en")), len(list("legal_basis_url")))
		for i := 0; i < n; i++ {
			s.LegalBasis = append(s.LegalBasis, register.LegalBasis{
				Title: register.Text{De: at("legal_basis_title_de", i), En: at("legal_basis_title_en", i)}, URL: at("legal_basis_url", i),
			})
		}
		for i := range list("models_name") {
			s.Models = append(s.Models, register.Model{
				Name: at("models_name", i), Provider: at("models_provider", i), Version: at("models_version", i),
				OpenWeights: at("models_open_weights", i) == "true",
			})
		}
		n = max(len(list("data_title_de")), len(list("data_title_en")))
		for i := 0; i < n; i++ {
			s.Data = append(s.Data, register.DataSet{
				Title: register.Text{De: at("data_title_de", i), En: at("data_title_en", i)}, Phase: register.DataPhase(at("data_phase", i)),
				URL: at("data_url", i), Description: register.Text{De: at("data_description_de", i), En: at("data_description_en", i)},
			})
		}
		out = append(out, s)
	}
	return out
}

// stripMeta returns a copy of s with only the id kept from Meta, and CR LF
// line ends as LF (CSV readers fold them; YAML content has none).
func stripMeta(s *register.System) *register.System {
	c := *s
	c.Meta = register.Meta{ID: s.ID}
	fix := func(t *register.Text) {
		t.De = crlf.Replace(t.De)
		t.En = crlf.Replace(t.En)
	}
	fix(&c.Description)
	return &c
}

func TestCSVRoundTrip(t *testing.T) {
	r := fixtureRegister()
	files := mustFiles(t, r, fixtureConfig())
	got := csvSystems(t, files["daten/register.csv"])
	if len(got) != len(r.Systems) {
		t.Fatalf("register.csv has %d systems; want %d", len(got), len(r.Systems))
	}
	byID := map[string]*register.System{}
	for _, s := range r.Systems {
		byID[s.ID] = s
	}
	for _, g := range got {
		want := stripMeta(byID[g.ID])
		g.Meta = register.Meta{ID: g.ID}
		if !reflect.DeepEqual(g, want) {
			gv, wv := reflect.ValueOf(*g), reflect.ValueOf(*want)
			for i := 0; i < gv.NumField(); i++ {
				if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
					t.Errorf("%s: field %s = %#v; want %#v", g.ID, gv.Type().Field(i).Name, gv.Field(i).Interface(), wv.Field(i).Interface())
				}
			}
		}
	}
}

// Every content key of a system has a column (texts as _de/_en, record
// lists as one column per record field).
func TestCSVHasEveryField(t *testing.T) {
	cols := map[string]bool{}
	for _, h := range CSVHeader() {
		cols[h] = true
	}
	textType := reflect.TypeOf(register.Text{})
	var walk func(prefix string, typ reflect.Type)
	walk = func(prefix string, typ reflect.Type) {
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			key := f.Tag.Get("yaml")
			if key == "" || key == "-" {
				continue
			}
			name := prefix + key
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			switch {
			case ft == textType:
				if !cols[name+"_de"] || !cols[name+"_en"] {
					t.Errorf("no columns %s_de, %s_en", name, name)
				}
			case ft.Kind() == reflect.Struct:
				walk(name+"_", ft)
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				walk(name+"_", ft.Elem())
			default:
				if !cols[name] {
					t.Errorf("no column %s", name)
				}
			}
		}
	}
	walk("", reflect.TypeOf(register.System{}))
}

func TestCSVFormat(t *testing.T) {
	b, err := RegisterCSV(fixtureRegister(), fixtureConfig())
	if err != nil {
		t.Fatal(err)
	}
	// RFC 4180: records end in CRLF.
	if !bytes.HasSuffix(b, []byte("\r\n")) || bytes.Count(b, []byte("\r\n")) < 4 {
		t.Errorf("register.csv does not use CRLF line ends")
	}
	empty, err := RegisterCSV(&register.Register{Site: fixtureRegister().Site}, fixtureConfig())
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(empty, []byte("\r\n")); n != 1 {
		t.Errorf("empty register.csv has %d lines; want the header only", n)
	}
}

var crlf = strings.NewReplacer("\r\n", "\n")

func TestNeutralise(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://x")`, `'=HYPERLINK("http://x")`},
		{"@SUM(1)", "'@SUM(1)"},
		{"+1", "'+1"},
		{"-x", "'-x"},
		{"- Stichpunkt", "'- Stichpunkt"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"'quoted", "'quoted"},      // a quote before anything else stays as it is
		{"''double", "'''double"},   // a quote before a quote gets one more
		{"'=already", "''=already"}, // so does a quote before a formula character
		{"'", "'"},
		{"a=b", "a=b"},
		{"2024-01-01", "2024-01-01"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := neutralise(tt.in); got != tt.want {
			t.Errorf("neutralise(%q) = %q; want %q", tt.in, got, tt.want)
		}
		if got := CellValue(neutralise(tt.in)); got != tt.in {
			t.Errorf("CellValue(neutralise(%q)) = %q; want it back", tt.in, got)
		}
	}
	// Cells written by other programs: a quote is taken off only before a
	// formula character or a quote.
	for in, want := range map[string]string{"'s-Hertogenbosch": "'s-Hertogenbosch", "'=1": "=1", "''x": "'x", "x": "x", "'": "'"} {
		if got := CellValue(in); got != want {
			t.Errorf("CellValue(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestCSVNoFormulas writes a system whose texts, lists and record fields
// hold hostile values and checks that no cell of register.csv starts with
// a formula character, and that reading the cells back with CellValue
// gives the values.
func TestCSVNoFormulas(t *testing.T) {
	r := fixtureRegister()
	s := *r.Systems[0]
	s.Meta.ID = "formeln"
	s.Name = register.Text{De: `=HYPERLINK("http://x")`, En: "@SUM(1)"}
	s.Summary = register.Text{De: "- Stichpunkt\n- zweiter", En: "\tTab"}
	s.Purpose = register.Text{De: "'=schon zitiert", En: "''double"}
	s.Vendor = "+49 30 123"
	s.Tags = []string{"-a", "=b"}
	s.Models = []register.Model{{Name: "+M", Provider: "''p", Version: "-1"}}
	r.Systems = append(r.Systems, &s)
	b, err := RegisterCSV(r, fixtureConfig())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		for j, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("row %d, column %s: cell %q starts with a formula character", i+1, rows[0][j], cell)
			}
		}
	}
	var got *register.System
	for _, g := range csvSystems(t, b) {
		if g.ID == "formeln" {
			got = g
		}
	}
	if got == nil {
		t.Fatal("system formeln missing from register.csv")
	}
	if got.Name != s.Name || got.Summary != s.Summary || got.Purpose != s.Purpose || got.Vendor != s.Vendor ||
		!reflect.DeepEqual(got.Tags, s.Tags) || !reflect.DeepEqual(got.Models, s.Models) {
		t.Errorf("read back: name %q, summary %q, purpose %q, vendor %q, tags %q, models %+v; want %q, %q, %q, %q, %q, %+v",
			got.Name, got.Summary, got.Purpose, got.Vendor, got.Tags, got.Models, s.Name, s.Summary, s.Purpose, s.Vendor, s.Tags, s.Models)
	}
}
