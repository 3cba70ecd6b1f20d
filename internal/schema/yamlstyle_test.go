package schema

import (
	"slices"
	"testing"
)

// The expectations are what the "yaml" library 2.9.1 writes with the web
// editor's options (test/browser/canonical.js, STRINGIFY).
func TestYAMLString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Bürgerchat Musterstadt", "Bürgerchat Musterstadt"},
		{"2024-03", "2024-03"},
		{"2026-05-31", "2026-05-31"},
		{"3.1", "'3.1'"},
		{"08111000", "'08111000'"},
		{"true", "'true'"},
		{"", "''"},
		{"§ 3 Onlinezugangsgesetz", "§ 3 Onlinezugangsgesetz"},
		{"Hinweis: siehe unten", "'Hinweis: siehe unten'"},
		{"C# und mehr", "C# und mehr"},
		{"C #1", "'C #1'"},
		{"- Punkt", "'- Punkt'"},
		{"it's", "it's"},
		{"'zitat", `"'zitat"`},
		{"1e5", "'1e5'"},
		{"0o17", "'0o17'"},
		{"null", "'null'"},
		{"~", "'~'"},
		{`"zitiert"`, `'"zitiert"'`},
		{"https://example.org/a#b", "https://example.org/a#b"},
		{"Llama 3.1 8B", "Llama 3.1 8B"},
	} {
		if got := YAMLString(tt.in, "  "); got != tt.want {
			t.Errorf("YAMLString(%q) = %s; want %s", tt.in, got, tt.want)
		}
	}
}

func TestExampleLines(t *testing.T) {
	for _, tt := range []struct {
		key  string
		text bool
		ex   string
		want []string
	}{
		{"name", true, `"Bürgerchat Musterstadt"`, []string{"name:", "  de: Bürgerchat Musterstadt"}},
		{"topics", false, `[buergerservice]`, []string{"topics:", "  - buergerservice"}},
		{"techniques", false, `[nlp, generative_ai]`, []string{"techniques:", "  - nlp", "  - generative_ai"}},
		{"start", false, `"2024-03"`, []string{"start: 2024-03"}},
		{"version", false, `"3.1"`, []string{"version: '3.1'"}},
		{"x", false, `{a: 1}`, nil},
		{"url", false, ``, nil},
		{"open_weights", false, `true`, []string{"open_weights: true"}},
		{"annex_iii_area", false, `5`, []string{"annex_iii_area: 5"}},
	} {
		if got := exampleLines(tt.key, tt.text, tt.ex); !slices.Equal(got, tt.want) {
			t.Errorf("exampleLines(%q, %v, %q) = %q; want %q", tt.key, tt.text, tt.ex, got, tt.want)
		}
	}
}
