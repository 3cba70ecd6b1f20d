package devserver

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"maki/internal/register"
)

// BuildFunc builds the site into out, a directory the dev server owns,
// for serving at baseURL ("http://127.0.0.1:1313/"). It must leave out as
// it was when it fails (build.Run publishes atomically). A content error
// is returned as a register.ErrorList (or an error wrapping one).
//
// changed lists the files (slash-separated, as the watcher saw them) that
// changed since the last call; it is nil for the first build. A full build
// may ignore it; an incremental one reloads and re-renders only what
// depends on them.
type BuildFunc func(ctx context.Context, out, baseURL string, changed []string) error

// Config configures a dev server. Content and Theme are watched; Build
// does the work, so this package does not need to know the pipeline.
type Config struct {
	Content, Theme string    // directories to watch
	Addr           string    // host:port to listen on; port 0 picks a free one
	Out            string    // build output; empty: a temporary directory, removed at the end
	Build          BuildFunc // required
	Log            io.Writer // progress and errors; nil: discarded
	// Debounce is how long the tree must be quiet after the last event
	// before a rebuild starts; 0 means DefaultDebounce.
	Debounce time.Duration
	// Page, if set, renders HTML pages on request: given a path below the
	// output directory ("systeme/x/index.html"), it returns the page as of
	// the last good build, or ok false to have the file in Out served. An
	// incremental build renders pages this way instead of writing them.
	Page func(out string) (page []byte, ok bool, err error)
	// Ready, if set, is called once with the site's URL when the server
	// listens and the first build has finished (good or bad).
	Ready func(url string)
}

// DefaultDebounce is the quiet time after the last file event before a
// rebuild. Editors' atomic saves produce several events within a few
// milliseconds; a longer wait only delays the preview.
const DefaultDebounce = 25 * time.Millisecond

// maxListed is how many errors the terminal and the error page list.
const maxListed = 50

//go:embed reload.js
var reloadJS []byte

// Server is the state of a running dev server: the output directory, the
// outcome of the last build, and the pages waiting for a reload event.
type Server struct {
	cfg  Config
	out  string
	base string
	log  io.Writer

	mu       sync.Mutex
	version  int   // bumped after every build, good or bad
	good     bool  // out holds a good build
	buildErr error // the last build's error, nil if it succeeded
	clients  map[chan event]struct{}
	done     chan struct{} // closed when the server stops

	seen map[string][sha256.Size]byte // content of files as the last build saw them ("" for gone)
}

// newServer returns a Server for cfg that serves out at base.
func newServer(cfg Config, out, base string) *Server {
	s := &Server{cfg: cfg, out: out, base: base, log: cfg.Log,
		clients: map[chan event]struct{}{}, done: make(chan struct{}), seen: map[string][sha256.Size]byte{}}
	if s.log == nil {
		s.log = io.Discard
	}
	return s
}

