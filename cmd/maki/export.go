package main

import (
	"context"
	"errors"
	"io"
)

// cmdExport is a placeholder until the command is built.
func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("export: not implemented yet")
}
