package export

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"io"
	"sort"
	"strings"

	"maki/internal/register"
)

// daten/eurocities.json is the register in the Algorithmic Transparency
// Standard of Eurocities and the Dutch algorithm registers (Algoritmeregister
// standaard), version 0.3.1: a JSON array with one registration object per
// system, sorted by id, in German ("lang": "de"), keys sorted. A registration holds only
// the attributes maki has a value for; a required attribute maki does not
// record (department, decision_making_process, impact, connected_data_sources,
// type, and whatever an entry leaves out) is left out rather than invented,
// so such a registration fails the standard's "required" and nothing else.
// docs/open-data.md maps every attribute to maki's fields and says what is
// lost either way. EurocitiesCSV writes the same registrations as the
// standard's CSV template: one column per attribute in the standard's order,
// separated by semicolons.

// ATSVersion is the version of the Algorithmic Transparency Standard the
// eurocities export follows.
const ATSVersion = "0.3.1"

// atsAttributes are the attributes of the standard in its order
// (Algoritmeregister/standard, _data/schema-v0_3_1.yaml).
var atsAttributes = []string{
	"name", "description_short", "organization", "department", "contact_email", "contact_phone", "contact_name",
	"area", "domain", "website", "status", "remark",
	"decision_making_process", "goal", "impact", "risks", "risk_category", "proportionality", "lawful_basis", "documentation",
	"training_data", "source_data", "data_bias", "connected_data_sources", "DPIA_description", "DPIA_url",
	"description", "algorithm_type", "methods_and_models", "performance", "alternatives_considered",
	"product_information", "codebase_url", "product_page", "AIA_description", "AIA_url",
	"monitoring", "type", "human_intervention", "objection_procedure", "rollback",
	"standard_version", "uuid", "lang", "publication_date", "last_change_date", "revision_date", "revision_note", "keywords",
}

// atsStatus maps maki's status to the standard's.
var atsStatus = map[register.Status]string{
	"planned": "planned", "development": "development", "pilot": "pilot", "production": "operational", "retired": "retired",
}

// atsRisk maps maki's risk class to the standard's risk category; an
// unassessed system has none. A system not high-risk under Art. 6(3) AI
// Act is "minimal risk" there (the grounds are lost).
var atsRisk = map[register.RiskClass]string{
	"high_risk": "high risk", "transparency": "limited risk", "minimal": "minimal risk", "not_high_risk_art6_3": "minimal risk",
}

// atsDomain maps the topic ids of maki's default vocabulary (maki init,
// the example content) to the standard's domains; the first topic that
// maps gives the domain.
var atsDomain = map[string]string{
	"buergerservice":      "government",
	"bauen-wohnen":        "housing, living and living environment",
	"steuern-finanzen":    "taxes",
	"sicherheit-ordnung":  "public safety",
	"gesundheit-soziales": "health and health care",
	"umwelt-klima":        "environment, spacial planning and water", // sic, the standard's spelling
	"verkehr-mobilitaet":  "traffic and transportation",
	"personal-verwaltung": "government",
	"justiz":              "justice",
	"bildung-forschung":   "education and science",
	"statistik-geodaten":  "generic",
	"it-sicherheit":       "generic",
}

// landNames and techniqueNames are the German names (as in the default
// theme's catalogue, kept here so that "maki export eurocities", which
// loads no theme, writes the bytes the build publishes).
var landNames = map[string]string{
	"DE-BB": "Brandenburg", "DE-BE": "Berlin", "DE-BW": "Baden-Württemberg", "DE-BY": "Bayern",
	"DE-HB": "Bremen", "DE-HE": "Hessen", "DE-HH": "Hamburg", "DE-MV": "Mecklenburg-Vorpommern",
	"DE-NI": "Niedersachsen", "DE-NW": "Nordrhein-Westfalen", "DE-RP": "Rheinland-Pfalz", "DE-SH": "Schleswig-Holstein",
	"DE-SL": "Saarland", "DE-SN": "Sachsen", "DE-ST": "Sachsen-Anhalt", "DE-TH": "Thüringen",
}

