package history

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"maki/internal/corpus"
	"maki/internal/register"
)

func ops(ws []register.WordOp) string {
	var b strings.Builder
	for _, w := range ws {
		if w.Op == '=' {
			b.WriteString(w.Text)
			continue
		}
		b.WriteString("[" + string(w.Op) + w.Text + "]")
	}
	return b.String()
}

func TestWordDiff(t *testing.T) {
	for _, tt := range []struct{ a, b, want string }{
		{"Bescheide prüfen.", "Bescheide schnell prüfen.", "Bescheide [+schnell ]prüfen."},
		{"a b c", "a c", "a [-b ]c"},
		{"a b c", "x y z", "[-a b c][+x y z]"},
		{"", "neu", "[+neu]"},
		{"Zeile eins\n\nZeile zwei", "Zeile eins\n\nZeile drei", "Zeile eins\n\nZeile [-zwei][+drei]"},
	} {
		got, trunc := WordDiff(tt.a, tt.b)
		if ops(got) != tt.want || trunc {
			t.Errorf("WordDiff(%q, %q) = %q, %v; want %q, false", tt.a, tt.b, ops(got), trunc, tt.want)
		}
	}
}

// TestWordDiffBounded: two long texts that differ throughout cost no more
// than maxCells comparisons; the middle is one removal and one insertion.
func TestWordDiffBounded(t *testing.T) {
	a := "Anfang " + strings.Repeat("alt ", 5000) + "Ende"
	b := "Anfang " + strings.Repeat("neu ", 5000) + "Ende"
	start := time.Now()
	got, trunc := WordDiff(a, b)
	if !trunc || len(got) != 4 {
		t.Errorf("WordDiff of 5000 changed words: %d runs, truncated %v; want 4 runs, true", len(got), trunc)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("WordDiff took %v; want it bounded", d)
	}
}

