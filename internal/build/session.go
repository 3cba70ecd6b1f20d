package build

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"maki/internal/export"
	"maki/internal/load"
	"maki/internal/markdown"
	"maki/internal/register"
	"maki/internal/render"
	"maki/internal/validate"
)

// Session is the incremental build behind `maki serve`. It keeps what the
// last build loaded, checked and prepared, and after a change redoes only
// what depends on the changed files: it parses just those files, checks
// just the systems that changed (and the cross-references), reuses the
// cards and sort keys of every other system, and renders no page until it
// is asked for one (Page). So the time from a save to the reload event
// hardly grows with the size of the register.
//
// The theme's static files, the search index and the open data files are
// written into the output directory: at the first build before Update
// returns, after a content change in the background (they are not needed
// to show the changed page, and a newer save cancels them), after which
// the "similar systems" of the pages are brought up to date as well.
//
// A Session is used by one goroutine calling Update; Page may be called
// from any number of goroutines at the same time.
type Session struct {
	cfg Config
	log io.Writer

	// State of the last good build, kept between updates.
	loads    *load.Cache
	checks   *validate.Cache
	mdChecks map[*register.System]register.ErrorList
	md       *markdown.Converter
	cat      register.Catalog
	baseURL  string
	similar  map[string][]string
	// history is the committed change history, read at the first update
	// (historyRead); each update adds the changes not yet committed.
	history     *register.History
	historyRead bool
	// Changes not yet built because an update failed: they still count
	// for the next one.
	dirtyTheme, dirtyOthers bool

	mu   sync.RWMutex // guards prep and gen
	prep *render.Prepared
	gen  int // bumped by every successful Update

	delay    time.Duration      // before the background job starts
	bgMu     sync.Mutex         // held while the background job writes to the output
	bgCancel context.CancelFunc // cancels the pending background job
	bgDone   chan struct{}      // closed when the last background job has stopped
	written  map[string]bool    // files of the last background job, to remove stale ones
}

// SessionDelay is how long a content change must be followed by no other
// before the background job (search index, open data) starts.
// Editors save, look at the preview and go on typing: a job that waits
// for a quiet moment rarely competes with the next save for the CPU.
const SessionDelay = 2 * time.Second

// NewSession returns a session building cfg.Content with cfg.Theme; cfg.Out
// and cfg.BaseURL are given to each Update instead. log, when not nil, gets
// a line when a background job fails.
func NewSession(cfg Config, log io.Writer) *Session {
	if log == nil {
		log = io.Discard
	}
	return &Session{cfg: cfg, log: log, loads: load.NewCache(), checks: validate.NewCache(),
		mdChecks: map[*register.System]register.ErrorList{}, md: markdown.New(), written: map[string]bool{},
		delay: SessionDelay}
}

