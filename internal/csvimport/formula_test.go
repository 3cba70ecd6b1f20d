package csvimport_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"maki/internal/csvimport"
	"maki/internal/export"
	"maki/internal/load"
)

// hostileYAML is a system whose values a spreadsheet would run as formulas
// (texts, a list, record fields, a plain string), or that look like values
// the export has neutralised already.
const hostileYAML = `name:
  de: "=HYPERLINK(\"http://x\")"
  en: "@SUM(1)"
summary:
  de: "+1"
  en: "-x"
description:
  de: "'quoted"
  en: "''double"
organisation: ORG
status: production
start: "2023-01"
topics: [TOPIC]
techniques: [optimisation]
users: staff
purpose:
  de: "\t=1+1\nzweite Zeile"
  en: "\r=1+1\nsecond line"
risk_class: minimal
personal_data: none
development: product
vendor: "- Stichpunkt"
hosting: saas
reuse: none
cooperation:
  de: "'=schon zitiert"
  en: "'-"
models:
  - name: "+M"
    provider: "''p"
    version: "-1"
contact_email: ki@example.org
published: "2023-03-01"
updated: "2025-03-18"
tags: ["-x", "=1", "'=q", "@a", "'s-Hertogenbosch"]
`

// TestRoundTripFormulas exports the example content plus a system full of
// formula-like values to CSV and imports it back: every cell that starts
// with a formula character is neutralised in register.csv, and the import
// gives identical entries.
func TestRoundTripFormulas(t *testing.T) {
	dir := copyContent(t, "../../content", true)
	org := firstID(t, filepath.Join(dir, "organisationen"))
	topic := "umwelt-klima"
	y := strings.NewReplacer("ORG", org, "TOPIC", topic).Replace(hostileYAML)
	if err := os.WriteFile(filepath.Join(dir, "systeme", "formeln.yaml"), []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	orig, _ := load.Register(os.DirFS(dir), "content")
	b, err := export.RegisterCSV(orig, export.Config{BaseURL: "https://register.example.org/", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range rows {
		for j, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("register.csv: %s of %s = %q; want no cell to start with a formula character", rows[0][j], row[0], cell)
			}
			if cell == `'=HYPERLINK("http://x")` {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("register.csv lacks the neutralised cell '=HYPERLINK(\"http://x\")")
	}
	roundTrip(t, dir)
}

func firstID(t *testing.T, dir string) string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil || len(es) == 0 {
		t.Skipf("no organisations in %s: %v", dir, err)
	}
	return strings.TrimSuffix(es[0].Name(), filepath.Ext(es[0].Name()))
}

// TestImportForeignQuotes imports a CSV written by a person or another
// program, without the export's neutralisation: a "'" is taken off only
// before a formula character or another "'", as a spreadsheet user types
// it to keep "=1" as text; other leading quotes stay.
func TestImportForeignQuotes(t *testing.T) {
	dir := base(t)
	data := header +
		"apos-a,'s-Hertogenbosch,'=1+1,'- Stichpunkt,stadt-a,production,2024-03,buergerservice,nlp,public,''Zweck,minimal,none,ki@a.example.de,2025-01-01,2025-01-02\n"
	plan, err := csvimport.Prepare(csvimport.Config{File: "neu.csv", Data: []byte(data), Content: os.DirFS(dir), Root: "content", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if errs := plan.Errors.Errors(); len(errs) > 0 || len(plan.Files) != 1 {
		t.Fatalf("files %d, errors:\n%s", len(plan.Files), lines(errs))
	}
	got := string(plan.Files[0].Data)
	for _, want := range []string{
		"name:\n  de: \"'s-Hertogenbosch\"\n  en: =1+1\n",
		"summary:\n  de: '- Stichpunkt'\n",
		"purpose:\n  de: \"'Zweck\"\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("apos-a.yaml lacks %q:\n%s", want, got)
		}
	}
}
