package build

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"maki/internal/corpus"
)

// The history benchmarks run on a git repository of corpus.BenchSize(200)
// systems (MAKI_BENCH_N) with MAKI_BENCH_COMMITS (default 20) versions
// each:
//
//	MAKI_BENCH_N=1000 go test ./internal/build -run '^$' -bench 'History' -benchtime 5x
//
// BenchmarkHistoryBuild alternates full builds without and with history on
// one repository and reports the median of what the history adds
// (added-%, CPU time of the process and of git). MAKI_BENCH_REPO names a
// folder to keep the generated repository in between runs (making one of
// 10,000 systems with 20 commits takes minutes).

// benchCommits is the number of versions of each system.
func benchCommits() int {
	if v, err := strconv.Atoi(os.Getenv("MAKI_BENCH_COMMITS")); err == nil && v > 0 {
		return v
	}
	return 20
}

var (
	blockPurpose = regexp.MustCompile(`(?m)^purpose: \|\n( +)`)
	fassung      = regexp.MustCompile(`(?m)^ +Fassung \d+\.\n`)
)

// GitHistoryRepo writes n systems of the synthetic corpus into dir/content,
// makes dir a git repository and commits every system commits times: the
// first commit adds them, each later one changes the purpose of every
// system written as a block (most of them: a line "Fassung <n>." at its
// start), so each of those has commits versions. It runs a handful of git processes per commit,
// whatever n is.
func GitHistoryRepo(tb testing.TB, dir string, n, commits int) string {
	tb.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("git command not found")
	}
	content := filepath.Join(dir, "content")
	if keep := os.Getenv("MAKI_BENCH_REPO"); keep != "" {
		dir = filepath.Join(keep, fmt.Sprintf("n%d-c%d", n, commits))
		content = filepath.Join(dir, "content")
		if _, err := os.Stat(filepath.Join(dir, "done")); err == nil {
			return content
		}
		if err := os.RemoveAll(dir); err != nil {
			tb.Fatal(err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			tb.Fatal(err)
		}
		defer os.WriteFile(filepath.Join(dir, "done"), nil, 0o644)
	}
	if err := corpus.Write(content, n, benchSeed); err != nil {
		tb.Fatal(err)
	}
	day := 1
	run := func(args ...string) {
		c := exec.Command("git", args...)
		c.Dir = dir
		date := fmt.Sprintf("2026-01-01T%02d:%02d:00Z", day/60, day%60)
		c.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
			"GIT_AUTHOR_NAME=Bench", "GIT_AUTHOR_EMAIL=bench@example.org", "GIT_COMMITTER_NAME=Bench",
			"GIT_COMMITTER_EMAIL=bench@example.org", "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		if out, err := c.CombinedOutput(); err != nil {
			tb.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run("init", "-q", "-b", "main")
	run("add", "-A")
	run("commit", "-q", "-m", "v1")
	sysDir := filepath.Join(content, "systeme")
	entries, err := os.ReadDir(sysDir)
	if err != nil {
		tb.Fatal(err)
	}
	for v := 2; v <= commits; v++ {
		day++
		for _, e := range entries {
			p := filepath.Join(sysDir, e.Name())
			b, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			s := fassung.ReplaceAllString(string(b), "")
			if m := blockPurpose.FindStringSubmatchIndex(s); m != nil {
				indent := s[m[2]:m[3]]
				s = s[:m[0]] + "purpose: |\n" + indent + "Fassung " + strconv.Itoa(v) + ".\n" + s[m[0]+len("purpose: |\n"):]
			}
			if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
				tb.Fatal(err)
			}
		}
		run("add", "-A")
		run("commit", "-q", "-m", "v"+strconv.Itoa(v))
	}
	return content
}

// childCPUTime returns the CPU time of the finished child processes
// (git), which cpuTime does not count.
func childCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per operation of the process and its
// children since start (the machine's wall times swing with other work).
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()+childCPUTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkHistory makes one repository and measures on it the history
// stage alone, the full build without history and the full build with it.
func BenchmarkHistory(b *testing.B) {
	n, m := corpus.BenchSize(200), benchCommits()
	content := GitHistoryRepo(b, b.TempDir(), n, m)
	b.Run("stage", func(b *testing.B) {
		cfg := benchConfig(content, "")
		cfg.History = true
		reg := benchRegister(b, os.DirFS(content))
		start := cpuTime() + childCPUTime()
		for b.Loop() {
			reg.History = nil
			if _, err := readHistory(context.Background(), cfg, reg); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, start)
		versions := 0
		for _, h := range reg.History.Systems {
			versions += len(h.Versions)
		}
		if len(reg.History.Systems) != n || versions < n*m/2 {
			b.Fatalf("history of %d systems, %d versions; want %d systems, about %d versions", len(reg.History.Systems), versions, n, n*m)
		}
		b.ReportMetric(float64(versions), "versions")
	})
	for _, hist := range []bool{false, true} {
		b.Run("build/history="+strconv.FormatBool(hist), func(b *testing.B) {
			cfg := benchConfig(content, filepath.Join(b.TempDir(), "public"))
			cfg.History = hist
			start := cpuTime() + childCPUTime()
			for b.Loop() {
				if _, err := Run(context.Background(), cfg, nil); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, start)
		})
	}
}

// BenchmarkHistoryBuild alternates a full build without history and one
// with it on the same repository, each loop once, and reports the CPU time
// of each (process and git) and the median of what the history adds per
// pair (added-%); its range goes to the log.
func BenchmarkHistoryBuild(b *testing.B) {
	n, m := corpus.BenchSize(200), benchCommits()
	content := GitHistoryRepo(b, b.TempDir(), n, m)
	out := filepath.Join(b.TempDir(), "public")
	var off, on, added, offWall, onWall, addedWall []float64
	for b.Loop() {
		for _, hist := range []bool{false, true} {
			cfg := benchConfig(content, out)
			cfg.History = hist
			start, wall := cpuTime()+childCPUTime(), time.Now()
			if _, err := Run(context.Background(), cfg, nil); err != nil {
				b.Fatal(err)
			}
			ms, wms := float64(cpuTime()+childCPUTime()-start)/1e6, float64(time.Since(wall))/1e6
			if hist {
				on, onWall = append(on, ms), append(onWall, wms)
			} else {
				off, offWall = append(off, ms), append(offWall, wms)
			}
		}
		added = append(added, 100*(on[len(on)-1]/off[len(off)-1]-1))
		addedWall = append(addedWall, 100*(onWall[len(onWall)-1]/offWall[len(offWall)-1]-1))
	}
	b.ReportMetric(median(off), "off-cpu-ms")
	b.ReportMetric(median(on), "on-cpu-ms")
	b.ReportMetric(median(added), "added-%")
	b.ReportMetric(median(addedWall), "added-wall-%")
	for _, x := range []struct {
		what string
		v    []float64
	}{{"CPU", added}, {"wall", addedWall}} {
		sort.Float64s(x.v)
		b.Logf("%d systems, %d commits: history adds %.1f %% %s time (median), range %.1f to %.1f %% over %d pairs", n, m, median(x.v), x.what, x.v[0], x.v[len(x.v)-1], len(x.v))
	}
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
