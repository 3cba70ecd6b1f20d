package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// skeleton is the register "maki init" writes: site.yaml with the
// operator's placeholders, the topic vocabulary, the four required pages
// as templates and empty organisationen/ and systeme/ folders (each with a
// .gitkeep, which the loader skips, so that git keeps them). It holds no
// systems and no organisations.
//
//go:embed all:init
var skeleton embed.FS

func cmdInit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("init", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		io.WriteString(stderr, `usage: maki init DIR

Writes a new, empty register into DIR, which must not exist or be empty:

	DIR/content/site.yaml          site settings with placeholders to replace
	DIR/content/themen.yaml        the topic vocabulary
	DIR/content/seiten/            the four required pages as templates:
	                               Barrierefreiheit (BITV 2.0 § 7), Leichte
	                               Sprache (§ 4), Impressum, Datenschutz; and
	                               Gebärdensprache (§ 4), whose video you add
	                               under content/medien/ ("maki check" warns
	                               until it is there)
	DIR/content/organisationen/    empty
	DIR/content/systeme/           empty

Every placeholder holds "ANPASSEN" or an address under example.org;
"maki check --content DIR/content" warns about each one left.
Nothing is ever overwritten.

Exit status 0: written; 1: a file could not be written; 2: usage (DIR
exists and is not an empty folder).
`)
	}
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return usageError("maki init: want exactly one folder")
	}
	dir := fl.Arg(0)
	if err := checkInitDir(dir); err != nil {
		return err
	}
	n, err := writeSkeleton(dir)
	if err != nil {
		return exitError{code: 1, msg: fmt.Sprintf("maki init: %v", err)}
	}
	content := filepath.ToSlash(filepath.Join(dir, "content"))
	fmt.Fprintf(stderr, "maki init: wrote %d files into %s\n"+
		"Next: replace every \"ANPASSEN\" and example.org in %s/site.yaml and %s/seiten/,\n"+
		"then run: maki check --content %s\n", n, content, content, content, content)
	return nil
}

// checkInitDir refuses a DIR that holds anything (or is not a folder): init
// never overwrites, never mixes its files with others.
func checkInitDir(dir string) error {
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return usageError("maki init: %q: %v", dir, err)
	}
	if !st.IsDir() {
		return usageError("maki init: %q exists and is not a folder; want a new or empty folder", dir)
	}
	f, err := os.Open(dir)
	if err != nil {
		return usageError("maki init: %q: %v", dir, err)
	}
	defer f.Close()
	if names, _ := f.Readdirnames(1); len(names) > 0 {
		return usageError("maki init: %q is not empty; want a new or empty folder (maki init never overwrites)", dir)
	}
	return nil
}

// writeSkeleton writes the skeleton into dir and returns the number of
// files written. Files are created exclusively (O_EXCL): a file that
// appeared meanwhile is an error, never overwritten.
func writeSkeleton(dir string) (int, error) {
	root, err := fs.Sub(skeleton, "init")
	if err != nil {
		return 0, err
	}
	n := 0
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		n++
		return nil
	})
	return n, err
}
