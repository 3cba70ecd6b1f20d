package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a strings.Builder safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeEndToEnd runs "maki serve" with the real build, fsnotify and
// HTTP on a copy of the example content: a save reloads the page with the
// change, a broken save shows the error list with file:line:col while the
// server keeps running, and fixing the file recovers.
func TestServeEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site several times")
	}
	if _, err := os.Stat("../../content/site.yaml"); err != nil {
		t.Skip("no example content")
	}
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(content, "systeme", "bafoeg-chatbot.yaml")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Skip("example system bafoeg-chatbot.yaml not found")
	}

	base := startServe(t, content)
	page := base + "systeme/bafoeg-chatbot/"
	waitFor(t, 120*time.Second, func() (string, bool) {
		b, code := get(t, page)
		return b, code == 200 && strings.Contains(b, "BAföG")
	})

	reloads := subscribeReloads(t, base)
	drain := func() {
		for {
			select {
			case <-reloads:
			case <-time.After(300 * time.Millisecond):
				return
			}
		}
	}
	drain() // the event stream may start with the current version

	// 1. A save: the page reloads and shows the change.
	changed := strings.Replace(string(orig), `de: "Chatbot für Fragen zum BAföG"`, `de: "Geänderter Chatbot für Fragen zum BAföG"`, 1)
	if changed == string(orig) {
		t.Skip("example system's name changed; test needs updating")
	}
	writeAtomically(t, file, changed) // editors save by rename
	expectReload(t, reloads)
	if b, _ := get(t, page); !strings.Contains(b, "Geänderter Chatbot") {
		t.Fatalf("after the save the page does not show the change")
	}

	// 2. A broken save: the error page lists the problem at file:line:col.
	drain()
	if err := os.WriteFile(file, []byte(strings.Replace(changed, "status: planned", "status: prod", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	expectReload(t, reloads)
	b, _ := get(t, page)
	if !strings.Contains(b, "bafoeg-chatbot.yaml:") || !strings.Contains(b, "prod") {
		t.Fatalf("broken save: page does not show the error with its position:\n%.2000s", b)
	}

	// 3. Fixing the file recovers by itself.
	drain()
	if err := os.WriteFile(file, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	expectReload(t, reloads)
	if b, code := get(t, page); code != 200 || !strings.Contains(b, "Chatbot für Fragen zum BAföG") || strings.Contains(b, "Geänderter") {
		t.Fatalf("after the fix the page is not the good site again (status %d)", code)
	}
}

// startServe runs "maki serve" on a free port over content with the
// default theme until the test ends (checking that it then stops cleanly)
// and returns the site's URL once it listens.
func startServe(t testing.TB, content string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--port", "0", "--content", content, "--theme", "../../themes/default"}, io.Discard, &stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve stopped with %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop after its context was cancelled")
		}
	})
	return waitFor(t, 60*time.Second, func() (string, bool) {
		m := regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+/`).FindString(stderr.String())
		return m, m != ""
	})
}

// subscribeReloads opens the server's event stream and returns the reload
// events as they come; the stream is closed when the test ends.
func subscribeReloads(t testing.TB, base string) <-chan string {
	t.Helper()
	events, err := http.Get(base + "_maki/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { events.Body.Close() })
	reloads := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(events.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "event: reload") {
				reloads <- sc.Text()
			}
		}
	}()
	return reloads
}

func writeAtomically(t testing.TB, file, data string) {
	t.Helper()
	tmp := file + ".swp"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
}

func expectReload(t testing.TB, reloads <-chan string) {
	t.Helper()
	select {
	case <-reloads:
	case <-time.After(120 * time.Second):
		t.Fatal("no reload event within 120 s of the save")
	}
}

func get(t testing.TB, url string) (string, int) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return "", 0
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b), resp.StatusCode
}

func waitFor(t testing.TB, d time.Duration, f func() (string, bool)) string {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if s, ok := f(); ok {
			return s
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("condition not met within %v", d)
	return ""
}
