package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"maki/internal/build"
	"maki/internal/register"
)

// runMaki runs maki with args and returns stdout, stderr and the exit
// status (the message of an exitError is appended to stderr, as main
// prints it).
func runMaki(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
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
		t.Fatalf("maki %v: %v", args, err)
	}
	return out.String(), errOut.String(), code
}

// wantInitWarnings are the placeholders of a fresh "maki init": every
// value of site.yaml the operator has to replace.
var wantInitWarnings = []string{
	"accessibility_contact", "base_url", "operator.address", "operator.email", "operator.name.de",
	"operator.name.en", "operator.url", "security_contact", "title.de", "title.en",
}

// TestInit writes a register with "maki init", checks it (no errors; the
// only warnings are the placeholders, at their positions), builds it
// with zero systems and zero organisations, exports and searches it, and
// checks that filling in the placeholders leaves no warning.
func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "register")
	if _, errOut, code := runMaki(t, "init", dir); code != 0 {
		t.Fatalf("maki init: exit %d\n%s", code, errOut)
	}
	content := filepath.Join(dir, "content")
	for _, f := range []string{"site.yaml", "themen.yaml", "organisationen/.gitkeep", "systeme/.gitkeep",
		"seiten/barrierefreiheit.md", "seiten/barrierefreiheit.en.md", "seiten/impressum.md", "seiten/impressum.en.md",
		"seiten/datenschutz.md", "seiten/datenschutz.en.md", "seiten/leichte-sprache.md", "seiten/leichte-sprache.en.md",
		"seiten/gebaerdensprache.md", "seiten/gebaerdensprache.en.md"} {
		if _, err := os.Stat(filepath.Join(content, f)); err != nil {
			t.Errorf("maki init wrote no %s", f)
		}
	}

	// check: exit 0, and every warning is a placeholder.
	if _, errOut, code := runMaki(t, "check", "--content", content); code != 0 {
		t.Fatalf("maki check of a new register: exit %d\n%s", code, errOut)
	}
	reg, errs := build.Check(context.Background(), build.Config{Content: content, Now: time.Now()})
	for _, e := range errs.Errors() {
		t.Errorf("error: %v", e)
	}
	var site []string
	pages := map[string]int{}
	dgs := 0
	for _, e := range errs.Warnings() {
		if e.Rule == "dgs" { // the operator supplies the sign-language video
			dgs++
			continue
		}
		if e.Rule != "placeholder" {
			t.Errorf("warning that is not a placeholder: %v", e)
			continue
		}
		switch base := filepath.Base(e.Pos.File); base {
		case "site.yaml":
			site = append(site, e.Field)
		default:
			pages[base]++
			if line := fileLine(t, e.Pos); !strings.Contains(line, "ANPASSEN") {
				t.Errorf("%v: line %q holds no placeholder", e, line)
			}
		}
	}
	sort.Strings(site)
	if strings.Join(site, " ") != strings.Join(wantInitWarnings, " ") {
		t.Errorf("site.yaml placeholders %q; want %q", site, wantInitWarnings)
	}
	if dgs != 1 {
		t.Errorf("%d warnings about the missing DGS video; want 1", dgs)
	}
	for _, f := range []string{"barrierefreiheit", "impressum", "datenschutz", "leichte-sprache", "gebaerdensprache"} {
		if pages[f+".md"] == 0 || pages[f+".en.md"] == 0 {
			t.Errorf("no placeholder warning in %s.md or %s.en.md: %v", f, f, pages)
		}
	}
	if len(reg.Systems) != 0 || len(reg.Organisations) != 0 {
		t.Errorf("maki init wrote %d systems, %d organisations; want none", len(reg.Systems), len(reg.Organisations))
	}

	// build: a register with no systems builds, and says it is empty.
	out := filepath.Join(t.TempDir(), "public")
	if _, errOut, code := runMaki(t, "build", "--quiet", "--content", content, "--theme", "../../themes/default", "--out", out); code != 0 {
		t.Fatalf("maki build of a new register: exit %d\n%s", code, errOut)
	}
	for _, f := range []string{"index.html", "en/index.html", "systeme/index.html", "organisationen/index.html",
		"statistik/index.html", "suche/index.html", "barrierefreiheit/index.html", "leichte-sprache/index.html",
		"daten/register.json", "daten/register.csv", "daten/eu-ai-act.json", "feed.xml", "sitemap.xml"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("build of a new register: no %s", f)
		}
	}
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(home), "Hier ist noch kein KI-System eingetragen.") {
		t.Error("start page of an empty register does not say it is empty")
	}
	if m := regexp.MustCompile(`<ul[^>]*>\s*</ul>`).Find(home); m != nil {
		t.Errorf("start page of an empty register has an empty list: %s", m)
	}
	for _, dirName := range []string{"statistik", "systeme"} {
		b, _ := os.ReadFile(filepath.Join(out, dirName, "index.html"))
		if bytes.Contains(b, []byte("NaN")) || bytes.Contains(b, []byte("%!")) {
			t.Errorf("%s/index.html of an empty register holds NaN or a format error", dirName)
		}
	}

	// export and search work on it too.
	for _, format := range []string{"json", "csv", "eu-ai-act"} {
		stdout, errOut, code := runMaki(t, "export", format, "--content", content)
		if code != 0 || stdout == "" {
			t.Errorf("maki export %s of a new register: exit %d, %d bytes\n%s", format, code, len(stdout), errOut)
		}
	}
	if _, errOut, code := runMaki(t, "search", "--content", content, "chatbot"); code != 0 {
		t.Errorf("maki search of a new register: exit %d\n%s", code, errOut)
	}

	// Filled in (one compliance status kept, as the template asks), the
	// register has no warning left but the one about the DGS video.
	status := regexp.MustCompile(`\[ANPASSEN: (genau einen|keep exactly one)[^\]]*\]`)
	fill := regexp.MustCompile(`\[ANPASSEN: [^\]]*\]|ANPASSEN`)
	err := filepath.WalkDir(content, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		b = status.ReplaceAllFunc(b, func(m []byte) []byte {
			if bytes.Contains(m, []byte("genau einen")) {
				return []byte("**teilweise vereinbar**")
			}
			return []byte("**partially compliant**")
		})
		return os.WriteFile(p, fill.ReplaceAll(b, []byte("ausgefuellt")), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	_, errs = build.Check(context.Background(), build.Config{Content: content, Now: time.Now()})
	for _, e := range errs {
		if e.Rule != "dgs" {
			t.Errorf("filled in: %v", e)
		}
	}
}

// fileLine returns the line of the file at pos.
func fileLine(t *testing.T, pos register.Pos) string {
	t.Helper()
	b, err := os.ReadFile(pos.File)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	if pos.Line < 1 || pos.Line > len(lines) {
		return ""
	}
	return lines[pos.Line-1]
}

// TestInitTopics checks that maki init's topic vocabulary is the example
// content's.
func TestInitTopics(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	if _, errOut, code := runMaki(t, "init", dir); code != 0 {
		t.Fatalf("maki init: exit %d\n%s", code, errOut)
	}
	ids := func(content string) string {
		reg, _ := build.Check(context.Background(), build.Config{Content: content, Now: time.Now()})
		var s []string
		for _, tp := range reg.Topics {
			s = append(s, tp.ID+"="+tp.Label.De+"/"+tp.Label.En)
		}
		return strings.Join(s, "\n")
	}
	if got, want := ids(filepath.Join(dir, "content")), ids("../../content"); got != want {
		t.Errorf("maki init topics:\n%s\nwant the example content's:\n%s", got, want)
	}
}

// TestInitRefuses checks that maki init writes only into a new or empty
// folder and never overwrites.
func TestInitRefuses(t *testing.T) {
	tmp := t.TempDir()
	full := filepath.Join(tmp, "full")
	os.MkdirAll(full, 0o755)
	os.WriteFile(filepath.Join(full, "site.yaml"), []byte("mine\n"), 0o644)
	hidden := filepath.Join(tmp, "hidden")
	os.MkdirAll(filepath.Join(hidden, ".git"), 0o755)
	file := filepath.Join(tmp, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	empty := filepath.Join(tmp, "empty")
	os.MkdirAll(empty, 0o755)
	link := filepath.Join(tmp, "link")
	if err := os.Symlink(empty, link); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		want string // in the message; "" for success
	}{
		{"not empty", []string{"init", full}, "is not empty"},
		{"only a hidden folder", []string{"init", hidden}, "is not empty"},
		{"a file", []string{"init", file}, "is not a folder"},
		{"a symlink", []string{"init", link}, "is not a folder"},
		{"no folder", []string{"init"}, "want exactly one folder"},
		{"two folders", []string{"init", "a", "b"}, "want exactly one folder"},
		{"empty folder", []string{"init", empty}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errOut, code := runMaki(t, c.args...)
			if c.want == "" {
				if code != 0 {
					t.Errorf("maki %v: exit %d\n%s", c.args, code, errOut)
				}
				return
			}
			if code != 2 || !strings.Contains(errOut, c.want) {
				t.Errorf("maki %v: exit %d\n%s\nwant exit 2 and %q", c.args, code, errOut, c.want)
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(full, "site.yaml")); string(b) != "mine\n" {
		t.Errorf("maki init changed an existing file: %q", b)
	}
	if ents, _ := os.ReadDir(full); len(ents) != 1 {
		t.Errorf("maki init wrote into a folder that was not empty: %d entries", len(ents))
	}
}

// TestContentFolderMissing checks that every command taking --content
// reports a missing content folder as one usage error (exit status 2),
// not as a list of missing files.
func TestContentFolderMissing(t *testing.T) {
	tmp := t.TempDir()
	nope := filepath.Join(tmp, "nope")
	file := filepath.Join(tmp, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	out := filepath.Join(tmp, "public")
	for _, c := range [][]string{
		{"check"},
		{"build", "--out", out},
		{"export", "json"},
		{"import", file},
		{"new", "neues-system"},
		{"search", "chatbot"},
		{"serve", "--port", "0"},
		{"schema"},
	} {
		for _, dir := range []string{nope, file} {
			args := append(append([]string{}, c...), "--content", dir)
			stdout, stderr, code := runMaki(t, args...)
			want := "maki " + c[0] + ": content folder \"" + dir + "\" does not exist; want the folder holding site.yaml (maki init DIR makes one)\n"
			if dir == file {
				want = "maki " + c[0] + ": content folder \"" + dir + "\" is not a folder; want the folder holding site.yaml\n"
			}
			if code != 2 || stdout != "" || stderr != want {
				t.Errorf("maki %v: exit %d, stdout %q, stderr\n%s\nwant exit 2 and\n%s", args, code, stdout, stderr, want)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(nope)); err == nil {
		t.Error("a command made the missing content folder")
	}
}