// Update brings the session up to date after the files in changed were
// written, created or removed (paths as the watcher saw them, under
// cfg.Content or cfg.Theme; nil means anything may have changed). out is
// the directory that receives the static files, search index and open data,
// baseURL the URL the site is served at. Content errors are returned as a
// register.ErrorList and leave the session (and out) as they were.
func (s *Session) Update(ctx context.Context, out, baseURL string, changed []string) error {
	s.stopBackground()
	theme, content, all := s.classify(changed)
	s.dirtyTheme = s.dirtyTheme || theme
	s.dirtyOthers = s.dirtyOthers || content.others
	s.mu.RLock()
	prev := s.prep
	s.mu.RUnlock()
	first := prev == nil || s.dirtyTheme || baseURL != s.baseURL
	if all {
		s.loads.Forget(".")
	} else {
		s.loads.Forget(content.paths...)
	}

	root := filepath.ToSlash(filepath.Clean(s.cfg.Content))
	fsys := s.cfg.contentFS(ctx)
	reg, errs := load.RegisterCached(fsys, root, s.loads)
	errs = append(errs, checkMedia(fsys, root, reg)...)
	fsys.Close()
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.cfg.History && !s.historyRead && len(errs.Errors()) == 0 {
		notes, err := readHistory(ctx, s.cfg, reg)
		if err != nil {
			return err
		}
		for _, n := range notes {
			fmt.Fprintf(s.log, "maki serve: %s\n", n)
		}
		s.history, s.historyRead = reg.History, true
	}
	reg.History = withUnsaved(s.history, reg)
	// The figures and the public view do not depend on the checks: they
	// are made on the other core meanwhile (and dropped if there are errors).
	var (
		stats *register.Stats
		pub   *register.Register
		wg    sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		stats, pub = register.ComputeStats(reg), reg.Public()
	}()
	errs = append(errs, validate.RegisterCached(reg, s.cfg.Now, s.checks)...)
	errs = append(errs, checkMarkdownCached(reg, s.md, s.mdChecks)...)
	errs = append(errs, export.Warnings(reg)...)
	errs.Sort()
	wg.Wait()
	if errs.Err() != nil {
		return errs
	}
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	reg.Site.BaseURL = baseURL
	if first {
		themeFS := s.cfg.themeFS(ctx)
		cat, catErrs := load.Catalog(themeFS, filepath.ToSlash(filepath.Clean(s.cfg.Theme)))
		themeFS.Close()
		if catErrs.Err() != nil {
			return catErrs
		}
		s.cat, s.baseURL = cat, baseURL
	}
	cfg := s.cfg
	cfg.Out, cfg.BaseURL = out, baseURL

	if !first {
		reuse := render.Reuse{Prev: prev, Cards: !s.dirtyOthers}
		prep, err := s.prepare(ctx, pub, stats, s.similar, reuse)
		if err != nil {
			return err
		}
		s.swap(prep)
		s.dirtyOthers = false
		s.startBackground(ctx, cfg, pub, stats)
		return nil
	}

	// A first build: everything, before the first page is shown.
	ext, err := extras(ctx, pub, cfg, baseURL, s.cat, false)
	if err != nil {
		return err
	}
	prep, err := s.prepare(ctx, pub, stats, ext.similar, render.Reuse{})
	if err != nil {
		return err
	}
	assets := &outWriter{dir: out, files: map[string]bool{}}
	if err := prep.EmitAssets(assets.write); err != nil {
		return err
	}
	w := &outWriter{dir: out, files: map[string]bool{}}
	if err := ext.emit(ctx, prep.Pages(), w.write); err != nil {
		return err
	}
	s.similar = ext.similar
	s.written = w.files
	s.swap(prep)
	s.dirtyTheme, s.dirtyOthers = false, false
	return nil
}

// changes sorts the changed paths by what they touch.
type changes struct {
	paths  []string // content-relative, slash separated
	others bool     // something besides systems changed (organisations, topics, pages, site)
}

// classify splits changed into theme and content changes; all is true when
// the whole content must be read again.
func (s *Session) classify(changed []string) (theme bool, content changes, all bool) {
	if changed == nil {
		return true, changes{others: true}, true
	}
	for _, p := range changed {
		if rel, ok := within(s.cfg.Content, p); ok {
			if rel == "." {
				all = true
				content.others = true
				continue
			}
			content.paths = append(content.paths, rel)
			if !strings.HasPrefix(rel, "systeme/") {
				content.others = true
			}
			continue
		}
		if _, ok := within(s.cfg.Theme, p); ok {
			theme = true
		}
	}
	return theme, content, all
}

