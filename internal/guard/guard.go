package guard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// Size caps, in bytes. The largest entry of the example content is 12 KB
// and the largest file of the bundled theme (kern.css) 150 KB; the caps
// leave room for two orders of magnitude more, and for images in a theme.
const (
	ContentMax int64 = 1 << 20  // a content file: 1 MiB
	ThemeMax   int64 = 16 << 20 // a theme file: 16 MiB
)

// Reasons a file is refused; every refusal wraps one of them.
var (
	ErrOutside    = errors.New("symbolic link leads outside")
	ErrDangling   = errors.New("symbolic link to nothing")
	ErrLoop       = errors.New("symbolic link loop")
	ErrLinkFolder = errors.New("symbolic link to a folder")
	ErrType       = errors.New("not a regular file or folder")
	ErrTooLarge   = errors.New("file too large")
)

// refusal is a refused file: its message for people, the reason for errors.Is.
type refusal struct {
	msg    string
	reason error
}

func (r *refusal) Error() string { return r.msg }
func (r *refusal) Unwrap() error { return r.reason }

// FS is a guarded fs.FS over a directory; see the package comment. It
// implements fs.ReadFileFS, fs.ReadDirFS and fs.StatFS, and is safe for
// concurrent use.
type FS struct {
	ctx  context.Context
	name string // the directory as given, slash separated, for messages
	root *os.Root
	err  error // from opening the root: returned by every call
	max  int64
	dirs dirs // folders held open for ReadFile's short way (fast.go)
}

// New returns the guarded file system of the files in dir, each at most
// max bytes (max <= 0: ContentMax), which stops working when ctx is
// cancelled. When dir cannot be opened, every call returns that error
// (for a missing dir one that wraps fs.ErrNotExist), as os.DirFS does.
// The FS holds dir open until Close or until it is garbage.
func New(ctx context.Context, dir string, max int64) *FS {
	if max <= 0 {
		max = ContentMax
	}
	f := &FS{ctx: ctx, name: filepath.ToSlash(filepath.Clean(dir)), max: max}
	f.root, f.err = os.OpenRoot(dir)
	if f.err != nil {
		var pe *fs.PathError
		if errors.As(f.err, &pe) {
			f.err = pe.Err
		}
	}
	return f
}

// Close closes the root directory; later calls fail.
func (f *FS) Close() error {
	if f.root == nil {
		return nil
	}
	f.closeDirs()
	return f.root.Close()
}

// Max returns the size cap of a file.
func (f *FS) Max() int64 { return f.max }

// Open opens the named file or folder. A file's Read fails with an error
// wrapping ErrTooLarge once it has read more than the cap.
func (f *FS) Open(name string) (fs.File, error) {
	file, fi, err := f.open("open", name)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return file, nil
	}
	return &limited{f: file, fi: fi, name: name, left: f.max, max: f.max}, nil
}

// ReadFile reads the named regular file, at most the cap.
func (f *FS) ReadFile(name string) ([]byte, error) {
	if data, ok := f.readFast(name); ok {
		return data, nil
	}
	file, fi, err := f.open("read", name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if fi.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: syscall.EISDIR}
	}
	if fi.Size() > f.max {
		return nil, &fs.PathError{Op: "read", Path: name, Err: tooLarge(fi.Size(), f.max)}
	}
	data, err := readAll(file, fi.Size(), f.max)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: unwrap(err)}
	}
	return data, nil
}

// ReadDir reads the named folder, sorted by name. Entries are as Lstat
// sees them: a symbolic link is listed as one, and refused or followed
// when it is opened.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	file, fi, err := f.open("readdir", name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if !fi.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: syscall.ENOTDIR}
	}
	list, err := file.ReadDir(-1)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: unwrap(err)}
	}
	slices.SortFunc(list, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return list, nil
}

// Stat returns the file information of the named file or folder, with a
// link's target's (it is opened, and closed, to check it).
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	file, fi, err := f.open("stat", name)
	if err != nil {
		return nil, err
	}
	file.Close()
	return fi, nil
}

