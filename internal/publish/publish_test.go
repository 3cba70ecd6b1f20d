package publish

import (
	"os"
	"path/filepath"
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
