package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"maki/internal/register"
)

// TestImportReport: --report writes every problem, errors and warnings,
// as CSV with file, row, column, field, severity and message, the same
// problems the command prints, and a value echoed from the input that
// starts with "=" is neutralised against formula injection.
func TestImportReport(t *testing.T) {
	e := newImportEnv(t)
	in := e.write("systeme.csv", "id,name,summary,organisation,status,start,topics,techniques,users,purpose,risk_class,personal_data,contact_email,published,updated\n"+
		"vri-test,VRI`s,Regelt die VRI`s; Wert <5.,bundesamt-fuer-beispielverwaltung,production,2024-03,buergerservice,rule_based,staff,Stra\uFFFDe.,minimal,none,\"=HYPERLINK(\"\"https://x.example/\"\")\",2025-01-01,2025-01-02\n")
	report := filepath.Join(e.dir, "probleme.csv")
	_, errOut, code := e.maki("import", in, "--report", report)
	if code != 1 {
		t.Fatalf("exit %d; want 1\n%s", code, errOut)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "\ufeff") {
		t.Errorf("report has no BOM")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "file,row,column,field,severity,message" {
		t.Errorf("header %q", got)
	}
	var lines []string
	for _, r := range recs[1:] {
		lines = append(lines, strings.Join(r, "|"))
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{
		`systeme.csv|2|10|purpose|warning|damaged character U+FFFD`,
		`systeme.csv|2|13|contact_email|error|got "=HYPERLINK`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	for _, r := range recs[1:] {
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell %q starts with a formula character", c)
			}
		}
	}
	if n, printed := len(recs)-1, strings.Count(errOut, "systeme.csv:"); n != printed {
		t.Errorf("report has %d problems, the command printed %d:\n%s", n, printed, errOut)
	}
}

// TestWriteReportNeutralises: a cell that would start with a formula
// character gets the "'" of the export in front.
func TestWriteReportNeutralises(t *testing.T) {
	name := filepath.Join(t.TempDir(), "r.csv")
	errs := register.ErrorList{{Pos: register.Pos{File: "=a.csv", Line: 2, Col: 3}, Field: "+f", Msg: "@SUM(1)"}}
	if err := writeReport(name, errs); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(name)
	want := "\ufefffile,row,column,field,severity,message\r\n'=a.csv,2,3,'+f,error,'@SUM(1)\r\n"
	if string(data) != want {
		t.Errorf("report\n%q\nwant\n%q", data, want)
	}
}
