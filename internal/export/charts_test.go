package export

import (
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"
	"testing"

	"maki/internal/register"
)

// svgChart is what a reader (or a test) can take from a chart.
type svgChart struct {
	XMLName xml.Name `xml:"http://www.w3.org/2000/svg svg"`
	Role    string   `xml:"role,attr"`
	Labels  string   `xml:"aria-labelledby,attr"`
	Title   struct {
		ID   string `xml:"id,attr"`
		Text string `xml:",chardata"`
	} `xml:"title"`
	Desc struct {
		ID   string `xml:"id,attr"`
		Text string `xml:",chardata"`
	} `xml:"desc"`
	Rows []struct {
		Texts []string `xml:"text"`
	} `xml:"g"`
}

func parseChart(t *testing.T, name string, b []byte) svgChart {
	t.Helper()
	var c svgChart
	if err := xml.Unmarshal(b, &c); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return c
}

// chartCounts returns label → number from a chart's bars.
func chartCounts(t *testing.T, name string, c svgChart) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, r := range c.Rows {
		if len(r.Texts) != 2 {
			t.Fatalf("%s: bar with texts %q; want label and number", name, r.Texts)
		}
		n, err := strconv.Atoi(strings.NewReplacer(".", "", ",", "").Replace(r.Texts[1]))
		if err != nil {
			t.Fatalf("%s: bar %q: %v", name, r.Texts, err)
		}
		out[r.Texts[0]] = n
	}
	return out
}

