package load

import (
	"fmt"
	"strings"
	"testing"

	"maki/internal/register"
)

func TestExpandBudget(t *testing.T) {
	for _, tt := range []struct{ size, want int }{
		{0, 256 << 10},
		{2 << 10, 256 << 10},
		{64 << 10, 256 << 10},
		{205 << 10, 820 << 10},
		{4 << 20, 16 << 20},
		{100 << 20, 16 << 20},
	} {
		if got := expandBudget(tt.size); got != tt.want {
			t.Errorf("expandBudget(%d) = %d; want %d", tt.size, got, tt.want)
		}
	}
}

// TestExpandedSize checks the measure: one per node plus the bytes of each
// scalar, an alias counted as the value it stands for.
func TestExpandedSize(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want int
	}{
		{"a: b\n", 1 + 2 + 2},
		{"a: [x, yz]\n", 1 + 2 + 1 + 2 + 3},
		{"a: &x [1, 2]\nb: *x\n", 1 + 2 + 5 + 2 + 5},
		{"a: &x {k: v}\nb: [*x, *x]\nc: *x\n", 1 + 2 + 5 + 2 + (1 + 5 + 5) + 2 + 5},
		{"a: &x 'str'\n*x : 1\n", 1 + 2 + 4 + 4 + 2},
		{"{a, b}\n", 1 + 2 + 1 + 2 + 1}, // the densest form without aliases: 7 for 7 bytes
	} {
		var errs register.ErrorList
		n, ok := parseYAML("f", []byte(tt.src), 0, &errs)
		if !ok || len(errs) > 0 {
			t.Fatalf("%q: %v", tt.src, errs)
		}
		in := &inspector{file: "f", data: []byte(tt.src), errs: &errs, budget: expandBudget(len(tt.src))}
		if got := in.walk(n, "", true); got != tt.want || in.total != tt.want {
			t.Errorf("expanded size of %q = %d (total %d); want %d", tt.src, got, in.total, tt.want)
		}
	}
}

// aliasFile is a YAML file whose "assessments" repeat one anchored
// assessment n times; the anchored summary is pad bytes long.
func aliasFile(n, pad int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "name: Verstärker\nassessments:\n  - &a\n    type: dpia\n    summary: %s\n", strings.Repeat("x", pad))
	for range n {
		b.WriteString("  - *a\n")
	}
	return b.String()
}

// TestAliasBudget checks that the error is at the first alias that crosses
// the budget and that the document is then not decoded.
func TestAliasBudget(t *testing.T) {
	// The anchored mapping: 1 + "type" 5 + "dpia" 5 + "summary" 8 + (1+1006) = 1026.
	// Before the aliases: map 1 + "name" 5 + "Verstärker" 12 + "assessments" 12 + list 1 + 1026 = 1057.
	// 1057 + 254×1026 = 261661 ≤ 262144 < 1057 + 255×1026: the 255th alias (line 5+255) crosses.
	src := aliasFile(300, 1006)
	var errs register.ErrorList
	n, ok := parseYAML("f", []byte(src), 0, &errs)
	want := fmt.Sprintf("f:260:5: field \"assessments.255\": alias \"*a\" makes the file expand to more than 262144 bytes, its budget (4 × its %d bytes, at least 256 KiB, at most 16 MiB); want fewer or smaller aliases", len(src))
	if ok || n != nil || len(errs) != 1 || errs[0].Error() != want {
		t.Fatalf("parseYAML = %v, %v, %v; want nil, false and\n%s", n, ok, errs, want)
	}
	// One alias fewer than the budget allows loads.
	errs = nil
	if _, ok := parseYAML("f", []byte(aliasFile(254, 1006)), 0, &errs); !ok || len(errs) != 0 {
		t.Errorf("254 aliases: ok %v, errors %v; want no error", ok, errs)
	}
}

// TestBillionLaughsDeep: forty levels of ten aliases each stand for 10^40
// values; only a walk that measures each anchor once ends. Level 4 (line
// 5) is the first to cross 256 KiB.
func TestBillionLaughsDeep(t *testing.T) {
	var b strings.Builder
	b.WriteString("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 10), ", "))
	}
	var errs register.ErrorList
	if _, ok := parseYAML("f", []byte(b.String()), 0, &errs); ok || len(errs) != 1 || errs[0].Rule != "alias" || errs[0].Pos.Line != 5 {
		t.Errorf("billion laughs: ok %v, errors %v; want one alias error on line 5", ok, errs)
	}
}

