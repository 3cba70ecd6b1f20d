package xlsx

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Cell is one cell to write: a text or a number.
type Cell struct {
	Text  string
	Num   float64
	IsNum bool
}

// Text returns a text cell. Its content is never interpreted: "=1+1" is
// the text "=1+1".
func Text(s string) Cell { return Cell{Text: s} }

// Number returns a numeric cell. NaN and infinities, which SpreadsheetML
// cannot hold, are written as empty cells.
func Number(f float64) Cell { return Cell{Num: f, IsNum: true} }

// Sheet is one worksheet to write.
type Sheet struct {
	// Name is the tab's name: 1 to 31 characters, none of []:*?/\,
	// unique in the workbook (case-insensitively).
	Name string
	// Header, when not empty, is the first row: bold, and frozen so that
	// it stays in view when scrolling.
	Header []string
	// Widths are the column widths in characters; 0 or a missing entry
	// keeps the default.
	Widths []float64
	// Rows calls emit with each row after the header, in order. A row's
	// slice may be reused after emit returns.
	Rows func(emit func(row []Cell) error) error
}

// epoch is the time of every zip entry (the earliest an MS-DOS time can say).
var epoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes a workbook of the sheets to w.
func Write(w io.Writer, sheets []Sheet) error {
	if len(sheets) == 0 {
		return fmt.Errorf("xlsx: no sheets; want at least one")
	}
	seen := map[string]bool{}
	for _, s := range sheets {
		if err := checkSheetName(s.Name); err != nil {
			return err
		}
		k := strings.ToLower(s.Name)
		if seen[k] {
			return fmt.Errorf("xlsx: sheet name %q given twice; want unique names", s.Name)
		}
		seen[k] = true
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	// The entries in sorted order: "[" < "_" < "d" < "x".
	var ct, wb, rels strings.Builder
	ct.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
	wb.WriteString(xmlHeader + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets>`)
	rels.WriteString(xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">`)
	for i, s := range sheets {
		n := strconv.Itoa(i + 1)
		ct.WriteString(`<Override PartName="/xl/worksheets/sheet` + n + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
		wb.WriteString(`<sheet name="` + attr(s.Name) + `" sheetId="` + n + `" r:id="rId` + n + `"/>`)
		rels.WriteString(`<Relationship Id="rId` + n + `" Type="` + nsRel + `/worksheet" Target="worksheets/sheet` + n + `.xml"/>`)
	}
	ct.WriteString(`</Types>`)
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`<Relationship Id="rId0" Type="` + nsRel + `/styles" Target="styles.xml"/></Relationships>`)
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", ct.String()},
		{"_rels/.rels", xmlHeader + `<Relationships xmlns="` + nsPkgRel + `"><Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/_rels/workbook.xml.rels", rels.String()},
		{"xl/styles.xml", styles},
		{"xl/workbook.xml", wb.String()},
	}
	for _, p := range parts {
		f, err := create(zw, p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.data); err != nil {
			return err
		}
	}
	// sheet10.xml sorts before sheet2.xml; write in that order.
	order := make([]int, len(sheets))
	for i := range order {
		order[i] = i
	}
	names := func(i int) string { return "xl/worksheets/sheet" + strconv.Itoa(i+1) + ".xml" }
	sort.Slice(order, func(a, b int) bool { return names(order[a]) < names(order[b]) })
	for _, i := range order {
		f, err := create(zw, names(i))
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(f, 64<<10)
		if err := writeSheet(bw, sheets[i]); err != nil {
			return fmt.Errorf("xlsx: sheet %q: %w", sheets[i].Name, err)
		}
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	return zw.Close()
}

func create(zw *zip.Writer, name string) (io.Writer, error) {
	return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: epoch})
}

func checkSheetName(name string) error {
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		return fmt.Errorf("xlsx: empty sheet name; want 1 to 31 characters")
	case n > 31:
		return fmt.Errorf("xlsx: sheet name %q has %d characters; want at most 31", name, n)
	case strings.ContainsAny(name, `[]:*?/\`):
		return fmt.Errorf("xlsx: sheet name %q contains one of []:*?/\\; want none", name)
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return fmt.Errorf("xlsx: sheet name %q starts or ends with an apostrophe; want none there", name)
	}
	return nil
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain    = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel  = "http://schemas.openxmlformats.org/package/2006/relationships"
	// styles: cellXfs 0 is the default, 1 bold (the header).
	styles = xmlHeader + `<styleSheet xmlns="` + nsMain + `">` +
		`<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
		`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
		`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
		`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
		`<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
		`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
		`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
		`</styleSheet>`
)

// Excel's limits.
const (
	maxRows = 1 << 20
	maxCols = 1 << 14
)

func writeSheet(w *bufio.Writer, s Sheet) error {
	w.WriteString(xmlHeader + `<worksheet xmlns="` + nsMain + `">`)
	if len(s.Header) > 0 {
		w.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
			`<selection pane="bottomLeft"/></sheetView></sheetViews>`)
	}
	w.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
	if hasWidths(s.Widths) {
		w.WriteString(`<cols>`)
		for i, wd := range s.Widths {
			if wd > 0 && i < maxCols {
				n := strconv.Itoa(i + 1)
				w.WriteString(`<col min="` + n + `" max="` + n + `" width="` + strconv.FormatFloat(wd, 'f', -1, 64) + `" customWidth="1"/>`)
			}
		}
		w.WriteString(`</cols>`)
	}
	w.WriteString(`<sheetData>`)
	r := 0
	var cols []string // column names, made once
	row := func(cells []Cell, style string) error {
		r++
		if r > maxRows {
			return fmt.Errorf("more than %d rows; want at most that many (the limit of spreadsheet programs)", maxRows)
		}
		if len(cells) > maxCols {
			return fmt.Errorf("row %d has %d cells; want at most %d", r, len(cells), maxCols)
		}
		for len(cols) < len(cells) {
			cols = append(cols, colName(len(cols)))
		}
		rs := strconv.Itoa(r)
		w.WriteString(`<row r="` + rs + `">`)
		for i, c := range cells {
			if c.IsNum && (math.IsNaN(c.Num) || math.IsInf(c.Num, 0)) || !c.IsNum && c.Text == "" {
				continue
			}
			w.WriteString(`<c r="`)
			w.WriteString(cols[i])
			w.WriteString(rs)
			w.WriteString(`"`)
			w.WriteString(style)
			if c.IsNum {
				w.WriteString(`><v>`)
				w.WriteString(strconv.FormatFloat(c.Num, 'g', -1, 64))
				w.WriteString(`</v></c>`)
				continue
			}
			w.WriteString(` t="inlineStr"><is><t xml:space="preserve">`)
			writeText(w, c.Text)
			w.WriteString(`</t></is></c>`)
		}
		_, err := w.WriteString(`</row>`)
		return err
	}
	if len(s.Header) > 0 {
		h := make([]Cell, len(s.Header))
		for i, t := range s.Header {
			h[i] = Text(t)
		}
		if err := row(h, ` s="1"`); err != nil {
			return err
		}
	}
	if s.Rows != nil {
		if err := s.Rows(func(cells []Cell) error { return row(cells, "") }); err != nil {
			return err
		}
	}
	_, err := w.WriteString(`</sheetData></worksheet>`)
	return err
}

func hasWidths(ws []float64) bool {
	for _, w := range ws {
		if w > 0 {
			return true
		}
	}
	return false
}

// colName returns the letters of the 0-based column i: A, …, Z, AA, ….
func colName(i int) string {
	var b [4]byte
	n := len(b)
	for i++; i > 0; i = (i - 1) / 26 {
		n--
		b[n] = byte('A' + (i-1)%26)
	}
	return string(b[n:])
}

// writeText writes s as XML character data. Characters XML 1.0 cannot
// hold, and a "_" that would start Excel's escape _xHHHH_, are written as
// _xHHHH_; line breaks and carriage returns as character references, so
// that no XML parser normalises them.
func writeText(w *bufio.Writer, s string) {
	last := 0 // s[last:i] needs no escaping and is not written yet
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != '>' && c != '_' {
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError && r != 0xFFFE && r != 0xFFFF {
				i += n
				continue
			}
		}
		if c == '_' && !isEscape(s[i:]) {
			i++
			continue
		}
		w.WriteString(s[last:i])
		switch {
		case r == '&':
			w.WriteString("&amp;")
		case r == '<':
			w.WriteString("&lt;")
		case r == '>':
			w.WriteString("&gt;")
		case r == '\r':
			w.WriteString("&#xD;")
		case r == '\n':
			w.WriteString("&#xA;")
		case r == '\t':
			w.WriteString("&#x9;")
		case r == '_':
			w.WriteString("_x005F_")
		case r == utf8.RuneError && n == 1:
			w.WriteString("\uFFFD")
		case r == utf8.RuneError: // a U+FFFD in the text
			w.WriteString(s[i : i+n])
		default: // control characters, U+FFFE, U+FFFF
			fmt.Fprintf(w, "_x%04X_", r)
		}
		i += n
		last = i
	}
	w.WriteString(s[last:])
}

// isEscape reports whether s starts with Excel's escape _xHHHH_.
func isEscape(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !isHex(c) {
			return false
		}
	}
	return true
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// attr escapes s for an attribute value.
func attr(s string) string {
	var b strings.Builder
	bw := bufio.NewWriter(&b)
	writeText(bw, s)
	bw.Flush()
	return strings.ReplaceAll(b.String(), `"`, "&quot;")
}
