package export

import (
	"slices"
	"strconv"
	"strings"

	"maki/internal/register"
)

// DCAT-AP.de 3.0 vocabularies used in catalog.rdf.
const (
	nsRDF    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsDCAT   = "http://www.w3.org/ns/dcat#"
	nsDCT    = "http://purl.org/dc/terms/"
	nsDCATDE = "http://dcat-ap.de/def/dcatde/"
	nsDCATAP = "http://data.europa.eu/r5r/"
	nsFOAF   = "http://xmlns.com/foaf/0.1/"
	nsVCARD  = "http://www.w3.org/2006/vcard/ns#"
	xsdDate  = "http://www.w3.org/2001/XMLSchema#date"
	xsdNNI   = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"

	euAuthority   = "http://publications.europa.eu/resource/authority/"
	availStable   = euAuthority + "planned-availability/STABLE"
	accessPublic  = euAuthority + "access-right/PUBLIC"
	freqIrregular = euAuthority + "frequency/IRREG"
	countryDE     = euAuthority + "country/DEU"
	themeTaxonomy = euAuthority + "data-theme"
	geoLevelFed   = "http://dcat-ap.de/def/politicalGeocoding/Level/federal"
	geoLevelState = "http://dcat-ap.de/def/politicalGeocoding/Level/state"
	geoLevelMuni  = "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
	geoStateKey   = "http://dcat-ap.de/def/politicalGeocoding/stateKey/"
	geoMuniKey    = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/"
	ianaMedia     = "https://www.iana.org/assignments/media-types/"
)

// Classes of the resources catalog.rdf names (the ranges of DCAT-AP 3.0.1),
// stated so that consumers need not load the vocabularies to check them.
const (
	clsConcept       = "http://www.w3.org/2004/02/skos/core#Concept"
	clsConceptScheme = "http://www.w3.org/2004/02/skos/core#ConceptScheme"
	clsDocument      = nsFOAF + "Document"
	clsFrequency     = nsDCT + "Frequency"
	clsLanguage      = nsDCT + "LinguisticSystem"
	clsLicense       = nsDCT + "LicenseDocument"
	clsLocation      = nsDCT + "Location"
	clsMediaType     = nsDCT + "MediaType"
	clsMediaTypeExt  = nsDCT + "MediaTypeOrExtent"
	clsRights        = nsDCT + "RightsStatement"
	clsStandard      = nsDCT + "Standard"
	clsKind          = nsVCARD + "Kind"
)

// coverage returns the dcat-ap.de political geocoding of the site's
// coverage: the level URI (dcatde:politicalGeocodingLevelURI) and the area
// (dct:spatial): a Land by its key (stateKey/05), a Kommune by its AGS
// (municipalityKey/05315000). The default, and level bund, is the federal
// level with the EU country Germany as area. DCAT-AP.de 3.0 deprecates
// dcatde:politicalGeocodingURI (GovData's shapes warn) in favour of
// dct:spatial with the same URIs, so it is not written.
func coverage(c register.Coverage) (level, spatial string) {
	switch c.Level {
	case "land":
		if k := register.StateKey(c.State); k != "" {
			return geoLevelState, geoStateKey + k
		}
	case "kommune":
		if len(c.AGS) == 8 && strings.Trim(c.AGS, "0123456789") == "" {
			return geoLevelMuni, geoMuniKey + c.AGS
		}
	}
	return geoLevelFed, countryDE
}

// typedRefs collects the resources catalog.rdf refers to with the classes
// DCAT-AP gives them as range, in order of first reference.
type typedRefs struct {
	order   []string
	classes map[string][]string
}

func (t *typedRefs) add(uri string, classes ...string) {
	if uri == "" {
		return
	}
	if t.classes == nil {
		t.classes = map[string][]string{}
	}
	have, seen := t.classes[uri]
	if !seen {
		t.order = append(t.order, uri)
	}
	for _, c := range classes {
		if !slices.Contains(have, c) {
			have = append(have, c)
		}
	}
	t.classes[uri] = have
}

