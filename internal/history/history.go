package history

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"maki/internal/register"
)

// Config says where the content is and how to read a version.
type Config struct {
	// Dir is the content directory on disk.
	Dir string
	// Authors asks git for author names (site.yaml history.authors).
	Authors bool
	// Redirects are site.yaml's redirects: an id removed while its
	// redirect's target exists continues as that id.
	Redirects map[string]string
	// ValidID reports whether a file name (without extension) is a
	// system id; other files in the systems folder are left out.
	ValidID func(string) bool
	// Decoder returns a function that reads one version of a system file
	// (content-relative path), nil when it cannot be read, and says
	// whether it found no error or warning at all; each worker goroutine
	// gets its own. A version is mostly read as the one before with only
	// its changed fields decoded (see incremental.go).
	Decoder func() func(path string, data []byte) (s *register.System, clean bool)
	// Full decodes every version as a whole (for tests comparing it with
	// the incremental reading).
	Full bool
	// Current, when not nil, gets the systems of the working tree as the
	// build loads them (each as Decoder would return it for the file's
	// text): a system whose newest version is that text starts from it and
	// reads its older versions backwards. The reading waits for a file
	// until it is added or Current.Done is called.
	Current *Current
	// Public, when not nil, returns the view of a version that may be
	// published, given the id the system has now (or had last); changes
	// are computed between these views, so nothing cleared leaks through
	// a diff.
	Public func(id string, s *register.System) *register.System
}

// Read returns the history of the systems in cfg.Dir. Without a git
// command or repository it returns an error wrapping ErrNoGit; the build
// then goes on without history.
func Read(ctx context.Context, cfg Config) (*register.History, error) {
	return Start(ctx, cfg).Finish(cfg.Public)
}

// Reading is a history being read. Start runs git and decodes every
// version (what needs nothing but cfg) in the background, so that the
// build can check the content meanwhile; Finish then makes the public
// views and the changes, which depend on the checked register.
type Reading struct {
	done    chan struct{}
	cfg     Config
	shallow bool
	lins    []*lineage
	decoded [][]*register.System // per lineage, per version: as decoded (nil: unreadable)
	err     error
}

// Start begins reading the history of the systems in cfg.Dir; cfg.Public
// is not used (Finish gets it). Cancelling ctx stops it.
func Start(ctx context.Context, cfg Config) *Reading {
	r := &Reading{done: make(chan struct{}), cfg: cfg}
	go func() {
		defer close(r.done)
		defer cfg.Current.stop() // a build without git loads on without keeping its systems
		r.err = r.read(ctx)
	}()
	return r
}

// Wait waits until the background part of the reading has ended.
func (r *Reading) Wait() { <-r.done }

// Finish waits for the reading and returns the history, its versions
// seen through public (nil: as decoded), or the reading's error.
func (r *Reading) Finish(public func(id string, s *register.System) *register.System) (*register.History, error) {
	return r.FinishEach(public, nil)
}

// FinishEach is Finish that calls each (when not nil) with every system's
// history as soon as it is made, from several goroutines at once, for what
// needs every version's System (the snapshot files); after each returns,
// a version keeps its System only where a page still reads it: the newest
// version and the newest one with a name. So the versions are freed while
// the history is made instead of being held until the build's end. The
// first error of each stops it and is returned.
func (r *Reading) FinishEach(public func(id string, s *register.System) *register.System, each func(*register.SystemHistory) error) (*register.History, error) {
	r.Wait()
	if r.err != nil {
		return nil, r.err
	}
	h := &register.History{Shallow: r.shallow, Systems: make(map[string]*register.SystemHistory, len(r.lins))}
	hs := make([]*register.SystemHistory, len(r.lins))
	var failed atomic.Pointer[error]
	onAllCores(len(r.lins), func(i int) {
		if failed.Load() != nil {
			return
		}
		sh := systemHistory(r.lins[i], r.decoded[i], public)
		r.decoded[i] = nil
		if each != nil {
			if err := each(sh); err != nil {
				failed.CompareAndSwap(nil, &err)
				return
			}
			forgetOlder(sh)
		}
		hs[i] = sh
	})
	if err := failed.Load(); err != nil {
		return nil, *err
	}
	for _, sh := range hs {
		h.Systems[sh.ID] = sh
	}
	return h, nil
}

