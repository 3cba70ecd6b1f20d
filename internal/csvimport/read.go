package csvimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"maki/internal/load"
	"maki/internal/register"
)

// Row is one system or organisation read from the input.
type Row struct {
	Pos    register.Pos // the row (CSV: line of its first cell, column 0; JSON: the object)
	ID     string       // the id column or key
	Values Values       // the content keys and values; Prepare drops them once it has the row's YAML
	// CSV: canonical field path ("name.de", "assessments.type") → column
	// (1-based), shared by all rows of the input; the row has the columns
	// up to ncells.
	cols   map[string]int
	ncells int
	idCol  int
	// JSON: dotted field path of Values ("name", "name.en", "topics.1",
	// "assessments.0.type", "id") → position of its value and of its key.
	pos, keyPos map[string]register.Pos
	// JSON: the strings with escapes as written (path → token), to place
	// a problem inside one at its character.
	raw map[string]string
	bad bool // the reader found an error in it (a key given twice)
}

// column is what a CSV header names: a top-level key, a sub key of a
// record or of eu_database, and a language for texts.
type column struct {
	key, sub, lang string
	ignore         bool // a column derived by the export (organisation_name_de, page_url)
	id             bool
}

func (c column) path() string {
	p := c.key
	if c.sub != "" {
		p += "." + c.sub
	}
	if c.lang != "" {
		p += "." + c.lang
	}
	return p
}

// derived are columns of daten/register.csv that the export computes from
// other data; an import of systems skips them.
var derived = map[string]bool{
	"organisation_name_de": true, "organisation_name_en": true, "organisation_level": true,
	"organisation_state": true, "organisation_contact_email": true, "page_url": true, "page_url_de": true, "page_url_en": true,
}

// parseHeader resolves a header cell: "name", "name.de", "name_de",
// "eu_database.url", "eu_database_url", "assessments_type",
// "assessments.summary.de", …
func parseHeader(k Kind, h string) (column, bool) {
	h = canonical(h)
	if h == "id" {
		return column{id: true}, true
	}
	if k.orDefault() == KindSystem && derived[h] || h == "page_url" {
		return column{ignore: true}, true
	}
	norm := strings.ReplaceAll(h, ".", "_")
	fields := fieldsOf(k.typ())
	// The longest key that is the header or a prefix of it followed by "_".
	var best *register.Field
	for i := range fields {
		k := fields[i].Key
		if (norm == k || strings.HasPrefix(norm, k+"_")) && (best == nil || len(k) > len(best.Key)) {
			best = &fields[i]
		}
	}
	if best == nil {
		return column{}, false
	}
	c := column{key: best.Key}
	rest := strings.TrimPrefix(strings.TrimPrefix(norm, best.Key), "_")
	t := best.Type
	if rest == "" {
		if t == register.TextType {
			c.lang = "de" // a text without a language is German
		}
		return c, true
	}
	if t == register.TextType {
		if rest == "de" || rest == "en" {
			c.lang = rest
			return c, true
		}
		return column{}, false
	}
	st := structOf(t)
	if st == nil {
		return column{}, false
	}
	for _, f := range fieldsOf(st) {
		if rest == f.Key || strings.HasPrefix(rest, f.Key+"_") {
			c.sub = f.Key
			lang := strings.TrimPrefix(strings.TrimPrefix(rest, f.Key), "_")
			switch {
			case lang == "":
				if f.Type == register.TextType {
					c.lang = "de"
				}
				return c, true
			case f.Type == register.TextType && (lang == "de" || lang == "en"):
				c.lang = lang
				return c, true
			}
		}
	}
	return column{}, false
}

// canonical is a header cell or key as parseHeader compares it.
func canonical(h string) string { return strings.ToLower(strings.TrimSpace(h)) }

// columnNames lists every header parseHeader accepts in its dotted form,
// for "did you mean".
func columnNames(k Kind) []string {
	names := []string{"id"}
	for _, f := range fieldsOf(k.typ()) {
		names = append(names, f.Key)
		if f.Type == register.TextType {
			names = append(names, f.Key+".de", f.Key+".en")
		}
		if st := structOf(f.Type); st != nil && st != register.TextType {
			for _, sf := range fieldsOf(st) {
				names = append(names, f.Key+"."+sf.Key)
				if sf.Type == register.TextType {
					names = append(names, f.Key+"."+sf.Key+".de", f.Key+"."+sf.Key+".en")
				}
			}
		}
	}
	return names
}

