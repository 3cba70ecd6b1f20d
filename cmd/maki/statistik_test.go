package main

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"maki/internal/build"
	"maki/internal/register"
)

var (
	sectionRE = regexp.MustCompile(`(?s)<section id="([a-z_]+)" class="stat-group".*?</section>`)
	rowRE     = regexp.MustCompile(`(?s)<tr class="kern-table__row"><th class="kern-table__header" scope="row">(.*?)</th><td[^>]*>([0-9.,]+)</td></tr>`)
	tagRE     = regexp.MustCompile(`<[^>]+>`)
	barRE     = regexp.MustCompile(`<div class="bar-chart__row[^"]*"><span class="bar-chart__label">(.*?)</span> <span class="bar-chart__num">([0-9.,]+)</span><svg [^>]*><rect width="([0-9]+)"`)
)

// number reads "1.234" or "1,234".
func number(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.NewReplacer(".", "", ",", "").Replace(strings.TrimSpace(s)))
	if err != nil {
		t.Fatalf("number %q: %v", s, err)
	}
	return n
}

// The statistics page's tables, its SVG charts and register.json tell the
// same numbers, in both languages, for the example content.
func TestStatisticsTablesChartsAndJSONAgree(t *testing.T) {
	if _, err := os.Stat("../../content/site.yaml"); err != nil {
		t.Skip("no example content")
	}
	out := filepath.Join(t.TempDir(), "public")
	cfg := build.Config{Content: "../../content", Theme: "../../themes/default", Out: out, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}
	if _, err := build.Run(context.Background(), cfg, nil); err != nil {
		t.Fatalf("build: %v", err)
	}
	read := func(p string) []byte {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var reg struct {
		Count   int `json:"count"`
		Systems []struct {
			Status     string   `json:"status"`
			RiskClass  string   `json:"risk_class"`
			Techniques []string `json:"techniques"`
		} `json:"systems"`
	}
	if err := json.Unmarshal(read("daten/register.json"), &reg); err != nil {
		t.Fatal(err)
	}
	fromJSON := map[string]map[string]int{"status": {}, "risk_class": {}, "technique": {}}
	for _, s := range reg.Systems {
		fromJSON["status"][s.Status]++
		fromJSON["risk_class"][s.RiskClass]++
		for _, tq := range s.Techniques {
			fromJSON["technique"][tq]++
		}
	}

	for _, lang := range []string{"de", "en"} {
		prefix := ""
		if lang == "en" {
			prefix = "en/"
		}
		page := string(read(prefix + "statistik/index.html"))
		sections := sectionRE.FindAllStringSubmatch(page, -1)
		if len(sections) != len(register.StatsGroups) {
			t.Fatalf("%sstatistik/: %d statistics sections; want %d", prefix, len(sections), len(register.StatsGroups))
		}
		for _, sec := range sections {
			key := sec[1]
			table := map[string]int{}
			var order []string
			for _, row := range rowRE.FindAllStringSubmatch(sec[0], -1) {
				label := html.UnescapeString(strings.TrimSpace(tagRE.ReplaceAllString(row[1], "")))
				table[label] = number(t, row[2])
				order = append(order, label)
			}
			if len(table) == 0 {
				t.Errorf("%sstatistik/ %s: no table rows", prefix, key)
			}
			if !strings.Contains(sec[0], `<a href="/`+prefix+`statistik/`+key+`.svg" type="image/svg+xml">`) {
				t.Errorf("%sstatistik/ %s: no link to %s.svg", prefix, key, key)
			}
			// The chart on the page (labels and numbers in HTML, one SVG bar
			// each) has the table's rows and numbers.
			bars := barRE.FindAllStringSubmatch(sec[0], -1)
			if len(bars) != len(order) {
				t.Errorf("%s %s: %d bars on the page; table %d rows", lang, key, len(bars), len(order))
			}
			for i, b := range bars {
				if i >= len(order) {
					break
				}
				label := html.UnescapeString(strings.TrimSpace(tagRE.ReplaceAllString(b[1], "")))
				if label != order[i] || number(t, b[2]) != table[order[i]] || number(t, b[3]) != table[order[i]] {
					t.Errorf("%s %s bar %d: %q = %s (bar width %s); table %q = %d", lang, key, i, label, b[2], b[3], order[i], table[order[i]])
				}
			}
			// The chart has the same rows, in the same order, with the same numbers.
			var chart struct {
				Rows []struct {
					Texts []string `xml:"text"`
				} `xml:"g"`
			}
			if err := xml.Unmarshal(read(prefix+"statistik/"+key+".svg"), &chart); err != nil {
				t.Fatalf("%s.svg: %v", key, err)
			}
			if len(chart.Rows) != len(order) {
				t.Errorf("%s %s: chart has %d bars, table %d rows", lang, key, len(chart.Rows), len(order))
				continue
			}
			for i, r := range chart.Rows {
				if r.Texts[0] != order[i] || number(t, r.Texts[1]) != table[order[i]] {
					t.Errorf("%s %s row %d: chart %q = %s; table %q = %d", lang, key, i, r.Texts[0], r.Texts[1], order[i], table[order[i]])
				}
			}
		}
		// And register.json agrees with the table, for a few groups counted
		// straight from the JSON.
		for _, sec := range sections {
			want, ok := fromJSON[sec[1]]
			if !ok {
				continue
			}
			sum := 0
			for _, row := range rowRE.FindAllStringSubmatch(sec[0], -1) {
				sum += number(t, row[2])
			}
			total := 0
			for _, n := range want {
				total += n
			}
			if sum != total {
				t.Errorf("%s %s: table sums to %d; register.json has %d", lang, sec[1], sum, total)
			}
		}
		if lang == "de" {
			page := string(read("statistik/index.html"))
			for status, n := range fromJSON["status"] {
				label := map[string]string{"planned": "geplant", "development": "in Entwicklung", "pilot": "im Pilotbetrieb", "production": "im Einsatz", "retired": "eingestellt"}[status]
				if !strings.Contains(page, ">"+label+"</a></th><td class=\"kern-table__cell kern-table__cell--numeric\">"+strconv.Itoa(n)+"</td>") {
					t.Errorf("statistik/: no row %q with %d (from register.json)", label, n)
				}
			}
		}
	}
}
