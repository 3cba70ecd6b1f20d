package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"maki/internal/publish"
	"maki/internal/register"
)

const sessionBase = "http://127.0.0.1:1313/"

// TestSessionMatchesFullBuild edits a copy of the example content step by
// step and, after every incremental update, compares what the session
// serves — every page rendered on request, every file written — byte for
// byte with a full build of the same content.
func TestSessionMatchesFullBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example content seven times")
	}
	content := copyContent(t)
	theme := filepath.Join(t.TempDir(), "theme")
	if err := os.CopyFS(theme, os.DirFS("../../themes/default")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "serve")
	s := NewSession(Config{Content: content, Theme: theme, Now: testNow}, nil)
	s.delay = 0
	ctx := context.Background()
	if err := s.Update(ctx, out, sessionBase, nil); err != nil {
		t.Fatal(err)
	}
	compareSession(t, s, content, theme, out)

	sys := filepath.Join(content, "systeme", "bafoeg-chatbot.yaml")
	org := filepath.Join(content, "organisationen", "berlin-landesamt-buergerdienste.yaml")
	added := filepath.Join(content, "systeme", "neu", "zzz-neues-system.yaml")
	edit := func(file, old, new string) {
		t.Helper()
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s has no %q", file, old)
		}
		writeFile(t, file, strings.Replace(string(b), old, new, 1))
	}
	for _, step := range []struct {
		name    string
		change  func() []string
		wantErr string // a content error expected from this step
	}{
		{"rename a system (moves in the A–Z list)", func() []string {
			edit(sys, `de: Chatbot für Fragen zum BAföG`, `de: 'Ausbildungsförderung: Chatbot'`)
			return []string{sys}
		}, ""},
		{"change a system's facets", func() []string {
			edit(sys, "status: planned", "status: pilot\nstart: 2026-01")
			return []string{sys}
		}, ""},
		{"add a system in a new folder", func() []string {
			b, err := os.ReadFile(sys)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, added, strings.Replace(string(b), "Ausbildungsförderung: Chatbot", "Zugang für alle", 1))
			return []string{filepath.Dir(added), added}
		}, ""},
		{"break a system", func() []string {
			edit(sys, "status: pilot", "status: pilott")
			return []string{sys}
		}, `field "status"`},
		{"fix it and rename an organisation", func() []string {
			edit(sys, "status: pilott", "status: pilot")
			edit(org, `de: Landesamt für Bürgerdienste Berlin (Beispiel)`, `de: Landesamt für Bürgerdienste (umbenannt)`)
			return []string{sys, org}
		}, ""},
		{"remove a system", func() []string {
			if err := os.Remove(added); err != nil {
				t.Fatal(err)
			}
			return []string{added}
		}, ""},
		{"change the theme's strings", func() []string {
			i18n := filepath.Join(theme, "i18n", "de.yaml")
			edit(i18n, "systems: KI-Systeme A–Z", "systems: Alle KI-Systeme")
			return []string{i18n}
		}, ""},
	} {
		t.Run(step.name, func(t *testing.T) {
			err := s.Update(ctx, out, sessionBase, step.change())
			s.Wait()
			if step.wantErr != "" {
				var list register.ErrorList
				if !errors.As(err, &list) || !strings.Contains(list.Errors().Error(), step.wantErr) {
					t.Fatalf("Update = %v; want a content error about %s", err, step.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			compareSession(t, s, content, theme, out)
		})
	}
}

// compareSession builds content in full and checks that the session
// serves the same bytes for every file.
func compareSession(t *testing.T, s *Session, content, theme, out string) {
	t.Helper()
	full := filepath.Join(t.TempDir(), "full")
	cfg := Config{Content: content, Theme: theme, Out: full, BaseURL: sessionBase, Now: testNow}
	if _, err := Run(context.Background(), cfg, nil); err != nil {
		t.Fatalf("full build: %v", err)
	}
	want, got := tree(t, full), tree(t, out)
	delete(want, publish.Marker) // the build's mark on its output folder, not part of the site
	var diffs []string
	for name, sum := range want {
		if strings.HasSuffix(name, ".html") {
			page, ok, err := s.Page(name)
			switch {
			case err != nil:
				t.Fatalf("Page(%s): %v", name, err)
			case !ok:
				diffs = append(diffs, name+" (no such page in the session)")
			default:
				b, _ := os.ReadFile(filepath.Join(full, filepath.FromSlash(name)))
				if !bytes.Equal(page, b) {
					diffs = append(diffs, name)
				}
			}
			continue
		}
		if got[name] != sum {
			diffs = append(diffs, name+" (written file)")
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diffs = append(diffs, name+" (not in the full build)")
		}
	}
	if len(diffs) > 0 {
		t.Fatalf("session differs from a full build in %d files: %s", len(diffs), strings.Join(diffs[:min(len(diffs), 8)], ", "))
	}
	if _, ok, _ := s.Page("keine/seite/index.html"); ok {
		t.Error("Page found a page that does not exist")
	}
}