// sniffComma returns the separator of the header line: the most frequent of
// ",", ";" and tab outside quotes.
func sniffComma(data []byte) rune {
	counts := map[rune]int{}
	inQuote := false
	for _, r := range string(data) {
		if r == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		if r == '\n' {
			break
		}
		if r == ',' || r == ';' || r == '\t' {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// ReadCSV reads systems or organisations (by k) from CSV: UTF-8 with or
// without a byte order mark, separated by commas, semicolons or tabs
// (whichever the header line uses most). file names the input in
// positions.
func ReadCSV(k Kind, file string, data []byte) ([]*Row, register.ErrorList) {
	return readCSV(k, file, data, nil)
}

// readCSV is ReadCSV with a mapping's column names (or nil): a header cell
// is renamed by it before it is read, "-" skips the column, and with the
// mapping's id template no id column is needed.
func readCSV(k Kind, file string, data []byte, m *mapping) ([]*Row, register.ErrorList) {
	var errs register.ErrorList
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		errs.Add(register.Pos{File: file, Line: line}, "", "encoding", "invalid UTF-8; want the file saved as UTF-8 (in spreadsheet programs: \"CSV UTF-8\")")
		return nil, errs
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffComma(data)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			errs.Add(register.Pos{File: file}, "", "empty", "no header line; want a first line naming the columns (id, name, …)")
		} else {
			errs.Add(csvErrPos(file, err), "", "csv", "%s", csvErrMsg(err))
		}
		return nil, errs
	}
	if i := k.wrongKind(header); i >= 0 {
		errs.Add(register.Pos{File: file, Line: 1, Col: i + 1}, "", "kind", "%s", k.wrongKindMsg("column", strings.TrimSpace(header[i])))
		return nil, errs
	}
	cols := make([]column, len(header))
	seen := map[string]int{}
	idCol := -1
	for i, h := range header {
		pos := register.Pos{File: file, Line: 1, Col: i + 1}
		if to, ok := m.column(h); ok {
			if to == "-" {
				cols[i].ignore = true
				continue
			}
			h = to
		}
		if strings.TrimSpace(h) == "" {
			cols[i].ignore = true
			continue
		}
		c, ok := parseHeader(k, h)
		if !ok {
			msg := fmt.Sprintf("unknown column %q", h)
			if s := closest(canonical(h), columnNames(k)); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += "; want a field name like \"name\", \"name.en\", \"topics\" or \"eu_database.url\""
			}
			errs.Add(pos, "", "unknown-key", "%s", msg)
			continue
		}
		if c.id {
			idCol = i
		}
		if !c.ignore {
			p := c.path()
			if c.id {
				p = "id"
			}
			if prev, dup := seen[p]; dup {
				errs.Add(pos, "", "duplicate-key", "column %q names the same field as column %d; want each field once", h, prev+1)
				continue
			}
			seen[p] = i
		}
		cols[i] = c
	}
	if idCol < 0 && m.idTemplate() == "" {
		errs.Add(register.Pos{File: file, Line: 1}, "", "required", "no column \"id\"; want the id (file name) of every %s", k.noun())
	}
	if len(errs) > 0 {
		return nil, errs
	}

	// The columns of the fields, shared by the rows (a row has the first
	// len(rec) of them).
	fieldCols := map[string]int{}
	for i, c := range cols {
		if !c.ignore && !c.id {
			fieldCols[c.path()] = i + 1
		}
	}
	var rows []*Row
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			errs.Add(csvErrPos(file, err), "", "csv", "%s", csvErrMsg(err))
			var pe *csv.ParseError
			if errors.As(err, &pe) && pe.Err == csv.ErrFieldCount {
				continue
			}
			break
		}
		line, _ := r.FieldPos(0)
		if blank(rec) {
			continue
		}
		if len(rec) > len(cols) {
			errs.Add(register.Pos{File: file, Line: line, Col: len(cols) + 1}, "", "csv", "%d cells; want at most %d, one per column of the header", len(rec), len(cols))
			continue
		}
		for i, cell := range rec {
			if j := strings.Index(cell, "\uFFFD"); j >= 0 && !cols[i].ignore {
				l, _ := r.FieldPos(i)
				errs.Warn(register.Pos{File: file, Line: l, Col: i + 1}, cols[i].key, load.DamagedRule, "%s (character %d of the cell)", load.DamagedMsg, utf8.RuneCountInString(cell[:j])+1)
			}
		}
		rows = append(rows, rowFromCSV(k, file, line, rec, cols, fieldCols, idCol))
	}
	return rows, errs
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func csvErrPos(file string, err error) register.Pos {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return register.Pos{File: file, Line: pe.Line, Col: pe.Column}
	}
	return register.Pos{File: file}
}

