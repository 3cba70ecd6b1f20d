// Package scenario lays a txtar test scenario over a base archive, the
// shape the validate, build and schema tests share: files of the same name
// replace the base's, new names add, the names listed in the scenario's
// "base.remove" file go, and want.* files are taken out. Only tests import
// it.
package scenario

import (
	"io/fs"
	"strings"

	"golang.org/x/tools/txtar"
)

// Overlay lays scenario a over base and returns the resulting file system
// and the text of a's want.errors ("" when it has none).
func Overlay(base, a *txtar.Archive) (fs.FS, string, error) {
	var want string
	remove := map[string]bool{}
	over := map[string][]byte{}
	for _, f := range a.Files {
		switch {
		case f.Name == "want.errors":
			want = string(f.Data)
		case f.Name == "base.remove":
			for _, l := range strings.Fields(string(f.Data)) {
				remove[l] = true
			}
		case strings.HasPrefix(f.Name, "want."):
		default:
			over[f.Name] = f.Data
		}
	}
	out := &txtar.Archive{}
	for _, f := range base.Files {
		if remove[f.Name] {
			continue
		}
		if data, ok := over[f.Name]; ok {
			f.Data = data
			delete(over, f.Name)
		}
		out.Files = append(out.Files, f)
	}
	for _, f := range a.Files {
		if _, ok := over[f.Name]; ok {
			out.Files = append(out.Files, f)
		}
	}
	fsys, err := txtar.FS(out)
	return fsys, want, err
}
