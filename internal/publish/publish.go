// Package publish is the only package that writes the site to disk. It
// stages the output in a fresh directory beside the target and swaps it in
// only when the build has succeeded, so a failed or interrupted build
// leaves the previous output exactly as it was. Guard.CheckOut decides
// before a build whether a folder may be replaced at all: never the
// content, the theme, the project or the repository, never a file, and a
// non-empty folder only when an earlier build made it (it holds Marker).
package publish

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Stage is a staging directory for one build.
type Stage struct {
	out  string // final output directory
	dir  string // staging directory
	root *root  // dir, held open
	mu   sync.Mutex
	dirs map[string]*folder // the folders made or being made, by slash path
	done bool
}

// folder is one folder of the stage: made once, by the first writer that
// needs it; the others wait for it.
type folder struct {
	once sync.Once
	err  error
}

// NewStage creates a staging directory next to out (same file system, so
// the final rename is atomic per directory) and writes the Marker into it.
// It does not check out: callers check it first with Guard.CheckOut.
func NewStage(out string) (*Stage, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := writeMarker(dir); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("publish: %w", err)
	}
	r, err := openRoot(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("publish: %w", err)
	}
	return &Stage{out: out, dir: dir, root: r, dirs: map[string]*folder{}}, nil
}

// Dir returns the staging directory.
func (s *Stage) Dir() string { return s.dir }

// Write writes one file, given by its slash path relative to the output
// root. It is safe for concurrent use.
func (s *Stage) Write(name string, data []byte) error {
	if err := s.prepare(name); err != nil {
		return err
	}
	if err := s.root.writeFile(name, data); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

// Create starts one file, given as for Write, whose content is written in
// pieces: for files too large to hold in memory at once (the register's
// exports at national scale). The file is complete when Close returns nil.
// It is safe for concurrent use; each file has one writer.
func (s *Stage) Create(name string) (io.WriteCloser, error) {
	if err := s.prepare(name); err != nil {
		return nil, err
	}
	f, err := s.root.create(name)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	return &file{f: f, w: bufio.NewWriterSize(f, createBuffer)}, nil
}

// createBuffer is the write buffer of a file made by Create.
const createBuffer = 256 << 10

// file is a file being written by Create: buffered, so that many small
// writes make few system calls.
type file struct {
	f io.WriteCloser
	w *bufio.Writer
}

func (f *file) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err != nil {
		err = fmt.Errorf("publish: %w", err)
	}
	return n, err
}

// Close flushes and closes the file; it reports the first error of either.
func (f *file) Close() error {
	err := f.w.Flush()
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

// prepare checks name and makes its folder if no writer has made it yet.
func (s *Stage) prepare(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "..") || strings.Contains(name, "\\") {
		return fmt.Errorf("publish: bad output path %q", name)
	}
	if err := s.mkdir(path.Dir(name)); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

// mkdir makes the folder d (a slash path in the stage) and its parents,
// each with one system call the first time any writer needs it; it is
// safe for concurrent use. The parent is made first, so no mkdir fails
// for want of it, and two writers never make the same folder.
func (s *Stage) mkdir(d string) error {
	if d == "." {
		return nil
	}
	s.mu.Lock()
	f := s.dirs[d]
	if f == nil {
		f = &folder{}
		s.dirs[d] = f
	}
	s.mu.Unlock()
	f.once.Do(func() {
		if f.err = s.mkdir(path.Dir(d)); f.err == nil {
			f.err = s.root.mkdir(d)
		}
	})
	return f.err
}

// Commit swaps the staged tree in for the output directory: the old tree
// is renamed aside, the stage renamed into place, then the old tree
// removed. Files the build did not make but the old output had at its top
// level and that start with "." (such as .git or .well-known from another
// tool) are not kept: the output is exactly what the build made, except
// for an empty placeholder (.gitkeep, .keep) that keeps the folder in git,
// which is made again so that a build leaves the repository unchanged.
func (s *Stage) Commit() error {
	if s.done {
		return fmt.Errorf("publish: stage already finished")
	}
	for name := range placeholders {
		if fi, err := os.Lstat(filepath.Join(s.out, name)); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
			if err := os.WriteFile(filepath.Join(s.dir, name), nil, 0o644); err != nil {
				return fmt.Errorf("publish: keep %s: %w", name, err)
			}
		}
	}
	old := ""
	if _, err := os.Stat(s.out); err == nil {
		old = s.dir + ".old"
		if err := os.Rename(s.out, old); err != nil {
			return fmt.Errorf("publish: move old output aside: %w", err)
		}
	}
	if err := os.Rename(s.dir, s.out); err != nil {
		if old != "" {
			os.Rename(old, s.out) // put the previous output back
		}
		return fmt.Errorf("publish: swap in new output: %w", err)
	}
	s.done = true
	s.root.close()
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("publish: remove old output: %w", err)
		}
	}
	return nil
}

// Abort removes the staging directory unless the stage was committed. It
// is meant to be deferred.
func (s *Stage) Abort() {
	if s.done {
		return
	}
	s.done = true
	s.root.close()
	os.RemoveAll(s.dir)
}
