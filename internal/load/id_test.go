package load

import (
	"regexp"
	"testing"
)

// idRule is the id rule of DESIGN §3 as a regular expression, the
// reference ValidID is checked against.
var idRule = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// FuzzValidID checks ValidID (hand-written for speed: it runs on every
// file at every save in maki serve) against the rule.
func FuzzValidID(f *testing.F) {
	for _, s := range []string{"abc", "a-b-c", "a--b", "-ab", "ab-", "x", "ÄÖÜ-abc", "a1b2c3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		want := len(id) >= 3 && len(id) <= 80 && idRule.MatchString(id)
		if got := ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v; the rule says %v", id, got, want)
		}
	})
}
