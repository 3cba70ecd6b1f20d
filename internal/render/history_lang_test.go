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