// Run serves the site until ctx is cancelled. It returns an error only when
// it cannot start (the address is taken, the directories cannot be
// watched); build errors are shown, never returned.
func Run(ctx context.Context, cfg Config) error {
	if cfg.Build == nil {
		return errors.New("devserver: no build function")
	}
	if cfg.Debounce <= 0 {
		cfg.Debounce = DefaultDebounce
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer ln.Close()
	base := "http://" + displayAddr(ln.Addr()) + "/"

	out := cfg.Out
	if out == "" {
		tmp, err := os.MkdirTemp("", "maki-serve-")
		if err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		defer os.RemoveAll(tmp)
		out = filepath.Join(tmp, "public")
	}
	s := newServer(cfg, out, base)

	events := make(chan string, 64)
	w, err := watch(ctx, []string{cfg.Content, cfg.Theme}, events, s.log)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer w.Close()

	// Serve at once: until the first build is done, pages say "Building…"
	// and reload by themselves when it is.
	srv := &http.Server{Handler: newHostGuard(s, ln.Addr(), cfg.Addr), BaseContext: func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(s.log, "maki serve: %s (Ctrl-C to stop)\n", base)
	s.rebuild(ctx, nil)
	if cfg.Ready != nil {
		cfg.Ready(base)
	}

	loop(ctx, events, func() <-chan time.Time { return time.After(cfg.Debounce) },
		func(paths []string) {
			if s.unchanged(paths) {
				fmt.Fprintf(s.log, "maki serve: saved without changes: %s\n", strings.Join(paths, ", "))
				return
			}
			s.rebuild(ctx, paths)
		})

	close(s.done)
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		srv.Close()
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// displayAddr returns addr with an unspecified host replaced by localhost.
func displayAddr(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// loop calls rebuild with the changed paths once the events have been
// quiet for a while: after each event it asks after() for a new deadline
// and forgets the old one, so the timer restarts on every event. It
// returns when ctx is done or events is closed.
func loop(ctx context.Context, events <-chan string, after func() <-chan time.Time, rebuild func(paths []string)) {
	var deadline <-chan time.Time
	pending := map[string]struct{}{}
	for {
		select {
		case <-ctx.Done():
			return
		case p, ok := <-events:
			if !ok {
				return
			}
			pending[p] = struct{}{}
			deadline = after()
		case <-deadline:
			deadline = nil
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			clear(pending)
			slices.Sort(paths)
			rebuild(paths)
		}
	}
}

// unchanged reports whether every changed path holds the same bytes as
// when it was last seen (an editor saved without changes, a checkout
// touched files), and records what it sees. A path seen for the first
// time, a directory or a file that cannot be read counts as changed.
func (s *Server) unchanged(paths []string) bool {
	same := true
	for _, p := range paths {
		var sum [sha256.Size]byte
		b, err := readRegular(filepath.FromSlash(p))
		switch {
		case err == nil:
			sum = sha256.Sum256(b)
		case errors.Is(err, fs.ErrNotExist):
			// gone: the zero sum
		default:
			same = false // a directory, or unreadable
			delete(s.seen, p)
			continue
		}
		if prev, ok := s.seen[p]; !ok || prev != sum {
			same = false
		}
		s.seen[p] = sum
	}
	return same
}

// readRegular reads a regular file of at most 16 MiB. Anything else (a
// named pipe an editor's merge request carries, a device, a link, a huge
// file) is an error without being read, so that the watch loop can never
// block or fill memory; the build's guarded reader reports it properly.
func readRegular(name string) ([]byte, error) {
	fi, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > 16<<20 {
		return nil, fmt.Errorf("%s: not a regular file of at most 16 MiB", name)
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, 16<<20))
}

// rebuild runs the build, records its outcome, reports it on the terminal
// and tells the open pages to reload.
func (s *Server) rebuild(ctx context.Context, paths []string) {
	if ctx.Err() != nil {
		return
	}
	s.mu.Lock()
	s.broadcast(event{"building", s.version})
	s.mu.Unlock()
	start := time.Now()
	err := s.cfg.Build(ctx, s.out, s.base, paths)
	took := time.Since(start)
	if ctx.Err() != nil {
		return
	}
	s.mu.Lock()
	s.version++
	s.buildErr = err
	if err == nil {
		s.good = true
	}
	s.broadcast(event{"reload", s.version})
	s.mu.Unlock()

	what := "built"
	if len(paths) == 1 {
		what = "rebuilt after change to " + paths[0]
	} else if len(paths) > 1 {
		what = fmt.Sprintf("rebuilt after %d changes", len(paths))
	}
	if err != nil {
		fmt.Fprintf(s.log, "maki serve: build failed (%s); still serving the last good site\n", took.Round(time.Millisecond))
		for _, line := range errorLines(err) {
			fmt.Fprintln(s.log, line)
		}
		return
	}
	fmt.Fprintf(s.log, "maki serve: %s in %s\n", what, took.Round(time.Millisecond))
}

// event is a server-sent event: "building" when a build starts, "reload"
// when one has finished; data is the version of the last finished build.
type event struct {
	name string
	data int
}

// broadcast sends e to every open page. A page that has fallen behind by
// a whole buffer loses its oldest event: the newest "reload" matters, as
// it carries the latest version. The caller holds s.mu.
func (s *Server) broadcast(e event) {
	for c := range s.clients {
		for {
			select {
			case c <- e:
			default:
				select {
				case <-c:
				default:
				}
				continue
			}
			break
		}
	}
}

// errorLines returns the lines to show for a build error: the content
// errors one per line (the first 50 and a count of the rest), or the
// error's text.
func errorLines(err error) []string {
	var list register.ErrorList
	if !errors.As(err, &list) {
		return strings.Split(strings.TrimRight(err.Error(), "\n"), "\n")
	}
	errs := list.Errors()
	if len(errs) == 0 {
		errs = list
	}
	var lines []string
	for i, e := range errs {
		if i == maxListed {
			lines = append(lines, fmt.Sprintf("(and %d more errors)", len(errs)-maxListed))
			break
		}
		lines = append(lines, e.Error())
	}
	return lines
}

func (s *Server) state() (version int, good bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version, s.good, s.buildErr
}

// ServeHTTP serves the reload script and events, the error page while the
// last build failed, and otherwise the built site with the reload script
// added to every HTML page.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/_maki/events":
		s.serveEvents(w, r)
		return
	case "/_maki/reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(reloadJS)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	v, good, err := s.state()
	if err != nil && wantsHTML(r.URL.Path) || !good {
		s.serveErrorPage(w, v, err)
		return
	}
	s.serveFile(w, r, v)
}

// wantsHTML reports whether a request path names a page rather than an
// asset: a directory or an .html file.
func wantsHTML(p string) bool {
	ext := path.Ext(p)
	return strings.HasSuffix(p, "/") || ext == "" || ext == ".html"
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, v int) {
	name := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") && name != "/" {
		name += "/"
	}
	rel := strings.TrimPrefix(name, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if s.cfg.Page != nil && path.Ext(rel) == "" {
		if _, ok, _ := s.cfg.Page(rel + "/index.html"); ok {
			// Like http.FileServer: directories are addressed with a slash.
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
	}
	if s.cfg.Page != nil && path.Ext(rel) == ".html" {
		page, ok, err := s.cfg.Page(rel)
		if err != nil {
			s.serveErrorPage(w, v, err)
			return
		}
		if ok {
			w.Header().Set("Cache-Control", "no-store")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			http.ServeContent(w, r, rel, time.Time{}, bytes.NewReader(inject(page, v)))
			return
		}
	}
	f, err := os.OpenInRoot(s.out, filepath.FromSlash(rel))
	if err == nil {
		if fi, serr := f.Stat(); serr == nil && fi.IsDir() {
			f.Close()
			// Like http.FileServer: directories are addressed with a slash.
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
	}
	if err != nil {
		s.serveNotFound(w, v)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if path.Ext(rel) != ".html" {
		http.ServeContent(w, r, rel, fi.ModTime(), f)
		return
	}
	b, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	http.ServeContent(w, r, rel, fi.ModTime(), bytes.NewReader(inject(b, v)))
}

func (s *Server) serveNotFound(w http.ResponseWriter, v int) {
	w.Header().Set("Cache-Control", "no-store")
	var (
		b   []byte
		ok  bool
		err error
	)
	if s.cfg.Page != nil {
		b, ok, err = s.cfg.Page("404.html")
	}
	if !ok && err == nil {
		b, err = os.ReadFile(filepath.Join(s.out, "404.html"))
	}
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(inject(b, v))
}

// scriptTag returns the element that loads the reload script for a page
// of build version v.
func scriptTag(v int) []byte {
	return fmt.Appendf(nil, `<script src="/_maki/reload.js?v=%d" defer></script>`, v)
}

// inject adds the reload script before </head>, or before </body>, or at
// the end of an HTML document.
func inject(page []byte, v int) []byte {
	tag := scriptTag(v)
	lower := bytes.ToLower(page)
	i := bytes.Index(lower, []byte("</head>"))
	if i < 0 {
		i = bytes.LastIndex(lower, []byte("</body>"))
	}
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

var errorPage = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if .Err}}Build failed{{else}}Building…{{end}} – maki serve</title>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; margin: 2rem; color: #1b1b1b; background: #fff; }
h1 { color: #a4000f; font-size: 1.5rem; }
pre { white-space: pre-wrap; background: #f5f5f5; border-left: .3rem solid #a4000f; padding: 1rem; }
</style>
{{.Script}}
</head>
<body>
<main>
{{if .Err}}<h1>Build failed</h1>
<p>{{if .Good}}The preview shows the last good build again as soon as these errors are fixed.{{else}}The site is shown as soon as these errors are fixed.{{end}}
This page reloads by itself.</p>
<pre>{{range .Lines}}{{.}}
{{end}}</pre>{{else}}<h1>Building…</h1>
<p>This page reloads by itself when the first build is done.</p>{{end}}
</main>
</body>
</html>
`))

func (s *Server) serveErrorPage(w http.ResponseWriter, v int, err error) {
	var lines []string
	if err != nil {
		lines = errorLines(err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
	} else {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	_, good, _ := s.state()
	errorPage.Execute(w, struct {
		Err    error
		Good   bool
		Lines  []string
		Script template.HTML
	}{err, good, lines, template.HTML(scriptTag(v))})
}

// serveEvents streams server-sent events: a "reload" event carrying the
// current build version at once and after every build, and a "building"
// event when a build starts. A page reloads when the version differs from
// the one it was served with.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan event, 16)
	s.mu.Lock()
	s.clients[c] = struct{}{}
	v := s.version
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "retry: 500\n\nevent: reload\ndata: %d\n\n", v)
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case e := <-c:
			if _, err := fmt.Fprintf(w, "event: %s\ndata: %d\n\n", e.name, e.data); err != nil {
				return
			}
			fl.Flush()
		}
	}
}
