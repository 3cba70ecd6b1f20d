package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"maki/internal/load"
	"maki/internal/schema"
)

// cmdNew writes a commented skeleton for a new system.
func cmdNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("new", flag.ContinueOnError)
	fl.SetOutput(stderr)
	org := fl.String("organisation", "", "id of the owning organisation (content/organisationen/<id>.yaml)")
	content := fl.String("content", "content", "content directory")
	md := fl.Bool("md", false, "write <id>.md (front matter and a Markdown description) instead of <id>.yaml")
	fl.Usage = func() {
		io.WriteString(stderr, "usage: maki new <id> [--organisation ID] [--content DIR] [--md]\n\n"+
			"Writes content/systeme/<id>.yaml, a commented skeleton for a new AI system.\n"+
			"The id is the permanent address: 3 to 80 lower-case letters (a-z), digits and single hyphens.\n\n")
		fl.PrintDefaults()
	}
	// Accept the id before or after the flags.
	var id string
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		id, args = args[0], args[1:]
	}
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if id == "" && fl.NArg() > 0 {
		id = fl.Arg(0)
		if err := parseFlags(fl, fl.Args()[1:]); err != nil {
			return err
		}
	}
	if id == "" || fl.NArg() > 0 {
		fl.Usage()
		return usageError("new: want exactly one id")
	}
	if !load.ValidID(id) {
		return usageError("new: bad id %q; want 3 to 80 lower-case letters (a-z), digits and single hyphens, like \"chatbot-buergeramt\"", id)
	}
	if err := checkContent("maki new", *content); err != nil {
		return err
	}
	dir := filepath.Join(*content, "systeme")
	for _, ext := range []string{".yaml", ".md"} {
		p := filepath.Join(dir, id+ext)
		if _, err := os.Stat(p); err == nil {
			return exitError{code: 1, msg: fmt.Sprintf("new: %s exists; not overwriting it (ids are unique across .yaml and .md)", filepath.ToSlash(p))}
		}
	}
	if *org != "" {
		if _, err := os.Stat(filepath.Join(*content, "organisationen", *org+".yaml")); errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(stderr, "maki new: warning: no organisation %q in %s; create it or fix the id\n",
				*org, filepath.ToSlash(filepath.Join(*content, "organisationen")))
		}
	}
	ext := ".yaml"
	if *md {
		ext = ".md"
	}
	file := filepath.Join(dir, id+ext)
	skel := schema.Skeleton(schema.SkeletonConfig{
		ID:           id,
		Organisation: *org,
		Today:        time.Now().Format("2006-01-02"),
		Markdown:     *md,
		SchemaPath:   schemaPath(*content, dir),
	})
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return exitError{code: 1, msg: fmt.Sprintf("new: %s exists; not overwriting it", filepath.ToSlash(file))}
		}
		return err
	}
	if _, err := f.Write(skel); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", filepath.ToSlash(file))
	fmt.Fprintf(stderr, "maki new: wrote %s; fill in the keys without a value, then run \"maki check\"\n", filepath.ToSlash(file))
	return nil
}

// schemaPath is the path of the published entry schema
// (<project>/public/daten/entry.schema.json, public/ beside content/)
// relative to dir, slash-separated, for the yaml-language-server modeline.
func schemaPath(content, dir string) string {
	target := filepath.Join(filepath.Dir(filepath.Clean(content)), "public", "daten", "entry.schema.json")
	absT, err1 := filepath.Abs(target)
	absD, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return "../../public/daten/entry.schema.json"
	}
	rel, err := filepath.Rel(absD, absT)
	if err != nil {
		return "../../public/daten/entry.schema.json"
	}
	return filepath.ToSlash(rel)
}
