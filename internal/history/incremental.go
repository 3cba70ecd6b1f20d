package history

import (
	"bytes"
	"encoding/binary"
	"path"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"maki/internal/register"
)

// Decoding every version of every file is most of the history's cost
// (about 175 µs a version; the whole history may add 25 µs a version to
// the build). Consecutive versions of a file mostly differ in one or two
// fields, so a version is read from the one before: both are cut into
// their top-level keys' blocks of lines, only the blocks that changed (and
// a Markdown body) are decoded, as a document of their own, and their
// fields replace those of the version before. A key gone clears its field.
//
// The cut is made on the text alone, so it is taken only where it cannot
// differ from the YAML parser's reading: every line at column 0 is a
// "key:" line, a comment, a blank line or an item of a list under the key
// above, no quoted scalar or flow collection is still open there, no
// anchor (&) or alias (*) or tag (!) starts a value, no key is given twice
// or unknown to the decoder, the file is LF-only without a byte-order
// mark, and a Markdown file starts with "---" and has no description key.
// The decoded fragment must have no error or warning at all. Anything else
// is decoded in full, as is every first version and a version whose path
// changed. TestIncrementalMatchesFull compares both ways on random edits.

// decodeFunc reads one version of a system file; clean reports that the
// decoder found no error or warning at all.
type decodeFunc func(path string, data []byte) (s *register.System, clean bool)

// incremental decodes the versions of a file one after the other.
type incremental struct {
	decode decodeFunc
	fields map[string]int // YAML key → field index of register.System
	text   map[int]bool   // field indexes of register.Text fields
	last   layout         // of the file version cut last: the next one's version before
}

// layout is a file version cut into blocks.
type layout struct {
	data []byte
	md   bool
	cut  cut
	fm   []byte // the YAML: data, or a Markdown file's front matter
	body []byte
	ok   bool
	// usable: no key is given twice and a Markdown file has no
	// description key (either is left to the full decode).
	usable bool
}

// layout cuts data, or returns the cut made of the same data last time.
// from, when ok, is the layout of another version of the file: only what
// differs from it is cut again (recut).
func (d *incremental) layout(data []byte, md bool, from layout) layout {
	l := d.last
	if len(data) > 0 && len(l.data) == len(data) && &l.data[0] == &data[0] && l.md == md {
		return l
	}
	l = layout{data: data, md: md}
	if l.fm, l.body, l.ok = frontMatter(data, md); l.ok {
		if from.ok && from.md == md {
			l.cut, l.ok = recut(from.cut, from.fm, l.fm)
		} else {
			l.cut, l.ok = cutBlocks(l.fm)
		}
	}
	l.usable = l.ok && unique(l.cut.keys) && !(md && index(l.cut.keys, "description", 0) >= 0)
	d.last = l
	return l
}

func newIncremental(decode decodeFunc) *incremental {
	d := &incremental{decode: decode, fields: map[string]int{}, text: map[int]bool{}}
	for _, f := range systemFields {
		d.fields[f.Key] = f.Index
		d.text[f.Index] = f.Type == register.TextType
	}
	return d
}

// next returns the version data of the file at p, given the version
// before it (prevData at the same path, decoded as prev; prev nil for
// none).
func (d *incremental) next(p string, prevData []byte, prev *register.System, data []byte) *register.System {
	if prev != nil && bytes.Equal(prevData, data) {
		return prev
	}
	if prev != nil {
		if s, ok := d.patch(p, prevData, prev, data); ok {
			return s
		}
	}
	s, _ := d.decode(p, data)
	return s
}

