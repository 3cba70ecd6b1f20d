package render

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"maki/internal/corpus"
	"maki/internal/load"
	"maki/internal/markdown"
	"maki/internal/register"
)

// renderSite renders reg with the default theme and returns path → page.
func renderSite(t *testing.T, reg *register.Register) map[string]string {
	t.Helper()
	return renderSiteSize(t, reg, 0)
}

// renderSiteSize is renderSite with pageSize systems on a list page (0:
// the default).
func renderSiteSize(t *testing.T, reg *register.Register, pageSize int) map[string]string {
	t.Helper()
	reg = reg.Public()
	reg.Site.BaseURL = "https://example.org/"
	theme := os.DirFS("../../themes/default")
	cat, errs := load.Catalog(theme, "themes/default")
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	cfg := Config{BaseURL: reg.Site.BaseURL, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		Catalog: cat, Markdown: markdown.New().HTML, Stats: register.ComputeStats(reg), PageSize: pageSize}
	var mu sync.Mutex
	out := map[string]string{}
	_, err := Site(context.Background(), theme, reg, cfg, func(p string, b []byte) error {
		if strings.HasSuffix(p, ".html") {
			mu.Lock()
			out[p] = string(b)
			mu.Unlock()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCollate: one rule gives the sort key and the group of a name, so the
// order of keys is the order of groups, and each group is one run.
func TestCollate(t *testing.T) {
	for _, tc := range []struct{ name, key, group string }{
		{"Alpha", "1 alpha", "A"},
		{"alpha", "1 alpha", "A"},
		{"Ärztliche Gutachten", "1 arztliche gutachten", "A"},
		{"Öffentlicher Nahverkehr", "1 offentlicher nahverkehr", "O"},
		{"Übersetzung", "1 ubersetzung", "U"},
		{"übersetzung", "1 ubersetzung", "U"},
		{"Straßenzustand", "1 strassenzustand", "S"},
		{"ẞTRASSE", "1 sstrasse", "S"},
		{"„Frag Musti“", "1 frag musti“", "F"},
		{`"Quote" System`, `1 quote" system`, "Q"},
		{"'Apostroph'", "1 apostroph'", "A"},
		{"(Beta) Prüfung", "1 beta) prufung", "B"},
		{"[Klammer]", "1 klammer]", "K"},
		{"…Punkte", "1 punkte", "P"},
		{"-Strich", "1 strich", "S"},
		{"_Unterstrich", "1 unterstrich", "U"},
		{"¿Qué?", "1 que?", "Q"},
		{"\u00a0 Leer", "1 leer", "L"},
		{"Éclair", "1 eclair", "E"},
		{"Çay-Analyse", "1 cay-analyse", "C"},
		{"Ørsted", "1 orsted", "O"},
		{"Łódź", "1 lodz", "L"},
		{"Æther", "1 aether", "A"},
		{"ĳssel", "1 ijssel", "I"},
		{"a\u0308rger", "1 arger", "A"}, // decomposed ä
		{"3D-Stadtmodell", "0 3d-stadtmodell", groupDigits},
		{"(42) Antworten", "0 42) antworten", groupDigits},
		{"9", "0 9", groupDigits},
		{"Ωmega-System", "2 ωmega-system", groupOther},
		{"Мир", "2 мир", groupOther},
		{"„“", "2 ", groupOther},
		{"", "2 ", groupOther},
	} {
		key, group := collate(tc.name)
		if key != tc.key || group != tc.group {
			t.Errorf("collate(%q) = %q, %q; want %q, %q", tc.name, key, group, tc.key, tc.group)
		}
		if nk := newNameKey(tc.name); nk.key != key || nk.initial != group {
			t.Errorf("newNameKey(%q) = %+v; want key and initial of collate", tc.name, nk)
		}
	}
	// German order: ä between a and b, ß as ss, case ignored, digits first
	// and other scripts last.
	names := []string{"Zulu", "Ωmega", "Bär", "bar", "Bass", "Baß", "Bas", "Äpfel", "apfel", "Abend", "1 Euro", "„Beta“"}
	slices.SortStableFunc(names, func(a, b string) int { return strings.Compare(newNameKey(a).key, newNameKey(b).key) })
	want := []string{"1 Euro", "Abend", "Äpfel", "apfel", "Bär", "bar", "Bas", "Bass", "Baß", "„Beta“", "Zulu", "Ωmega"}
	if !slices.Equal(names, want) {
		t.Errorf("A–Z order = %q; want %q", names, want)
	}
}

var (
	idAttr       = regexp.MustCompile(`\sid="([^"]*)"`)
	fragmentLink = regexp.MustCompile(`href="#([^"]*)"`)
)

// TestLetterIDsUniqueAndValid renders an A–Z list whose names start with
// digits, punctuation, quotes, brackets and other scripts, and checks that
// every id of every page appears once, is a valid fragment (no "#", no
// space) and that every jump link has its target.
func TestLetterIDsUniqueAndValid(t *testing.T) {
	reg, errs := load.Register(corpus.FS(24, 3), "content")
	if errs.Err() != nil {
		t.Fatal(errs.Errors()[0])
	}
	names := []string{
		"3D-Stadtmodell", "Alpha", "(Beta) Prüfung", "„Zeta“-Bot", "!Ausruf", "Ωmega-System",
		"Çay-Analyse", "42 Antworten", "-Strich", "Beta", "Zeta", "…Punkte", "'Apostroph'", "\u00a0Leer",
		"ĳssel", "Ärger", "Ørsted", "_Unterstrich", "[Klammer]", "#Hashtag", "9", "Zulu", "Éclair", "¿Qué?",
	}
	for i, s := range reg.Systems {
		s.Name = register.Text{De: names[i%len(names)], En: names[(i+5)%len(names)]}
	}
	pages := renderSite(t, reg)
	for _, p := range []string{"systeme/index.html", "en/systeme/index.html"} {
		for _, id := range []string{"letter-0-9", "letter-other"} {
			if !strings.Contains(pages[p], `id="`+id+`"`) {
				t.Errorf("%s: no %s heading for names starting with digits or other scripts", p, id)
			}
		}
	}
	for name, page := range pages {
		seen := map[string]bool{}
		for _, m := range idAttr.FindAllStringSubmatch(page, -1) {
			id := m[1]
			if seen[id] {
				t.Errorf("%s: id %q appears twice", name, id)
			}
			seen[id] = true
			if id == "" || strings.ContainsAny(id, "# \t\n") {
				t.Errorf("%s: id %q is not a valid fragment", name, id)
			}
		}
		for _, m := range fragmentLink.FindAllStringSubmatch(page, -1) {
			if m[1] != "" && !seen[m[1]] {
				t.Errorf("%s: link #%s has no target", name, m[1])
			}
		}
	}
}
