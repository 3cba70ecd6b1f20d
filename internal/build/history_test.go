package build

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"maki/internal/history"
	"maki/internal/markdown"
	"maki/internal/register"
)

// gitRepo is a git repository made inside a test; every commit gets the
// next day of January 2026 as its dates, so hashes and dates are the same
// on every run.
type gitRepo struct {
	t   *testing.T
	dir string
	day int
}

func newGitRepo(t *testing.T, dir string) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git command not found: the change history tests need a real git repository")
	}
	r := &gitRepo{t: t, dir: dir, day: 1}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *gitRepo) git(args ...string) {
	r.t.Helper()
	c := exec.Command("git", args...)
	c.Dir = r.dir
	date := fmt.Sprintf("2026-01-%02dT09:30:00Z", r.day)
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			env = append(env, kv)
		}
	}
	c.Env = append(env, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_NAME=Xaverine Quastelbaum", "GIT_AUTHOR_EMAIL=xq@quastel.example",
		"GIT_COMMITTER_NAME=Xaverine Quastelbaum", "GIT_COMMITTER_EMAIL=xq@quastel.example",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	if out, err := c.CombinedOutput(); err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// commit writes files (content-relative; "" removes one) and commits
// them (and what git mv staged).
func (r *gitRepo) commit(msg string, files map[string]string) {
	r.t.Helper()
	for name, data := range files {
		p := filepath.Join(r.dir, "content", filepath.FromSlash(name))
		if data == "" {
			if err := os.Remove(p); err != nil {
				r.t.Fatal(err)
			}
			continue
		}
		writeFile(r.t, p, data)
	}
	for name := range files {
		r.git("add", "-A", "--", "content/"+name)
	}
	r.git("commit", "-q", "-m", msg)
	r.day++
}

func verlaufSystem(org, topic, name, risk, purpose, extra string) string {
	return `name: "` + name + `"
summary: "Ein System, dessen Änderungsverlauf geprüft wird."
organisation: ` + org + `
status: pilot
start: 2025-01
topics: [` + topic + `]
techniques: [nlp]
users: staff
purpose: |
  ` + purpose + `
risk_class: ` + risk + `
personal_data: none
contact_email: ki@example.org
published: 2025-01-01
updated: 2025-01-02
` + extra
}

// einsPurpose is verlauf-eins's purpose, long enough that its word diff
// is shortened, with words inserted before "vorsortieren".
func einsPurpose(words string) string {
	return "Das Amt erhält jeden Monat mehrere tausend Anträge, die bisher von Hand nach Art und Dringlichkeit sortiert werden. " +
		"Das System soll Anträge auf Wohngeld " + words + "vorsortieren, damit eilige Fälle früher bearbeitet werden. " +
		"Die Sachbearbeitung prüft jeden Vorschlag und entscheidet selbst; das System entscheidet über keinen Antrag."
}

// historyRepo builds the scenario of the history tests: the example
// content in a git repository whose systems folder holds three systems of
// the test (the example systems stay untracked): edits, a rename, a
// deletion, a branch merged with a merge commit, and enough versions of
// one system to fold the older ones.
func historyRepo(t *testing.T) (content string, r *gitRepo) {
	content = copyContent(t)
	org, topic := firstOrg(t, content), firstTopic(t, content)
	r = newGitRepo(t, filepath.Dir(content))
	r.commit("add three systems", map[string]string{
		"systeme/verlauf-eins.yaml": verlaufSystem(org, topic, "Verlauf Eins", "minimal", einsPurpose(""), ""),
		"systeme/verlauf-zwei.yaml": verlaufSystem(org, topic, "Verlauf Zwei", "minimal", "Post verteilen.", "vendor: \"Zyxwvut Geheimlieferant GmbH\"\n"),
		"systeme/verlauf-drei.yaml": verlaufSystem(org, topic, "Verlauf Drei", "minimal", "Fristen berechnen.", ""),
	})
	r.commit("eins: risk class, purpose, techniques", map[string]string{
		"systeme/verlauf-eins.yaml": strings.Replace(verlaufSystem(org, topic, "Verlauf Eins", "transparency", einsPurpose("schnell und fair "), ""), "[nlp]", "[nlp, generative_ai]", 1),
	})
	r.git("mv", "content/systeme/verlauf-zwei.yaml", "content/systeme/verlauf-zwei-neu.yaml")
	r.commit("zwei: renamed, restricted", map[string]string{
		"systeme/verlauf-zwei-neu.yaml": verlaufSystem(org, topic, "Verlauf Zwei", "minimal", "Post verteilen.", "vendor: \"Zyxwvut Geheimlieferant GmbH\"\nrestricted: true\n"),
	})
	r.commit("drei: removed", map[string]string{"systeme/verlauf-drei.yaml": ""})
	r.git("checkout", "-q", "-b", "feature")
	r.commit("eins: tags", map[string]string{
		"systeme/verlauf-eins.yaml": strings.Replace(verlaufSystem(org, topic, "Verlauf Eins", "transparency", einsPurpose("schnell und fair "), "tags: [wohngeld]\n"), "[nlp]", "[nlp, generative_ai]", 1),
	})
	r.git("checkout", "-q", "main")
	r.commit("zwei: summary", map[string]string{
		"systeme/verlauf-zwei-neu.yaml": strings.Replace(verlaufSystem(org, topic, "Verlauf Zwei", "minimal", "Post verteilen.", "vendor: \"Zyxwvut Geheimlieferant GmbH\"\nrestricted: true\n"), "dessen Änderungsverlauf", "dessen Verlauf", 1),
	})
	r.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature")
	r.day++
	for i := 3; i <= 6; i++ {
		r.commit("eins: updated", map[string]string{
			"systeme/verlauf-eins.yaml": strings.Replace(strings.Replace(verlaufSystem(org, topic, "Verlauf Eins", "transparency", einsPurpose("schnell und fair "), "tags: [wohngeld]\n"), "[nlp]", "[nlp, generative_ai]", 1), "2025-01-02", fmt.Sprintf("2025-01-%02d", i), 1),
		})
	}
	// A comment only: a version with no change to the published facts.
	r.commit("zwei: comment", map[string]string{
		"systeme/verlauf-zwei-neu.yaml": "# Umbenannt aus verlauf-zwei.\n" + strings.Replace(verlaufSystem(org, topic, "Verlauf Zwei", "minimal", "Post verteilen.", "vendor: \"Zyxwvut Geheimlieferant GmbH\"\nrestricted: true\n"), "dessen Änderungsverlauf", "dessen Verlauf", 1),
	})
	return content, r
}

var (
	historySection = regexp.MustCompile(`(?s)<section aria-labelledby="h-history".*?</section>`)
	commitHash     = regexp.MustCompile(`[0-9a-f]{40}|\b[0-9a-f]{12}\b`)
)

// TestHistoryGolden builds a real repository's content and compares the
// history sections (fact sheets in both languages, the page of a removed
// system) and the JSON snapshots with golden files. Commit hashes are
// replaced by "<commit>": they depend on the example content around the
// test's systems.
func TestHistoryGolden(t *testing.T) {
	content, _ := historyRepo(t)
	out := filepath.Join(t.TempDir(), "public")
	cfg := exampleConfig(t, out)
	cfg.Content, cfg.History = content, true
	res, err := Run(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 0 {
		t.Errorf("notes = %q; want none for a full repository", res.Notes)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	section := func(name string) string {
		s := historySection.FindString(read(name))
		if s == "" {
			t.Errorf("%s: no history section", name)
		}
		return s
	}
	cases := map[string]string{
		"verlauf-eins.de.html":      section("systeme/verlauf-eins/index.html"),
		"verlauf-eins.en.html":      section("en/systeme/verlauf-eins/index.html"),
		"verlauf-zwei-neu.de.html":  section("systeme/verlauf-zwei-neu/index.html"),
		"verlauf-drei.removed.html": section("systeme/verlauf-drei/index.html"),
		"verlauf-eins.2.json":       read("daten/systeme/verlauf-eins/2.json"),
		"verlauf-drei.1.json":       read("daten/systeme/verlauf-drei/1.json"),
	}
	var sys struct {
		VersionCount int    `json:"version_count"`
		LastChanged  string `json:"last_changed"`
		Versions     []struct {
			Version int    `json:"version"`
			URL     string `json:"url"`
		} `json:"versions"`
	}
	if err := json.Unmarshal([]byte(read("daten/systeme/verlauf-eins.json")), &sys); err != nil {
		t.Fatal(err)
	}
	cases["verlauf-eins.versions.txt"] = fmt.Sprintf("%+v\n", sys)
	// The feed says what the newest version changed; register.json counts
	// the versions.
	if feed := read("feed.xml"); !strings.Contains(feed, "<content type=\"text\">Version 7, 2026-01-11: Aktualisiert: 2025-01-05 → 2025-01-06</content>") {
		t.Errorf("feed.xml does not say what verlauf-eins's newest version changed")
	}
	if reg := read("daten/register.json"); !strings.Contains(reg, `"last_changed":"2026-01-07"`) || !strings.Contains(reg, `"version_count":7`) {
		t.Errorf("register.json lacks verlauf-eins's version_count 7 and last_changed 2026-01-07")
	}
	for name, got := range cases {
		if strings.HasSuffix(name, ".json") { // compact on the site; indented to review
			var b bytes.Buffer
			if err := json.Indent(&b, []byte(got), "", "  "); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got = b.String() + "\n"
		}
		got = commitHash.ReplaceAllString(got, "<commit>")
		golden := filepath.Join("testdata", "history", name)
		if *updateCheck {
			writeFile(t, golden, got)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s:\n%s", name, golden, got)
		}
	}
	// Every snapshot parses and the untracked example systems have none.
	for name, data := range tree(t, out) {
		_ = data
		if strings.HasPrefix(name, "daten/systeme/") && strings.Count(name, "/") == 3 && !strings.Contains(name, "verlauf-") {
			t.Errorf("%s: a snapshot of a system not in git", name)
		}
	}
}

// TestHistoryPublishesNoPersonalData: without the opt-in no output file
// holds a commit author's name or e-mail; the technical fields of a system
// restricted now appear in none of its versions' snapshots or diffs.
func TestHistoryPublishesNoPersonalData(t *testing.T) {
	content, _ := historyRepo(t)
	out := filepath.Join(t.TempDir(), "public")
	cfg := exampleConfig(t, out)
	cfg.Content, cfg.History = content, true
	if _, err := Run(context.Background(), cfg, nil); err != nil {
		t.Fatal(err)
	}
	for name := range tree(t, out) {
		b, _ := os.ReadFile(filepath.Join(out, name))
		for _, secret := range []string{"Xaverine", "Quastelbaum", "quastel.example", "Zyxwvut", "zyxwvut"} {
			if strings.Contains(string(b), secret) {
				t.Errorf("%s contains %q", name, secret)
			}
		}
	}
}

// TestHistoryAuthorsOptIn: with history: {authors: true} in site.yaml the
// versions name their author (never the e-mail address).
func TestHistoryAuthorsOptIn(t *testing.T) {
	content, _ := historyRepo(t)
	site := filepath.Join(content, "site.yaml")
	b, err := os.ReadFile(site)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, site, string(b)+"history:\n  authors: true\n")
	out := filepath.Join(t.TempDir(), "public")
	cfg := exampleConfig(t, out)
	cfg.Content, cfg.History = content, true
	if _, err := Run(context.Background(), cfg, nil); err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join(out, "systeme", "verlauf-eins", "index.html"))
	if !strings.Contains(string(page), "Xaverine Quastelbaum") || strings.Contains(string(page), "quastel.example") {
		t.Errorf("with authors: true the page should name the author and never the e-mail address")
	}
}

// TestBuildWithoutGit: content outside any repository (a tarball) builds
// byte for byte as with the history switched off, and says so once.
func TestBuildWithoutGit(t *testing.T) {
	content := copyContent(t)
	var trees []map[string]string
	for _, hist := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "public")
		cfg := exampleConfig(t, out)
		cfg.Content, cfg.History = content, hist
		res, err := Run(context.Background(), cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		if hist && (len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "no git history")) {
			t.Errorf("notes = %q; want one saying there is no git history", res.Notes)
		}
		trees = append(trees, tree(t, out))
	}
	if d := diffTrees(trees[0], trees[1]); len(d) > 0 {
		t.Errorf("a build without git differs from one without history in %v", d)
	}
}