// jsonCounts counts the systems of register.json by group, independently
// of ComputeStats, keyed by value ("" for systems without one).
func jsonCounts(t *testing.T, b []byte) (int, map[string]map[string]int) {
	t.Helper()
	var doc struct {
		Count   int `json:"count"`
		Systems []struct {
			Status       *string `json:"status"`
			Organisation *struct {
				Level *string `json:"level"`
				State *string `json:"state"`
			} `json:"organisation"`
			Topics []struct {
				ID string `json:"id"`
			} `json:"topics"`
			RiskClass    *string  `json:"risk_class"`
			DecisionRole *string  `json:"decision_role"`
			Techniques   []string `json:"techniques"`
			PersonalData *string  `json:"personal_data"`
			Reuse        *string  `json:"reuse"`
			Start        *string  `json:"start"`
		} `json:"systems"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	c := map[string]map[string]int{}
	inc := func(g string, v *string) {
		if c[g] == nil {
			c[g] = map[string]int{}
		}
		s := ""
		if v != nil {
			s = *v
		}
		c[g][s]++
	}
	for _, s := range doc.Systems {
		inc("status", s.Status)
		var level, state *string
		if s.Organisation != nil {
			level, state = s.Organisation.Level, s.Organisation.State
		}
		inc("level", level)
		inc("state", state)
		for _, tp := range s.Topics {
			id := tp.ID
			inc("topic", &id)
		}
		inc("risk_class", s.RiskClass)
		for _, tq := range s.Techniques {
			tq := tq
			inc("technique", &tq)
		}
		inc("decision_role", s.DecisionRole)
		inc("personal_data", s.PersonalData)
		inc("reuse", s.Reuse)
		var year *string
		if s.Start != nil {
			y := (*s.Start)[:4]
			year = &y
		} else if st := *s.Status; st == "pilot" || st == "production" || st == "retired" {
			y := register.Unknown // started, start not stated
			year = &y
		}
		inc("start_year", year)
	}
	return doc.Count, c
}

// The charts, the statistics and register.json tell the same numbers.
func TestChartsAgreeWithStatsAndJSON(t *testing.T) {
	r := fixtureRegister()
	cfg := fixtureConfig()
	files := mustFiles(t, r, cfg)
	st := register.ComputeStats(r)
	total, fromJSON := jsonCounts(t, files["daten/register.json"])
	if total != st.Total {
		t.Errorf("register.json count %d; stats total %d", total, st.Total)
	}
	x, _ := newExporter(r, cfg)
	for _, lang := range []string{"de", "en"} {
		for _, g := range st.Groups {
			name := ChartPath(lang, g.Key)
			c := parseChart(t, name, files[name])
			got := chartCounts(t, name, c)
			if len(c.Rows) != len(g.Items)+boolInt(g.Missing > 0) {
				t.Errorf("%s: %d bars; want %d items + missing", name, len(c.Rows), len(g.Items))
			}
			for _, item := range g.Items {
				label := x.countLabel(lang, item)
				if got[label] != item.N {
					t.Errorf("%s: bar %q = %d; stats say %d", name, label, got[label], item.N)
				}
				if n := fromJSON[g.Key][item.Value]; n != item.N {
					t.Errorf("%s: %s=%s: register.json has %d systems; stats say %d", name, g.Key, item.Value, n, item.N)
				}
				if !strings.Contains(c.Desc.Text, label+": "+formatNum(lang, item.N)) {
					t.Errorf("%s: desc %q lacks %q", name, c.Desc.Text, label+": "+formatNum(lang, item.N))
				}
			}
			if n := fromJSON[g.Key][""]; n != g.Missing {
				t.Errorf("%s: register.json has %d systems without a value; stats say %d", name, n, g.Missing)
			}
			if c.Role != "img" || c.Labels != c.Title.ID+" "+c.Desc.ID || c.Title.Text == "" || strings.Contains(c.Title.Text, "[") {
				t.Errorf("%s: role %q, aria-labelledby %q, title %q", name, c.Role, c.Labels, c.Title.Text)
			}
		}
	}
	// Labels come from the catalog in the chart's language.
	if c := chartCounts(t, "status", parseChart(t, "", files["en/statistik/status.svg"])); c["in use"] != 1 {
		t.Errorf("en status chart = %v; want the English label \"in use\"", c)
	}
	if c := chartCounts(t, "state", parseChart(t, "", files["statistik/state.svg"])); c["Baden-Württemberg"] != 2 || c["kein Land (Bund und andere)"] != 1 {
		t.Errorf("state chart = %v", c)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Charts must work under the site's CSP: no script, no style attribute or
// element, no external references, no event handlers.
func TestChartsAreInert(t *testing.T) {
	files := mustFiles(t, fixtureRegister(), fixtureConfig())
	for p, b := range files {
		if !strings.HasSuffix(p, ".svg") {
			continue
		}
		d := xml.NewDecoder(strings.NewReader(string(b)))
		for {
			tok, err := d.Token()
			if err != nil {
				break
			}
			se, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			switch se.Name.Local {
			case "script", "style", "foreignObject", "image", "use", "a":
				t.Errorf("%s: element <%s>", p, se.Name.Local)
			}
			for _, a := range se.Attr {
				if a.Name.Local == "style" || a.Name.Local == "href" || strings.HasPrefix(a.Name.Local, "on") {
					t.Errorf("%s: attribute %s on <%s>", p, a.Name.Local, se.Name.Local)
				}
			}
		}
	}
}

func TestChartEmptyRegister(t *testing.T) {
	files := mustFiles(t, emptyRegister(), fixtureConfig())
	c := parseChart(t, "status", files["statistik/status.svg"])
	for _, r := range c.Rows {
		if r.Texts[1] != "0" {
			t.Errorf("empty register: bar %q", r.Texts)
		}
	}
	if len(c.Rows) != 5 {
		t.Errorf("empty register: %d status bars; want 5", len(c.Rows))
	}
}

func TestFormatNum(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{{"de", 0, "0"}, {"de", 999, "999"}, {"de", 1000, "1.000"}, {"en", 1234567, "1,234,567"}, {"de", 100000, "100.000"}}
	for _, tt := range tests {
		if got := formatNum(tt.lang, tt.n); got != tt.want {
			t.Errorf("formatNum(%q, %d) = %q; want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

// The chart files are drawn at their natural size (viewBox = width ×
// height, one unit a CSS pixel) with no text below 12 px, so a reader who
// opens one sees its labels at 12 px or more at 100 % zoom.
func TestChartTextSize(t *testing.T) {
	files := mustFiles(t, fixtureRegister(), fixtureConfig())
	for p, b := range files {
		if !strings.HasSuffix(p, ".svg") {
			continue
		}
		d := xml.NewDecoder(strings.NewReader(string(b)))
		var sizes []float64 // font-size of the open elements, inherited
		texts := 0
		for {
			tok, err := d.Token()
			if err != nil {
				break
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				size := 16.0 // the SVG default
				if len(sizes) > 0 {
					size = sizes[len(sizes)-1]
				}
				attr := map[string]string{}
				for _, a := range tok.Attr {
					attr[a.Name.Local] = a.Value
				}
				if v, ok := attr["font-size"]; ok {
					f, err := strconv.ParseFloat(v, 64)
					if err != nil {
						t.Fatalf("%s: <%s font-size=%q>: want a number of pixels", p, tok.Name.Local, v)
					}
					size = f
				}
				sizes = append(sizes, size)
				if tok.Name.Local == "svg" {
					want := "0 0 " + attr["width"] + " " + attr["height"]
					if attr["viewBox"] != want {
						t.Errorf("%s: viewBox %q; want %q (natural size)", p, attr["viewBox"], want)
					}
				}
				if tok.Name.Local == "text" {
					texts++
					if size < 12 {
						t.Errorf("%s: text at %g px; want at least 12", p, size)
					}
				}
			case xml.EndElement:
				sizes = sizes[:len(sizes)-1]
			}
		}
		if texts == 0 {
			t.Errorf("%s: no text", p)
		}
	}
}

// decodeFilter reads filter.json back into each system's rows per group.
func decodeFilter(t *testing.T, b []byte) (int, map[string][][]int) {
	t.Helper()
	var doc struct {
		Total  int `json:"total"`
		Groups []struct {
			Key    string `json:"key"`
			Multi  bool   `json:"multi"`
			Rows   int    `json:"rows"`
			Width  int    `json:"width"`
			Values string `json:"values"`
		} `json:"groups"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", FilterDataPath, err)
	}
	num := func(s string) int {
		n := 0
		for _, c := range s {
			n = n*len(filterDigits) + strings.IndexRune(filterDigits, c)
		}
		return n
	}
	out := map[string][][]int{}
	for _, g := range doc.Groups {
		var entries []string
		if doc.Total == 0 {
			// no systems: no entries
		} else if g.Multi {
			entries = strings.Split(g.Values, ",")
		} else {
			for i := 0; i+g.Width <= len(g.Values); i += g.Width {
				entries = append(entries, g.Values[i:i+g.Width])
			}
		}
		if len(entries) != doc.Total {
			t.Fatalf("%s %s: %d entries; want %d", FilterDataPath, g.Key, len(entries), doc.Total)
		}
		for _, e := range entries {
			var rows []int
			if e == "" && g.Multi {
				rows = []int{g.Rows - 1}
			}
			for i := 0; i+g.Width <= len(e); i += g.Width {
				rows = append(rows, num(e[i:i+g.Width]))
			}
			out[g.Key] = append(out[g.Key], rows)
		}
	}
	return doc.Total, out
}

