package corpus

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDeterministic(t *testing.T) {
	a, b := FS(200, 7), FS(200, 7)
	if len(a) != len(b) {
		t.Fatalf("two runs: %d and %d files", len(a), len(b))
	}
	for name, f := range a {
		g, ok := b[name]
		if !ok || !bytes.Equal(f.Data, g.Data) {
			t.Fatalf("%s differs between two runs with the same seed", name)
		}
	}
	c := FS(200, 8)
	same := 0
	for name := range a {
		if _, ok := c[name]; ok {
			same++
		}
	}
	if same == len(a) {
		t.Errorf("seeds 7 and 8 gave the same file names")
	}
}

func TestWriteMatchesFS(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, 120, 3); err != nil {
		t.Fatal(err)
	}
	m := FS(120, 3)
	got := 0
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		got++
		data, err := os.ReadFile(dir + "/" + p)
		if err != nil {
			return err
		}
		if f, ok := m[p]; !ok || !bytes.Equal(f.Data, data) {
			t.Errorf("%s: Write and FS differ", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got != len(m) {
		t.Errorf("Write wrote %d files, FS has %d", got, len(m))
	}
	if err := Write(dir, 1, 1); err == nil {
		t.Errorf("Write into a non-empty directory: no error")
	}
}

var idRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestCounts(t *testing.T) {
	const n = 1000
	m := FS(n, 1)
	var yaml, md, orgs int
	ids := map[string]bool{}
	for name := range m {
		dir, file := path.Split(name)
		ext := path.Ext(file)
		id := strings.TrimSuffix(file, ext)
		switch dir {
		case "systeme/":
			if ext == ".yaml" {
				yaml++
			} else {
				md++
			}
		case "organisationen/":
			orgs++
		default:
			continue
		}
		if !idRE.MatchString(id) || len(id) < 3 || len(id) > 80 {
			t.Errorf("%s: bad id %q", name, id)
		}
		if ids[id] {
			t.Errorf("%s: id %q used twice", name, id)
		}
		ids[id] = true
	}
	if yaml != n/2 || md != n/2 {
		t.Errorf("systems: %d .yaml and %d .md; want %d each", yaml, md, n/2)
	}
	c := Counts(n, 1)
	if c["bund"] < 25 || c["land"] < 16*5 || c["kommune"] < n/8-20 || c["kommune"] > n/8+20 {
		t.Errorf("organisations by level: %v", c)
	}
	if orgs != c["bund"]+c["land"]+c["kommune"] {
		t.Errorf("%d organisation files, Counts says %v", orgs, c)
	}
	for _, p := range []string{"site.yaml", "themen.yaml", "seiten/barrierefreiheit.md", "seiten/impressum.md", "seiten/datenschutz.md", "seiten/leichte-sprache.md"} {
		if _, ok := m[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
}

// TestLengths checks the shape of names and summaries of German-only
// systems, whose fields are single lines.
func TestLengths(t *testing.T) {
	m := FS(500, 2)
	for name, f := range m {
		if !strings.HasPrefix(name, "systeme/") {
			continue
		}
		for line := range strings.SplitSeq(string(f.Data), "\n") {
			if v, ok := strings.CutPrefix(line, "name: "); ok && !strings.HasPrefix(v, "{") {
				v = unquote(t, v)
				if n := utf8.RuneCountInString(v); n < 20 || n > 80 {
					t.Errorf("%s: name of %d characters: %q", name, n, v)
				}
			}
			if v, ok := strings.CutPrefix(line, "summary: "); ok {
				if n := utf8.RuneCountInString(v); n < 150 || n > 380 {
					t.Errorf("%s: summary of %d characters", name, n)
				}
			}
		}
	}
}

// unquote returns the string a YAML scalar of the generator stands for.
func unquote(t *testing.T, v string) string {
	t.Helper()
	switch {
	case strings.HasPrefix(v, `"`):
		u, err := strconv.Unquote(v)
		if err != nil {
			t.Fatalf("unquote %s: %v", v, err)
		}
		return u
	case strings.HasPrefix(v, "'"):
		return strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(v, "'"), "'"), "''", "'")
	}
	return v
}

// TestNameForms: a corpus has names that start with quotes, brackets,
// digits, lower case, umlauts and another script, so lists are tested on
// what real registers hold.
func TestNameForms(t *testing.T) {
	m := FS(400, 1)
	starts := map[string]int{}
	for name, f := range m {
		if !strings.HasPrefix(name, "systeme/") {
			continue
		}
		for line := range strings.SplitSeq(string(f.Data), "\n") {
			v, ok := strings.CutPrefix(line, "name: ")
			if !ok {
				v, ok = strings.CutPrefix(line, "  de: ")
			}
			if !ok || strings.HasPrefix(v, "{") {
				continue
			}
			v = unquote(t, v)
			r, _ := utf8.DecodeRuneInString(v)
			switch {
			case strings.ContainsRune("„\"'(", r):
				starts["punctuation"]++
			case r >= '0' && r <= '9':
				starts["digit"]++
			case r >= 'a' && r <= 'z':
				starts["lower"]++
			case strings.ContainsRune("ÄÖÜäöü", r):
				starts["umlaut"]++
			case r == 'Ω':
				starts["other script"]++
			}
		}
	}
	for _, k := range []string{"punctuation", "digit", "lower", "umlaut", "other script"} {
		if starts[k] == 0 {
			t.Errorf("no name starts with %s; got %v", k, starts)
		}
	}
}

func TestScalar(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Bürgeramt", "Bürgeramt"},
		{"2.1", `"2.1"`},
		{"yes", `"yes"`},
		{"a: b", `"a: b"`},
		{"- x", `"- x"`},
		{`Sag "Hallo"`, `Sag "Hallo"`},
		{`"x"`, `"\"x\""`},
		{"Müller & Söhne", "Müller & Söhne"},
		{"", `""`},
	} {
		if got := scalar(tt.in); got != tt.want {
			t.Errorf("scalar(%q) = %s; want %s", tt.in, got, tt.want)
		}
	}
}

