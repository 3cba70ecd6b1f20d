package validate

import (
	"strings"
	"testing"

	"maki/internal/register"
)

func TestCheckFormat(t *testing.T) {
	v := &validator{}
	for _, tt := range []struct {
		format, s string
		ok        bool
	}{
		{"month", "2024-03", true},
		{"month", "2024-12", true},
		{"month", "2024-13", false},
		{"month", "2024-00", false},
		{"month", "2024-3", false},
		{"month", "2024-03-01", false},
		{"month", "03/2024", false},
		{"date", "2024-02-29", true},
		{"date", "2023-02-29", false},
		{"date", "2024-04-31", false},
		{"date", "2024-4-01", false},
		{"date", "1.4.2024", false},
		{"date", "2024-04-01T00:00:00Z", false},
		{"https", "https://example.de", true},
		{"https", "https://example.de/a?b=c#d", true},
		{"https", "HTTPS://example.de", true},
		{"https", "http://example.de", false},
		{"https", "https:///pfad", false},
		{"https", "example.de", false},
		{"https", "https://exa mple.de", false},
		{"https", "javascript:alert(1)", false},
		{"url", "http://example.de/", true},
		{"url", "https://example.de/register/", true},
		{"url", "example.de", false},
		{"url", "ftp://example.de", false},
		{"email", "ki@behoerde.example.de", true},
		{"email", "vorname.nachname+ki@stadt-x.de", true},
		{"email", "ki@bund", false},
		{"email", "ki at bund.de", false},
		{"email", "Ki <ki@bund.de>", false},
		{"email", "ki@@bund.de", false},
		{"email", "mailto:ki@bund.de", false},
		{"email", "ki@bund.de ", false},
		{"spdx", "EUPL-1.2", true},
		{"spdx", "MIT", true},
		{"spdx", "Apache-2.0", true},
		{"spdx", "GPL-3.0-or-later", true},
		{"spdx", "GPL3", false},
		{"spdx", "mit", false},
		{"spdx", "", false},
		{"state", "DE-BW", true},
		{"state", "DE-TH", true},
		{"state", "de-bw", false},
		{"state", "BW", false},
		{"state", "DE-XX", false},
		{"ags", "08111000", true},
		{"ags", "0811100", false},
		{"ags", "081110000", false},
		{"ags", "0811100a", false},
		{"unknown-format", "anything", true},
	} {
		want := ""
		if got := v.checkFormat(tt.format, tt.s); (got == "") != tt.ok {
			if !tt.ok {
				want = "a message"
			}
			t.Errorf("checkFormat(%q, %q) = %q; want %q", tt.format, tt.s, got, want)
		}
	}
}

// TestFormatMessages: the message names the mistake real data makes, not
// only what is wanted.
func TestFormatMessages(t *testing.T) {
	v := &validator{}
	for _, tt := range []struct{ format, s, want string }{
		{"https", "https://a.example.nl/x of https://b.example.nl/y", "holds 2 URLs; want one https:// URL"},
		{"https", "https://a.example.nl/x,https://b.example.nl/y", "holds 2 URLs; want one https:// URL"},
		{"https", "https://a.example.nl/mein formular", "contains a space; want one https:// URL"},
		{"https", "https://a.example.nl/x\u00a0", "contains a space; want one https:// URL"},
		{"https", "https://a.example.nl/\tx", "contains a line break or tab; want one https:// URL"},
		{"https", "http://a.example.nl/", "starts with \"http://\"; want one https:// URL"},
		{"https", "www.example.nl/contact", "has no \"https://\" in front; want one https:// URL"},
		{"https", "https:///pfad", "has no host after \"https://\"; want one https:// URL"},
		{"https", "javascript:alert(1)", "want one https:// URL"},
		{"https", "ftp://a.example.nl/", "want one https:// URL"},
		{"email", "ki at bund.de", "has no \"@\"; want one e-mail address"},
		{"email", "ki@bund.de, info@bund.de", "holds 2 addresses; want one e-mail address"},
		{"email", "ki@bund.de;info@bund.de", "holds 2 addresses; want one e-mail address"},
		{"email", "mailto:ki@bund.de", "starts with \"mailto:\"; want one e-mail address"},
		{"email", "Ki <ki@bund.de>", "holds a name and \"<…>\"; want one e-mail address"},
		{"email", "ki@bund.de ", "contains a space; want one e-mail address"},
		{"email", "ki@@bund.de", "want one e-mail address"},
		{"email", "ki@bund", "want one e-mail address"},
	} {
		got := v.checkFormat(tt.format, tt.s)
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("checkFormat(%q, %q) = %q; want it to start with %q", tt.format, tt.s, got, tt.want)
		}
	}
}

