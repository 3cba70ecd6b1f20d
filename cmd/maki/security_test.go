package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSecurityGuaranteesHaveTests: every test, benchmark, fuzz target and
// scenario that SECURITY.md names as the proof of a guarantee exists, so
// the document cannot drift from the tests.
func TestSecurityGuaranteesHaveTests(t *testing.T) {
	doc, err := os.ReadFile("../../SECURITY.md")
	if err != nil {
		t.Skip("no SECURITY.md")
	}
	var sources strings.Builder
	scenarios := map[string]bool{}
	filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil || (d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git" || d.Name() == "public")) {
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasSuffix(p, "_test.go"):
			b, _ := os.ReadFile(p)
			sources.Write(b)
		case strings.HasSuffix(p, ".txtar") && strings.Contains(filepath.ToSlash(p), "/scenarios/"):
			scenarios[strings.TrimSuffix(filepath.Base(p), ".txtar")] = true
		}
		return nil
	})
	names := regexp.MustCompile("`((?:Test|Benchmark|Fuzz)[A-Za-z0-9_]+)(?:/[a-z-]+)?`").FindAllSubmatch(doc, -1)
	if len(names) < 20 {
		t.Fatalf("SECURITY.md names %d tests; want the proof of every guarantee", len(names))
	}
	for _, m := range names {
		if !strings.Contains(sources.String(), "func "+string(m[1])+"(") {
			t.Errorf("SECURITY.md names %s, which no test file defines", m[1])
		}
	}
	for _, m := range regexp.MustCompile("scenarios? ((?:`[a-z0-9-]+`(?:, | and )?)+)").FindAllSubmatch(doc, -1) {
		for _, s := range regexp.MustCompile("`([a-z0-9-]+)`").FindAllSubmatch(m[1], -1) {
			if !scenarios[string(s[1])] {
				t.Errorf("SECURITY.md names scenario %s, which no testdata/scenarios file holds", s[1])
			}
		}
	}
}
