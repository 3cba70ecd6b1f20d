package csvimport

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCutAtSentence(t *testing.T) {
	for _, tt := range []struct {
		s    string
		max  int
		want string
		cut  bool
	}{
		{"Kurz.", 10, "Kurz.", false},
		{"Eins. Zwei. Drei.", 12, "Eins. Zwei.", true},
		{"Eins. Zwei. Drei.", 11, "Eins. Zwei.", true},
		{"Eins. Zwei. Drei.", 10, "Eins.", true},
		{"Ist das so? Ja! Gut.", 16, "Ist das so? Ja!", true},
		{"Version 1.2 kommt. Danach mehr.", 20, "Version 1.2 kommt.", true}, // "1.2" is no sentence end
		{"ein langer satz ohne ende hier", 12, "ein langer …", true},
		{"Überlänge", 5, "Über…", true},
		{"Straße. Weg.", 8, "Straße.", true},
	} {
		got, cut := cutAtSentence(tt.s, tt.max)
		if got != tt.want || cut != tt.cut {
			t.Errorf("cutAtSentence(%q, %d) = %q, %v; want %q, %v", tt.s, tt.max, got, cut, tt.want, tt.cut)
		}
		if n := utf8.RuneCountInString(got); n > tt.max {
			t.Errorf("cutAtSentence(%q, %d) has %d characters", tt.s, tt.max, n)
		}
	}
}

func TestSlug(t *testing.T) {
	for _, tt := range []struct{ s, want string }{
		{"Parkeercontrole", "parkeercontrole"},
		{"Bürgerservice Straße", "buergerservice-strasse"},
		{"  VRI`s (Verkehr) – Ampel!  ", "vri-s-verkehr-ampel"},
		{"Geautomatiseerde gezichtsvergelijking bij het RNI-inschrijfproces", "geautomatiseerde-gezichtsvergelijking-bij-het-rni-inschrijfproces"},
		{"Café Noël", "cafe-noel"},
		{"€ 5", "5"},
		{"", ""},
	} {
		if got := Slug(tt.s); got != tt.want {
			t.Errorf("Slug(%q) = %q; want %q", tt.s, got, tt.want)
		}
	}
}

func TestMakeIDLength(t *testing.T) {
	row := &Row{Values: Values{"name": strings.Repeat("lang wort ", 20), "organisation": "stadt-a"}}
	mm, errs := ReadMapping(KindSystem, "m.yaml", []byte("id: \"{organisation}-{name|slug}\"\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	m := newMapping(mm)
	id := m.makeID(row)
	if len(id) > 80 || strings.HasSuffix(id, "-") || !strings.HasPrefix(id, "stadt-a-lang-wort-") {
		t.Errorf("id %q; want at most 80 characters, cut at a hyphen", id)
	}
}

func TestReadMappingErrors(t *testing.T) {
	src := `columns:
  naam: name
  foo: bar
values:
  status: {In gebruik: production}
  statuz: {x: y}
id: "{name|upper}"
defaults:
  risk_class: unassessed
cut:
  summary: zero
extra: 1
`
	_, errs := ReadMapping(KindSystem, "m.yaml", []byte(src))
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		`m.yaml:3:8: field "columns.foo": no field "bar"; want a field of a system like "name", "summary.en" or "topics", or "-" to skip the column`,
		`m.yaml:6:3: field "values.statuz": no field "statuz"; want a field of a system`,
		`m.yaml:7:5: field "id": unknown filter "upper"; want "slug"`,
		`m.yaml:11:12: field "cut.summary": want the most characters, a whole number ≥ 1`,
		`m.yaml:12:1: field "extra": unknown key; want "columns", "values", "id", "defaults" or "cut"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
