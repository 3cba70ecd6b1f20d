package export

import (
	"testing"

	"maki/internal/corpus"
	"maki/internal/load"
	"maki/internal/register"
)

// BenchmarkFeeds writes every Atom feed (the main feed and one per
// organisation, topic and Land, both languages) of a synthetic corpus of
// corpus.BenchSize(2000) systems (MAKI_BENCH_N=10000 for DESIGN §8);
// BenchmarkMainFeed only the two main feeds, for comparison.
func BenchmarkFeeds(b *testing.B) {
	benchFeeds(b, func(x *exporter, s *sink) error { return x.feeds(s) })
}
func BenchmarkMainFeed(b *testing.B) { benchFeeds(b, mainFeeds) }

func mainFeeds(x *exporter, s *sink) error {
	entry := func(lang string) func(*register.System) string {
		return func(sys *register.System) string { return x.entryXML(lang, sys) }
	}
	for _, lang := range x.langs {
		if err := s.write(langPrefix(lang)+"feed.xml", x.atomFeed(lang, entry(lang))); err != nil {
			return err
		}
	}
	return nil
}

func benchFeeds(b *testing.B, write func(*exporter, *sink) error) {
	n := corpus.BenchSize(2000)
	reg, errs := load.Register(corpus.FS(n, 1), "content")
	if errs.Err() != nil {
		b.Fatal(errs.Errors()[0])
	}
	reg = reg.Public()
	bytes, files := 0, 0
	for b.Loop() {
		x, err := newExporter(reg, fixtureConfig())
		if err != nil {
			b.Fatal(err)
		}
		bytes, files = 0, 0
		s := &sink{w: FuncWriter(func(_ string, d []byte) error { bytes += len(d); files++; return nil }), sizes: map[string]int{}}
		if err := write(x, s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(bytes)/1e6, "MB")
}
