package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"

	"maki/internal/corpus"
	"maki/internal/load"
	"maki/internal/markdown"
	"maki/internal/register"
	"maki/internal/render"
	"maki/internal/validate"
)

// The stage benchmarks run on a synthetic corpus of corpus.BenchSize(1000)
// systems (MAKI_BENCH_N=10000 for the DESIGN §8 size); bench/stages.sh
// runs them all. Each measures one stage of build.Run on its own, with the
// stages before it done untimed.

const benchSeed = 1

// benchContent writes the corpus into a temporary directory once per
// benchmark and returns its path.
func benchContent(b *testing.B) (dir string, n int) {
	b.Helper()
	n = corpus.BenchSize(1000)
	dir = filepath.Join(b.TempDir(), "content")
	if err := corpus.Write(dir, n, benchSeed); err != nil {
		b.Fatal(err)
	}
	return dir, n
}

func benchConfig(content, out string) Config {
	return Config{Content: content, Theme: "../../themes/default", Out: out, Now: testNow}
}

// benchRegister loads and checks the corpus; it must have no errors.
func benchRegister(b *testing.B, fsys fs.FS) *register.Register {
	b.Helper()
	reg, errs := checkFS(fsys, "content", testNow, markdown.New())
	if errs.Err() != nil {
		b.Fatalf("corpus has errors: %v", errs.Errors()[0])
	}
	return reg
}

func BenchmarkLoad(b *testing.B) {
	fsys := corpus.FS(corpus.BenchSize(1000), benchSeed)
	for b.Loop() {
		if _, errs := load.Register(fsys, "content"); errs.Err() != nil {
			b.Fatal(errs.Errors()[0])
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	reg := benchRegister(b, corpus.FS(corpus.BenchSize(1000), benchSeed))
	for b.Loop() {
		validate.Register(reg, testNow)
	}
}

func BenchmarkMarkdownCheck(b *testing.B) {
	reg := benchRegister(b, corpus.FS(corpus.BenchSize(1000), benchSeed))
	md := markdown.New()
	for b.Loop() {
		checkMarkdown(reg, md)
	}
}

// benchPublic returns the public view of the checked corpus, served from
// https://example.org/, with the build config and the theme's catalog.
func benchPublic(b *testing.B) (*register.Register, Config, register.Catalog) {
	b.Helper()
	reg := benchRegister(b, corpus.FS(corpus.BenchSize(1000), benchSeed)).Public()
	reg.Site.BaseURL = "https://example.org/"
	cfg := benchConfig("", "")
	cat, errs := load.Catalog(os.DirFS(cfg.Theme), "themes/default")
	if errs.Err() != nil {
		b.Fatal(errs)
	}
	return reg, cfg, cat
}

// BenchmarkRender renders every page of both languages (cards included)
// into memory; the similar systems come from the search stage, untimed.
func BenchmarkRender(b *testing.B) {
	reg, cfg, cat := benchPublic(b)
	ext, err := extras(context.Background(), reg, cfg, reg.Site.BaseURL, cat, false)
	if err != nil {
		b.Fatal(err)
	}
	md := markdown.New()
	rcfg := render.Config{BaseURL: reg.Site.BaseURL, Now: testNow, Catalog: cat, Markdown: md.HTML,
		Similar: ext.similar, Stats: register.ComputeStats(reg)}
	discard := func(string, []byte) error { return nil }
	for b.Loop() {
		if _, err := render.Site(context.Background(), os.DirFS(cfg.Theme), reg, rcfg, discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtras derives the search index and similar systems and
// encodes the search files, open data, feeds and schemas.
func BenchmarkExtras(b *testing.B) {
	reg, cfg, cat := benchPublic(b)
	discard := func(string, []byte) error { return nil }
	for b.Loop() {
		ext, err := extras(context.Background(), reg, cfg, reg.Site.BaseURL, cat, false)
		if err != nil {
			b.Fatal(err)
		}
		if err := ext.emit(context.Background(), nil, discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild is the whole of build.Run from a content directory on
// disk into an output directory, published.
func BenchmarkBuild(b *testing.B) {
	content, _ := benchContent(b)
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		if _, err := Run(context.Background(), benchConfig(content, out), nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSessionSave is what `maki serve` does after an editor saves a
// system (renamed, so it moves in the A–Z list): Session.Update — the
// time to the reload event — and rendering the system's page, which the
// reloading browser asks for. The target (issue 5) is < 300 ms at 10,000
// systems.
func BenchmarkSessionSave(b *testing.B) {
	content, n := benchContent(b)
	out := filepath.Join(b.TempDir(), "serve")
	s := NewSession(benchConfig(content, ""), nil)
	s.delay = 1 << 62 // the background job is not part of the latency
	ctx := context.Background()
	if err := s.Update(ctx, out, sessionBase, nil); err != nil {
		b.Fatal(err)
	}
	// The German name: "name: X" or "name:\n  de: X".
	cpu0 := cpuTime()
	defer func() { b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op") }()
	nameLine := regexp.MustCompile(`(?m)^(name:[ \t]*\r?\n[ \t]+de:[ \t]*|name:[ \t]*)(.*)$`)
	i := 0
	for b.Loop() {
		id := corpus.SystemID(n, benchSeed, i%n)
		file := systemFile(b, content, id)
		src, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		i++
		src = nameLine.ReplaceAll(src, []byte("${1}Geändertes System "+strconv.Itoa(i)))
		if err := os.WriteFile(file, src, 0o644); err != nil {
			b.Fatal(err)
		}
		if err := s.Update(ctx, out, sessionBase, []string{file}); err != nil {
			b.Fatal(err)
		}
		page, ok, err := s.Page("systeme/" + id + "/index.html")
		if err != nil || !ok || !regexp.MustCompile("Geändertes System "+strconv.Itoa(i)+"<").Match(page) {
			b.Fatalf("page of %s after the save: ok %v, err %v", id, ok, err)
		}
	}
}

// systemFile returns the file of system id in content (.yaml or .md).
func systemFile(b *testing.B, content, id string) string {
	for _, ext := range []string{".yaml", ".md"} {
		p := filepath.Join(content, "systeme", id+ext)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	b.Fatalf("no file for system %s", id)
	return ""
}

// cpuTime returns the CPU time (user + system) the process has used, for
// benchmarks on a machine whose wall times swing with other work.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkStats(b *testing.B) {
	reg := benchRegister(b, corpus.FS(corpus.BenchSize(1000), benchSeed))
	for b.Loop() {
		register.ComputeStats(reg)
	}
}
