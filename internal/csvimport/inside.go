package csvimport

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"maki/internal/register"
)

// inside places a problem that the check found at a character inside a
// string value (a Markdown link, a control character, the plain-text
// rule) at that character of the JSON string it came from, through the
// escapes of both the row's YAML and the JSON. It reports false when it
// cannot: the input is CSV (a cell keeps its column), the problem is at
// the start of a value, or the value is a block over several lines.
func (row *Row) inside(e *register.Error, m *register.Meta, yaml []byte) (register.Pos, bool) {
	if row.pos == nil || m == nil || yaml == nil || e.Pos.Line < 1 {
		return register.Pos{}, false
	}
	for _, pos := range m.ValuePositions() {
		if pos == e.Pos {
			return register.Pos{}, false // at a value: posOf knows it
		}
	}
	for _, pos := range m.KeyPositions() {
		if pos == e.Pos {
			return register.Pos{}, false
		}
	}
	best, bp := "", register.Pos{}
	for p, pos := range m.ValuePositions() {
		if pos.Line == e.Pos.Line && pos.Col < e.Pos.Col && (pos.Col > bp.Col || pos.Col == bp.Col && len(p) > len(best)) {
			best, bp = p, pos
		}
	}
	if best == "" || best != e.Field && !strings.HasPrefix(best, e.Field+".") {
		return register.Pos{}, false // not inside the problem's own field
	}
	path := best
	jpos, ok := row.pos[path]
	for !ok {
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return register.Pos{}, false
		}
		path = path[:i]
		jpos, ok = row.pos[path]
	}
	lines := bytes.SplitN(yaml, []byte("\n"), e.Pos.Line+1)
	if len(lines) < e.Pos.Line {
		return register.Pos{}, false
	}
	rs := []rune(string(lines[e.Pos.Line-1]))
	if e.Pos.Col-1 > len(rs) || bp.Col < 1 {
		return register.Pos{}, false
	}
	n := yamlRunes(rs[bp.Col-1 : e.Pos.Col-1])
	raw, hasRaw := row.raw[path]
	if !hasRaw {
		return register.Pos{File: jpos.File, Line: jpos.Line, Col: jpos.Col + 1 + n}, true
	}
	return register.Pos{File: jpos.File, Line: jpos.Line, Col: jpos.Col + jsonCols(raw, n)}, true
}

// yamlRunes counts the characters the start of a YAML flow scalar writes:
// a double-quoted scalar's escapes write one each, a single-quoted
// scalar's "”" one, a plain scalar is as written.
func yamlRunes(val []rune) int {
	if len(val) == 0 {
		return 0
	}
	n := 0
	switch val[0] {
	case '"':
		for i := 1; i < len(val); i++ {
			if val[i] == '\\' && i+1 < len(val) {
				switch val[i+1] {
				case 'x':
					i += 3
				case 'u':
					i += 5
				case 'U':
					i += 9
				default:
					i++
				}
			}
			n++
		}
		return n
	case '\'':
		for i := 1; i < len(val); i++ {
			if val[i] == '\'' && i+1 < len(val) && val[i+1] == '\'' {
				i++
			}
			n++
		}
		return n
	}
	return len(val)
}

// jsonCols returns how many columns of the JSON string token raw (quotes
// included) come before its n-th character (from 0): the quote and the
// characters or escapes before it.
func jsonCols(raw string, n int) int {
	col, i := 1, 1 // after the opening quote
	for produced := 0; produced < n && i < len(raw)-1; produced++ {
		if raw[i] == '\\' && i+1 < len(raw) {
			w := 2
			if raw[i+1] == 'u' {
				w = 6
				// a surrogate pair writes one character
				if i+12 <= len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' && (raw[i+2] == 'd' || raw[i+2] == 'D') && strings.ContainsRune("89abAB", rune(raw[i+3])) {
					w = 12
				}
			}
			i += w
			col += w
			continue
		}
		_, w := utf8.DecodeRuneInString(raw[i:])
		i += w
		col++
	}
	return col
}
