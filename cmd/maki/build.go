package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"

	"maki/internal/build"
	"maki/internal/publish"
	"maki/internal/register"
)

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf siteFlags
	sf.register(fs)
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	force := fs.Bool("force", false, "replace an output directory that is not empty and was not made by maki (never the content, theme or repository)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile to `file` (for performance work)")
	memprofile := fs.String("memprofile", "", "write a heap profile to `file` at the end of the build")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: maki build [flags]\n\nChecks the content and builds the site into the output directory. The new\nsite replaces the old one only when the whole build succeeded.\n\nThe output directory is replaced as a whole, so it must not be or hold the\ncontent, the theme or the repository, and must be missing, empty (or hold\nonly .gitkeep) or made by an earlier build (it holds "+publish.Marker+");\n--force allows another non-empty directory.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("maki build: unexpected argument %q", fs.Arg(0))
	}
	if err := sf.check("build"); err != nil {
		return err
	}
	if err := sf.checkOut("build", *force); err != nil {
		return err
	}
	tuneGC()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *memprofile != "" {
		defer func() {
			if f, err := os.Create(*memprofile); err == nil {
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		}()
	}
	var progress io.Writer
	if !*quiet && isTerminal(stderr) {
		progress = stderr
	}
	res, err := build.Run(ctx, sf.config(), progress)
	var list register.ErrorList
	if errors.As(err, &list) {
		report(stderr, "text", list, 0)
		fmt.Fprintf(stderr, "maki build: %s; %s left unchanged\n", counts(list), sf.out)
		return exitError{code: 1}
	}
	if err != nil {
		return err
	}
	for _, n := range res.Notes {
		fmt.Fprintf(stderr, "maki build: %s\n", n)
	}
	if !*quiet {
		report(stderr, "text", res.Warnings, 0)
		fmt.Fprintf(stderr, "maki build: %d systems, %d pages, %d files in %s (%.1fs)\n", res.Systems, res.Pages, res.Files, sf.out, res.Duration.Seconds())
	}
	return nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Garbage collector settings for a build, unless GOGC or GOMEMLIMIT set
// them. A build is a batch job whose live heap grows to the register's
// size and is then thrown away: with Go's default (collect whenever the
// heap has doubled) a fifth of a 10,000-system build's CPU went to the
// collector. buildGCPercent lets the heap grow further between
// collections; buildMemoryLimit makes the collector work harder instead
// when the heap nears the memory a build may use (DESIGN §8: 2 GiB at
// 100,000 systems).
const (
	buildGCPercent   = 300
	buildMemoryLimit = 1536 << 20
)

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(buildGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(buildMemoryLimit)
	}
}
