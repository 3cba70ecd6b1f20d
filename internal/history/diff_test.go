package history

import (
	"strings"
	"testing"
	"time"

	"maki/internal/register"
)

func ops(ws []register.WordOp) string {
	var b strings.Builder
	for _, w := range ws {
		if w.Op == '=' {
			b.WriteString(w.Text)
			continue
		}
		b.WriteString("[" + string(w.Op) + w.Text + "]")
	}
	return b.String()
}

func TestWordDiff(t *testing.T) {
	for _, tt := range []struct{ a, b, want string }{
		{"Bescheide prüfen.", "Bescheide schnell prüfen.", "Bescheide [+schnell ]prüfen."},
		{"a b c", "a c", "a [-b ]c"},
		{"a b c", "x y z", "[-a b c][+x y z]"},
		{"", "neu", "[+neu]"},
		{"Zeile eins\n\nZeile zwei", "Zeile eins\n\nZeile drei", "Zeile eins\n\nZeile [-zwei][+drei]"},
	} {
		got, trunc := WordDiff(tt.a, tt.b)
		if ops(got) != tt.want || trunc {
			t.Errorf("WordDiff(%q, %q) = %q, %v; want %q, false", tt.a, tt.b, ops(got), trunc, tt.want)
		}
	}
}

// TestWordDiffBounded: two long texts that differ throughout cost no more
// than maxCells comparisons; the middle is one removal and one insertion.
func TestWordDiffBounded(t *testing.T) {
	a := "Anfang " + strings.Repeat("alt ", 5000) + "Ende"
	b := "Anfang " + strings.Repeat("neu ", 5000) + "Ende"
	start := time.Now()
	got, trunc := WordDiff(a, b)
	if !trunc || len(got) != 4 {
		t.Errorf("WordDiff of 5000 changed words: %d runs, truncated %v; want 4 runs, true", len(got), trunc)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("WordDiff took %v; want it bounded", d)
	}
}

func TestChanges(t *testing.T) {
	old := &register.System{Meta: register.Meta{ID: "a"}, RiskClass: "minimal", Techniques: []register.Technique{"ml"},
		Purpose: register.Text{De: "Post sortieren."}, Restricted: false, Name: register.Text{De: "A"}}
	new := &register.System{Meta: register.Meta{ID: "a"}, RiskClass: "high_risk", Techniques: []register.Technique{"llm"},
		Purpose: register.Text{De: "Post\n  sortieren."}, Restricted: true, Name: register.Text{De: "A"}, Vendor: "Firma"}
	var got []string
	for _, c := range Changes(old, new) {
		got = append(got, c.Field+"/"+string(c.Kind)+"/"+c.Enum+"/"+c.Old+">"+c.New+"+"+strings.Join(c.Added, ",")+"-"+strings.Join(c.Removed, ","))
	}
	want := []string{
		"techniques/list/technique/>+llm-ml",
		"risk_class/value/risk_class/minimal>high_risk+-",
		"vendor/set//>Firma+-",
		"restricted/value/common/no>yes+-",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Changes =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSameFields(t *testing.T) {
	for _, tc := range [][2]string{
		{"", ""}, {"a b", "a  b"}, {" a\nb ", "a b"}, {"a b", "a c"}, {"a", "a b"}, {"a b", "ab"},
		{"Ä\u00a0ö", "Ä ö"}, {"x\u2003y", "x y"}, {"", " "}, {"a", ""}, {"\xff b", "\xff  b"},
	} {
		want := strings.Join(strings.Fields(tc[0]), " ") == strings.Join(strings.Fields(tc[1]), " ")
		if got := sameFields(tc[0], tc[1]); got != want {
			t.Errorf("sameFields(%q, %q) = %v; want %v (as strings.Fields)", tc[0], tc[1], got, want)
		}
	}
}
