package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// exitError carries an exit code: 1 content errors, 2 usage.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

func usageError(format string, args ...any) error {
	return exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

// command is one subcommand: its one-line help and its function.
type command struct {
	help string
	run  func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = map[string]command{
	"build":  {"build the site from content/ into public/ (atomically)", cmdBuild},
	"init":   {"write a new, empty register (site.yaml, topics, required pages) into a folder", cmdInit},
	"check":  {"load and validate the content; report every problem at file:line:col", cmdCheck},
	"serve":  {"live preview with reload on save", cmdServe},
	"new":    {"write a commented skeleton for a new system", cmdNew},
	"import": {"bulk import systems or organisations from CSV or JSON", cmdImport},
	"search": {"search the register like the portal does", cmdSearch},
	"export": {"write open data (json, csv, eu-ai-act) to stdout", cmdExport},
	"schema": {"write the JSON Schema of entries", cmdSchema},
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if _, ok := commands[args[1]]; ok {
				return commands[args[1]].run(ctx, []string{"-h"}, stdout, stderr)
			}
		}
		usage(stdout)
		if len(args) == 0 {
			return exitError{code: 2}
		}
		return nil
	}
	c, ok := commands[args[0]]
	if !ok {
		usage(stderr)
		return usageError("maki: unknown command %q", args[0])
	}
	if datedCommands[args[0]] {
		if _, _, err := sourceDateEpoch(); err != nil {
			return usageError("maki %s: %s", args[0], err)
		}
	}
	return c.run(ctx, args[1:], stdout, stderr)
}

// datedCommands are the commands that take the build time (buildTime).
var datedCommands = map[string]bool{"build": true, "check": true, "serve": true, "import": true, "export": true}

func usage(w io.Writer) {
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("maki builds the KI-Transparenzregister.\n\nUsage:\n\n\tmaki <command> [flags]\n\nCommands:\n\n")
	for _, n := range names {
		fmt.Fprintf(&b, "\t%-8s %s\n", n, commands[n].help)
	}
	b.WriteString("\nRun \"maki help <command>\" for a command's flags.\n")
	io.WriteString(w, b.String())
}

// parseFlags parses args with fs; -h gives help and exit 0, bad flags exit 2.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return exitError{code: 2}
	}
	return nil
}
