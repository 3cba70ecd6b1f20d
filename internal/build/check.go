package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"time"

	"maki/internal/export"
	"maki/internal/load"
	"maki/internal/markdown"
	"maki/internal/register"
	"maki/internal/validate"
)

// Config says what to build from and where to.
type Config struct {
	Content string    // content directory
	Theme   string    // theme directory (templates/, static/, i18n/)
	Out     string    // output directory, replaced atomically
	BaseURL string    // overrides site.yaml's base_url when set
	Now     time.Time // build time, injected so output is reproducible
}

// Check loads and validates the content and checks its Markdown. It
// returns the register (as far as it could be read) and every problem,
// errors and warnings, sorted.
func Check(cfg Config) (*register.Register, register.ErrorList) {
	return check(cfg, markdown.New())
}

func check(cfg Config, md *markdown.Converter) (*register.Register, register.ErrorList) {
	root := filepath.ToSlash(filepath.Clean(cfg.Content))
	reg, errs := checkFS(os.DirFS(cfg.Content), root, cfg.Now, md)
	if renamed := checkRenames(reg, cfg.Out); len(renamed) > 0 {
		errs = append(errs, renamed...)
		errs.Sort()
	}
	return reg, errs
}

// checkFS is check over any file system; root is the project-relative name
// of fsys's root, used in positions.
func checkFS(fsys fs.FS, root string, now time.Time, md *markdown.Converter) (*register.Register, register.ErrorList) {
	reg, errs := load.Register(fsys, root)
	errs = append(errs, validate.Register(reg, now)...)
	errs = append(errs, checkMarkdown(reg, md)...)
	errs = append(errs, export.Warnings(reg)...)
	errs.Sort()
	return reg, errs
}

// checkMarkdown runs the Markdown rules over every Markdown field.
func checkMarkdown(reg *register.Register, md *markdown.Converter) register.ErrorList {
	check := func(errs *register.ErrorList, m *register.Meta, path, src string) {
		for _, p := range md.Check(src) {
			errs.Add(m.TextPos(path, p.Line, p.Col), fieldOf(path), p.Rule, "%s", p.Msg)
		}
	}
	fields := register.Fields(reflect.TypeOf(register.System{}))
	// Systems are checked on all cores, each worker into its own list; the
	// lists are merged and sorted by the caller.
	workers := runtime.GOMAXPROCS(0)
	lists := make([]register.ErrorList, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(reg.Systems); i += workers {
				s := reg.Systems[i]
				v := reflect.ValueOf(s).Elem()
				for _, f := range fields {
					if !f.Markdown {
						continue
					}
					t := v.Field(f.Index).Interface().(register.Text)
					check(&lists[w], &s.Meta, f.Key+".de", t.De)
					check(&lists[w], &s.Meta, f.Key+".en", t.En)
				}
			}
		}()
	}
	wg.Wait()
	var errs register.ErrorList
	for _, l := range lists {
		errs = append(errs, l...)
	}
	for _, p := range reg.Pages {
		check(&errs, &p.Meta, "body.de", p.Body.De)
		if p.Body.En != "" {
			m := register.Meta{File: p.BodyEnFile, Positions: map[string]register.Pos{"body.en": {File: p.BodyEnFile, Line: p.BodyEnLine, Col: 1}}, Blocks: map[string]bool{"body.en": true}}
			check(&errs, &m, "body.en", p.Body.En)
		}
	}
	return errs
}

// fieldOf turns "purpose.de" into "purpose".
func fieldOf(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '.' {
			return path[:i]
		}
	}
	return path
}

// CheckFS is Check over any file system (an overlay of content and new
// files, say); root is the project-relative name of fsys's root, used in
// positions. It runs everything Check runs but the comparison with the last
// published build.
func CheckFS(fsys fs.FS, root string, now time.Time) (*register.Register, register.ErrorList) {
	return checkFS(fsys, root, now, markdown.New())
}
