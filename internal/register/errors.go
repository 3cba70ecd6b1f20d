package register

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a content file. File is slash-separated and relative
// to the project root (for example "content/systeme/foo.yaml"); Line and Col
// count from 1. A zero Line means the position names the whole file.
type Pos struct {
	File      string
	Line, Col int
}

// String returns "file:line:col", "file:line" or "file", like go/token.Position.
func (p Pos) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return "-"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
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

// Error returns `pos: [warning: ]field "f": msg`.
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

// Message returns the error without its position: `field "f": msg`.
func (e *Error) Message() string {
	if e.Field == "" {
		return e.Msg
	}
	return fmt.Sprintf("field %q: %s", e.Field, e.Msg)
}

// ErrorList is a list of content errors and warnings.
type ErrorList []*Error

// Add appends an error at pos.
func (l *ErrorList) Add(pos Pos, field, rule, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Field: field, Rule: rule, Msg: fmt.Sprintf(format, args...)})
}

// Warn appends a warning at pos.
func (l *ErrorList) Warn(pos Pos, field, rule, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Field: field, Rule: rule, Msg: fmt.Sprintf(format, args...), Severity: SevWarning})
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