// patch reads data as prevData with the changed blocks decoded again; ok
// is false when that cannot be sure to give what decoding data would.
func (d *incremental) patch(p string, prevData []byte, prev *register.System, data []byte) (*register.System, bool) {
	md := path.Ext(p) == ".md"
	if path.Ext(p) != ".yaml" && !md {
		return nil, false
	}
	oldL := d.layout(prevData, md, layout{})
	newL := d.layout(data, md, oldL)
	if !oldL.usable || !newL.usable || !bytes.Equal(oldL.cut.head, newL.cut.head) {
		return nil, false
	}
	oldCut, newCut, oldBody, newBody := oldL.cut, newL.cut, oldL.body, newL.body
	var frag []byte
	var changed []int // field indexes
	var literals []int
	var texts []string
	for i, k := range newCut.keys {
		if j := index(oldCut.keys, k, i); j >= 0 && bytes.Equal(oldCut.blocks[j], newCut.blocks[i]) {
			continue
		}
		idx, known := d.fields[k]
		if !known {
			return nil, false // the decoder's unknown-key error would refuse the fragment anyway
		}
		if d.text[idx] {
			if v, ok := literal(newCut.blocks[i], len(k)); ok {
				literals = append(literals, idx)
				texts = append(texts, v)
				continue
			}
		}
		changed = append(changed, idx)
		frag = appendLine(frag, newCut.blocks[i])
	}
	var cleared []int
	for i, k := range oldCut.keys {
		if index(newCut.keys, k, i) < 0 {
			if idx, known := d.fields[k]; known {
				cleared = append(cleared, idx)
			}
		}
	}
	bodyChanged := md && !bytes.Equal(oldBody, newBody)
	s := *prev
	v := reflect.ValueOf(&s).Elem()
	for _, idx := range cleared {
		f := v.Field(idx)
		f.Set(reflect.Zero(f.Type()))
	}
	for i, idx := range literals {
		v.Field(idx).Set(reflect.ValueOf(register.Text{De: texts[i]}))
	}
	if len(changed) == 0 && !bodyChanged {
		return &s, true // literal texts, comments, blank lines or removed keys only
	}
	dp := p
	if md && !bodyChanged {
		// The front matter alone reads as YAML: without a description key
		// the body is all that is Markdown's own.
		dp = p[:len(p)-len(".md")] + ".yaml"
	} else if md {
		if len(frag) == 0 {
			// A body alone: the front matter must not be empty; any one
			// unchanged key will do (its value is not taken).
			if len(newCut.keys) == 0 {
				return nil, false
			}
			frag = appendLine(frag, newCut.blocks[0])
		}
		frag = append(append(append([]byte("---\n"), frag...), "---\n"...), newBody...)
	}
	part, clean := d.decode(dp, frag)
	if part == nil || !clean {
		return nil, false
	}
	pv := reflect.ValueOf(part).Elem()
	for _, idx := range changed {
		v.Field(idx).Set(pv.Field(idx))
	}
	if bodyChanged {
		s.Description = part.Description
	}
	return &s, true
}

// index returns the position of k in keys, -1 if it is not there; it
// looks at i first, as consecutive versions mostly keep their keys in
// order.
func index(keys []string, k string, i int) int {
	if i < len(keys) && keys[i] == k {
		return i
	}
	for j, x := range keys {
		if x == k {
			return j
		}
	}
	return -1
}

// unique reports whether no key is given twice.
func unique(keys []string) bool {
	for i, k := range keys {
		for _, x := range keys[:i] {
			if x == k {
				return false
			}
		}
	}
	return true
}

func appendLine(dst, line []byte) []byte {
	dst = append(dst, line...)
	if len(line) > 0 && line[len(line)-1] != '\n' {
		dst = append(dst, '\n')
	}
	return dst
}

// frontMatter returns the YAML of a file and, for Markdown, its body
// (everything after the closing "---" line). A Markdown file must start
// with the line "---".
func frontMatter(data []byte, md bool) (yaml, body []byte, ok bool) {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) || bytes.IndexByte(data, '\r') >= 0 {
		return nil, nil, false
	}
	if !md {
		return data, nil, true
	}
	rest, found := bytes.CutPrefix(data, []byte("---\n"))
	if !found {
		return nil, nil, false
	}
	for i := 0; i < len(rest); {
		end := bytes.IndexByte(rest[i:], '\n')
		line := rest[i:]
		if end >= 0 {
			line = rest[i : i+end]
		}
		if string(bytes.TrimSpace(line)) == "---" { // as adrg/frontmatter reads it
			if string(line) != "---" {
				return nil, nil, false
			}
			if end < 0 {
				return rest[:i], nil, true
			}
			return rest[:i], rest[i+end+1:], true
		}
		if end < 0 {
			break
		}
		i += end + 1
	}
	return nil, nil, false
}

// cut is YAML text cut into the blocks of its top-level keys.
type cut struct {
	head   []byte // comments and blank lines before the first key
	keys   []string
	blocks [][]byte // each key's lines, from its key line to the next key
}

