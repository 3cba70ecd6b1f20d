package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"maki/internal/register"
)

const editorBlock = `
editor:
  backend: gitlab
  repo: ki-register/inhalte
  api_root: https://gitlab.opencode.de/api/v4
  base_url: https://gitlab.opencode.de
  app_id: abc123
`

// TestEditorOutputOnlyWhenConfigured checks that the web editor is
// published at admin/ exactly when site.yaml has an editor: block, that
// its page loads nothing from another host, and that a wrong backend is a
// content error.
func TestEditorOutputOnlyWhenConfigured(t *testing.T) {
	exampleConfig(t, "")
	ctx := context.Background()

	out := filepath.Join(t.TempDir(), "plain")
	cfg := exampleConfig(t, out)
	if _, err := Run(ctx, cfg, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "admin")); !os.IsNotExist(err) {
		t.Errorf("admin/ written without editor: in site.yaml (stat: %v)", err)
	}

	content := copyContent(t)
	site := filepath.Join(content, "site.yaml")
	data, err := os.ReadFile(site)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(site, append(data, editorBlock...), 0o644); err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(t.TempDir(), "editor")
	cfg = exampleConfig(t, out)
	cfg.Content = content
	if _, err := Run(ctx, cfg, nil); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"admin/index.html", "admin/config.yml", "admin/sveltia-cms.js", "admin/LICENSE-sveltia-cms.txt", "admin/locales/de.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	page, _ := os.ReadFile(filepath.Join(out, "admin/index.html"))
	for _, attr := range []string{`src="`, `href="`} {
		for _, part := range strings.Split(string(page), attr)[1:] {
			if u, _, _ := strings.Cut(part, `"`); strings.Contains(u, ":") || strings.HasPrefix(u, "/") {
				t.Errorf("admin/index.html loads %q; want a path beside it", u)
			}
		}
	}
	conf, _ := os.ReadFile(filepath.Join(out, "admin/config.yml"))
	for _, want := range []string{`"auth_type": "pkce"`, `"api_root": "https://gitlab.opencode.de/api/v4"`, `"publish_mode": "editorial_workflow"`} {
		if !strings.Contains(string(conf), want) {
			t.Errorf("admin/config.yml lacks %s", want)
		}
	}

	bad := strings.Replace(string(data)+editorBlock, "backend: gitlab", "backend: bitbucket", 1)
	if err := os.WriteFile(site, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Run(ctx, cfg, nil)
	all := fmt.Sprint(err)
	var list register.ErrorList
	if errors.As(err, &list) {
		all = fmt.Sprint([]*register.Error(list))
	}
	if err == nil || !strings.Contains(all, `field "editor.backend"`) || !strings.Contains(all, `"gitlab"`) {
		t.Errorf("backend bitbucket: got %v; want an error naming editor.backend and the allowed values", err)
	}
}