// filter.json gives every system the rows the statistics count it under:
// counting its rows gives back every table of the statistics page, for
// every group, including values outside the vocabulary and systems whose
// organisation is unknown.
func TestFilterDataAgreesWithStats(t *testing.T) {
	odd := fixtureRegister()
	extra := *odd.Systems[0]
	extra.ID, extra.Status, extra.Organisation, extra.Topics = "odd", "prod", "no-such-org", []string{"no-such-topic", "no-such-topic"}
	odd.Systems = append(odd.Systems, &extra)
	odd.Index()
	for name, r := range map[string]*register.Register{"fixture": fixtureRegister(), "odd": odd, "empty": emptyRegister()} {
		st := register.ComputeStats(r)
		files := mustFiles(t, r, fixtureConfig())
		total, rows := decodeFilter(t, files[FilterDataPath])
		if total != st.Total {
			t.Errorf("%s: total %d; want %d", name, total, st.Total)
		}
		for _, g := range st.Groups {
			counts := make([]int, len(g.Items)+1)
			for _, rs := range rows[g.Key] {
				if !g.Multi && len(rs) != 1 {
					t.Errorf("%s %s: a system in rows %v; want exactly one", name, g.Key, rs)
				}
				for _, i := range rs {
					if i < 0 || i >= len(counts) {
						t.Fatalf("%s %s: row %d of %d", name, g.Key, i, len(counts))
					}
					counts[i]++
				}
			}
			for i, item := range g.Items {
				if counts[i] != item.N {
					t.Errorf("%s %s=%s: filter.json counts %d; stats %d", name, g.Key, item.Value, counts[i], item.N)
				}
			}
			if counts[len(g.Items)] != g.Missing {
				t.Errorf("%s %s: filter.json counts %d without a value; stats %d", name, g.Key, counts[len(g.Items)], g.Missing)
			}
		}
	}
}

// Row numbers take as many digits as the group needs: one digit up to 64
// rows, two up to 4,096.
func TestFilterDataWidth(t *testing.T) {
	st := &register.Stats{Total: 0}
	for _, n := range []int{0, 63, 64, 4095} {
		g := register.Group{Key: "g" + strconv.Itoa(n)}
		for i := range n {
			g.Items = append(g.Items, register.Count{Value: strconv.Itoa(i)})
		}
		st.Groups = append(st.Groups, g)
	}
	b, err := filterData(emptyRegister(), st)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"key":"g0","multi":false,"rows":1,"values":"","width":1`, `"key":"g63","multi":false,"rows":64,"values":"","width":1`, `"key":"g64","multi":false,"rows":65,"values":"","width":2`, `"key":"g4095","multi":false,"rows":4096,"values":"","width":2`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("filter.json %s lacks %s", b, want)
		}
	}
}
