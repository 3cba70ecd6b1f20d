package build

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"maki/internal/load"
	"maki/internal/markdown"
	"maki/internal/publish"
	"maki/internal/register"
	"maki/internal/render"
)

// Result tells what a build made.
type Result struct {
	Systems, Pages, Files int
	Warnings              register.ErrorList
	// Notes are remarks about the build that are not about the content
	// ("no change history: …"), one line each, for stderr.
	Notes    []string
	Duration time.Duration
}

// Run checks the content and, when it has no errors, builds the whole site
// into cfg.Out atomically. Content errors are returned as a
// register.ErrorList (errors and warnings); cfg.Out is then untouched.
// Progress, when not nil, gets one line per stage.
func Run(ctx context.Context, cfg Config, progress io.Writer) (*Result, error) {
	start := time.Now()
	step := func(format string, args ...any) {
		if progress != nil {
			fmt.Fprintf(progress, "%6.2fs  "+format+"\n", append([]any{time.Since(start).Seconds()}, args...)...)
		}
	}
	// The history is read from git while the content is checked; a build
	// that stops before it is finished stops it and waits for it.
	hctx, stopHistory := context.WithCancel(ctx)
	pending, current := startHistory(hctx, cfg)
	defer func() {
		stopHistory()
		if pending != nil {
			pending.Wait()
		}
	}()
	md := markdown.New()
	var loaded func(string, []byte, *register.System)
	if current != nil {
		loaded = current.add
	}
	reg, errs := check(ctx, cfg, md, loaded)
	current.done()
	step("loaded and checked %d systems, %d organisations", len(reg.Systems), len(reg.Organisations))
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if errs.Err() != nil {
		return nil, errs
	}
	forgetPositions(reg)
	baseURL := cfg.BaseURL
	if baseURL == "" && reg.Site != nil {
		baseURL = reg.Site.BaseURL
	}
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	reg.Site.BaseURL = baseURL

	themeDir := cfg.Theme
	theme := cfg.themeFS(ctx)
	defer theme.Close()
	cat, catErrs := load.Catalog(theme, filepath.ToSlash(filepath.Clean(themeDir)))
	if catErrs.Err() != nil {
		return nil, catErrs
	}

	if err := ctx.Err(); err != nil {
		return nil, err
	}
	stage, err := publish.NewStage(cfg.Out)
	if err != nil {
		return nil, err
	}
	defer stage.Abort()
	out := &output{stage: stage}

	// Each system's snapshot files are written as soon as its history is
	// made (see snapshotWriter).
	each, written := func(*register.SystemHistory) error { return nil }, func() error { return nil }
	if pending != nil {
		if each, written, err = snapshotWriter(reg, baseURL, out); err != nil {
			return nil, err
		}
	}
	notes, err := finishHistory(pending, reg, each)
	if werr := written(); err == nil {
		err = werr
	}
	if err != nil {
		return nil, err
	}
	step("read the change history, wrote its snapshots")
	res := &Result{Systems: len(reg.Systems), Warnings: errs.Warnings(), Notes: notes}

	// The statistics count the whole register, restricted systems with
	// their fields; they are made while the search index is (both only
	// read the register), not before it on one core.
	var stats *register.Stats
	statsDone := make(chan struct{})
	go func(all *register.Register) {
		defer close(statsDone)
		stats = register.ComputeStats(all)
	}(reg)
	// Everything published works on the public view: restricted systems
	// (AI Act Art. 49(4)) have their technical fields cleared.
	reg = reg.Public()
	ext, err := extras(ctx, reg, cfg, baseURL, cat, pending != nil)
	<-statsDone
	if err != nil {
		return nil, err
	}
	ext.files = append(ext.files, editorStage(theme, reg, baseURL))
	if err := ext.writeEarly(ctx, out); err != nil {
		return nil, err
	}
	step("derived and wrote search index, similar systems")

	wb := newWriteBehind(out.Write, writers())
	pages, err := render.Site(ctx, theme, reg, render.Config{
		BaseURL:   baseURL,
		Now:       cfg.Now,
		Catalog:   cat,
		Markdown:  md.HTML,
		Similar:   ext.similar,
		Stats:     stats,
		ThemeRoot: filepath.ToSlash(filepath.Clean(themeDir)),
	}, wb.Write)
	if werr := wb.Wait(); err == nil {
		err = werr
	}
	if err != nil {
		return nil, err
	}
	res.Pages = len(pages)
	step("rendered %d pages", len(pages))

	if err := ext.write(ctx, pages, out); err != nil {
		return nil, err
	}
	if err := copyMedia(ctx, cfg, reg, out); err != nil {
		return nil, err
	}
	step("wrote open data")
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := stage.Commit(); err != nil {
		return nil, err
	}
	res.Files = out.files.n()
	res.Duration = time.Since(start)
	step("published %d files to %s", res.Files, cfg.Out)
	return res, nil
}

// output writes the build's files to its publish stage and counts them.
// It is safe for concurrent use.
type output struct {
	stage *publish.Stage
	files counter
}

// Write writes one whole file (a render.Emit).
func (o *output) Write(name string, data []byte) error {
	o.files.add()
	return o.stage.Write(name, data)
}

// Create starts a file written in pieces.
func (o *output) Create(name string) (io.WriteCloser, error) {
	o.files.add()
	return o.stage.Create(name)
}

// forgetPositions drops the source positions of every entry: they serve
// only the error messages of the check, which has run, and at 100,000
// systems they are half the memory the register holds while the site is
// rendered.
func forgetPositions(reg *register.Register) {
	forget := func(m *register.Meta) { m.ForgetPositions() }
	for _, s := range reg.Systems {
		forget(&s.Meta)
	}
	for _, o := range reg.Organisations {
		forget(&o.Meta)
	}
	for _, p := range reg.Pages {
		forget(&p.Meta)
	}
}
