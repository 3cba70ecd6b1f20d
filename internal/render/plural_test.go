package render

import (
	"os"
	"testing"

	"maki/internal/load"
	"maki/internal/register"
)

func TestPlural(t *testing.T) {
	cat, errs := load.Catalog(os.DirFS("../../themes/default"), "themes/default")
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	for _, tc := range []struct {
		lang, key string
		n         int
		want      string
	}{
		{"de", "list.count", 0, "0 KI-Systeme"},
		{"de", "list.count", 1, "1 KI-System"},
		{"de", "list.count", 2, "2 KI-Systeme"},
		{"de", "list.count", 1234, "1.234 KI-Systeme"},
		{"en", "list.count", 0, "0 AI systems"},
		{"en", "list.count", 1, "1 AI system"},
		{"en", "list.count", 21, "21 AI systems"},
		{"en", "list.count", 1234, "1,234 AI systems"},
		{"de", "organisations.systems", 1, "1 KI-System"},
		{"de", "organisations.systems", 77, "77 KI-Systeme"},
		{"en", "organisations.systems", 1, "1 AI system"},
		{"en", "organisations.systems", 77, "77 AI systems"},
		{"de", "home.figure_systems", 1, "KI-System"},
		{"de", "home.figure_systems", 5, "KI-Systeme"},
		{"de", "home.figure_organisations", 1, "Behörde"},
		{"de", "home.figure_organisations", 0, "Behörden"},
		{"en", "home.figure_organisations", 1, "authority"},
		{"en", "home.figure_organisations", 2, "authorities"},
		{"de", "home.figure_high_risk", 1, "Hochrisiko-System"},
		{"en", "home.figure_high_risk", 3, "high-risk systems"},
	} {
		if got := plural(cat, tc.lang, tc.key, tc.n); got != tc.want {
			t.Errorf("plural(%s, %q, %d) = %q; want %q", tc.lang, tc.key, tc.n, got, tc.want)
		}
	}
	// A theme whose catalogue has a plain string, or only the other form.
	old := register.Catalog{"de": {"plain": "{n} Einträge", "forms.other": "{n} Dinge"}, "en": {}}
	for _, tc := range []struct {
		lang, key string
		n         int
		want      string
	}{
		{"de", "plain", 1, "1 Einträge"},
		{"de", "forms", 1, "1 Dinge"},
		{"en", "forms", 2000, "2,000 Dinge"},
		{"de", "missing", 1, "[missing]"},
	} {
		if got := plural(old, tc.lang, tc.key, tc.n); got != tc.want {
			t.Errorf("plural(%s, %q, %d) = %q; want %q", tc.lang, tc.key, tc.n, got, tc.want)
		}
	}
}
