package export

import "testing"

func TestEscape(t *testing.T) {
	tests := []struct{ in, text, attr string }{
		{`a & b <c> "d"`, `a &amp; b &lt;c&gt; &quot;d&quot;`, `a &amp; b &lt;c&gt; &quot;d&quot;`},
		{"one\ntwo\tthree\r", "one\ntwo\tthree&#xD;", "one&#xA;two&#x9;three&#xD;"},
		{"bell\x07 nul\x00 \uFFFE ok ü", "bell\uFFFD nul\uFFFD \uFFFD ok ü", "bell\uFFFD nul\uFFFD \uFFFD ok ü"},
		{"bad \xff utf8", "bad \uFFFD utf8", "bad \uFFFD utf8"},
	}
	for _, tt := range tests {
		if got := esc(tt.in); got != tt.text {
			t.Errorf("esc(%q) = %q; want %q", tt.in, got, tt.text)
		}
		if got := escAttr(tt.in); got != tt.attr {
			t.Errorf("escAttr(%q) = %q; want %q", tt.in, got, tt.attr)
		}
	}
}
