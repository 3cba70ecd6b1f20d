package export

import (
	"strconv"

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
	ianaMedia     = "https://www.iana.org/assignments/media-types/"
)

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
	{"eu-ai-act.json", "JSON", "application/json", "", "data.eu_ai_act",
		register.Text{De: "Angaben nach KI-Verordnung Anhang VIII Abschnitt C", En: "EU AI Act Annex VIII section C information"},
		register.Text{De: "Die Registrierungsangaben der Betreiber aller Hochrisiko-KI-Systeme (Art. 49 Abs. 3 KI-Verordnung).", En: "The deployer registration information of every high-risk AI system (Art. 49(3) AI Act)."}},
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

	w := newXML()
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
	w.res("foaf:homepage", x.site.Operator.URL)
	w.close("foaf:Agent")
	w.close("dct:publisher")
	w.res("foaf:homepage", x.base)
	w.res("dct:language", euAuthority+"language/DEU")
	if x.en {
		w.res("dct:language", euAuthority+"language/ENG")
	}
	w.res("dct:license", license)
	w.res("dcat:themeTaxonomy", themeTaxonomy)
	w.res("dct:spatial", countryDE)
	w.res("dcatap:availability", availStable)
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
	if x.cfg.ContributorID != "" {
		w.res("dcatde:contributorID", x.cfg.ContributorID)
	}
	for _, k := range []register.Text{
		{De: "Künstliche Intelligenz", En: "artificial intelligence"},
		{De: "KI-Verordnung", En: "AI Act"},
		{De: "Transparenz", En: "transparency"},
		{De: "Verwaltung", En: "public administration"},
		{De: "Algorithmenregister", En: "algorithm register"},
	} {
		langTexts("dcat:keyword", k.De, k.En)
	}
	w.res("dcat:theme", euAuthority+"data-theme/GOVE")
	w.res("dcat:theme", euAuthority+"data-theme/TECH")
	w.res("dcatde:politicalGeocodingLevelURI", geoLevelFed)
	w.res("dct:spatial", countryDE)
	w.res("dcatap:availability", availStable)
	w.res("dct:accessRights", accessPublic)
	w.res("dct:accrualPeriodicity", freqIrregular)
	w.res("dct:language", euAuthority+"language/DEU")
	if x.en {
		w.res("dct:language", euAuthority+"language/ENG")
	}
	w.res("dcat:landingPage", x.abs("daten/"))
	w.date("dct:issued", issued)
	w.date("dct:modified", modified)

	for _, d := range dcatDists {
		w.open("dcat:distribution")
		w.open("dcat:Distribution", "rdf:about", x.abs("daten/#"+d.file))
		langTexts("dct:title", x.tOr("de", d.titleKey, d.title), x.tOr("en", d.titleKey, d.title))
		langTexts("dct:description", d.desc.De, d.desc.En)
		w.res("dcat:accessURL", x.abs("daten/"))
		w.res("dcat:downloadURL", x.abs("daten/"+d.file))
		w.res("dct:format", euAuthority+"file-type/"+d.format)
		w.res("dcat:mediaType", ianaMedia+d.mediaType)
		w.res("dct:license", license)
		if !opName.IsZero() {
			w.elem("dcatde:licenseAttributionByText", opName.De, "xml:lang", "de")
		}
		w.res("dcatap:availability", availStable)
		if d.conforms != "" {
			w.res("dct:conformsTo", x.abs(d.conforms))
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
