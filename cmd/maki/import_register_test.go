package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestImportAlgoritmeregister imports real rows of the Dutch
// Algoritmeregister (internal/csvimport/testdata/algoritmeregister, see
// its README) with the shipped mapping into a copy of the example content:
// the organisations first, then the systems with --map --partial
// --report. It asserts that
//   - every value the mapping sets is a "not stated" value or the day of
//     the export, and each is a warning in the report at its row;
//   - every cut is a warning in the report;
//   - the rows the source leaves incomplete are reported, not filled;
//   - every file written is in the web editor's style (editorStyle);
//   - "maki check" passes without errors afterwards, and the built fact
//     sheet of an imported system says "keine Angabe" where the source
//     said nothing.
func TestImportAlgoritmeregister(t *testing.T) {
	const dir = "../../internal/csvimport/testdata/algoritmeregister/"
	e := newImportEnv(t)
	orgsOut, errOut, code := e.maki("import", dir+"organisationen.csv", "--kind", "organisation")
	if code != 0 {
		t.Fatalf("import organisations: exit %d\n%s", code, errOut)
	}
	report := filepath.Join(e.dir, "probleme.csv")
	sysOut, errOut, code := e.maki("import", dir+"algoritmes.json", "--map", dir+"map.yaml", "--partial", "--report", report)
	if code != 1 {
		t.Fatalf("import: exit %d; want 1 (rows the source leaves incomplete)\n%s", code, errOut)
	}
	summary := regexp.MustCompile(`maki import: (\d+) errors, (\d+) warnings; errors in (\d+) of 42 rows; wrote (\d+) systems`).FindStringSubmatch(errOut)
	if summary == nil {
		t.Fatalf("no summary line:\n%s", errOut)
	}
	if summary[4] == "0" {
		t.Errorf("no system written")
	}

	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{`"unknown"`: true, `"unassessed"`: true, `"2022-12-08"`: true}
	var defaults, cuts, required int
	for _, r := range recs[1:] {
		field, sev, msg := r[3], r[4], r[5]
		switch {
		case strings.HasPrefix(msg, "not in the source; set to "):
			defaults++
			v := strings.TrimPrefix(msg, "not in the source; set to ")
			v = v[:strings.Index(v, " (")]
			if !allowed[v] {
				t.Errorf("row %s: the mapping set %s to %s, which is not a \"not stated\" value", r[1], field, v)
			}
			if sev != "warning" {
				t.Errorf("default is a %s; want a warning", sev)
			}
		case strings.Contains(msg, "cut to") && strings.Contains(msg, "at a sentence end"):
			cuts++
		case strings.HasSuffix(msg, "required") || strings.Contains(msg, "required,"):
			required++
		}
	}
	if defaults == 0 || cuts == 0 || required == 0 {
		t.Errorf("report: %d defaults, %d cuts, %d required; want some of each", defaults, cuts, required)
	}
	if n := strings.Count(errOut, "algoritmes.json:"); n != len(recs)-1 {
		t.Errorf("printed %d problems, report holds %d", n, len(recs)-1)
	}

	editorStyle(t, e, orgsOut+sysOut)

	if _, errOut, code := e.maki("check"); code != 0 {
		t.Fatalf("check after the import: exit %d\n%s", code, errOut)
	}
	out := filepath.Join(e.dir, "public")
	if _, errOut, code := runMaki(t, "build", "--quiet", "--content", filepath.Join(e.dir, "content"), "--theme", "../../themes/default", "--out", out); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	page, err := os.ReadFile(filepath.Join(out, "systeme", "ministerie-bzk-permanente-monitor-dubbelinschrijvingen-pmd", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dt := range []string{"Personenbezogene Daten", "Nutzerinnen und Nutzer"} {
		if !regexp.MustCompile(regexp.QuoteMeta(dt) + `</dt>\s*<dd[^>]*>\s*keine Angabe`).Match(page) {
			t.Errorf("fact sheet: %q is not \"keine Angabe\"", dt)
		}
	}
}
