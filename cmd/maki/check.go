package main

import (
	"context"
	"errors"
	"io"
)

// cmdCheck is a placeholder until the command is built.
func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("check: not implemented yet")
}
