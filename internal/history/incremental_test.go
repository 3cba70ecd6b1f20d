package history

import (
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"

	"maki/internal/corpus"
	"maki/internal/load"
	"maki/internal/register"
)

func testDecode(path string, data []byte) (*register.System, bool) {
	s, errs := load.SystemFromBytes("content", path, data)
	if s != nil {
		s.ForgetPositions()
		s.BodyLine = 0
	}
	return s, len(errs) == 0
}

// tricky are lines an edit inserts: each is a case the cut into blocks
// must either get right or leave to the full decode.
var tricky = []string{
	"# Kommentar", "", "  ", "tags: [wohngeld, antrag]", "tags:", "- wohngeld", "  - antrag",
	"name: \"Zitat über", "  zwei Zeilen\"", "summary: 'it''s'", "summary: \"a \\\" b\"",
	"summary: \"offen", "x: &a Wert", "summary: *a", "---", "...", "\tname: Tab",
	"summary: |", "summary: >-", "  Text mit \"Anführung", "  Text: mit Doppelpunkt",
	"status: pilot # Kommentar", "\"name\": Quoted", "{name: x}", "description: Beschreibung",
	"topics: [", "  steuern]", " name: eingerückt", "risk_class: high_risk", "risk_class: unbekannt",
	"name: !!str 5", "summary: [a, \"b", "  c\"]", "purpose: |\n  Neuer Zweck.\n  Zweite Zeile.",
	"purpose:\n  de: Zweck\n  en: Purpose", "users: public", "start: 2024-13", "end: 2026-01",
	"annex_iii_area: 3", "annex_iii_area: drei", "restricted: true", "name: a: b", "name:x",
	"? name", ": wert", "name: Ein \"Zitat\" im Text", "summary: >", "  gefaltet", "vendor: \"Firma\"",
	"\r", "name: Umbruch\r", "  \xff kaputt", "  Text \x01", "  Text \u2028 Trenner", "  \ufeff", "%YAML 1.2", "eu_database:\n  id: EU-123", "assessments:\n- type: dpia",
}

// edit changes text at random: a line changed, removed, doubled, moved,
// indented, a key's block removed or a tricky line inserted.
func edit(r *rand.Rand, text string, other []string) string {
	lines := strings.Split(text, "\n")
	i := r.IntN(len(lines))
	switch r.IntN(9) {
	case 0, 1: // change a word
		f := strings.Fields(lines[i])
		if len(f) > 0 {
			w := f[r.IntN(len(f))]
			lines[i] = strings.Replace(lines[i], w, []string{"neu", "Änderung", "high_risk", "pilot", "2025-02", "x"}[r.IntN(6)], 1)
		}
	case 2:
		lines = append(lines[:i], lines[i+1:]...)
	case 3:
		lines = append(lines[:i+1], lines[i:]...)
	case 4:
		j := r.IntN(len(lines))
		lines[i], lines[j] = lines[j], lines[i]
	case 5:
		if r.IntN(2) == 0 {
			lines[i] = "  " + lines[i]
		} else {
			lines[i] = strings.TrimPrefix(lines[i], " ")
		}
	case 6: // remove a key's block
		j := i + 1
		for j < len(lines) && (strings.HasPrefix(lines[j], " ") || lines[j] == "") {
			j++
		}
		lines = append(lines[:i], lines[j:]...)
	case 7: // a line from another file
		o := strings.Split(other[r.IntN(len(other))], "\n")
		lines = append(lines[:i], append([]string{o[r.IntN(len(o))]}, lines[i:]...)...)
	default:
		lines = append(lines[:i], append([]string{tricky[r.IntN(len(tricky))]}, lines[i:]...)...)
	}
	return strings.Join(lines, "\n")
}

