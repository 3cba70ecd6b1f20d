package render

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"

	"maki/internal/corpus"
	"maki/internal/load"
)

func TestReplaceControls(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"plain text, no controls at all", "plain text, no controls at all"},
		{"tab\tline\ncr\r", "tab\tline\ncr\r"},
		{"a\x01b", "a\uFFFDb"},
		{"\x1b[31mred\x1b[0m", "\uFFFD[31mred\uFFFD[0m"},
		{"\x00\x08\x0b\x0c\x1f\x7f", strings.Repeat("\uFFFD", 6)},
		{"c1 \u0085 \u009b end", "c1 \uFFFD \uFFFD end"},
		{"not c1: \u00a0 \u00e4 ä ß € \u2028", "not c1: \u00a0 \u00e4 ä ß € \u2028"},
		{"trailing \xc2", "trailing \xc2"},
		{"long ascii run before the control: 0123456789abcdef\x02", "long ascii run before the control: 0123456789abcdef\uFFFD"},
	} {
		var b bytes.Buffer
		b.WriteString(tc.in)
		replaceControls(&b)
		if got := b.String(); got != tc.want {
			t.Errorf("replaceControls(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// TestControlIndexMatchesSlow compares the word-at-a-time scan with the
// byte-at-a-time one on random bytes around every boundary.
func TestControlIndexMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []byte("ab<>\n\t\r\x01\x1b\x7f\xc2\x85\xa0\xc3\xa4 ")
	for n := 0; n < 3000; n++ {
		b := make([]byte, rng.Intn(40))
		for i := range b {
			if rng.Intn(8) == 0 {
				b[i] = alphabet[rng.Intn(len(alphabet))]
			} else {
				b[i] = 'a' + byte(rng.Intn(26))
			}
		}
		if got, want := controlIndex(b), controlIndexSlow(b, 0, len(b)); got != want {
			t.Fatalf("controlIndex(%q) = %d; want %d", b, got, want)
		}
	}
}

// TestNoControlCharactersInPages renders systems whose names and texts
// hold C0 and C1 control characters (which the loader rejects; this is
// the renderer's own defence) and checks that no page has one.
func TestNoControlCharactersInPages(t *testing.T) {
	reg, errs := load.Register(corpus.FS(6, 5), "content")
	if errs.Err() != nil {
		t.Fatal(errs.Errors()[0])
	}
	for i, s := range reg.Systems {
		s.Name.De = "Name\x01mit\x1b[2JSteuerzeichen " + string(rune('A'+i))
		s.Name.En = "Name\x07\u0085" + string(rune('A'+i))
		s.Summary.De = "Kurz\x00\x08\x7f"
		s.Description.De = "Text mit \x1b]8;;https://evil.example/\x1b\\Link\x1b]8;;\x1b\\ und \x0c."
	}
	pages := renderSite(t, reg)
	if len(pages) < 10 {
		t.Fatalf("rendered %d pages", len(pages))
	}
	for name, page := range pages {
		if i := controlIndex([]byte(page)); i >= 0 {
			t.Errorf("%s: control character %q at byte %d: …%s…", name, page[i], i, page[max(0, i-40):i])
		}
	}
	if p := pages["systeme/index.html"]; !strings.Contains(p, "Name\uFFFDmit\uFFFD[2JSteuerzeichen") {
		t.Errorf("systeme/index.html: the name's controls are not shown as U+FFFD")
	}
}
