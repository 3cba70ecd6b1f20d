package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// Limits bound what Read accepts. A zero field takes the default of
// DefaultLimits.
type Limits struct {
	Entries  int   // zip entries (default 1,000)
	PartSize int64 // uncompressed bytes of one part (default 256 MiB)
	Total    int64 // uncompressed bytes of all parts read (default 512 MiB)
	Cells    int   // cells of one sheet up to the last value of each row, and shared strings (default 10,000,000)
}

// DefaultLimits returns the limits Read applies where a field is zero.
func DefaultLimits() Limits {
	return Limits{Entries: 1000, PartSize: 256 << 20, Total: 512 << 20, Cells: 10_000_000}
}

func (l Limits) orDefault() Limits {
	d := DefaultLimits()
	if l.Entries > 0 {
		d.Entries = l.Entries
	}
	if l.PartSize > 0 {
		d.PartSize = l.PartSize
	}
	if l.Total > 0 {
		d.Total = l.Total
	}
	if l.Cells > 0 {
		d.Cells = l.Cells
	}
	return d
}

// Workbook is an opened workbook: its sheet list and shared strings.
type Workbook struct {
	zr      *zip.Reader
	files   map[string]*zip.File
	lim     Limits
	read    int64 // uncompressed bytes read so far
	sheets  []sheetRef
	strings []string
}

type sheetRef struct{ name, part string }

// Row is one row of a sheet that has at least one non-empty cell.
type Row struct {
	N     int      // 1-based row number
	Cells []string // Cells[i] is column i+1 (A = 0); "" where there is none
}

// Read opens a workbook held in data under the limits lim.
func Read(data []byte, lim Limits) (*Workbook, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not an xlsx file (zip): %v", err)
	}
	wb := &Workbook{zr: zr, lim: lim.orDefault(), files: map[string]*zip.File{}}
	if len(zr.File) > wb.lim.Entries {
		return nil, fmt.Errorf("%d zip entries; want at most %d", len(zr.File), wb.lim.Entries)
	}
	for _, f := range zr.File {
		wb.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	book := "xl/workbook.xml"
	if rels, err := wb.rels("_rels/.rels"); err != nil {
		return nil, err
	} else {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				book = resolve("", r.target)
			}
		}
	}
	if wb.files[book] == nil {
		return nil, fmt.Errorf("no workbook part %q; want an xlsx workbook", book)
	}
	rels, err := wb.rels(path.Join(path.Dir(book), "_rels", path.Base(book)+".rels"))
	if err != nil {
		return nil, err
	}
	targets := map[string]string{}
	sst := ""
	for _, r := range rels {
		targets[r.id] = resolve(path.Dir(book), r.target)
		if strings.HasSuffix(r.typ, "/sharedStrings") {
			sst = resolve(path.Dir(book), r.target)
		}
	}
	err = wb.parse(book, func(d *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local != "sheet" {
			return nil
		}
		var name, id string
		for _, a := range se.Attr {
			switch {
			case a.Name.Local == "name" && a.Name.Space == "":
				name = a.Value
			case a.Name.Local == "id":
				id = a.Value
			}
		}
		if len(wb.sheets) == wb.lim.Entries {
			return fmt.Errorf("%s: more than %d sheets; want at most that many", book, wb.lim.Entries)
		}
		wb.sheets = append(wb.sheets, sheetRef{name: name, part: targets[id]})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(wb.sheets) == 0 {
		return nil, fmt.Errorf("%s: no sheets; want at least one", book)
	}
	if sst != "" && wb.files[sst] != nil {
		if err := wb.readStrings(sst); err != nil {
			return nil, err
		}
	}
	return wb, nil
}

// Sheets returns the names of the sheets in workbook order.
func (wb *Workbook) Sheets() []string {
	out := make([]string, len(wb.sheets))
	for i, s := range wb.sheets {
		out[i] = s.name
	}
	return out
}

type rel struct{ id, typ, target string }

// rels reads a relationships part; a missing part has none.
func (wb *Workbook) rels(name string) ([]rel, error) {
	if wb.files[name] == nil {
		return nil, nil
	}
	var out []rel
	err := wb.parse(name, func(d *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local != "Relationship" {
			return nil
		}
		var r rel
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Id":
				r.id = a.Value
			case "Type":
				r.typ = a.Value
			case "Target":
				r.target = a.Value
			}
		}
		if len(out) == wb.lim.Entries {
			return fmt.Errorf("%s: more than %d relationships; want at most that many", name, wb.lim.Entries)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// resolve returns the part name of a relationship target seen from dir.
func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Join("/", dir, target)), "/")
}

