package devserver

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"maki/internal/build"
	"maki/internal/corpus"
	"maki/internal/load"
	"maki/internal/validate"
)

// TestRebuildTime measures what the dev server waits for after a save at
// 10,000 systems (DESIGN §8: save → reload < 300 ms): the debounce plus a
// full build.Run, since build has no incremental mode yet. It only runs
// with MAKI_REBUILD_BENCH=<number of systems>, from the repository root's
// themes/default:
//
//	MAKI_REBUILD_BENCH=10000 go test -run TestRebuildTime -v -timeout 30m ./internal/devserver
func TestRebuildTime(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("MAKI_REBUILD_BENCH"))
	if n == 0 {
		t.Skip("set MAKI_REBUILD_BENCH=10000 to measure")
	}
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	t0 := time.Now()
	if err := corpus.Write(content, n, 1); err != nil {
		t.Fatal(err)
	}
	t.Logf("corpus of %d systems written in %s", n, time.Since(t0).Round(time.Millisecond))
	cfg := build.Config{Content: content, Theme: "../../themes/default", Out: filepath.Join(dir, "public"),
		BaseURL: "http://127.0.0.1:1313/", Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}

	t0 = time.Now()
	_, errs := build.Check(context.Background(), cfg)
	t.Logf("check (load + validate + Markdown): %s, %d problems", time.Since(t0).Round(time.Millisecond), len(errs))

	// What an incremental build could keep: the stages one by one.
	t0 = time.Now()
	r, _ := load.Register(os.DirFS(content), "content")
	t.Logf("load of every file: %s", time.Since(t0).Round(time.Millisecond))
	t0 = time.Now()
	validate.Register(r, cfg.Now)
	t.Logf("validate of the loaded register (in memory): %s", time.Since(t0).Round(time.Millisecond))

	for i := 0; i < 2; i++ {
		t0 = time.Now()
		if _, err := build.Run(context.Background(), cfg, testLog{t}); err != nil {
			t.Fatal(err)
		}
		t.Logf("full build %d: %s", i+1, time.Since(t0).Round(time.Millisecond))
	}
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) { l.t.Log(string(p)); return len(p), nil }
