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
	files   []extraFiles
}

// extraFiles is one stage's files.
type extraFiles struct {
	// needsPages is true when the files depend on the rendered pages.
	needsPages bool
	write      func(pages []string, w export.Writer) error
}

// similarCount is how many similar systems a system page shows.
const similarCount = 5

func extras(ctx context.Context, reg *register.Register, cfg Config, baseURL string, cat register.Catalog, snapshotsWritten bool) (*stages, error) {
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
		extraFiles{write: func(_ []string, w export.Writer) error {
			files, err := ix.Files()
			if err != nil {
				return err
			}
			return writeAll(w, files)
		}},
		extraFiles{needsPages: true, write: func(pages []string, w export.Writer) error {
			return export.Write(reg, export.Config{BaseURL: baseURL, Now: cfg.Now, Catalog: cat, Pages: pages, SnapshotsWritten: snapshotsWritten}, w)
		}},
		extraFiles{write: func(_ []string, w export.Writer) error {
			// The published schemas enumerate the register's ids, so that
			// editors complete them and flag unknown ones (issue 14).
			v := schema.VocabularyOf(reg)
			sys, err := schema.SystemFor(v)
			if err != nil {
				return err
			}
			org, err := schema.OrganisationFor(v)
			if err != nil {
				return err
			}
			return writeAll(w, map[string][]byte{
				"daten/entry.schema.json":        sys,
				"daten/organisation.schema.json": org,
			})
		}},
	)
	return s, nil
}

// emit writes the extra files to emit, one at a time.
func (s *stages) emit(ctx context.Context, pages []string, emit render.Emit) error {
	return s.write(ctx, pages, export.FuncWriter(emit))
}

// write writes the extra files to w, which must be safe for concurrent
// use; large files are streamed to it.
func (s *stages) write(ctx context.Context, pages []string, w export.Writer) error {
	for _, f := range s.files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := f.write(pages, w); err != nil {
			return err
		}
	}
	return nil
}

// writeEarly writes the extra files that do not depend on the rendered
// pages (the search index, the schemas) and forgets them, so that what
// they hold (the whole search index) is freed before rendering; write and
// emit then write only the others.
func (s *stages) writeEarly(ctx context.Context, w export.Writer) error {
	var later []extraFiles
	for _, f := range s.files {
		if f.needsPages {
			later = append(later, f)
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := f.write(nil, w); err != nil {
			return err
		}
	}
	s.files = later
	return nil
}

// writeAll writes files to w sorted by path, one at a time: the search
// files share a few large directories, and creating files in one
// directory from two goroutines costs the kernel about 1.3 times the CPU
// time, with no gain in wall time (measured on ext4).
func writeAll(w export.Writer, files map[string][]byte) error {
	for _, name := range sortedNames(files) {
		if err := w.Write(name, files[name]); err != nil {
			return err
		}
	}
	return nil
}
