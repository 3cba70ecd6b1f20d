package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"

	"maki/internal/register"
)

// checkRenames compares the systems with those of the last published build
// (<out>/daten/register.json) and warns about every id that is gone without
// a redirect in site.yaml: its URL was public and now leads nowhere.
func checkRenames(reg *register.Register, out string) register.ErrorList {
	if out == "" || reg.Site == nil {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(out, "daten", "register.json"))
	if err != nil {
		return nil // no earlier build to compare with
	}
	var prev struct {
		Systems []struct {
			ID string `json:"id"`
		} `json:"systems"`
	}
	if json.Unmarshal(b, &prev) != nil {
		return nil
	}
	var gone []string
	for _, s := range prev.Systems {
		if s.ID != "" && reg.System(s.ID) == nil && reg.Site.Redirects[s.ID] == "" {
			gone = append(gone, s.ID)
		}
	}
	sort.Strings(gone)
	var errs register.ErrorList
	pos := register.Pos{File: reg.Site.File, Line: 1, Col: 1}
	if p, ok := reg.Site.KeyPos("redirects"); ok {
		pos = p
	}
	for _, id := range gone {
		errs.Warn(pos, "redirects", "renamed-id", "system %q was published (%s) but no file has that id now; want a redirect \"%s: <new id>\" so its URL keeps working, or leave it if it was withdrawn on purpose", id, filepath.ToSlash(filepath.Join(out, "daten", "register.json")), id)
	}
	return errs
}
