package register

import (
	_ "embed"
	"strings"
)

//go:embed spdx.txt
var spdxList string

// SPDXLicenses returns the SPDX license identifiers that format "spdx"
// accepts, in the order of spdx.txt (sorted). The validator and the JSON
// Schema read the same list.
func SPDXLicenses() []string {
	var out []string
	for _, l := range strings.Split(spdxList, "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}
