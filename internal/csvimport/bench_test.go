package csvimport_test

import (
	"encoding/json"
	"fmt"
	"os"
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
		for _, n := range []int{1000, 1500, corpus.BenchSize(10000)} {
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

// BenchmarkImportMapped is "maki import algoritmes.json --map map.yaml
// --partial --dry-run" of the real rows of testdata/algoritmeregister,
// repeated to n rows (names numbered, so the ids differ), into the
// example content with the organisations they name: the register scale
// of issue 12 (1,530 entries).
func BenchmarkImportMapped(b *testing.B) {
	rows, err := os.ReadFile("testdata/algoritmeregister/algoritmes.json")
	if err != nil {
		b.Fatal(err)
	}
	var list []map[string]any
	if err := json.Unmarshal(rows, &list); err != nil {
		b.Fatal(err)
	}
	mdata, _ := os.ReadFile("testdata/algoritmeregister/map.yaml")
	m, errs := csvimport.ReadMapping(csvimport.KindSystem, "map.yaml", mdata)
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	content := fstest.MapFS{}
	for p, f := range withoutSystems(corpus.FS(0, 1)) {
		content[p] = f
	}
	orgs, _ := os.ReadFile("testdata/algoritmeregister/organisationen.csv")
	for _, l := range strings.Split(strings.TrimSpace(string(orgs)), "\n")[1:] {
		f := strings.Split(l, ",")
		content["organisationen/"+f[0]+".yaml"] = &fstest.MapFile{Data: []byte("name: " + f[1] + "\nlevel: other\ncontact_email: ki@" + f[0] + ".example.nl\n")}
	}
	for _, n := range []int{1500, corpus.BenchSize(10000)} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			var big []map[string]any
			for i := 0; len(big) < n; i++ {
				r := map[string]any{}
				for k, v := range list[i%len(list)] {
					r[k] = v
				}
				r["name"] = fmt.Sprintf("%v %d", r["name"], i)
				big = append(big, r)
			}
			data, _ := json.Marshal(big)
			b.ResetTimer()
			for range b.N {
				plan, err := csvimport.Prepare(csvimport.Config{
					File: "algoritmes.json", Data: data, Content: content, Root: "content", Now: now,
					Check: build.CheckFS, Map: m, Partial: true,
				})
				if err != nil {
					b.Fatal(err)
				}
				if plan.Rows != n || len(plan.Files) == 0 {
					b.Fatalf("%d rows, %d files; want %d rows and some files", plan.Rows, len(plan.Files), n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/row")
		})
	}
}
