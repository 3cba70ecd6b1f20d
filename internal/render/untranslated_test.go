package render

import (
	"os"
	"regexp"
	"sort"
	"testing"

	"maki/internal/load"
)

// untranslated is how the catalogue shows a key it lacks: "[facet.x.all]".
var untranslated = regexp.MustCompile(`\[([a-z_]+(?:\.[a-z0-9_]+)+)\]`)

// TestNoUntranslatedStrings renders the example content and a synthetic
// corpus (every status, facet value and page type) and fails on any UI
// string the German or English catalogue lacks, the Go twin of the browser
// suite's static scan, so a new facet or field cannot ship with "[key]".
func TestNoUntranslatedStrings(t *testing.T) {
	if _, err := os.Stat("../../content/site.yaml"); err != nil {
		t.Skip("no example content")
	}
	example, errs := load.Register(os.DirFS("../../content"), "content")
	if errs.Err() != nil {
		t.Fatal(errs.Errors()[0])
	}
	for name, pages := range map[string]map[string]string{
		"example": renderSite(t, example),
		"corpus":  renderSite(t, loadCorpus(t, 200)),
	} {
		seen := map[string]string{}
		for p, page := range pages {
			for _, m := range untranslated.FindAllStringSubmatch(page, -1) {
				if _, ok := seen[m[1]]; !ok {
					seen[m[1]] = p
				}
			}
		}
		keys := make([]string, 0, len(seen))
		for k := range seen {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			t.Errorf("%s: untranslated UI string [%s], first on %s", name, k, seen[k])
		}
	}
}
