package register

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a content file. File is slash-separated and relative
// to the project root (for example "content/systeme/foo.yaml"); Line and Col
// count from 1. A zero Line means the position names the whole file.
type Pos struct {
	File      string
	Line, Col int
}

// String returns "file:line:col", "file:line" or "file", like go/token.Position.
// Control characters in the file name are escaped (see Printable).
func (p Pos) String() string {
	file := Printable(p.File)
	switch {
	case p.File == "" && p.Line == 0:
		return "-"
	case p.Line == 0:
		return file
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// Severity tells errors, which fail a check or build, from warnings, which do not.
type Severity int

const (
	SevError Severity = iota
	SevWarning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == SevWarning {
		return "warning"
	}
	return "error"
}

// Error is one problem in the content, at a position. Field is the dotted
// path of the offending key ("status", "assessments.0.type") or empty when
// the problem is not about one field. Msg says what is wrong, the value
// got and what is wanted; it does not repeat the position or the field.
type Error struct {
	Pos      Pos
	Field    string
	Msg      string
	Severity Severity
	// Rule is a short stable identifier of the check ("enum", "required",
	// "unknown-key", ...), used by machine-readable report formats.
	Rule string
}

// Error returns `pos: [warning: ]field "f": msg`, one line: control
// characters in the file name and the message are escaped (see Printable).
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	if e.Severity == SevWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Message())
	return b.String()
}

// Message returns the error without its position: `field "f": msg`, with
// control characters escaped (see Printable).
func (e *Error) Message() string {
	if e.Field == "" {
		return Printable(e.Msg)
	}
	return fmt.Sprintf("field %q: %s", Excerpt(e.Field), Printable(e.Msg))
}

// ErrorList is a list of content errors and warnings.
type ErrorList []*Error

// Add appends an error at pos. Its message is made by fmt.Sprintf(format,
// args...) with every value shortened to an excerpt (see message).
func (l *ErrorList) Add(pos Pos, field, rule, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Field: field, Rule: rule, Msg: message(format, args)})
}

// Warn appends a warning at pos, with its message made as for Add.
func (l *ErrorList) Warn(pos Pos, field, rule, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Field: field, Rule: rule, Msg: message(format, args), Severity: SevWarning})
}

// MaxExcerpt is how many characters of a value a message echoes: longer
// values are cut to their first MaxExcerpt characters and "…".
const MaxExcerpt = 120

// maxMessage is the most characters a message keeps in any case, so that
// a value echoed without quotes cannot make it long either; it is far above
// the longest message maki writes (the list of known fields).
const maxMessage = 2000

// message formats an error message so that no value in it is longer than
// an excerpt. Values are echoed quoted (%q, STYLE §3): string arguments of
// a %q verb longer than MaxExcerpt characters are cut before formatting,
// and every quoted string in the result that is still too long (a message
// made elsewhere and passed through with "%s") is cut after. Other
// arguments are parts of the message (what is wanted) and stay whole;
// whatever the message holds, it is cut at maxMessage characters.
func message(format string, args []any) string {
	copied := false
	for i, verb := range verbs(format) {
		if verb != 'q' || i >= len(args) {
			continue
		}
		var v string
		switch a := args[i].(type) {
		case string:
			v = a
		case []byte:
			v = string(a)
		default:
			continue
		}
		if len(v) <= MaxExcerpt {
			continue
		}
		if !copied { // the caller's slice stays as it was
			args, copied = append([]any(nil), args...), true
		}
		args[i] = Excerpt(v)
	}
	return cut(shortenQuoted(fmt.Sprintf(format, args...)), maxMessage)
}

// verbs returns the verb of each argument of format in order ('%%' takes
// none), or nil when format numbers its arguments explicitly or takes
// width or precision from an argument.
func verbs(format string) []byte {
	var vs []byte
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i == len(format) {
			break
		}
		switch format[i] {
		case '%':
			continue
		case '[', '*':
			return nil
		}
		vs = append(vs, format[i])
	}
	return vs
}

// Excerpt returns s if it has at most MaxExcerpt characters, else its first
// MaxExcerpt characters and "…". Bytes that are not UTF-8 count as one
// character each.
func Excerpt(s string) string { return cut(s, MaxExcerpt) }

// cut returns s if it has at most limit characters, else its first limit
// characters and "…".
func cut(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	i, count := 0, 0
	for i < len(s) && count < limit {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	if i == len(s) {
		return s
	}
	return s[:i] + "…"
}

// shortenQuoted replaces every Go-quoted string in msg whose value is
// longer than MaxExcerpt characters with the quoted excerpt of the value.
func shortenQuoted(msg string) string {
	if len(msg) <= MaxExcerpt+2 || !strings.Contains(msg, `"`) {
		return msg
	}
	var b strings.Builder
	rest := msg
	for {
		i := strings.IndexByte(rest, '"')
		if i < 0 {
			break
		}
		b.WriteString(rest[:i])
		rest = rest[i:]
		q, err := strconv.QuotedPrefix(rest)
		if err != nil {
			b.WriteByte('"')
			rest = rest[1:]
			continue
		}
		if v, err := strconv.Unquote(q); err == nil && utf8.RuneCountInString(v) > MaxExcerpt {
			b.WriteString(strconv.Quote(Excerpt(v)))
		} else {
			b.WriteString(q)
		}
		rest = rest[len(q):]
	}
	b.WriteString(rest)
	return b.String()
}

// Printable returns s with the characters that could forge or hide part of
// a report escaped as Go escapes them in strings (\n, \x1b, \u202e): C0
// controls, DEL and C1 controls, the line and paragraph separators
// U+2028 and U+2029, the bidirectional formatting characters (U+061C,
// U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) and bytes that are
// not UTF-8. A name or message printed through Printable is one line and
// reads as it is stored.
func Printable(s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unprintable(r, size) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case !unprintable(r, size):
			b.WriteString(s[i : i+size])
		case r == utf8.RuneError:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
	}
	return b.String()
}

// unprintable reports whether the rune r, size bytes long in its string,
// is one Printable escapes.
func unprintable(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return true
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x2028, r == 0x2029, r == 0x061c, r == 0x200e, r == 0x200f,
		r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// Sort sorts the list by file, line, column, then message, and removes
// exact duplicates.
func (l *ErrorList) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Error() < b.Error()
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 && e.Error() == s[i-1].Error() {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Errors returns only the entries of severity error.
func (l ErrorList) Errors() ErrorList {
	var out ErrorList
	for _, e := range l {
		if e.Severity == SevError {
			out = append(out, e)
		}
	}
	return out
}

// Warnings returns only the entries of severity warning.
func (l ErrorList) Warnings() ErrorList {
	var out ErrorList
	for _, e := range l {
		if e.Severity == SevWarning {
			out = append(out, e)
		}
	}
	return out
}

// Error implements the error interface: the first error and how many more.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Err returns l as an error if it holds at least one error of severity
// error, or nil. Warnings alone do not make an error.
func (l ErrorList) Err() error {
	if errs := l.Errors(); len(errs) > 0 {
		return errs
	}
	return nil
}