// TestIncrementalMatchesFull: reading each version from the one before
// gives exactly what decoding it in full gives, over chains of random
// edits of the synthetic corpus's files (YAML and Markdown), and most
// versions are read the fast way.
func TestIncrementalMatchesFull(t *testing.T) {
	fsys := corpus.FS(100, 7)
	var paths []string
	var texts []string
	for name := range fsys {
		if strings.HasPrefix(name, "systeme/") {
			paths = append(paths, name)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		texts = append(texts, string(fsys[p].Data))
	}
	dec := newIncremental(testDecode)
	r := rand.New(rand.NewPCG(1, 2))
	var steps, fast, readable int
	for k, p := range paths {
		prevData := []byte(texts[k])
		prev, _ := testDecode(p, prevData)
		if prev == nil {
			t.Fatalf("%s: the corpus file does not decode", p)
		}
		text := texts[k]
		for step := 0; step < 40; step++ {
			text = edit(r, text, texts)
			data := []byte(text)
			want, _ := testDecode(p, data)
			got := dec.next(p, prevData, prev, data)
			if _, ok := dec.patch(p, prevData, prev, data); ok {
				fast++
			}
			steps++
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s step %d: incremental reading differs from the full decode\nbefore:\n%s\nafter:\n%s\ngot  %+v\nwant %+v", p, step, prevData, data, got, want)
			}
			if got != nil {
				readable++
				prev, prevData = got, data
			} else if step%5 == 0 {
				// start again from the corpus file now and then, so the
				// chain does not stay broken
				text, prevData = texts[k], []byte(texts[k])
				prev, _ = testDecode(p, prevData)
			}
		}
	}
	t.Logf("%d versions, %d readable, %d read from the version before", steps, readable, fast)
	if fast < readable/3 {
		t.Errorf("only %d of %d readable versions read the fast way; want at least a third", fast, readable)
	}
}

func TestCutBlocks(t *testing.T) {
	for _, tc := range []struct {
		text string
		keys []string // nil: not cut
	}{
		{"name: a\nsummary: b\n", []string{"name", "summary"}},
		{"# c\nname: a\n\n# d\ntopics:\n- a\n- b\n", []string{"name", "topics"}},
		{"---\nname: a\n", []string{"name"}},
		{"purpose: |\n  text\n\n  name: x\nrisk: y\n", []string{"purpose", "risk"}},
		{"purpose: |\n  \"open\nname: x\n", []string{"purpose", "name"}},
		{"name: \"a\n  b\"\nx: y\n", []string{"name", "x"}},
		{"name: \"a\nb: c\"\n", nil},
		{"name: 'it''s\nb: c'\n", nil},
		{"topics: [a,\nb: c]\n", nil},
		{"topics: [a,\n  b]\nc: d\n", []string{"topics", "c"}},
		{"name: &x a\n", nil},
		{"name: *x\n", nil},
		{"name:\ta\n", nil},
		{"{name: a}\n", nil},
		{"  name: a\n", nil},
		{"name: a\nb\n", nil},
		{"eu_database:\n  id: |\n    x\n  other: \"y\nz: w\"\n", nil},
		{"a:\n  - |\n    t\n  - \"u\nb: v\"\n", nil},
		{"name: Ein \"Zitat\" im Text\nb: c\n", []string{"name", "b"}},
		{"name: a # \"x\nb: c\n", []string{"name", "b"}},
	} {
		c, ok := cutBlocks([]byte(tc.text))
		if tc.keys == nil {
			if ok {
				t.Errorf("%q: cut into %q; want it left to the full decode", tc.text, c.keys)
			}
			continue
		}
		if !ok || !reflect.DeepEqual(c.keys, tc.keys) {
			t.Errorf("%q: keys %q, %v; want %q", tc.text, c.keys, ok, tc.keys)
		}
	}
}

