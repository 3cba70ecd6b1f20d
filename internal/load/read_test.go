package load

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"maki/internal/guard"
)

// exampleContent copies the example content into a temporary folder.
func exampleContent(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("../../content/site.yaml"); err != nil {
		t.Skip("no example content")
	}
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestUnreadableFiles: every file that cannot be read is an error at its
// path; none drops out in silence, and a link read inside the root counts
// as the file it names.
func TestUnreadableFiles(t *testing.T) {
	dir := exampleContent(t)
	sys := filepath.Join(dir, "systeme")
	ents, _ := os.ReadDir(sys)
	var first string
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".yaml") {
			first = e.Name()
			break
		}
	}
	before, errs := Register(guard.New(context.Background(), dir, 0), "content")
	if errs.Err() != nil {
		t.Fatalf("example content has errors: %v", errs.Err())
	}
	// A copy of a system under a link: one more system, the same content.
	data, _ := os.ReadFile(filepath.Join(sys, first))
	if err := os.WriteFile(filepath.Join(dir, "real-copy.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../real-copy.yaml", filepath.Join(sys, "linked-copy.yaml")); err != nil {
		t.Fatal(err)
	}
	os.Symlink("gone.yaml", filepath.Join(sys, "dangling-system.yaml"))
	os.Symlink("looping.yaml", filepath.Join(sys, "looping.yaml"))
	os.Symlink("/etc/hostname", filepath.Join(dir, "organisationen", "outside-org.yaml"))
	syscall.Mkfifo(filepath.Join(dir, "seiten", "pipe-page.md"), 0o644)
	os.WriteFile(filepath.Join(sys, "too-big.yaml"), make([]byte, 40000), 0o644)

	reg, errs := Register(guard.New(context.Background(), dir, 30000), "content")
	got := map[string]string{}
	for _, e := range errs.Errors() {
		got[e.Pos.File] = e.Msg
	}
	want := map[string]string{
		"content/systeme/dangling-system.yaml":    "symbolic link to nothing (dangling); want a link to an existing file",
		"content/systeme/looping.yaml":            "symbolic link loop; want a link to a file",
		"content/organisationen/outside-org.yaml": "symbolic link leads outside " + filepath.ToSlash(dir) + "; want a relative link to a file inside it",
		"content/seiten/pipe-page.md":             "file is a named pipe; want a regular file or folder",
		"content/systeme/too-big.yaml":            "file is 40000 bytes; want at most 30000 (--max-file-size)",
	}
	for file, msg := range want {
		if got[file] != msg {
			t.Errorf("error at %s = %q; want %q", file, got[file], msg)
		}
	}
	if reg.System("linked-copy") == nil {
		t.Errorf("the system behind a link inside the root was not loaded")
	}
	// Every other system is there: 1 more (the link), the size cap let
	// the example's own files pass.
	if len(reg.Systems) != len(before.Systems)+1 {
		t.Errorf("loaded %d systems; want %d", len(reg.Systems), len(before.Systems)+1)
	}
}

// TestExtensionCase: .MD, .YAML, .Yaml, .YML are errors that say which
// ending is wanted, never files left out with a warning.
func TestExtensionCase(t *testing.T) {
	dir := exampleContent(t)
	for _, name := range []string{"systeme/upper-md.MD", "systeme/upper-yaml.YAML", "systeme/mixed-yaml.Yaml", "systeme/upper-yml.YML", "organisationen/org-upper.YAML", "seiten/page-upper.MD", "seiten/impressum.en.Md"} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte("name: x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, errs := Register(guard.New(context.Background(), dir, 0), "content")
	got := map[string]string{}
	for _, e := range errs.Errors() {
		got[e.Pos.File] = e.Msg
	}
	for file, msg := range map[string]string{
		"content/systeme/upper-md.MD":           "file ends in .MD; want .md",
		"content/systeme/upper-yaml.YAML":       "file ends in .YAML; want .yaml",
		"content/systeme/mixed-yaml.Yaml":       "file ends in .Yaml; want .yaml",
		"content/systeme/upper-yml.YML":         "file ends in .YML; want .yaml (or .md)",
		"content/organisationen/org-upper.YAML": "file ends in .YAML; want .yaml",
		"content/seiten/page-upper.MD":          "file ends in .MD; want .md",
		"content/seiten/impressum.en.Md":        "file ends in .Md; want .md",
	} {
		if got[file] != msg {
			t.Errorf("error at %s = %q; want %q", file, got[file], msg)
		}
	}
}
