package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"

	"maki/internal/export"
	"maki/internal/register"
)

// reportHeader names the columns of a problem report (--report FILE).
var reportHeader = []string{"file", "row", "column", "field", "severity", "message"}

// writeReport writes every problem of errs to the file name as CSV for
// fixing in a spreadsheet: one problem a line with its file, row (line),
// column, field, severity ("error" or "warning") and message, written like
// daten/register.csv (UTF-8 with a BOM, commas, CRLF), so that spreadsheet
// programs open it as they open the export. Every cell is neutralised
// against formula injection as the export's are (export.Neutralise): a
// message echoes values from the input, which may start with "=". The
// file is written even when there is no problem, so that an old report
// is never mistaken for the new one.
func writeReport(name string, errs register.ErrorList) error {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	cells := func(row []string) []string {
		for i, c := range row {
			row[i] = export.Neutralise(c)
		}
		return row
	}
	w.Write(reportHeader)
	for _, e := range errs {
		sev := "error"
		if e.Severity == register.SevWarning {
			sev = "warning"
		}
		w.Write(cells([]string{
			register.Printable(e.Pos.File), strconv.Itoa(e.Pos.Line), strconv.Itoa(e.Pos.Col),
			register.Printable(e.Field), sev, register.Printable(e.Msg),
		}))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}