// write writes one rdf:Description with the rdf:type of each resource.
func (t *typedRefs) write(w *xmlWriter) {
	for _, uri := range t.order {
		if len(t.classes[uri]) == 0 {
			continue
		}
		w.open("rdf:Description", "rdf:about", uri)
		for _, c := range t.classes[uri] {
			w.res("rdf:type", c)
		}
		w.close("rdf:Description")
	}
}

// dcatDist is one distribution of the register dataset.
type dcatDist struct {
	file      string // path under daten/
	format    string // EU file-type code
	mediaType string
	conforms  string // path of a schema the file conforms to, or ""
	titleKey  string
	title     register.Text
	desc      register.Text
}

var dcatDists = []dcatDist{
	{"register.json", "JSON", "application/json", "daten/register.schema.json", "data.register_json",
		register.Text{De: "Register als JSON", En: "Register as JSON"},
		register.Text{De: "Alle Einträge mit aufgelösten Organisationen, beschrieben durch register.schema.json.", En: "All entries with their organisations resolved, described by register.schema.json."}},
	{"register.csv", "CSV", "text/csv", "", "data.register_csv",
		register.Text{De: "Register als CSV", En: "Register as CSV"},
		register.Text{De: "Eine Zeile je KI-System, UTF-8 mit BOM, Listen durch Semikolon getrennt.", En: "One row per AI system, UTF-8 with BOM, lists separated by semicolons."}},
	{"register.xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "", "data.register_xlsx",
		register.Text{De: "Register als Excel-Tabelle", En: "Register as Excel spreadsheet"},
		register.Text{De: "Die Spalten und Werte von register.csv als Tabelle im Format Office Open XML (.xlsx).", En: "The columns and values of register.csv as an Office Open XML spreadsheet (.xlsx)."}},
	{"eu-ai-act.json", "JSON", "application/json", "", "data.eu_ai_act",
		register.Text{De: "Angaben nach KI-Verordnung Anhang VIII Abschnitt C", En: "EU AI Act Annex VIII section C information"},
		register.Text{De: "Die Registrierungsangaben der Betreiber aller Hochrisiko-KI-Systeme (Art. 49 Abs. 3 KI-Verordnung).", En: "The deployer registration information of every high-risk AI system (Art. 49(3) AI Act)."}},
	{"eurocities.json", "JSON", "application/json", "", "data.eurocities",
		register.Text{De: "Register im Algorithmic Transparency Standard (Eurocities)", En: "Register in the Algorithmic Transparency Standard (Eurocities)"},
		register.Text{De: "Alle Einträge als Registrierungen nach dem Algorithmic Transparency Standard 0.3.1 der Eurocities und der niederländischen Algorithmenregister.", En: "All entries as registrations in the Algorithmic Transparency Standard 0.3.1 of Eurocities and the Dutch algorithm registers."}},
}

// tOr returns the catalog string for key in lang, or def when the catalog
// does not have it in that language (so the RDF never carries "[key]").
func (x *exporter) tOr(lang, key string, def register.Text) string {
	if s, ok := x.cfg.Catalog[lang][key]; ok && s != "" {
		return s
	}
	if lang == "en" && def.En != "" {
		return def.En
	}
	return def.De
}

// langTexts writes one element per language with xml:lang.
func (w *xmlWriter) langTexts(name string, de, en string) {
	if de != "" {
		w.elem(name, de, "xml:lang", "de")
	}
	if en != "" {
		w.elem(name, en, "xml:lang", "en")
	}
}

func (w *xmlWriter) res(name, uri string) {
	if uri != "" {
		w.empty(name, "rdf:resource", uri)
	}
}

func (w *xmlWriter) date(name, d string) {
	if d != "" {
		w.elem(name, d, "rdf:datatype", xsdDate)
	}
}

