package export

import (
	"regexp"
	"strings"
	"testing"

	"maki/internal/register"
)

// The site's coverage decides the political geocoding level and the area
// of catalog.rdf; no coverage is the federal level and Germany, as before.
func TestCatalogCoverage(t *testing.T) {
	const geo = "http://dcat-ap.de/def/politicalGeocoding/"
	tests := []struct {
		cov            register.Coverage
		level, spatial string
	}{
		{register.Coverage{}, geo + "Level/federal", countryDE},
		{register.Coverage{Level: "bund"}, geo + "Level/federal", countryDE},
		{register.Coverage{Level: "land", State: "DE-NW"}, geo + "Level/state", geo + "stateKey/05"},
		{register.Coverage{Level: "land", State: "DE-TH"}, geo + "Level/state", geo + "stateKey/16"},
		{register.Coverage{Level: "kommune", State: "DE-NW", AGS: "05315000"}, geo + "Level/municipality", geo + "municipalityKey/05315000"},
		{register.Coverage{Level: "kommune", AGS: "09162000"}, geo + "Level/municipality", geo + "municipalityKey/09162000"},
		// Rejected by "maki check"; the export falls back, never writes a broken IRI.
		{register.Coverage{Level: "kommune", AGS: "0531 5000"}, geo + "Level/federal", countryDE},
	}
	for _, tt := range tests {
		r := fixtureRegister()
		r.Site.Coverage = tt.cov
		rdf := string(mustFiles(t, r, fixtureConfig())["daten/catalog.rdf"])
		if want := `<dcatde:politicalGeocodingLevelURI rdf:resource="` + tt.level + `"/>`; !strings.Contains(rdf, want) {
			t.Errorf("coverage %+v: catalog.rdf lacks %s", tt.cov, want)
		}
		if n := strings.Count(rdf, `<dct:spatial rdf:resource="`+tt.spatial+`"/>`); n != 2 {
			t.Errorf("coverage %+v: dct:spatial %s %d times; want 2 (catalog, dataset)", tt.cov, tt.spatial, n)
		}
		if strings.Contains(rdf, "politicalGeocodingURI") {
			t.Errorf("coverage %+v: catalog.rdf has the deprecated dcatde:politicalGeocodingURI", tt.cov)
		}
	}
}

// contributor_id of site.yaml becomes dcatde:contributorID, as URI or
// bare id; Config.ContributorID overrides it.
func TestCatalogContributorID(t *testing.T) {
	tests := []struct{ site, cfg, want string }{
		{"", "", ""},
		{"openNRW", "", register.ContributorBase + "openNRW"},
		{register.ContributorBase + "openNRW", "", register.ContributorBase + "openNRW"},
		{"openNRW", register.ContributorBase + "govData", register.ContributorBase + "govData"},
		{"not an id", "", ""},
	}
	for _, tt := range tests {
		r := fixtureRegister()
		r.Site.ContributorID = tt.site
		cfg := fixtureConfig()
		cfg.ContributorID = tt.cfg
		rdf := string(mustFiles(t, r, cfg)["daten/catalog.rdf"])
		m := regexp.MustCompile(`<dcatde:contributorID rdf:resource="([^"]*)"/>`).FindAllStringSubmatch(rdf, -1)
		got := ""
		if len(m) == 1 {
			got = m[0][1]
		}
		if len(m) > 1 || got != tt.want {
			t.Errorf("site %q, config %q: contributorID %v; want %q", tt.site, tt.cfg, m, tt.want)
		}
	}
}

// Every resource catalog.rdf refers to through a property whose DCAT-AP
// 3.0.1 range is a class carries that class (the SEMIC range shapes).
func TestCatalogTypesReferences(t *testing.T) {
	r := fixtureRegister()
	r.Site.Coverage = register.Coverage{Level: "land", State: "DE-BY"}
	rdf := string(mustFiles(t, r, fixtureConfig())["daten/catalog.rdf"])
	ranges := map[string]string{
		"dct:license": clsLicense, "dct:language": clsLanguage, "dct:format": clsMediaTypeExt,
		"dcat:mediaType": clsMediaType, "dcatap:availability": clsConcept, "foaf:homepage": clsDocument,
		"dcat:landingPage": clsDocument, "dct:conformsTo": clsStandard, "dct:spatial": clsLocation,
		"dcat:theme": clsConcept, "dcat:themeTaxonomy": clsConceptScheme, "dct:accessRights": clsRights,
		"dct:accrualPeriodicity": clsFrequency, "dcatde:politicalGeocodingLevelURI": clsConcept,
	}
	ref := regexp.MustCompile(`<([a-z]+:[A-Za-z]+) rdf:resource="([^"]*)"/>`)
	seen := map[string]bool{}
	for _, m := range ref.FindAllStringSubmatch(rdf, -1) {
		class, ok := ranges[m[1]]
		if !ok {
			continue
		}
		seen[m[1]] = true
		desc := `<rdf:Description rdf:about="` + m[2] + `">`
		i := strings.Index(rdf, desc)
		if i < 0 {
			t.Errorf("%s %s: no rdf:Description", m[1], m[2])
			continue
		}
		end := i + strings.Index(rdf[i:], "</rdf:Description>")
		if !strings.Contains(rdf[i:end], `<rdf:type rdf:resource="`+class+`"/>`) {
			t.Errorf("%s %s: not typed %s", m[1], m[2], class)
		}
	}
	for p := range ranges {
		if !seen[p] {
			t.Errorf("catalog.rdf has no %s; the test misses it", p)
		}
	}
	if !strings.Contains(rdf, `<rdf:type rdf:resource="`+clsKind+`"/>`) {
		t.Errorf("the contact point is not typed vcard:Kind")
	}
}
