package devserver

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestHostGuardAllowed(t *testing.T) {
	loop := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313}
	lan := &net.TCPAddr{IP: net.IPv4(192, 168, 1, 5), Port: 1313}
	every := &net.TCPAddr{IP: net.IPv4zero, Port: 1313}
	port80 := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80}
	for _, tt := range []struct {
		addr net.Addr
		bind string
		host string
		ok   bool
	}{
		{loop, "127.0.0.1:1313", "127.0.0.1:1313", true},
		{loop, "127.0.0.1:1313", "localhost:1313", true},
		{loop, "127.0.0.1:1313", "LOCALHOST:1313", true},
		{loop, "127.0.0.1:1313", "[::1]:1313", true},
		{loop, "localhost:1313", "localhost:1313", true},
		{loop, "127.0.0.1:1313", "evil.example:1313", false}, // DNS rebinding
		{loop, "127.0.0.1:1313", "localhost.evil.example:1313", false},
		{loop, "127.0.0.1:1313", "localhost:8080", false},   // another port
		{loop, "127.0.0.1:1313", "localhost", false},        // port 80
		{loop, "127.0.0.1:1313", "", false},                 // no Host
		{loop, "127.0.0.1:1313", "192.168.1.5:1313", false}, // not listened on
		{lan, "192.168.1.5:1313", "192.168.1.5:1313", true},
		{lan, "192.168.1.5:1313", "evil.example:1313", false},
		{every, "0.0.0.0:1313", "192.168.1.5:1313", true}, // any address of the machine
		{every, "0.0.0.0:1313", "[fe80::1]:1313", true},
		{every, ":1313", "10.0.0.7:1313", true},
		{every, "0.0.0.0:1313", "evil.example:1313", false}, // never a name but localhost
		{every, "0.0.0.0:1313", "my-laptop.local:1313", false},
		{port80, "127.0.0.1:80", "localhost", true},
		{port80, "127.0.0.1:80", "localhost:80", true},
		{port80, "127.0.0.1:80", "[::1]", true},
		{port80, "127.0.0.1:80", "evil.example", false},
	} {
		g := newHostGuard(http.NotFoundHandler(), tt.addr, tt.bind)
		if got := g.allowed(tt.host); got != tt.ok {
			t.Errorf("listening on %s (%s): allowed(%q) = %v; want %v", tt.addr, tt.bind, tt.host, got, tt.ok)
		}
	}
}

// A running dev server answers its own address and refuses any other Host
// with 421 and a short text.
func TestRunRefusesForeignHost(t *testing.T) {
	dir := t.TempDir()
	content, theme := filepath.Join(dir, "content"), filepath.Join(dir, "theme")
	for _, d := range []string{content, theme} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	build := func(ctx context.Context, out, base string, changed []string) error {
		os.MkdirAll(out, 0o755)
		return os.WriteFile(filepath.Join(out, "index.html"), []byte("<!DOCTYPE html><title>t</title><p>entwurf</p>"), 0o644)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Content: content, Theme: theme, Addr: "127.0.0.1:0", Build: build, Ready: func(u string) { ready <- u }})
	}()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Error("Run did not return within 5s of cancel")
		}
	}()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatalf("Run returned early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server not ready after 10s")
	}
	port := strings.TrimSuffix(base[strings.LastIndex(base, ":")+1:], "/")
	for _, tt := range []struct {
		host, path string
		code       int
		body       string
	}{
		{"127.0.0.1:" + port, "/", 200, "entwurf"},
		{"localhost:" + port, "/", 200, "entwurf"},
		{"evil.example:" + port, "/", http.StatusMisdirectedRequest, "unknown host"},
		{"evil.example:" + port, "/_maki/events", http.StatusMisdirectedRequest, "unknown host"},
		{"evil.example", "/_maki/reload.js", http.StatusMisdirectedRequest, "unknown host"},
	} {
		req, err := http.NewRequest("GET", base+strings.TrimPrefix(tt.path, "/"), nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = tt.host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.code || !strings.Contains(string(b), tt.body) {
			t.Errorf("GET %s with Host %s: %d %.100q; want %d with %q", tt.path, tt.host, resp.StatusCode, b, tt.code, tt.body)
		}
	}
}
