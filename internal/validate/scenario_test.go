package validate_test

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"maki/internal/load"
	"maki/internal/register"
	"maki/internal/scenario"
	"maki/internal/validate"
)

var update = flag.Bool("update", false, "update golden files")

// now is the fixed build time of every scenario.
var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// TestScenarios runs every testdata/scenarios/*.txtar: the base tree
// (testdata/base.txtar) with the scenario's files laid over it, loaded and
// validated; the sorted errors and warnings must equal want.errors.
func TestScenarios(t *testing.T) {
	base := readArchive(t, "testdata/base.txtar")
	files, _ := filepath.Glob("testdata/scenarios/*.txtar")
	if len(files) == 0 {
		t.Fatal("no scenarios")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a := readArchive(t, file)
			fsys, want := overlay(base, a)
			got := run(fsys)
			if *update {
				setWant(t, file, a, got)
				return
			}
			if got != want {
				t.Errorf("errors differ\n--- got:\n%s--- want:\n%s", got, want)
			}
		})
	}
}

// TestBase checks that the base tree itself is valid.
func TestBase(t *testing.T) {
	fsys, _ := overlay(readArchive(t, "testdata/base.txtar"), &txtar.Archive{})
	if got := run(fsys); got != "" {
		t.Errorf("base tree has errors:\n%s", got)
	}
}

func run(fsys fs.FS) string {
	sub, err := fs.Sub(fsys, "content")
	if err != nil {
		panic(err)
	}
	reg, errs := load.Register(sub, "content")
	errs = append(errs, validate.Register(reg, now)...)
	errs.Sort()
	return lines(errs)
}

func lines(errs register.ErrorList) string {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

func readArchive(t *testing.T, file string) *txtar.Archive {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return txtar.Parse(data)
}

// overlay lays the scenario a over base (scenario.Overlay).
func overlay(base, a *txtar.Archive) (fs.FS, string) {
	fsys, want, err := scenario.Overlay(base, a)
	if err != nil {
		panic(err)
	}
	return fsys, want
}

// setWant rewrites file with want.errors set to got.
func setWant(t *testing.T, file string, a *txtar.Archive, got string) {
	t.Helper()
	found := false
	for i := range a.Files {
		if a.Files[i].Name == "want.errors" {
			a.Files[i].Data, found = []byte(got), true
		}
	}
	if !found {
		a.Files = append(a.Files, txtar.File{Name: "want.errors", Data: []byte(got)})
	}
	data := txtar.Format(a)
	if old, _ := os.ReadFile(file); bytes.Equal(old, data) {
		return
	}
	if err := os.WriteFile(file, data, 0o666); err != nil {
		t.Fatal(err)
	}
}