func TestStateCodes(t *testing.T) {
	if len(stateCodes) != 16 {
		t.Fatalf("%d Länder; want 16", len(stateCodes))
	}
	seen := map[string]bool{}
	for _, st := range stateCodes {
		if seen[st.code] || seen[st.ags] || !agsPattern.MatchString(st.ags+"000000") {
			t.Errorf("bad or duplicate state %v", st)
		}
		seen[st.code], seen[st.ags] = true, true
	}
}

func TestValidDate(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"2026-11-20", true},
		{"2024-02-29", true},
		{"2027-02-30", false},
		{"2026-13-01", false},
		{"2026-11", false},
		{"2026-11-20x", false},
		{"", false},
	} {
		if got := validDate(tt.s); got != tt.want {
			t.Errorf("validDate(%q) = %v; want %v", tt.s, got, tt.want)
		}
	}
}

func TestLineCol(t *testing.T) {
	for _, tt := range []struct {
		text      string
		off       int
		line, col int
	}{
		{"abc", 0, 1, 1},
		{"abc", 2, 1, 3},
		{"äöü**", 6, 1, 4},
		{"a\nbc", 2, 2, 1},
		{"a\nb`c", 3, 2, 2},
		{"a\n\nÄ`", 5, 3, 2},
	} {
		if line, col := lineCol(tt.text, tt.off); line != tt.line || col != tt.col {
			t.Errorf("lineCol(%q, %d) = %d, %d; want %d, %d", tt.text, tt.off, line, col, tt.line, tt.col)
		}
	}
}

func TestClosest(t *testing.T) {
	ids := []string{"stadt-musterstadt", "bundesamt-test", "verkehr"}
	for _, tt := range []struct{ s, want string }{
		{"stadt-musterstad", "stadt-musterstadt"},
		{"stadt-mustrstadt", "stadt-musterstadt"},
		{"verkehrr", "verkehr"},
		{"verkhr", "verkehr"},
		{"umwelt", ""},
		{"bundesamt-tests-x", "bundesamt-test"},
		{"landesamt-bau", ""},
		{"", ""},
	} {
		if got := closest(tt.s, ids); got != tt.want {
			t.Errorf("closest(%q) = %q; want %q", tt.s, got, tt.want)
		}
	}
	if got := closest("x", nil); got != "" {
		t.Errorf("closest with no candidates = %q; want \"\"", got)
	}
}

func TestEntryStart(t *testing.T) {
	var b register.PosBuilder
	b.Key("label", 7, 5)
	b.Key("id", 7, 3)
	b.Key("label.de", 8, 5)
	m := &register.Meta{File: "f", Positions: b.Positions()}
	if got := entryStart(m).String(); got != "f:7:3" {
		t.Errorf("entryStart = %s; want f:7:3", got)
	}
	if got := entryStart(&register.Meta{File: "f"}).String(); got != "f:1:1" {
		t.Errorf("entryStart of an empty entry = %s; want f:1:1", got)
	}
}

func TestBaseURL(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want string // a part of the message; "" when s is fine
	}{
		{"https://register.example.org/", ""},
		{"https://register.example.org", ""},
		{"http://localhost:1313/", ""},
		{"https://example.org/ki/register/", ""},
		{"https://[::1]:8080/", ""},
		{"https://user:secret@register.example.org/", "no user name or password"},
		{"https://user@register.example.org/", "no user name or password"},
		{"https://register.example.org/?a=b", "no query"},
		{"https://register.example.org/?", "no query"},
		{"https://register.example.org/#top", "no fragment"},
		{"https://register.example.org/#", "no fragment"},
		{"javascript:alert(1)//", "absolute http"},
		{"ftp://register.example.org/", "absolute http"},
		{"data:text/html,x", "absolute http"},
		{"//register.example.org/", "absolute http"},
		{"/register/", "absolute http"},
		{"register.example.org", "absolute http"},
		{"https:register.example.org", "absolute http"},
		{"https:///pfad", "absolute http"},
		{"", "absolute http"},
		{"https://exa mple.org/", "without spaces or control characters"},
		{"https://example.org/\n", "without spaces or control characters"},
		{"https://example.org:/", "port"},
	} {
		got := BaseURL(tt.s)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("BaseURL(%q) = %q; want %q", tt.s, got, tt.want)
		}
	}
}
