package render

import (
	"strings"
	"testing"
	"unsafe"
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

// TestNewCardKeepsNoInput: a card holds none of the rendered string it was
// made from — neither its HTML nor its parts' names point into it — so
// the rendered string is garbage once the card is made (the cards of every
// system stay live for the whole render), and the HTML is exactly as long
// as the text it holds.
func TestNewCardKeepsNoInput(t *testing.T) {
	in := strings.Repeat("x", 3) + `<p><!--maki:part:organisation--><span>Amt</span><!--/maki:part--><!--maki:part:status-->S<!--/maki:part--></p>`
	c := newCard(in)
	lo := uintptr(unsafe.Pointer(unsafe.StringData(in)))
	hi := lo + uintptr(len(in))
	inside := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return len(s) > 0 && p >= lo && p < hi
	}
	if inside(string(c.html)) {
		t.Errorf("card HTML %q points into the rendered string", c.html)
	}
	if len(c.parts) != 2 || cap(c.parts) != 2 {
		t.Errorf("parts: len %d cap %d; want 2 and 2", len(c.parts), cap(c.parts))
	}
	for _, p := range c.parts {
		if inside(p.name) {
			t.Errorf("part name %q points into the rendered string", p.name)
		}
	}
	if d := newCard(in); len(d.parts) == 2 && unsafe.StringData(d.parts[0].name) != unsafe.StringData(c.parts[0].name) {
		t.Errorf("part name %q is a copy per card; want one shared string", d.parts[0].name)
	}
}
