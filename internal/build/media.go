package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"maki/internal/guard"
	"maki/internal/register"
	"maki/internal/validate"
)

// MediaMax is the largest video, captions or poster file a page may name
// (content/medien/): a sign-language video of a few minutes in good
// quality is some hundred megabytes. Media files are streamed to the
// output, never held in memory.
const MediaMax int64 = 2 << 30

// mediaFile is one file of a page's video.
type mediaFile struct {
	page  *register.Page
	field string // "video.src", "video.captions", "video.poster"
	path  string // content-relative, "medien/…"
}

// mediaFiles lists the files of every page's video whose path the
// validator accepts (a file under medien/; the other paths are reported
// there).
func mediaFiles(reg *register.Register) []mediaFile {
	var out []mediaFile
	for _, p := range reg.Pages {
		if p.Video == nil {
			continue
		}
		for _, f := range []struct{ field, path string }{
			{"video.src", p.Video.Src}, {"video.captions", p.Video.Captions}, {"video.poster", p.Video.Poster},
		} {
			if f.path == "" || !strings.HasPrefix(f.path, validate.MediaDir) || strings.Contains(f.path, "..") || !fs.ValidPath(f.path) {
				continue
			}
			out = append(out, mediaFile{p, f.field, f.path})
		}
	}
	return out
}

// checkMedia checks that the files of every page's video are there as
// regular files in the content folder (fsys is its guarded file system,
// root its project-relative name), that the captions are WebVTT, and
// records the video's size for its download link (BITV 2.0 Anlage 2: a
// download with size and duration).
func checkMedia(fsys fs.FS, root string, reg *register.Register) register.ErrorList {
	var errs register.ErrorList
	name := func(p string) string {
		if root == "" || root == "." {
			return p
		}
		return root + "/" + p
	}
	for _, m := range mediaFiles(reg) {
		pos := m.page.PosOf(m.field)
		fi, err := fs.Stat(fsys, m.path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			errs.Add(pos, m.field, "media", "no file %s; want the file in the content folder", name(m.path))
			continue
		case err != nil:
			errs.Add(pos, m.field, "media", "%s: %v", name(m.path), unwrapPath(err))
			continue
		case !fi.Mode().IsRegular():
			errs.Add(pos, m.field, "media", "%s is a folder; want a file", name(m.path))
			continue
		case fi.Size() > MediaMax:
			errs.Add(pos, m.field, "media", "%s has %d bytes; want at most %d", name(m.path), fi.Size(), MediaMax)
			continue
		case fi.Size() == 0:
			errs.Add(pos, m.field, "media", "%s is empty; want the file", name(m.path))
			continue
		}
		switch m.field {
		case "video.src":
			m.page.Video.Bytes = fi.Size()
		case "video.captions":
			if !isWebVTT(fsys, m.path) {
				errs.Add(pos, m.field, "media", "%s does not start with \"WEBVTT\"; want captions in WebVTT format", name(m.path))
			}
		}
	}
	return errs
}

// isWebVTT reports whether the file starts as the WebVTT format requires:
// an optional byte-order mark, then "WEBVTT".
func isWebVTT(fsys fs.FS, name string) bool {
	f, err := fsys.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 9)
	n, _ := io.ReadFull(f, head)
	head = bytes.TrimPrefix(head[:n], []byte("\xef\xbb\xbf"))
	return bytes.HasPrefix(head, []byte("WEBVTT"))
}

// unwrapPath drops the path an *fs.PathError repeats (the message names
// the file itself).
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// copyMedia streams the files of every page's video from the content
// folder to the same path in the output (medien/…), read through the
// guard with the media size cap.
func copyMedia(ctx context.Context, cfg Config, reg *register.Register, out *output) error {
	files := mediaFiles(reg)
	if len(files) == 0 {
		return nil
	}
	fsys := guard.New(ctx, cfg.Content, MediaMax)
	defer fsys.Close()
	done := map[string]bool{}
	for _, m := range files {
		if done[m.path] {
			continue
		}
		done[m.path] = true
		if err := copyFile(fsys, m.path, out); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(fsys fs.FS, name string, out *output) error {
	in, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("copy %s: %w", name, err)
	}
	defer in.Close()
	w, err := out.Create(name)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, in); err != nil {
		w.Close()
		return fmt.Errorf("copy %s: %w", name, err)
	}
	return w.Close()
}
