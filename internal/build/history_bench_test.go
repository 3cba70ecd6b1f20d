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
	"maki/internal/publish"
)

// The history benchmarks run on a git repository of corpus.BenchSize(200)
// systems (MAKI_BENCH_N) with MAKI_BENCH_COMMITS (default 20) versions
// each:
//
//	MAKI_BENCH_N=1000 go test ./internal/build -run '^$' -bench 'History' -benchtime 5x
//
// BenchmarkHistoryBuild alternates full builds without and with history on
// one repository and reports the median of what the history adds
// (added-%, CPU time of the process and of git), how much of that the
// snapshot files' creation alone costs (snapshot-floor-%) and the rest
// (added-beyond-floor-%). MAKI_BENCH_REPO names a
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
// start), so each of those has commits versions, and packs the objects as
// a clone has them. It runs a handful of git processes per commit,
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
	// A clone (what CI builds) holds its objects in one pack; left loose,
	// as the commits above leave most of them, git cat-file reads 200,000
	// versions about 5 times slower (measured at 10,000 × 20: 13 CPU-s
	// loose, 2.7 from a clone's pack).
	run("repack", "-a", "-d", "-q")
	run("prune")
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

// BenchmarkHistoryBuild alternates a full build without history, one with
// it and the snapshot floor on the same repository, each loop once, and
// reports the CPU time of each (process and git) and the median of what
// the history adds per loop (added-%); the ranges go to the log.
//
// Each kind of build replaces its own earlier output, as a build into
// public/ does: the build with history also removes the snapshots of the
// one before (sharing one folder would charge that removal to the build
// without history).
//
// The snapshot floor is what the permanent files daten/systeme/<id>/<n>.json
// cost to create by themselves: the same files with the same bytes, taken
// from the last build with history, written through publish.Stage from one
// goroutine in the order the export writes them, and committed over the
// floor's earlier output (whose removal it pays, as the build does). It is
// measured with the build's own writer rather than cp -a, which would add
// reading the files and a process and leave out the stage's folder
// bookkeeping and the swap. snapshot-floor-% is its CPU time against the
// build without history; added-beyond-floor-% is added-% less that.
func BenchmarkHistoryBuild(b *testing.B) {
	n, m := corpus.BenchSize(200), benchCommits()
	content := GitHistoryRepo(b, b.TempDir(), n, m)
	tmp := b.TempDir()
	outs := map[bool]string{false: filepath.Join(tmp, "off"), true: filepath.Join(tmp, "on")}
	floorOut := filepath.Join(tmp, "floor")
	var off, on, added, offWall, onWall, addedWall, floor, floorWall, beyond, beyondWall []float64
	var snaps []snapshotFile
	for b.Loop() {
		for _, hist := range []bool{false, true} {
			cfg := benchConfig(content, outs[hist])
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
		if snaps == nil {
			b.StopTimer()
			snaps = readSnapshots(b, filepath.Join(outs[true], "daten", "systeme"))
			b.StartTimer()
		}
		start, wall := cpuTime()+childCPUTime(), time.Now()
		writeSnapshots(b, floorOut, snaps)
		floor = append(floor, float64(cpuTime()+childCPUTime()-start)/1e6)
		floorWall = append(floorWall, float64(time.Since(wall))/1e6)
		i := len(on) - 1
		added = append(added, 100*(on[i]/off[i]-1))
		addedWall = append(addedWall, 100*(onWall[i]/offWall[i]-1))
		floor[i] = 100 * floor[i] / off[i]
		floorWall[i] = 100 * floorWall[i] / offWall[i]
		beyond = append(beyond, added[i]-floor[i])
		beyondWall = append(beyondWall, addedWall[i]-floorWall[i])
	}
	bytes := 0
	for _, f := range snaps {
		bytes += len(f.data)
	}
	b.ReportMetric(median(off), "off-cpu-ms")
	b.ReportMetric(median(on), "on-cpu-ms")
	b.ReportMetric(median(added), "added-%")
	b.ReportMetric(median(addedWall), "added-wall-%")
	b.ReportMetric(median(floor), "snapshot-floor-%")
	b.ReportMetric(median(beyond), "added-beyond-floor-%")
	b.ReportMetric(median(beyondWall), "added-beyond-floor-wall-%")
	b.ReportMetric(float64(len(snaps)), "snapshot-files")
	b.ReportMetric(float64(bytes)/1e6, "snapshot-MB")
	for _, x := range []struct {
		what string
		v    []float64
	}{{"history adds, CPU", added}, {"history adds, wall", addedWall}, {"snapshot floor, CPU", floor}, {"snapshot floor, wall", floorWall}, {"beyond the floor, CPU", beyond}, {"beyond the floor, wall", beyondWall}} {
		sort.Float64s(x.v)
		b.Logf("%d systems, %d commits: %s: %.1f %% of the build without history (median), range %.1f to %.1f %% over %d loops", n, m, x.what, median(x.v), x.v[0], x.v[len(x.v)-1], len(x.v))
	}
	b.Logf("%d snapshot files, %.1f MB; builds without history: median %.0f CPU-ms, %.0f wall-ms", len(snaps), float64(bytes)/1e6, median(off), median(offWall))
}

// snapshotFile is one daten/systeme/<id>/<n>.json of a finished build.
type snapshotFile struct {
	name string // slash path in the output
	data []byte
}

// readSnapshots returns the snapshot files under dir (a build's
// daten/systeme) in the order the export writes them: by id, then by
// version.
func readSnapshots(b *testing.B, dir string) []snapshotFile {
	b.Helper()
	ids, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var out []snapshotFile
	for _, id := range ids { // sorted by name
		if !id.IsDir() {
			continue
		}
		vs, err := os.ReadDir(filepath.Join(dir, id.Name()))
		if err != nil {
			b.Fatal(err)
		}
		first := len(out)
		for _, v := range vs {
			data, err := os.ReadFile(filepath.Join(dir, id.Name(), v.Name()))
			if err != nil {
				b.Fatal(err)
			}
			out = append(out, snapshotFile{name: "daten/systeme/" + id.Name() + "/" + v.Name(), data: data})
		}
		version := func(f snapshotFile) int {
			n, _ := strconv.Atoi(strings.TrimSuffix(filepath.Base(f.name), ".json"))
			return n
		}
		sort.Slice(out[first:], func(i, j int) bool { return version(out[first+i]) < version(out[first+j]) })
	}
	if len(out) == 0 {
		b.Fatalf("no snapshot files in %s", dir)
	}
	return out
}

// writeSnapshots writes files into a new stage for out and commits it.
func writeSnapshots(b *testing.B, out string, files []snapshotFile) {
	b.Helper()
	stage, err := publish.NewStage(out)
	if err != nil {
		b.Fatal(err)
	}
	defer stage.Abort()
	for _, f := range files {
		if err := stage.Write(f.name, f.data); err != nil {
			b.Fatal(err)
		}
	}
	if err := stage.Commit(); err != nil {
		b.Fatal(err)
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
