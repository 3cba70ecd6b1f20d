package load_test

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"maki/internal/load"
)

var update = flag.Bool("update", false, "update golden files")

// TestScenarios runs every testdata/scenarios/*.txtar: the base tree (the
// validate package's testdata/base.txtar) with the scenario's content files
// laid over it is loaded (not validated); the sorted errors and warnings
// must equal the archive's want.errors. go test -update rewrites want.errors.
func TestScenarios(t *testing.T) {
	files, _ := filepath.Glob("testdata/scenarios/*.txtar")
	if len(files) == 0 {
		t.Fatal("no scenarios")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			a := txtar.Parse(data)
			fsys := baseTree(t)
			var want string
			wantAt := -1
			for i, f := range a.Files {
				if f.Name == "want.errors" {
					want, wantAt = string(f.Data), i
					continue
				}
				name, ok := strings.CutPrefix(f.Name, "content/")
				if !ok {
					t.Fatalf("file %s outside content/", f.Name)
				}
				fsys[name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
			}
			got := loadErrors(fsys)
			if *update {
				if wantAt < 0 {
					a.Files = append(a.Files, txtar.File{Name: "want.errors"})
					wantAt = len(a.Files) - 1
				}
				a.Files[wantAt].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != want {
				t.Errorf("errors differ\n--- got:\n%s--- want:\n%s", got, want)
			}
		})
	}
}

// loadErrors loads fsys and returns its errors, one a line.
func loadErrors(fsys fs.FS) string {
	_, errs := load.Register(fsys, "content")
	var b bytes.Buffer
	for _, e := range errs {
		b.WriteString(e.Error())
		b.WriteByte('\n')
	}
	return b.String()
}
