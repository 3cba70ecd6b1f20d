package render

import (
	"bytes"
	"os"
	"strconv"
	"testing"
	"testing/fstest"
	"time"

	"maki/internal/register"
)

// BenchmarkHistoryPartial renders the fact sheet of a system with 20
// versions (each a word diff of its purpose, as the history benchmark of
// package build makes them) in German and English, alternating three
// themes page by page: the history partial of the default theme (view),
// the partial as it was before the view (methods,
// testdata/history-methods.html) and an empty one (none). It reports the
// time per page of each and what the partial adds to a page with each
// (view-ns, methods-ns: page time minus the empty partial's):
//
//	go test ./internal/render -run '^$' -bench HistoryPartial -benchtime 2000x
func BenchmarkHistoryPartial(b *testing.B) {
	reg := loadCorpus(b, 3)
	id := reg.Systems[0].ID
	h := &register.SystemHistory{ID: id}
	for n := 1; n <= 20; n++ {
		v := &register.Version{N: n, Commit: "0123456789abcdef0123456789abcdef01234567", Date: time.Date(2026, 1, n, 0, 0, 0, 0, time.UTC)}
		if n == 1 {
			v.Changes = []register.Change{{Kind: register.ChangeCreated}}
		} else {
			v.Changes = []register.Change{{Field: "purpose", Kind: register.ChangeText, Words: []register.WordOp{
				{Op: '-', Text: "Fassung " + strconv.Itoa(n-1) + "."}, {Op: '+', Text: "Fassung " + strconv.Itoa(n) + "."},
				{Op: ' ', Text: " Der Zweck des Systems bleibt, wie er war."}}}}
		}
		h.Versions = append(h.Versions, v)
	}
	reg.History = &register.History{Systems: map[string]*register.SystemHistory{id: h}}
	old, err := os.ReadFile("testdata/history-methods.html")
	if err != nil {
		b.Fatal(err)
	}
	theme := func(partial []byte) *Prepared {
		m := themeWith(b, "").(fstest.MapFS)
		if partial != nil {
			m["templates/partials/history.html"] = &fstest.MapFile{Data: partial}
		}
		return prepareWith(b, m, reg, nil)
	}
	variants := []*Prepared{theme(nil), theme(old), theme([]byte(`{{define "history"}}{{end}}`))}
	var jobs []job
	for _, j := range variants[0].jobs {
		if j.kind == "system" && j.data.(*register.System).ID == id {
			jobs = append(jobs, j)
		}
	}
	if len(jobs) == 0 {
		b.Fatal("no fact sheet")
	}
	var spent [3]time.Duration
	var buf bytes.Buffer
	pages := 0
	for b.Loop() {
		for _, j := range jobs {
			for k, v := range variants {
				buf.Reset()
				start := time.Now()
				if err := v.r.exec(&buf, j); err != nil {
					b.Fatal(err)
				}
				spent[k] += time.Since(start)
			}
			pages++
		}
	}
	per := func(d time.Duration) float64 { return float64(d) / float64(pages) }
	b.ReportMetric(per(spent[0]), "view-page-ns")
	b.ReportMetric(per(spent[1]), "methods-page-ns")
	b.ReportMetric(per(spent[2]), "none-page-ns")
	b.ReportMetric(per(spent[0]-spent[2]), "view-ns")
	b.ReportMetric(per(spent[1]-spent[2]), "methods-ns")
	b.ReportMetric(float64(spent[0]-spent[2])/float64(spent[1]-spent[2]), "view/methods")
}