// forgetOlder drops the System of every version of sh but the newest and
// the newest with a name (a removed system's page is titled with it).
func forgetOlder(sh *register.SystemHistory) {
	named := false
	for i := len(sh.Versions) - 1; i >= 0; i-- {
		v := sh.Versions[i]
		switch {
		case v.System == nil:
		case i == len(sh.Versions)-1 || !named && !v.System.Name.IsZero():
			named = named || !v.System.Name.IsZero()
		default:
			v.System = nil
		}
	}
}

// read runs git and decodes every version.
func (r *Reading) read(ctx context.Context) error {
	cfg := r.cfg
	g, err := newGit(cfg.Dir)
	if err != nil {
		return err
	}
	out, err := g.output(ctx, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%w: %s is not in a git repository (%v)", ErrNoGit, cfg.Dir, err)
	}
	lines := strings.Fields(string(out))
	r.shallow = len(lines) == 2 && lines[1] == "true"
	commits, err := g.log(ctx, cfg.Authors)
	if err != nil {
		return err
	}
	lins := follow(commits, cfg)
	// Each lineage's blobs are asked for together, lineage after lineage,
	// and a lineage is decoded as soon as its last blob has come, so only
	// the blobs of the lineages being decoded are held, not every version
	// of the register at once (500 MB at 10,000 systems × 20 versions).
	need := make([]int, len(lins)) // distinct blobs per lineage
	var oids []string
	asked := map[string]int{} // blob → 1 + the lineage that last asked for it
	for i, l := range lins {
		for _, v := range l.versions {
			if asked[v.blob] != i+1 {
				asked[v.blob] = i + 1
				oids = append(oids, v.blob)
				need[i]++
			}
		}
	}
	decoded := make([][]*register.System, len(lins))
	workers := max(1, runtime.GOMAXPROCS(0))
	type job struct {
		i    int
		data map[string][]byte
	}
	jobs := make(chan job, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		var dec *incremental
		if cfg.Decoder != nil {
			dec = newIncremental(cfg.Decoder())
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if ctx.Err() != nil {
					continue
				}
				l := lins[j.i]
				var newest *register.System
				var newestData []byte
				if cfg.Current != nil && l.removed.IsZero() && !cfg.Full && dec != nil {
					if data, s, ok := cfg.Current.get(ctx, l.versions[len(l.versions)-1].path); ok {
						newest, newestData = s, data
					}
				}
				decoded[j.i] = decodeLineage(l, j.data, dec, cfg.Full, newest, newestData)
			}
		}()
	}
	cur := 0
	var data map[string][]byte
	err = g.stream(ctx, oids, func(oid string, b []byte) error {
		for need[cur] == 0 {
			cur++
		}
		if data == nil {
			data = make(map[string][]byte, need[cur])
		}
		data[oid] = b
		if len(data) < need[cur] {
			return nil
		}
		select {
		case jobs <- job{cur, data}:
		case <-ctx.Done():
			return ctx.Err()
		}
		data = nil
		cur++
		return nil
	})
	close(jobs)
	wg.Wait()
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, d := range decoded {
		if d == nil { // a lineage without blobs
			decoded[i] = decodeLineage(lins[i], nil, nil, false, nil, nil)
		}
	}
	r.lins, r.decoded = lins, decoded
	return nil
}

// onWorkers runs f(0) … f(n-1) on n goroutines and waits for them.
func onWorkers(n int, f func(w int)) {
	var wg sync.WaitGroup
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(w)
		}()
	}
	wg.Wait()
}

