package load

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"maki/internal/register"
)

// Control characters are C0 (U+0000–U+001F) other than TAB and LF, DEL
// (U+007F) and C1 (U+0080–U+009F). None belongs in a text: ESC starts a
// terminal escape sequence, NUL and U+0001 reach the HTML as they are, NEL
// is a line break to YAML but not to Markdown. A file may hold none as
// raw bytes (normalise: at the character, the file is not read further),
// and a YAML double-quoted scalar may write none as an escape ("\e",
// "\x01", "\u0085"; inspect: at the backslash, naming the field). TAB is
// allowed in every text, single-line fields too: HTML shows it as a space.
// A CR left after CRLF became LF is a lone CR and so an error too.

// isControl reports whether r is a control character that no text may hold.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f
}

// firstControl returns the byte index and the rune of the first control
// character in s, or -1. s is UTF-8, where U+0080–U+009F are C2 80–C2 9F.
func firstControl[T string | []byte](s T) (int, rune) {
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b < 0x20 && b != '\t' && b != '\n', b == 0x7f:
			return i, rune(b)
		case b == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f:
			return i, rune(s[i+1])
		}
	}
	return -1, 0
}

// rawControl reports the first control character in a file's text at its
// line and column; it reports whether there was none.
func rawControl(file string, data []byte, errs *register.ErrorList) bool {
	i, r := firstControl(data)
	if i < 0 {
		return true
	}
	lineStart := bytes.LastIndexByte(data[:i], '\n') + 1
	pos := register.Pos{File: file, Line: bytes.Count(data[:i], []byte("\n")) + 1, Col: utf8.RuneCount(data[lineStart:i]) + 1}
	errs.Add(pos, "", "control-character", "control character U+%04X; want printable text", r)
	return false
}

// control reports the first control character in the scalar n: at the
// escape that wrote it when n is double-quoted, else at the value.
func (in *inspector) control(n *yaml.Node, path string) {
	i, r := firstControl(n.Value)
	if i < 0 {
		return
	}
	if pos, esc, ok := in.escape(n, r); ok {
		in.errs.Add(pos, path, "control-character", "control character U+%04X (written \"%s\"); want printable text", r, esc)
		return
	}
	in.errs.Add(in.pos(n), path, "control-character", "control character U+%04X at character %d of the value; want printable text", r, utf8.RuneCountInString(n.Value[:i])+1)
}

// escape finds the first escape in the double-quoted scalar n that writes
// a control character; it must write want. It returns the escape's
// position and text.
func (in *inspector) escape(n *yaml.Node, want rune) (register.Pos, string, bool) {
	if n.Style&yaml.DoubleQuotedStyle == 0 {
		return register.Pos{}, "", false
	}
	line, col := n.Line-in.lineOffset, n.Column
	off, ok := in.loc.offset(line, col)
	if !ok {
		return register.Pos{}, "", false
	}
	d := in.data
	opened := false
	for off < len(d) {
		r, w := utf8.DecodeRune(d[off:])
		switch {
		case r == '\n':
			line, col, off = line+1, 1, off+1
			continue
		case !opened: // before the opening quote: an anchor or a tag
			opened = r == '"'
		case r == '"':
			return register.Pos{}, "", false
		case r == '\\' && off+1 < len(d):
			size, v := escapeValue(d[off:])
			if size == 0 {
				return register.Pos{}, "", false
			}
			if v >= 0 && isControl(v) {
				if v != want {
					return register.Pos{}, "", false
				}
				return register.Pos{File: in.file, Line: line + in.lineOffset, Col: col}, string(d[off : off+size]), true
			}
			if d[off+1] == '\n' { // an escaped line break
				line, col, off = line+1, 1, off+2
				continue
			}
			col, off = col+size, off+size
			continue
		}
		col, off = col+1, off+w
	}
	return register.Pos{}, "", false
}

// escapeValue reads the escape at the start of s (a backslash): its length
// in bytes (0 when malformed) and the rune it writes, or -1 for escapes
// that write no single control character of interest.
func escapeValue(s []byte) (int, rune) {
	digits := 0
	switch s[1] {
	case '0':
		return 2, 0
	case 'a':
		return 2, 0x07
	case 'b':
		return 2, 0x08
	case 'v':
		return 2, 0x0b
	case 'f':
		return 2, 0x0c
	case 'r':
		return 2, 0x0d
	case 'e':
		return 2, 0x1b
	case 'N':
		return 2, 0x85
	case 'x':
		digits = 2
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	default:
		if s[1] >= utf8.RuneSelf {
			return 0, -1
		}
		return 2, -1
	}
	if len(s) < 2+digits {
		return 0, -1
	}
	v, err := strconv.ParseUint(string(s[2:2+digits]), 16, 32)
	if err != nil {
		return 0, -1
	}
	return 2 + digits, rune(v)
}

// locator finds the byte offset of a line and column (in characters, as
// yaml.v3 counts them) in a text. It starts from the last position found
// when asked for a later one, so asking in document order is linear.
type locator struct {
	data           []byte
	off, line, col int
}

func (l *locator) offset(line, col int) (int, bool) {
	if l.line == 0 || line < l.line || line == l.line && col < l.col {
		l.off, l.line, l.col = 0, 1, 1
	}
	for l.line < line {
		nl := bytes.IndexByte(l.data[l.off:], '\n')
		if nl < 0 {
			return 0, false
		}
		l.off, l.line, l.col = l.off+nl+1, l.line+1, 1
	}
	for l.col < col {
		if l.off >= len(l.data) {
			return 0, false
		}
		r, w := utf8.DecodeRune(l.data[l.off:])
		if r == '\n' {
			return 0, false
		}
		l.off, l.col = l.off+w, l.col+1
	}
	return l.off, true
}
