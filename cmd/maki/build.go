package main

import (
	"context"
	"errors"
	"io"
)

// cmdBuild is a placeholder until the command is built.
func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("build: not implemented yet")
}
