package build

import (
	"context"

	"maki/internal/export"
	"maki/internal/register"
	"maki/internal/render"
	"maki/internal/schema"
	"maki/internal/search"
)

// stages holds what the stages around rendering produce: the search index
// and its similar systems before, the search files, exports and schemas
// after (the exports need the list of rendered pages for the sitemap).
type stages struct {
	similar map[string][]string
	files   []func(pages []string) (map[string][]byte, error)
}

// similarCount is how many similar systems a system page shows.
const similarCount = 5

func extras(ctx context.Context, reg *register.Register, cfg Config, baseURL string, cat register.Catalog) (*stages, error) {
	ix, err := search.Build(reg)
	if err != nil {
		return nil, err
	}
	s := &stages{similar: make(map[string][]string, len(reg.Systems))}
	for _, sys := range reg.Systems {
		if sim := ix.Similar(sys.ID, similarCount); len(sim) > 0 {
			s.similar[sys.ID] = sim
		}
	}
	s.files = append(s.files,
		func([]string) (map[string][]byte, error) { return ix.Files() },
		func(pages []string) (map[string][]byte, error) {
			return export.Files(reg, export.Config{BaseURL: baseURL, Now: cfg.Now, Catalog: cat, Pages: pages})
		},
		func([]string) (map[string][]byte, error) {
			sys, err := schema.System()
			if err != nil {
				return nil, err
			}
			org, err := schema.Organisation()
			if err != nil {
				return nil, err
			}
			return map[string][]byte{
				"daten/entry.schema.json":        sys,
				"daten/organisation.schema.json": org,
			}, nil
		},
	)
	return s, nil
}

// emit writes the extra files, each stage's sorted by path.
func (s *stages) emit(ctx context.Context, pages []string, emit render.Emit) error {
	for _, f := range s.files {
		if err := ctx.Err(); err != nil {
			return err
		}
		files, err := f(pages)
		if err != nil {
			return err
		}
		for _, name := range sortedNames(files) {
			if err := emit(name, files[name]); err != nil {
				return err
			}
		}
	}
	return nil
}
