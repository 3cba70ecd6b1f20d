package history

import (
	"math/rand/v2"
	"reflect"
	"strconv"
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

// shortOps is ops with a left-out run as "…".
func shortOps(ws []register.WordOp) string {
	var b strings.Builder
	for _, w := range ws {
		if w.Op == '.' {
			b.WriteString("…")
			continue
		}
		b.WriteString(ops([]register.WordOp{w}))
	}
	return b.String()
}

// numbered returns n words "<p>1 <p>2 … <p>n", each followed by a space.
func numbered(p string, n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(p + strconv.Itoa(i) + " ")
	}
	return b.String()
}

func TestShorten(t *testing.T) {
	long := numbered("w", 5000)
	for _, tt := range []struct{ name, a, b, want string }{
		{"start run keeps its last words",
			numbered("a", 20) + "alt.", numbered("a", 20) + "neu.",
			"…a13 a14 a15 a16 a17 a18 a19 a20 [-alt.][+neu.]"},
		{"end run keeps its first words",
			"alt " + numbered("e", 20), "neu " + numbered("e", 20),
			"[-alt ][+neu ]e1 e2 e3 e4 e5 e6 e7 e8 …"},
		{"middle run keeps words on both sides",
			"x " + numbered("m", 30) + "y", "X " + numbered("m", 30) + "Y",
			"[-x ][+X ]m1 m2 m3 m4 m5 m6 m7 m8 …m23 m24 m25 m26 m27 m28 m29 m30 [-y][+Y]"},
		{"short middle run stays whole (19 words: 3 would be left out)",
			"x " + numbered("m", 19) + "y", "X " + numbered("m", 19) + "Y",
			"[-x ][+X ]" + numbered("m", 19) + "[-y][+Y]"},
		{"20 words: 4 left out",
			"x " + numbered("m", 20) + "y", "X " + numbered("m", 20) + "Y",
			"[-x ][+X ]m1 m2 m3 m4 m5 m6 m7 m8 …m13 m14 m15 m16 m17 m18 m19 m20 [-y][+Y]"},
		{"short runs at the ends stay whole",
			numbered("a", 11) + "alt " + numbered("e", 11), numbered("a", 11) + "neu " + numbered("e", 11),
			numbered("a", 11) + "[-alt ][+neu ]" + numbered("e", 11)},
		{"only a change", "a b c", "x y z", "[-a b c][+x y z]"},
		{"an insertion at the start", numbered("e", 30), "neu " + numbered("e", 30), "[+neu ]e1 e2 e3 e4 e5 e6 e7 e8 …"},
		{"an insertion at the end", numbered("a", 30), numbered("a", 30) + "neu",
			"…a23 a24 a25 a26 a27 a28 a29 a30 [+neu]"},
		{"multi-byte words and spaces",
			"Größe " + strings.Repeat("Übermäßig\u00a0groß 😀 ", 10) + "Maß", "Größe " + strings.Repeat("Übermäßig\u00a0groß 😀 ", 10) + "Maße",
			"…groß 😀 Übermäßig\u00a0groß 😀 Übermäßig\u00a0groß 😀 [-Maß][+Maße]"}, // U+00A0 is a space
		{"single line breaks are kept",
			"Zeile\nnull\neins\nzwei\ndrei\nvier\nfünf\nsechs\nsieben\nacht\nneun\nzehn alt", "Zeile\nnull\neins\nzwei\ndrei\nvier\nfünf\nsechs\nsieben\nacht\nneun\nzehn neu",
			"…drei\nvier\nfünf\nsechs\nsieben\nacht\nneun\nzehn [-alt][+neu]"},
		{"the context stops at a paragraph break",
			numbered("a", 10) + "Ende.\n\nNeuer Absatz alt " + numbered("e", 2) + "\n\n" + numbered("z", 10),
			numbered("a", 10) + "Ende.\n\nNeuer Absatz neu " + numbered("e", 2) + "\n\n" + numbered("z", 10),
			"…Neuer Absatz [-alt ][+neu ]e1 e2 \n\n…"},
		{"a short run across a paragraph break stays whole",
			"alt eins zwei.\n\ndrei vier fünf neu", "neu eins zwei.\n\ndrei vier fünf alt", "[-alt ][+neu ]eins zwei.\n\ndrei vier fünf [-neu][+alt]"},
		{"a very long text", long + "alt " + long, long + "neu " + long,
			"…w4993 w4994 w4995 w4996 w4997 w4998 w4999 w5000 [-alt ][+neu ]w1 w2 w3 w4 w5 w6 w7 w8 …"},
		{"unchanged", numbered("a", 40), numbered("a", 40), numbered("a", 40)},
		{"the context is the change's sentence",
			wohngeld("Wohngeld", "Die"), wohngeld("Wohngeld schnell und fair", "Die"),
			"…Das System soll Anträge auf Wohngeld [+schnell und fair ]vorsortieren, damit eilige Fälle früher bearbeitet werden. …"},
		{"a change at a sentence's start has the sentence before",
			wohngeld("Wohngeld", "Die"), wohngeld("Wohngeld", "Diese"),
			"…Wohngeld vorsortieren, damit eilige Fälle früher bearbeitet werden. [-Die ][+Diese ]Sachbearbeitung prüft jeden Vorschlag und entscheidet selbst; das …"},
		{"abbreviations, ordinals and initials end no sentence",
			"Er prüft z. B. Anträge, Nr. 5 bzw. Bescheide ab dem 19. März und mehr alt. " + numbered("e", 12),
			"Er prüft z. B. Anträge, Nr. 5 bzw. Bescheide ab dem 19. März und mehr neu. " + numbered("e", 12),
			"…bzw. Bescheide ab dem 19. März und mehr [-alt. ][+neu. ]e1 e2 e3 e4 e5 e6 e7 e8 …"},
		{"initials and titles end no sentence",
			numbered("v", 12) + "Er fragt Dr. Müller, z. B. Anträge alt " + numbered("e", 12),
			numbered("v", 12) + "Er fragt Dr. Müller, z. B. Anträge neu " + numbered("e", 12),
			"…v12 Er fragt Dr. Müller, z. B. Anträge [-alt ][+neu ]e1 e2 e3 e4 e5 e6 e7 e8 …"},
		{"a sentence ends before a capital, a line break or a blank line",
			"Eins zwei drei vier fünf sechs. »Sieben« acht neun zehn! (Elf) zwölf alt. Dreizehn?\nvierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig und noch vier Wörter",
			"Eins zwei drei vier fünf sechs. »Sieben« acht neun zehn! (Elf) zwölf neu. Dreizehn?\nvierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig und noch vier Wörter",
			"…(Elf) zwölf [-alt. ][+neu. ]Dreizehn?\n…"},
	} {
		got := shorten(first(WordDiff(tt.a, tt.b)))
		if s := shortOps(got); s != tt.want {
			t.Errorf("%s: shorten(WordDiff) = %q; want %q", tt.name, s, tt.want)
		}
	}
}

