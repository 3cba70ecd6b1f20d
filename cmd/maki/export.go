package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"maki/internal/build"
	"maki/internal/export"
	"maki/internal/register"
)

// exportFormats maps each format of maki export to its writer.
var exportFormats = map[string]func(*register.Register, export.Config) ([]byte, error){
	"json":           export.RegisterJSON,
	"csv":            export.RegisterCSV,
	"xlsx":           export.RegisterXLSX,
	"eu-ai-act":      export.EUAIAct,
	"eurocities":     export.Eurocities,
	"eurocities-csv": export.EurocitiesCSV,
}

func cmdExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	content := fs.String("content", "content", "content `directory`")
	baseURL := fs.String("base-url", "", "absolute `URL` the site is served from (overrides site.yaml)")
	var maxFileSize int64
	maxFileSizeVar(fs, &maxFileSize)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `usage: maki export [flags] json|csv|xlsx|eu-ai-act|eurocities|eurocities-csv

Checks the content and writes one open-data format to standard output,
the same bytes the build publishes under daten/:

	json       register.json: every system with its organisations resolved
	csv        register.csv: one row per system (UTF-8 with BOM, RFC 4180)
	xlsx       register.xlsx: the columns and values of register.csv as a
	           spreadsheet (Office Open XML); every cell is text, never a
	           formula
	eu-ai-act  eu-ai-act.json: EU AI Act Annex VIII section C fields of
	           every high-risk system, for registration in the EU database
	eurocities eurocities.json: every system as a registration of the
	           Algorithmic Transparency Standard 0.3.1 (Eurocities, Dutch
	           algorithm registers), in German; attributes maki does not
	           record are left out (docs/open-data.md)
	eurocities-csv
	           the same registrations as the standard's CSV template
	           (semicolons, one column per attribute)

Exit status 0: written; 1: content errors (reported on standard error,
nothing written); 2: usage.

Flags:
`)
		fs.PrintDefaults()
	}
	// The format may come before or after the flags:
	// maki export json --content dir, maki export --content dir json.
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != 1 {
		fs.Usage()
		return usageError("maki export: want exactly one format: json, csv, xlsx, eu-ai-act, eurocities or eurocities-csv")
	}
	write, ok := exportFormats[pos[0]]
	if !ok {
		return usageError("maki export: unknown format %q; want json, csv, xlsx, eu-ai-act, eurocities or eurocities-csv", pos[0])
	}
	if err := checkContent("maki export", *content); err != nil {
		return err
	}
	if err := checkBaseURL("export", *baseURL); err != nil {
		return err
	}
	cfg := build.Config{Content: *content, BaseURL: *baseURL, Now: buildTime(), MaxFileSize: maxFileSize}
	reg, errs := build.Check(ctx, cfg)
	if err := ctx.Err(); err != nil {
		return err
	}
	if errs.Err() != nil {
		if err := report(stderr, "text", errs, 0); err != nil {
			return err
		}
		return exitError{code: 1}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	b, err := write(reg, export.Config{BaseURL: *baseURL, Now: cfg.Now})
	if err != nil {
		return err
	}
	_, err = stdout.Write(b)
	return err
}