// within returns p relative to dir, slash separated, when p is inside dir.
func within(dir, p string) (string, bool) {
	rel, err := filepath.Rel(filepath.Clean(dir), filepath.Clean(filepath.FromSlash(p)))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func (s *Session) prepare(ctx context.Context, pub *register.Register, stats *register.Stats, similar map[string][]string, reuse render.Reuse) (*render.Prepared, error) {
	theme := s.cfg.themeFS(ctx)
	defer theme.Close()
	return render.Prepare(ctx, theme, pub, render.Config{
		BaseURL:   s.baseURL,
		Now:       s.cfg.Now,
		Catalog:   s.cat,
		Markdown:  s.md.HTML,
		Similar:   similar,
		Stats:     stats,
		ThemeRoot: filepath.ToSlash(filepath.Clean(s.cfg.Theme)),
	}, reuse)
}

func (s *Session) swap(p *render.Prepared) {
	s.mu.Lock()
	s.prep = p
	s.gen++
	s.mu.Unlock()
}

// Page renders the page at out, a path below the output directory
// ("systeme/x/index.html"), as of the last good Update. ok is false when
// there is no such page (the file may still be one of the written ones).
func (s *Session) Page(out string) (page []byte, ok bool, err error) {
	s.mu.RLock()
	p := s.prep
	s.mu.RUnlock()
	if p == nil {
		return nil, false, nil
	}
	var buf bytes.Buffer
	ok, err = p.Page(out, &buf)
	return buf.Bytes(), ok, err
}

// startBackground schedules the search index, open data and similar
// systems of reg, after SessionDelay unless another update comes first.
func (s *Session) startBackground(parent context.Context, cfg Config, pub *register.Register, stats *register.Stats) {
	ctx, cancel := context.WithCancel(parent)
	done := make(chan struct{})
	s.bgCancel, s.bgDone = cancel, done
	s.mu.RLock()
	gen := s.gen
	s.mu.RUnlock()
	go func() {
		defer close(done)
		select {
		case <-ctx.Done():
			return
		case <-time.After(s.delay):
		}
		if err := s.background(ctx, cfg, pub, stats, gen); err != nil && ctx.Err() == nil {
			fmt.Fprintf(s.log, "maki serve: search index and open data not updated: %v\n", err)
		}
	}()
}

// stopBackground cancels the pending background job. It does not wait for
// a job that is already computing: that one notices before it writes.
func (s *Session) stopBackground() {
	if s.bgCancel != nil {
		s.bgCancel()
		s.bgCancel = nil
	}
}

// Close cancels the background job and waits until it has stopped, so
// that nothing writes to the output directory any more.
func (s *Session) Close() {
	s.stopBackground()
	s.Wait()
}

// Wait blocks until the last background job has finished (for tests and
// benchmarks).
func (s *Session) Wait() {
	if s.bgDone != nil {
		<-s.bgDone
	}
}

func (s *Session) background(ctx context.Context, cfg Config, pub *register.Register, stats *register.Stats, gen int) error {
	ext, err := extras(ctx, pub, cfg, s.baseURL, s.cat, false)
	if err != nil {
		return err
	}
	s.mu.RLock()
	cur := s.prep
	s.mu.RUnlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	prep, err := s.prepare(ctx, pub, stats, ext.similar, render.Reuse{Prev: cur, Cards: true})
	if err != nil {
		return err
	}
	// Collect the files first, so that a cancelled job writes nothing.
	files := map[string][]byte{}
	var mu sync.Mutex
	collect := func(name string, data []byte) error {
		if err := ctx.Err(); err != nil {
			return err // a newer save: stop at once, it needs the CPU
		}
		mu.Lock()
		defer mu.Unlock()
		files[name] = bytes.Clone(data)
		return nil
	}
	if err := ext.emit(ctx, prep.Pages(), collect); err != nil {
		return err
	}
	s.bgMu.Lock()
	defer s.bgMu.Unlock()
	s.mu.Lock()
	stale := s.gen != gen || ctx.Err() != nil
	if !stale {
		s.prep = prep // same pages, now with their similar systems
		s.similar = ext.similar
	}
	s.mu.Unlock()
	if stale {
		return nil
	}
	w := &outWriter{dir: cfg.Out, files: map[string]bool{}}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := w.write(name, files[name]); err != nil {
			return err
		}
	}
	for name := range s.written {
		if !w.files[name] {
			os.Remove(filepath.Join(cfg.Out, filepath.FromSlash(name)))
		}
	}
	s.written = w.files
	return nil
}

// outWriter writes files into a directory in place, each through a
// temporary file and a rename, so that the dev server never serves half a
// file.
// It may be called from several goroutines at once.
type outWriter struct {
	dir   string
	mu    sync.Mutex
	files map[string]bool
}

func (w *outWriter) write(name string, data []byte) error {
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		return err
	}
	w.mu.Lock()
	w.files[name] = true
	w.mu.Unlock()
	return nil
}
