package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"maki/internal/corpus"
	"maki/internal/load"
	"maki/internal/register"
)

// Benchmarks on synthetic registers (internal/corpus). 100,000 systems take
// a few minutes and about 2 GB; they run only with MAKI_BENCH_100K=1:
//
//	go test -run XXX -bench . -benchtime 3x ./internal/search
//	MAKI_BENCH_100K=1 go test -run XXX -bench . -benchtime 1x -timeout 30m ./internal/search
//
// Besides ns/op (Build), each reports the bytes a browser downloads, raw
// and gzip-compressed: a cold one-word query (meta.json, the dictionary
// shard, the postings pack and the summary chunks of the first ten
// results) for a rare, a typical and the most frequent word, and the
// bytes one facet filter adds.

var benchRegs = map[int]*register.Register{}

func benchRegister(b *testing.B, n int) *register.Register {
	if r, ok := benchRegs[n]; ok {
		return r
	}
	r, errs := load.Register(corpus.FS(n, 1), "content")
	if err := errs.Err(); err != nil {
		b.Fatalf("corpus: %v", err)
	}
	benchRegs[n] = r
	return r
}

func benchSizes() []int {
	if os.Getenv("MAKI_BENCH_100K") != "" {
		return []int{10000, 100000}
	}
	return []int{10000}
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			r := benchRegister(b, n)
			b.ResetTimer()
			var ix *Index
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				var err error
				if ix, err = Build(r); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			// CPU seconds are steadier than wall time on a shared machine.
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
			files, _ := ix.Files()
			total := 0
			for _, f := range files {
				total += len(f)
			}
			b.ReportMetric(float64(len(files)), "files")
			// Heap held by one index, and the peak while building one.
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			base := ms.HeapAlloc
			stop := make(chan bool)
			peak := make(chan uint64)
			go func() {
				var top uint64
				for {
					select {
					case <-stop:
						peak <- top
						return
					case <-time.After(5 * time.Millisecond):
						var ms runtime.MemStats
						runtime.ReadMemStats(&ms)
						top = max(top, ms.HeapAlloc)
					}
				}
			}()
			ix2, _ := Build(r)
			stop <- true
			top := <-peak
			runtime.GC()
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapAlloc-base)/1e6, "index-MB")
			b.ReportMetric(float64(top-base)/1e6, "peak-MB")
			runtime.KeepAlive(ix2)
			b.ReportMetric(float64(total)/1e6, "MB")
		})
	}
}

// BenchmarkSimilar measures Similar for every system, as the build calls it.
func BenchmarkSimilar(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ix, err := Build(benchRegister(b, n))
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, id := range ix.ids {
					ix.Similar(id, 5)
				}
			}
		})
	}
}

// download is what a query fetched: paths and their raw and gzip sizes.
type download struct {
	paths     []string
	raw, gzip int
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, 6)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// coldQuery runs q with an empty cache as the browser does (German page,
// first ten results) and returns what it downloaded.
func coldQuery(ix *Index, q string, f Filter) (download, int) {
	fetched := map[string]bool{}
	rd := newReader(func(p string) []byte { fetched[p] = true; return ix.files[p] })
	res, _ := rd.query(queryWords(ix.a, q), f, false)
	docs := res.docs
	m, _ := rd.loadMeta()
	for i, d := range docs {
		if i == 10 {
			break
		}
		fetched[fmt.Sprintf("%sde/%d.json", Dir, int(d)/m.Chunk)] = true
	}
	var dl download
	for p := range fetched {
		dl.paths = append(dl.paths, p)
		dl.raw += len(ix.files[p])
		dl.gzip += gzipLen(ix.files[p])
	}
	sort.Strings(dl.paths)
	return dl, len(docs)
}

// wordsByDF returns a surface form of the rarest-but-shared, median and
// most frequent term.
func wordsByDF(ix *Index) (rare, typical, top string) {
	type kd struct {
		key string
		df  int
	}
	var ks []kd
	for _, k := range ix.keys {
		if len(k.terms) != 1 || len(k.key) < 5 {
			continue
		}
		ks = append(ks, kd{k.key, len(ix.post[k.terms[0]].docs)})
	}
	sort.Slice(ks, func(i, j int) bool {
		if ks[i].df != ks[j].df {
			return ks[i].df < ks[j].df
		}
		return ks[i].key < ks[j].key
	})
	i := sort.Search(len(ks), func(i int) bool { return ks[i].df >= 10 })
	return ks[min(i, len(ks)-1)].key, ks[len(ks)/2].key, ks[len(ks)-1].key
}

