package validate

import (
	"strconv"
	"strings"

	"maki/internal/register"
)

// siteData checks the settings of site.yaml that go into the open data
// (catalog.rdf): the licence against the dcat-ap.de licence vocabulary,
// the GovData contributor id, and the coverage (level and area).
func (v *validator) siteData(s *register.Site) {
	v.siteLicense(s)
	v.siteContributor(s)
	v.siteCoverage(s)
}

// licenseHints names the vocabulary entry for licences the dcat-ap.de
// vocabulary does not list by name.
var licenseHints = map[string]string{
	"mit": "other-opensource", "isc": "other-opensource", "unlicense": "other-opensource",
	"apache-2.0": "apache", "mpl-2.0": "mozilla", "gpl-3.0": "gpl/3.0",
	"gpl-3.0-only": "gpl/3.0", "gpl-3.0-or-later": "gpl/3.0", "gfdl-1.3": "gfdl",
	"bsd-2-clause": "bsd", "bsd-3-clause": "bsd", "odc-by-1.0": "odby",
	"pddl-1.0": "odcpddl", "cc-pdm-1.0": "ccpdm/1.0",
}

func (v *validator) siteLicense(s *register.Site) {
	if s.License == "" || !s.Has("license") {
		return
	}
	if _, ok := register.LicenseURI(s.License); ok {
		return
	}
	msg := "unknown licence " + quote(s.License)
	if strings.ContainsAny(s.License, " \t") {
		msg += " (free text cannot become a licence URI)"
	}
	msg += "; want an id of the dcat-ap.de licence vocabulary (" + register.LicenseBase + "…) or its URI, like \"dl-by-de/2.0\", \"dl-zero-de/2.0\", \"cc-by/4.0\" or \"cc-zero\""
	id := strings.TrimPrefix(strings.TrimSpace(s.License), register.LicenseBase)
	if h, ok := licenseHints[strings.ToLower(id)]; ok {
		msg += "; did you mean " + quote(h) + "? (the vocabulary has no entry of its own for " + quote(id) + ")"
	} else if sug := closestFold(id, register.Licenses); sug != "" {
		msg += "; did you mean " + quote(sug) + "?"
	}
	v.errs.Add(s.PosOf("license"), "license", "enum", "%s", msg)
}

func (v *validator) siteContributor(s *register.Site) {
	if s.ContributorID == "" || !s.Has("contributor_id") {
		return
	}
	pos := s.PosOf("contributor_id")
	_, id, ok := register.ContributorURI(s.ContributorID)
	if !ok {
		v.errs.Add(pos, "contributor_id", "format", "%s is not a GovData contributor id; want %s<id> or the bare id, like \"%stransparenzportalHamburg\"", quote(s.ContributorID), register.ContributorBase, register.ContributorBase)
		return
	}
	for _, c := range register.Contributors {
		if c == id {
			return
		}
	}
	msg := quote(id) + " is not in GovData's list of contributors (version 20251021); want the id GovData assigned to the operator (new ids may be missing from maki's copy)"
	if sug := closestFold(id, register.Contributors); sug != "" {
		msg += "; did you mean " + quote(sug) + "?"
	}
	v.errs.Warn(pos, "contributor_id", "vocabulary", "%s", msg)
}

func (v *validator) siteCoverage(s *register.Site) {
	c := s.Coverage
	if c == (register.Coverage{}) {
		return
	}
	levelPos := v.keyOrStart(&s.Meta, "coverage")
	if p, ok := s.KeyPos("coverage.level"); ok {
		levelPos = p
	}
	switch c.Level {
	case "":
		if !s.Has("coverage.level") {
			v.errs.Add(levelPos, "coverage.level", "required", "required when coverage is given; want \"bund\", \"land\" or \"kommune\"")
		}
		return
	case "other":
		v.errs.Add(s.PosOf("coverage.level"), "coverage.level", "enum", "\"other\" has no area; want \"bund\", \"land\" or \"kommune\"")
		return
	case "bund":
		for _, k := range []string{"state", "ags"} {
			if s.Has("coverage." + k) {
				v.errs.Add(s.PosOf("coverage."+k), "coverage."+k, "conditional", "given for level \"bund\"; want it only for \"land\" or \"kommune\"")
			}
		}
	case "land":
		if c.State == "" && !s.Has("coverage.state") {
			v.errs.Add(levelPos, "coverage.state", "required", "required for level \"land\"; want the Land as ISO 3166-2 code, like \"DE-NW\"")
		}
		if s.Has("coverage.ags") {
			v.errs.Add(s.PosOf("coverage.ags"), "coverage.ags", "conditional", "given for level \"land\"; want it only for \"kommune\"")
		}
	case "kommune":
		if c.AGS == "" && !s.Has("coverage.ags") {
			v.errs.Add(levelPos, "coverage.ags", "required", "required for level \"kommune\"; want the 8-digit Amtlicher Gemeindeschlüssel, like \"05315000\"")
		}
		if c.AGS != "" && c.State != "" && len(c.AGS) == 8 && register.StateKey(c.State) != "" && c.AGS[:2] != register.StateKey(c.State) {
			v.errs.Add(s.PosOf("coverage.ags"), "coverage.ags", "plausibility", "%q starts with %s, which is not %s; want a key starting with %s", c.AGS, c.AGS[:2], c.State, register.StateKey(c.State))
		}
	}
}

// closestFold is closest with case ignored (the vocabularies mix case).
func closestFold(s string, list []string) string {
	lower := make([]string, len(list))
	for i, k := range list {
		lower[i] = strings.ToLower(k)
	}
	c := closest(strings.ToLower(s), lower)
	for i, k := range lower {
		if c != "" && k == c {
			return list[i]
		}
	}
	return ""
}

// quote quotes s for a message, cut to a short excerpt.
func quote(s string) string { return strconv.Quote(register.Excerpt(s)) }