// onAllCores calls f(i) for i in [0, n) on GOMAXPROCS goroutines.
func onAllCores(n int, f func(i int)) {
	var next atomic.Int64
	onWorkers(max(1, min(n, runtime.GOMAXPROCS(0))), func(int) {
		for {
			i := int(next.Add(1)) - 1
			if i >= n {
				return
			}
			f(i)
		}
	})
}

// decodeLineage decodes the versions of one lineage, each from the one
// before at the same path where it can (see incremental.go); a version
// that cannot be read is nil. dec nil decodes nothing. newest, when not
// nil, is the system decoded from newestData, the file as it is now: when
// that is the lineage's newest version, the versions are read backwards
// from it, each from the one after, so no version is decoded in full.
func decodeLineage(l *lineage, data map[string][]byte, dec *incremental, full bool, newest *register.System, newestData []byte) []*register.System {
	out := make([]*register.System, len(l.versions))
	if dec == nil {
		return out
	}
	n := len(l.versions)
	if newest != nil && n > 0 && !full {
		if b := data[l.versions[n-1].blob]; b != nil && bytes.Equal(b, newestData) {
			out[n-1] = newest
			c := cursor{dec: dec, last: newest, data: b, path: l.versions[n-1].path}
			for i := n - 2; i >= 0; i-- {
				out[i] = c.next(l.versions[i].path, data[l.versions[i].blob])
			}
			return out
		}
	}
	c := cursor{dec: dec}
	for i, rv := range l.versions {
		if full {
			c.last = nil
		}
		out[i] = c.next(rv.path, data[rv.blob])
	}
	return out
}

// cursor reads the versions of a file one after the other, forwards or
// backwards, each from the last readable one read before it.
type cursor struct {
	dec  *incremental
	last *register.System // the last readable version, decoded from data at path
	data []byte
	path string
}

// next decodes b, the version of the file at p, from the last readable
// version when that is at the same path; it returns nil when b is nil or
// cannot be read.
func (c *cursor) next(p string, b []byte) *register.System {
	if b == nil {
		return nil
	}
	var s *register.System
	if c.last != nil && p == c.path {
		s = c.dec.next(p, c.data, c.last, b)
	} else {
		s = c.dec.next(p, nil, nil, b)
	}
	if s != nil {
		c.last, c.data, c.path = s, b, p
	}
	return s
}

// systemHistory makes the versions of one lineage, given as decoded, and
// what each changed between their public views.
func systemHistory(l *lineage, decoded []*register.System, public func(id string, s *register.System) *register.System) *register.SystemHistory {
	sh := &register.SystemHistory{ID: l.id, Removed: l.removed, RemovedCommit: l.removedCommit, Versions: make([]*register.Version, 0, len(l.versions))}
	var prev *register.System // public view of the last readable version
	for i, rv := range l.versions {
		v := &register.Version{N: i + 1, Commit: rv.commit, Date: rv.date, Author: rv.author, Path: rv.path}
		if s := decoded[i]; s != nil {
			v.System = s
			if id := idOf(rv.path); s.ID != id || s.Path != rv.path {
				c := *s // decoded versions are shared, never changed
				c.ID, c.Path = id, rv.path
				v.System = &c
			}
			if public != nil {
				v.System = public(l.id, v.System)
			}
		}
		switch {
		case v.System == nil:
			v.Changes = []register.Change{{Field: "file", Kind: register.ChangeInvalid}}
		case i == 0 || prev == nil:
			v.Changes = []register.Change{{Field: "file", Kind: register.ChangeCreated}}
		default:
			v.Changes = Changes(prev, v.System)
		}
		if v.System != nil {
			prev = v.System
		}
		sh.Versions = append(sh.Versions, v)
	}
	return sh
}

// lineage is one system's file through renames, with its raw versions.
type lineage struct {
	id            string
	versions      []rawVersion
	removed       time.Time
	removedCommit string
	order         int // index of the commit that started it
}

type rawVersion struct {
	seq          int // index of the commit
	commit       string
	date         time.Time
	author, path string
	blob         string
}

