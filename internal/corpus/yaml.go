package corpus

import (
	"strconv"
	"strings"
)

// yw writes YAML the way an editor would: plain scalars where they are
// safe, double quotes where they are not, literal blocks for Markdown.
// It exists so that the corpus does not depend on the YAML library that
// package load wraps (and so that the output is exactly what we chose).
type yw struct{ b []byte }

func (w *yw) indent(n int) {
	for ; n > 0; n-- {
		w.b = append(w.b, ' ')
	}
}

// raw writes key: val with val exactly as given (dates, numbers, enums).
func (w *yw) raw(ind int, key, val string) {
	w.indent(ind)
	w.b = append(w.b, key...)
	w.b = append(w.b, ": "...)
	w.b = append(w.b, val...)
	w.b = append(w.b, '\n')
}

// str writes key: val, quoting val when a plain scalar would be misread.
func (w *yw) str(ind int, key, val string) { w.raw(ind, key, scalar(val)) }

// key writes "key:" on a line of its own, for a nested block.
func (w *yw) key(ind int, key string) {
	w.indent(ind)
	w.b = append(w.b, key...)
	w.b = append(w.b, ":\n"...)
}

// text writes a text field: a string when there is no English, else a
// {de, en} map, in flow style when flow is set.
func (w *yw) text(ind int, key string, t pair, en, flow bool) {
	if !en || t.en == "" {
		w.str(ind, key, t.de)
		return
	}
	if flow {
		w.raw(ind, key, "{de: "+quote(t.de)+", en: "+quote(t.en)+"}")
		return
	}
	w.key(ind, key)
	w.str(ind+2, "de", t.de)
	w.str(ind+2, "en", t.en)
}

// md writes a Markdown text field as literal block(s).
func (w *yw) md(ind int, key string, t pair, en bool) {
	if !en || t.en == "" {
		w.block(ind, key, t.de)
		return
	}
	w.key(ind, key)
	w.block(ind+2, "de", t.de)
	w.block(ind+2, "en", t.en)
}

// block writes key: | and the lines of s indented below it.
func (w *yw) block(ind int, key, s string) {
	w.indent(ind)
	w.b = append(w.b, key...)
	w.b = append(w.b, ": |\n"...)
	s = strings.TrimRight(s, "\n")
	for line := range strings.SplitSeq(s, "\n") {
		if line != "" {
			w.indent(ind + 2)
			w.b = append(w.b, line...)
		}
		w.b = append(w.b, '\n')
	}
}

// flowList writes key: [a, b]; the items must be plain-safe identifiers.
func (w *yw) flowList(ind int, key string, items []string) {
	w.raw(ind, key, "["+strings.Join(items, ", ")+"]")
}

// list writes a block sequence of scalars.
func (w *yw) list(ind int, key string, items []string) {
	w.key(ind, key)
	for _, it := range items {
		w.indent(ind + 2)
		w.b = append(w.b, "- "...)
		w.b = append(w.b, scalar(it)...)
		w.b = append(w.b, '\n')
	}
}

// item starts an element of a block sequence of mappings ("  - "); the
// caller writes the first key with indent 0 and the rest at ind+2.
func (w *yw) item(ind int) {
	w.indent(ind)
	w.b = append(w.b, "- "...)
}

// scalar returns s as a plain scalar when that reads back as the same
// string, else double-quoted.
func scalar(s string) string {
	if plainSafe(s) {
		return s
	}
	return quote(s)
}

func plainSafe(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' || s[len(s)-1] == ':' {
		return false
	}
	if strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@`0123456789.+~=") {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.ContainsAny(s, "\n\t\r") {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "y", "n":
		return false
	}
	return true
}

// quote returns s as a YAML double-quoted scalar.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				b.WriteString(`\x`)
				h := strconv.FormatInt(int64(r), 16)
				if len(h) < 2 {
					b.WriteByte('0')
				}
				b.WriteString(h)
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
