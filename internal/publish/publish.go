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
	"path/filepath"
	"strings"
	"sync"
)

// Stage is a staging directory for one build.
type Stage struct {
	out  string // final output directory
	dir  string // staging directory
	mu   sync.Mutex
	dirs map[string]bool
	done bool
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
	return &Stage{out: out, dir: dir, dirs: map[string]bool{".": true}}, nil
}

// Dir returns the staging directory.
func (s *Stage) Dir() string { return s.dir }

// Write writes one file, given by its slash path relative to the output
// root. It is safe for concurrent use.
func (s *Stage) Write(name string, data []byte) error {
	p, err := s.path(name)
	if err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

// Create starts one file, given as for Write, whose content is written in
// pieces: for files too large to hold in memory at once (the register's
// exports at national scale). The file is complete when Close returns nil.
// It is safe for concurrent use; each file has one writer.
func (s *Stage) Create(name string) (io.WriteCloser, error) {
	p, err := s.path(name)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
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
	f *os.File
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

// path checks name and returns its path in the stage, making its
// directory if this stage has not made it yet.
func (s *Stage) path(name string) (string, error) {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "..") || strings.Contains(name, "\\") {
		return "", fmt.Errorf("publish: bad output path %q", name)
	}
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	d := filepath.Dir(name)
	s.mu.Lock()
	known := s.dirs[d]
	s.mu.Unlock()
	if !known {
		// Most directories are one page's, under a parent that exists: one
		// mkdir instead of MkdirAll's stat, stat, mkdir.
		if err := os.Mkdir(filepath.Dir(p), 0o755); err != nil && !os.IsExist(err) {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return "", fmt.Errorf("publish: %w", err)
			}
		}
		s.mu.Lock()
		s.dirs[d] = true
		s.mu.Unlock()
	}
	return p, nil
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
	os.RemoveAll(s.dir)
}
