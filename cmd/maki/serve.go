package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"

	"maki/internal/build"
	"maki/internal/devserver"
)

// cmdServe builds the site into a temporary directory, serves it and
// rebuilds on every change, until interrupted.
func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	content := fs.String("content", "content", "content `directory`")
	theme := fs.String("theme", "themes/default", "theme `directory`")
	port := fs.Int("port", 1313, "`port` to listen on (0: any free port)")
	bind := fs.String("bind", "127.0.0.1", "`address` to listen on (0.0.0.0: every interface)")
	var maxFileSize int64
	maxFileSizeVar(fs, &maxFileSize)
	noHistory := fs.Bool("no-history", false, "show no change history from git")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: maki serve [flags]\n\nBuilds the site, serves it on http://127.0.0.1:1313/ and rebuilds whenever a\nfile under the content or theme directory changes; open pages reload by\nthemselves. When a change breaks the build, the browser shows the errors and\nthe last good site stays available; fixing the file recovers. Ctrl-C stops.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("maki serve: unexpected argument %q", fs.Arg(0))
	}
	if *port < 0 || *port > 65535 {
		return usageError("maki serve: bad port %d; want 0 to 65535", *port)
	}
	if err := checkContent("maki serve", *content); err != nil {
		return err
	}
	// One session for the whole run: after a save it re-checks and
	// re-plans only what the changed files touch, and renders pages when
	// the browser asks for them.
	session := build.NewSession(build.Config{Content: *content, Theme: *theme, Now: buildTime(), MaxFileSize: maxFileSize, History: !*noHistory}, stderr)
	tmp, err := os.MkdirTemp("", "maki-serve-")
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer os.RemoveAll(tmp)
	defer session.Close() // before the directory goes: the background job writes into it
	return devserver.Run(ctx, devserver.Config{
		Content: *content,
		Theme:   *theme,
		Addr:    net.JoinHostPort(*bind, strconv.Itoa(*port)),
		Out:     filepath.Join(tmp, "public"),
		Log:     stderr,
		Build: func(ctx context.Context, out, baseURL string, changed []string) error {
			return session.Update(ctx, out, baseURL, changed)
		},
		Page: session.Page,
	})
}
