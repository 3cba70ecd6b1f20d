package render

import (
	"context"
	"os"
	"path"
	"strings"
	"sync"
	"testing"
	"time"

	"maki/internal/corpus"
	"maki/internal/load"
	"maki/internal/markdown"
	"maki/internal/register"
)

// TestRedirectsStayInTheirFolder: even with validation bypassed, a
// redirect is written only to systeme/<id>/ for a key that is an id no
// system has: ".", "..", "/", markup and a live system's id are skipped,
// and no output path leaves the output root.
func TestRedirectsStayInTheirFolder(t *testing.T) {
	reg, errs := load.Register(corpus.FS(6, 1), "content")
	if errs.Err() != nil {
		t.Fatal(errs.Errors()[0])
	}
	reg = reg.Public()
	live, other := reg.Systems[0].ID, reg.Systems[1].ID
	reg.Site.BaseURL = "https://example.org/"
	reg.Site.Redirects = map[string]string{
		".":              live,
		"..":             live,
		"../../../x":     live,
		"alt/chatbot":    live,
		"<b>alt</b>":     live,
		"/etc/cron.d/x":  live,
		other:            live, // a live system's page
		"alter-chatbot":  live, // the one good redirect
		"alte-id":        "../../../x",
		"Alter-Chatbot":  live,
		"alter-chatbot-": live,
	}
	cat, errs := load.Catalog(os.DirFS("../../themes/default"), "themes/default")
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	cfg := Config{BaseURL: reg.Site.BaseURL, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		Catalog: cat, Markdown: markdown.New().HTML, Stats: register.ComputeStats(reg)}
	var mu sync.Mutex
	files := map[string]string{}
	_, err := Site(context.Background(), os.DirFS("../../themes/default"), reg, cfg, func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := files[p]; dup {
			t.Errorf("%s written twice", p)
		}
		files[p] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var redirects []string
	for p, data := range files {
		if path.Clean(p) != p || path.IsAbs(p) || strings.HasPrefix(p, "../") || strings.ContainsAny(p, "<>\\") {
			t.Errorf("output path %q is not a clean path inside the output root", p)
		}
		if strings.Contains(data, `http-equiv="refresh"`) {
			redirects = append(redirects, p)
		}
	}
	want := map[string]bool{"systeme/alter-chatbot/index.html": true, "en/systeme/alter-chatbot/index.html": true}
	if len(redirects) != len(want) {
		t.Errorf("redirect pages %q; want %d, the keys that are ids of no system", redirects, len(want))
	}
	for _, p := range redirects {
		if !want[p] {
			t.Errorf("redirect written to %s", p)
		}
	}
	for _, p := range []string{"systeme/index.html", "systeme/" + other + "/index.html"} {
		if data, ok := files[p]; !ok || strings.Contains(data, `http-equiv="refresh"`) {
			t.Errorf("%s: missing or replaced by a redirect", p)
		}
	}
}