var techniqueNames = map[register.Technique]string{
	"rule_based": "Regelbasierte Systeme", "machine_learning": "Maschinelles Lernen", "deep_learning": "Deep Learning",
	"generative_ai": "Generative KI", "nlp": "Sprachverarbeitung (Text)", "speech": "Spracherkennung und -ausgabe",
	"computer_vision": "Bilderkennung", "optimisation": "Optimierung", "other": "Sonstige Verfahren",
}

// learning are the techniques that learn from data.
var learning = map[register.Technique]bool{
	"machine_learning": true, "deep_learning": true, "generative_ai": true, "nlp": true, "speech": true, "computer_vision": true,
}

// algorithmType is the standard's algorithm_type of the techniques:
// rule-based, self-learning or hybrid; "" when the techniques do not say
// (only optimisation, other or unknown).
func algorithmType(ts []register.Technique) string {
	var rules, learns bool
	for _, t := range ts {
		rules = rules || t == "rule_based"
		learns = learns || learning[t]
	}
	switch {
	case rules && learns:
		return "hybrid"
	case rules:
		return "rule-based"
	case learns:
		return "self-learning"
	}
	return ""
}

// uuid5 returns the name-based (SHA-1) UUID of name in the URL namespace
// (RFC 9562 section 5.5), so a system keeps its uuid across builds.
func uuid5(name string) string {
	ns := []byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.Sum(append(ns, name...))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	s := hex.EncodeToString(h[:16])
	return s[0:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:32]
}

// atsRecord returns the registration of a system as attribute → value;
// attributes maki has no value for are absent.
func (x *exporter) atsRecord(s *register.System) map[string]string {
	s = Public(s)
	m := map[string]string{}
	set := func(k, v string) {
		if v = strings.TrimSpace(v); v != "" {
			m[k] = v
		}
	}
	de := func(t register.Text) string { return text(t, "de") }
	org := x.r.Organisation(s.Organisation)
	set("name", de(s.Name))
	set("description_short", de(s.Summary))
	email := s.ContactEmail
	if org != nil {
		set("organization", de(org.Name))
		if email == "" {
			email = org.ContactEmail
		}
		switch {
		case org.Level == "bund":
			set("area", "Deutschland")
		case org.Level == "kommune":
			set("area", de(org.Name))
		case org.State != "":
			set("area", landNames[org.State])
		}
	}
	set("contact_email", email)
	for _, t := range s.Topics {
		if d := atsDomain[t]; d != "" {
			set("domain", d)
			break
		}
	}
	set("website", x.pageURL("de", s.ID))
	set("status", atsStatus[s.Status])
	set("goal", de(s.Purpose))
	set("risks", de(s.Risks))
	set("risk_category", atsRisk[s.RiskClass])
	set("proportionality", de(s.Alternatives))
	var laws []string
	for _, l := range s.LegalBasis {
		t := de(l.Title)
		if l.URL != "" {
			t += " (" + l.URL + ")"
		}
		laws = append(laws, t)
	}
	set("lawful_basis", strings.Join(laws, "; "))
	set("documentation", s.SourceURL)
	var train, source []string
	for _, d := range s.Data {
		t := de(d.Title)
		if desc := de(d.Description); desc != "" {
			t += ": " + desc
		}
		if d.URL != "" {
			t += " (" + d.URL + ")"
		}
		if d.Phase == "development" {
			train = append(train, t)
		} else {
			source = append(source, t)
		}
	}
	set("training_data", strings.Join(train, "\n"))
	set("source_data", strings.Join(source, "\n"))
	var aia []string
	for _, a := range s.Assessments {
		switch a.Type {
		case "dpia":
			if _, done := m["DPIA_description"]; !done {
				set("DPIA_description", de(a.Summary))
				set("DPIA_url", a.URL)
			}
		case "fria":
			if _, done := m["AIA_url"]; !done {
				set("AIA_url", a.URL)
			}
			aia = append([]string{de(a.Summary)}, aia...)
		default:
			aia = append(aia, de(a.Summary))
		}
	}
	set("AIA_description", strings.Join(aia, "\n\n"))
	if d := de(s.OperatingLogic); d != "" {
		set("description", d)
	} else {
		set("description", de(s.Description))
	}
	set("algorithm_type", algorithmType(s.Techniques))
	var methods []string
	for _, t := range s.Techniques {
		if t != "unknown" {
			methods = append(methods, techniqueNames[t])
		}
	}
	for _, md := range s.Models {
		t := md.Name
		if md.Version != "" {
			t += " " + md.Version
		}
		if md.Provider != "" {
			t += " (" + md.Provider + ")"
		}
		methods = append(methods, t)
	}
	set("methods_and_models", strings.Join(methods, "; "))
	set("performance", de(s.Performance))
	set("alternatives_considered", de(s.Alternatives))
	if s.EUDatabase != nil {
		set("product_information", s.EUDatabase.URL)
	}
	set("codebase_url", s.SourceCodeURL)
	set("monitoring", de(s.Performance))
	set("human_intervention", de(s.HumanOversight))
	set("objection_procedure", de(s.Redress))
	set("standard_version", ATSVersion)
	set("uuid", uuid5(x.pageURL("de", s.ID)))
	set("lang", "de")
	set("publication_date", string(s.Published))
	set("last_change_date", string(s.Updated))
	set("revision_date", string(s.NextReview))
	kw := append([]string(nil), s.Tags...)
	for _, t := range s.Topics {
		if tp := x.r.Topic(t); tp != nil {
			kw = append(kw, de(tp.Label))
		}
	}
	set("keywords", strings.Join(kw, ", "))
	return m
}

