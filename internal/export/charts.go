package export

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"maki/internal/register"
)

// Charts are static SVG files, one per statistics group and language:
// statistik/<group>.svg (German) and en/statistik/<group>.svg, beside the
// statistics pages ({{.URL (print "statistik/" .Key ".svg")}} in a template). They use
// presentation attributes only (no style attribute or element, no script),
// so the site's CSP allows them, and carry role="img" with a <title> and a
// <desc> that state every number. They are drawn at their natural size
// (viewBox = width × height) with text of 14 px and more. The statistics
// page does not embed them: it draws the same numbers as HTML bars (text
// that wraps, zooms and takes the theme's colours), shows them in tables,
// and links each file by its title ("Grafik: KI-Systeme nach Status (SVG)").

// ChartFile returns the file name of a group's chart ("risk_class.svg").
func ChartFile(group string) string { return group + ".svg" }

// ChartPath returns the path of a group's chart in lang, relative to public/.
func ChartPath(lang, group string) string {
	return langPrefix(lang) + "statistik/" + ChartFile(group)
}

// chartTitles are the default chart titles; the catalog key
// "statistik.<group>.title" overrides them.
var chartTitles = map[string]register.Text{
	"status":        {De: "KI-Systeme nach Status", En: "AI systems by status"},
	"level":         {De: "KI-Systeme nach Verwaltungsebene", En: "AI systems by level of government"},
	"state":         {De: "KI-Systeme nach Land", En: "AI systems by federal state"},
	"topic":         {De: "KI-Systeme nach Thema", En: "AI systems by topic"},
	"risk_class":    {De: "KI-Systeme nach Risikoklasse (KI-Verordnung)", En: "AI systems by risk class (AI Act)"},
	"technique":     {De: "KI-Systeme nach Technik", En: "AI systems by technique"},
	"decision_role": {De: "KI-Systeme nach Rolle bei Entscheidungen über Menschen", En: "AI systems by role in decisions about people"},
	"personal_data": {De: "KI-Systeme nach Verarbeitung personenbezogener Daten", En: "AI systems by processing of personal data"},
	"reuse":         {De: "KI-Systeme nach Nachnutzbarkeit", En: "AI systems by availability for reuse"},
	"start_year":    {De: "KI-Systeme nach Jahr des Starts", En: "AI systems by year of start"},
}

// missingLabels name the row of systems without a value; the catalog key
// "statistik.<group>.missing" overrides them.
var missingLabels = map[string]register.Text{
	"state":      {De: "kein Land (Bund und andere)", En: "no state (federal and other)"},
	"start_year": {De: "noch nicht gestartet", En: "not started yet"},
}

var missingDefault = register.Text{De: "ohne Angabe", En: "not specified"}

// ChartTitle returns the title of a group's chart in lang.
func ChartTitle(cat register.Catalog, lang, group string) string {
	x := &exporter{cfg: Config{Catalog: cat}}
	return x.tOr(lang, "statistik."+group+".title", chartTitles[group])
}

// chartRow is one bar.
type chartRow struct {
	label string
	n     int
}

// chartRows returns the rows of a group in lang: its items, then the
// systems without a value when there are any.
func (x *exporter) chartRows(lang string, g register.Group) []chartRow {
	rows := make([]chartRow, 0, len(g.Items)+1)
	for _, c := range g.Items {
		rows = append(rows, chartRow{x.countLabel(lang, c), c.N})
	}
	if g.Missing > 0 {
		def, ok := missingLabels[g.Key]
		if !ok {
			def = missingDefault
		}
		rows = append(rows, chartRow{x.tOr(lang, "statistik."+g.Key+".missing", def), g.Missing})
	}
	return rows
}

// countLabel returns the label of a value: from the catalog for
// enumerations and "not stated" (its Label as the default), else the topic
// label or year.
func (x *exporter) countLabel(lang string, c register.Count) string {
	if c.Key != "" {
		def := c.Value
		if l := text(c.Label, lang); l != "" {
			def = l
		}
		return x.label(lang, c.Key, def)
	}
	if s := text(c.Label, lang); s != "" {
		return s
	}
	return c.Value
}

