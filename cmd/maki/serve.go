package main

import (
	"context"
	"errors"
	"io"
)

// cmdServe is a placeholder until the command is built.
func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("serve: not implemented yet")
}