// CatalogRDF returns daten/catalog.rdf. sizes maps daten/ paths to the byte
// size of the distributions, when known (dcat:byteSize).
func (x *exporter) catalogRDF(sizes map[string]int) []byte {
	catURI := x.abs("daten/catalog.rdf")
	dsURI := x.abs("daten/#register")
	agentURI := x.abs("#publisher")
	license := licenseURI(x.site.License)
	issued, modified := x.earliestPublished(), x.latestUpdate()
	opName := x.site.Operator.Name
	title := x.site.Title
	if title.IsZero() {
		title = register.Text{De: "KI-Transparenzregister", En: "AI Transparency Register"}
	}

	geoLevel, spatial := coverage(x.site.Coverage)
	contributor := x.cfg.ContributorID
	if contributor == "" {
		if uri, _, ok := register.ContributorURI(x.site.ContributorID); ok && x.site.ContributorID != "" {
			contributor = uri
		}
	}

	w := newXML()
	var types typedRefs
	// ref writes a reference to uri and notes the classes of uri.
	ref := func(name, uri string, classes ...string) {
		w.res(name, uri)
		types.add(uri, classes...)
	}
	// langTexts drops the English text of a German-only site.
	langTexts := func(name, de, en string) {
		if !x.en {
			en = ""
		}
		w.langTexts(name, de, en)
	}
	w.open("rdf:RDF", "xmlns:rdf", nsRDF, "xmlns:dcat", nsDCAT, "xmlns:dct", nsDCT,
		"xmlns:dcatde", nsDCATDE, "xmlns:dcatap", nsDCATAP, "xmlns:foaf", nsFOAF, "xmlns:vcard", nsVCARD)

	w.open("dcat:Catalog", "rdf:about", catURI)
	langTexts("dct:title", title.De, title.En)
	catDesc := register.Text{
		De: "Offene Daten des KI-Transparenzregisters: welche KI-Systeme Behörden in Bund, Ländern und Kommunen planen, betreiben oder eingestellt haben.",
		En: "Open data of the AI Transparency Register: the AI systems that federal, state and local authorities in Germany plan, run or have retired.",
	}
	langTexts("dct:description", x.tOr("de", "data.catalog_description", catDesc), x.tOr("en", "data.catalog_description", catDesc))
	w.open("dct:publisher")
	w.open("foaf:Agent", "rdf:about", agentURI)
	langTexts("foaf:name", opName.De, opName.En)
	if opName.IsZero() {
		w.elem("foaf:name", title.De, "xml:lang", "de")
	}
	if x.site.Operator.Email != "" {
		w.res("foaf:mbox", "mailto:"+x.site.Operator.Email)
	}
	ref("foaf:homepage", x.site.Operator.URL, clsDocument)
	w.close("foaf:Agent")
	w.close("dct:publisher")
	ref("foaf:homepage", x.base, clsDocument)
	ref("dct:language", euAuthority+"language/DEU", clsLanguage)
	if x.en {
		ref("dct:language", euAuthority+"language/ENG", clsLanguage)
	}
	ref("dct:license", license, clsLicense)
	ref("dcat:themeTaxonomy", themeTaxonomy, clsConceptScheme)
	ref("dct:spatial", spatial, clsLocation)
	ref("dcatap:availability", availStable, clsConcept)
	w.date("dct:issued", issued)
	w.date("dct:modified", modified)

	w.open("dcat:dataset")
	w.open("dcat:Dataset", "rdf:about", dsURI)
	dsTitle := register.Text{De: title.De + " – alle Einträge", En: title.En + " – all entries"}
	if title.En == "" {
		dsTitle.En = ""
	}
	langTexts("dct:title", x.tOr("de", "data.dataset_title", dsTitle), x.tOr("en", "data.dataset_title", dsTitle))
	dsDesc := register.Text{
		De: "Alle Einträge des KI-Transparenzregisters mit Zweck, Status, Organisation, Themen, Techniken, Risikoklasse nach KI-Verordnung, Folgenabschätzungen, Nachnutzung und Kontakt; " + strconv.Itoa(len(x.systems)) + " KI-Systeme.",
		En: "All entries of the AI Transparency Register with purpose, status, organisation, topics, techniques, EU AI Act risk class, impact assessments, reuse and contact; " + strconv.Itoa(len(x.systems)) + " AI systems.",
	}
	langTexts("dct:description", dsDesc.De, dsDesc.En)
	w.elem("dct:identifier", dsURI)
	w.res("dct:publisher", agentURI)
	w.open("dcat:contactPoint")
	w.open("vcard:Organization", "rdf:about", x.abs("#contact"))
	w.res("rdf:type", clsKind) // DCAT-AP's range; vcard:Organization is a subclass
	fn := opName.De
	if fn == "" {
		fn = title.De
	}
	w.elem("vcard:fn", fn)
	if x.site.Operator.Email != "" {
		w.res("vcard:hasEmail", "mailto:"+x.site.Operator.Email)
	}
	w.res("vcard:hasURL", x.site.Operator.URL)
	w.close("vcard:Organization")
	w.close("dcat:contactPoint")
	ref("dcatde:contributorID", contributor)
	for _, k := range []register.Text{
		{De: "Künstliche Intelligenz", En: "artificial intelligence"},
		{De: "KI-Verordnung", En: "AI Act"},
		{De: "Transparenz", En: "transparency"},
		{De: "Verwaltung", En: "public administration"},
		{De: "Algorithmenregister", En: "algorithm register"},
	} {
		langTexts("dcat:keyword", k.De, k.En)
	}
	ref("dcat:theme", euAuthority+"data-theme/GOVE", clsConcept)
	ref("dcat:theme", euAuthority+"data-theme/TECH", clsConcept)
	ref("dcatde:politicalGeocodingLevelURI", geoLevel, clsConcept)
	ref("dct:spatial", spatial, clsLocation)
	ref("dcatap:availability", availStable, clsConcept)
	ref("dct:accessRights", accessPublic, clsRights)
	ref("dct:accrualPeriodicity", freqIrregular, clsFrequency)
	ref("dct:language", euAuthority+"language/DEU", clsLanguage)
	if x.en {
		ref("dct:language", euAuthority+"language/ENG", clsLanguage)
	}
	ref("dcat:landingPage", x.abs("daten/"), clsDocument)
	w.date("dct:issued", issued)
	w.date("dct:modified", modified)

	for _, d := range dcatDists {
		w.open("dcat:distribution")
		w.open("dcat:Distribution", "rdf:about", x.abs("daten/#"+d.file))
		langTexts("dct:title", x.tOr("de", d.titleKey, d.title), x.tOr("en", d.titleKey, d.title))
		langTexts("dct:description", d.desc.De, d.desc.En)
		w.res("dcat:accessURL", x.abs("daten/"))
		w.res("dcat:downloadURL", x.abs("daten/"+d.file))
		ref("dct:format", euAuthority+"file-type/"+d.format, clsMediaTypeExt)
		ref("dcat:mediaType", ianaMedia+d.mediaType, clsMediaType)
		ref("dct:license", license, clsLicense)
		if !opName.IsZero() {
			w.elem("dcatde:licenseAttributionByText", opName.De, "xml:lang", "de")
		}
		ref("dcatap:availability", availStable, clsConcept)
		if d.conforms != "" {
			ref("dct:conformsTo", x.abs(d.conforms), clsStandard)
		}
		w.date("dct:modified", modified)
		if n, ok := sizes["daten/"+d.file]; ok {
			w.elem("dcat:byteSize", strconv.Itoa(n), "rdf:datatype", xsdNNI)
		}
		w.close("dcat:Distribution")
		w.close("dcat:distribution")
	}

	w.close("dcat:Dataset")
	w.close("dcat:dataset")
	w.close("dcat:Catalog")
	types.write(w)
	w.close("rdf:RDF")
	return w.bytes()
}

func (x *exporter) dcatFile(out *sink) error {
	sizes := map[string]int{}
	for _, d := range dcatDists {
		if n, ok := out.size("daten/" + d.file); ok {
			sizes["daten/"+d.file] = n
		}
	}
	return out.write("daten/catalog.rdf", x.catalogRDF(sizes))
}
