package main

import (
	"context"
	"flag"
	"io"
	"path/filepath"
	"strings"

	"maki/internal/guard"
	"maki/internal/load"
	"maki/internal/schema"
)

// cmdSchema writes the JSON Schema of systems or organisations to stdout.
func cmdSchema(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	fs.SetOutput(stderr)
	kind := fs.String("kind", "system", "which schema: "+strings.Join(schema.Kinds, " or "))
	content := fs.String("content", "", "content `directory` whose organisation, topic and system ids the schema enumerates, as maki build publishes it (default: none)")
	var maxFileSize int64
	maxFileSizeVar(fs, &maxFileSize)
	fs.Usage = func() {
		io.WriteString(stderr, "usage: maki schema [--kind system|organisation] [--content DIR]\n\n"+
			"Writes the JSON Schema (draft-07) of a content file to stdout, for editor\n"+
			"autocompletion and hover help. With --content, the ids of the register's\n"+
			"organisations, topics and systems are the allowed values (and completions)\n"+
			"where a key refers to them, as in the schema maki build publishes.\n\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return usageError("schema: unexpected argument %q", fs.Arg(0))
	}
	var v schema.Vocabulary
	if *content != "" {
		if err := checkContent("maki schema", *content); err != nil {
			return err
		}
		// Errors in the content do not matter here: every id that could be
		// read is offered.
		r, _ := load.Register(guard.New(ctx, *content, maxFileSize), filepath.ToSlash(filepath.Clean(*content)))
		if err := ctx.Err(); err != nil {
			return err
		}
		v = schema.VocabularyOf(r)
	}
	var b []byte
	var err error
	switch *kind {
	case "system":
		b, err = schema.SystemFor(v)
	case "organisation":
		b, err = schema.OrganisationFor(v)
	default:
		return usageError("schema: unknown kind %q; want one of %q", *kind, schema.Kinds)
	}
	if err != nil {
		return err
	}
	_, err = stdout.Write(b)
	return err
}