// wohngeld is an entry's purpose of three sentences, with words for the
// end of the second sentence and the start of the third.
func wohngeld(end, third string) string {
	return "Das Amt erhält jeden Monat mehrere tausend Anträge, die bisher von Hand nach Art und Dringlichkeit sortiert werden. " +
		"Das System soll Anträge auf " + end + " vorsortieren, damit eilige Fälle früher bearbeitet werden. " +
		third + " Sachbearbeitung prüft jeden Vorschlag und entscheidet selbst; das System entscheidet über keinen Antrag."
}

func first(ops []register.WordOp, _ bool) []register.WordOp { return ops }

// TestShortenTruncated: a diff too long to compare word by word keeps its
// removal and insertion whole and shortens the kept words around them.
func TestShortenTruncated(t *testing.T) {
	a := numbered("a", 30) + strings.Repeat("alt ", 600) + numbered("e", 30)
	b := numbered("a", 30) + strings.Repeat("neu ", 600) + numbered("e", 30)
	ops, trunc := WordDiff(a, b)
	if !trunc {
		t.Fatal("WordDiff not truncated")
	}
	want := "…a23 a24 a25 a26 a27 a28 a29 a30 [-" + strings.Repeat("alt ", 600) + "][+" + strings.Repeat("neu ", 600) + "]e1 e2 e3 e4 e5 e6 e7 e8 …"
	if got := shortOps(shorten(ops)); got != want {
		t.Errorf("shorten of a truncated diff = %q; want %q", got, want)
	}
}

// TestChangesShorten: the word diff of a changed Markdown text is the
// shortened one.
func TestChangesShorten(t *testing.T) {
	text := func(w string) register.Text {
		return register.Text{De: numbered("vor", 20) + w + " " + numbered("nach", 20)}
	}
	cs := Changes(&register.System{Purpose: text("alt")}, &register.System{Purpose: text("neu")})
	if len(cs) != 1 || cs[0].Field != "purpose" || cs[0].Kind != register.ChangeText {
		t.Fatalf("Changes = %+v; want one change of the purpose's text", cs)
	}
	want := "…vor13 vor14 vor15 vor16 vor17 vor18 vor19 vor20 [-alt ][+neu ]nach1 nach2 nach3 nach4 nach5 nach6 nach7 nach8 …"
	if got := shortOps(cs[0].Words); got != want {
		t.Errorf("purpose's words = %q; want %q", got, want)
	}
}