func BenchmarkQueryBytes(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ix, err := buildFull(benchRegister(b, n))
			if err != nil {
				b.Fatal(err)
			}
			rare, typical, top := wordsByDF(ix)
			words := []struct{ name, q string }{
				{"chatbot", "Chatbot"}, {"buergeramt", "Bürgeramt"}, {"rare", rare}, {"typical", typical}, {"top", top},
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, w := range words {
					start := time.Now()
					dl, hits := coldQuery(ix, w.q, Filter{})
					el := time.Since(start)
					if i == 0 {
						b.ReportMetric(float64(dl.raw)/1000, w.name+"-kB")
						b.ReportMetric(float64(dl.gzip)/1000, w.name+"-kBgz")
						b.Logf("n=%d %-10s %-22q hits %6d  %3d files  %7.1f kB raw  %6.1f kB gzip  %v  %v", n, w.name, w.q, hits, len(dl.paths), float64(dl.raw)/1000, float64(dl.gzip)/1000, el, dl.paths)
					}
				}
				// A facet filter costs its value's doc set on top.
				m, _ := ix.reader.loadMeta()
				var worst, worstGz int
				var worstName string
				for _, f := range facetNames {
					for v := range m.Facets[f] {
						p := Dir + "f/" + f + "/" + facetFile(v)
						if l := len(ix.files[p]); l > worst {
							worst, worstGz, worstName = l, gzipLen(ix.files[p]), f+"="+v
						}
					}
				}
				if i == 0 {
					b.ReportMetric(float64(worst)/1000, "facet-max-kB")
					b.ReportMetric(float64(len(ix.files[Dir+"meta.json"]))/1000, "meta-kB")
					b.Logf("n=%d largest facet file %s: %.1f kB raw, %.1f kB gzip; meta.json %.1f kB", n, worstName, float64(worst)/1000, float64(worstGz)/1000, float64(len(ix.files[Dir+"meta.json"]))/1000)
				}
			}
		})
	}
}

const jsTimer = `
const fs = require("fs"), path = require("path");
const [script, dir, q] = process.argv.slice(2);
const s = require(script);
const files = {};
const get = (p, bin) => {
  if (!(p in files)) { const b = fs.readFileSync(path.join(dir, p)); files[p] = bin ? new Uint8Array(b) : b.toString("utf8"); }
  return bin ? files[p] : JSON.parse(files[p]);
};
(async () => {
  await new s.Engine(get).query(s.words(q), {}, false); // read the files once
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    const e = new s.Engine(get); // cold engine: parses and decodes everything again
    const r = await e.query(s.words(q), {}, false);
    for (let j = 0; j < Math.min(10, r.docs.length); j++) await e.summary("de", r.docs[j]);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({q, median_ms: times[2], min_ms: times[0]}));
})();
`

// TestJSQueryTime measures, under node, how long the browser script takes
// from the files being there to the first ten results (JSON parsing,
// decoding, scoring, sorting): MAKI_BENCH_JS=100000 go test -run JSQueryTime -v.
func TestJSQueryTime(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("MAKI_BENCH_JS"))
	if n == 0 {
		t.Skip("set MAKI_BENCH_JS to a number of systems")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	r, errs := load.Register(corpus.FS(n, 1), "content")
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	ix, err := buildFull(r)
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("MAKI_BENCH_DIR") // keep the files there, for more runs
	if dir == "" {
		dir = t.TempDir()
	}
	for p, b := range ix.files {
		fp := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(fp), 0o755)
		os.WriteFile(fp, b, 0o644)
	}
	driver := filepath.Join(dir, "timer.js")
	os.WriteFile(driver, []byte(jsTimer), 0o644)
	_, typical, top := wordsByDF(ix)
	for _, q := range []string{"Chatbot", "Bürgeramt", typical, top, "Bearbeitung Bürgeramt"} {
		out, err := exec.Command(node, driver, scriptPath(), filepath.Join(dir, filepath.FromSlash(Dir)), q).CombinedOutput()
		if err != nil {
			t.Fatalf("node: %v\n%s", err, out)
		}
		t.Logf("n=%d %s", n, strings.TrimSpace(string(out)))
	}
}

// TestBudgets asserts DESIGN.md's download budgets: the browser script at
// most 10 KB gzip-compressed, and a cold one-word query (meta.json, the
// dictionary shard, the postings pack and the summaries of the first ten
// results; raw bytes, as if the server did not compress) at most 50 KB at
// 10,000 systems and, with MAKI_BENCH_100K=1, 150 KB at 100,000, for a
// rare, a typical and the most frequent word and two fixed ones.
func TestBudgets(t *testing.T) {
	src, err := os.ReadFile(scriptPath())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(src)
	w.Close()
	t.Logf("search.js: %d bytes, %d gzip-compressed", len(src), buf.Len())
	if buf.Len() > 10<<10 {
		t.Errorf("search.js is %d bytes gzip-compressed; want at most %d", buf.Len(), 10<<10)
	}
	if testing.Short() {
		t.Skip("short: no 10,000-system register")
	}
	budgets := map[int]int{10000: 50_000}
	if os.Getenv("MAKI_BENCH_100K") != "" {
		budgets[100000] = 150_000
	}
	for n, budget := range budgets {
		r, errs := load.Register(corpus.FS(n, 1), "content")
		if err := errs.Err(); err != nil {
			t.Fatal(err)
		}
		ix, err := buildFull(r)
		if err != nil {
			t.Fatal(err)
		}
		rare, typical, top := wordsByDF(ix)
		for _, q := range []string{"Chatbot", "Bürgeramt", rare, typical, top} {
			dl, hits := coldQuery(ix, q, Filter{})
			t.Logf("n=%d %q: %d hits, %d files, %d bytes (%d gzip)", n, q, hits, len(dl.paths), dl.raw, dl.gzip)
			if dl.raw > budget {
				t.Errorf("n=%d: cold query %q downloads %d bytes; want at most %d", n, q, dl.raw, budget)
			}
		}
	}
}
