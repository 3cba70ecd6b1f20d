//go:build !linux

package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// root is the staging directory; elsewhere than on Linux its files are
// written through package os.
type root struct{ dir string }

func openRoot(dir string) (*root, error) { return &root{dir: dir}, nil }

func (r *root) close() {}

func (r *root) path(rel string) string { return filepath.Join(r.dir, filepath.FromSlash(rel)) }

// mkdir makes the folder rel (slash path) inside the root; its parent
// must exist. A folder that exists already is not an error.
func (r *root) mkdir(rel string) error {
	if err := os.Mkdir(r.path(rel), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}

// writeFile creates or truncates rel and writes data to it.
func (r *root) writeFile(rel string, data []byte) error {
	return os.WriteFile(r.path(rel), data, 0o644)
}

// create creates or truncates rel for writing.
func (r *root) create(rel string) (*os.File, error) {
	return os.OpenFile(r.path(rel), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
}