// TestShortenCuts: over random texts, shorten keeps every removal and
// insertion, and cuts each kept run into a prefix and a suffix of it that
// end and start where words cuts it (so never inside a word or a rune),
// the prefix only after a change and the suffix only before one.
func TestShortenCuts(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	vocab := []string{"a", "b", "Zweck", "über", " ", "  ", "\n", "\n\n", "\u00a0", "\u2003", "x\ny", "ß", "\xc2", "\x85", "\xa0", "\xe2\x80", "\t", "😀"}
	text := func() string {
		var b strings.Builder
		for n := r.IntN(60); n > 0; n-- {
			b.WriteString(vocab[r.IntN(len(vocab))])
			if r.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		return b.String()
	}
	boundary := func(s string) map[int]bool {
		m, i := map[int]bool{0: true}, 0
		for _, w := range words(s) {
			i += len(w)
			m[i] = true
		}
		return m
	}
	for n := 0; n < 5000; n++ {
		a := text()
		b := text()
		if r.IntN(2) == 0 {
			mid := text()
			b = a[:r.IntN(len(a)+1)] + mid + a[r.IntN(len(a)+1):]
		}
		full, _ := WordDiff(a, b)
		got := shorten(full)
		j := 0
		for i, o := range full {
			if o.Op != '=' {
				if j >= len(got) || got[j] != o {
					t.Fatalf("WordDiff(%q, %q): shorten lost %v: %v", a, b, o, got)
				}
				j++
				continue
			}
			var parts []register.WordOp
			for j < len(got) && (got[j].Op == '=' || got[j].Op == '.') {
				parts = append(parts, got[j])
				j++
			}
			if len(parts) == 1 && parts[0] == o {
				continue
			}
			var head, tail string
			switch {
			case len(parts) == 3 && parts[0].Op == '=' && parts[1].Op == '.' && parts[2].Op == '=':
				head, tail = parts[0].Text, parts[2].Text
			case len(parts) == 2 && parts[0].Op == '.' && parts[1].Op == '=' && i == 0:
				tail = parts[1].Text
			case len(parts) == 2 && parts[0].Op == '=' && parts[1].Op == '.' && i == len(full)-1:
				head = parts[0].Text
			default:
				t.Fatalf("WordDiff(%q, %q): run %q became %v", a, b, o.Text, parts)
			}
			bd := boundary(o.Text)
			if !strings.HasPrefix(o.Text, head) || !strings.HasSuffix(o.Text, tail) || len(head)+len(tail) >= len(o.Text) ||
				!bd[len(head)] || !bd[len(o.Text)-len(tail)] {
				t.Fatalf("WordDiff(%q, %q): run %q cut into %q … %q", a, b, o.Text, head, tail)
			}
			if left := len(words(o.Text[len(head) : len(o.Text)-len(tail)])); left < minLeftOut || len(words(head)) > contextWords || len(words(tail)) > contextWords {
				t.Fatalf("WordDiff(%q, %q): run %q cut into %q … %q", a, b, o.Text, head, tail)
			}
		}
		if j != len(got) {
			t.Fatalf("WordDiff(%q, %q): shorten added %v", a, b, got[j:])
		}
	}
}

func TestSentenceEnd(t *testing.T) {
	for _, tt := range []struct {
		w, rest string
		want    bool
	}{
		{"werden. ", "Die Sachbearbeitung", true},
		{"werden. ", "die", false},
		{"werden.\n", "die", true},
		{"Absatz\n\n", "weiter", true},
		{"Absatz \n \n", "weiter", true},
		{"Absatz\n", "Weiter", false},
		{"fertig! ", "Dann", true},
		{"fertig? ", "Ja", true},
		{"fertig.\" ", "Dann", true},
		{"fertig.« ", "Dann", true},
		{"**fertig.** ", "Dann", true},
		{"Satz. ", "**Wichtig:**", true},
		{"Satz. ", "„Zitat“", true},
		{"Satz. ", "1. Schritt", false},
		{"Satz ", "Die", false},
		{"Satz, ", "Die", false},
		{"z. ", "B. Anträge", false},
		{"B. ", "Anträge", false},
		{"z.B. ", "Anträge", false},
		{"bzw. ", "Bescheide", false},
		{"Nr. ", "Fünf", false},
		{"Dr. ", "Müller", false},
		{"19. ", "März", false},
		{"(ca. ", "Tausend", false},
		{". ", "Die", false},
		{"Größe. ", "Übermaß", true},
		{"Maß.\u00a0", "Ödland", true},
	} {
		if got := sentenceEnd(tt.w, tt.rest); got != tt.want {
			t.Errorf("sentenceEnd(%q, %q) = %v; want %v", tt.w, tt.rest, got, tt.want)
		}
	}
}
