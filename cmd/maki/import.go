package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"

	"maki/internal/build"
	"maki/internal/csvimport"
	"maki/internal/guard"
	"maki/internal/load"
	"maki/internal/register"
)

// cmdImport writes one system or organisation file per row of a CSV or
// JSON file.
func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("import", flag.ContinueOnError)
	fl.SetOutput(stderr)
	content := fl.String("content", "content", "content `directory`")
	partial := fl.Bool("partial", false, "write the valid rows even when other rows have errors")
	kindName := fl.String("kind", "system", "what the rows are: `system` or organisation")
	force := fl.Bool("force", false, "replace existing entries with the same id")
	dryRun := fl.Bool("dry-run", false, "check and report, but write nothing")
	max := fl.Int("max", 0, "list at most `N` problems (0: every problem)")
	mapFile := fl.String("map", "", "rename columns, map values, make ids, set defaults and cut texts by the mapping `FILE` (YAML; see docs/editors.md)")
	reportFile := fl.String("report", "", "also write every problem to `FILE` as CSV (file, row, column, field, severity, message) for fixing in a spreadsheet")
	var maxFileSize int64
	maxFileSizeVar(fl, &maxFileSize)
	fl.Usage = func() {
		io.WriteString(stderr, `usage: maki import <file.csv|file.xlsx|file.json> [--kind system|organisation] [--content DIR] [--partial] [--force] [--dry-run] [--max N] [--report FILE] [--map FILE]

Writes content/systeme/<id>.yaml for every row, or with --kind organisation
content/organisationen/<id>.yaml. Columns (JSON: keys) are named like the
fields ("name" or "name.de"/"name.en", lists separated by ";"); the id column
is the file name. CSV may be UTF-8 with or without BOM, separated by commas or
semicolons; of an .xlsx workbook the first sheet is read the same way. Every
row is checked as "maki check" would check it together with the existing
content; problems are reported as file.csv:row:column (file.xlsx:row:column:
the spreadsheet's row and column number, 5:3 is cell C5), or for JSON at the
line:column of the field's value. Nothing is written unless every
row is valid (or --partial); existing entries are never replaced without
--force. The files are in the YAML style the web editor (/admin/) writes,
so that saving one there unchanged changes nothing (docs/editors.md).

`)
		fl.PrintDefaults()
	}
	var file string
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		file, args = args[0], args[1:]
	}
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if file == "" && fl.NArg() > 0 {
		file = fl.Arg(0)
		if err := parseFlags(fl, fl.Args()[1:]); err != nil {
			return err
		}
	}
	if file == "" || fl.NArg() > 0 {
		fl.Usage()
		return usageError("import: want exactly one input file")
	}
	kind, err := csvimport.ParseKind(*kindName)
	if err != nil {
		return usageError("import: --kind: %v", err)
	}
	if err := checkContent("maki import", *content); err != nil {
		return err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return exitError{code: 1, msg: fmt.Sprintf("import: %v", err)}
	}
	var mapping *load.ImportMapping
	if *mapFile != "" {
		mdata, err := os.ReadFile(*mapFile)
		if err != nil {
			return exitError{code: 1, msg: fmt.Sprintf("import: --map: %v", err)}
		}
		var merrs register.ErrorList
		mapping, merrs = csvimport.ReadMapping(kind, filepath.ToSlash(*mapFile), mdata)
		if len(merrs.Errors()) > 0 {
			listProblems(stderr, merrs, *max)
			if *reportFile != "" {
				if err := writeReport(*reportFile, merrs); err != nil {
					return exitError{code: 1, msg: fmt.Sprintf("import: %v", err)}
				}
			}
			fmt.Fprintf(stderr, "maki import: %s in the mapping %s; nothing written\n", counts(merrs), *mapFile)
			return exitError{code: 1}
		}
	}
	root := filepath.ToSlash(filepath.Clean(*content))
	var contentFS fs.FS
	if _, err := os.Stat(*content); err == nil {
		contentFS = guard.New(ctx, *content, maxFileSize)
	}
	tuneImportGC()
	plan, err := csvimport.Prepare(csvimport.Config{
		Kind: kind, File: filepath.ToSlash(file), Data: data, Content: contentFS, Root: root,
		Now: buildTime(), Partial: *partial, Force: *force,
		Check: build.CheckFS, Map: mapping,
	})
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	printImportErrors(stderr, plan.Errors, *max)
	if *reportFile != "" {
		if err := writeReport(*reportFile, plan.Errors); err != nil {
			return exitError{code: 1, msg: fmt.Sprintf("import: %v", err)}
		}
	}
	nerr := len(plan.Errors.Errors())

	verb := "wrote"
	if *dryRun {
		verb = "would write"
	}
	var paths []string
	if *dryRun {
		for _, f := range plan.Files {
			paths = append(paths, f.Path)
		}
	} else if len(plan.Files) > 0 {
		paths, err = plan.Write(*content)
		if err != nil {
			return err
		}
	}
	for i, p := range paths {
		note := ""
		switch f := plan.Files[i]; {
		case f.Replaces != "":
			note = " (replaces " + filepath.ToSlash(filepath.Join(root, f.Replaces)) + ")"
		case f.Exists:
			note = " (replaced)"
		}
		fmt.Fprintf(stdout, "%s %s%s\n", verb, filepath.ToSlash(filepath.Join(root, p)), note)
	}
	what := func(n int) string {
		if n == 1 {
			return fmt.Sprintf("1 %s", kind)
		}
		return fmt.Sprintf("%d %ss", n, kind)
	}
	switch {
	case plan.Outside > 0:
		fmt.Fprintf(stderr, "maki import: %s, %d of the errors in existing files that the import would break; nothing written\n", counts(plan.Errors), plan.Outside)
	case nerr > 0 && plan.Rows == 0:
		fmt.Fprintf(stderr, "maki import: %s; nothing written\n", counts(plan.Errors))
	case nerr > 0 && !*partial:
		fmt.Fprintf(stderr, "maki import: %s; errors in %d of %d rows; nothing written (fix them, or use --partial to import the valid rows)\n", counts(plan.Errors), plan.Rejected, plan.Rows)
	case nerr > 0:
		fmt.Fprintf(stderr, "maki import: %s; errors in %d of %d rows; %s %s\n", counts(plan.Errors), plan.Rejected, plan.Rows, verb, what(len(paths)))
	default:
		fmt.Fprintf(stderr, "maki import: %s %s\n", verb, what(len(paths)))
	}
	if nerr > 0 {
		return exitError{code: 1}
	}
	return nil
}

// printImportErrors writes every problem, one a line (the first max when
// max > 0).
func printImportErrors(w io.Writer, errs register.ErrorList, max int) {
	listProblems(w, errs, max)
}

// importMemoryLimit is the soft memory limit of an import, unless
// GOMEMLIMIT sets one: an import checks every row together with the whole
// register, and its live heap stays near 330 MB at 100,000 rows; with Go's
// default (collect when the heap has doubled) the peak was twice that. The
// limit makes the collector work harder instead, so that 100,000 rows fit
// in 500 MB (issue 11); a larger import still runs, with more collections.
const importMemoryLimit = 400 << 20

func tuneImportGC() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(importMemoryLimit)
	}
}
