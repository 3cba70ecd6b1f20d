package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"maki/internal/register"
)

// CSV format of daten/register.csv: RFC 4180 (comma, CRLF, double quotes),
// UTF-8 with a byte order mark so that spreadsheet programs detect the
// encoding, one header row and one row per system sorted by id.
//
// A text field becomes two columns, <key>_de and <key>_en. A list becomes
// one cell with its items joined by ";"; a list of records (assessments,
// legal_basis, models, data) becomes one column per record field, each a
// ";"-joined list with one item per record, so the n-th items belong
// together. Inside an item a ";" is written "\;" and a "\" is written "\\".
// Booleans are "true" or "false"; absent values are empty cells.
// Organisation columns add the owner's resolved name, level, Land and
// contact address (the one to use when contact_email is empty).
//
// Formula injection (OWASP "CSV Injection"): a cell whose first character
// is "=", "+", "-", "@", a tab or a carriage return is written with a
// single quote "'" in front, so that a spreadsheet shows it as text
// instead of running it as a formula ("=HYPERLINK(…)", "@SUM(…)", and
// also a text like "- Stichpunkt"). So that the quote can be taken off
// again exactly, a cell that starts with "'" followed by one of those
// characters or by another "'" gets one as well; every other cell is
// written as it is. Carriage returns are dropped from every cell before
// (RFC 4180 line ends are CR LF, and readers fold CR LF inside a cell to
// LF), so a cell never starts with one. CellValue undoes it; "maki import" does the same.
// RFC 4180 quoting keeps commas, double quotes and line breaks inside their
// cell, so no value can start a cell of its own in a program that reads the
// file as RFC 4180. The rule is applied to whole cells after the list encoding; valid ids,
// enumeration values, dates, numbers and URLs never start with these
// characters, so in practice only free texts and names are affected.

// csvColumn is one column: its header and how to read it from a system.
type csvColumn struct {
	name string
	get  func(x *exporter, s *register.System) string
}

// CSVSeparator joins list items in a CSV cell.
const CSVSeparator = ";"

