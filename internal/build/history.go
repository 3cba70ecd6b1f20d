package build

import (
	"context"
	"errors"
	"path/filepath"

	"maki/internal/history"
	"maki/internal/load"
	"maki/internal/register"
)

// readHistory reads the systems' history from the git repository that
// holds the content and sets reg.History. A missing repository or git
// command is not an error: the build goes on without history and notes
// says so; so does a shallow clone.
func readHistory(ctx context.Context, cfg Config, reg *register.Register) (notes []string, err error) {
	if !cfg.History {
		return nil, nil
	}
	root := filepath.ToSlash(filepath.Clean(cfg.Content))
	hc := history.Config{
		Dir:     cfg.Content,
		ValidID: load.ValidID,
		Decode: func(path string, data []byte) *register.System {
			s, _ := load.SystemFromBytes(root, path, data)
			if s != nil {
				s.Positions, s.KeyPositions, s.Blocks = nil, nil, nil
			}
			return s
		},
		Public: func(id string, s *register.System) *register.System {
			// A system restricted now is restricted in every version.
			if cur := reg.System(id); cur != nil && cur.Restricted && !s.Restricted {
				c := *s
				c.Restricted = true
				s = &c
			}
			return s.Public()
		},
	}
	if reg.Site != nil {
		hc.Authors = reg.Site.History.Authors
		hc.Redirects = reg.Site.Redirects
	}
	h, err := history.Read(ctx, hc)
	if errors.Is(err, history.ErrNoGit) {
		return []string{err.Error() + "; the site is built without change history"}, nil
	}
	if err != nil {
		return nil, err
	}
	if h.Shallow {
		notes = append(notes, "change history incomplete: the repository is a shallow clone, so the history starts at its oldest fetched commit; fetch the whole history (GitLab CI: GIT_DEPTH: 0, GitHub Actions: fetch-depth: 0)")
	}
	reg.History = h
	return notes, nil
}
