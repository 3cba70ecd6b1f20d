package register

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"content/systeme/a.yaml", "content/systeme/a.yaml"},
		{"ümlaut – ok", "ümlaut – ok"},
		{"a\nb", `a\nb`},
		{"x\n::error file=y::forged", `x\n::error file=y::forged`},
		{"\r\t", `\r\t`},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"\x00\x7f", `\x00\x7f`},
		{"c1\u0085\u009b", `c1\u0085\u009b`},
		{"line\u2028para\u2029", `line\u2028para\u2029`},
		{"bidi\u202eevil\u2066\u2069\u200e\u200f\u061c", `bidi\u202eevil\u2066\u2069\u200e\u200f\u061c`},
		{"bad\xffutf8", `bad\xffutf8`},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("ä", MaxExcerpt+1)
	tests := []struct{ in, want string }{
		{"", ""},
		{"short", "short"},
		{strings.Repeat("a", MaxExcerpt), strings.Repeat("a", MaxExcerpt)},
		{strings.Repeat("a", MaxExcerpt+1), strings.Repeat("a", MaxExcerpt) + "…"},
		{long, strings.Repeat("ä", MaxExcerpt) + "…"},
		{strings.Repeat("ä", MaxExcerpt), strings.Repeat("ä", MaxExcerpt)}, // more bytes than MaxExcerpt, not more characters
	}
	for _, tt := range tests {
		if got := Excerpt(tt.in); got != tt.want {
			t.Errorf("Excerpt(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// A 5 MB value in an error is echoed as an excerpt; position and field stay.
func TestAddShortensValues(t *testing.T) {
	huge := strings.Repeat("x", 5<<20)
	pos := Pos{File: "content/systeme/a.yaml", Line: 3, Col: 9}
	want := `content/systeme/a.yaml:3:9: field "status": unknown value "` + strings.Repeat("x", MaxExcerpt) + `…"; want one of "planned", "production"`

	var l ErrorList
	l.Add(pos, "status", "enum", "unknown value %q; want one of %s", huge, `"planned", "production"`)
	// A message made elsewhere and passed through with "%s".
	l.Add(pos, "status", "enum", "%s", fmt.Sprintf("unknown value %q; want one of %s", huge, `"planned", "production"`))
	// The same as a []byte.
	l.Warn(pos, "status", "enum", "unknown value %q; want one of %s", []byte(huge), `"planned", "production"`)
	for _, e := range l {
		if got := e.Error(); got != want && got != strings.Replace(want, ": field", ": warning: field", 1) {
			t.Errorf("Error() = %.300q…; want %q", got, want)
		}
	}
	// A value echoed without quotes is cut with the whole message.
	l = nil
	l.Add(pos, "x", "r", "%s", "got "+huge)
	if n := utf8.RuneCountInString(l[0].Msg); n > maxMessage+1 || !strings.HasSuffix(l[0].Msg, "…") {
		t.Errorf("unquoted value: message of %d characters ending %q; want at most %d ending in …", n, l[0].Msg[len(l[0].Msg)-5:], maxMessage+1)
	}
}

// TestFieldShortened: a field path holding a huge key (an unknown key of
// 1 MB) is echoed as an excerpt too.
func TestFieldShortened(t *testing.T) {
	key := strings.Repeat("k", 1<<20)
	e := &Error{Pos: Pos{File: "a.yaml", Line: 1, Col: 1}, Field: key, Msg: "unknown key"}
	want := `a.yaml:1:1: field "` + strings.Repeat("k", MaxExcerpt) + `…": unknown key`
	if got := e.Error(); got != want {
		t.Errorf("Error() = %.300q…; want %q", got, want)
	}
}

func TestAddKeepsCallerArgs(t *testing.T) {
	args := []any{strings.Repeat("y", 500)}
	var l ErrorList
	l.Add(Pos{}, "", "r", "got %q", args...)
	if args[0] != strings.Repeat("y", 500) {
		t.Errorf("Add changed the caller's argument to %q", args[0])
	}
}

// File names and messages cannot add lines or terminal escapes to a report.
func TestErrorEscapesControls(t *testing.T) {
	e := &Error{Pos: Pos{File: "content/x\n::error file=a,line=1::forged\x1b[2K.yaml", Line: 1, Col: 1}, Field: "f\nx", Msg: "bad\u202e value\r\n"}
	got := e.Error()
	want := `content/x\n::error file=a,line=1::forged\x1b[2K.yaml:1:1: field "f\nx": bad\u202e value\r\n`
	if got != want {
		t.Errorf("Error() = %q; want %q", got, want)
	}
	for _, r := range got {
		if unprintable(r, utf8.RuneLen(r)) {
			t.Errorf("Error() holds %U", r)
		}
	}
}
