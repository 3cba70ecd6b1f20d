package load

import (
	"runtime"
	"testing"

	"maki/internal/corpus"
)

// heapInUse returns the bytes of live heap objects after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// loadedBytes loads a synthetic corpus of n systems and returns the heap
// the loaded register holds per system (the corpus files not counted).
func loadedBytes(tb testing.TB, n int) float64 {
	fsys := corpus.FS(n, 1)
	before := heapInUse()
	reg, errs := Register(fsys, "content")
	after := heapInUse()
	if errs.Err() != nil {
		tb.Fatal(errs.Errors()[0])
	}
	runtime.KeepAlive(reg)
	runtime.KeepAlive(fsys)
	return float64(after-before) / float64(n)
}

// TestLoadMemory: what the register holds per system after load stays
// within a budget. With source positions as three maps per system (the
// file name in every entry) it was 12,300 bytes/system on the corpus; with
// the compact table and interned short values it is about 5,700.
func TestLoadMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 2,000 systems")
	}
	const budget = 9000
	if per := loadedBytes(t, 2000); per > budget {
		t.Errorf("loaded register holds %.0f bytes/system; want at most %d", per, budget)
	}
}

// BenchmarkLoadMemory reports what the register holds per system after
// load (bytes/system: texts, lists and source positions), at
// corpus.BenchSize(10000) systems.
func BenchmarkLoadMemory(b *testing.B) {
	n := corpus.BenchSize(10000)
	var per float64
	for b.Loop() {
		per = loadedBytes(b, n)
	}
	b.ReportMetric(per, "bytes/system")
}
