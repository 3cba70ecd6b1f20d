package build

import (
	"context"
	"time"

	"maki/internal/register"
	"maki/internal/render"
)

// stages holds what the stages after rendering produce: the search index
// files, the similar systems and the exports. Search and export are wired
// in as their packages land.
type stages struct {
	similar map[string][]string
	files   []func(pages []string) (map[string][]byte, error)
}

func extras(ctx context.Context, reg *register.Register, cfg Config, baseURL string, cat register.Catalog, stats *register.Stats, stageDir string) (*stages, error) {
	_ = time.Time{}
	return &stages{similar: map[string][]string{}}, nil
}

// emit writes the extra files, sorted by path.
func (s *stages) emit(ctx context.Context, pages []string, emit render.Emit) error {
	for _, f := range s.files {
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
