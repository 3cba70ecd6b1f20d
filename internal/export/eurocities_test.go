package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"maki/internal/register"
)

func TestUUID5(t *testing.T) {
	// Python: uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/systeme/chatbot/")
	if got, want := uuid5("https://example.org/systeme/chatbot/"), "a121bd23-2e5a-58a5-a8b9-01c4ab4a9ac2"; got != want {
		t.Errorf("uuid5 = %s; want %s", got, want)
	}
}

func TestAlgorithmType(t *testing.T) {
	for _, tc := range []struct {
		ts   []register.Technique
		want string
	}{
		{[]register.Technique{"rule_based"}, "rule-based"},
		{[]register.Technique{"rule_based", "nlp"}, "hybrid"},
		{[]register.Technique{"generative_ai", "optimisation"}, "self-learning"},
		{[]register.Technique{"optimisation", "other"}, ""},
		{[]register.Technique{"unknown"}, ""},
	} {
		if got := algorithmType(tc.ts); got != tc.want {
			t.Errorf("algorithmType(%v) = %q; want %q", tc.ts, got, tc.want)
		}
	}
}

var (
	reUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	reDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// checkATS validates registrations against the Algorithmic Transparency
// Standard's schema (testdata/eurocities) and returns, per registration,
// the required attributes it lacks. Any other violation fails the test.
func checkATS(t *testing.T, data []byte) []map[string]string {
	t.Helper()
	schema, err := os.ReadFile("testdata/eurocities/registration-v0.3.1.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	v, err := newSchemaValidator(schema)
	if err != nil {
		t.Fatal(err)
	}
	var regs []json.RawMessage
	if err := json.Unmarshal(data, &regs); err != nil {
		t.Fatalf("eurocities.json: %v", err)
	}
	var out []map[string]string
	for i, raw := range regs {
		for _, e := range v.validate(raw, "#") {
			if !strings.Contains(e, "missing required key") {
				t.Errorf("registration %d: %s", i, e)
			}
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Errorf("registration %d: %v; want every value a string", i, err)
		}
		if !reUUID.MatchString(m["uuid"]) {
			t.Errorf("registration %d: uuid %q; want a version 5 UUID", i, m["uuid"])
		}
		for _, k := range []string{"publication_date", "last_change_date", "revision_date"} {
			if d, ok := m[k]; ok && !reDate.MatchString(d) {
				t.Errorf("registration %d: %s %q; want YYYY-MM-DD", i, k, d)
			}
		}
		out = append(out, m)
	}
	return out
}

func TestEurocitiesSchema(t *testing.T) {
	r := fixtureRegister()
	files := mustFiles(t, r, fixtureConfig())
	regs := checkATS(t, files["daten/eurocities.json"])
	if len(regs) != len(r.Systems) {
		t.Fatalf("%d registrations; want %d", len(regs), len(r.Systems))
	}
	byName := map[string]map[string]string{}
	for _, m := range regs {
		byName[m["website"]] = m
	}
	chat := byName["https://register.example.org/ki/systeme/chatbot/"]
	if chat == nil {
		t.Fatalf("no registration with the chatbot's page as website: %v", regs)
	}
	for k, want := range map[string]string{
		"status": "operational", "risk_category": "limited risk", "standard_version": "0.3.1", "lang": "de",
		"uuid": uuid5("https://register.example.org/ki/systeme/chatbot/"),
	} {
		if chat[k] != want {
			t.Errorf("chatbot: %s = %q; want %q", k, chat[k], want)
		}
	}
	if _, ok := chat["algorithm_type"]; !ok {
		t.Errorf("chatbot (nlp, unknown): no algorithm_type; want self-learning")
	}
	for _, m := range regs {
		for _, k := range []string{"department", "decision_making_process", "impact", "connected_data_sources", "type", "contact_phone", "contact_name"} {
			if _, ok := m[k]; ok {
				t.Errorf("%s: %s = %q; maki records no such value", m["website"], k, m[k])
			}
		}
	}
	// Deterministic and independent of the catalogue's English.
	again, _ := Eurocities(r, fixtureConfig())
	if !bytes.Equal(again, files["daten/eurocities.json"]) {
		t.Error("Eurocities differs from daten/eurocities.json")
	}
}

func TestEurocitiesCSV(t *testing.T) {
	r := fixtureRegister()
	r.Systems[0].Name.De = "=HYPERLINK(\"http://x\")"
	b, err := EurocitiesCSV(r, fixtureConfig())
	if err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = ';'
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(r.Systems)+1 || strings.Join(recs[0], ";") != strings.Join(atsAttributes, ";") {
		t.Fatalf("eurocities CSV: %d records, header %q", len(recs), recs[0])
	}
	found := false
	for _, rec := range recs[1:] {
		if rec[0] == "'=HYPERLINK(\"http://x\")" {
			found = true
		}
		if strings.HasPrefix(rec[0], "=") {
			t.Errorf("name cell %q starts with =", rec[0])
		}
	}
	if !found {
		t.Errorf("no neutralised name in %q", recs[1:])
	}
}

func TestEurocitiesEmpty(t *testing.T) {
	b, err := Eurocities(&register.Register{Site: fixtureRegister().Site}, fixtureConfig())
	if err != nil || string(b) != "[]\n" {
		t.Errorf("empty register: %q, %v; want []", b, err)
	}
}

// The names eurocities.go keeps for the CLI are those of the register.
func TestEurocitiesNames(t *testing.T) {
	for _, code := range register.States {
		if landNames[code] == "" {
			t.Errorf("no name for %s", code)
		}
	}
	for _, tq := range register.Technique("").Enum() {
		if techniqueNames[register.Technique(tq)] == "" && tq != "unknown" {
			t.Errorf("no name for technique %s", tq)
		}
	}
}
