package devserver

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// watch watches the directories roots and everything below them, adding
// directories as they appear, and sends the path of every created,
// written, removed or renamed file to events until ctx is done. Files
// editors use as scratch (swap files, backups) are left out.
func watch(ctx context.Context, roots []string, events chan<- string, log io.Writer) (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	for _, root := range roots {
		if root == "" {
			continue
		}
		if err := addTree(w, root); err != nil {
			w.Close()
			return nil, err
		}
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if !ev.Has(fsnotify.Create | fsnotify.Write | fsnotify.Remove | fsnotify.Rename) {
					continue // Chmod alone changes nothing we build from
				}
				if ev.Has(fsnotify.Create) {
					if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() && !ignored(ev.Name) {
						// A new directory: watch it and everything in it. Files
						// made before the watch was added are in the rebuild this
						// very event causes; later ones send events.
						if err := addTree(w, ev.Name); err != nil {
							fmt.Fprintf(log, "maki serve: watch %s: %v\n", ev.Name, err)
						}
					}
				}
				if ignored(ev.Name) {
					continue
				}
				select {
				case events <- filepath.ToSlash(ev.Name):
				case <-ctx.Done():
					return
				}
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				fmt.Fprintf(log, "maki serve: watch: %v\n", err)
			}
		}
	}()
	return w, nil
}

// addTree adds dir and every directory below it to w.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != dir && os.IsNotExist(err) {
				return nil // removed while we walked
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		return w.Add(p)
	})
}

// ignored reports whether a file is an editor's scratch file, whose changes
// do not change the site: Vim's swap files and its "4913" probe, Emacs's
// lock and backup files, and hidden files in general.
func ignored(name string) bool {
	base := filepath.Base(name)
	switch {
	case base == "4913",
		strings.HasPrefix(base, "."),
		strings.HasSuffix(base, "~"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"),
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"):
		return true
	}
	return false
}
