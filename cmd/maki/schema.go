package main

import (
	"context"
	"flag"
	"io"
	"strings"

	"maki/internal/schema"
)

// cmdSchema writes the JSON Schema of systems or organisations to stdout.
func cmdSchema(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	fs.SetOutput(stderr)
	kind := fs.String("kind", "system", "which schema: "+strings.Join(schema.Kinds, " or "))
	fs.Usage = func() {
		io.WriteString(stderr, "usage: maki schema [--kind system|organisation]\n\nWrites the JSON Schema (draft-07) of a content file to stdout.\n\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return usageError("schema: unexpected argument %q", fs.Arg(0))
	}
	b, err := schema.ForKind(*kind)
	if err != nil {
		return usageError("schema: %v", err)
	}
	_, err = stdout.Write(b)
	return err
}
