package build

import (
	"context"
	"io/fs"
	"maps"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"time"

	"maki/internal/export"
	"maki/internal/guard"
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

	// MaxFileSize is the largest content file in bytes; 0 means
	// guard.ContentMax. Theme files may have up to guard.ThemeMax.
	MaxFileSize int64

	// History reads the systems' change history from the git repository
	// holding Content (maki build and serve set it; without it, or without
	// git, the site has no history).
	History bool
}

// contentFS returns the guarded file system of the content, which stops
// when ctx is done.
func (c Config) contentFS(ctx context.Context) *guard.FS {
	return guard.New(ctx, c.Content, c.MaxFileSize)
}

// themeFS returns the guarded file system of the theme.
func (c Config) themeFS(ctx context.Context) *guard.FS {
	return guard.New(ctx, c.Theme, guard.ThemeMax)
}

// Check loads and validates the content and checks its Markdown. It
// returns the register (as far as it could be read) and every problem,
// errors and warnings, sorted. When ctx is cancelled, Check returns soon
// with what it has; the caller must look at ctx.Err() before trusting the
// result.
func Check(ctx context.Context, cfg Config) (*register.Register, register.ErrorList) {
	return check(ctx, cfg, markdown.New(), nil)
}

// check is Check; each, when not nil, gets every system file as it is
// loaded (load.RegisterEach).
func check(ctx context.Context, cfg Config, md *markdown.Converter, each func(name string, data []byte, s *register.System)) (*register.Register, register.ErrorList) {
	root := filepath.ToSlash(filepath.Clean(cfg.Content))
	fsys := cfg.contentFS(ctx)
	defer fsys.Close()
	reg, errs := load.RegisterEach(fsys, root, each)
	if ctx.Err() != nil {
		return reg, errs
	}
	errs = append(errs, validate.Register(reg, cfg.Now)...)
	errs = append(errs, checkMedia(fsys, root, reg)...)
	if ctx.Err() != nil {
		return reg, errs
	}
	errs = append(errs, checkMarkdown(reg, md)...)
	errs = append(errs, export.Warnings(reg)...)
	errs.Sort()
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
	errs = append(errs, checkMedia(fsys, root, reg)...)
	errs = append(errs, checkMarkdown(reg, md)...)
	errs = append(errs, export.Warnings(reg)...)
	errs.Sort()
	return reg, errs
}

// checkMarkdown runs the Markdown rules over every Markdown field.
func checkMarkdown(reg *register.Register, md *markdown.Converter) register.ErrorList {
	return checkMarkdownCached(reg, md, nil)
}

// checkMarkdownCached is checkMarkdown taking the result of every system
// that cache holds from it, and adding the others; a nil cache checks
// everything. The result of a system depends on nothing but the system.
func checkMarkdownCached(reg *register.Register, md *markdown.Converter, cache map[*register.System]register.ErrorList) register.ErrorList {
	fields := register.Fields(reflect.TypeOf(register.System{}))
	var todo []int
	results := make([]register.ErrorList, len(reg.Systems))
	for i, s := range reg.Systems {
		if errs, ok := cache[s]; ok {
			results[i] = errs
		} else {
			todo = append(todo, i)
		}
	}
	// Systems are checked on all cores, each into its own list.
	workers := min(runtime.GOMAXPROCS(0), max(1, len(todo)))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; k < len(todo); k += workers {
				i := todo[k]
				s := reg.Systems[i]
				v := reflect.ValueOf(s).Elem()
				for _, f := range fields {
					if !f.Markdown {
						continue
					}
					t := v.Field(f.Index).Interface().(register.Text)
					markdownProblems(&results[i], md, &s.Meta, f.Key+".de", t.De)
					markdownProblems(&results[i], md, &s.Meta, f.Key+".en", t.En)
				}
			}
		}()
	}
	wg.Wait()
	var errs register.ErrorList
	for i, l := range results {
		errs = append(errs, l...)
		if cache != nil {
			cache[reg.Systems[i]] = l
		}
	}
	if len(cache) > len(reg.Systems) { // drop systems that were replaced or removed
		keep := make(map[*register.System]bool, len(reg.Systems))
		for _, s := range reg.Systems {
			keep[s] = true
		}
		maps.DeleteFunc(cache, func(s *register.System, _ register.ErrorList) bool { return !keep[s] })
	}
	for _, p := range reg.Pages {
		markdownProblems(&errs, md, &p.Meta, "body.de", p.Body.De)
		if p.Body.En != "" {
			var b register.PosBuilder
			b.Value("body.en", p.BodyEnLine, 1)
			b.Block("body.en")
			m := register.Meta{File: p.BodyEnFile, Positions: b.Positions()}
			markdownProblems(&errs, md, &m, "body.en", p.Body.En)
		}
	}
	return errs
}

// markdownProblems adds the problems of the Markdown text src, the value
// at path of an entry, to errs.
func markdownProblems(errs *register.ErrorList, md *markdown.Converter, m *register.Meta, path, src string) {
	for _, p := range md.Check(src) {
		errs.Add(m.TextPos(path, p.Line, p.Col), fieldOf(path), p.Rule, "%s", p.Msg)
	}
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
