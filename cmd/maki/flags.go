package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"time"

	"maki/internal/build"
	"maki/internal/guard"
	"maki/internal/publish"
	"maki/internal/register"
	"maki/internal/validate"
)

// siteFlags are the flags every command that reads content shares.
type siteFlags struct {
	content, theme, out, baseURL string
	maxFileSize                  int64
	noHistory                    bool
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.content, "content", "content", "content `directory`")
	fs.StringVar(&f.theme, "theme", "themes/default", "theme `directory`")
	fs.StringVar(&f.out, "out", "public", "output `directory`")
	fs.StringVar(&f.baseURL, "base-url", "", "absolute `URL` the site is served from (overrides site.yaml)")
	maxFileSizeVar(fs, &f.maxFileSize)
	fs.BoolVar(&f.noHistory, "no-history", false, "build without the change history from git")
}

// maxFileSizeVar defines --max-file-size, the cap on a content file.
func maxFileSizeVar(fs *flag.FlagSet, p *int64) {
	fs.Int64Var(p, "max-file-size", guard.ContentMax, "largest content file in `bytes`; a larger one is an error")
}

// check checks the values of the flags for the command cmd ("build"):
// a missing --content folder or a bad --base-url is a usage error (exit
// status 2).
func (f *siteFlags) check(cmd string) error {
	if err := checkContent("maki "+cmd, f.content); err != nil {
		return err
	}
	return checkBaseURL(cmd, f.baseURL)
}

// checkContent checks that a --content folder exists and is a folder. A
// missing one is one usage error (exit status 2) for the command named
// name ("maki check"), not a list of every file the register lacks.
func checkContent(name, dir string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usageError("%s: content folder %q does not exist; want the folder holding site.yaml (maki init DIR makes one)", name, register.Excerpt(dir))
	case err != nil:
		return usageError("%s: content folder %q: %s", name, register.Excerpt(dir), register.Printable(err.Error()))
	case !st.IsDir():
		return usageError("%s: content folder %q is not a folder; want the folder holding site.yaml", name, register.Excerpt(dir))
	}
	return nil
}

// checkBaseURL checks a --base-url flag by the rule site.yaml's base_url
// follows (validate.BaseURL); empty means the flag was not given.
func checkBaseURL(cmd, baseURL string) error {
	if baseURL == "" {
		return nil
	}
	if want := validate.BaseURL(baseURL); want != "" {
		return usageError("maki %s: --base-url %q: %s", cmd, register.Excerpt(baseURL), want)
	}
	return nil
}

// checkOut checks that the build may replace --out (publish.Guard): never
// the content, the theme, the project or the repository, never a file,
// and a non-empty folder maki did not make only with force. A refusal is
// a usage error (exit status 2).
func (f *siteFlags) checkOut(cmd string, force bool) error {
	if err := (publish.Guard{Content: f.content, Theme: f.theme, Force: force}).CheckOut(f.out); err != nil {
		return usageError("maki %s: %s", cmd, register.Printable(err.Error()))
	}
	return nil
}

func (f *siteFlags) config() build.Config {
	return build.Config{Content: f.content, Theme: f.theme, Out: f.out, BaseURL: f.baseURL, Now: buildTime(), MaxFileSize: f.maxFileSize, History: !f.noHistory}
}

// buildTime is the build's date: SOURCE_DATE_EPOCH when set (reproducible
// builds), else today, as midnight UTC, so that builds of the same input on
// the same day are byte-identical. run has already refused a
// SOURCE_DATE_EPOCH that sourceDateEpoch rejects.
func buildTime() time.Time {
	if t, set, err := sourceDateEpoch(); set && err == nil {
		return t
	}
	return time.Now().UTC().Truncate(24 * time.Hour)
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH. set reports whether the
// variable is in the environment at all; set but empty, not a decimal
// integer, negative or past the year 9999 is an error, as the
// reproducible-builds specification asks ("the build process SHOULD exit
// with a non-zero error code"): silently taking today instead would make
// a build that should be reproducible depend on the day.
func sourceDateEpoch() (t time.Time, set bool, err error) {
	s, set := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !set {
		return time.Time{}, false, nil
	}
	const maxEpoch = 253402300799 // 9999-12-31T23:59:59Z
	n, perr := strconv.ParseInt(s, 10, 64)
	if perr != nil || n < 0 || n > maxEpoch {
		return time.Time{}, true, fmt.Errorf("SOURCE_DATE_EPOCH %q: not a number of seconds since 1970-01-01 UTC; want a non-negative integer like 1798675200 (git log -1 --format=%%ct), or unset it", register.Excerpt(s))
	}
	return time.Unix(n, 0).UTC(), true, nil
}