// open returns a reader over a part that fails once the part or all parts
// together pass their limits.
func (wb *Workbook) open(name string) (io.ReadCloser, error) {
	f := wb.files[name]
	if f == nil {
		return nil, fmt.Errorf("no part %q", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return &capped{rc: rc, wb: wb, name: name, left: wb.lim.PartSize}, nil
}

// capped counts the bytes inflated from one part.
type capped struct {
	rc   io.ReadCloser
	wb   *Workbook
	name string
	left int64
}

var errTooBig = errors.New("too big")

func (c *capped) Read(p []byte) (int, error) {
	n, err := c.rc.Read(p)
	c.left -= int64(n)
	c.wb.read += int64(n)
	if c.left < 0 {
		return 0, fmt.Errorf("%s: more than %d bytes uncompressed; want at most that: %w", c.name, c.wb.lim.PartSize, errTooBig)
	}
	if c.wb.read > c.wb.lim.Total {
		return 0, fmt.Errorf("%s: the parts hold more than %d bytes uncompressed; want at most that: %w", c.name, c.wb.lim.Total, errTooBig)
	}
	return n, err
}

func (c *capped) Close() error { return c.rc.Close() }

// parse runs start on every start element of a part. A document type
// declaration is an error.
func (wb *Workbook) parse(name string, start func(*xml.Decoder, xml.StartElement) error) error {
	rc, err := wb.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return xmlErr(name, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return fmt.Errorf("%s: a document type declaration (<!%.20s…>); want none", name, t)
		case xml.StartElement:
			if err := start(d, t); err != nil {
				return err
			}
		}
	}
}

func xmlErr(name string, err error) error {
	if errors.Is(err, errTooBig) {
		return err
	}
	return fmt.Errorf("%s: %v", name, err)
}

// readStrings reads the shared string table: each <si> is the text of its
// <t> elements, phonetic runs (<rPh>) left out.
func (wb *Workbook) readStrings(name string) error {
	return wb.parse(name, func(d *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local != "si" {
			return nil
		}
		if len(wb.strings) == wb.lim.Cells {
			return fmt.Errorf("%s: more than %d shared strings; want at most that many", name, wb.lim.Cells)
		}
		s, err := inlineText(d, name)
		if err != nil {
			return err
		}
		wb.strings = append(wb.strings, s)
		return nil
	})
}

// inlineText reads the content of an <si> or <is> element, whose start
// has been read, up to its end.
func inlineText(d *xml.Decoder, name string) (string, error) {
	var b strings.Builder
	depth, inT, skip := 1, false, 0
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", xmlErr(name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case t.Name.Local == "rPh":
				skip = depth
			case t.Name.Local == "t" && skip == 0:
				inT = true
			}
		case xml.EndElement:
			if t.Name.Local == "t" {
				inT = false
			}
			if depth == skip {
				skip = 0
			}
			depth--
		case xml.CharData:
			if inT {
				b.Write(t)
			}
		}
	}
	return unescape(b.String()), nil
}

