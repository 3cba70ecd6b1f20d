//go:build linux && (amd64 || arm64)

package guard

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestReadFast: the short way reads regular files, in the root and in
// folders, and leaves everything else to the general path (which refuses
// or follows it, as TestReadFile checks): links, pipes, folders, missing
// files, files over the cap, invalid paths, and every file once the FS is
// closed or its context cancelled.
func TestReadFast(t *testing.T) {
	root := setup(t)
	if err := os.WriteFile(filepath.Join(root, "systeme", "big.yaml"), make([]byte, 101), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "systeme", "cap.yaml"), make([]byte, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	f := New(ctx, root, 100)
	for _, tt := range []struct {
		name string
		want string // "" and ok false: left to the general path
		ok   bool
	}{
		{"site.yaml", "title: x\n", true},
		{"systeme/a.yaml", "id: a\n", true},
		{"systeme/cap.yaml", string(make([]byte, 100)), true},
		{"systeme/big.yaml", "", false},
		{"systeme/inside.yaml", "", false},
		{"systeme/up.yaml", "", false},
		{"systeme/leak.yaml", "", false},
		{"systeme/zero.yaml", "", false},
		{"systeme/environ.md", "", false},
		{"systeme/dangling.yaml", "", false},
		{"systeme/loop.yaml", "", false},
		{"systeme/folder", "", false},
		{"systeme", "", false},
		{"systeme/pipe.yaml", "", false},
		{"systeme/to-pipe.yaml", "", false},
		{"systeme/missing.yaml", "", false},
		{"missing/a.yaml", "", false},
		{"systeme/folder/b.yaml", "id: b\n", true}, // a link to a folder inside on the way: followed, as os.Root does
		{"../token.txt", "", false},
	} {
		data, ok := f.readFast(tt.name)
		if ok != tt.ok || string(data) != tt.want {
			t.Errorf("readFast(%q) = %q, %v; want %q, %v", tt.name, data, ok, tt.want, tt.ok)
		}
		if !ok {
			continue
		}
		file, fi, err := f.open("read", tt.name) // the general path agrees
		if err != nil {
			t.Errorf("general path for %q: %v; the short way read it", tt.name, err)
			continue
		}
		gen, err := readAll(file, fi.Size(), f.max)
		file.Close()
		if err != nil || string(gen) != string(data) {
			t.Errorf("general path for %q = %q, %v; the short way read %q", tt.name, gen, err, data)
		}
	}
	cancel()
	if _, ok := f.readFast("site.yaml"); ok {
		t.Error("readFast after cancel: ok; want the general path (which fails)")
	}
	g := New(context.Background(), root, 0)
	g.readFast("site.yaml")
	g.Close()
	if _, ok := g.readFast("site.yaml"); ok {
		t.Error("readFast after Close: ok; want the general path (which fails)")
	}
	if _, err := g.ReadFile("site.yaml"); err == nil {
		t.Error("ReadFile after Close: no error")
	}
}
