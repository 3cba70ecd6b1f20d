package history

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"maki/internal/register"
)

var systemFields = register.Fields(reflect.TypeOf(register.System{}))

// Changes returns what changed from old to new, field by field in the
// order of the field specification; the id first when it changed.
func Changes(old, new *register.System) []register.Change {
	var out []register.Change
	if old.ID != new.ID {
		out = append(out, register.Change{Field: "id", Kind: register.ChangeRenamed, Old: old.ID, New: new.ID})
	}
	ov, nv := reflect.ValueOf(old).Elem(), reflect.ValueOf(new).Elem()
	for _, f := range systemFields {
		a, b := ov.Field(f.Index), nv.Field(f.Index)
		if same(a, b) {
			continue
		}
		if f.Type == register.TextType && sameWords(a.Interface().(register.Text), b.Interface().(register.Text)) {
			continue // only reflowed
		}
		if c, ok := fieldChange(f, a, b); ok {
			out = append(out, c)
		}
	}
	return out
}

// same reports whether two values of a field are reflect.DeepEqual,
// without boxing the kinds a system's fields mostly have: a version read
// incrementally shares the strings, slices and pointers of its unchanged
// fields with the version before, which are compared by their headers
// first (as DeepEqual does). TestSameIsDeepEqual holds it to DeepEqual.
func same(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.String:
		return a.String() == b.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		if a.Len() == 0 || a.UnsafePointer() == b.UnsafePointer() {
			return true
		}
	case reflect.Pointer:
		if a.UnsafePointer() == b.UnsafePointer() {
			return true
		}
		if a.IsNil() || b.IsNil() {
			return false
		}
	case reflect.Struct:
		if a.Type() == textType {
			return a.Field(0).String() == b.Field(0).String() && a.Field(1).String() == b.Field(1).String()
		}
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

var textType = reflect.TypeOf(register.Text{})

// enumName returns the catalog group of an enumeration type's labels:
// the type name in snake case (RiskClass → risk_class).
func enumName(t reflect.Type) string {
	var b strings.Builder
	for i, r := range t.Name() {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func fieldChange(f register.Field, a, b reflect.Value) (register.Change, bool) {
	c := register.Change{Field: f.Key}
	switch {
	case f.Type == register.TextType:
		at, bt := a.Interface().(register.Text), b.Interface().(register.Text)
		o, n := at.De, bt.De
		if o == n {
			o, n = at.En, bt.En
		}
		if f.Markdown && o != "" && n != "" {
			c.Kind = register.ChangeText
			c.Words, c.Truncated = WordDiff(o, n)
			c.Words = shorten(c.Words)
			for i := range c.Words {
				// The words are cut from the versions' texts: copied, they
				// hold only themselves, not every version's whole text
				// for as long as the history lives.
				c.Words[i].Text = strings.Clone(c.Words[i].Text)
			}
			return c, true
		}
		return scalar(c, o, n), true
	case f.Type.Kind() == reflect.String:
		if f.Enum != nil {
			c.Enum = enumName(f.Type)
		}
		return scalar(c, a.String(), b.String()), true
	case f.Type.Kind() == reflect.Int:
		s := func(v reflect.Value) string {
			if v.Int() == 0 {
				return ""
			}
			return strconv.FormatInt(v.Int(), 10)
		}
		if f.Key == "annex_iii_area" {
			c.Enum = "annex_iii"
		}
		return scalar(c, s(a), s(b)), true
	case f.Type.Kind() == reflect.Bool:
		c.Enum = "common"
		s := func(v reflect.Value) string {
			if v.Bool() {
				return "yes"
			}
			return "no"
		}
		return scalar(c, s(a), s(b)), true
	case f.Type.Kind() == reflect.Pointer:
		return scalar(c, summary(a), summary(b)), true
	case f.Type.Kind() == reflect.Slice:
		if f.Enum != nil {
			c.Enum = enumName(f.Type.Elem())
		}
		c.Kind = register.ChangeList
		olds, news := items(a), items(b)
		c.Added, c.Removed = minus(news, olds), minus(olds, news)
		if len(c.Added) == 0 && len(c.Removed) == 0 {
			// The same items, edited or reordered.
			c.Kind = register.ChangeText
		}
		return c, true
	}
	return c, false
}

// scalar is a change of a single value.
func scalar(c register.Change, o, n string) register.Change {
	c.Old, c.New = o, n
	switch {
	case o == "":
		c.Kind = register.ChangeSet
	case n == "":
		c.Kind = register.ChangeCleared
	default:
		c.Kind = register.ChangeValue
	}
	return c
}

// items returns a short text for each element of a list.
func items(v reflect.Value) []string {
	out := make([]string, v.Len())
	for i := range out {
		out[i] = summary(v.Index(i))
	}
	return out
}

// summary is a short text for a value: a string as it is, a struct as its
// non-empty strings and German texts joined with ", ", a nil pointer "".
func summary(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return ""
		}
		return summary(v.Elem())
	case reflect.String:
		return v.String()
	case reflect.Struct:
		if t, ok := v.Interface().(register.Text); ok {
			return t.String()
		}
		var parts []string
		for i := 0; i < v.NumField(); i++ {
			fv := v.Field(i)
			if fv.Kind() == reflect.String && fv.String() != "" {
				parts = append(parts, fv.String())
			} else if t, ok := fv.Interface().(register.Text); ok && t.De != "" && v.Type().Field(i).Name == "Title" {
				parts = append(parts, t.De)
			}
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v.Interface())
}

// minus returns the items of a not in b, in a's order (counting
// duplicates).
func minus(a, b []string) []string {
	n := map[string]int{}
	for _, s := range b {
		n[s]++
	}
	var out []string
	for _, s := range a {
		if n[s] > 0 {
			n[s]--
			continue
		}
		out = append(out, s)
	}
	return out
}

// maxCells bounds the word diff's cost: when the changed middle of two
// texts has more than this many word pairs, it is shown as one removal and
// one insertion instead.
const maxCells = 250_000

// WordDiff returns a word diff of two texts: the longest common
// subsequence of their words (whitespace kept with the word before it),
// with the common prefix and suffix taken off first. truncated is true
// when the changed middle was too long to compare word by word.
func WordDiff(a, b string) (ops []register.WordOp, truncated bool) {
	// The equal words at the start and the end are found walking both
	// texts, so that only the changed middle is cut into words (the same
	// result as cutting both texts whole: TestWordDiffMiddle).
	pa, pb := 0, 0
	for pa < len(a) && pb < len(b) {
		ea, eb := wordEnd(a, pa), wordEnd(b, pb)
		if a[pa:ea] != b[pb:eb] {
			break
		}
		pa, pb = ea, eb
	}
	sa, sb := skipCommonTail(a, b, pa, pb)
	for sa > pa && sb > pb {
		ba, bb := wordStart(a, sa), wordStart(b, sb)
		if ba < pa || bb < pb || a[ba:sa] != b[bb:sb] {
			break
		}
		sa, sb = ba, bb
	}
	var d differ
	if pa > 0 {
		d.emit('=', []string{a[:pa]})
	}
	ma, mb := words(a[pa:sa]), words(b[pb:sb])
	if len(ma)*len(mb) > maxCells {
		d.emit('-', ma)
		d.emit('+', mb)
		truncated = true
	} else {
		d.lcs(ma, mb)
	}
	if sa < len(a) {
		d.emit('=', []string{a[sa:]})
	}
	return d.ops, truncated
}

// contextWords is how many kept words a shortened word diff shows at most
// on each side of a change. A change log answers "what changed, and
// where": eight words (about 60 characters of German, a line on a phone;
// an entry's sentences have 12 to 20) are enough to find the place in the
// text and to read the change as part of its phrase, and a version whose
// text changed in one word takes a line or two instead of the whole text
// (600 to 1,500 characters) once per version. Within those words the
// context stops at the end of the change's sentence (see sentenceEnd), so
// that it reads as whole sentences where they are short: "… Das System
// soll Anträge [+schnell ]vorsortieren. …" rather than "… sortiert werden.
// Das System soll …". A sentence of more than eight words is cut at eight.
const contextWords = 8

// minLeftOut is the fewest words a shortened run leaves out: "…" and its
// label take the room of a few words, and a gap that hides one or two of
// them saves nothing and reads worse than the words. Whether a run is cut
// is decided by counting words only: a run of up to 2 × contextWords +
// minLeftOut − 1 words between two changes stays whole.
const minLeftOut = 4

// shorten returns a word diff whose long runs of kept words are cut to the
// words next to each change, with an op '.' where words are left out: a
// run at the start keeps its last words, a run at the end its first words,
// a run between two changes its first and last words. It keeps at most
// contextWords words on each side and cuts a run only where that leaves
// out at least minLeftOut words; the words it keeps end (after a change)
// at the first end of a sentence or paragraph among them and start
// (before a change) after the last one but the word next to the change. A
// diff without changes is returned as it is. The kept parts are cut where
// words cuts (never inside a word or a rune), with their whitespace as it
// was; the removed and inserted words stay whole.
func shorten(ops []register.WordOp) []register.WordOp {
	changed := false
	for _, o := range ops {
		if o.Op != '=' {
			changed = true
			break
		}
	}
	if !changed {
		return ops
	}
	var out []register.WordOp // made on the first run cut
	for i, o := range ops {
		s := o.Text
		head, tail := 0, len(s)
		if o.Op == '=' {
			if i > 0 && ops[i-1].Op != '=' {
				head = firstWords(s, 0, contextWords)
			}
			if i < len(ops)-1 && ops[i+1].Op != '=' {
				tail = lastWords(s, head, contextWords)
			}
		}
		if o.Op != '=' || countWords(s[head:tail], minLeftOut) < minLeftOut {
			if out != nil {
				out = append(out, o)
			}
			continue
		}
		if out == nil {
			out = append(make([]register.WordOp, 0, len(ops)+2), ops[:i]...)
		}
		if head > 0 {
			out = append(out, register.WordOp{Op: '=', Text: s[:firstEnd(s, head)]})
		}
		out = append(out, register.WordOp{Op: '.'})
		if tail < len(s) {
			out = append(out, register.WordOp{Op: '=', Text: s[lastStart(s, tail):]})
		}
	}
	if out == nil {
		return ops
	}
	return out
}

// firstWords returns the end of the first n words of s[from:] (as words
// cuts them).
func firstWords(s string, from, n int) int {
	i := from
	for k := 0; k < n && i < len(s); k++ {
		i = wordEnd(s, i)
	}
	return i
}

// lastWords returns the start of the last n words of s[from:].
func lastWords(s string, from, n int) int {
	e := len(s)
	for k := 0; k < n && e > from; k++ {
		b := wordStart(s, e)
		if b < from || b >= e {
			break // not a word boundary of s[from:] (not from words' cuts)
		}
		e = b
	}
	return e
}

// countWords returns how many words s has, counting to at most limit.
func countWords(s string, limit int) int {
	k := 0
	for i := 0; k < limit && i < len(s); k++ {
		i = wordEnd(s, i)
	}
	return k
}

// firstEnd returns where the words kept after a change end, given the end
// of the first contextWords words of s: after the first of them that ends
// a sentence or a paragraph, or end when none does (s[end:] is not empty:
// the words left out follow).
func firstEnd(s string, end int) int {
	for i := 0; i < end; {
		e := wordEnd(s, i)
		if sentenceEnd(s[i:e], s[e:]) {
			return e
		}
		i = e
	}
	return end
}

// lastStart returns where the words kept before a change start, given the
// start of the last contextWords words of s: after the last of them that
// ends a sentence or a paragraph, not counting the last word of s (the
// one next to the change: a change that starts a sentence keeps the end of
// the sentence before), or start when none does.
func lastStart(s string, start int) int {
	b := len(s)
	if b > start {
		b = wordStart(s, b) // the word next to the change
	}
	for b > start {
		w := wordStart(s, b)
		if w < start || w >= b {
			break
		}
		if sentenceEnd(s[w:b], s[b:]) {
			return b
		}
		b = w
	}
	return start
}

// sentenceEnd reports whether a word (with its whitespace) ends a paragraph
// (its whitespace holds a blank line) or a sentence: it ends in '.', '!'
// or '?' (before closing quotes, brackets or Markdown emphasis) and is
// followed by a line break or by a word that starts with a capital. A
// '.' after a single letter ("z. B.", "d. h."), after digits ("am 19.
// März") or after a common abbreviation ("bzw. Bescheide") ends no
// sentence. A sentence end missed or taken wrongly only makes the context
// longer or shorter: it never changes a word.
func sentenceEnd(w, rest string) bool {
	f := fieldEnd(w, 0)
	space := w[f:]
	if strings.Count(space, "\n") >= 2 {
		return true
	}
	field := strings.TrimRight(w[:f], `"'»«“”‘’)]*_`)
	if field == "" {
		return false
	}
	switch field[len(field)-1] {
	case '!', '?':
	case '.':
		word := field[:len(field)-1]
		if i := strings.LastIndexAny(word, ".(\"'„“»«*_/-"); i >= 0 {
			word = word[i+1:] // "z.B." is "B"
		}
		if utf8.RuneCountInString(word) < 2 || strings.Trim(word, "0123456789") == "" || abbreviations[strings.ToLower(word)] {
			return false
		}
	default:
		return false
	}
	if strings.Contains(space, "\n") {
		return true
	}
	for _, r := range rest {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.IsUpper(r)
		}
		if isSpace(r) {
			break
		}
	}
	return false
}

// abbreviations are common German abbreviations of two letters or more
// with a '.' that is followed by a capital in the middle of a sentence.
var abbreviations = map[string]bool{
	"abs": true, "art": true, "bzw": true, "ca": true, "dr": true, "evtl": true, "gem": true, "ggf": true,
	"inkl": true, "insb": true, "nr": true, "prof": true, "sog": true, "usw": true, "vgl": true, "zzgl": true,
	"bspw": true, "etc": true, "str": true, "tel": true, "max": true, "min": true, "mio": true, "mrd": true,
}

// skipCommonTail returns where WordDiff's walk back over the equal words
// at the end of a and b (not into a[:pa] or b[:pb]) may start without
// reading them word by word: the last position p of a inside their common
// tail of bytes, at least 4 bytes into it, where an ASCII space is followed
// by an ASCII character that is not a space, and the same offset from the
// end of b. The walk would pass it: every way back over the text steps
// over an ASCII byte (a rune of several bytes holds none), and there a
// word starts in both texts alike, since wordStart and the UTF-8 decoding
// look at most 4 bytes back. Without such a position it returns the ends.
func skipCommonTail(a, b string, pa, pb int) (sa, sb int) {
	k := 0 // bytes of the common tail
	for k < len(a)-pa && k < len(b)-pb && a[len(a)-1-k] == b[len(b)-1-k] {
		k++
	}
	for p := len(a) - k + 5; p < len(a); p++ {
		if c, d := a[p], a[p-1]; c < utf8.RuneSelf && d < utf8.RuneSelf && !isSpace(rune(c)) && isSpace(rune(d)) {
			return p, len(b) - (len(a) - p)
		}
	}
	return len(a), len(b)
}

// wordEnd returns the end of the word of s that starts at i: its
// non-space characters and the whitespace after them (as words cuts).
func wordEnd(s string, i int) int {
	return skipSpace(s, fieldEnd(s, i))
}

// wordStart returns the start of the word of s that ends at e (e is the
// end of s or the start of a word).
func wordStart(s string, e int) int {
	i := e
	for i > 0 {
		r, n := lastRune(s[:i])
		if !isSpace(r) {
			break
		}
		i -= n
	}
	for i > 0 {
		r, n := lastRune(s[:i])
		if isSpace(r) {
			break
		}
		i -= n
	}
	return i
}

type differ struct{ ops []register.WordOp }

// emit appends words with op, joining runs of the same op.
func (d *differ) emit(op byte, ws []string) {
	if len(ws) == 0 {
		return
	}
	s := strings.Join(ws, "")
	if n := len(d.ops); n > 0 && d.ops[n-1].Op == op {
		d.ops[n-1].Text += s
		return
	}
	d.ops = append(d.ops, register.WordOp{Op: op, Text: s})
}

// lcs diffs a and b by the classic dynamic programme over their suffixes.
func (d *differ) lcs(a, b []string) {
	n, m := len(a), len(b)
	t := make([]int32, (n+1)*(m+1))
	at := func(i, j int) int32 { return t[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i*(m+1)+j] = at(i+1, j+1) + 1
			} else {
				t[i*(m+1)+j] = max(at(i+1, j), at(i, j+1))
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			d.emit('=', a[i:i+1])
			i, j = i+1, j+1
		case at(i+1, j) >= at(i, j+1):
			d.emit('-', a[i:i+1])
			i++
		default:
			d.emit('+', b[j:j+1])
			j++
		}
	}
	d.emit('-', a[i:])
	d.emit('+', b[j:])
}

