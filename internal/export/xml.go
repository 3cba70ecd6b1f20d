package export

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// xmlWriter builds an XML document as text, with indentation. Names are
// written as given; text and attribute values are escaped.
type xmlWriter struct {
	b     bytes.Buffer
	depth int
}

func newXML() *xmlWriter {
	w := &xmlWriter{}
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	return w
}

// esc escapes s for XML character data; characters XML 1.0 does not allow
// (most C0 controls, U+FFFE, U+FFFF, invalid UTF-8) become U+FFFD.
func esc(s string) string { return escape(s, false) }

// escAttr escapes s for a double-quoted attribute value; line breaks and
// tabs become character references so that they survive normalisation.
func escAttr(s string) string { return escape(s, true) }

// needsEscape reports whether escape would change s.
func needsEscape(s string, attr bool) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '&' || c == '<' || c == '>' || c == '"' || c == '\r':
			return true
		case c == '\n' || c == '\t':
			if attr {
				return true
			}
		case c < 0x20:
			return true
		case c >= 0x80:
			ascii = false
		}
	}
	if ascii {
		return false
	}
	return !utf8.ValidString(s) || strings.Contains(s, "\uFFFE") || strings.Contains(s, "\uFFFF")
}

func escape(s string, attr bool) string {
	if !needsEscape(s, attr) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune('\uFFFD')
			i++
			continue
		}
		i += size
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\r':
			b.WriteString("&#xD;")
		case r == '\n' && attr:
			b.WriteString("&#xA;")
		case r == '\t' && attr:
			b.WriteString("&#x9;")
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// attrs writes name/value pairs; an empty value drops the pair.
func (w *xmlWriter) attrs(kv []string) {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		w.b.WriteByte(' ')
		w.b.WriteString(kv[i])
		w.b.WriteString(`="`)
		w.b.WriteString(escAttr(kv[i+1]))
		w.b.WriteByte('"')
	}
}

// start writes the indentation and "<name attrs".
func (w *xmlWriter) start(name string, kv []string) {
	w.indent()
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.attrs(kv)
}

const spaces = "                                                                "

func (w *xmlWriter) indent() {
	n := 2 * w.depth
	for n > len(spaces) {
		w.b.WriteString(spaces)
		n -= len(spaces)
	}
	w.b.WriteString(spaces[:n])
}

// open writes <name attrs> and indents what follows.
func (w *xmlWriter) open(name string, kv ...string) {
	w.start(name, kv)
	w.b.WriteString(">\n")
	w.depth++
}

// close writes </name>.
func (w *xmlWriter) close(name string) {
	w.depth--
	w.indent()
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteString(">\n")
}

// elem writes <name attrs>text</name>.
func (w *xmlWriter) elem(name, text string, kv ...string) {
	w.start(name, kv)
	w.b.WriteByte('>')
	w.b.WriteString(esc(text))
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteString(">\n")
}

// empty writes <name attrs/>.
func (w *xmlWriter) empty(name string, kv ...string) {
	w.start(name, kv)
	w.b.WriteString("/>\n")
}

// raw writes s on its own line.
func (w *xmlWriter) raw(s string) {
	w.indent()
	w.b.WriteString(s + "\n")
}

func (w *xmlWriter) bytes() []byte { return w.b.Bytes() }