// cutBlocks cuts YAML text at its top-level keys; ok is false where the
// cut might not be the parser's (see the comment at the top of the file).
func cutBlocks(text []byte) (c cut, ok bool) {
	return cutLines(text, 0, cut{}, -1, nil)
}

// recut is cutBlocks(text) for a text that differs from oldText, whose
// cut is old (ok), in a part only: the blocks before the first byte that
// differs and those after the last are old's, and only the lines between
// are cut again. At a key line the lexer's state is always the same (no
// quoted scalar, flow collection or block scalar open), so cutting from
// there on gives what cutting the whole text gives (TestRecut).
func recut(old cut, oldText, text []byte) (cut, bool) {
	p := commonPrefix(oldText, text)
	sfx := commonSuffix(oldText[p:], text[p:])
	starts := make([]int, len(old.blocks)) // of old's blocks in oldText
	m, pos := -1, len(old.head)            // m: the last block whose key line is in the prefix
	for j, b := range old.blocks {
		starts[j] = pos
		line := len(b)
		if k := bytes.IndexByte(b, '\n'); k >= 0 {
			line = k + 1
		}
		if pos+line <= p {
			m = j
		}
		pos += len(b)
	}
	if m < 0 {
		return cutBlocks(text)
	}
	c := cut{head: text[:len(old.head)], keys: append([]string(nil), old.keys[:m]...), blocks: make([][]byte, m, len(old.blocks)+4)}
	for j := range m {
		c.blocks[j] = text[starts[j] : starts[j]+len(old.blocks[j])]
	}
	delta := len(text) - len(oldText)
	return cutLines(text, starts[m], c, noHead, func(i int) ([]string, [][]byte, bool) {
		if i < len(text)-sfx {
			return nil, nil, false
		}
		k, found := slices.BinarySearch(starts, i-delta)
		if !found || k <= m {
			return nil, nil, false
		}
		blocks := make([][]byte, 0, len(old.blocks)-k)
		for j := k; j < len(old.blocks); j++ {
			s := starts[j] + delta
			blocks = append(blocks, text[s:s+len(old.blocks[j])])
		}
		return old.keys[k:], blocks, true
	})
}

// commonPrefix returns the number of bytes a and b start with alike,
// comparing eight at a time.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i+8 <= n && binary.LittleEndian.Uint64(a[i:]) == binary.LittleEndian.Uint64(b[i:]) {
		i += 8
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix returns the number of bytes a and b end with alike.
func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i+8 <= n && binary.LittleEndian.Uint64(a[len(a)-i-8:]) == binary.LittleEndian.Uint64(b[len(b)-i-8:]) {
		i += 8
	}
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// noHead is cutLines' start for a cut whose head is made: the line at i
// starts a block.
const noHead = -2

// cutLines cuts text from i, a line's start, into c, whose last block (if
// start >= 0) starts at start (-1: no key yet, noHead: c's head is made
// and i is a key line). At each key line but the first, tail (when not
// nil) may give the rest of the cut from there on: the keys and blocks of
// an earlier cut of the same bytes. It is cutBlocks' loop.
func cutLines(text []byte, i int, c cut, start int, tail func(i int) (keys []string, blocks [][]byte, ok bool)) (cut, bool) {
	lx := lexer{block: -1}
	for i < len(text) {
		end := bytes.IndexByte(text[i:], '\n')
		next := len(text)
		if end >= 0 {
			next = i + end + 1
		}
		line := text[i:next]
		content := bytes.TrimRight(line, "\n")
		indent := len(content) - len(bytes.TrimLeft(content, " "))
		blank := indent == len(content)
		switch {
		case lx.block >= 0 && (blank || indent > lx.block):
			// inside a block scalar: text, not syntax
		case lx.open != 0:
			if indent == 0 && !blank {
				return c, false
			}
			lx.block = -1
			if !lx.scan(content, 0) {
				return c, false
			}
		case blank:
			lx.block = -1
		case indent > 0:
			lx.block = -1
			if start < 0 || !lx.line(content, indent) {
				return c, false
			}
		case content[0] == '#':
			lx.block = -1
		case i == 0 && string(content) == "---":
			// a document start before the first key
		case content[0] == '-' && (len(content) == 1 || content[1] == ' '):
			lx.block = -1
			if start < 0 || !lx.line(content, 0) {
				return c, false
			}
		default:
			lx.block = -1
			k := keyOf(content)
			if k == "" {
				return c, false
			}
			if start >= 0 {
				c.blocks = append(c.blocks, text[start:i])
				if tail != nil {
					if keys, blocks, ok := tail(i); ok {
						c.keys = append(c.keys, keys...)
						c.blocks = append(c.blocks, blocks...)
						return c, true
					}
				}
			} else if start == -1 {
				c.head = text[:i]
			}
			c.keys = append(c.keys, k)
			start = i
			if !lx.line(content, 0) {
				return c, false
			}
		}
		i = next
	}
	if lx.open != 0 {
		return c, false
	}
	if start >= 0 {
		c.blocks = append(c.blocks, text[start:])
	} else {
		c.head = text
	}
	return c, true
}