func csvErrMsg(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// rowFromCSV turns a record into Values by the types of the fields.
func rowFromCSV(k Kind, file string, line int, rec []string, cols []column, fieldCols map[string]int, idCol int) *Row {
	row := &Row{Pos: register.Pos{File: file, Line: line}, Values: Values{}, cols: fieldCols, ncells: len(rec), idCol: idCol + 1}
	if idCol >= 0 && idCol < len(rec) {
		// A copy: the cells of a record share one string, which the row
		// must not keep alive.
		row.ID = strings.Clone(strings.TrimSpace(cellValue(rec[idCol])))
	}
	records := map[string][][]string{} // record list key → per column items, see below
	type recCol struct{ sub, lang string }
	recCols := map[string][]recCol{}
	for i, cell := range rec {
		c := cols[i]
		if c.ignore || c.id {
			continue
		}
		cell = cellValue(cell)
		if strings.TrimSpace(cell) == "" {
			continue
		}
		f := k.field(c.key)
		switch {
		case f.Type == register.TextType:
			setText(row.Values, c.key, c.lang, cell)
		case f.Type.Kind() == reflect.Slice && structOf(f.Type) != nil:
			// A list of records: one ";"-separated item per record.
			recCols[c.key] = append(recCols[c.key], recCol{c.sub, c.lang})
			records[c.key] = append(records[c.key], splitList(cell))
		case f.Type.Kind() == reflect.Pointer:
			m, _ := row.Values[c.key].(map[string]any)
			if m == nil {
				m = map[string]any{}
				row.Values[c.key] = m
			}
			m[c.sub] = scalarFor(subType(f.Type, c.sub), cell)
		case f.Type.Kind() == reflect.Slice:
			var items []any
			for _, it := range splitList(cell) {
				if it = strings.TrimSpace(it); it != "" {
					items = append(items, it)
				}
			}
			if len(items) > 0 {
				row.Values[c.key] = items
			}
		default:
			v := scalarFor(f.Type, cell)
			if b, ok := v.(bool); ok && !b && c.key == "restricted" {
				continue // the default; no need to write it
			}
			row.Values[c.key] = v
		}
	}
	for key, colItems := range records {
		n := 0
		for _, items := range colItems {
			n = max(n, len(items))
		}
		st := structOf(k.field(key).Type)
		list := make([]any, n)
		for i := range list {
			m := map[string]any{}
			for j, items := range colItems {
				if i >= len(items) || strings.TrimSpace(items[i]) == "" {
					continue
				}
				rc := recCols[key][j]
				if rc.lang != "" {
					setText(m, rc.sub, rc.lang, items[i])
					continue
				}
				m[rc.sub] = scalarFor(subType(st, rc.sub), items[i])
			}
			list[i] = m
		}
		row.Values[key] = list
	}
	return row
}

func subType(t reflect.Type, key string) reflect.Type {
	st := structOf(t)
	if st == nil {
		return reflect.TypeOf("")
	}
	for _, f := range fieldsOf(st) {
		if f.Key == key {
			return f.Type
		}
	}
	return reflect.TypeOf("")
}

// setText sets one language of a text; German alone stays a plain string.
// A text on one line is trimmed; Markdown over several lines is kept as it is.
func setText(m map[string]any, key, lang, s string) {
	if !strings.Contains(s, "\n") {
		s = strings.TrimSpace(s)
	}
	if lang == "" {
		lang = "de"
	}
	cur := m[key]
	switch cur := cur.(type) {
	case map[string]any:
		cur[lang] = s
		return
	case string:
		if lang == "de" {
			m[key] = s
			return
		}
		m[key] = map[string]any{"de": cur, "en": s}
		return
	}
	if lang == "de" {
		m[key] = s
	} else {
		m[key] = map[string]any{"en": s}
	}
}

// scalarFor converts a cell to the type of the field: a whole number for
// ints, true/false for booleans, else the string. A cell that does not
// convert stays a string, so that the loader reports it with its rules.
func scalarFor(t reflect.Type, cell string) any {
	s := strings.TrimSpace(cell)
	if t == nil {
		return cell
	}
	switch t.Kind() {
	case reflect.Int:
		if n, err := strconv.Atoi(s); err == nil {
			return n
		}
		return s
	case reflect.Bool:
		switch strings.ToLower(s) {
		case "true", "ja", "wahr", "yes", "1", "x":
			return true
		case "false", "nein", "falsch", "no", "0":
			return false
		}
		return s
	}
	return s
}

// formulaStart reports whether c is one of the first characters that make
// a spreadsheet read a cell as a formula: "=", "+", "-", "@", tab, CR.
func formulaStart(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// cellValue undoes the formula neutralisation of daten/register.csv (see
// export.CellValue): a "'" in front of a formula character or of another
// "'" is taken off. Any other cell, also one that starts with "'" followed
// by anything else, is kept as it is, so that a CSV from another program
// reads as it looks ("'s-Hertogenbosch" stays; "'=1", typed in a
// spreadsheet to keep "=1" as text, becomes "=1").
func cellValue(cell string) string {
	if len(cell) > 1 && cell[0] == '\'' && (formulaStart(cell[1]) || cell[1] == '\'') {
		return cell[1:]
	}
	return cell
}

// splitList splits a cell at ";" not preceded by "\" and unescapes "\;"
// and "\\" (the list encoding of daten/register.csv).
func splitList(cell string) []string {
	var out []string
	var b strings.Builder
	for i := 0; i < len(cell); i++ {
		c := cell[i]
		switch {
		case c == '\\' && i+1 < len(cell) && (cell[i+1] == ';' || cell[i+1] == '\\'):
			i++
			b.WriteByte(cell[i])
		case c == ';':
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(out, b.String())
}
