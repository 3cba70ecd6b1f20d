package render

import (
	"context"
	"os"
	"regexp"
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
	reg = reg.Public()
	reg.Site.BaseURL = "https://example.org/"
	theme := os.DirFS("../../themes/default")
	cat, errs := load.Catalog(theme, "themes/default")
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	cfg := Config{BaseURL: reg.Site.BaseURL, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		Catalog: cat, Markdown: markdown.New().HTML, Stats: register.ComputeStats(reg)}
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
		if !strings.Contains(pages[p], "letter-other") {
			t.Errorf("%s: no letter-other heading for names starting with digits or punctuation", p)
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