// open checks and opens name: a regular file or folder, or a link to a
// regular file, inside the root.
func (f *FS) open(op, name string) (*os.File, fs.FileInfo, error) {
	fail := func(err error) (*os.File, fs.FileInfo, error) {
		return nil, nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
	if !fs.ValidPath(name) {
		return fail(fs.ErrInvalid)
	}
	if err := f.ctx.Err(); err != nil {
		return fail(err)
	}
	if f.err != nil {
		return fail(f.err)
	}
	fi, err := f.root.Lstat(name)
	if err != nil {
		return fail(f.classify(err))
	}
	link := fi.Mode()&fs.ModeSymlink != 0
	if link {
		// Stat follows the link as the open will, within the root.
		target, err := f.root.Stat(name)
		if err != nil {
			return fail(f.linkError(name, err))
		}
		if target.IsDir() {
			return fail(&refusal{"symbolic link to a folder; want a real folder, or a link to a file", ErrLinkFolder})
		}
		fi = target
	}
	if err := typeError(fi.Mode()); err != nil {
		return fail(err)
	}
	file, err := f.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return fail(f.classify(err))
	}
	// The file may have been swapped since the Lstat: what counts is
	// what was opened.
	got, err := file.Stat()
	if err != nil {
		file.Close()
		return fail(unwrap(err))
	}
	if err := typeError(got.Mode()); err != nil {
		file.Close()
		return fail(err)
	}
	if link && got.IsDir() {
		file.Close()
		return fail(&refusal{"symbolic link to a folder; want a real folder, or a link to a file", ErrLinkFolder})
	}
	return file, got, nil
}

// typeError refuses anything but a regular file or a folder.
func typeError(m fs.FileMode) error {
	if m.IsRegular() || m.IsDir() {
		return nil
	}
	kind := "a special file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	case m&fs.ModeSymlink != 0:
		kind = "a symbolic link"
	}
	return &refusal{"file is " + kind + "; want a regular file or folder", ErrType}
}

// linkError says why the link name cannot be followed; err is the
// os.Root's error for following it.
func (f *FS) linkError(name string, err error) error {
	err = unwrap(err)
	switch {
	case errors.Is(err, syscall.ELOOP):
		return &refusal{"symbolic link loop; want a link to a file", ErrLoop}
	case errors.Is(err, fs.ErrPermission):
		return err
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		// The root did not find the target; the link may still point at
		// something the root does not reach (by .. through the root's
		// parent, say), which is outside as far as the root goes.
		if _, serr := os.Stat(filepath.Join(f.root.Name(), filepath.FromSlash(name))); serr != nil {
			return &refusal{"symbolic link to nothing (dangling); want a link to an existing file", ErrDangling}
		}
	}
	return f.outside()
}

func (f *FS) outside() error {
	return &refusal{fmt.Sprintf("symbolic link leads outside %s; want a relative link to a file inside it", f.name), ErrOutside}
}

// classify turns an error of the root into the error reported: a missing
// file stays fs.ErrNotExist; a path that leaves the root (through a link
// in a folder of the path) is ErrOutside.
func (f *FS) classify(err error) error {
	err = unwrap(err)
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.ENOTDIR), errors.Is(err, syscall.EISDIR):
		return err
	case errors.Is(err, syscall.ELOOP):
		return &refusal{"symbolic link loop; want a link to a file", ErrLoop}
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return err
	}
	return f.outside() // os.Root's "path escapes from parent"
}

// unwrap drops the *fs.PathError of an os call: the caller names the file.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func tooLarge(size, max int64) error {
	if size < 0 {
		return &refusal{fmt.Sprintf("file is more than %d bytes; want at most %d", max, max), ErrTooLarge}
	}
	return &refusal{fmt.Sprintf("file is %d bytes; want at most %d", size, max), ErrTooLarge}
}

// readAll reads r to its end, sized for size bytes; it reads at most
// max+1 bytes and fails when there were more than max.
func readAll(r io.Reader, size, max int64) ([]byte, error) {
	data := make([]byte, 0, min(size, max)+1)
	lr := io.LimitReader(r, max+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := lr.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > max {
			return nil, tooLarge(-1, max)
		}
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// limited is an open regular file that fails once more than max bytes
// were read from it. It has no other methods than fs.File's, so that
// io.Copy cannot go around Read (as *os.File's WriteTo would).
type limited struct {
	f         *os.File
	fi        fs.FileInfo
	name      string
	left, max int64
}

func (l *limited) Stat() (fs.FileInfo, error) { return l.fi, nil }
func (l *limited) Close() error               { return l.f.Close() }

func (l *limited) Read(p []byte) (int, error) {
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.f.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return 0, &fs.PathError{Op: "read", Path: l.name, Err: tooLarge(-1, l.max)}
	}
	return n, err
}
