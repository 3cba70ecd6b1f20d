package register

import (
	"reflect"
	"testing"
)

func statsRegister() *Register {
	r := &Register{
		Topics: []*Topic{
			{Meta: Meta{ID: "bauen"}, ID: "bauen", Label: Text{De: "Bauen", En: "Building"}},
			{Meta: Meta{ID: "soziales"}, ID: "soziales", Label: Text{De: "Soziales"}},
		},
		Organisations: []*Organisation{
			{Meta: Meta{ID: "bmi"}, Level: "bund"},
			{Meta: Meta{ID: "stadt"}, Level: "kommune", State: "DE-BW"},
		},
		Systems: []*System{
			{Meta: Meta{ID: "a"}, Organisation: "bmi", Status: "production", Start: "2021-03",
				Topics: []string{"bauen", "soziales"}, Techniques: []Technique{"nlp", "generative_ai"},
				RiskClass: "minimal", PersonalData: "none", Reuse: "available"},
			{Meta: Meta{ID: "b"}, Organisation: "stadt", Status: "planned",
				Topics: []string{"bauen"}, Techniques: []Technique{"nlp"},
				RiskClass: "high_risk", PersonalData: "personal"},
			{Meta: Meta{ID: "c"}, Organisation: "stadt", Status: "production", Start: "2023-11",
				Topics: []string{"soziales", "soziales"}, Techniques: []Technique{"other"},
				RiskClass: "minimal", PersonalData: "none", Reuse: "none"},
		},
	}
	r.Index()
	return r
}

func TestComputeStats(t *testing.T) {
	st := ComputeStats(statsRegister())
	if st.Total != 3 {
		t.Errorf("Total = %d; want 3", st.Total)
	}
	var keys []string
	for _, g := range st.Groups {
		keys = append(keys, g.Key)
	}
	if !reflect.DeepEqual(keys, StatsGroups) {
		t.Errorf("group keys = %v; want %v", keys, StatsGroups)
	}
	tests := []struct {
		group, value string
		want         int
	}{
		{"status", "production", 2},
		{"status", "planned", 1},
		{"status", "retired", 0},
		{"level", "bund", 1},
		{"level", "kommune", 2},
		{"state", "DE-BW", 2},
		{"state", "DE-BY", 0},
		{"topic", "bauen", 2},
		{"topic", "soziales", 2}, // duplicates within one system count once
		{"risk_class", "high_risk", 1},
		{"technique", "nlp", 2},
		{"technique", "other", 1},
		{"personal_data", "none", 2},
		{"reuse", "available", 1},
		{"start_year", "2021", 1},
		{"start_year", "2022", 0},
		{"start_year", "2023", 1},
	}
	for _, tt := range tests {
		if got := st.Count(tt.group, tt.value); got != tt.want {
			t.Errorf("Count(%q, %q) = %d; want %d", tt.group, tt.value, got, tt.want)
		}
	}
	missing := map[string]int{"state": 1, "reuse": 1, "start_year": 1, "status": 0}
	for k, want := range missing {
		if got := st.Group(k).Missing; got != want {
			t.Errorf("Group(%q).Missing = %d; want %d", k, got, want)
		}
	}
	if g := st.Group("status"); len(g.Items) != 5 || g.Items[0].Value != "planned" || g.Items[0].Key != "status.planned" {
		t.Errorf("status items = %+v; want the 5 values in life-cycle order with keys", g.Items)
	}
	if g := st.Group("state"); len(g.Items) != 16 {
		t.Errorf("state items = %d; want all 16 Länder", len(g.Items))
	}
	if g := st.Group("topic"); g.Items[0].Key != "" || g.Items[0].Label.En != "Building" || !g.Multi {
		t.Errorf("topic group = %+v; want labels from the vocabulary, Multi", g)
	}
	if g := st.Group("start_year"); len(g.Items) != 3 || g.Items[1].Label.De != "2022" {
		t.Errorf("start_year items = %+v; want 2021, 2022, 2023", g.Items)
	}
	if g := st.Group("technique"); g.Sum() != 4 || g.Max() != 2 {
		t.Errorf("technique Sum, Max = %d, %d; want 4, 2", g.Sum(), g.Max())
	}
}

func TestComputeStatsUnknownValues(t *testing.T) {
	r := statsRegister()
	r.Systems[0].Status = "zombie"
	st := ComputeStats(r)
	g := st.Group("status")
	last := g.Items[len(g.Items)-1]
	if last.Value != "zombie" || last.N != 1 {
		t.Errorf("last status item = %+v; want the unknown value counted after the known ones", last)
	}
}

func TestComputeStatsEmpty(t *testing.T) {
	st := ComputeStats(&Register{})
	if st.Total != 0 || len(st.Groups) != len(StatsGroups) {
		t.Fatalf("ComputeStats(empty) = %+v", st)
	}
	if g := st.Group("start_year"); len(g.Items) != 0 {
		t.Errorf("start_year of empty register = %+v; want no items", g.Items)
	}
}

// Values not stated count as their own value: "unknown" in the enumeration
// groups, and a started system without start as the start year "unknown"
// (labelled "keine Angabe"), apart from systems not started yet (Missing).
func TestStatsNotStated(t *testing.T) {
	r := statsRegister()
	r.Systems[0].Techniques = []Technique{"unknown"}
	r.Systems[0].DecisionRole = "unknown"
	r.Systems[2].DecisionRole = "prepares"
	r.Systems[2].Start = "" // production, start not stated
	st := ComputeStats(r)
	if n := st.Count("technique", "unknown"); n != 1 {
		t.Errorf("technique unknown = %d; want 1", n)
	}
	if n := st.Count("decision_role", "unknown"); n != 1 {
		t.Errorf("decision_role unknown = %d; want 1", n)
	}
	if g := st.Group("decision_role"); g == nil || g.Missing != 1 || st.Count("decision_role", "prepares") != 1 {
		t.Errorf("decision_role group = %+v; want prepares 1, unknown 1, 1 missing", g)
	}
	g := st.Group("start_year")
	last := g.Items[len(g.Items)-1]
	if last.Value != Unknown || last.Key != NotStated || last.N != 1 || last.Label.De != "keine Angabe" {
		t.Errorf("start_year last item = %+v; want unknown, keine Angabe, 1", last)
	}
	if g.Missing != 1 {
		t.Errorf("start_year missing = %d; want 1 (the planned system)", g.Missing)
	}
}
