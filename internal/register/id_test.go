package register

import "testing"

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"chatbot-buergeramt": true, "abc": true, "a1-b2": true,
		"ab": false, "-abc": false, "abc-": false, "a--b": false, "Abc": false, "a_b": false,
		"..": false, "../x": false, "a/b": false, "ä-bc": false, "": false,
		string(make([]byte, 81)): false,
	} {
		if got := ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v; want %v", id, got, want)
		}
	}
}
