package build

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"maki/internal/markdown"
	"maki/internal/register"
	"maki/internal/scenario"
)

var updateCheck = flag.Bool("update", false, "update golden files")

// checkNow is the fixed build time of the check scenarios.
var checkNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// checkBase is the valid base tree the check scenarios start from; the
// validate package's scenarios share it.
const checkBase = "../validate/testdata/base.txtar"

// TestCheckScenarios runs every testdata/check/*.txtar through checkFS
// (load, validate and the Markdown rules): the base tree with the
// scenario's files laid over it must give exactly want.errors.
func TestCheckScenarios(t *testing.T) {
	base := readArchive(t, checkBase)
	files, _ := filepath.Glob("testdata/check/*.txtar")
	if len(files) == 0 {
		t.Fatal("no scenarios")
	}
	md := markdown.New()
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a := readArchive(t, file)
			fsys, want := overlay(t, base, a)
			sub, err := fs.Sub(fsys, "content")
			if err != nil {
				t.Fatal(err)
			}
			_, errs := checkFS(sub, "content", checkNow, md)
			got := errorLines(errs)
			if *updateCheck {
				setWant(t, file, a, got)
				return
			}
			if got != want {
				t.Errorf("errors differ\n--- got:\n%s--- want:\n%s", got, want)
			}
		})
	}
}

// TestCheckExampleContent checks the example content of the repository:
// it must have no errors (warnings are logged).
func TestCheckExampleContent(t *testing.T) {
	const dir = "../../content"
	if _, err := os.Stat(filepath.Join(dir, "site.yaml")); err != nil {
		t.Skip("no example content:", err)
	}
	reg, errs := Check(context.Background(), Config{Content: dir, Now: time.Now()})
	for _, e := range errs.Warnings() {
		t.Log(e)
	}
	for _, e := range errs.Errors() {
		t.Error(e)
	}
	if len(reg.Systems) == 0 {
		t.Error("example content has no systems")
	}
}

func errorLines(errs register.ErrorList) string {
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
func overlay(t *testing.T, base, a *txtar.Archive) (fs.FS, string) {
	t.Helper()
	fsys, want, err := scenario.Overlay(base, a)
	if err != nil {
		t.Fatal(err)
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
