package csvimport

import (
	"bytes"
	"path"
	"strings"

	"maki/internal/register"
	"maki/internal/xlsx"
)

// isXLSX reports whether the input is an .xlsx workbook: by its extension,
// else by the zip signature.
func isXLSX(name string, data []byte) bool {
	return strings.EqualFold(path.Ext(name), ".xlsx") || bytes.HasPrefix(data, []byte("PK\x03\x04"))
}

// ReadXLSX reads systems or organisations (by k) from the first sheet of
// an .xlsx workbook exactly as ReadCSV reads a CSV file: its first
// non-empty row names the columns, every later non-empty row is one
// entry. Positions are file:row:column with the spreadsheet's own row
// number and column number (A = 1, C = 3): "file.xlsx:5:3" is cell C5.
// Cells are read as text (xlsx.Workbook.Sheet): numbers in their shortest
// decimal form, booleans as true/false, a date cell as its serial number.
func ReadXLSX(k Kind, file string, data []byte) ([]*Row, register.ErrorList) {
	return readXLSX(k, file, data, nil)
}

// readXLSX is ReadXLSX with a mapping (or nil), as readCSV.
func readXLSX(k Kind, file string, data []byte, m *mapping) ([]*Row, register.ErrorList) {
	var errs register.ErrorList
	wb, err := xlsx.Read(data, xlsx.Limits{})
	var sheet []xlsx.Row
	if err == nil {
		sheet, err = wb.Sheet(0)
	}
	if err != nil {
		errs.Add(register.Pos{File: file}, "", "xlsx", "%s", err)
		return nil, errs
	}
	// The sheet as CSV with every cell quoted (so the separator is always
	// ","), and the spreadsheet row of each CSV line a record starts on.
	var b bytes.Buffer
	rowOf := map[int]int{}
	line := 1
	for _, r := range sheet {
		rowOf[line] = r.N
		for i, c := range r.Cells {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('"')
			b.WriteString(strings.ReplaceAll(c, `"`, `""`))
			b.WriteByte('"')
			line += strings.Count(c, "\n")
		}
		b.WriteString("\n")
		line++
	}
	rows, errs := readCSV(k, file, b.Bytes(), m)
	for _, r := range rows {
		r.Pos.Line = rowOf[r.Pos.Line]
	}
	for _, e := range errs {
		if n, ok := rowOf[e.Pos.Line]; ok {
			e.Pos.Line = n
		}
	}
	return rows, errs
}
