package register

import "strings"

// LicenseBase is the namespace of the dcat-ap.de licence vocabulary.
const LicenseBase = "http://dcat-ap.de/def/licenses/"

// ContributorBase is the namespace of GovData's list of contributors
// (Datenbereitsteller), the values of dcatde:contributorID.
const ContributorBase = "http://dcat-ap.de/def/contributors/"

// Licenses lists the ids of the dcat-ap.de licence vocabulary
// (http://dcat-ap.de/def/licenses, version 20200715), as GovData's MQA
// dashboard ships it: GovDataOfficial/DCAT-AP.de-SHACL-Validation,
// validator/resources/dashboard-live/shapes/dcat-ap-de-licenses-open.rdf
// (commit 0715dd6). A copy is in internal/export/testdata/shacl/.
var Licenses = []string{
	"apache", "bsd", "cc-by", "cc-by/4.0", "cc-by-de/3.0", "cc-by-nc",
	"cc-by-nc-de/3.0", "cc-by-nc/4.0", "cc-by-nd", "cc-by-nd/3.0",
	"cc-by-nd/4.0", "cc-by-sa", "cc-by-sa-de/3.0", "cc-by-sa/4.0",
	"ccpdm/1.0", "cc-zero", "dl-by-de/1.0", "dl-by-de/2.0",
	"dl-by-nc-de/1.0", "dl-zero-de/2.0", "geonutz/20130319",
	"geoNutz/20131001", "gfdl", "gpl/3.0", "mozilla", "odbl", "odby",
	"odcpddl", "officialWork", "other-closed", "other-commercial",
	"other-freeware", "other-open", "other-opensource",
}

// licenseAliases maps common other spellings (SPDX ids, the short names
// of the Datenlizenz Deutschland) to ids of Licenses.
var licenseAliases = map[string]string{
	"dl-de/by-2-0": "dl-by-de/2.0", "dl-de-by-2.0": "dl-by-de/2.0",
	"dl-de/zero-2-0": "dl-zero-de/2.0", "dl-de-zero-2.0": "dl-zero-de/2.0",
	"cc-by-4.0": "cc-by/4.0", "cc-by-sa-4.0": "cc-by-sa/4.0",
	"cc-by-nd-4.0": "cc-by-nd/4.0", "cc-by-nc-4.0": "cc-by-nc/4.0",
	"cc0-1.0": "cc-zero", "cc0": "cc-zero", "odbl-1.0": "odbl",
}

// DefaultLicense is the licence of the exports when site.yaml names none.
const DefaultLicense = "dl-by-de/2.0"

// LicenseURI returns the dcat-ap.de URI of the licence l: an id of
// Licenses ("dl-by-de/2.0"), its full URI, or one of the other known
// spellings ("dl-de/by-2-0", "CC-BY-4.0"); empty is DefaultLicense.
// ok is false when l names no licence of the vocabulary.
func LicenseURI(l string) (uri string, ok bool) {
	l = strings.TrimSpace(l)
	if l == "" {
		return LicenseBase + DefaultLicense, true
	}
	id := l
	if rest, found := strings.CutPrefix(l, LicenseBase); found {
		id = rest
	} else if rest, found := strings.CutPrefix(l, "https://dcat-ap.de/def/licenses/"); found {
		id = rest
	}
	for _, k := range Licenses {
		if k == id {
			return LicenseBase + k, true
		}
	}
	if a, found := licenseAliases[strings.ToLower(id)]; found {
		return LicenseBase + a, true
	}
	match := ""
	for _, k := range Licenses {
		if strings.EqualFold(k, id) {
			if match != "" {
				return "", false // geonutz and geoNutz: the case decides
			}
			match = k
		}
	}
	if match != "" {
		return LicenseBase + match, true
	}
	return "", false
}

