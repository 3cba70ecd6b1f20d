package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func write(t testing.TB, sheets ...Sheet) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, sheets); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func rowsOf(rows ...[]Cell) func(func([]Cell) error) error {
	return func(emit func([]Cell) error) error {
		for _, r := range rows {
			if err := emit(r); err != nil {
				return err
			}
		}
		return nil
	}
}

func readSheet(t testing.TB, data []byte, i int) []Row {
	t.Helper()
	wb, err := Read(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wb.Sheet(i)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// hard are texts that must survive a write and a read unchanged.
var hard = []string{
	"=1+1", "+49 30 1", "-2", "@SUM(A1)", "=HYPERLINK(\"http://x\")",
	" leading and trailing ", "line\nbreak", "crlf\r\nend", "cr\ronly", "tab\there",
	"<b>&amp;</b> \"quoted\" 'single'", "_x0041_ stays literal", "_x005F_", "_xZZZZ_",
	"ctrl \x01\x1f\x00 chars", "Umlaute äöüß €, emoji 🙂", "\uFFFE", "trailing _x",
}

func TestRoundTrip(t *testing.T) {
	var cells []Cell
	for _, s := range hard {
		cells = append(cells, Text(s))
	}
	data := write(t,
		Sheet{Name: "Register", Header: []string{"id", "n", "text"}, Widths: []float64{20, 0, 60},
			Rows: rowsOf([]Cell{Text("a"), Number(3), Text("x")}, []Cell{Text("b"), Number(-1.25e-7)}, nil, cells)},
		Sheet{Name: "Zweites Blatt", Rows: rowsOf([]Cell{{}, {}, Text("C1")})},
	)
	wb, err := Read(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := wb.Sheets(), []string{"Register", "Zweites Blatt"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Sheets() = %q; want %q", got, want)
	}
	rows, err := wb.Sheet(0)
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{1, []string{"id", "n", "text"}},
		{2, []string{"a", "3", "x"}},
		{3, []string{"b", "-0.000000125"}},
		{5, append([]string(nil), hard...)},
	}
	// Invalid characters and NUL: XML cannot hold them; they come back
	// through the _xHHHH_ escape, except that U+FFFE stays escaped too.
	if !reflect.DeepEqual(rows, want) {
		for i := range max(len(rows), len(want)) {
			if i < len(rows) && i < len(want) && !reflect.DeepEqual(rows[i], want[i]) {
				t.Errorf("row %d = %+q; want %+q", i, rows[i].Cells, want[i].Cells)
			}
		}
		if len(rows) != len(want) {
			t.Errorf("%d rows; want %d", len(rows), len(want))
		}
	}
	rows2, err := wb.Sheet(1)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Row{{1, []string{"", "", "C1"}}}; !reflect.DeepEqual(rows2, want) {
		t.Errorf("sheet 2 = %v; want %v", rows2, want)
	}
	if _, err := wb.Sheet(2); err == nil {
		t.Error("Sheet(2) of two sheets: no error")
	}
}

func TestNoFormulas(t *testing.T) {
	data := write(t, Sheet{Name: "S", Rows: rowsOf([]Cell{Text("=1+1"), Text("@A1"), Text("+1"), Text("-1")})})
	sheet := part(t, data, "xl/worksheets/sheet1.xml")
	if strings.Contains(sheet, "<f>") || strings.Contains(sheet, "<f ") {
		t.Errorf("sheet has a formula element:\n%s", sheet)
	}
	if n := strings.Count(sheet, `t="inlineStr"`); n != 4 {
		t.Errorf("%d inline string cells; want 4:\n%s", n, sheet)
	}
}

func part(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			return string(b)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

func TestDeterministic(t *testing.T) {
	s := Sheet{Name: "S", Header: []string{"a"}, Rows: rowsOf([]Cell{Text("x")})}
	a, b := write(t, s), write(t, s)
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same sheet differ")
	}
	zr, _ := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(epoch) {
			t.Errorf("%s: time %v; want %v", f.Name, f.Modified, epoch)
		}
	}
	if got := fmt.Sprint(names); got != "[[Content_Types].xml _rels/.rels xl/_rels/workbook.xml.rels xl/styles.xml xl/workbook.xml xl/worksheets/sheet1.xml]" {
		t.Errorf("entries %s; want sorted", got)
	}
	// Eleven sheets: sheet10 and sheet11 sort before sheet2.
	var many []Sheet
	for i := range 11 {
		many = append(many, Sheet{Name: fmt.Sprint("S", i)})
	}
	data := write(t, many...)
	zr, _ = zip.NewReader(bytes.NewReader(data), int64(len(data)))
	for i := 1; i < len(zr.File); i++ {
		if zr.File[i-1].Name >= zr.File[i].Name {
			t.Errorf("entry %s before %s", zr.File[i-1].Name, zr.File[i].Name)
		}
	}
}

func TestHeaderFrozenBold(t *testing.T) {
	sheet := part(t, write(t, Sheet{Name: "S", Header: []string{"id"}, Widths: []float64{12.5}}), "xl/worksheets/sheet1.xml")
	for _, want := range []string{`state="frozen"`, `ySplit="1"`, `<c r="A1" s="1" t="inlineStr">`, `<col min="1" max="1" width="12.5" customWidth="1"/>`} {
		if !strings.Contains(sheet, want) {
			t.Errorf("sheet lacks %s:\n%s", want, sheet)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	for _, tc := range []struct {
		sheets []Sheet
		want   string
	}{
		{nil, "no sheets"},
		{[]Sheet{{Name: ""}}, "empty sheet name"},
		{[]Sheet{{Name: strings.Repeat("x", 32)}}, "want at most 31"},
		{[]Sheet{{Name: "a/b"}}, "contains one of"},
		{[]Sheet{{Name: "'a"}}, "apostrophe"},
		{[]Sheet{{Name: "A"}, {Name: "a"}}, "given twice"},
		{[]Sheet{{Name: "S", Rows: func(emit func([]Cell) error) error { return emit(make([]Cell, maxCols+1)) }}}, "cells; want at most"},
	} {
		err := Write(io.Discard, tc.sheets)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Write(%d sheets) = %v; want an error with %q", len(tc.sheets), err, tc.want)
		}
	}
}

func TestWriteText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a&b<c>d", "a&amp;b&lt;c&gt;d"},
		{"\r\n\t", "&#xD;&#xA;&#x9;"},
		{"_x0041_ _x12_ _", "_x005F_x0041_ _x12_ _"},
		{"\x00\x1f", "_x0000__x001F_"},
		{"ä\uFFFD\uFFFE\xff", "ä\uFFFD_xFFFE_\uFFFD"},
		{"\"'", "\"'"},
	} {
		var b strings.Builder
		w := bufio.NewWriter(&b)
		writeText(w, tc.in)
		w.Flush()
		if b.String() != tc.want {
			t.Errorf("writeText(%q) = %q; want %q", tc.in, b.String(), tc.want)
		}
	}
}

