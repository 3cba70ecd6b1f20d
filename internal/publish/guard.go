package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Marker is the file every build writes at the top of its output: its
// presence tells CheckOut that the folder is one maki made and may replace.
// Its content never changes, so two builds of the same input stay
// byte-identical, and it says nothing about the build or the machine, so
// it is harmless where the folder is served publicly.
const Marker = ".maki-output"

// markerText is the content of Marker.
const markerText = "This folder is the output of \"maki build\"; every build replaces it as a whole.\n"

// placeholders are the files that keep an otherwise empty folder in git. A
// folder that holds nothing else counts as empty for CheckOut (the
// repository's own public/ holds .gitkeep).
var placeholders = map[string]bool{".gitkeep": true, ".keep": true}

// OutError is why CheckOut refuses an output folder.
type OutError struct {
	Out    string // the folder as given
	Reason string // what it is and what is wanted
}

func (e *OutError) Error() string { return fmt.Sprintf("output folder %q %s", e.Out, e.Reason) }

// Guard names the folders an output folder must keep clear of.
type Guard struct {
	Content string // content folder: out may not be it, lie inside it or contain it
	Theme   string // theme folder: the same
	// Force allows a non-empty folder that holds no Marker, which a build
	// would otherwise refuse to replace.
	Force bool
}

// CheckOut reports whether out may be replaced by a build, and why not
// with an *OutError. A build replaces out as a whole, so out must not be,
// contain or lie inside the content folder or the theme folder, and must
// not be or contain the project root (the content folder's parent) or the
// repository root (the nearest folder at or above the content folder that
// holds .git). It must not be a file or a broken link. It may be missing,
// empty (or hold only .gitkeep or .keep), or hold a Marker, which every
// build writes; any other folder is refused unless g.Force is set.
//
// Paths are compared after making them absolute and resolving the
// symbolic links of their longest existing part, and existing folders
// also by identity (os.SameFile), so "content/../content", trailing
// slashes, links and case-insensitive file systems name the same folder.
func (g Guard) CheckOut(out string) error {
	refuse := func(format string, args ...any) error {
		return &OutError{Out: out, Reason: fmt.Sprintf(format, args...)}
	}
	if out == "" {
		return refuse("is empty; want a folder of its own, like public")
	}
	o, err := resolve(out)
	if err != nil {
		return refuse("cannot be resolved: %v", err)
	}
	type protected struct{ path, what string }
	var keep []protected
	var roots []protected
	if g.Content != "" {
		c, err := resolve(g.Content)
		if err != nil {
			return fmt.Errorf("content folder %q: %w", g.Content, err)
		}
		keep = append(keep, protected{c, "the content folder"})
		roots = append(roots, protected{filepath.Dir(c), "the project root (the folder of the content folder)"})
		if r := repoRoot(c); r != "" {
			roots = append(roots, protected{r, "the repository root"})
		}
	}
	if g.Theme != "" {
		th, err := resolve(g.Theme)
		if err != nil {
			return fmt.Errorf("theme folder %q: %w", g.Theme, err)
		}
		keep = append(keep, protected{th, "the theme folder"})
		if r := repoRoot(th); r != "" {
			roots = append(roots, protected{r, "the repository root"})
		}
	}
	const want = "; want a folder of its own, like public"
	for _, p := range keep {
		switch {
		case same(o, p.path):
			return refuse("is %s%s", p.what, want)
		case inside(o, p.path):
			return refuse("lies inside %s%s", p.what, want)
		case inside(p.path, o):
			return refuse("contains %s%s", p.what, want)
		}
	}
	for _, p := range roots {
		switch {
		case same(o, p.path):
			return refuse("is %s%s", p.what, want)
		case inside(p.path, o):
			return refuse("contains %s%s", p.what, want)
		}
	}

	lst, err := os.Lstat(o)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	st, err := os.Stat(o)
	switch {
	case err != nil && lst != nil && lst.Mode()&fs.ModeSymlink != 0:
		return refuse("is a broken symbolic link%s", want)
	case err != nil:
		return refuse("cannot be used: %v%s", err, want)
	case !st.IsDir():
		return refuse("is a file, not a folder%s", want)
	}
	entries, err := os.ReadDir(o)
	if err != nil {
		return refuse("cannot be read: %v", err)
	}
	foreign := ""
	for _, e := range entries {
		if e.Name() == Marker && e.Type().IsRegular() {
			return nil
		}
		if !(placeholders[e.Name()] && e.Type().IsRegular()) && foreign == "" {
			foreign = e.Name()
		}
	}
	if foreign != "" && !g.Force {
		return refuse("is not empty and was not made by maki (it holds %q but no %s); a build would delete what it holds: empty it, choose another folder, or pass --force", foreign, Marker)
	}
	return nil
}

// resolve returns p made absolute and clean, with the symbolic links of
// its longest existing part resolved.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	existing, rest := abs, ""
	for {
		if _, err := os.Lstat(existing); err == nil {
			break
		}
		parent := filepath.Dir(existing)
		if parent == existing {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(existing), rest)
		existing = parent
	}
	real, err := filepath.EvalSymlinks(existing)
	if err != nil {
		// A broken or looping link: compare it as it is named.
		return abs, nil
	}
	return filepath.Join(real, rest), nil
}

// repoRoot returns the nearest folder at or above dir that holds .git, or "".
func repoRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// same reports whether a and b (resolved) name the same folder: the same
// path, or the same existing file.
func same(a, b string) bool {
	if a == b {
		return true
	}
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// inside reports whether a (resolved) lies strictly inside the folder b:
// by path, or because one of a's existing ancestors is b.
func inside(a, b string) bool {
	if strings.HasPrefix(a, strings.TrimSuffix(b, string(filepath.Separator))+string(filepath.Separator)) && a != b {
		return true
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false
	}
	for d := filepath.Dir(a); ; d = filepath.Dir(d) {
		if sd, err := os.Stat(d); err == nil && os.SameFile(sd, sb) {
			return true
		}
		if filepath.Dir(d) == d {
			return false
		}
	}
}

// writeMarker writes the Marker into the staging directory dir.
func writeMarker(dir string) error {
	return os.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644)
}
