package export

import (
	"bufio"
	"bytes"
	"io"
	"strings"

	"maki/internal/register"
	"maki/internal/xlsx"
)

// Spreadsheet format of daten/register.xlsx: one sheet "Register" with
// the columns and values of register.csv (csvColumns), the header row bold
// and frozen, one row per system sorted by id. Every value is a text cell,
// never a formula, so no cell needs register.csv's protection against
// formula injection: a value starting with "=" is shown as it is. Lists
// use register.csv's encoding (";"-joined, "\;" inside an item).

// xlsxSheet is the name of the sheet of register.xlsx.
const xlsxSheet = "Register"

// RegisterXLSX returns daten/register.xlsx.
func RegisterXLSX(r *register.Register, cfg Config) ([]byte, error) {
	x, err := newExporter(r, cfg)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := x.registerXLSX(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// registerXLSX writes register.xlsx to out.
func (x *exporter) registerXLSX(out io.Writer) error {
	cols := csvColumns()
	header := make([]string, len(cols))
	widths := make([]float64, len(cols))
	for i, c := range cols {
		header[i] = c.name
		widths[i] = xlsxWidth(c.name)
	}
	row := make([]xlsx.Cell, len(cols))
	return xlsx.Write(out, []xlsx.Sheet{{
		Name:   xlsxSheet,
		Header: header,
		Widths: widths,
		Rows: func(emit func([]xlsx.Cell) error) error {
			for _, s := range x.systems {
				s = Public(s)
				for i, c := range cols {
					row[i] = xlsx.Text(c.get(x, s))
				}
				if err := emit(row); err != nil {
					return err
				}
			}
			return nil
		},
	}})
}

// xlsxWidth is the width in characters of a column: wide for the texts
// people read, enough for the header elsewhere.
func xlsxWidth(name string) float64 {
	switch {
	case name == "id" || name == "page_url":
		return 30
	case strings.HasPrefix(name, "name_") || strings.HasPrefix(name, "organisation_name_"):
		return 36
	case strings.HasSuffix(name, "_de") || strings.HasSuffix(name, "_en"):
		return 50
	}
	return float64(max(12, len(name)+2))
}

func (x *exporter) xlsxFile(out *sink) error {
	return out.stream("daten/register.xlsx", func(w *bufio.Writer) error { return x.registerXLSX(w) })
}
