package csvimport_test

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"maki/internal/csvimport"
	"maki/internal/load"
	"maki/internal/validate"
)

var update = flag.Bool("update", false, "update golden files")

// TestScenarios runs every testdata/scenarios/*.txtar: the content of
// testdata/base.txtar with the scenario's content/ files laid over it, and
// the import its comment names on a line "maki import <file> [--kind K]
// [--partial] [--force] [--map <file>]", <file> being one of the archive's files. The
// sorted problems must equal want.errors, the files the plan writes
// want.files (one path a line, with what it replaces), and each written
// file's YAML want/<path>. When the plan has no errors, the content with
// the files written must pass load and validate without errors.
// go test -update rewrites the want parts.
func TestScenarios(t *testing.T) {
	base := readArchive(t, "testdata/base.txtar")
	files, _ := filepath.Glob("testdata/scenarios/*.txtar")
	if len(files) == 0 {
		t.Fatal("no scenarios")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a := readArchive(t, file)
			cfg, content := scenario(t, base, a)
			plan, err := csvimport.Prepare(cfg)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{"want.errors": lines(plan.Errors)}
			var written strings.Builder
			for _, f := range plan.Files {
				written.WriteString(f.Path)
				if f.Replaces != "" {
					written.WriteString(" replaces " + f.Replaces)
				}
				if f.Exists {
					written.WriteString(" replaced")
				}
				written.WriteString("\n")
				got["want/"+f.Path] = string(f.Data)
			}
			got["want.files"] = written.String()
			if *update {
				setWant(t, file, a, got)
				return
			}
			want := map[string]string{"want.errors": "", "want.files": ""}
			for _, f := range a.Files {
				if strings.HasPrefix(f.Name, "want") {
					want[f.Name] = string(f.Data)
				}
			}
			for _, name := range sortedKeys(got, want) {
				if got[name] != want[name] {
					t.Errorf("%s differs\n--- got:\n%s--- want:\n%s", name, got[name], want[name])
				}
			}
			if len(plan.Errors.Errors()) == 0 && len(plan.Files) > 0 {
				for _, f := range plan.Files {
					content[f.Path] = &fstest.MapFile{Data: f.Data}
					if f.Replaces != "" {
						delete(content, f.Replaces)
					}
				}
				r, errs := load.Register(content, "content")
				errs = append(errs, validate.Register(r, now)...)
				if errs := errs.Errors(); len(errs) > 0 {
					t.Errorf("content after the import has errors:\n%s", lines(errs))
				}
			}
		})
	}
}

// TestScenarioBase checks that the base content is valid.
func TestScenarioBase(t *testing.T) {
	_, content := scenario(t, readArchive(t, "testdata/base.txtar"), &txtar.Archive{Comment: []byte("maki import x.csv\n"), Files: []txtar.File{{Name: "x.csv"}}})
	r, errs := load.Register(content, "content")
	errs = append(errs, validate.Register(r, now)...)
	if len(errs) > 0 {
		t.Errorf("base content has problems:\n%s", lines(errs))
	}
}

// scenario returns the import a names in its comment and the content it
// runs on, relative to the content directory.
func scenario(t *testing.T, base, a *txtar.Archive) (csvimport.Config, fstest.MapFS) {
	t.Helper()
	content := fstest.MapFS{}
	inputs := map[string][]byte{}
	for _, ar := range []*txtar.Archive{base, a} {
		for _, f := range ar.Files {
			switch {
			case strings.HasPrefix(f.Name, "content/"):
				content[strings.TrimPrefix(f.Name, "content/")] = &fstest.MapFile{Data: f.Data}
			case !strings.HasPrefix(f.Name, "want"):
				inputs[f.Name] = f.Data
			}
		}
	}
	cfg := csvimport.Config{Content: content, Root: "content", Now: now}
	var args []string
	mapFile := ""
	for _, l := range strings.Split(string(a.Comment), "\n") {
		if rest, ok := strings.CutPrefix(l, "maki import "); ok {
			args = strings.Fields(rest)
		}
	}
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "--kind":
			i++
			k, err := csvimport.ParseKind(args[i])
			if err != nil {
				t.Fatal(err)
			}
			cfg.Kind = k
		case "--partial":
			cfg.Partial = true
		case "--force":
			cfg.Force = true
		case "--map":
			i++
			mapFile = args[i]
		default:
			cfg.File = args[i]
		}
	}
	data, ok := inputs[cfg.File]
	if !ok {
		t.Fatalf("the comment names no input file of the archive (%q)", cfg.File)
	}
	cfg.Data = data
	if mapFile != "" {
		m, errs := csvimport.ReadMapping(cfg.Kind, mapFile, inputs[mapFile])
		if len(errs) > 0 {
			t.Fatalf("mapping: %v", errs)
		}
		cfg.Map = m
	}
	return cfg, content
}

func readArchive(t *testing.T, file string) *txtar.Archive {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return txtar.Parse(data)
}

// setWant replaces a's want parts with got and rewrites file.
func setWant(t *testing.T, file string, a *txtar.Archive, got map[string]string) {
	t.Helper()
	var keep []txtar.File
	for _, f := range a.Files {
		if !strings.HasPrefix(f.Name, "want") {
			keep = append(keep, f)
		}
	}
	for _, name := range sortedKeys(got, nil) {
		if got[name] == "" && name != "want.errors" {
			continue
		}
		keep = append(keep, txtar.File{Name: name, Data: []byte(got[name])})
	}
	a.Files = keep
	if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sortedKeys returns the keys of the maps: want.errors, want.files, then
// the want/ files by name.
func sortedKeys(maps ...map[string]string) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range maps {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		di, dj := strings.HasPrefix(keys[i], "want/"), strings.HasPrefix(keys[j], "want/")
		if di != dj {
			return dj
		}
		return keys[i] < keys[j]
	})
	return keys
}