// unescape decodes Excel's _xHHHH_ escapes (the inverse of writeText).
func unescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isEscape(s[i:]) {
			n, _ := strconv.ParseUint(s[i+2:i+6], 16, 32)
			b.WriteRune(rune(n))
			i += 6
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Sheet reads the rows of sheet i (0-based) that hold a non-empty cell.
func (wb *Workbook) Sheet(i int) ([]Row, error) {
	if i < 0 || i >= len(wb.sheets) {
		return nil, fmt.Errorf("no sheet %d; the workbook has %d", i+1, len(wb.sheets))
	}
	name := wb.sheets[i].part
	if wb.files[name] == nil {
		return nil, fmt.Errorf("sheet %q: no part %q", wb.sheets[i].name, name)
	}
	var rows []Row
	r, cells := 0, 0
	err := wb.parse(name, func(d *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local != "row" {
			return nil
		}
		n := r + 1
		if ref := attrOf(se, "r"); ref != "" {
			v, err := strconv.Atoi(ref)
			if err != nil || v < 1 || v > maxRows {
				return fmt.Errorf("%s: row number %q; want 1 to %d", name, trim(ref), maxRows)
			}
			n = v
		}
		if n <= r {
			return fmt.Errorf("%s: row %d after row %d; want rows in ascending order", name, n, r)
		}
		r = n
		row, err := readRow(d, name, n, wb.strings, &cells, wb.lim.Cells)
		if err != nil {
			return err
		}
		if len(row) > 0 {
			rows = append(rows, Row{N: n, Cells: row})
		}
		return nil
	})
	return rows, err
}

// readRow reads the cells of a <row> whose start has been read.
func readRow(d *xml.Decoder, name string, rowNum int, sst []string, count *int, maxCells int) ([]string, error) {
	var cells []string
	col := 0 // 1-based column of the previous cell
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, xmlErr(name, err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if t.Name.Local == "row" {
				for len(cells) > 0 && cells[len(cells)-1] == "" {
					cells = cells[:len(cells)-1]
				}
				return cells, nil
			}
		case xml.StartElement:
			if t.Name.Local != "c" {
				if err := d.Skip(); err != nil {
					return nil, xmlErr(name, err)
				}
				continue
			}
			c := col + 1
			if ref := attrOf(t, "r"); ref != "" {
				cr, rr, ok := parseRef(ref)
				if !ok || rr != rowNum {
					return nil, fmt.Errorf("%s: cell reference %q in row %d; want a column (A to XFD) and the row's number", name, trim(ref), rowNum)
				}
				c = cr
			}
			if c <= col || c > maxCols {
				return nil, fmt.Errorf("%s: row %d: cell in column %d after column %d; want ascending columns up to %d", name, rowNum, c, col, maxCols)
			}
			col = c
			v, err := readCell(d, name, attrOf(t, "t"), sst)
			if err != nil {
				return nil, err
			}
			if v == "" {
				continue
			}
			// Every cell kept counts, the empty ones of a gap too.
			if *count += c - len(cells); *count > maxCells {
				return nil, fmt.Errorf("%s: more than %d cells; want at most that many (empty cells before a value count)", name, maxCells)
			}
			for len(cells) < c-1 {
				cells = append(cells, "")
			}
			cells = append(cells, v)
		}
	}
}

// readCell reads a <c> whose start has been read and returns its value
// as text.
func readCell(d *xml.Decoder, name, typ string, sst []string) (string, error) {
	var v, is string
	var haveV bool
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", xmlErr(name, err)
		}
		switch t := tok.(type) {
		case xml.EndElement: // </c>
			if typ == "inlineStr" {
				return is, nil
			}
			return value(name, typ, v, haveV, sst)
		case xml.StartElement:
			switch t.Name.Local {
			case "v":
				var s string
				if err := d.DecodeElement(&s, &t); err != nil {
					return "", xmlErr(name, err)
				}
				v, haveV = s, true
			case "is":
				s, err := inlineText(d, name)
				if err != nil {
					return "", err
				}
				is = s
			default: // <f>, <extLst>, …
				if err := d.Skip(); err != nil {
					return "", xmlErr(name, err)
				}
			}
		}
	}
}

// value turns a cell's <v> into text by its type.
func value(name, typ, v string, have bool, sst []string) (string, error) {
	if !have {
		return "", nil
	}
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(sst) {
			return "", fmt.Errorf("%s: shared string %q; want an index below %d", name, trim(v), len(sst))
		}
		return sst[i], nil
	case "str", "e":
		return unescape(v), nil
	case "b":
		switch strings.TrimSpace(v) {
		case "1":
			return "true", nil
		case "0":
			return "false", nil
		}
		return "", fmt.Errorf("%s: boolean %q; want 0 or 1", name, trim(v))
	case "", "n", "d":
		s := strings.TrimSpace(v)
		if s == "" || typ == "d" {
			return s, nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return "", fmt.Errorf("%s: number %q; want a decimal number", name, trim(v))
		}
		return strconv.FormatFloat(f, 'f', -1, 64), nil
	}
	return "", fmt.Errorf("%s: cell type %q; want s, str, inlineStr, n, b, e or d", name, trim(typ))
}

// parseRef splits "C5" into column 3 and row 5.
func parseRef(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && i < 3 && 'A' <= ref[i] && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A') + 1
		i++
	}
	if i == 0 || i == len(ref) || ref[i] < '1' || ref[i] > '9' || len(ref)-i > 7 {
		return 0, 0, false
	}
	row, err := strconv.Atoi(ref[i:])
	return col, row, err == nil
}

func attrOf(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// trim shortens a value for an error message.
func trim(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}
