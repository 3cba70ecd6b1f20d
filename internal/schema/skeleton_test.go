package schema_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"maki/internal/build"
	"maki/internal/schema"
)

// fill gives every key the skeleton leaves empty a value, the way an editor
// would, and leaves everything else (comments, optional keys) alone.
var fill = map[string]string{
	"name":          `"Bürgerchat Stadt A"`,
	"summary":       `"Ein Chatbot beantwortet Fragen zum Bürgeramt."`,
	"organisation":  `stadt-a`,
	"status":        `production`,
	"start":         `"2024-03"`,
	"topics":        `[buergerservice]`,
	"techniques":    `[nlp, generative_ai]`,
	"users":         `public`,
	"purpose":       "|\n  Entlastung des Bürgertelefons.\n\n  Zweiter Absatz.",
	"risk_class":    `minimal`,
	"personal_data": `none`,
	"contact_email": `ki@stadt-a.example.de`,
}

func TestSkeletonFilledIsValid(t *testing.T) {
	for _, md := range []bool{false, true} {
		for _, org := range []string{"", "stadt-a"} {
			skel := string(schema.Skeleton(schema.SkeletonConfig{
				ID: "buergerchat", Organisation: org, Today: "2026-05-31", Markdown: md,
				SchemaPath: "../../public/daten/entry.schema.json",
			}))
			if !strings.HasPrefix(skel, "# yaml-language-server: $schema=../../public/daten/entry.schema.json\n") &&
				!strings.HasPrefix(skel, "---\n# yaml-language-server: $schema=") {
				t.Errorf("md=%v: skeleton does not start with the schema modeline:\n%.200s", md, skel)
			}
			file := "systeme/buergerchat.yaml"
			if md {
				file = "systeme/buergerchat.md"
			}

			// Unfilled, "maki check" names every required key.
			fsys := baseContent(t)
			fsys[file] = &fstest.MapFile{Data: []byte(skel)}
			errs := check(fsys, "content/"+file)
			for key := range fill {
				if key == "start" || key == "organisation" && org != "" {
					// start is required only once status is known.
					continue
				}
				found := false
				for _, e := range errs {
					if e.Field == key {
						found = true
					}
				}
				if !found {
					t.Errorf("md=%v org=%q: unfilled skeleton: no error for %q; got\n%s", md, org, key, lines(errs))
				}
			}

			// Filled, it is valid.
			var b strings.Builder
			for _, line := range strings.SplitAfter(skel, "\n") {
				key, ok := strings.CutSuffix(strings.TrimRight(line, "\n"), ":")
				if v, want := fill[key]; ok && want {
					b.WriteString(key + ": " + v + "\n")
					continue
				}
				b.WriteString(line)
			}
			// The whole of "maki check", Markdown rules included, on disk.
			fsys[file] = &fstest.MapFile{Data: []byte(b.String())}
			dir := t.TempDir()
			for name, f := range fsys {
				p := filepath.Join(dir, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, all := build.Check(context.Background(), build.Config{Content: dir, Now: now})
			if errs := all.Errors(); len(errs) > 0 {
				t.Errorf("md=%v org=%q: filled skeleton has errors:\n%s\n%s", md, org, lines(errs), b.String())
			}
		}
	}
}