// TestLiteral: a literal block scalar read by literal is what the YAML
// decoder reads, over random blocks (indentation, blank lines with and
// without spaces, more indented lines, chomping, comments, Unicode).
func TestLiteral(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"\xff", "\xc3", "Zweck", "des Systems", "# kein Kommentar", "- Punkt", "Größe: 5", "\"zitiert\"", "a: b", "ü", "\u00a0", "\u2028", "\ufffd", "\x01", "\t", "|", "  "}
	tried, read := 0, 0
	for n := 0; n < 20000; n++ {
		indent := strings.Repeat(" ", 1+r.IntN(3))
		var b strings.Builder
		b.WriteString("purpose: " + []string{"|", "|", "|", "|-", "|-", "|+", "|2", ">", "| # c", "|  "}[r.IntN(10)] + "\n")
		for l := r.IntN(6); l >= 0; l-- {
			switch r.IntN(6) {
			case 0:
				b.WriteString(strings.Repeat(" ", r.IntN(5)) + "\n")
			case 1:
				b.WriteString(indent + "  " + pieces[r.IntN(len(pieces))] + "\n")
			case 2:
				b.WriteString(pieces[r.IntN(len(pieces))] + "\n")
			default:
				b.WriteString(indent + pieces[r.IntN(len(pieces))] + " " + pieces[r.IntN(len(pieces))] + "\n")
			}
		}
		block := b.String()
		got, ok := literal([]byte(block), len("purpose"))
		tried++
		if !ok {
			continue
		}
		read++
		s, _ := testDecode("systeme/x.yaml", []byte(block))
		if s == nil || s.Purpose.De != got || s.Purpose.En != "" {
			var want any = nil
			if s != nil {
				want = s.Purpose
			}
			t.Fatalf("literal(%q) = %q; the decoder reads %q", block, got, want)
		}
	}
	t.Logf("%d blocks, %d read by literal", tried, read)
	if read < tried/40 {
		t.Errorf("only %d of %d blocks read by literal", read, tried)
	}
}

// TestRecut: cutting again only what changed gives what cutting the whole
// text gives, over chains of random edits of the corpus's files (YAML
// front matter included), also where either cut is refused.
func TestRecut(t *testing.T) {
	fsys := corpus.FS(300, 11)
	var texts []string
	for name, f := range fsys {
		if strings.HasPrefix(name, "systeme/") {
			texts = append(texts, string(f.Data))
		}
	}
	sort.Strings(texts)
	r := rand.New(rand.NewPCG(7, 8))
	var reused, compared int
	for _, text := range texts {
		old := []byte(text)
		oldCut, oldOK := cutBlocks(old)
		for step := 0; step < 40; step++ {
			text = edit(r, text, texts)
			data := []byte(text)
			want, wantOK := cutBlocks(data)
			if oldOK {
				got, ok := recut(oldCut, old, data)
				compared++
				if ok != wantOK || ok && !reflect.DeepEqual(got, want) {
					t.Fatalf("recut of\n%s\nafter\n%s\n= %q, %v; cutBlocks = %q, %v", data, old, got, ok, want, wantOK)
				}
				if ok && len(got.blocks) > 0 && len(want.blocks) > 0 {
					reused++
				}
			}
			old, oldCut, oldOK = data, want, wantOK
		}
	}
	if compared < 1000 || reused < compared/2 {
		t.Errorf("only %d cuts compared, %d of them ok", compared, reused)
	}
}

// TestCommonPrefixSuffix compares the eight-bytes-at-a-time walks with a
// byte-by-byte one on texts that differ at every position.
func TestCommonPrefixSuffix(t *testing.T) {
	base := []byte("purpose: |\n  Fassung 12. Das System liest Anträge, äöü ß.\n")
	for n := 0; n <= len(base); n++ {
		for d := 0; d < n; d++ {
			a := base[:n]
			b := append([]byte(nil), a...)
			b[d] ^= 0x20
			for _, c := range []struct{ a, b []byte }{{a, b}, {a, b[:d+1]}, {a[:d+1], b}} {
				wantP, wantS := 0, 0
				for wantP < min(len(c.a), len(c.b)) && c.a[wantP] == c.b[wantP] {
					wantP++
				}
				for wantS < min(len(c.a), len(c.b)) && c.a[len(c.a)-1-wantS] == c.b[len(c.b)-1-wantS] {
					wantS++
				}
				if p, s := commonPrefix(c.a, c.b), commonSuffix(c.a, c.b); p != wantP || s != wantS {
					t.Fatalf("%q, %q: prefix %d, suffix %d; want %d, %d", c.a, c.b, p, s, wantP, wantS)
				}
			}
		}
		if p, s := commonPrefix(base[:n], base[:n]), commonSuffix(base[:n], base[:n]); p != n || s != n {
			t.Fatalf("equal texts of %d bytes: prefix %d, suffix %d", n, p, s)
		}
	}
}