// TestBuildShallowClone: a shallow clone builds, with a note saying the
// history is incomplete.
func TestBuildShallowClone(t *testing.T) {
	content, r := historyRepo(t)
	clone := t.TempDir()
	r.git("clone", "-q", "--depth", "1", "file://"+filepath.Dir(content), clone)
	// The clone holds only the tracked systems; the rest of the content
	// comes along untracked.
	if err := os.CopyFS(filepath.Join(clone, "content2"), os.DirFS(content)); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	cfg := exampleConfig(t, out)
	cfg.Content, cfg.History = filepath.Join(clone, "content2"), true
	res, err := Run(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "shallow clone") {
		t.Errorf("notes = %q; want one about the shallow clone", res.Notes)
	}
}

// TestSessionShowsUnsavedChanges: maki serve shows the committed history
// and, for a file changed since its last commit, the changes not yet
// saved in git; a system unchanged since its commit has none, a new file
// is shown as created.
func TestSessionShowsUnsavedChanges(t *testing.T) {
	content, _ := historyRepo(t)
	out := filepath.Join(t.TempDir(), "serve")
	var log strings.Builder
	s := NewSession(Config{Content: content, Theme: "../../themes/default", Now: testNow, History: true}, &log)
	s.delay = 0
	defer s.Close()
	ctx := context.Background()
	if err := s.Update(ctx, out, sessionBase, nil); err != nil {
		t.Fatal(err)
	}
	page := func(name string) string {
		t.Helper()
		b, ok, err := s.Page(name)
		if err != nil || !ok {
			t.Fatalf("Page(%s): %v, %v", name, ok, err)
		}
		return string(b)
	}
	if p := page("systeme/verlauf-eins/index.html"); strings.Contains(p, "Noch nicht gespeicherte") || !strings.Contains(p, "Version 7") {
		t.Errorf("committed system: want its 7 versions and no unsaved changes")
	}
	eins := filepath.Join(content, "systeme", "verlauf-eins.yaml")
	b, err := os.ReadFile(eins)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, eins, strings.Replace(strings.Replace(string(b), "risk_class: transparency", "risk_class: minimal", 1), "eilige Fälle", "dringende Fälle", 1))
	if err := s.Update(ctx, out, sessionBase, []string{eins}); err != nil {
		t.Fatal(err)
	}
	p := page("systeme/verlauf-eins/index.html")
	if !strings.Contains(p, "Noch nicht gespeicherte Änderungen") || !strings.Contains(p, "Risikoklasse: Transparenzpflichten → minimales Risiko") {
		t.Errorf("changed file: want its unsaved change of the risk class on the page")
	}
	// The unsaved change of a text has the shortened word diff.
	if diff := `<span class="visually-hidden">(gekürzt)</span></span> Anträge auf Wohngeld schnell und fair vorsortieren, damit <del><span class="visually-hidden">gestrichen: </span>eilige </del><ins><span class="visually-hidden">eingefügt: </span>dringende </ins>Fälle früher bearbeitet werden. <span class="history__gap">`; !strings.Contains(p, diff) {
		t.Errorf("changed file: want the shortened word diff of its unsaved change of the purpose, %s", diff)
	}
	if strings.Contains(page("systeme/verlauf-zwei-neu/index.html"), "Noch nicht gespeicherte") {
		t.Errorf("unchanged file shows unsaved changes")
	}
	if !strings.Contains(page("systeme/bafoeg-chatbot/index.html"), "Noch nicht gespeicherte Änderungen") {
		t.Errorf("a file never committed: want it shown as not yet saved")
	}
}

