package main

import (
	"flag"
	"os"
	"strconv"
	"time"

	"maki/internal/build"
	"maki/internal/guard"
)

// siteFlags are the flags every command that reads content shares.
type siteFlags struct {
	content, theme, out, baseURL string
	maxFileSize                  int64
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.content, "content", "content", "content `directory`")
	fs.StringVar(&f.theme, "theme", "themes/default", "theme `directory`")
	fs.StringVar(&f.out, "out", "public", "output `directory`")
	fs.StringVar(&f.baseURL, "base-url", "", "absolute `URL` the site is served from (overrides site.yaml)")
	maxFileSizeVar(fs, &f.maxFileSize)
}

// maxFileSizeVar defines --max-file-size, the cap on a content file.
func maxFileSizeVar(fs *flag.FlagSet, p *int64) {
	fs.Int64Var(p, "max-file-size", guard.ContentMax, "largest content file in `bytes`; a larger one is an error")
}

func (f *siteFlags) config() build.Config {
	return build.Config{Content: f.content, Theme: f.theme, Out: f.out, BaseURL: f.baseURL, Now: buildTime(), MaxFileSize: f.maxFileSize}
}

// buildTime is the build's date: SOURCE_DATE_EPOCH when set (reproducible
// builds), else today, as midnight UTC, so that builds of the same input on
// the same day are byte-identical.
func buildTime() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Now().UTC().Truncate(24 * time.Hour)
}
