package render

import (
	"strings"
	"testing"
)

func TestNewCard(t *testing.T) {
	for _, tc := range []struct {
		in, full, noOrg, noStatus string
	}{
		{"<p>a</p>", "<p>a</p>", "<p>a</p>", "<p>a</p>"},
		{
			"<p><!--maki:part:organisation--><span>Amt</span><!--/maki:part--> <!--maki:part:status-->S<!--/maki:part--></p>",
			"<p><span>Amt</span> S</p>", "<p> S</p>", "<p><span>Amt</span> </p>",
		},
		{ // an unterminated marker stays as it is
			"<p><!--maki:part:organisation<span>x</span></p>",
			"<p><!--maki:part:organisation<span>x</span></p>", "<p><!--maki:part:organisation<span>x</span></p>", "<p><!--maki:part:organisation<span>x</span></p>",
		},
		{ // escaped text that looks like a marker is text
			"<p>&lt;!--maki:part:organisation--&gt;x</p>",
			"<p>&lt;!--maki:part:organisation--&gt;x</p>", "<p>&lt;!--maki:part:organisation--&gt;x</p>", "<p>&lt;!--maki:part:organisation--&gt;x</p>",
		},
	} {
		c := newCard(tc.in)
		for _, w := range []struct{ omit, want string }{{"", tc.full}, {"organisation", tc.noOrg}, {"status", tc.noStatus}, {"topic", tc.full}} {
			var b strings.Builder
			c.writeTo(&b, w.omit)
			if got := b.String(); got != w.want {
				t.Errorf("newCard(%q).writeTo(%q) = %q; want %q", tc.in, w.omit, got, w.want)
			}
		}
	}
}
