//go:build linux

package publish

import (
	"errors"
	"io/fs"
	"syscall"
)

// root is the staging directory held open, so that each file and folder
// is made relative to it (openat, mkdirat: the kernel walks only the
// path inside the stage) with raw system calls: a file is one open, its
// writes and one close, where os.WriteFile adds four fcntl and a failing
// epoll_ctl (an *os.File registers with the poller and resets the
// non-blocking flag, which a regular file does not need).
type root struct {
	fd  int
	dir string // for messages
}

func openRoot(dir string) (*root, error) {
	fd, err := retry(func() (int, error) {
		return syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	return &root{fd: fd, dir: dir}, nil
}

func (r *root) close() { syscall.Close(r.fd) }

// mkdir makes the folder rel (slash path) inside the root; its parent
// must exist. A folder that exists already is not an error.
func (r *root) mkdir(rel string) error {
	_, err := retry(func() (int, error) { return 0, syscall.Mkdirat(r.fd, rel, 0o755) })
	if err != nil && !errors.Is(err, syscall.EEXIST) {
		return &fs.PathError{Op: "mkdir", Path: r.dir + "/" + rel, Err: err}
	}
	return nil
}

// writeFile creates or truncates rel and writes data to it.
func (r *root) writeFile(rel string, data []byte) error {
	f, err := r.create(rel)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// create creates or truncates rel for writing.
func (r *root) create(rel string) (*rawFile, error) {
	fd, err := retry(func() (int, error) {
		return syscall.Openat(r.fd, rel, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: r.dir + "/" + rel, Err: err}
	}
	return &rawFile{fd: fd, root: r, rel: rel}, nil
}

// rawFile is a file open for writing by its descriptor.
type rawFile struct {
	fd   int
	root *root
	rel  string
}

// name is the file's path, for messages.
func (f *rawFile) name() string { return f.root.dir + "/" + f.rel }

// Write writes all of p, retrying short writes and interruptions.
func (f *rawFile) Write(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		// At most 1 GiB per call, as package os does.
		m, err := syscall.Write(f.fd, p[n:n+min(len(p)-n, 1<<30)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return n, &fs.PathError{Op: "write", Path: f.name(), Err: err}
		}
		if m == 0 {
			return n, &fs.PathError{Op: "write", Path: f.name(), Err: syscall.EIO}
		}
		n += m
	}
	return n, nil
}

// Close closes the file. An interrupted close is not retried: on Linux
// the descriptor is released either way.
func (f *rawFile) Close() error {
	if err := syscall.Close(f.fd); err != nil && err != syscall.EINTR {
		return &fs.PathError{Op: "close", Path: f.name(), Err: err}
	}
	return nil
}

// retry calls f again while it is interrupted by a signal (the Go runtime
// preempts goroutines with signals).
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