// Contributors lists the ids of GovData's list of contributors
// (http://dcat-ap.de/def/contributors, version 20251021), from
// GovDataOfficial/DCAT-AP.de-SHACL-Validation,
// validator/resources/dashboard-live/shapes/dcat-ap-de-contributors.rdf
// (commit 0715dd6). GovData adds to it when a new portal delivers, so an
// id missing here is worth a warning, not an error.
var Contributors = []string{
	"auswaertigesAmt", "berlinOpenData", "bundesamtFuerBauwesenUndRaumordnung",
	"bundesamtFuerJustiz", "bundesanstaltFuerMaterialforschungUndPruefung",
	"bundesamtFuerVerbraucherschutzUndLebensmittelsicherheit",
	"bundesamtFuerWirtschaftUndAusfuhrkontrolle",
	"bundesanstaltFuerArbeitsschutzUndArbeitsmedizin",
	"bundesministeriumFuerErnaehrungUndLandwirtschaft", "bundesarchiv",
	"bundesausgleichsamt",
	"bundesinstitutFuerBauStadtUndRaumforschungImBundesamtFuerBauwesenundRaumordnung",
	"bundesministeriumDerFinanzen", "bundesministeriumDerVerteidigung",
	"bundesministeriumDesInnernUndHeimat", "bundesministeriumFuerArbeitUndSoziales",
	"bundesministeriumFuerBildungUndForschung",
	"bundesministeriumFuerFamilieSeniorenFrauenUndJugend",
	"bundesministeriumFuerWirtschaftUndEnergie",
	"bundesministeriumFuerWirtschaftlicheZusammenarbeitUndEntwicklung",
	"bundessortenamt", "bundesversicherungsamt", "bundesverwaltungsamt",
	"bundeszentralamtFuerSteuern", "datenBW", "destatis",
	"deutscheNationalbibliothek", "deutschesPatentUndMarkenamt",
	"deutscheRentenversicherungBund", "dieBeauftragteDerBundesregierungFuerKulturUndMedien",
	"derBundesbeauftragteFuerDenDatenschutzUndDieInformationsfreiheit", "fitko",
	"freistaatSachsen", "friedrichLoefflerInstitut", "gdiDE", "generalzolldirektion",
	"genesisDestatis", "govData", "hessen", "itzBund", "landBrandenburg",
	"landeshauptstadtMuenchen", "landNiedersachsen", "maxRubnerInstitut", "mCloud",
	"mecklenburgVorpommern", "metropolregionRheinNeckar", "mobilithek",
	"openDataBayern", "openDataBrandenburg", "openDataBund", "openDataHRO",
	"openGovernmentDataPortalRheinlandPfalz", "openNRW",
	"openAgrarRepositoriumDerForschungseinrichtungenDesBMEL", "paulEhrlichInstitut",
	"regionalstatistik", "robertKochInstitut", "landSachsenAnhalt",
	"schleswigHolstein", "stadtAugsburg", "stadtFrankfurtAmMain",
	"stadtFreiburgImBreisgau", "stadtNuernberg", "stadtOldenburg", "SWONetzGmbH",
	"transparenzportalBremen", "transparenzportalHamburg", "umweltbundesamt",
}

// ContributorURI returns the contributor URI for c, a full URI below
// ContributorBase or a bare id, and the id. ok is false when c has
// another form (another namespace, spaces, a path).
func ContributorURI(c string) (uri, id string, ok bool) {
	id = strings.TrimSpace(c)
	if rest, found := strings.CutPrefix(id, ContributorBase); found {
		id = rest
	} else if strings.Contains(id, ":") {
		return "", "", false
	}
	if id == "" {
		return "", "", false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return "", "", false
		}
	}
	return ContributorBase + id, id, true
}

// stateKeys maps the ISO 3166-2 codes of the Länder to their two-digit
// key (the first two digits of every AGS in the Land).
var stateKeys = map[string]string{
	"DE-SH": "01", "DE-HH": "02", "DE-NI": "03", "DE-HB": "04",
	"DE-NW": "05", "DE-HE": "06", "DE-RP": "07", "DE-BW": "08",
	"DE-BY": "09", "DE-SL": "10", "DE-BE": "11", "DE-BB": "12",
	"DE-MV": "13", "DE-SN": "14", "DE-ST": "15", "DE-TH": "16",
}

// StateKey returns the two-digit Länderschlüssel of the ISO 3166-2 code
// of a Land ("DE-NW" → "05"), or "" for another code.
func StateKey(code string) string { return stateKeys[code] }