func TestColName(t *testing.T) {
	for _, tc := range []struct {
		i    int
		want string
	}{{0, "A"}, {25, "Z"}, {26, "AA"}, {51, "AZ"}, {52, "BA"}, {701, "ZZ"}, {702, "AAA"}, {16383, "XFD"}} {
		if got := colName(tc.i); got != tc.want {
			t.Errorf("colName(%d) = %q; want %q", tc.i, got, tc.want)
		}
		if c, r, ok := parseRef(tc.want + "7"); !ok || c != tc.i+1 || r != 7 {
			t.Errorf("parseRef(%q) = %d, %d, %v; want %d, 7, true", tc.want+"7", c, r, ok, tc.i+1)
		}
	}
	for _, bad := range []string{"", "A", "7", "a1", "A0", "ABCD1", "A1x", "A12345678"} {
		if _, _, ok := parseRef(bad); ok {
			t.Errorf("parseRef(%q) ok; want not", bad)
		}
	}
}

// zipOf makes a zip of name, content pairs.
func zipOf(t testing.TB, parts ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[i+1])
	}
	zw.Close()
	return b.Bytes()
}

// book is a workbook as other programs write it: shared strings, rich
// text, a formula with its cached value, booleans, numbers, errors, gaps
// and cells and rows without references.
func book(sheet string) []string {
	return []string{
		"[Content_Types].xml", `<Types/>`,
		"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Daten" sheetId="7" r:id="rId3"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>`,
		"xl/strings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>id</t></si><si><r><rPr><b/></rPr><t>na</t></r><r><t xml:space="preserve">me </t></r><rPh><t>ignored</t></rPh></si><si><t>a_x000D_b</t></si></sst>`,
		"xl/worksheets/data.xml", sheet,
	}
}

