package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// project makes a repository in a temporary folder: .git, content, a
// theme, the repository's public/ holding .gitkeep, and some neighbours.
func project(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{".git", "content/systeme", "themes/default/templates", "public", "built", "other/sub", "empty"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range map[string]string{
		"content/site.yaml":        "title: x\n",
		"themes/default/theme.txt": "theme",
		"public/.gitkeep":          "",
		"built/" + Marker:          markerText,
		"built/index.html":         "old site",
		"other/sub/keep.txt":       "precious",
		"notes.txt":                "notes",
	} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"link-content": "content",
		"link-built":   "built",
		"link-root":    ".",
		"broken":       "does-not-exist",
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(root, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestCheckOut(t *testing.T) {
	root := project(t)
	t.Chdir(root)
	g := Guard{Content: "content", Theme: "themes/default"}
	for _, tt := range []struct {
		out   string
		force bool
		want  string // part of the reason; "" when out is fine
	}{
		{"public", false, ""},                               // only .gitkeep
		{"public/", false, ""},                              // trailing slash
		{"new-folder", false, ""},                           // missing
		{"new/deep/folder", false, ""},                      // missing, with missing parents
		{"empty", false, ""},                                // empty
		{"built", false, ""},                                // made by maki
		{"link-built", false, ""},                           // a link to a folder maki made
		{"other", false, `holds "sub" but no .maki-output`}, // a folder maki did not make
		{"other", true, ""},                                 // … unless forced
		{"content", false, "is the content folder"},
		{"content", true, "is the content folder"}, // --force does not help
		{"content/", false, "is the content folder"},
		{"./content/../content", false, "is the content folder"},
		{root + "/content", false, "is the content folder"},
		{"link-content", false, "is the content folder"},
		{"content/public", false, "lies inside the content folder"},
		{"link-content/public", false, "lies inside the content folder"},
		{"content/systeme", false, "lies inside the content folder"},
		{"themes/default", false, "is the theme folder"},
		{"themes/default/static", false, "lies inside the theme folder"},
		{"themes", false, "contains the theme folder"},
		{".", false, "contains the content folder"},
		{"link-root", false, "contains the content folder"},
		{"..", false, "contains the content folder"},
		{"/", false, "contains the content folder"},
		{"notes.txt", false, "is a file"},
		{"notes.txt", true, "is a file"},
		{"fifo", false, "is a file"},
		{"broken", false, "broken symbolic link"},
		{"", false, "is empty"},
	} {
		g.Force = tt.force
		err := g.CheckOut(tt.out)
		var oe *OutError
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckOut(%q, force %v) = %v; want nil", tt.out, tt.force, err)
		case tt.want != "" && (!errors.As(err, &oe) || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("CheckOut(%q, force %v) = %v; want an *OutError saying %q", tt.out, tt.force, err, tt.want)
		}
	}
}

// The repository root is protected even when the content folder lies
// deeper than one level below it, and the project root (the content
// folder's parent) even without a repository.
func TestCheckOutRoots(t *testing.T) {
	repo := t.TempDir()
	for _, d := range []string{".git", "site/content", "site/theme", "docs"} {
		if err := os.MkdirAll(filepath.Join(repo, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	g := Guard{Content: filepath.Join(repo, "site/content"), Theme: filepath.Join(repo, "site/theme")}
	for out, want := range map[string]string{
		filepath.Join(repo, "site"):        "contains the content folder",
		repo:                               "contains the content folder",
		filepath.Join(repo, "docs"):        "",
		filepath.Join(repo, "site/public"): "",
	} {
		err := g.CheckOut(out)
		if (want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), want) {
			t.Errorf("CheckOut(%s) = %v; want %q", out, err, want)
		}
	}
	// A theme outside the content folder's project, in a repository of its own.
	theme := t.TempDir()
	os.MkdirAll(filepath.Join(theme, ".git"), 0o755)
	os.MkdirAll(filepath.Join(theme, "default"), 0o755)
	g = Guard{Content: filepath.Join(repo, "site/content"), Theme: filepath.Join(theme, "default")}
	if err := g.CheckOut(theme); err == nil || !strings.Contains(err.Error(), "theme folder") {
		t.Errorf("CheckOut(theme repository) = %v; want refused", err)
	}
	// .git alone is not a placeholder: a folder holding it is not empty.
	if err := (Guard{}).CheckOut(repo); err == nil {
		t.Errorf("CheckOut(folder holding .git) = nil; want refused")
	}
}

// Every stage carries the marker, with the same bytes every time, and a
// committed build is accepted as output folder by the next build.
func TestStageWritesMarker(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	for range 2 {
		if err := (Guard{}).CheckOut(out); err != nil {
			t.Fatal(err)
		}
		st, err := NewStage(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Write("index.html", []byte("x")); err != nil {
			t.Fatal(err)
		}
		if err := st.Commit(); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(out, Marker))
		if err != nil || string(b) != markerText {
			t.Fatalf("marker = %q, %v; want %q", b, err, markerText)
		}
	}
}
