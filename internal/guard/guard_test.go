package guard

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

const secret = "TOP-SECRET-TOKEN-4711"

// setup makes a root with one of each kind of entry, and a secret file
// beside the root; it returns the root.
func setup(t *testing.T) string {
	t.Helper()
	base := t.TempDir()
	root := filepath.Join(base, "content")
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	write("site.yaml", "title: x\n")
	write("systeme/a.yaml", "id: a\n")
	write("other/b.yaml", "id: b\n")
	if err := os.WriteFile(filepath.Join(base, "token.txt"), []byte(secret), 0o600); err != nil {
		t.Fatal(err)
	}
	link("a.yaml", "systeme/inside.yaml")                                   // followed
	link("../other/b.yaml", "systeme/up.yaml")                              // followed: .. within the root
	link(filepath.Join(base, "token.txt"), "systeme/leak.yaml")             // absolute, outside
	link("../../token.txt", "systeme/leak-rel.yaml")                        // relative, outside
	link(filepath.Join(root, "systeme", "a.yaml"), "systeme/absolute.yaml") // absolute, inside: refused
	link("/dev/zero", "systeme/zero.yaml")
	link("/proc/self/environ", "systeme/environ.md")
	link("nothing.yaml", "systeme/dangling.yaml")
	link("loop.yaml", "systeme/loop.yaml")
	link("../other", "systeme/folder")
	if err := syscall.Mkfifo(filepath.Join(root, "systeme", "pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	link("pipe.yaml", "systeme/to-pipe.yaml")
	return root
}

func TestReadFile(t *testing.T) {
	root := setup(t)
	f := New(context.Background(), root, 0)
	defer f.Close()
	tests := []struct {
		name string
		want string // content, or the error's reason
		err  error
	}{
		{"site.yaml", "title: x\n", nil},
		{"systeme/a.yaml", "id: a\n", nil},
		{"systeme/inside.yaml", "id: a\n", nil},
		{"systeme/up.yaml", "id: b\n", nil},
		{"systeme/leak.yaml", "", ErrOutside},
		{"systeme/leak-rel.yaml", "", ErrOutside},
		{"systeme/absolute.yaml", "", ErrOutside},
		{"systeme/zero.yaml", "", ErrOutside},
		{"systeme/environ.md", "", ErrOutside},
		{"systeme/dangling.yaml", "", ErrDangling},
		{"systeme/loop.yaml", "", ErrLoop},
		{"systeme/folder", "", ErrLinkFolder},
		{"systeme/pipe.yaml", "", ErrType},
		{"systeme/to-pipe.yaml", "", ErrType},
		{"systeme/missing.yaml", "", fs.ErrNotExist},
		{"../token.txt", "", fs.ErrInvalid},
	}
	for _, tt := range tests {
		done := make(chan struct{})
		var data []byte
		var err error
		go func() { data, err = f.ReadFile(tt.name); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("ReadFile(%q) hangs", tt.name)
		}
		if tt.err == nil {
			if err != nil || string(data) != tt.want {
				t.Errorf("ReadFile(%q) = %q, %v; want %q", tt.name, data, err, tt.want)
			}
			continue
		}
		if !errors.Is(err, tt.err) {
			t.Errorf("ReadFile(%q) error = %v; want %v", tt.name, err, tt.err)
			continue
		}
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != tt.name {
			t.Errorf("ReadFile(%q) error = %v; want a *fs.PathError at %q", tt.name, err, tt.name)
		}
		if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "token.txt") && tt.name != "../token.txt" {
			t.Errorf("ReadFile(%q) error = %v; shows the link's target", tt.name, err)
		}
		if tt.err == ErrDangling && errors.Is(err, fs.ErrNotExist) {
			t.Errorf("ReadFile(%q) error = %v; a dangling link must not look missing", tt.name, err)
		}
	}
}

// TestMessages fixes the texts people read.
func TestMessages(t *testing.T) {
	root := setup(t)
	f := New(context.Background(), root, 0)
	name := filepath.ToSlash(filepath.Clean(root))
	tests := map[string]string{
		"systeme/leak.yaml":     "symbolic link leads outside " + name + "; want a relative link to a file inside it",
		"systeme/dangling.yaml": "symbolic link to nothing (dangling); want a link to an existing file",
		"systeme/loop.yaml":     "symbolic link loop; want a link to a file",
		"systeme/folder":        "symbolic link to a folder; want a real folder, or a link to a file",
		"systeme/pipe.yaml":     "file is a named pipe; want a regular file or folder",
	}
	for file, want := range tests {
		_, err := f.ReadFile(file)
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Err.Error() != want {
			t.Errorf("ReadFile(%q) error = %v; want %q", file, err, want)
		}
	}
}

func TestSocket(t *testing.T) {
	root := t.TempDir()
	l, err := net.Listen("unix", filepath.Join(root, "sock.yaml"))
	if err != nil {
		t.Skip("no unix sockets:", err)
	}
	defer l.Close()
	_, err = New(context.Background(), root, 0).ReadFile("sock.yaml")
	if !errors.Is(err, ErrType) || !strings.Contains(err.Error(), "socket") {
		t.Errorf("ReadFile(socket) error = %v; want a socket refused", err)
	}
}

func TestDevice(t *testing.T) {
	// A device can only be made by root; reach one through a root at /dev.
	f := New(context.Background(), "/dev", 0)
	_, err := f.ReadFile("null")
	if !errors.Is(err, ErrType) || !strings.Contains(err.Error(), "device") {
		t.Errorf("ReadFile(/dev/null) error = %v; want a device refused", err)
	}
}

func TestSizeCap(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "ok.yaml"), make([]byte, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "big.yaml"), make([]byte, 101), 0o644); err != nil {
		t.Fatal(err)
	}
	// 64 GiB that take no room: refused before anything is read.
	huge, err := os.Create(filepath.Join(root, "huge.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := huge.Truncate(64 << 30); err != nil {
		t.Skip("no sparse files:", err)
	}
	huge.Close()
	f := New(context.Background(), root, 100)
	if b, err := f.ReadFile("ok.yaml"); err != nil || len(b) != 100 {
		t.Errorf("ReadFile(ok.yaml) = %d bytes, %v; want 100 bytes", len(b), err)
	}
	_, err = f.ReadFile("big.yaml")
	if !errors.Is(err, ErrTooLarge) || !strings.HasSuffix(err.Error(), "file is 101 bytes; want at most 100") {
		t.Errorf("ReadFile(big.yaml) error = %v; want file is 101 bytes; want at most 100", err)
	}
	_, err = f.ReadFile("huge.yaml")
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadFile(huge.yaml) error = %v; want ErrTooLarge", err)
	}
	// Through Open, reading stops after the cap.
	file, err := f.Open("huge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, file)
	file.Close()
	if !errors.Is(err, ErrTooLarge) || n > 101 {
		t.Errorf("reading huge.yaml: %d bytes, %v; want at most 101 bytes and ErrTooLarge", n, err)
	}
}

