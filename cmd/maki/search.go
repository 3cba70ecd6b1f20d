package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"maki/internal/guard"
	"maki/internal/load"
	"maki/internal/search"
)

// listFlag is a flag that may be repeated or given comma-separated values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

func cmdSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	content := fs.String("content", "content", "content `directory`")
	var maxFileSize int64
	maxFileSizeVar(fs, &maxFileSize)
	lang := fs.String("lang", "de", "language of names and organisations: de or en")
	n := fs.Int("n", 10, "show at most `N` results (0: all)")
	var f search.Filter
	fs.Var((*listFlag)(&f.Status), "status", "only systems with this `status` (repeatable, or comma-separated)")
	fs.Var((*listFlag)(&f.Level), "level", "only systems of organisations at this `level`: bund, land, kommune, other")
	fs.Var((*listFlag)(&f.State), "state", "only systems of organisations in this `state` (DE-BW …)")
	fs.Var((*listFlag)(&f.Topic), "topic", "only systems with this `topic` id")
	fs.Var((*listFlag)(&f.RiskClass), "risk-class", "only systems of this `class`: high_risk, not_high_risk_art6_3, transparency, minimal, unassessed")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: maki search [flags] \"query\"\n\nSearches the register with the same index and ranking as the portal's search page\nand prints rank, id, name and organisation. Flags may follow the query.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	// Flags may come before or after the words of the query.
	var words []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		words = append(words, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if *lang != "de" && *lang != "en" {
		return usageError("maki search: unknown language %q; want de or en", *lang)
	}
	q := strings.Join(words, " ")
	if strings.TrimSpace(q) == "" && len(f.Status)+len(f.Level)+len(f.State)+len(f.Topic)+len(f.RiskClass) == 0 {
		fs.Usage()
		return exitError{code: 2}
	}
	if err := checkContent("maki search", *content); err != nil {
		return err
	}
	root := filepath.ToSlash(filepath.Clean(*content))
	reg, errs := load.Register(guard.New(ctx, *content, maxFileSize), root)
	if err := ctx.Err(); err != nil {
		return err
	}
	if e := errs.Errors(); len(e) > 0 {
		fmt.Fprintf(stderr, "maki search: %d content errors (run maki check); searching what could be read\n", len(e))
	}
	ix, err := search.Build(reg)
	if err != nil {
		return err
	}
	limit := *n
	if limit <= 0 {
		limit = -1
	}
	res, err := ix.Query(q, f)
	if err != nil {
		return err
	}
	hits := res.Hits
	total := len(hits)
	if res.Partial {
		fmt.Fprintf(stderr, "no system matches every word; results for some of the words (%d of %d)\n", res.Matched, res.Words)
	}
	if res.Suggestion != "" {
		fmt.Fprintf(stderr, "did you mean: %s\n", res.Suggestion)
	}
	if limit >= 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for i, h := range hits {
		s := reg.System(h.ID)
		name, org := h.ID, ""
		if s != nil {
			name, _ = s.Name.In(*lang)
			if o := reg.Organisation(s.Organisation); o != nil {
				org, _ = o.Name.In(*lang)
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", i+1, h.ID, name, org)
	}
	tw.Flush()
	if total == 1 {
		fmt.Fprintln(stderr, "1 result")
	} else {
		fmt.Fprintf(stderr, "%d results\n", total)
	}
	return nil
}
