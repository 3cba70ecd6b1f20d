package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"maki/internal/publish"
)

// newProject copies the example content and theme into a temporary
// repository (with .git and public/.gitkeep, like this one) and makes it
// the working directory.
func newProject(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("../../content/site.yaml"); err != nil {
		t.Skip("no example content")
	}
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "themes", "default"), os.DirFS("../../themes/default")); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{".git", "public"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range map[string]string{"public/.gitkeep": "", "notes.txt": "notes", ".git/HEAD": "ref: refs/heads/main\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

// snapshot returns every file under dir with its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			files[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// maki runs the command line args and returns its exit status and output.
func maki(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	var ex exitError
	switch {
	case err == nil:
	case errors.As(err, &ex):
		code = ex.code
		if ex.msg != "" {
			errOut.WriteString(ex.msg + "\n")
		}
	default:
		code = 1
		errOut.WriteString(err.Error() + "\n")
	}
	return code, out.String(), errOut.String()
}

// An --out that would destroy sources, the theme, the repository or a
// file is refused with exit status 2 and one line naming it; nothing is
// touched.
func TestBuildRefusesDangerousOut(t *testing.T) {
	dir := newProject(t)
	if err := os.Symlink("content", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "mine", "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "mine", "docs", "thesis.md"), []byte("years of work"), 0o644)
	before := snapshot(t, dir)
	for _, tt := range []struct{ out, why string }{
		{"content", "is the content folder"},
		{"content/", "is the content folder"},
		{"./content/../content", "is the content folder"},
		{filepath.Join(dir, "content"), "is the content folder"},
		{"link", "is the content folder"},
		{"content/systeme", "lies inside the content folder"},
		{".", "contains the content folder"},
		{dir, "contains the content folder"},
		{"..", "contains the content folder"},
		{"themes/default", "is the theme folder"},
		{"themes", "contains the theme folder"},
		{"notes.txt", "is a file"},
		{"fifo", "is a file"},
		{"mine", `holds "docs"`},
	} {
		code, _, stderr := maki("build", "--quiet", "--out", tt.out)
		if code != 2 || !strings.Contains(stderr, tt.why) || !strings.Contains(stderr, tt.out) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("maki build --out %s: exit %d, stderr %q; want exit 2 and one line saying %q", tt.out, code, stderr, tt.why)
		}
	}
	// --force allows a folder maki did not make, never the sources.
	if code, _, stderr := maki("build", "--quiet", "--force", "--out", "content"); code != 2 {
		t.Errorf("maki build --force --out content: exit %d, %s; want 2", code, stderr)
	}
	after := snapshot(t, dir)
	if len(after) != len(before) {
		t.Errorf("the project had %d files and has %d", len(before), len(after))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("%s changed", name)
		}
	}
}

// The README's "maki build" writes into the repository's public/, which
// holds only .gitkeep; the next build replaces it again (the marker), and
// both are byte-identical. --force replaces a foreign folder.
func TestBuildIntoPublic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site three times")
	}
	dir := newProject(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1798675200") // 2027-01-01: the example content has dates up to late 2026
	if code, _, stderr := maki("build", "--quiet"); code != 0 {
		t.Fatalf("maki build: exit %d\n%s", code, stderr)
	}
	first := snapshot(t, filepath.Join(dir, "public"))
	if first[publish.Marker] == "" || first["index.html"] == "" {
		t.Fatalf("public/ holds no %s or index.html", publish.Marker)
	}
	if code, _, stderr := maki("build", "--quiet", "--out", "public/"); code != 0 {
		t.Fatalf("second maki build: exit %d\n%s", code, stderr)
	}
	second := snapshot(t, filepath.Join(dir, "public"))
	if len(first) != len(second) {
		t.Errorf("builds differ: %d and %d files", len(first), len(second))
	}
	for name, data := range first {
		if second[name] != data {
			t.Errorf("builds differ in %s", name)
		}
	}

	os.MkdirAll(filepath.Join(dir, "other"), 0o755)
	os.WriteFile(filepath.Join(dir, "other", "old.txt"), []byte("x"), 0o644)
	if code, _, stderr := maki("build", "--quiet", "--force", "--out", "other"); code != 0 {
		t.Fatalf("maki build --force --out other: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "other", publish.Marker)); err != nil {
		t.Errorf("forced build: %v", err)
	}
}

// --base-url follows the same rule as site.yaml's base_url.
func TestBaseURLFlag(t *testing.T) {
	for _, u := range []string{"javascript:alert(1)//", "ftp://example.org/", "https://user:secret@example.org/", "https://example.org/?q=1", "https://example.org/#x", "example.org"} {
		for _, args := range [][]string{{"build", "--out", t.TempDir()}, {"check"}, {"export", "json"}} {
			args = append(args, "--content", t.TempDir(), "--base-url", u)
			code, stdout, stderr := maki(args...)
			if code != 2 || stdout != "" || !strings.Contains(stderr, "--base-url") || strings.Count(stderr, "\n") != 1 {
				t.Errorf("maki %v: exit %d, stderr %q; want exit 2 and one line about --base-url", args, code, stderr)
			}
		}
	}
}

// A file name cannot forge lines, workflow commands or terminal escapes in
// any report format, and no report echoes a long value in full (512 KB:
// files over the 1 MiB cap are refused before their values are read).
func TestReportsCannotBeForged(t *testing.T) {
	dir := newProject(t)
	sys := filepath.Join(dir, "content", "systeme")
	b, err := os.ReadFile(filepath.Join(sys, "bafoeg-chatbot.yaml"))
	if err != nil {
		t.Skip("example system bafoeg-chatbot.yaml not found")
	}
	forged := "x\n::error file=README.md,line=1::forged\x1b[2K\u202e.yaml"
	if err := os.WriteFile(filepath.Join(sys, forged), b, 0o644); err != nil {
		t.Fatal(err)
	}
	huge := strings.Repeat("A", 512<<10)
	if err := os.WriteFile(filepath.Join(sys, "bafoeg-chatbot.yaml"), bytes.Replace(b, []byte("status: planned"), []byte("status: "+huge), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "github", "gitlab", "json"} {
		code, stdout, _ := maki("check", "--format", format)
		if code != 1 {
			t.Errorf("maki check --format %s: exit %d; want 1", format, code)
		}
		if strings.ContainsAny(stdout, "\x1b\u202e") {
			t.Errorf("maki check --format %s: report holds a control character", format)
		}
		for _, line := range strings.Split(stdout, "\n") {
			if strings.HasPrefix(line, "::error file=README.md") {
				t.Errorf("maki check --format %s: forged line %q", format, line)
			}
		}
		if !strings.Contains(stdout, "x\\n::error file=README.md,line=1::forged") && !strings.Contains(stdout, "x\\\\n::error file=README.md,line=1::forged") && !strings.Contains(stdout, "x\\n%3A%3Aerror") {
			t.Errorf("maki check --format %s: the file name is not reported (escaped)", format)
		}
		if len(stdout) > 100_000 || strings.Contains(stdout, strings.Repeat("A", 200)) {
			t.Errorf("maki check --format %s: %d bytes of report; want the 512 KB value as an excerpt", format, len(stdout))
		}
		if !strings.Contains(stdout, strings.Repeat("A", 120)+"…") {
			t.Errorf("maki check --format %s: no excerpt of the long value", format)
		}
	}
}
