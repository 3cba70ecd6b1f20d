package main

import (
	"context"
	"errors"
	"io"
)

// cmdSearch is a placeholder until the command is built.
func cmdSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("search: not implemented yet")
}