// keyOf returns the key of a top-level "key:" line ("" if it is none):
// letters, digits and underscores, then a colon and a space or the end.
func keyOf(line []byte) string {
	i := 0
	for i < len(line) && (line[i] == '_' || line[i] >= 'a' && line[i] <= 'z' || line[i] >= 'A' && line[i] <= 'Z' || i > 0 && line[i] >= '0' && line[i] <= '9') {
		i++
	}
	if i == 0 || i >= len(line) || line[i] != ':' || (i+1 < len(line) && line[i+1] != ' ') {
		return ""
	}
	return string(line[:i])
}

// lexer follows what a YAML line opens that later lines continue: a
// quoted scalar or a flow collection not closed on its line, or a block
// scalar (| or >) whose text follows.
type lexer struct {
	open  byte // '"' or '\'' inside a quoted scalar, '[' inside a flow collection; 0 in block context
	depth int  // nesting of flow collections
	block int  // indentation of the node owning a block scalar being read; -1 for none
}

// line reads a line in block context from column col (its indentation).
func (lx *lexer) line(s []byte, col int) bool {
	if bytes.IndexByte(s, '\t') >= 0 {
		return false // a tab may separate tokens where a space is looked for
	}
	return lx.value(s, col, col)
}

// value reads s from i, where a node may start; owner is the column of
// the key or list item the node belongs to.
func (lx *lexer) value(s []byte, i, owner int) bool {
	for {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) || s[i] == '#' {
			return true
		}
		switch c := s[i]; c {
		case '-':
			if i+1 == len(s) || s[i+1] == ' ' {
				owner, i = i, i+1
				continue
			}
		case '|', '>':
			rest := bytes.TrimLeft(s[i+1:], "+-0123456789")
			rest = bytes.TrimLeft(rest, " ")
			if len(rest) > 0 && rest[0] != '#' {
				return false
			}
			lx.block = owner
			return true
		case '"', '\'':
			j, closed := quoted(s, i)
			if !closed {
				lx.open = c
				return true
			}
			return lx.after(s, j, owner)
		case '[', '{':
			lx.open, lx.depth = '[', 0
			return lx.scan(s, i)
		case '&', '*', '!', '?', '%', '@', '`', '}', ']', ',':
			return false
		}
		// a plain scalar: up to ": " (it was a key) or " #" or the end
		j := i
		for ; j < len(s); j++ {
			if s[j] == ':' && (j+1 == len(s) || s[j+1] == ' ') {
				break
			}
			if s[j] == '#' && s[j-1] == ' ' {
				return true
			}
		}
		if j >= len(s) {
			return true
		}
		owner, i = i, j+1
	}
}

// after reads what follows a quoted scalar or flow collection closed at
// j: a comment, the end, or ":" making it a key.
func (lx *lexer) after(s []byte, j, owner int) bool {
	for j < len(s) && s[j] == ' ' {
		j++
	}
	switch {
	case j >= len(s) || s[j] == '#':
		return true
	case s[j] == ':' && (j+1 == len(s) || s[j+1] == ' '):
		return lx.value(s, j+1, owner)
	}
	return false
}

// end reads what follows a quoted scalar or flow collection that ended
// at j: only a comment or the end of the line (no ": ", a key
// spanning lines or a flow key is left to the full decode).
func (lx *lexer) end(s []byte, j int) bool {
	for j < len(s) && s[j] == ' ' {
		j++
	}
	return j >= len(s) || s[j] == '#'
}

