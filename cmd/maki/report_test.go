package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"maki/internal/register"
)

// TestListProblems: every problem is listed unless a limit is given; the
// line after a cut counts the errors and warnings left out apart.
func TestListProblems(t *testing.T) {
	var errs register.ErrorList
	for i := range 60 {
		errs.Add(register.Pos{File: "a.yaml", Line: i + 1, Col: 1}, "status", "enum", "bad %d", i)
	}
	for i := range 3 {
		errs.Warn(register.Pos{File: "b.yaml", Line: i + 1, Col: 1}, "start", "gap", "missing %d", i)
	}
	tests := []struct {
		limit     int
		lines     int
		lastLine  string
		wantCount string
	}{
		{0, 63, `b.yaml:3:1: warning: field "start": missing 2`, "60 errors, 3 warnings"},
		{61, 62, "(and 2 more: 0 errors, 2 warnings; --max 0 lists every problem)", ""},
		{10, 11, "(and 53 more: 50 errors, 3 warnings; --max 0 lists every problem)", ""},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		listProblems(&b, errs, tt.limit)
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if len(lines) != tt.lines || lines[len(lines)-1] != tt.lastLine {
			t.Errorf("listProblems(limit %d): %d lines ending %q; want %d ending %q", tt.limit, len(lines), lines[len(lines)-1], tt.lines, tt.lastLine)
		}
	}
	if got := counts(errs); got != "60 errors, 3 warnings" {
		t.Errorf("counts = %q; want %q", got, "60 errors, 3 warnings")
	}
	if got := counts(errs[:1]); got != "1 error, 0 warnings" {
		t.Errorf("counts = %q; want %q", got, "1 error, 0 warnings")
	}
}

// TestCheckListsEveryProblem: maki check prints every problem (not the
// first 50), and its count on stderr agrees with the lines.
func TestCheckListsEveryProblem(t *testing.T) {
	dir := newProject(t)
	sys := filepath.Join(dir, "content", "systeme")
	b, err := os.ReadFile(filepath.Join(sys, "bafoeg-chatbot.yaml"))
	if err != nil {
		t.Skip("example system bafoeg-chatbot.yaml not found")
	}
	bad := bytes.Replace(b, []byte("status: planned"), []byte("status: kaputt"), 1)
	if bytes.Equal(bad, b) {
		t.Skip("example system has no status: planned")
	}
	for i := range 70 {
		if err := os.WriteFile(filepath.Join(sys, fmt.Sprintf("kaputt-%03d.yaml", i)), bad, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := maki("check")
	n := strings.Count(stdout, `field "status": unknown value "kaputt"`)
	if code != 1 || n != 70 || strings.Contains(stdout, "(and ") {
		t.Errorf("maki check: exit %d, %d status errors listed; want exit 1 and all 70", code, n)
	}
	lines := strings.Count(stdout, "\n")
	// The example content may hold warnings (the DGS page without its video).
	warns, noun := strings.Count(stdout, ": warning: "), "warnings"
	if warns == 1 {
		noun = "warning"
	}
	if want := fmt.Sprintf("%d errors, %d %s\n", lines-warns, warns, noun); stderr != want {
		t.Errorf("maki check: stderr %q; want %q (the count of the %d lines)", stderr, want, lines)
	}
	code, stdout, _ = maki("check", "--max", "5")
	if code != 1 || strings.Count(stdout, "\n") != 6 || !strings.Contains(stdout, "(and ") {
		t.Errorf("maki check --max 5: exit %d, output %q; want 5 problems and a line counting the rest", code, stdout)
	}
}