// words splits s into words, each with the whitespace that follows it
// (leading whitespace is a word of its own), so that joining them gives s.
func words(s string) []string {
	var out []string
	start := 0
	inSpace := false
	for i, r := range s {
		sp := isSpace(r)
		if !sp && inSpace {
			out = append(out, s[start:i])
			start = i
		}
		inSpace = sp
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// sameWords reports whether two texts differ in whitespace only.
func sameWords(a, b register.Text) bool {
	return sameFields(a.De, b.De) && sameFields(a.En, b.En)
}

// sameFields reports whether strings.Fields(x) equals strings.Fields(y),
// without making them.
func sameFields(x, y string) bool {
	i, j := 0, 0
	for {
		i, j = skipSpace(x, i), skipSpace(y, j)
		if i == len(x) || j == len(y) {
			return i == len(x) && j == len(y)
		}
		ei, ej := fieldEnd(x, i), fieldEnd(y, j)
		if x[i:ei] != y[j:ej] {
			return false
		}
		i, j = ei, ej
	}
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, n := firstRune(s[i:])
		if !isSpace(r) {
			break
		}
		i += n
	}
	return i
}

func fieldEnd(s string, i int) int {
	for i < len(s) {
		r, n := firstRune(s[i:])
		if isSpace(r) {
			break
		}
		i += n
	}
	return i
}

// isSpace is unicode.IsSpace with its ASCII cases first.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// firstRune is utf8.DecodeRuneInString (s not empty) without the call
// for an ASCII byte.
func firstRune(s string) (rune, int) {
	if s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

// lastRune is utf8.DecodeLastRuneInString (s not empty) without the
// call for an ASCII byte.
func lastRune(s string) (rune, int) {
	if c := s[len(s)-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(s)
}
