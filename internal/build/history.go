package build

import (
	"context"
	"errors"
	"path/filepath"
	"sync"

	"maki/internal/export"
	"maki/internal/history"
	"maki/internal/load"
	"maki/internal/register"
)

// readHistory reads the systems' history from the git repository that
// holds the content and sets reg.History. A missing repository or git
// command is not an error: the build goes on without history and notes
// says so; so does a shallow clone.
func readHistory(ctx context.Context, cfg Config, reg *register.Register) (notes []string, err error) {
	if !cfg.History {
		return nil, nil
	}
	return finishHistory(history.Start(ctx, historyConfig(cfg, reg.Site)), reg, nil)
}

// startHistory begins reading the history while the content is loaded
// and checked (nil without cfg.History): git and the decoding of the
// versions need only site.yaml's redirects and history.authors, read here
// on their own, and use the core the load leaves idle. The load hands the
// systems it decodes to current (add), from which the history reads the
// older versions backwards instead of decoding each system's first version
// again; done must be called when the load has ended. finishHistory
// completes it with the checked register.
func startHistory(ctx context.Context, cfg Config) (*history.Reading, *loaded) {
	if !cfg.History {
		return nil, nil
	}
	fsys := cfg.contentFS(ctx)
	defer fsys.Close()
	site, _ := load.Site(fsys, filepath.ToSlash(filepath.Clean(cfg.Content))) // its errors are the check's
	hc := historyConfig(cfg, site)
	cur := &loaded{history.NewCurrent()}
	hc.Current = cur.c
	return history.Start(ctx, hc), cur
}

// loaded passes the systems the check loads to the history (nil: none).
type loaded struct{ c *history.Current }

// add is a load.RegisterEach function: it hands the history its own copy of a
// system as its Decoder would have returned it.
func (l *loaded) add(name string, data []byte, s *register.System) {
	c := *s
	withoutPositions(&c)
	l.c.Add(name, data, &c)
}

// withoutPositions drops what the history does not need of a system read
// from a file: the source positions and the body's line, which depends on
// the whole front matter (the incremental reading does not decode it).
func withoutPositions(s *register.System) {
	s.ForgetPositions()
	s.BodyLine = 0
}

// done says that the load has ended.
func (l *loaded) done() {
	if l != nil {
		l.c.Done()
	}
}

// finishHistory waits for the reading started by startHistory (or
// readHistory), sets reg.History and returns the notes as readHistory.
// each, when not nil, gets every system's history as it is made (see
// history.Reading.FinishEach: afterwards only the newest versions keep
// their System).
func finishHistory(r *history.Reading, reg *register.Register, each func(*register.SystemHistory) error) (notes []string, err error) {
	if r == nil {
		return nil, nil
	}
	h, err := r.FinishEach(func(id string, s *register.System) *register.System { return publicView(reg, id, s) }, each)
	if errors.Is(err, history.ErrNoGit) {
		return []string{err.Error() + "; the site is built without change history"}, nil
	}
	if err != nil {
		return nil, err
	}
	if h.Shallow {
		notes = append(notes, "change history incomplete: the repository is a shallow clone, so the history starts at its oldest fetched commit; fetch the whole history (GitLab CI: GIT_DEPTH: 0, GitHub Actions: fetch-depth: 0)")
	}
	reg.History = h
	return notes, nil
}

// publicView returns the view of a version of the system now called id
// that may be published: a system restricted now is restricted in every
// version.
func publicView(reg *register.Register, id string, s *register.System) *register.System {
	if cur := reg.System(id); cur != nil && cur.Restricted && !s.Restricted {
		c := *s
		c.Restricted = true
		s = &c
	}
	return s.Public()
}

// historyConfig is the history's configuration for the content of cfg
// with the settings of site (nil: none); the public views are Finish's.
func historyConfig(cfg Config, site *register.Site) history.Config {
	root := filepath.ToSlash(filepath.Clean(cfg.Content))
	hc := history.Config{
		Dir:     cfg.Content,
		ValidID: load.ValidID,
		Decoder: func() func(string, []byte) (*register.System, bool) {
			d := load.NewSystemDecoder(root)
			return func(path string, data []byte) (*register.System, bool) {
				s, errs := d.Decode(path, data)
				if s != nil {
					withoutPositions(s)
				}
				return s, len(errs) == 0
			}
		},
	}
	if site != nil {
		hc.Authors = site.History.Authors
		hc.Redirects = site.Redirects
	}
	return hc
}

// withUnsaved returns committed with, for every system of reg whose file
// differs from its last committed version, the changes not yet committed
// (maki serve): the editor sees them on the fact sheet before saving them
// in git. committed is not changed.
func withUnsaved(committed *register.History, reg *register.Register) *register.History {
	if committed == nil {
		return nil
	}
	h := &register.History{Shallow: committed.Shallow, Systems: make(map[string]*register.SystemHistory, len(committed.Systems))}
	for id, sh := range committed.Systems {
		h.Systems[id] = sh
	}
	for _, s := range reg.Systems {
		sh := committed.Systems[s.ID]
		var changes []register.Change
		switch last := sh.Last(); {
		case last == nil || !sh.Removed.IsZero():
			changes = []register.Change{{Field: "file", Kind: register.ChangeCreated}}
		case last.System == nil:
			continue
		default:
			prev := *last.System
			prev.ID = s.ID // a rename shows as committed
			changes = history.Changes(&prev, publicView(reg, s.ID, s))
		}
		if len(changes) == 0 {
			continue
		}
		c := &register.SystemHistory{ID: s.ID, Unsaved: changes}
		if sh != nil {
			c.Versions = sh.Versions
		}
		h.Systems[s.ID] = c
	}
	return h
}

// snapshotWriter returns each, for finishHistory, which writes a system's
// snapshot files to out as soon as its history is made, so that its older
// versions are freed then and not held until the exports: they are encoded
// on the calling goroutines (all cores) into one pooled buffer per system
// and written from one goroutine (creating files from two costs the
// kernel more: a profile showed most of their time in openat and mkdirat).
// written stops the writer and returns its first error; it must be called
// once finishHistory has returned.
func snapshotWriter(reg *register.Register, baseURL string, out *output) (each func(*register.SystemHistory) error, written func() error, err error) {
	snaps, err := export.NewSnapshots(reg, export.Config{BaseURL: baseURL})
	if err != nil {
		return nil, nil, err
	}
	type batch struct {
		files []export.File
		buf   *[]byte // holds the files' bytes; back to bufs once written
	}
	var bufs sync.Pool
	files := make(chan batch, 64)
	werr := make(chan error, 1)
	go func() {
		var err error
		for b := range files { // drained to the end, even after an error
			for _, f := range b.files {
				if err == nil {
					err = out.Write(f.Name, f.Data)
				}
			}
			bufs.Put(b.buf)
		}
		werr <- err
	}()
	each = func(sh *register.SystemHistory) error {
		bp, _ := bufs.Get().(*[]byte)
		if bp == nil {
			bp = new([]byte)
		}
		fs, buf, err := snaps.Encode(sh, *bp)
		*bp = buf
		if err != nil {
			return err
		}
		files <- batch{fs, bp}
		return nil
	}
	written = func() error {
		close(files)
		return <-werr
	}
	return each, written, nil
}
