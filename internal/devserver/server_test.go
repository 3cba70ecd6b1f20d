package devserver

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"maki/internal/register"
)

// fakeTimers hands out deadline channels the test fires by hand, so the
// debounce logic is tested without sleeping.
type fakeTimers struct{ chans []chan time.Time }

func (f *fakeTimers) after() <-chan time.Time {
	c := make(chan time.Time, 1)
	f.chans = append(f.chans, c)
	return c
}

func TestLoopDebounces(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := make(chan string)
	timers := &fakeTimers{}
	afterCalls := make(chan struct{}, 10)
	after := func() <-chan time.Time { c := timers.after(); afterCalls <- struct{}{}; return c }
	builds := make(chan []string, 10)
	done := make(chan struct{})
	go func() {
		loop(ctx, events, after, func(p []string) { builds <- p })
		close(done)
	}()

	// Three events in a burst: three deadlines, each replacing the last.
	for _, p := range []string{"content/systeme/b.yaml", "content/systeme/a.yaml", "content/systeme/b.yaml"} {
		events <- p
		<-afterCalls
	}
	// An old deadline firing does nothing: the timer was restarted.
	timers.chans[0] <- time.Time{}
	timers.chans[1] <- time.Time{}
	select {
	case p := <-builds:
		t.Fatalf("rebuild %v after a superseded deadline", p)
	default:
	}
	timers.chans[2] <- time.Time{}
	got := <-builds
	if strings.Join(got, " ") != "content/systeme/a.yaml content/systeme/b.yaml" {
		t.Errorf("rebuild paths = %q; want a.yaml and b.yaml once each, sorted", got)
	}

	// The next event starts a fresh batch.
	events <- "themes/default/templates/base.html"
	<-afterCalls
	timers.chans[3] <- time.Time{}
	if got := <-builds; len(got) != 1 || got[0] != "themes/default/templates/base.html" {
		t.Errorf("second rebuild paths = %q", got)
	}

	cancel()
	<-done
}

func TestLoopStopsWhenEventsClose(t *testing.T) {
	events := make(chan string)
	close(events)
	loop(context.Background(), events, func() <-chan time.Time { return nil }, func([]string) { t.Error("rebuild") })
}

// fakeBuild writes index.html and style.css into out, or returns its error.
type fakeBuild struct {
	err     error
	title   string
	changed []string // what the last call was told
}

func (b *fakeBuild) build(ctx context.Context, out, base string, changed []string) error {
	b.changed = changed
	if b.err != nil {
		return b.err
	}
	os.RemoveAll(out)
	os.MkdirAll(filepath.Join(out, "systeme", "foo"), 0o755)
	os.WriteFile(filepath.Join(out, "index.html"), []byte("<!DOCTYPE html><html><head><title>"+b.title+"</title></head><body>"+base+"</body></html>"), 0o644)
	os.WriteFile(filepath.Join(out, "systeme", "foo", "index.html"), []byte("<html><body>foo</body></html>"), 0o644)
	os.WriteFile(filepath.Join(out, "404.html"), []byte("<html><head></head><body>nicht gefunden</body></html>"), 0o644)
	os.WriteFile(filepath.Join(out, "style.css"), []byte("body{}"), 0o644)
	return nil
}

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec.Code, rec.Body.String()
}