func TestReadOthers(t *testing.T) {
	data := zipOf(t, book(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="2"><c r="B2" t="s"><v>0</v></c><c r="D2" t="s"><v>1</v></c></row>
<row><c t="b"><v>1</v></c><c t="b"><v>0</v></c><c><v>1.50</v></c><c t="str"><f>A1&amp;"x"</f><v>cached</v></c><c t="e"><v>#N/A</v></c></row>
<row r="9" spans="1:3"><c r="C9" t="inlineStr"><is><t>inline</t></is></c><c r="E9" t="s"><v>2</v></c><c r="F9"/><c r="G9" t="s"/></row>
<row r="10"><c r="A10"><v>12345678901234567890</v></c><c r="B10" t="n"><v>1E-3</v></c><c r="C10" t="d"><v>2025-01-02</v></c></row>
</sheetData></worksheet>`)...)
	wb, err := Read(data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got := wb.Sheets(); !reflect.DeepEqual(got, []string{"Daten"}) {
		t.Errorf("Sheets() = %q", got)
	}
	rows, err := wb.Sheet(0)
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{2, []string{"", "id", "", "name "}},
		{3, []string{"true", "false", "1.5", "cached", "#N/A"}},
		{9, []string{"", "", "inline", "", "a\rb"}},
		{10, []string{"12345678901234567000", "0.001", "2025-01-02"}},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows = %v;\nwant %v", rows, want)
	}
}

func TestReadErrors(t *testing.T) {
	sheet := func(data string) []byte {
		return zipOf(t, book(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+data+`</sheetData></worksheet>`)...)
	}
	bomb := func() []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, _ := zw.Create("xl/workbook.xml")
		w.Write([]byte("<workbook>"))
		spaces := bytes.Repeat([]byte(" "), 1<<20)
		for range 64 {
			w.Write(spaces) // 64 MiB of spaces, a few dozen KiB compressed
		}
		zw.Close()
		return b.Bytes()
	}()
	many := func() []byte {
		var parts []string
		for i := range 1001 {
			parts = append(parts, fmt.Sprint("f", i), "")
		}
		return zipOf(t, parts...)
	}()
	for _, tc := range []struct {
		name string
		data []byte
		lim  Limits
		want string
	}{
		{"not a zip", []byte("id,name\n"), Limits{}, "not an xlsx file"},
		{"no workbook", zipOf(t, "a.txt", "x"), Limits{}, `no workbook part "xl/workbook.xml"`},
		{"zip bomb", bomb, Limits{PartSize: 1 << 20}, "more than 1048576 bytes uncompressed"},
		{"zip bomb total", bomb, Limits{Total: 1 << 20}, "the parts hold more than 1048576 bytes"},
		{"entries", many, Limits{}, "1001 zip entries; want at most 1000"},
		{"doctype", sheet(""), Limits{}, ""},
		{"shared string index", sheet(`<row r="1"><c r="A1" t="s"><v>3</v></c></row>`), Limits{}, `shared string "3"; want an index below 3`},
		{"row order", sheet(`<row r="2"/><row r="1"/>`), Limits{}, "row 1 after row 2"},
		{"row number", sheet(`<row r="1048577"/>`), Limits{}, "want 1 to 1048576"},
		{"cell order", sheet(`<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>1</v></c></row>`), Limits{}, "cell in column 1 after column 2"},
		{"cell row", sheet(`<row r="1"><c r="A2"><v>1</v></c></row>`), Limits{}, `cell reference "A2" in row 1`},
		{"cell column", sheet(`<row r="1"><c r="XFE1"><v>1</v></c></row>`), Limits{}, "want ascending columns up to 16384"},
		{"cells", sheet(`<row r="1"><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c><c><v>4</v></c></row>`), Limits{Cells: 3}, "more than 3 cells"},
		{"cells in gaps", sheet(`<row r="1"><c r="XFD1"><v>1</v></c></row>`), Limits{Cells: 16383}, "more than 16383 cells"},
		{"shared strings", zipOf(t, book("")...), Limits{Cells: 2}, "more than 2 shared strings"},
		{"boolean", sheet(`<row r="1"><c t="b"><v>yes</v></c></row>`), Limits{}, `boolean "yes"`},
		{"number", sheet(`<row r="1"><c><v>1,5</v></c></row>`), Limits{}, `number "1,5"`},
		{"type", sheet(`<row r="1"><c t="x"><v>1</v></c></row>`), Limits{}, `cell type "x"`},
		{"unknown entity", sheet(`<row r="1"><c t="inlineStr"><is><t>&lol;</t></is></c></row>`), Limits{}, "invalid character entity &lol;"},
		{"unclosed", sheet(`<row r="1"><c t="inlineStr"><is><t>x`), Limits{}, "element <t> closed by </sheetData>"},
		{"truncated", zipOf(t, book(`<worksheet><sheetData><row><c t="inlineStr"><is><t>x`)...), Limits{}, "unexpected EOF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data
			if tc.name == "doctype" {
				parts := book(`<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`)
				data = zipOf(t, parts...)
				tc.want = "a document type declaration"
			}
			wb, err := Read(data, tc.lim)
			if err == nil {
				_, err = wb.Sheet(0)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v; want one with %q", err, tc.want)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add(write(f, Sheet{Name: "S", Header: []string{"id", "name"}, Rows: rowsOf([]Cell{Text("a"), Number(1)})}))
	f.Add(zipOf(f, book(`<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>0</v></c></row><row><c t="b"><v>1</v></c></row></sheetData></worksheet>`)...))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		wb, err := Read(data, Limits{PartSize: 1 << 20, Total: 4 << 20, Cells: 10000})
		if err != nil {
			return
		}
		for i := range wb.Sheets() {
			wb.Sheet(i)
		}
	})
}

func BenchmarkWrite(b *testing.B) {
	row := make([]Cell, 90)
	for i := range row {
		row[i] = Text(strings.Repeat("Wert ", i%20))
	}
	s := Sheet{Name: "S", Header: make([]string, 90), Rows: func(emit func([]Cell) error) error {
		for range 1000 {
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	}}
	for b.Loop() {
		Write(io.Discard, []Sheet{s})
	}
}

// python finds a Python with openpyxl: skipped when there is none, unless
// MAKI_REQUIRE_TOOLS is set (internal/export/testdata/check-formats.sh
// installs Debian's python3-openpyxl and sets it).
func python(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	if os.Getenv("MAKI_REQUIRE_TOOLS") != "" {
		t.Fatal("no python3 with openpyxl (Debian: apt-get install python3-openpyxl)")
	}
	t.Skip("no python3 with openpyxl (Debian: apt-get install python3-openpyxl)")
	return ""
}

// TestOpenpyxl checks the writer and the reader against openpyxl, an
// independent implementation: openpyxl reads what Write writes (texts,
// numbers, the bold and frozen header, widths, several sheets, strings
// that look like formulas staying strings), and Read reads what openpyxl
// writes.
func TestOpenpyxl(t *testing.T) {
	py := python(t)
	dir := t.TempDir()
	script := filepath.Join("testdata", "openpyxl-check.py")

	var cells []Cell
	for _, s := range hard {
		cells = append(cells, Text(s))
	}
	ours := filepath.Join(dir, "ours.xlsx")
	data := write(t,
		Sheet{Name: "Register", Header: []string{"id", "n", "text"}, Widths: []float64{20, 0, 60},
			Rows: rowsOf([]Cell{Text("a"), Number(3), Text("x")}, []Cell{Text("b"), Number(-1.25)}, nil, cells)},
		Sheet{Name: "Zweites Blatt", Rows: rowsOf([]Cell{{}, {}, Text("C1")})},
	)
	if err := os.WriteFile(ours, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, script, "read", ours).Output()
	if err != nil {
		t.Fatalf("openpyxl read: %v\n%s", err, stderr(err))
	}
	var got struct {
		Sheets []struct {
			Name   string
			Rows   [][]string
			Bold   []bool
			Frozen *string
			Widths map[string]float64
			Types  [][]string
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Sheets) != 2 || got.Sheets[0].Name != "Register" || got.Sheets[1].Name != "Zweites Blatt" {
		t.Fatalf("openpyxl sees sheets %+v", got.Sheets)
	}
	s := got.Sheets[0]
	want := [][]string{{"id", "n", "text"}, {"a", "3", "x"}, {"b", "-1.25"}, nil, hard}
	for i, w := range want {
		if i >= len(s.Rows) {
			t.Fatalf("openpyxl sees %d rows; want %d", len(s.Rows), len(want))
		}
		row := s.Rows[i]
		for len(row) > 0 && row[len(row)-1] == "" {
			row = row[:len(row)-1]
		}
		for j := range max(len(row), len(w)) {
			g, wc := "", ""
			if j < len(row) {
				// openpyxl 3.0 leaves Excel's escape _xHHHH_ of
				// ST_Xstring (ECMA-376 part 1, 22.9.2.19) undecoded;
				// Excel and Read decode it.
				g = unescape(row[j])
			}
			if j < len(w) {
				wc = w[j]
			}
			if g != wc {
				t.Errorf("openpyxl: row %d column %d = %q; want %q", i+1, j+1, g, wc)
			}
			if j < len(w) && wc != "" && i != 1 && i != 2 && s.Types[i][j] != "s" {
				t.Errorf("openpyxl: row %d column %d %q has type %q; want a string (s)", i+1, j+1, wc, s.Types[i][j])
			}
		}
	}
	if s.Types[1][1] != "n" {
		t.Errorf("openpyxl: B2 has type %q; want a number (n)", s.Types[1][1])
	}
	if len(s.Bold) < 3 || !reflect.DeepEqual(s.Bold[:3], []bool{true, true, true}) {
		t.Errorf("openpyxl: header bold %v; want all", s.Bold)
	}
	if s.Frozen == nil || *s.Frozen != "A2" {
		t.Errorf("openpyxl: freeze panes %v; want A2", s.Frozen)
	}
	if s.Widths["A"] != 20 || s.Widths["C"] != 60 {
		t.Errorf("openpyxl: widths %v; want A 20, C 60", s.Widths)
	}
	if r := got.Sheets[1].Rows; len(r) != 1 || fmt.Sprint(r[0]) != "[  C1]" {
		t.Errorf("openpyxl: second sheet %q; want C1 only", r)
	}

	theirs := filepath.Join(dir, "theirs.xlsx")
	out, err = exec.Command(py, script, "write", theirs).Output()
	if err != nil {
		t.Fatalf("openpyxl write: %v\n%s", err, stderr(err))
	}
	var wantRows struct{ Rows []Row }
	if err := json.Unmarshal(out, &wantRows); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(theirs)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := Read(b, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got := wb.Sheets(); !reflect.DeepEqual(got, []string{"Systeme", "Zweites"}) {
		t.Errorf("Sheets() of openpyxl's workbook = %q", got)
	}
	rows, err := wb.Sheet(0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows, wantRows.Rows) {
		t.Errorf("openpyxl's workbook reads as %v;\nwant %v", rows, wantRows.Rows)
	}
}

func stderr(err error) []byte {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.Stderr
	}
	return nil
}
