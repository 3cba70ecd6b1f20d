package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestSearchPartialAndSuggestion checks that maki search ranks as the
// browser does (internal/search) and says so when no system matches every
// word and when a word looks like a typo of one in the register.
func TestSearchPartialAndSuggestion(t *testing.T) {
	for _, tt := range []struct {
		q, first string
		stderr   []string
	}{
		{"Chatbot für den Bürgerservice", "bafoeg-chatbot", []string{"3 results"}},
		{"chatbto xylophon", "bafoeg-chatbot", []string{"results for some of the words (1 of 2)", "did you mean: Chatbot xylophon", "3 results"}},
	} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), []string{"search", "--content", "../../content", tt.q}, &out, &errOut); err != nil {
			t.Fatalf("maki search %q: %v\n%s", tt.q, err, errOut.String())
		}
		if f := strings.Fields(out.String()); len(f) < 2 || f[1] != tt.first {
			t.Errorf("maki search %q:\n%s\nwant %s first", tt.q, out.String(), tt.first)
		}
		for _, s := range tt.stderr {
			if !strings.Contains(errOut.String(), s) {
				t.Errorf("maki search %q: stderr %q; want %q in it", tt.q, errOut.String(), s)
			}
		}
	}
}
