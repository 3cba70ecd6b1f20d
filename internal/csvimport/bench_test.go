package csvimport_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"maki/internal/build"
	"maki/internal/corpus"
	"maki/internal/csvimport"
	"maki/internal/export"
	"maki/internal/load"
)

// withoutSystems returns fsys without its systeme/ folder.
func withoutSystems(fsys fstest.MapFS) fstest.MapFS {
	rest := fstest.MapFS{}
	for p, f := range fsys {
		if !strings.HasPrefix(p, "systeme/") {
			rest[p] = f
		}
	}
	return rest
}

// exportRows returns a synthetic content tree of n systems exported as
// daten/register.csv (every field, long Markdown texts), and the same tree
// without its systems to import them into.
func exportRows(b *testing.B, n int) ([]byte, fstest.MapFS) {
	full := corpus.FS(n, 1)
	r, _ := load.Register(full, "content")
	data, err := export.RegisterCSV(r, export.Config{BaseURL: "https://register.example.org/", Now: now})
	if err != nil {
		b.Fatal(err)
	}
	return data, withoutSystems(full)
}

// shortRows returns n rows of the required fields only, as a spreadsheet
// of new systems holds them, and a content tree with organisations and
// topics to import them into.
func shortRows(n int) ([]byte, fstest.MapFS) {
	content := withoutSystems(corpus.FS(0, 1))
	var b strings.Builder
	b.WriteString(header)
	for i := range n {
		fmt.Fprintf(&b, "system-%06d,System %d,System %d,Ein System zum Testen.,bmi,production,2024-03,buergerservice,nlp;generative_ai,public,Zweck des Systems.,minimal,none,ki@a.example.de,2025-01-01,2025-01-02\n", i, i, i)
	}
	return []byte(b.String()), content
}

// BenchmarkImportDryRun is "maki import file.csv --dry-run" of n new
// systems, checked as "maki check" checks (build.CheckFS): short rows
// (the required fields) and rows of daten/register.csv (every field). The
// time per row must not grow with n.
func BenchmarkImportDryRun(b *testing.B) {
	for _, rows := range []string{"short", "export"} {
		for _, n := range []int{1000, corpus.BenchSize(10000)} {
			b.Run(fmt.Sprintf("rows=%s/n=%d", rows, n), func(b *testing.B) {
				var data []byte
				var content fstest.MapFS
				if rows == "short" {
					data, content = shortRows(n)
				} else {
					data, content = exportRows(b, n)
				}
				b.ResetTimer()
				for range b.N {
					plan, err := csvimport.Prepare(csvimport.Config{
						File: "register.csv", Data: data, Content: content, Root: "content", Now: now, Check: build.CheckFS,
					})
					if err != nil {
						b.Fatal(err)
					}
					if plan.Rows != n {
						b.Fatalf("%d rows; want %d", plan.Rows, n)
					}
					if rows == "short" && (len(plan.Errors) > 0 || len(plan.Files) != n) {
						b.Fatalf("%d files, errors:\n%s", len(plan.Files), lines(plan.Errors))
					}
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/row")
			})
		}
	}
}