// TestHistoryIncrementalGolden: on the golden repository the history read
// incrementally (each version from the one before) is exactly the one read
// by decoding every version in full.
func TestHistoryIncrementalGolden(t *testing.T) {
	content, _ := historyRepo(t)
	cfg := exampleConfig(t, filepath.Join(t.TempDir(), "public"))
	cfg.Content, cfg.History = content, true
	reg, errs := check(context.Background(), cfg, markdown.New(), nil)
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	var hs []*register.History
	for _, full := range []bool{false, true} {
		hc := historyConfig(cfg, reg.Site)
		hc.Full = full
		hc.Public = func(id string, s *register.System) *register.System { return publicView(reg, id, s) }
		h, err := history.Read(context.Background(), hc)
		if err != nil {
			t.Fatal(err)
		}
		hs = append(hs, h)
	}
	if len(hs[0].Systems) != 3 {
		t.Fatalf("history of %d systems; want 3", len(hs[0].Systems))
	}
	if !reflect.DeepEqual(hs[0], hs[1]) {
		t.Errorf("incremental history differs from the fully decoded one")
	}
}

// TestHistoryWithContentErrors: the history, read while the content is
// checked, neither hides the content's errors nor outlives the build that
// stops at them; the output stays untouched.
func TestHistoryWithContentErrors(t *testing.T) {
	content, _ := historyRepo(t)
	sys, err := filepath.Glob(filepath.Join(content, "systeme", "*"))
	if err != nil || len(sys) == 0 {
		t.Fatalf("no system files in %s: %v", content, err)
	}
	if err := os.WriteFile(sys[0], []byte("name: [kaputt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	cfg := exampleConfig(t, out)
	cfg.Content, cfg.History = content, true
	_, err = Run(context.Background(), cfg, nil)
	var errs register.ErrorList
	if !errors.As(err, &errs) || errs.Err() == nil {
		t.Fatalf("Run = %v; want the content's errors", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("output %s made by a build with errors (%v)", out, err)
	}
}
