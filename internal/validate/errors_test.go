package validate_test

import (
	"strings"
	"testing"

	"maki/internal/register"
)

// The error types live in register; they are tested here, where the rules
// that produce them are.

func TestPosString(t *testing.T) {
	for _, tt := range []struct {
		pos  register.Pos
		want string
	}{
		{register.Pos{}, "-"},
		{register.Pos{File: "content/site.yaml"}, "content/site.yaml"},
		{register.Pos{File: "content/site.yaml", Line: 3}, "content/site.yaml:3"},
		{register.Pos{File: "content/site.yaml", Line: 3, Col: 9}, "content/site.yaml:3:9"},
		{register.Pos{Line: 3, Col: 9}, ":3:9"},
	} {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q; want %q", tt.pos, got, tt.want)
		}
	}
}

func TestErrorString(t *testing.T) {
	var l register.ErrorList
	l.Add(register.Pos{File: "f.yaml", Line: 2, Col: 9}, "status", "enum", "unknown value %q; want one of %s", "prod", `"planned"`)
	l.Warn(register.Pos{File: "f.yaml", Line: 5, Col: 14}, "next_review", "review-due", "review was due")
	l.Add(register.Pos{File: "f.yaml"}, "", "id", "bad id")
	want := []string{
		`f.yaml:2:9: field "status": unknown value "prod"; want one of "planned"`,
		`f.yaml:5:14: warning: field "next_review": review was due`,
		`f.yaml: bad id`,
	}
	for i, e := range l {
		if e.Error() != want[i] {
			t.Errorf("Error() = %q; want %q", e.Error(), want[i])
		}
	}
	if got := len(l.Errors()); got != 2 {
		t.Errorf("Errors() has %d; want 2", got)
	}
	if got := len(l.Warnings()); got != 1 {
		t.Errorf("Warnings() has %d; want 1", got)
	}
	if got := l.Error(); got != want[0]+" (and 2 more errors)" {
		t.Errorf("ErrorList.Error() = %q", got)
	}
}

func TestErrorListSort(t *testing.T) {
	pos := func(file string, line, col int) register.Pos { return register.Pos{File: file, Line: line, Col: col} }
	var l register.ErrorList
	l.Add(pos("b.yaml", 1, 1), "x", "r", "b")
	l.Add(pos("a.yaml", 10, 1), "x", "r", "ten")
	l.Add(pos("a.yaml", 2, 5), "y", "r", "second")
	l.Add(pos("a.yaml", 2, 5), "y", "r", "first")
	l.Add(pos("a.yaml", 2, 5), "y", "r", "first") // exact duplicate: dropped
	l.Add(pos("a.yaml", 2, 3), "z", "r", "col 3")
	l.Warn(pos("a.yaml", 2, 3), "z", "r", "col 3") // same text as a warning: kept
	l.Add(pos("a.yaml", 0, 0), "", "r", "whole file")
	l.Sort()
	var got []string
	for _, e := range l {
		got = append(got, e.Error())
	}
	want := []string{
		`a.yaml: whole file`,
		`a.yaml:2:3: field "z": col 3`,
		`a.yaml:2:3: warning: field "z": col 3`,
		`a.yaml:2:5: field "y": first`,
		`a.yaml:2:5: field "y": second`,
		`a.yaml:10:1: field "x": ten`,
		`b.yaml:1:1: field "x": b`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sorted:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var empty register.ErrorList
	empty.Sort()
	if empty.Err() != nil {
		t.Error("empty list: Err() != nil")
	}
	var warnOnly register.ErrorList
	warnOnly.Warn(pos("a", 1, 1), "", "r", "w")
	if warnOnly.Err() != nil {
		t.Error("warnings only: Err() != nil")
	}
}