// Chart geometry, in SVG user units (pixels at 100 %).
const (
	chartWidth   = 720
	chartRowH    = 30
	chartBarH    = 20
	chartTop     = 44
	chartBottom  = 12
	chartPad     = 12
	chartNumW    = 56
	chartFont    = 14
	chartCharW   = 7.6 // average advance of a 14 px sans-serif character, generous
	chartMinLab  = 100
	chartMaxLab  = 360
	chartBarFill = "#1d5a9c"
	chartText    = "#1b1b1b"
	chartGrid    = "#c8ccd0"
)

// formatNum formats n with the thousands separator of lang, as the
// statistics page does ("1.234", "1,234").
func formatNum(lang string, n int) string {
	s := strconv.Itoa(n)
	sep := "."
	if lang == "en" {
		sep = ","
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && c != '-' && s[0] != '-' && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// chartSVG renders a horizontal bar chart.
func chartSVG(lang, id, title, desc string, rows []chartRow) []byte {
	maxN, maxChars := 0, 0
	for _, r := range rows {
		maxN = max(maxN, r.n)
		maxChars = max(maxChars, utf8.RuneCountInString(r.label))
	}
	labW := min(max(int(float64(maxChars)*chartCharW)+chartPad, chartMinLab), chartMaxLab)
	barX := chartPad + labW
	barMax := chartWidth - barX - chartNumW - chartPad
	height := chartTop + len(rows)*chartRowH + chartBottom
	num := strconv.Itoa

	w := &xmlWriter{}
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.open("svg", "xmlns", "http://www.w3.org/2000/svg", "version", "1.1",
		"width", num(chartWidth), "height", num(height), "viewBox", "0 0 "+num(chartWidth)+" "+num(height),
		"role", "img", "aria-labelledby", id+"-title "+id+"-desc",
		"font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", "font-size", num(chartFont))
	w.elem("title", title, "id", id+"-title")
	w.elem("desc", desc, "id", id+"-desc")
	w.empty("rect", "width", "100%", "height", "100%", "fill", "#ffffff")
	w.elem("text", title, "x", num(chartPad), "y", "26", "font-size", "16", "font-weight", "bold", "fill", chartText)
	w.empty("line", "x1", num(barX), "y1", num(chartTop-4), "x2", num(barX), "y2", num(height-chartBottom+4), "stroke", chartGrid, "stroke-width", "1")
	for i, r := range rows {
		y := chartTop + i*chartRowH
		mid := y + chartRowH/2 + 5 // baseline of 14 px text centred on the bar
		barW := 0
		if maxN > 0 {
			barW = (r.n*barMax + maxN/2) / maxN
		}
		if r.n > 0 && barW < 2 {
			barW = 2
		}
		w.open("g")
		w.elem("text", r.label, "x", num(barX-8), "y", num(mid), "text-anchor", "end", "fill", chartText)
		if barW > 0 {
			w.empty("rect", "x", num(barX), "y", num(y+(chartRowH-chartBarH)/2), "width", num(barW), "height", num(chartBarH), "fill", chartBarFill)
		}
		w.elem("text", formatNum(lang, r.n), "x", num(barX+barW+6), "y", num(mid), "fill", chartText)
		w.close("g")
	}
	w.close("svg")
	return w.bytes()
}

// chartDesc is the text alternative of a chart: every row with its number.
func chartDesc(lang string, total int, multi bool, rows []chartRow) string {
	var b strings.Builder
	if lang == "en" {
		b.WriteString(formatNum(lang, total) + " AI systems")
		if multi {
			b.WriteString(" (a system can count several times)")
		}
	} else {
		b.WriteString(formatNum(lang, total) + " KI-Systeme")
		if multi {
			b.WriteString(" (ein System kann mehrfach zählen)")
		}
	}
	b.WriteString(": ")
	for i, r := range rows {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(r.label + ": " + formatNum(lang, r.n))
	}
	b.WriteString(".")
	return b.String()
}

func (x *exporter) charts(out *sink) error {
	st := register.ComputeStats(x.r)
	for _, lang := range x.langs {
		for _, g := range st.Groups {
			rows := x.chartRows(lang, g)
			title := x.tOr(lang, "statistik."+g.Key+".title", chartTitles[g.Key])
			svg := chartSVG(lang, "chart-"+strings.ReplaceAll(g.Key, "_", "-"), title, chartDesc(lang, st.Total, g.Multi, rows), rows)
			if err := out.write(ChartPath(lang, g.Key), svg); err != nil {
				return err
			}
		}
	}
	data, err := filterData(x.r, st)
	if err != nil {
		return err
	}
	return out.write(FilterDataPath, data)
}

// FilterDataPath is the path, relative to public/, of the file the
// statistics page's filter script reads: for every statistics group, the
// row of every system (one file for all languages; the labels are on the
// page).
const FilterDataPath = "statistik/filter.json"

// filterDigits are the digits of the row numbers in filter.json, in order:
// a row number is written in base 64 with the same number of digits for
// every system of a group.
const filterDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// filterData returns filter.json: {"groups": [{"key", "multi", "rows",
// "values", "width"}], "total": N} with the groups of st in their order. Rows
// are numbered as on the statistics page: the items of the group, then the
// systems without a value (row len(Items)). "values" holds each system's
// row numbers, in the order of the systems' ids, each number written with "width"
// digits of filterDigits: for a single-valued group one number per system
// with no separator (every system has exactly one row, maybe the last); for
// a Multi group the systems are separated by "," and a system without a
// value is an empty entry. It works for any group ComputeStats returns,
// because each system's values are found by computing the statistics of a
// register of that system alone.
func filterData(r *register.Register, st *register.Stats) ([]byte, error) {
	type group struct { // keys in sorted order, like every JSON file of the portal
		Key    string `json:"key"`
		Multi  bool   `json:"multi"`
		Rows   int    `json:"rows"`
		Values string `json:"values"`
		Width  int    `json:"width"`
	}
	systems := slices.Clone(r.Systems)
	slices.SortFunc(systems, func(a, b *register.System) int { return strings.Compare(a.ID, b.ID) })
	rowOf := make([]map[string]int, len(st.Groups))
	width := make([]int, len(st.Groups))
	vals := make([]strings.Builder, len(st.Groups))
	for i, g := range st.Groups {
		rowOf[i] = make(map[string]int, len(g.Items))
		for j, c := range g.Items {
			rowOf[i][c.Value] = j
		}
		width[i] = 1
		for n := len(filterDigits); n < len(g.Items)+1; n *= len(filterDigits) {
			width[i]++
		}
	}
	digits := func(b *strings.Builder, n, w int) {
		var d [8]byte
		for k := w - 1; k >= 0; k-- {
			d[k] = filterDigits[n%len(filterDigits)]
			n /= len(filterDigits)
		}
		b.Write(d[:w])
	}
	one := &register.Register{Site: r.Site, Topics: r.Topics, Systems: make([]*register.System, 1)}
	for si, s := range systems {
		one.Systems[0] = s
		one.Organisations = one.Organisations[:0]
		if o := r.Organisation(s.Organisation); o != nil {
			one.Organisations = append(one.Organisations, o)
		}
		one.Index()
		sst := register.ComputeStats(one)
		for i, g := range st.Groups {
			b := &vals[i]
			if g.Multi && si > 0 {
				b.WriteByte(',')
			}
			sg := sst.Group(g.Key)
			found := false
			if sg != nil {
				for _, c := range sg.Items {
					if j, ok := rowOf[i][c.Value]; ok && c.N > 0 {
						digits(b, j, width[i])
						found = true
						if !g.Multi {
							break
						}
					}
				}
			}
			if !found && !g.Multi {
				digits(b, len(g.Items), width[i])
			}
		}
	}
	doc := struct {
		Groups []group `json:"groups"`
		Total  int     `json:"total"`
	}{Total: len(r.Systems), Groups: make([]group, len(st.Groups))}
	for i, g := range st.Groups {
		doc.Groups[i] = group{Key: g.Key, Multi: g.Multi, Rows: len(g.Items) + 1, Width: width[i], Values: vals[i].String()}
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", FilterDataPath, err)
	}
	return append(b, '\n'), nil
}
