package devserver

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"maki/internal/register"
)

// TestEndToEnd is the one test with real fsnotify and real HTTP: serve on
// a free port, change a file and get the reload event, break it and get the
// error page, fix it and get the site back, add a directory and see changes
// in it, and stop cleanly.
func TestEndToEnd(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	theme := filepath.Join(dir, "theme")
	for _, d := range []string{content, theme} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(content, "a.yaml")
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(file, "title: eins\n")

	// The build: the page shows the titles of every file under content/;
	// a title "kaputt" is a content error.
	build := func(ctx context.Context, out, base string, changed []string) error {
		var titles []string
		var errs register.ErrorList
		filepath.WalkDir(content, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return nil // removed meanwhile
			}
			title := strings.TrimSpace(strings.TrimPrefix(string(b), "title:"))
			if title == "kaputt" {
				rel, _ := filepath.Rel(dir, p)
				errs.Add(register.Pos{File: filepath.ToSlash(rel), Line: 1, Col: 8}, "title", "enum", "got %q; want <anything> else", title)
			}
			titles = append(titles, title)
			return nil
		})
		if err := errs.Err(); err != nil {
			return err
		}
		os.MkdirAll(out, 0o755)
		return os.WriteFile(filepath.Join(out, "index.html"),
			[]byte("<!DOCTYPE html><html><head><title>t</title></head><body>"+strings.Join(titles, ",")+"</body></html>"), 0o644)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Content: content, Theme: theme, Addr: "127.0.0.1:0", Build: build,
			Debounce: 20 * time.Millisecond, Ready: func(u string) { ready <- u }})
	}()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatalf("Run returned early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server not ready after 10s")
	}

	page := func() (int, string) {
		t.Helper()
		resp, err := http.Get(base)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := page(); code != 200 || !strings.Contains(body, "eins") || !strings.Contains(body, `<script src="/_maki/reload.js?v=1" defer></script>`) {
		t.Fatalf("first page: %d %q", code, body)
	}

	// The reload events, read in the background.
	resp, err := http.Get(base + "_maki/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 100)
	go func() {
		r := bufio.NewReader(resp.Body)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				close(events)
				return
			}
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), "data: "); ok {
				events <- v
			}
		}
	}()
	if v := <-events; v != "1" {
		t.Fatalf("first event %q; want 1", v)
	}

	// await waits for reload events until the page satisfies ok.
	await := func(what string, ok func(code int, body string) bool) {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for {
			select {
			case _, open := <-events:
				if !open {
					t.Fatalf("%s: event stream closed", what)
				}
				if code, body := page(); ok(code, body) {
					return
				}
			case <-deadline:
				code, body := page()
				t.Fatalf("%s: no reload event led to the expected page within 10s; now %d %q", what, code, body)
			}
		}
	}

	write(file, "title: zwei\n")
	await("change", func(code int, body string) bool { return code == 200 && strings.Contains(body, "zwei") })

	write(file, "title: kaputt\n")
	await("break", func(code int, body string) bool {
		return code == 500 && strings.Contains(body, `content/a.yaml:1:8: field &#34;title&#34;: got &#34;kaputt&#34;; want &lt;anything&gt; else`)
	})

	// Editors save by writing a temporary file and renaming it.
	tmp := filepath.Join(content, ".a.yaml.tmp")
	write(tmp, "title: drei\n")
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	await("fix by rename", func(code int, body string) bool { return code == 200 && strings.Contains(body, "drei") })

	// A new directory is watched as well.
	sub := filepath.Join(content, "neu")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	await("new directory", func(code int, body string) bool { return code == 200 })
	write(filepath.Join(sub, "b.yaml"), "title: vier\n")
	await("file in new directory", func(code int, body string) bool { return strings.Contains(body, "vier") })

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return within 5s of cancel")
	}
}