// Eurocities returns daten/eurocities.json.
func Eurocities(r *register.Register, cfg Config) ([]byte, error) {
	x, err := newExporter(r, cfg)
	if err != nil {
		return nil, err
	}
	return x.eurocitiesJSON(), nil
}

func (x *exporter) eurocitiesJSON() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	str := func(s string) {
		enc.Encode(s)
		b.Truncate(b.Len() - 1) // Encode's newline
	}
	b.WriteString("[")
	for i, s := range x.systems {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		m := x.atsRecord(s)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys) // as in every JSON export of maki
		for j, k := range keys {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n    ")
			str(k)
			b.WriteString(": ")
			str(m[k])
		}
		b.WriteString("\n  }")
	}
	if len(x.systems) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	return b.Bytes()
}

// EurocitiesCSV returns the registrations as the standard's CSV template:
// UTF-8, a header of the attributes in the standard's order, separated by
// semicolons, CRLF line ends. A cell that a spreadsheet would take for a
// formula (starting with =, +, -, @, tab or carriage return) gets a
// leading apostrophe.
func EurocitiesCSV(r *register.Register, cfg Config) ([]byte, error) {
	x, err := newExporter(r, cfg)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := x.eurocitiesCSV(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (x *exporter) eurocitiesCSV(out io.Writer) error {
	w := csv.NewWriter(out)
	w.Comma = ';'
	w.UseCRLF = true
	if err := w.Write(atsAttributes); err != nil {
		return err
	}
	row := make([]string, len(atsAttributes))
	for _, s := range x.systems {
		m := x.atsRecord(s)
		for i, k := range atsAttributes {
			row[i] = defuse(m[k])
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// defuse prefixes a cell that spreadsheet programs would evaluate as a
// formula with an apostrophe.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func (x *exporter) eurocitiesFile(out *sink) error {
	return out.stream("daten/eurocities.json", func(w *bufio.Writer) error {
		_, err := w.Write(x.eurocitiesJSON())
		return err
	})
}
