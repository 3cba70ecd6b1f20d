package load_test

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"maki/internal/load"
)

// TestSynonyms checks that content/synonyme.yaml becomes Register.Synonyms,
// its bad groups left out (their errors: testdata/scenarios/synonyms.txtar),
// that a missing file means no synonyms, and that a file of the wrong
// shape or too many groups is an error, never a panic.
func TestSynonyms(t *testing.T) {
	tests := []struct {
		name, src string
		want      [][]string
		errs      string // substring of the errors, "" for none
	}{
		{"missing", "", nil, ""},
		{"groups", "- [Gesichtserkennung, Gesichtsvergleich]\n- [KI,  künstliche   Intelligenz]\n- [115, Behördennummer]\n",
			[][]string{{"Gesichtserkennung", "Gesichtsvergleich"}, {"KI", "künstliche Intelligenz"}, {"115", "Behördennummer"}}, ""},
		{"empty file", "# nur ein Kommentar\n", nil, ""},
		{"mapping", "ki: künstliche Intelligenz\n", nil, `synonyme.yaml:1:1: got a mapping; want a list of synonym groups`},
		{"bad group kept apart", "- [a1, b1]\n- [solo]\n", [][]string{{"a1", "b1"}}, `synonyme.yaml:2:3: synonym group: 1 entry; want 2 to 20`},
		{"alias", "- &g [aa, bb]\n- *g\n", [][]string{{"aa", "bb"}, {"aa", "bb"}}, ""},
		{"too many", strings.Repeat("- [aa, bb]\n", 2001), nil, "2001 synonym groups; want at most 2000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := baseTree(t)
			if tt.src != "" {
				fsys[load.SynonymsFile] = &fstest.MapFile{Data: []byte(tt.src), Mode: 0o644}
			} else {
				delete(fsys, load.SynonymsFile)
			}
			r, errs := load.Register(fsys, "content")
			if !reflect.DeepEqual(r.Synonyms, tt.want) {
				t.Errorf("Synonyms = %q; want %q", r.Synonyms, tt.want)
			}
			var msgs []string
			for _, e := range errs {
				if strings.Contains(e.Pos.File, "synonyme") {
					msgs = append(msgs, e.Error())
				}
			}
			got := strings.Join(msgs, "\n")
			if tt.errs == "" && got != "" || !strings.Contains(got, tt.errs) {
				t.Errorf("errors:\n%s\nwant one containing %q", got, tt.errs)
			}
		})
	}
}
