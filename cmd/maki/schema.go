package main

import (
	"context"
	"errors"
	"io"
)

// cmdSchema is a placeholder until the command is built.
func cmdSchema(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("schema: not implemented yet")
}
