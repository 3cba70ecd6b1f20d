package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestStageCommitReplacesOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(filepath.Join(out, "old"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "old", "index.html"), []byte("old"), 0o644)
	st, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	var wg sync.WaitGroup
	for _, name := range []string{"index.html", "a/b/c/index.html", "a/b/index.html", "en/a/index.html", "x/index.html"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := st.Write(name, []byte(name)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "old")); !os.IsNotExist(err) {
		t.Errorf("old output still there after commit: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(out, "a", "b", "c", "index.html"))
	if err != nil || string(b) != "a/b/c/index.html" {
		t.Errorf("a/b/c/index.html = %q, %v", b, err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.tmp-*"))
	if len(left) > 0 {
		t.Errorf("staging left behind: %v", left)
	}
}

func TestStageAbortKeepsOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "index.html"), []byte("old"), 0o644)
	st, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	st.Write("index.html", []byte("new"))
	st.Abort()
	b, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if string(b) != "old" {
		t.Errorf("after Abort index.html = %q; want the old output", b)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.tmp-*"))
	if len(left) > 0 {
		t.Errorf("Abort left the stage behind: %v", left)
	}
}

func TestStageRejectsEscapingPaths(t *testing.T) {
	st, err := NewStage(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	for _, name := range []string{"", "/etc/passwd", "../x", "a/../../x", `a\b`} {
		if err := st.Write(name, nil); err == nil {
			t.Errorf("Write(%q) succeeded; want an error", name)
		}
	}
}

func TestStageCreate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	st, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	for _, name := range []string{"", "/etc/passwd", "../x", `a\b`} {
		if _, err := st.Create(name); err == nil {
			t.Errorf("Create(%q) succeeded; want an error", name)
		}
	}
	w, err := st.Create("daten/big/register.json")
	if err != nil {
		t.Fatal(err)
	}
	var want []byte
	for i := range 100000 { // more than the write buffer
		line := []byte{byte('a' + i%26), '\n'}
		want = append(want, line...)
		if _, err := w.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, "daten", "big", "register.json"))
	if err != nil || string(got) != string(want) {
		t.Errorf("register.json: %d bytes, %v; want %d bytes", len(got), err, len(want))
	}
}

// TestCommitKeepsPlaceholder: the empty .gitkeep that keeps public/ in git
// survives a build (a build into the repository's own public/ leaves git
// clean); other dotfiles the build did not make do not, and a .gitkeep
// with content is not a placeholder.
func TestCommitKeepsPlaceholder(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		kept       bool
	}{
		{".gitkeep", "", true},
		{".keep", "", true},
		{".gitkeep", "not empty", false},
		{".htaccess", "", false},
	} {
		out := filepath.Join(t.TempDir(), "public")
		os.MkdirAll(out, 0o755)
		os.WriteFile(filepath.Join(out, tt.name), []byte(tt.data), 0o644)
		st, err := NewStage(out)
		if err != nil {
			t.Fatal(err)
		}
		st.Write("index.html", []byte("x"))
		if err := st.Commit(); err != nil {
			t.Fatal(err)
		}
		_, err = os.Stat(filepath.Join(out, tt.name))
		if kept := err == nil; kept != tt.kept {
			t.Errorf("%s holding %q: kept %v; want %v", tt.name, tt.data, kept, tt.kept)
		}
	}
}

// TestStageWritesConcurrently: many writers making files in the same new
// nested folders each get their folder (made once, parents first) and
// their content.
func TestStageWritesConcurrently(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	st, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	name := func(i int) string {
		return fmt.Sprintf("d%d/e%d/f%d/%d.html", i%3, i%7, i%11, i)
	}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < 400; i += 8 {
				if err := st.Write(name(i), []byte(name(i))); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	for i := range 400 {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name(i))))
		if err != nil || string(b) != name(i) {
			t.Errorf("%s = %q, %v; want its name", name(i), b, err)
		}
	}
}

// TestStageFileInTheWay: a folder that cannot be made because a file
// holds its name is an error naming the path, for every file under it.
func TestStageFileInTheWay(t *testing.T) {
	st, err := NewStage(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	if err := st.Write("a", []byte("file")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a/b/index.html", "a/c.html"} {
		err := st.Write(name, nil)
		if err == nil || !strings.HasPrefix(err.Error(), "publish: ") || !strings.Contains(err.Error(), "/a") {
			t.Errorf("Write(%q) = %v; want an error about the file a", name, err)
		}
	}
	if _, err := st.Create("a/d.json"); err == nil {
		t.Errorf("Create(a/d.json) succeeded; want an error")
	}
}

// TestStageOverwrites: a file written twice holds the second content only,
// whether written whole or in pieces.
func TestStageOverwrites(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	st, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	st.Write("x/a.txt", []byte("a longer first content"))
	st.Write("x/a.txt", []byte("second"))
	w, _ := st.Create("x/b.txt")
	w.Write([]byte("a longer first content"))
	w.Close()
	st.Write("x/b.txt", []byte("second"))
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"a.txt", "b.txt"} {
		b, err := os.ReadFile(filepath.Join(out, "x", n))
		if err != nil || string(b) != "second" {
			t.Errorf("%s = %q, %v; want %q", n, b, err, "second")
		}
	}
}
