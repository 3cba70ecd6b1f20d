package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"maki/internal/build"
	"maki/internal/register"
)

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf siteFlags
	sf.register(fs)
	format := fs.String("format", "text", "report `format`: text, json, github (workflow commands) or gitlab (Code Quality JSON)")
	max := fs.Int("max", 0, "list at most `N` problems in the text format (0: every problem)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: maki check [flags]\n\nLoads and validates the content and reports every problem, sorted, as file:line:col.\nExit status 0: no errors (warnings allowed); 1: content errors; 2: usage.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("maki check: unexpected argument %q", fs.Arg(0))
	}
	if err := sf.check("check"); err != nil {
		return err
	}
	switch *format {
	case "text", "json", "github", "gitlab":
	default:
		return usageError("maki check: unknown format %q; want text, json, github or gitlab", *format)
	}
	_, errs := build.Check(ctx, sf.config())
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := report(stdout, *format, errs, *max); err != nil {
		return err
	}
	n := len(errs.Errors())
	if len(errs) > 0 {
		fmt.Fprintln(stderr, counts(errs))
	}
	if n > 0 {
		return exitError{code: 1}
	}
	return nil
}

// report writes errs in the given format. Every format shows file names
// and messages with control characters escaped (register.Printable), so a
// file name cannot forge a line or a workflow command, move the cursor or
// reorder what a reader sees. json too: encoding/json escapes C0 controls
// and U+2028/2029 but passes C1 controls and bidirectional overrides, which
// a tool showing the report would print as they are.
//
// The text format lists every problem, or the first limit of them (limit > 0)
// and then how many errors and warnings are left out.
func report(w io.Writer, format string, errs register.ErrorList, limit int) error {
	switch format {
	case "json":
		type item struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Column   int    `json:"column"`
			Field    string `json:"field,omitempty"`
			Severity string `json:"severity"`
			Rule     string `json:"rule"`
			Message  string `json:"message"`
		}
		items := []item{}
		for _, e := range errs {
			items = append(items, item{register.Printable(e.Pos.File), e.Pos.Line, e.Pos.Col, register.Printable(register.Excerpt(e.Field)), e.Severity.String(), e.Rule, e.Message()})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(items)
	case "github":
		for _, e := range errs {
			kind := "error"
			if e.Severity == register.SevWarning {
				kind = "warning"
			}
			fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", kind, ghEscapeProp(register.Printable(e.Pos.File)), max(e.Pos.Line, 1), max(e.Pos.Col, 1), ghEscapeProp("maki "+e.Rule), ghEscape(e.Message()))
		}
		return nil
	case "gitlab":
		type lines struct {
			Begin int `json:"begin"`
		}
		type location struct {
			Path  string `json:"path"`
			Lines lines  `json:"lines"`
		}
		type issue struct {
			Description string   `json:"description"`
			CheckName   string   `json:"check_name"`
			Fingerprint string   `json:"fingerprint"`
			Severity    string   `json:"severity"`
			Location    location `json:"location"`
		}
		items := []issue{}
		for _, e := range errs {
			sev := "major"
			if e.Severity == register.SevWarning {
				sev = "minor"
			}
			sum := sha256.Sum256([]byte(e.Pos.File + "\x00" + e.Field + "\x00" + e.Rule + "\x00" + e.Msg))
			items = append(items, issue{e.Message(), "maki/" + e.Rule, hex.EncodeToString(sum[:16]), sev, location{register.Printable(e.Pos.File), lines{max(e.Pos.Line, 1)}}})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(items)
	}
	listProblems(w, errs, limit)
	return nil
}

// listProblems writes errs one a line: every one, or the first max (max >
// 0) and a line saying how many errors and warnings are left out.
func listProblems(w io.Writer, errs register.ErrorList, max int) {
	for i, e := range errs {
		if max > 0 && i == max {
			fmt.Fprintf(w, "(and %d more: %s; --max 0 lists every problem)\n", len(errs)-i, counts(errs[i:]))
			break
		}
		fmt.Fprintln(w, e.Error())
	}
}

// counts says how many errors and warnings errs holds: "1 error, 3 warnings".
func counts(errs register.ErrorList) string {
	return plural(len(errs.Errors()), "error", "errors") + ", " + plural(len(errs.Warnings()), "warning", "warnings")
}

// plural writes n with the singular or plural noun.
func plural(n int, one, other string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, other)
}

// ghEscape escapes a workflow command's message.
func ghEscape(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghEscapeProp escapes a workflow command's property value.
func ghEscapeProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