// formulaStart reports whether c, the first byte of a cell, makes a
// spreadsheet read the cell as a formula (OWASP's list).
func formulaStart(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// quoted reports whether cell carries the quote neutralise puts in front:
// a "'" followed by a formula character or by another "'".
func quoted(cell string) bool {
	return len(cell) > 1 && cell[0] == '\'' && (formulaStart(cell[1]) || cell[1] == '\'')
}

// neutralise returns the cell as register.csv writes it: with a "'" in
// front when it starts with a formula character, or when it would
// otherwise look as if it had one (see quoted).
func neutralise(cell string) string {
	if cell != "" && formulaStart(cell[0]) || quoted(cell) {
		return "'" + cell
	}
	return cell
}

// Neutralise returns a cell for a CSV file that people open in a
// spreadsheet, neutralised against formula injection as register.csv
// writes its cells: a "'" in front of a cell that starts with "=", "+",
// "-", "@", a tab or a carriage return, or with "'" and one of them.
func Neutralise(cell string) string { return neutralise(cell) }

// CellValue is the inverse of the formula neutralisation of register.csv:
// it removes the "'" in front of a cell that starts with "'" followed by
// "=", "+", "-", "@", a tab, a carriage return or "'". Other cells, also
// those that start with a "'" followed by anything else ("'s-Hertogenbosch"),
// are returned as they are, so that CSV files written by other programs
// read as they look.
func CellValue(cell string) string {
	if quoted(cell) {
		return cell[1:]
	}
	return cell
}

// joinList joins items with ";", escaping ";" and "\" inside items.
func joinList(items []string) string {
	if len(items) == 0 {
		return ""
	}
	esc := make([]string, len(items))
	for i, it := range items {
		it = strings.ReplaceAll(it, `\`, `\\`)
		esc[i] = strings.ReplaceAll(it, ";", `\;`)
	}
	return strings.Join(esc, CSVSeparator)
}

// SplitList is the inverse of the list encoding of register.csv: it splits
// a cell at unescaped ";" and unescapes "\;" and "\\". An empty cell is an
// empty list.
func SplitList(cell string) []string {
	if cell == "" {
		return nil
	}
	var out []string
	var b strings.Builder
	for i := 0; i < len(cell); i++ {
		c := cell[i]
		switch {
		case c == '\\' && i+1 < len(cell):
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

func textCols(key string, get func(*register.System) register.Text) []csvColumn {
	return []csvColumn{
		{key + "_de", func(_ *exporter, s *register.System) string { return get(s).De }},
		{key + "_en", func(_ *exporter, s *register.System) string { return get(s).En }},
	}
}

func col(key string, get func(*register.System) string) csvColumn {
	return csvColumn{key, func(_ *exporter, s *register.System) string { return get(s) }}
}

// listCol is a column of a list of records: one item per record.
func listCol[T any](key string, list func(*register.System) []T, get func(T) string) csvColumn {
	return csvColumn{key, func(_ *exporter, s *register.System) string {
		items := list(s)
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = get(it)
		}
		return joinList(out)
	}}
}

func boolStr(b bool) string { return strconv.FormatBool(b) }

// csvColumns lists the columns of register.csv in order.
func csvColumns() []csvColumn {
	var cols []csvColumn
	add := func(c ...csvColumn) { cols = append(cols, c...) }
	add(col("id", func(s *register.System) string { return s.ID }))
	add(textCols("name", func(s *register.System) register.Text { return s.Name })...)
	add(textCols("summary", func(s *register.System) register.Text { return s.Summary })...)
	add(textCols("description", func(s *register.System) register.Text { return s.Description })...)
	add(col("organisation", func(s *register.System) string { return s.Organisation }))
	add(
		csvColumn{"organisation_name_de", func(x *exporter, s *register.System) string {
			if o := x.r.Organisation(s.Organisation); o != nil {
				return o.Name.De
			}
			return ""
		}},
		csvColumn{"organisation_name_en", func(x *exporter, s *register.System) string {
			if o := x.r.Organisation(s.Organisation); o != nil {
				return o.Name.En
			}
			return ""
		}},
		csvColumn{"organisation_level", func(x *exporter, s *register.System) string {
			if o := x.r.Organisation(s.Organisation); o != nil {
				return string(o.Level)
			}
			return ""
		}},
		csvColumn{"organisation_state", func(x *exporter, s *register.System) string {
			if o := x.r.Organisation(s.Organisation); o != nil {
				return o.State
			}
			return ""
		}},
		// The address to write to when the entry gives no contact_email
		// (format v1.1): the organisation's.
		csvColumn{"organisation_contact_email", func(x *exporter, s *register.System) string {
			if o := x.r.Organisation(s.Organisation); o != nil {
				return o.ContactEmail
			}
			return ""
		}},
	)
	add(col("partners", func(s *register.System) string { return joinList(s.Partners) }))
	add(col("status", func(s *register.System) string { return string(s.Status) }))
	add(col("start", func(s *register.System) string { return string(s.Start) }))
	add(col("end", func(s *register.System) string { return string(s.End) }))
	add(col("topics", func(s *register.System) string { return joinList(s.Topics) }))
	add(col("techniques", func(s *register.System) string {
		t := make([]string, len(s.Techniques))
		for i, v := range s.Techniques {
			t[i] = string(v)
		}
		return joinList(t)
	}))
	add(col("users", func(s *register.System) string { return string(s.Users) }))
	add(textCols("purpose", func(s *register.System) register.Text { return s.Purpose })...)
	add(col("risk_class", func(s *register.System) string { return string(s.RiskClass) }))
	add(col("annex_iii_area", func(s *register.System) string {
		if s.AnnexIIIArea == 0 {
			return ""
		}
		return strconv.Itoa(s.AnnexIIIArea)
	}))
	add(textCols("art6_3_grounds", func(s *register.System) register.Text { return s.Art63Grounds })...)
	add(col("eu_database_url", func(s *register.System) string {
		if s.EUDatabase == nil {
			return ""
		}
		return s.EUDatabase.URL
	}))
	add(col("eu_database_id", func(s *register.System) string {
		if s.EUDatabase == nil {
			return ""
		}
		return s.EUDatabase.ID
	}))
	add(textCols("operating_logic", func(s *register.System) register.Text { return s.OperatingLogic })...)
	add(textCols("human_oversight", func(s *register.System) register.Text { return s.HumanOversight })...)
	add(textCols("risks", func(s *register.System) register.Text { return s.Risks })...)
	add(col("decision_role", func(s *register.System) string { return string(s.DecisionRole) }))
	add(textCols("redress", func(s *register.System) register.Text { return s.Redress })...)
	add(textCols("alternatives", func(s *register.System) register.Text { return s.Alternatives })...)
	add(textCols("performance", func(s *register.System) register.Text { return s.Performance })...)
	add(col("personal_data", func(s *register.System) string { return string(s.PersonalData) }))

	as := func(s *register.System) []register.Assessment { return s.Assessments }
	add(
		listCol("assessments_type", as, func(a register.Assessment) string { return string(a.Type) }),
		listCol("assessments_date", as, func(a register.Assessment) string { return string(a.Date) }),
		listCol("assessments_url", as, func(a register.Assessment) string { return a.URL }),
		listCol("assessments_summary_de", as, func(a register.Assessment) string { return a.Summary.De }),
		listCol("assessments_summary_en", as, func(a register.Assessment) string { return a.Summary.En }),
	)
	lb := func(s *register.System) []register.LegalBasis { return s.LegalBasis }
	add(
		listCol("legal_basis_title_de", lb, func(l register.LegalBasis) string { return l.Title.De }),
		listCol("legal_basis_title_en", lb, func(l register.LegalBasis) string { return l.Title.En }),
		listCol("legal_basis_url", lb, func(l register.LegalBasis) string { return l.URL }),
	)
	ms := func(s *register.System) []register.Model { return s.Models }
	add(
		listCol("models_name", ms, func(m register.Model) string { return m.Name }),
		listCol("models_provider", ms, func(m register.Model) string { return m.Provider }),
		listCol("models_version", ms, func(m register.Model) string { return m.Version }),
		listCol("models_open_weights", ms, func(m register.Model) string { return boolStr(m.OpenWeights) }),
	)
	ds := func(s *register.System) []register.DataSet { return s.Data }
	add(
		listCol("data_title_de", ds, func(d register.DataSet) string { return d.Title.De }),
		listCol("data_title_en", ds, func(d register.DataSet) string { return d.Title.En }),
		listCol("data_phase", ds, func(d register.DataSet) string { return string(d.Phase) }),
		listCol("data_url", ds, func(d register.DataSet) string { return d.URL }),
		listCol("data_description_de", ds, func(d register.DataSet) string { return d.Description.De }),
		listCol("data_description_en", ds, func(d register.DataSet) string { return d.Description.En }),
	)
	add(col("development", func(s *register.System) string { return string(s.Development) }))
	add(col("vendor", func(s *register.System) string { return s.Vendor }))
	add(col("hosting", func(s *register.System) string { return string(s.Hosting) }))
	add(col("source_code_url", func(s *register.System) string { return s.SourceCodeURL }))
	add(col("license", func(s *register.System) string { return s.License }))
	add(col("reuse", func(s *register.System) string { return string(s.Reuse) }))
	add(textCols("cooperation", func(s *register.System) register.Text { return s.Cooperation })...)
	add(col("based_on", func(s *register.System) string { return s.BasedOn }))
	add(col("contact_email", func(s *register.System) string { return s.ContactEmail }))
	add(col("source_url", func(s *register.System) string { return s.SourceURL }))
	add(col("contact_url", func(s *register.System) string { return s.ContactURL }))
	add(col("published", func(s *register.System) string { return string(s.Published) }))
	add(col("updated", func(s *register.System) string { return string(s.Updated) }))
	add(col("next_review", func(s *register.System) string { return string(s.NextReview) }))
	add(col("tags", func(s *register.System) string { return joinList(s.Tags) }))
	add(col("restricted", func(s *register.System) string { return boolStr(s.Restricted) }))
	add(csvColumn{"page_url", func(x *exporter, s *register.System) string { return x.pageURL("de", s.ID) }})
	return cols
}

// CSVHeader returns the column names of register.csv in order.
func CSVHeader() []string {
	cols := csvColumns()
	h := make([]string, len(cols))
	for i, c := range cols {
		h[i] = c.name
	}
	return h
}

// RegisterCSV returns daten/register.csv.
func RegisterCSV(r *register.Register, cfg Config) ([]byte, error) {
	x, err := newExporter(r, cfg)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := x.registerCSV(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// registerCSV writes register.csv to out.
func (x *exporter) registerCSV(out io.Writer) error {
	cols := csvColumns()
	if _, err := io.WriteString(out, "\ufeff"); err != nil {
		return err
	}
	w := csv.NewWriter(out)
	w.UseCRLF = true
	row := make([]string, len(cols))
	for i, c := range cols {
		row[i] = c.name
	}
	if err := w.Write(row); err != nil {
		return err
	}
	for _, s := range x.systems {
		s = Public(s)
		for i, c := range cols {
			// A CSV cell cannot hold a lone carriage return: encoding/csv
			// drops it with UseCRLF, and readers fold CR LF to LF. Drop
			// it here, so that neutralise sees the cell as it is read.
			row[i] = neutralise(strings.ReplaceAll(c.get(x, s), "\r", ""))
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

func (x *exporter) csvFile(out *sink) error {
	return out.stream("daten/register.csv", func(w *bufio.Writer) error { return x.registerCSV(w) })
}
