package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"maki/internal/corpus"
)

// BenchmarkServeSaveToReload measures what an editor waits for in maki
// serve (issue 5: < 300 ms at 10,000 systems): from writing a system file
// (a rename, so it moves in the A–Z list) to the reload event on the
// page's event stream — real fsnotify, the debounce, the incremental
// update — and, reported as page-ms/op, the reloading page's request for
// the changed fact sheet. The corpus has corpus.BenchSize(1000) systems
// (MAKI_BENCH_N=10000 for the size).
func BenchmarkServeSaveToReload(b *testing.B) {
	benchServe(b, 0)
}

// BenchmarkServeSaveWhileIndexing is BenchmarkServeSaveToReload with the
// editor's pace: 5 s between saves, so that a save can arrive while the
// background job of the one before (search index, open data) computes.
func BenchmarkServeSaveWhileIndexing(b *testing.B) {
	benchServe(b, 5*time.Second)
}

func benchServe(b *testing.B, pause time.Duration) {
	n := corpus.BenchSize(1000)
	content := filepath.Join(b.TempDir(), "content")
	if err := corpus.Write(content, n, 1); err != nil {
		b.Fatal(err)
	}
	base := startServe(b, content)
	waitFor(b, 10*time.Minute, func() (string, bool) {
		_, code := get(b, base)
		return "", code == 200
	})
	reloads := subscribeReloads(b, base)
	<-reloads // the stream starts with the current version

	nameLine := regexp.MustCompile(`(?m)^(name:[ \t]*\r?\n[ \t]+de:[ \t]*|name:[ \t]*)(.*)$`)
	var page time.Duration
	i := 0
	for b.Loop() {
		b.StopTimer()
		id := corpus.SystemID(n, 1, i%n)
		file := filepath.Join(content, "systeme", id+".yaml")
		if _, err := os.Stat(file); err != nil {
			file = filepath.Join(content, "systeme", id+".md")
		}
		src, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		i++
		want := "Geändertes System " + strconv.Itoa(i)
		src = nameLine.ReplaceAll(src, []byte("${1}"+want))
		b.StartTimer()
		writeAtomically(b, file, string(src))
		expectReload(b, reloads)
		b.StopTimer()
		start := time.Now()
		body, code := get(b, base+"systeme/"+id+"/")
		page += time.Since(start)
		if code != 200 || !strings.Contains(body, want+"<") {
			b.Fatalf("after the save %s shows no %q (status %d)", id, want, code)
		}
		time.Sleep(pause)
		b.StartTimer()
	}
	b.ReportMetric(float64(page.Milliseconds())/float64(b.N), "page-ms/op")
}
