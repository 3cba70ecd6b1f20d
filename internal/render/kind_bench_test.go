package render

import (
	"bytes"
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"maki/internal/corpus"
	"maki/internal/load"
	"maki/internal/markdown"
	"maki/internal/register"
)

// BenchmarkPageKinds renders one page at a time of each page type, over a
// corpus of corpus.BenchSize(2000) systems: what a page of each type costs
// (the 404 page is about the layout alone), with compiled templates and
// with html/template (sub-benchmarks compiled and std).
func BenchmarkPageKinds(b *testing.B) {
	reg, errs := load.Register(corpus.FS(corpus.BenchSize(2000), 1), "content")
	if errs.Err() != nil {
		b.Fatal(errs.Errors()[0])
	}
	reg = reg.Public()
	reg.Site.BaseURL = "https://example.org/"
	cat, errs := load.Catalog(os.DirFS("../../themes/default"), "themes/default")
	if errs.Err() != nil {
		b.Fatal(errs)
	}
	cfg := Config{BaseURL: reg.Site.BaseURL, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		Catalog: cat, Markdown: markdown.New().HTML, Stats: register.ComputeStats(reg)}
	p, err := Prepare(context.Background(), os.DirFS("../../themes/default"), reg, cfg, Reuse{})
	if err != nil {
		b.Fatal(err)
	}
	for _, kind := range []string{"system", "list", "facet", "organisation", "page", "notfound"} {
		var jobs []job
		for _, j := range p.jobs {
			if j.kind == kind {
				jobs = append(jobs, j)
			}
		}
		// Compiled templates (package tmplc) and html/template, one
		// after the other for each page type.
		for _, std := range []bool{false, true} {
			name := kind + "/compiled"
			if std {
				name = kind + "/std"
			}
			b.Run(name, func(b *testing.B) {
				p.r.std = std
				defer func() { p.r.std = false }()
				var buf bytes.Buffer
				i := 0
				cpu := cpuTime()
				for b.Loop() {
					buf.Reset()
					if err := p.r.exec(&buf, jobs[i%len(jobs)]); err != nil {
						b.Fatal(err)
					}
					i++
				}
				// The process's CPU time (GC included) per page: on a
				// shared machine steadier than the wall time.
				b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
			})
		}
	}
	if n := p.r.fallbacks.Load(); n != 0 {
		b.Errorf("%d pages fell back to html/template", n)
	}
}

// cpuTime is the user and system CPU time of the process so far, in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
