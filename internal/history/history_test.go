package history

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"maki/internal/corpus"
	"maki/internal/load"
	"maki/internal/register"
)

// repo is a git repository made inside a test.
type repo struct {
	t   *testing.T
	dir string
	n   int // commits so far: each gets the next day as its dates
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git command not found: the history tests need a real git repository")
	}
	r := &repo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	c := exec.Command("git", args...)
	c.Dir = r.dir
	date := "2026-01-" + twoDigits(r.n+1) + "T12:00:00Z"
	c.Env = append(gitEnv(os.Environ()),
		"GIT_AUTHOR_NAME=Erika Mustermann", "GIT_AUTHOR_EMAIL=erika@example.org",
		"GIT_COMMITTER_NAME=Erika Mustermann", "GIT_COMMITTER_EMAIL=erika@example.org",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	out, err := c.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func twoDigits(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

// write writes files (name → content; "" removes the file).
func (r *repo) write(files map[string]string) {
	r.t.Helper()
	for name, data := range files {
		p := filepath.Join(r.dir, filepath.FromSlash(name))
		if data == "" {
			if err := os.Remove(p); err != nil {
				r.t.Fatal(err)
			}
			continue
		}
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// commit commits everything.
func (r *repo) commit(msg string) {
	r.t.Helper()
	r.git("add", "-A")
	r.git("commit", "-q", "--allow-empty", "-m", msg)
	r.n++
}

func sys(name, risk, purpose string) string {
	return "name: " + name + "\nrisk_class: " + risk + "\npurpose: |\n  " + purpose + "\ntopics: [steuern]\n"
}

func testConfig(dir string) Config {
	return Config{
		Dir:     dir,
		ValidID: load.ValidID,
		Decoder: func() func(string, []byte) (*register.System, bool) {
			return func(path string, data []byte) (*register.System, bool) {
				s, errs := load.SystemFromBytes("content", path, data)
				if s != nil {
					s.ForgetPositions()
					s.BodyLine = 0
				}
				return s, len(errs) == 0
			}
		},
	}
}

func TestRead(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{
		"content/systeme/alpha.yaml":    sys("Alpha", "minimal", "Bescheide prüfen."),
		"content/systeme/beta.yaml":     sys("Beta", "transparency", "Post sortieren."),
		"content/systeme/gamma.yaml":    sys("Gamma", "minimal", "Anträge lesen."),
		"content/systeme/delta.yaml":    sys("Delta", "minimal", "Fristen berechnen."),
		"content/organisationen/x.yaml": "name: X\n",
	})
	r.commit("add")
	// Edit alpha; rename beta to beta-neu (git detects it); gamma becomes
	// gamma.md; delta is removed.
	r.write(map[string]string{
		"content/systeme/alpha.yaml":    sys("Alpha", "high_risk", "Bescheide schnell prüfen."),
		"content/systeme/beta.yaml":     "",
		"content/systeme/beta-neu.yaml": sys("Beta", "transparency", "Post sortieren."),
		"content/systeme/gamma.yaml":    "",
		"content/systeme/gamma.md":      "---\nname: Gamma\nrisk_class: minimal\npurpose: Anträge lesen.\ntopics: [steuern, bau]\n---\nBeschreibung.\n",
		"content/systeme/delta.yaml":    "",
	})
	r.commit("edit, rename, remove")
	// A branch edits alpha, main adds a system with a strange name; merge.
	r.git("checkout", "-q", "-b", "feature")
	r.write(map[string]string{"content/systeme/alpha.yaml": sys("Alpha", "high_risk", "Bescheide sehr schnell prüfen.")})
	r.commit("feature edit")
	r.git("checkout", "-q", "main")
	// File names come from merge requests: a newline, a record separator
	// that looks like a commit header, a name that looks like an option.
	r.write(map[string]string{
		"content/systeme/Neu Ü\nx.yaml":              sys("Falsch", "minimal", "x"),
		"content/systeme/\x1e0123 1700000000 x.yaml": sys("Falsch", "minimal", "x"),
		"content/systeme/--output=..%2fx.yaml":       sys("Falsch", "minimal", "x"),
		"content/systeme/:100644 100644 a b M.yaml":  sys("Falsch", "minimal", "x"),
		"content/README":                             "x",
	})
	r.commit("odd name")
	r.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature")
	r.n++

	h, err := Read(context.Background(), testConfig(filepath.Join(r.dir, "content")))
	if err != nil {
		t.Fatal(err)
	}
	if h.Shallow {
		t.Errorf("Shallow = true; want false")
	}
	got := map[string]string{}
	for id, sh := range h.Systems {
		var b strings.Builder
		for _, v := range sh.Versions {
			b.WriteString(v.Date.Format("01-02") + " " + v.Path + ":")
			if v.Author != "" {
				t.Errorf("%s: author %q published without opting in", id, v.Author)
			}
			for _, c := range v.Changes {
				b.WriteString(" " + c.Field + "/" + string(c.Kind))
			}
			b.WriteString("; ")
		}
		if !sh.Removed.IsZero() {
			b.WriteString("removed " + sh.Removed.Format("01-02"))
		}
		got[id] = b.String()
	}
	want := map[string]string{
		"alpha":    "01-01 systeme/alpha.yaml: file/created; 01-02 systeme/alpha.yaml: purpose/text risk_class/value; 01-05 systeme/alpha.yaml: purpose/text; ",
		"beta-neu": "01-01 systeme/beta.yaml: file/created; 01-02 systeme/beta-neu.yaml: id/renamed; ",
		"gamma":    "01-01 systeme/gamma.yaml: file/created; 01-02 systeme/gamma.md: description/set topics/list; ",
		"delta":    "01-01 systeme/delta.yaml: file/created; removed 01-02",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("history of %s:\n got %q\nwant %q", id, got[id], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("histories of %d systems (%v); want %d", len(got), got, len(want))
	}
	c := h.Systems["alpha"].Versions[1].Changes[1]
	if c.Old != "minimal" || c.New != "high_risk" || c.Enum != "risk_class" {
		t.Errorf("alpha risk change = %+v; want risk_class minimal → high", c)
	}
}

func TestReadRedirectAndAuthors(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{"content/systeme/alt-id.yaml": sys("Alt", "minimal", "Eins zwei drei vier.")})
	r.commit("add")
	// A rename git cannot detect: the content changes completely.
	r.write(map[string]string{"content/systeme/alt-id.yaml": "", "content/systeme/neue-id.yaml": sys("Ganz anders", "high_risk", "Völlig neuer Text hier.")})
	r.commit("rename")
	cfg := testConfig(filepath.Join(r.dir, "content"))
	cfg.Redirects = map[string]string{"alt-id": "neue-id"}
	cfg.Authors = true
	h, err := Read(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := h.Systems["alt-id"]; ok {
		t.Errorf("alt-id has a history of its own; want it continued as neue-id (redirect)")
	}
	vs := h.Systems["neue-id"].Versions
	if len(vs) != 2 || vs[0].Path != "systeme/alt-id.yaml" || vs[1].Changes[0].Field != "id" {
		t.Fatalf("neue-id versions = %+v; want alt-id then neue-id, renamed", vs)
	}
	if vs[0].Author != "Erika Mustermann" {
		t.Errorf("Author = %q; want the name when site.yaml opts in", vs[0].Author)
	}
}

func TestReadWithoutGit(t *testing.T) {
	dir := t.TempDir()
	_, err := Read(context.Background(), testConfig(dir))
	if !errors.Is(err, ErrNoGit) {
		t.Errorf("Read outside a repository: err = %v; want ErrNoGit", err)
	}
	t.Setenv("PATH", t.TempDir())
	_, err = Read(context.Background(), testConfig(dir))
	if !errors.Is(err, ErrNoGit) || !strings.Contains(err.Error(), "not found") {
		t.Errorf("Read without git: err = %v; want ErrNoGit, git command not found", err)
	}
}

func TestReadShallow(t *testing.T) {
	r := newRepo(t)
	for i := 0; i < 3; i++ {
		r.write(map[string]string{"content/systeme/alpha.yaml": sys("Alpha", "minimal", "Version "+twoDigits(i))})
		r.commit("v")
	}
	clone := t.TempDir()
	c := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+r.dir, clone)
	c.Env = gitEnv(os.Environ())
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	h, err := Read(context.Background(), testConfig(filepath.Join(clone, "content")))
	if err != nil {
		t.Fatal(err)
	}
	if !h.Shallow || len(h.Systems["alpha"].Versions) != 1 {
		t.Errorf("shallow clone: Shallow = %v, %d versions; want true, 1", h.Shallow, len(h.Systems["alpha"].Versions))
	}
}

func TestReadCancelled(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{"content/systeme/alpha.yaml": sys("Alpha", "minimal", "x")})
	r.commit("add")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, testConfig(filepath.Join(r.dir, "content"))); !errors.Is(err, context.Canceled) {
		t.Errorf("Read with a cancelled context: err = %v; want context.Canceled", err)
	}
}

// TestFinishEach: each gets every system's history with all its versions
// read; afterwards only the newest version and the newest with a name
// keep their System, and an error of each is returned.
func TestFinishEach(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{"content/systeme/alpha.yaml": sys("Alpha", "minimal", "Eins."), "content/systeme/beta.yaml": sys("Beta", "minimal", "Eins.")})
	r.commit("add")
	for _, p := range []string{"Zwei.", "Drei."} {
		r.write(map[string]string{"content/systeme/alpha.yaml": sys("Alpha", "minimal", p)})
		r.commit(p)
	}
	// beta's newest version has no name (an error the check would find in
	// the working tree, not in git's history): its page's title comes
	// from the version before.
	r.write(map[string]string{"content/systeme/beta.yaml": "risk_class: minimal\npurpose: Zwei.\n"})
	r.commit("beta without name")
	cfg := testConfig(filepath.Join(r.dir, "content"))

	seen := map[string][]bool{} // per system: which versions had a System in each
	var mu sync.Mutex
	h, err := Start(context.Background(), cfg).FinishEach(nil, func(sh *register.SystemHistory) error {
		var had []bool
		for _, v := range sh.Versions {
			had = append(had, v.System != nil)
		}
		mu.Lock()
		seen[sh.ID] = had
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	kept := func(id string) []bool {
		var out []bool
		for _, v := range h.Systems[id].Versions {
			out = append(out, v.System != nil)
		}
		return out
	}
	for _, c := range []struct {
		id         string
		seen, kept []bool
	}{
		{"alpha", []bool{true, true, true}, []bool{false, false, true}},
		{"beta", []bool{true, true}, []bool{true, true}},
	} {
		if !slices.Equal(seen[c.id], c.seen) || !slices.Equal(kept(c.id), c.kept) {
			t.Errorf("%s: each saw Systems %v, kept %v; want %v, %v", c.id, seen[c.id], kept(c.id), c.seen, c.kept)
		}
	}
	if h.Systems["alpha"].Versions[2].Changes[0].Field != "purpose" {
		t.Errorf("alpha's changes were not made before the versions were freed: %+v", h.Systems["alpha"].Versions[2].Changes)
	}

	boom := errors.New("disk full")
	if _, err := Start(context.Background(), cfg).FinishEach(nil, func(*register.SystemHistory) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("FinishEach with a failing each: %v; want %v", err, boom)
	}
}

// TestReadCurrent: read backwards from the systems the loader decoded from
// the working tree (Config.Current), the history is the same as decoding
// every version in full — over random edits of the synthetic corpus's
// files (YAML and Markdown) in git, a file with CRLF line ends (its text as
// decoded is not the blob: read forwards), a rename, a removal and a file
// changed since its last commit.
func TestReadCurrent(t *testing.T) {
	r := newRepo(t)
	files := map[string]string{}
	for name, f := range corpus.FS(40, 3) {
		files["content/"+name] = string(f.Data)
	}
	r.write(files)
	r.commit("add")
	var sys []string
	for name := range files {
		if strings.HasPrefix(name, "content/systeme/") {
			sys = append(sys, name)
		}
	}
	sort.Strings(sys)
	others := make([]string, len(sys))
	for i, p := range sys {
		others[i] = files[p]
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	for c := 0; c < 6; c++ {
		change := map[string]string{}
		for _, p := range sys {
			if rnd.IntN(3) > 0 {
				files[p] = edit(rnd, files[p], others)
				change[p] = files[p]
			}
		}
		r.write(change)
		r.commit("edit " + strconv.Itoa(c))
	}
	crlf, renamed, removed, dirty := sys[0], sys[1], sys[2], sys[3]
	r.write(map[string]string{crlf: strings.ReplaceAll(files[crlf], "\n", "\r\n")})
	r.commit("crlf")
	r.git("mv", renamed, "content/systeme/umbenannt-"+path.Base(renamed))
	r.write(map[string]string{removed: ""})
	r.commit("rename, remove")
	r.write(map[string]string{dirty: files[dirty] + "\n# noch nicht gespeichert\n"})

	dir := filepath.Join(r.dir, "content")
	full := testConfig(dir)
	full.Full = true
	want, err := Read(context.Background(), full)
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(dir)
	cfg.Current = NewCurrent()
	added := 0
	reg, _ := load.RegisterEach(os.DirFS(dir), "content", func(name string, data []byte, s *register.System) {
		c := *s
		c.ForgetPositions()
		c.BodyLine = 0
		cfg.Current.Add(name, data, &c)
		added++
	})
	cfg.Current.Done()
	if added != len(reg.Systems) || added < len(sys)/3 {
		t.Fatalf("RegisterEach gave %d systems; the register has %d, the repository %d files", added, len(reg.Systems), len(sys))
	}
	got, err := Read(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Systems) != len(want.Systems) {
		t.Fatalf("%d systems; want %d", len(got.Systems), len(want.Systems))
	}
	versions := 0
	for id, wh := range want.Systems {
		gh := got.Systems[id]
		if gh == nil || len(gh.Versions) != len(wh.Versions) {
			t.Errorf("%s: %v; want %d versions", id, gh, len(wh.Versions))
			continue
		}
		for i, wv := range wh.Versions {
			versions++
			if !reflect.DeepEqual(gh.Versions[i], wv) {
				t.Errorf("%s version %d: read backwards\n%+v\nwant\n%+v", id, i+1, gh.Versions[i].System, wv.System)
			}
		}
	}
	if versions < 4*len(sys) {
		t.Errorf("only %d versions of %d files", versions, len(sys))
	}
}

// TestCurrentStopped: once the reading has ended — here at once, without a
// repository — what the load adds is dropped, not kept for the build.
func TestCurrentStopped(t *testing.T) {
	cfg := testConfig(t.TempDir())
	cfg.Current = NewCurrent()
	r := Start(context.Background(), cfg)
	r.Wait()
	if _, err := r.Finish(nil); !errors.Is(err, ErrNoGit) {
		t.Fatalf("Finish: %v; want ErrNoGit", err)
	}
	cfg.Current.Add("systeme/x.yaml", []byte("name: X\n"), &register.System{})
	cfg.Current.Done()
	if _, _, ok := cfg.Current.get(context.Background(), "systeme/x.yaml"); ok {
		t.Error("a system added after the reading ended was kept")
	}
}