// BenchmarkInspect measures the walk over n aliases of one anchor: the
// time per alias stays the same as n grows (linear).
func BenchmarkInspect(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		src := []byte(aliasFile(n, 1))
		var errs register.ErrorList
		doc, ok := parseYAML("f", src, 0, &errs)
		if !ok {
			b.Fatal(errs)
		}
		b.Run(fmt.Sprint("aliases=", n), func(b *testing.B) {
			for range b.N {
				in := &inspector{file: "f", data: src, errs: &errs, budget: expandBudget(len(src))}
				in.walk(doc, "", true)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/alias")
		})
	}
}

func TestRawControl(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"a: b\tc\nd: e\n", ""},
		{"a: b\r\nc: d\r\n", ""},
		{"a: b\x01\n", "f:1:5: control character U+0001; want printable text"},
		{"a: b\nname: Bür\x1b[31mgeramt\n", "f:2:10: control character U+001B; want printable text"},
		{"\x00", "f:1:1: control character U+0000; want printable text"},
		{"a: b\rc: d\n", "f:1:5: control character U+000D; want printable text"},
		{"a: b\r", "f:1:5: control character U+000D; want printable text"},
		{"a: ü\x7f\n", "f:1:5: control character U+007F; want printable text"},
		{"a: x\u0085y\n", "f:1:5: control character U+0085; want printable text"},
		{"a: \u009f\n", "f:1:4: control character U+009F; want printable text"},
		{"a: \u00a0\u0100\n", ""},
		{"---\ntitle: x\n---\nText\vmehr\n", "f:4:5: control character U+000B; want printable text"},
		{"\ufeffa: \x02\n", "f:1:4: control character U+0002; want printable text"},
	} {
		var errs register.ErrorList
		src, ok := normalise("f", []byte(tt.in), &errs)
		switch {
		case tt.want == "" && (!ok || len(errs) != 0 || src == nil):
			t.Errorf("normalise(%q): errors %v; want none", tt.in, errs)
		case tt.want != "" && (ok || len(errs) != 1 || errs[0].Error() != tt.want):
			t.Errorf("normalise(%q): errors %v; want %q", tt.in, errs, tt.want)
		}
	}
}

// TestControlEscape checks the position of escaped control characters in
// the forms a double-quoted scalar can take.
func TestControlEscape(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`a: "x\ty\nz\\ \" \_ \x41 \u00e4"`, ""},
		{`a: "\x01"`, `f:1:5: field "a": control character U+0001 (written "\x01"); want printable text`},
		{`a: "öäü \\ \" \e"`, `f:1:15: field "a": control character U+001B (written "\e"); want printable text`},
		{"a: !!str &x \"\\b\"", `f:1:14: field "a": control character U+0008 (written "\b"); want printable text`},
		{"a:\n  - \"x\n    y \\\n    \\v\"", `f:4:5: field "a.0": control character U+000B (written "\v"); want printable text`},
		{`a: "\U0000001f\x01"`, `f:1:5: field "a": control character U+001F (written "\U0000001f"); want printable text`},
		{`a: "\N"`, `f:1:5: field "a": control character U+0085 (written "\N"); want printable text`},
		{`a: "\f" # zwei` + "\n" + `b: ["\r", "\e"]`, "f:1:5: field \"a\": control character U+000C (written \"\\f\"); want printable text\n" +
			"f:2:6: field \"b.0\": control character U+000D (written \"\\r\"); want printable text\n" +
			"f:2:12: field \"b.1\": control character U+001B (written \"\\e\"); want printable text"},
		{`{"k\0": v}`, `f:1:4: field "k\x00": control character U+0000 (written "\0"); want printable text`},
	} {
		var errs register.ErrorList
		parseYAML("f", []byte(tt.in), 0, &errs)
		var got []string
		for _, e := range errs {
			got = append(got, e.Error())
		}
		if g := strings.Join(got, "\n"); g != tt.want {
			t.Errorf("parseYAML(%q): errors\n%s\nwant\n%s", tt.in, g, tt.want)
		}
	}
}

// TestControlFallback: where the escape cannot be found, the error is at
// the value and says which character of it.
func TestControlFallback(t *testing.T) {
	var errs register.ErrorList
	in := &inspector{file: "f", data: []byte("a: \"ok\"\n"), errs: &errs}
	n, _ := parseYAML("f", in.data, 0, &register.ErrorList{})
	n.Content[1].Value = "ok\x01"
	in.control(n.Content[1], "a")
	want := `f:1:4: field "a": control character U+0001 at character 3 of the value; want printable text`
	if len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("errors %v; want %s", errs, want)
	}
}

func TestAnchorName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"a", "a"},
		{strings.Repeat("ä", 40), strings.Repeat("ä", 40)},
		{strings.Repeat("ä", 41), strings.Repeat("ä", 39) + "…"},
	} {
		if got := anchorName(tt.in); got != tt.want {
			t.Errorf("anchorName(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