// endless is /dev/zero: a file that reports no size and never ends, like
// the files under /proc.
type endless struct{}

func (endless) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestReadAllBounded(t *testing.T) {
	_, err := readAll(endless{}, 0, 1<<20)
	if !errors.Is(err, ErrTooLarge) || err.Error() != "file is more than 1048576 bytes; want at most 1048576" {
		t.Errorf("readAll(endless) error = %v; want ErrTooLarge", err)
	}
	b, err := readAll(strings.NewReader("abc"), 0, 3)
	if err != nil || string(b) != "abc" {
		t.Errorf("readAll(abc, max 3) = %q, %v; want abc", b, err)
	}
}

func TestReadDirAndWalk(t *testing.T) {
	root := setup(t)
	f := New(context.Background(), root, 0)
	list, err := f.ReadDir("systeme")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	want := "a.yaml absolute.yaml dangling.yaml environ.md folder inside.yaml leak-rel.yaml leak.yaml loop.yaml pipe.yaml to-pipe.yaml up.yaml zero.yaml"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("ReadDir(systeme) = %s; want %s", got, want)
	}
	// fs.WalkDir sees every entry; none is read on the way.
	n := 0
	err = fs.WalkDir(f, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		n++
		return nil
	})
	if err != nil || n != 18 {
		t.Errorf("WalkDir: %d entries, %v; want 18, nil", n, err)
	}
	if _, err := f.ReadDir("systeme/folder"); !errors.Is(err, ErrLinkFolder) {
		t.Errorf("ReadDir(systeme/folder) error = %v; want ErrLinkFolder", err)
	}
}

func TestMissingRoot(t *testing.T) {
	f := New(context.Background(), filepath.Join(t.TempDir(), "none"), 0)
	if _, err := f.ReadFile("site.yaml"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile in a missing root: %v; want fs.ErrNotExist", err)
	}
}

func TestCancel(t *testing.T) {
	root := setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	f := New(ctx, root, 0)
	if _, err := f.ReadFile("site.yaml"); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := f.ReadFile("site.yaml"); !errors.Is(err, context.Canceled) {
		t.Errorf("ReadFile after cancel: %v; want context.Canceled", err)
	}
	if _, err := f.ReadDir("systeme"); !errors.Is(err, context.Canceled) {
		t.Errorf("ReadDir after cancel: %v; want context.Canceled", err)
	}
	if _, err := f.Open("."); !errors.Is(err, context.Canceled) {
		t.Errorf("Open after cancel: %v; want context.Canceled", err)
	}
}

// TestFS runs the standard checks of an fs.FS over a tree without
// links (fs.Sub's Lstat would see a link where Stat sees its file) or
// refused entries.
func TestFS(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"site.yaml", "systeme/a.yaml", "systeme/sub/b.md"} {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := fstest.TestFS(New(context.Background(), root, 0), "site.yaml", "systeme/a.yaml", "systeme/sub/b.md"); err != nil {
		t.Error(err)
	}
}
