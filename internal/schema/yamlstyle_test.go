package schema

import (
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
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

// TestYAMLStringReadsBack checks that yaml.v3, maki's reader, reads what
// YAMLString writes as the same string, in the three positions, for
// random strings of the characters YAML treats specially (control
// characters but TAB and LF left out: the loader rejects them anyway).
func TestYAMLStringReadsBack(t *testing.T) {
	alphabet := []string{"a", " ", " ", "\n", "\n", "\t", "'", `"`, "#", ":", "-", "?", "|", ">", "%", "\\", "1", ".",
		"é", "\u00a0", "\u2028", "\ufeff", "𝔸", "---", "...", "true", "~", "\x01"}
	rng := rand.New(rand.NewSource(16))
	for i := 0; i < 3000; i++ {
		var b strings.Builder
		for n := rng.Intn(12); n >= 0; n-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		s := b.String()
		for _, doc := range []string{
			"v: " + YAMLString(s, "  ") + "\n",
			"a:\n  v: " + YAMLString(s, "    ") + "\n",
			"a:\n  - " + YAMLString(s, "    ") + "\n",
		} {
			var n yaml.Node
			if err := yaml.Unmarshal([]byte(doc), &n); err != nil {
				t.Errorf("%q: %v in\n%s", s, err, doc)
				continue
			}
			v := n.Content[0].Content[1]
			for v.Kind != yaml.ScalarNode {
				v = v.Content[len(v.Content)-1]
			}
			if v.Value != s {
				t.Errorf("%q came back as %q from\n%s", s, v.Value, doc)
			}
		}
	}
}

// The regular expressions of the "yaml" library (2.9.1, stringifyString)
// that plainUnsafe, control and blankAtBreak stand for.
var (
	plainUnsafeRE  = regexp.MustCompile("^[\\n\\t ,\\[\\]{}#&*!|>'\"%@`]|^[?-]$|^[?-][ \\t]|[\\n:][ \\t]|[ \\t]\\n|[\\n\\t ]#|[\\n\\t :]$")
	controlRE      = regexp.MustCompile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x{9f}]")
	blankAtBreakRE = regexp.MustCompile("[ \\t]\\n|\\n[ \\t]")
)

func checkMatchers(t *testing.T, s string) {
	if got, want := plainUnsafe(s), plainUnsafeRE.MatchString(s); got != want {
		t.Errorf("plainUnsafe(%q) = %v; want %v", s, got, want)
	}
	if !utf8.ValidString(s) {
		return
	}
	if got, want := control(s), controlRE.MatchString(s); got != want {
		t.Errorf("control(%q) = %v; want %v", s, got, want)
	}
	if got, want := blankAtBreak(s), blankAtBreakRE.MatchString(s); got != want {
		t.Errorf("blankAtBreak(%q) = %v; want %v", s, got, want)
	}
}

func TestMatchers(t *testing.T) {
	alphabet := []string{"a", " ", "\n", "\t", ",", "[", "#", "&", "'", `"`, "%", "@", "`", "?", "-", ":", "é",
		"\x01", "\x7f", "\u0080", "\u009f", "\u00a0", "\u0100", "~", "1"}
	rng := rand.New(rand.NewSource(16))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.Intn(6); n > 0; n-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		checkMatchers(t, b.String())
	}
}

func FuzzMatchers(f *testing.F) {
	f.Add("a: b")
	f.Add("- x")
	f.Add("x\u0085")
	f.Fuzz(checkMatchers)
}

// TestCoreType compares coreType's shortcuts with the regular
// expressions alone.
func TestCoreType(t *testing.T) {
	alphabet := []string{"0", "1", "9", "+", "-", ".", "e", "E", "x", "o", "a", "f", "n", "~", "inf", "nan", "true", "null", " ", "_"}
	rng := rand.New(rand.NewSource(16))
	for i := 0; i < 50000; i++ {
		var b strings.Builder
		for n := rng.Intn(6); n > 0; n-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		s := b.String()
		want := false
		for _, re := range yamlCoreTypes {
			want = want || re.MatchString(s)
		}
		if got := coreType(s); got != want {
			t.Errorf("coreType(%q) = %v; want %v", s, got, want)
		}
	}
}