// scan continues a quoted scalar or flow collection that is open at the
// start of s (or starts at i).
func (lx *lexer) scan(s []byte, i int) bool {
	if bytes.IndexByte(s, '\t') >= 0 {
		return false
	}
	if lx.open == '"' || lx.open == '\'' {
		j, closed := quotedFrom(s, i, lx.open)
		if !closed {
			return true
		}
		lx.open = 0
		if lx.depth > 0 {
			lx.open = '['
			return lx.scan(s, j)
		}
		return lx.end(s, j)
	}
	// inside a flow collection
	tokenStart := true
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '[' || c == '{':
			lx.depth++
			tokenStart = true
			continue
		case c == ']' || c == '}':
			lx.depth--
			if lx.depth == 0 {
				lx.open = 0
				return lx.end(s, i+1)
			}
			tokenStart = false
			continue
		case c == ',' || c == ':' || c == ' ':
			tokenStart = true
			continue
		case c == '#' && i > 0 && s[i-1] == ' ':
			return true
		case (c == '"' || c == '\'') && tokenStart:
			j, closed := quoted(s, i)
			if !closed {
				lx.open = c
				return true
			}
			i = j - 1
		case (c == '&' || c == '*' || c == '!') && tokenStart:
			return false
		}
		tokenStart = false
	}
	return true
}

// quoted finds the end of the quoted scalar starting at s[i]: the index
// after its closing quote, and whether it closes on this line.
func quoted(s []byte, i int) (int, bool) {
	return quotedFrom(s, i+1, s[i])
}

func quotedFrom(s []byte, i int, q byte) (int, bool) {
	for ; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return i + 1, true
		}
	}
	return len(s), false
}

// literal returns the text of a block "key: |" or "key: |-" whose lines
// are all indented at least as far as its first (a German text as a
// literal block scalar, the most common edit), as the YAML parser reads
// it without its final line breaks (load.textValue); ok is false for anything else: another indicator, an empty text,
// a blank line with more spaces than the indentation, a less indented
// line, a tab, and any character the loader checks or YAML counts as a
// line break (control characters, U+FFFD, U+2028, U+2029, a BOM).
func literal(block []byte, keyLen int) (string, bool) {
	nl := bytes.IndexByte(block, '\n')
	if nl < 0 {
		return "", false
	}
	head := block[keyLen+1 : nl]
	switch string(bytes.TrimRight(head, " ")) {
	case " |", " |-":
		// the same text: maki drops a text's final line breaks (load.textValue)
	default:
		return "", false
	}
	body := block[nl+1:]
	if len(body) == 0 || body[len(body)-1] != '\n' || !plainText(body) || !utf8.Valid(body) {
		return "", false
	}
	indent := -1
	var b strings.Builder
	b.Grow(len(body))
	pending := 0 // line breaks not yet written
	for len(body) > 0 {
		nl := bytes.IndexByte(body, '\n')
		line := body[:nl]
		body = body[nl+1:]
		sp := len(line) - len(bytes.TrimLeft(line, " "))
		if sp == len(line) { // blank
			if indent >= 0 && sp > indent || indent < 0 && sp > 0 {
				return "", false // spaces that may be content
			}
			pending++
			continue
		}
		if indent < 0 {
			indent = sp
			if indent == 0 {
				return "", false
			}
		}
		if sp < indent {
			return "", false
		}
		if b.Len() > 0 {
			pending++
		}
		for ; pending > 0; pending-- {
			b.WriteByte('\n')
		}
		b.Write(line[indent:])
	}
	if indent < 0 {
		return "", false
	}
	return b.String(), true
}

// plainText reports whether b holds none of the characters literal
// leaves to the parser and the loader's checks.
func plainText(b []byte) bool {
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\n':
		case c < 0x20 || c == 0x7f:
			return false
		case c == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f:
			return false
		case c == 0xe2 && i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0xa8 || b[i+2] == 0xa9):
			return false
		case c == 0xef && i+2 < len(b) && (b[i+1] == 0xbf && b[i+2] == 0xbd || b[i+1] == 0xbb && b[i+2] == 0xbf):
			return false
		}
	}
	return true
}
