//go:build linux && (amd64 || arm64)

package guard

import (
	"io/fs"
	"os"
	"path"
	"sync"
	"syscall"
)

// dirs holds the folders ReadFile has read files from open, so that a
// content file is read with raw system calls relative to its folder:
// fstatat, openat, fstat, read to the end, close — six calls where the
// general path (os.Root and *os.File) makes eleven: it opens each folder
// of the path again for the Lstat and again for the open, and an *os.File
// registers with the poller (a failing epoll_ctl) for a file that never
// blocks.
type dirs struct {
	mu     sync.Mutex
	m      map[string]*os.File // folder (slash path, "." the root) → open folder, or nil when it cannot be
	closed bool
}

// readFast reads name the short way when that succeeds with no doubt: the
// entry is a regular file (no link: ReadFile's general path follows links
// and says why it refuses one), it and what was opened are regular files
// within the cap. Anything else — a link, a folder, a pipe, a device, a
// missing file, a file over the cap, any error — returns ok false, and
// the caller takes the general path, which decides and words the refusal;
// no device, pipe or link is opened here (the type is checked before the
// open, and again on what was opened).
func (f *FS) readFast(name string) (data []byte, ok bool) {
	if f.err != nil || !fs.ValidPath(name) || f.ctx.Err() != nil {
		return nil, false
	}
	dir, base := path.Split(name)
	if dir == "" {
		dir = "."
	} else {
		dir = dir[:len(dir)-1]
	}
	d := f.dir(dir)
	if d == nil {
		return nil, false
	}
	rc, err := d.SyscallConn()
	if err != nil {
		return nil, false
	}
	fd := -1
	// Control holds the folder open while it runs: a Close at the same
	// time waits, so dfd is never another file's number.
	rc.Control(func(dfd uintptr) {
		var st syscall.Stat_t
		if fstatat(int(dfd), base, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size > f.max {
			return
		}
		fd, err = syscall.Openat(int(dfd), base, syscall.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err != nil {
			fd = -1
		}
	})
	if fd < 0 {
		return nil, false
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size > f.max {
		return nil, false // swapped since the fstatat: the general path decides
	}
	data = make([]byte, 0, st.Size+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := syscall.Read(fd, data[len(data):min(int64(cap(data)), f.max+1)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil || n < 0 {
			return nil, false
		}
		data = data[:len(data)+n]
		if int64(len(data)) > f.max {
			return nil, false // grew past the cap: the general path says so
		}
		if n == 0 {
			return data, true
		}
	}
}

// dir returns the open folder dir of the root, opening it on first use
// through the os.Root (which keeps the path inside the root); nil when it
// cannot be opened or the FS is closed.
func (f *FS) dir(dir string) *os.File {
	f.dirs.mu.Lock()
	defer f.dirs.mu.Unlock()
	if f.dirs.closed {
		return nil
	}
	if d, seen := f.dirs.m[dir]; seen {
		return d
	}
	d, err := f.root.Open(dir)
	if err != nil {
		d = nil
	} else if st, err := d.Stat(); err != nil || !st.IsDir() {
		d.Close()
		d = nil
	}
	if f.dirs.m == nil {
		f.dirs.m = map[string]*os.File{}
	}
	f.dirs.m[dir] = d
	return d
}

// closeDirs closes the folders held open; readFast is off afterwards.
func (f *FS) closeDirs() {
	f.dirs.mu.Lock()
	defer f.dirs.mu.Unlock()
	f.dirs.closed = true
	for _, d := range f.dirs.m {
		if d != nil {
			d.Close()
		}
	}
	f.dirs.m = nil
}