func TestServerBuildStates(t *testing.T) {
	ctx := context.Background()
	fb := &fakeBuild{title: "Register"}
	var log strings.Builder
	s := newServer(Config{Build: fb.build, Log: &log}, filepath.Join(t.TempDir(), "public"), "http://localhost:1313/")

	// Before the first build: a "building" page, never a crash.
	if code, body := get(t, s, "/"); code != http.StatusServiceUnavailable || !strings.Contains(body, "Building") {
		t.Errorf("before build: %d %q", code, body)
	}

	s.rebuild(ctx, nil)
	code, body := get(t, s, "/")
	if code != 200 || !strings.Contains(body, `<title>Register</title><script src="/_maki/reload.js?v=1" defer></script></head>`) {
		t.Errorf("GET / = %d %q; want the page with the reload script before </head>", code, body)
	}
	if _, body := get(t, s, "/systeme/foo/"); !strings.Contains(body, `foo<script src="/_maki/reload.js?v=1" defer></script></body>`) {
		t.Errorf("GET /systeme/foo/ = %q; want the script before </body>", body)
	}
	if code, _ := get(t, s, "/systeme/foo"); code != http.StatusMovedPermanently {
		t.Errorf("GET /systeme/foo = %d; want a redirect to the slash form", code)
	}
	if code, body := get(t, s, "/style.css"); code != 200 || body != "body{}" {
		t.Errorf("GET /style.css = %d %q", code, body)
	}
	if code, body := get(t, s, "/nope/"); code != 404 || !strings.Contains(body, "nicht gefunden") || !strings.Contains(body, "reload.js") {
		t.Errorf("GET /nope/ = %d %q; want the site's 404 page with the script", code, body)
	}
	if code, _ := get(t, s, "/../../etc/passwd"); code != 404 {
		t.Errorf("GET /../../etc/passwd = %d; want 404", code)
	}
	if code, body := get(t, s, "/_maki/reload.js"); code != 200 || !strings.Contains(body, "EventSource") {
		t.Errorf("GET /_maki/reload.js = %d %q", code, body)
	}

	// A broken save: HTML requests get the escaped error list, assets
	// still come from the last good build.
	var errs register.ErrorList
	errs.Add(register.Pos{File: "content/systeme/foo.yaml", Line: 3, Col: 9}, "name", "max", "got <script>alert(1)</script>")
	errs.Add(register.Pos{File: "content/systeme/foo.yaml", Line: 5, Col: 1}, "status", "enum", `unknown value "prod"`)
	fb.err = errs
	s.rebuild(ctx, []string{"content/systeme/foo.yaml"})
	code, body = get(t, s, "/")
	if code != 500 {
		t.Errorf("GET / after a failed build = %d; want 500", code)
	}
	for _, want := range []string{
		`content/systeme/foo.yaml:3:9: field &#34;name&#34;: got &lt;script&gt;alert(1)&lt;/script&gt;`,
		`content/systeme/foo.yaml:5:1: field &#34;status&#34;: unknown value &#34;prod&#34;`,
		`<script src="/_maki/reload.js?v=2" defer></script>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("error page lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>alert") {
		t.Error("error page does not escape the error text")
	}
	if code, body := get(t, s, "/style.css"); code != 200 || body != "body{}" {
		t.Errorf("GET /style.css after a failed build = %d %q; want the last good file", code, body)
	}
	if !strings.Contains(log.String(), "content/systeme/foo.yaml:3:9: field \"name\"") {
		t.Errorf("terminal lacks the error list:\n%s", log.String())
	}

	// Fixing the file recovers by itself.
	fb.err, fb.title = nil, "Fixed"
	s.rebuild(ctx, []string{"content/systeme/foo.yaml"})
	if code, body := get(t, s, "/"); code != 200 || !strings.Contains(body, "<title>Fixed</title>") || !strings.Contains(body, "v=3") {
		t.Errorf("GET / after the fix = %d %q", code, body)
	}
	if len(fb.changed) != 1 || fb.changed[0] != "content/systeme/foo.yaml" {
		t.Errorf("build was told changed = %q; want the saved file", fb.changed)
	}

	// A template error that is not an ErrorList is shown as it is.
	fb.err = errors.New("template: themes/default/templates/entry.html:31:14: executing \"x\" at <.Ownr>: can't evaluate field Ownr")
	s.rebuild(ctx, nil)
	if _, body := get(t, s, "/"); !strings.Contains(body, "entry.html:31:14") || !strings.Contains(body, "&lt;.Ownr&gt;") {
		t.Errorf("template error page = %q", body)
	}
}

func TestErrorLinesCapped(t *testing.T) {
	var errs register.ErrorList
	for i := 0; i < 60; i++ {
		errs.Add(register.Pos{File: "f.yaml", Line: i + 1, Col: 1}, "x", "r", "bad")
	}
	errs.Warn(register.Pos{File: "f.yaml", Line: 1, Col: 1}, "y", "r", "only a warning")
	lines := errorLines(errs)
	if len(lines) != 51 || lines[50] != "(and 10 more errors)" {
		t.Errorf("errorLines: %d lines, last %q; want 50 errors and a count", len(lines), lines[len(lines)-1])
	}
}

func TestEventsStream(t *testing.T) {
	fb := &fakeBuild{}
	s := newServer(Config{Build: fb.build}, filepath.Join(t.TempDir(), "public"), "http://x/")
	s.rebuild(context.Background(), nil)
	ts := httptest.NewServer(s)
	defer ts.Close()
	defer close(s.done)

	resp, err := http.Get(ts.URL + "/_maki/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type = %q", ct)
	}
	r := bufio.NewReader(resp.Body)
	if got := readEvent(t, r); got != "reload 1" {
		t.Errorf("first event = %q; want the current version, reload 1", got)
	}
	s.rebuild(context.Background(), []string{"a"})
	if got := readEvent(t, r); got != "building 1" {
		t.Errorf("event at the start of a rebuild = %q; want building 1", got)
	}
	if got := readEvent(t, r); got != "reload 2" {
		t.Errorf("event after the rebuild = %q; want reload 2", got)
	}
}

// readEvent returns the name and data of the next event.
func readEvent(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	name := ""
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if err == io.EOF {
				t.Fatal("event stream ended")
			}
			t.Fatal(err)
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: ") && name != "":
			return name + " " + strings.TrimPrefix(line, "data: ")
		}
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"content/systeme/foo.yaml":      false,
		"content/systeme/.foo.yaml.swp": true,
		"content/systeme/foo.yaml~":     true,
		"content/systeme/4913":          true,
		"content/systeme/#foo.yaml#":    true,
		"themes/default/static/app.css": false,
	} {
		if got := ignored(name); got != want {
			t.Errorf("ignored(%q) = %v; want %v", name, got, want)
		}
	}
}

func TestUnchanged(t *testing.T) {
	dir := t.TempDir()
	a := filepath.ToSlash(filepath.Join(dir, "a.yaml"))
	os.WriteFile(a, []byte("x"), 0o644)
	s := newServer(Config{}, "", "")
	if s.unchanged([]string{a}) {
		t.Error("first sight of a file: unchanged; want changed")
	}
	if !s.unchanged([]string{a}) {
		t.Error("same bytes again: changed; want unchanged")
	}
	os.WriteFile(a, []byte("y"), 0o644)
	if s.unchanged([]string{a}) {
		t.Error("new bytes: unchanged; want changed")
	}
	os.Remove(a)
	if s.unchanged([]string{a}) {
		t.Error("removed: unchanged; want changed")
	}
	if !s.unchanged([]string{a}) {
		t.Error("still removed: changed; want unchanged")
	}
	if s.unchanged([]string{filepath.ToSlash(dir)}) {
		t.Error("a directory: unchanged; want changed")
	}
}

// TestUnchangedNeverBlocks: a named pipe saved into content/ (a merge
// request can carry one) must not block the watch loop; it counts as
// changed, and the build's guarded reader reports it at its path.
func TestUnchangedNeverBlocks(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	s := newServer(Config{}, "", "")
	done := make(chan bool)
	go func() { done <- s.unchanged([]string{filepath.ToSlash(fifo)}) }()
	select {
	case same := <-done:
		if same {
			t.Error("a named pipe: unchanged; want changed")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("unchanged blocked on a named pipe")
	}
}

// TestServerPagesOnRequest: with Config.Page set (the incremental build),
// HTML pages come from it, rendered when asked, and everything else from
// the output directory.
func TestServerPagesOnRequest(t *testing.T) {
	pages := map[string]string{
		"index.html":                "<html><head></head><body>Start</body></html>",
		"systeme/neu/index.html":    "<html><head></head><body>Neu</body></html>",
		"404.html":                  "<html><head></head><body>fehlt</body></html>",
		"systeme/kaputt/index.html": "",
	}
	page := func(out string) ([]byte, bool, error) {
		p, ok := pages[out]
		if ok && p == "" {
			return nil, true, errors.New("template: system.html:3:7: boom")
		}
		return []byte(p), ok, nil
	}
	build := func(ctx context.Context, out, base string, changed []string) error {
		os.MkdirAll(out, 0o755)
		return os.WriteFile(filepath.Join(out, "style.css"), []byte("body{}"), 0o644)
	}
	s := newServer(Config{Build: build, Page: page}, filepath.Join(t.TempDir(), "public"), "http://localhost:1313/")
	s.rebuild(context.Background(), nil)

	for _, tc := range []struct {
		path string
		code int
		want string
	}{
		{"/", 200, `<head><script src="/_maki/reload.js?v=1" defer></script></head><body>Start`},
		{"/systeme/neu/", 200, "reload.js?v=1\" defer></script></head><body>Neu"},
		{"/systeme/neu/index.html", 200, "</script></head><body>Neu"},
		{"/systeme/neu", http.StatusMovedPermanently, ""},
		{"/style.css", 200, "body{}"},
		{"/systeme/alt/", 404, "</script></head><body>fehlt"},
		{"/systeme/kaputt/", 500, "system.html:3:7: boom"},
	} {
		code, body := get(t, s, tc.path)
		if code != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s = %d %.200q; want %d with %q", tc.path, code, body, tc.code, tc.want)
		}
	}
}
