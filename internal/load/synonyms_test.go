package load_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"maki/internal/guard"
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

// TestSynonymsFileGuarded checks that the synonym list is read through the
// guarded file system like every content file: a link out of the content
// root, a pipe or a file over the size cap is an error at
// content/synonyme.yaml, never read and never waited on.
func TestSynonymsFileGuarded(t *testing.T) {
	if _, err := os.Stat("../../content/site.yaml"); err != nil {
		t.Skip("no example content")
	}
	outside := filepath.Join(t.TempDir(), "outside.yaml")
	os.WriteFile(outside, []byte("- [geheim, secret]\n"), 0o644)
	for name, plant := range map[string]func(string) error{
		"link outside": func(p string) error { return os.Symlink(outside, p) },
		"pipe":         func(p string) error { return syscall.Mkfifo(p, 0o644) },
		"too large":    func(p string) error { return os.WriteFile(p, []byte("- [aa, bb]\n"+strings.Repeat("#", 40000)), 0o644) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, load.SynonymsFile)
			os.Remove(p)
			if err := plant(p); err != nil {
				t.Fatal(err)
			}
			r, errs := load.Register(guard.New(context.Background(), dir, 30000), "content")
			if len(r.Synonyms) != 0 {
				t.Errorf("Synonyms = %q; want none read", r.Synonyms)
			}
			found := false
			for _, e := range errs.Errors() {
				if e.Pos.File == "content/"+load.SynonymsFile {
					found = true
				}
			}
			if !found {
				t.Errorf("errors %v; want one at content/%s", errs, load.SynonymsFile)
			}
		})
	}
}