// idOf returns the id of a system file path ("systeme/x.yaml" → "x").
func idOf(p string) string {
	base := path.Base(p)
	return strings.TrimSuffix(base, path.Ext(base))
}

// systemFile reports whether p is a system file: directly in systeme/,
// ending .yaml or .md, with a valid id.
func systemFile(p string, valid func(string) bool) bool {
	dir, base := path.Split(p)
	ext := path.Ext(base)
	if dir != "systeme/" || (ext != ".yaml" && ext != ".md") {
		return false
	}
	return valid == nil || valid(strings.TrimSuffix(base, ext))
}

// follow turns the commits into lineages: one per system that exists
// now, keyed by its id, and one per system removed (keyed by its last
// id). It follows git's renames, a file replaced by another of the same id
// in one commit (.yaml ↔ .md), a file added again after its removal, and
// the redirects of site.yaml.
func follow(commits []commit, cfg Config) []*lineage {
	live := map[string]*lineage{}
	removed := map[string]*lineage{}
	add := func(l *lineage, seq int, c *commit, p, blob string) {
		if n := len(l.versions); n > 0 && l.versions[n-1].blob == blob && l.versions[n-1].path == p {
			return // only the mode changed
		}
		l.versions = append(l.versions, rawVersion{seq: seq, commit: c.hash, date: c.date, author: c.author, path: p, blob: blob})
	}
	for seq := range commits {
		c := &commits[seq]
		gone := map[string]*lineage{} // removed in this commit
		var rest []change
		for _, ch := range c.changes {
			// A rename from or to a file outside the systems is a
			// removal or an addition.
			if ch.status == 'R' && !systemFile(ch.path, cfg.ValidID) {
				ch = change{status: 'D', path: ch.oldPath, oldBlob: ch.oldBlob}
			} else if (ch.status == 'R' || ch.status == 'C') && !systemFile(ch.oldPath, cfg.ValidID) {
				ch.status = 'A'
			}
			if ch.status == 'D' {
				if !systemFile(ch.path, cfg.ValidID) {
					continue
				}
				id := idOf(ch.path)
				if l := live[id]; l != nil && l.versions[len(l.versions)-1].path == ch.path {
					delete(live, id)
					gone[id] = l
				}
				continue
			}
			if systemFile(ch.path, cfg.ValidID) {
				rest = append(rest, ch)
			}
		}
		for _, ch := range rest {
			id := idOf(ch.path)
			var l *lineage
			switch ch.status {
			case 'R':
				old := idOf(ch.oldPath)
				l = live[old]
				if l != nil && old != id {
					delete(live, old)
				} else if l == nil {
					l = gone[old]
					delete(gone, old)
				}
			case 'M', 'T':
				l = live[id]
			}
			if l == nil {
				l = gone[id] // .yaml replaced by .md
				delete(gone, id)
			}
			if l == nil {
				l = removed[id] // added again
				delete(removed, id)
				if l != nil {
					l.removed, l.removedCommit = time.Time{}, ""
				}
			}
			if l == nil {
				l = &lineage{order: seq}
			}
			if other := live[id]; other != nil && other != l {
				// Two files of one id (x.yaml and x.md): the loader
				// rejects that; keep the older lineage.
				continue
			}
			l.id = id
			live[id] = l
			add(l, seq, c, ch.path, ch.newBlob)
		}
		for id, l := range gone {
			l.removed, l.removedCommit = c.date, c.hash
			removed[id] = l
		}
	}
	// A removed id whose redirect points to a system that exists continues
	// as that system.
	for id, l := range removed {
		target := live[cfg.Redirects[id]]
		if target == nil {
			continue
		}
		vs := append(append([]rawVersion(nil), l.versions...), target.versions...)
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].seq < vs[j].seq })
		target.versions = vs
		delete(removed, id)
	}
	var out []*lineage
	for _, m := range []map[string]*lineage{live, removed} {
		for _, l := range m {
			out = append(out, l)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}
