package history

import (
	"context"
	"fmt"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
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
	g, err := newGit(cfg.Dir)
	if err != nil {
		return nil, err
	}
	out, err := g.output(ctx, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository")
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%w: %s is not in a git repository (%v)", ErrNoGit, cfg.Dir, err)
	}
	lines := strings.Fields(string(out))
	h := &register.History{Systems: map[string]*register.SystemHistory{}}
	h.Shallow = len(lines) == 2 && lines[1] == "true"
	commits, err := g.log(ctx, cfg.Authors)
	if err != nil {
		return nil, err
	}
	lins := follow(commits, cfg)
	blobs := map[string]string{} // oid → a path it had
	var oids []string
	for _, l := range lins {
		for _, v := range l.versions {
			if _, ok := blobs[v.blob]; !ok {
				blobs[v.blob] = v.path
				oids = append(oids, v.blob)
			}
		}
	}
	sort.Strings(oids)
	data, err := g.blobs(ctx, oids)
	if err != nil {
		return nil, err
	}
	hs := make([]*register.SystemHistory, len(lins))
	var wg sync.WaitGroup
	workers := max(1, runtime.GOMAXPROCS(0))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var dec *incremental
			if cfg.Decoder != nil {
				dec = newIncremental(cfg.Decoder())
			}
			for i := w; i < len(lins); i += workers {
				hs[i] = systemHistory(lins[i], data, dec, cfg)
			}
		}()
	}
	wg.Wait()
	for _, sh := range hs {
		h.Systems[sh.ID] = sh
	}
	return h, nil
}

// systemHistory reads the versions of one lineage and what each changed.
func systemHistory(l *lineage, data map[string][]byte, dec *incremental, cfg Config) *register.SystemHistory {
	sh := &register.SystemHistory{ID: l.id, Removed: l.removed, RemovedCommit: l.removedCommit}
	var prev *register.System // public view of the last readable version
	var last *register.System // the last readable version as decoded
	var lastData []byte
	var lastPath string
	for i, rv := range l.versions {
		v := &register.Version{N: i + 1, Commit: rv.commit, Date: rv.date, Author: rv.author, Path: rv.path}
		var s *register.System
		if b := data[rv.blob]; b != nil && dec != nil {
			if last != nil && rv.path == lastPath && !cfg.Full {
				s = dec.next(rv.path, lastData, last, b)
			} else {
				s = dec.next(rv.path, nil, nil, b)
			}
			if s != nil {
				last, lastData, lastPath = s, b, rv.path
			}
		}
		if s != nil {
			c := *s
			c.ID, c.Path = idOf(rv.path), rv.path
			v.System = &c
			if cfg.Public != nil {
				v.System = cfg.Public(l.id, v.System)
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