func TestSlug(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Stadt Mühlhausen", "stadt-muehlhausen"},
		{"Weißenburg (Westf.)", "weissenburg-westf"},
		{"BärGPT – Chatbot", "baergpt-chatbot"},
	} {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkFS(b *testing.B) {
	n := BenchSize(1000)
	for b.Loop() {
		FS(n, 1)
	}
}

// TestListShapes checks what the lists of issue 13 need from a corpus of
// national size: one organisation with more than 100 systems (an
// organisation page 2), and the status lines with and without a start
// that maki check accepts without a warning.
func TestListShapes(t *testing.T) {
	fsys := FS(1600, 1)
	orgs := map[string]int{}
	forms := map[string]int{}
	field := regexp.MustCompile(`(?m)^(organisation|status|start|end): *(\S+)`)
	for name, f := range fsys {
		if !strings.HasPrefix(name, "systeme/") {
			continue
		}
		v := map[string]string{}
		for _, m := range field.FindAllStringSubmatch(string(f.Data), -1) {
			if _, ok := v[m[1]]; !ok {
				v[m[1]] = m[2]
			}
		}
		orgs[v["organisation"]]++
		form := v["status"]
		if v["start"] != "" {
			form += "+start"
		}
		if v["end"] != "" {
			form += "+end"
		}
		forms[form]++
	}
	top := 0
	for _, n := range orgs {
		top = max(top, n)
	}
	if top <= 100 {
		t.Errorf("largest organisation: %d systems; want more than 100", top)
	}
	for _, want := range []string{"planned", "planned+start", "development", "development+start", "pilot+start", "production+start", "retired+start+end"} {
		if forms[want] == 0 {
			t.Errorf("no system with %s; got %v", want, forms)
		}
	}
	small := map[string]int{}
	org := regexp.MustCompile(`(?m)^organisation: *(\S+)`)
	for name, f := range FS(400, 1) {
		if m := org.FindStringSubmatch(string(f.Data)); m != nil && strings.HasPrefix(name, "systeme/") {
			small[m[1]]++
		}
	}
	if small["itzbund"] > 40 {
		t.Errorf("400 systems: itzbund has %d; the big organisation is only for 1,000 systems or more", small["itzbund"])
	}
}
