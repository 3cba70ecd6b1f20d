package main

import (
	"context"
	"errors"
	"io"
)

// cmdImport is a placeholder until the command is built.
func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("import: not implemented yet")
}
