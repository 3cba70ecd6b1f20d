package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"reflect"
	"testing"

	"maki/internal/register"
	"maki/internal/xlsx"
)

// register.xlsx holds register.csv's header and, cell for cell, the raw
// values of its columns (no formula neutralisation: the cells are strings).
func TestXLSXMatchesCSV(t *testing.T) {
	r := fixtureRegister()
	files := mustFiles(t, r, fixtureConfig())
	wb, err := xlsx.Read(files["daten/register.xlsx"], xlsx.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got := wb.Sheets(); !reflect.DeepEqual(got, []string{"Register"}) {
		t.Errorf("sheets %q; want [Register]", got)
	}
	rows, err := wb.Sheet(0)
	if err != nil {
		t.Fatal(err)
	}
	x, err := newExporter(r, fixtureConfig())
	if err != nil {
		t.Fatal(err)
	}
	cols := csvColumns()
	want := [][]string{CSVHeader()}
	for _, s := range x.systems {
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = c.get(x, Public(s))
		}
		for len(row) > 0 && row[len(row)-1] == "" {
			row = row[:len(row)-1]
		}
		want = append(want, row)
	}
	if len(rows) != len(want) {
		t.Fatalf("register.xlsx has %d rows; want %d", len(rows), len(want))
	}
	for i, row := range rows {
		if row.N != i+1 {
			t.Errorf("row %d is numbered %d", i+1, row.N)
		}
		for j := range max(len(row.Cells), len(want[i])) {
			var g, w string
			if j < len(row.Cells) {
				g = row.Cells[j]
			}
			if j < len(want[i]) {
				w = want[i][j]
			}
			if g != w {
				t.Errorf("row %d column %s: %q; want %q", i+1, want[0][j], g, w)
			}
		}
	}
	// The same rows as register.csv, in the same order.
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(files["daten/register.csv"], []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(rows) {
		t.Fatalf("register.csv has %d records, register.xlsx %d rows", len(recs), len(rows))
	}
	for i := range recs {
		if recs[i][0] != rows[i].Cells[0] {
			t.Errorf("row %d: csv id %q, xlsx id %q", i+1, recs[i][0], rows[i].Cells[0])
		}
	}
}

func TestXLSXEmptyRegister(t *testing.T) {
	r := &register.Register{Site: fixtureRegister().Site}
	b, err := RegisterXLSX(r, fixtureConfig())
	if err != nil {
		t.Fatal(err)
	}
	wb, err := xlsx.Read(b, xlsx.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wb.Sheet(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || !reflect.DeepEqual(rows[0].Cells, CSVHeader()) {
		t.Errorf("empty register.xlsx: %d rows; want the header only", len(rows))
	}
}

// bigRegister is the fixture register with its systems copied to n.
func bigRegister(n int) *register.Register {
	r := fixtureRegister()
	base := r.Systems
	r.Systems = nil
	for i := range n {
		s := *base[i%len(base)]
		s.Meta.ID = fmt.Sprintf("%s-%05d", s.ID, i)
		r.Systems = append(r.Systems, &s)
	}
	return r
}

// BenchmarkRegisterXLSX compares register.xlsx with register.csv and
// eurocities.json over the same 10,000 systems.
func BenchmarkRegisterXLSX(b *testing.B) {
	r := bigRegister(10000)
	for _, f := range []struct {
		name  string
		write func(*register.Register, Config) ([]byte, error)
	}{{"csv", RegisterCSV}, {"xlsx", RegisterXLSX}, {"eurocities", Eurocities}} {
		b.Run(f.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				out, err := f.write(r, fixtureConfig())
				if err != nil {
					b.Fatal(err)
				}
				n = len(out)
			}
			b.ReportMetric(float64(n), "bytes")
		})
	}
}
