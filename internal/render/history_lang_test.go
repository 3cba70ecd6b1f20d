package render

import (
	"testing"

	"maki/internal/register"
)

// TestGermanValue: on an English page, a value from the entry's German
// text is split off to be marked lang="de"; enumeration labels, ids, dates,
// numbers, addresses and URLs are not.
func TestGermanValue(t *testing.T) {
	tests := []struct {
		text  string
		c     register.Change
		value string // "" when not split
	}{
		{"Objection and human review: Beschuldigte können widersprechen", register.Change{Field: "redress", Kind: register.ChangeSet, New: "Beschuldigte können widersprechen"}, "Beschuldigte können widersprechen"},
		{"Name: Alt → Neu", register.Change{Field: "name", Kind: register.ChangeValue, Old: "Alt", New: "Neu"}, "Alt → Neu"},
		{"Tags: + Verkehr", register.Change{Field: "tags", Kind: register.ChangeList, Added: []string{"Verkehr"}}, "+ Verkehr"},
		{"Risk class: minimal risk → high-risk", register.Change{Field: "risk_class", Kind: register.ChangeValue, Enum: "risk_class", Old: "minimal", New: "high_risk"}, ""},
		{"Updated: 2025-01-05 → 2025-01-06", register.Change{Field: "updated", Kind: register.ChangeValue, Old: "2025-01-05", New: "2025-01-06"}, ""},
		{"Contact: a@b.de → c@d.de", register.Change{Field: "contact_email", Kind: register.ChangeValue, Old: "a@b.de", New: "c@d.de"}, ""},
		{"Source code: https://x.example/a", register.Change{Field: "source_code_url", Kind: register.ChangeSet, New: "https://x.example/a"}, ""},
		{"Based on: other-system", register.Change{Field: "based_on", Kind: register.ChangeSet, New: "other-system"}, ""},
		{"Purpose changed", register.Change{Field: "purpose", Kind: register.ChangeText}, ""},
	}
	for _, tt := range tests {
		head, value, ok := germanValue(tt.text, tt.c)
		if tt.value == "" {
			if ok {
				t.Errorf("germanValue(%q) = %q, %q; want no split", tt.text, head, value)
			}
			continue
		}
		if !ok || value != tt.value || head+value != tt.text {
			t.Errorf("germanValue(%q) = %q, %q, %v; want value %q", tt.text, head, value, ok, tt.value)
		}
	}
}

// TestDateChange: a date or month set or changed is written as the page
// writes dates, with its ISO form; a cleared date, a malformed one and
// other fields are left to the words of the change.
func TestDateChange(t *testing.T) {
	tests := []struct {
		lang     string
		c        register.Change
		from, to string // "" when not a date change; from "" for a date set
	}{
		{"de", register.Change{Field: "updated", Kind: register.ChangeValue, Old: "2025-01-05", New: "2026-03-01"}, "5. Januar 2025 (2025-01-05)", "1. März 2026 (2026-03-01)"},
		{"en", register.Change{Field: "updated", Kind: register.ChangeValue, Old: "2025-01-05", New: "2026-03-01"}, "5 January 2025 (2025-01-05)", "1 March 2026 (2026-03-01)"},
		{"de", register.Change{Field: "next_review", Kind: register.ChangeSet, New: "2027-02-28"}, "", "28. Februar 2027 (2027-02-28)"},
		{"de", register.Change{Field: "start", Kind: register.ChangeValue, Old: "2024-03", New: "2025-01"}, "März 2024 (2024-03)", "Januar 2025 (2025-01)"},
		{"de", register.Change{Field: "end", Kind: register.ChangeCleared, Old: "2024-03"}, "", ""},
		{"de", register.Change{Field: "updated", Kind: register.ChangeValue, Old: "gestern", New: "2026-03-01"}, "", ""},
		{"de", register.Change{Field: "name", Kind: register.ChangeValue, Old: "2025-01-05", New: "2026-03-01"}, "", ""},
	}
	show := func(v *TimeView) string {
		if v == nil {
			return ""
		}
		return v.Text + " (" + v.ISO + ")"
	}
	for _, tt := range tests {
		p := &Page{Lang: tt.lang}
		from, to, ok := p.dateChange(tt.c)
		if tt.to == "" {
			if ok {
				t.Errorf("%s %+v: got %q → %q; want no date change", tt.lang, tt.c, show(from), show(to))
			}
			continue
		}
		if !ok || show(from) != tt.from || show(to) != tt.to {
			t.Errorf("%s %+v: got %q → %q, %v; want %q → %q", tt.lang, tt.c, show(from), show(to), ok, tt.from, tt.to)
		}
	}
}
