package main

import (
	"context"
	"errors"
	"io"
)

// cmdNew is a placeholder until the command is built.
func cmdNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("new: not implemented yet")
}