func TestChanges(t *testing.T) {
	old := &register.System{Meta: register.Meta{ID: "a"}, RiskClass: "minimal", Techniques: []register.Technique{"ml"},
		Purpose: register.Text{De: "Post sortieren."}, Restricted: false, Name: register.Text{De: "A"}}
	new := &register.System{Meta: register.Meta{ID: "a"}, RiskClass: "high_risk", Techniques: []register.Technique{"llm"},
		Purpose: register.Text{De: "Post\n  sortieren."}, Restricted: true, Name: register.Text{De: "A"}, Vendor: "Firma"}
	var got []string
	for _, c := range Changes(old, new) {
		got = append(got, c.Field+"/"+string(c.Kind)+"/"+c.Enum+"/"+c.Old+">"+c.New+"+"+strings.Join(c.Added, ",")+"-"+strings.Join(c.Removed, ","))
	}
	want := []string{
		"techniques/list/technique/>+llm-ml",
		"risk_class/value/risk_class/minimal>high_risk+-",
		"vendor/set//>Firma+-",
		"restricted/value/common/no>yes+-",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Changes =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSameFields(t *testing.T) {
	for _, tc := range [][2]string{
		{"", ""}, {"a b", "a  b"}, {" a\nb ", "a b"}, {"a b", "a c"}, {"a", "a b"}, {"a b", "ab"},
		{"Ä\u00a0ö", "Ä ö"}, {"x\u2003y", "x y"}, {"", " "}, {"a", ""}, {"\xff b", "\xff  b"},
	} {
		want := strings.Join(strings.Fields(tc[0]), " ") == strings.Join(strings.Fields(tc[1]), " ")
		if got := sameFields(tc[0], tc[1]); got != want {
			t.Errorf("sameFields(%q, %q) = %v; want %v (as strings.Fields)", tc[0], tc[1], got, want)
		}
	}
}

// wordDiffWhole is WordDiff as it was: both texts cut into words whole.
func wordDiffWhole(a, b string) (ops []register.WordOp, truncated bool) {
	wa, wb := words(a), words(b)
	pre := 0
	for pre < len(wa) && pre < len(wb) && wa[pre] == wb[pre] {
		pre++
	}
	suf := 0
	for suf < len(wa)-pre && suf < len(wb)-pre && wa[len(wa)-1-suf] == wb[len(wb)-1-suf] {
		suf++
	}
	var d differ
	d.emit('=', wa[:pre])
	ma, mb := wa[pre:len(wa)-suf], wb[pre:len(wb)-suf]
	if len(ma)*len(mb) > maxCells {
		d.emit('-', ma)
		d.emit('+', mb)
		truncated = true
	} else {
		d.lcs(ma, mb)
	}
	d.emit('=', wa[len(wa)-suf:])
	return d.ops, truncated
}

// TestWordDiffMiddle: WordDiff, which cuts only the changed middle into
// words, gives what cutting both texts whole gives, over random texts
// with repeated words, leading and trailing whitespace and Unicode spaces.
func TestWordDiffMiddle(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	vocab := []string{"a", "b", "Zweck", "über", " ", "  ", "\n", "\u00a0", "\u2003", "x\ny", "ß", "\xc2", "\x85", "\xa0", "\xe2\x80", "\t"}
	text := func() string {
		var b strings.Builder
		for n := r.IntN(12); n > 0; n-- {
			b.WriteString(vocab[r.IntN(len(vocab))])
			if r.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		return b.String()
	}
	for n := 0; n < 20000; n++ {
		a := text()
		b := a
		if r.IntN(4) > 0 {
			b = text()
		}
		switch r.IntN(3) {
		case 0:
			b = a[:r.IntN(len(a)+1)] + text()
		case 1: // a long common tail, as a text edited at its start
			tail := text() + text() + text()
			a, b = a+tail, b+tail
		}
		got, gt := WordDiff(a, b)
		want, wt := wordDiffWhole(a, b)
		if !reflect.DeepEqual(got, want) || gt != wt {
			t.Fatalf("WordDiff(%q, %q) = %v; cutting whole gives %v", a, b, got, want)
		}
	}
}

// TestSameIsDeepEqual: same says what reflect.DeepEqual says of every
// field of pairs of systems: the corpus's systems against each other,
// each against itself, against a copy sharing its fields and against its
// versions read incrementally after random edits (which share the
// unchanged fields), and nil against empty lists and texts.
func TestSameIsDeepEqual(t *testing.T) {
	fsys := corpus.FS(60, 3)
	var systems []*register.System
	r := rand.New(rand.NewPCG(8, 9))
	var texts []string
	for name, f := range fsys {
		if strings.HasPrefix(name, "systeme/") {
			texts = append(texts, string(f.Data))
		}
	}
	dec := newIncremental(testDecode)
	for name, f := range fsys {
		if !strings.HasPrefix(name, "systeme/") {
			continue
		}
		s, _ := testDecode(name, f.Data)
		if s == nil {
			t.Fatalf("%s does not decode", name)
		}
		c := *s
		systems = append(systems, s, &c)
		prev, prevData := s, f.Data
		for range 5 {
			data := []byte(edit(r, string(prevData), texts))
			if n := dec.next(name, prevData, prev, data); n != nil {
				systems = append(systems, n)
				prev, prevData = n, data
			}
		}
	}
	empty := &register.System{Tags: []string{}, Topics: []string{}}
	systems = append(systems, &register.System{}, empty)
	pairs := 0
	for i, a := range systems {
		for _, b := range []*register.System{a, systems[(i+1)%len(systems)], systems[r.IntN(len(systems))], empty} {
			av, bv := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
			for _, f := range systemFields {
				x, y := av.Field(f.Index), bv.Field(f.Index)
				want := reflect.DeepEqual(x.Interface(), y.Interface())
				if got := same(x, y); got != want {
					t.Fatalf("same(%s: %#v, %#v) = %v; DeepEqual says %v", f.Key, x.Interface(), y.Interface(), got, want)
				}
				pairs++
			}
		}
	}
	t.Logf("%d pairs of fields", pairs)
}

// TestIsSpace: isSpace is unicode.IsSpace for every rune, firstRune and
// lastRune are the utf8 decoders.
func TestIsSpace(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpace(%U) = %v; want %v", r, isSpace(r), unicode.IsSpace(r))
		}
	}
	for _, s := range []string{"a", " ", "\n", "ä", "\u2003x", "x\u2003", "\xff", "a\xff", "\xe2\x80", "€"} {
		r, n := firstRune(s)
		wr, wn := utf8.DecodeRuneInString(s)
		lr, ln := lastRune(s)
		wlr, wln := utf8.DecodeLastRuneInString(s)
		if r != wr || n != wn || lr != wlr || ln != wln {
			t.Errorf("%q: firstRune %U %d, lastRune %U %d; want %U %d, %U %d", s, r, n, lr, ln, wr, wn, wlr, wln)
		}
	}
}
