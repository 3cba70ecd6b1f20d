package search

import (
	_ "embed"
	"strings"
)

// compoundWords is maki's own list of German words for splitting
// compounds (EUPL-1.2, see the file's header): with it, a compound splits
// into its parts whether or not the register uses them on their own.
//
//go:embed compounds.txt
var compoundWords string

// shippedParts returns the folded words of compounds.txt.
func (a *analyzer) shippedParts() []string {
	var out []string
	for _, line := range strings.Split(compoundWords, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, a.fold(a.lowerCase(line)))
	}
	return out
}
