package schema

// Field is the German help text of one key of the content format: a short
// title, a description for hover help, and an example value as it would be
// written in YAML (used by "maki new" for its skeleton).
type Field struct {
	Title       string
	Description string
	Example     string
}

// fields holds the help text of every key, indexed by the Go type name of
// the struct that holds the key and the YAML key ("System.status").
// A test checks that every key of every struct has an entry.
var fields = map[string]Field{
	// System (DESIGN §3.1)
	"System.name": {"Name", "Name des KI-Systems, wie er Bürgerinnen und Bürgern gezeigt wird (höchstens 100 Zeichen). " +
		"Ein Text: entweder eine Zeichenkette (Deutsch) oder {de: …, en: …}.", `"Bürgerchat Musterstadt"`},
	"System.summary": {"Kurzbeschreibung", "Ein bis zwei Sätze in einfacher Sprache, ohne Markdown (höchstens 400 Zeichen): " +
		"Was tut das System, für wen?", `"Ein Chatbot beantwortet rund um die Uhr Fragen zu Leistungen des Bürgeramts."`},
	"System.description": {"Beschreibung", "Ausführliche Beschreibung in Markdown. In .md-Dateien steht sie im Textteil nach dem Front Matter " +
		"statt in diesem Feld. Keine HTML-Tags, keine externen Bilder; Links nur https:, mailto: oder relativ.", ""},
	"System.organisation": {"Verantwortliche Organisation", "Kennung (Dateiname ohne Endung) der Behörde, die das System betreibt; " +
		"die Datei content/organisationen/<kennung>.yaml muss existieren.", `musterstadt`},
	"System.partners":   {"Partner", "Kennungen weiterer beteiligter Behörden (ohne die verantwortliche Organisation, ohne Doppelungen).", `[land-musterland]`},
	"System.status":     {"Status", "Stand im Lebenszyklus.", `production`},
	"System.start":      {"Beginn", "Monat der Inbetriebnahme bzw. des Projektbeginns im Format JJJJ-MM. Ab Status pilot erwartet: fehlt er, zeigt die Seite „keine Angabe“ und maki check warnt.", `"2024-03"`},
	"System.end":        {"Ende", "Monat der Außerbetriebnahme im Format JJJJ-MM. Nur beim Status retired anzugeben (fehlt er dort, warnt maki check); nicht vor dem Beginn.", `"2025-12"`},
	"System.topics":     {"Themen", "Mindestens ein Thema aus dem Themenverzeichnis content/themen.yaml (Kennungen).", `[buergerservice]`},
	"System.techniques": {"Techniken", "Mindestens eine eingesetzte KI-Technik; unknown, wenn die Quelle keine nennt.", `[nlp, generative_ai]`},
	"System.users":      {"Nutzende", "Wer das System bedient: Beschäftigte der Behörde, die Öffentlichkeit oder beide; unknown, wenn die Quelle es nicht nennt.", `public`},
	"System.purpose":    {"Zweck", "Warum und wofür wird das System eingesetzt? Markdown.", `"Entlastung des Bürgertelefons bei wiederkehrenden Fragen."`},
	"System.risk_class": {"Risikoklasse (KI-Verordnung)", "Einstufung nach der EU-KI-Verordnung. Bei high_risk sind annex_iii_area, operating_logic, " +
		"human_oversight und eine Grundrechte-Folgenabschätzung (fria) Pflicht; bei not_high_risk_art6_3 die Begründung art6_3_grounds.", `minimal`},
	"System.annex_iii_area":  {"Bereich nach Anhang III", "Nummer des Bereichs nach Anhang III der KI-Verordnung (1 bis 8). Genau dann anzugeben, wenn die Risikoklasse high_risk ist.", `5`},
	"System.art6_3_grounds":  {"Begründung nach Art. 6 Abs. 3", "Warum das System trotz eines Anhang-III-Bereichs nicht als hochriskant gilt. Genau dann anzugeben, wenn die Risikoklasse not_high_risk_art6_3 ist.", `"Das System führt nur eine eng begrenzte verfahrensmäßige Aufgabe aus."`},
	"System.eu_database":     {"Eintrag in der EU-Datenbank", "Verweis auf den Eintrag in der EU-Datenbank für Hochrisiko-KI-Systeme (url, id). Pflicht bei high_risk im Status production.", ""},
	"System.operating_logic": {"Funktionsweise", "Wie das System arbeitet: Eingaben, Verarbeitung, Ausgaben. Markdown. Pflicht bei high_risk.", ""},
	"System.human_oversight": {"Menschliche Aufsicht", "Wie Menschen die Ergebnisse prüfen und eingreifen können. Markdown. Pflicht bei high_risk.", ""},
	"System.risks":           {"Risiken und Gegenmaßnahmen", "Bekannte Risiken und wie ihnen begegnet wird. Markdown.", ""},
	"System.decision_role": {"Rolle bei Entscheidungen", "Wie das Ergebnis in Entscheidungen über Menschen eingeht: gar nicht, als Information, als vorbereiteter Entscheidungsvorschlag, " +
		"den ein Mensch prüft, oder als automatisierte Einzelentscheidung (Art. 22 DSGVO); unknown, wenn die Quelle es nicht nennt.", `prepares`},
	"System.redress": {"Widerspruch und menschliche Prüfung", "Wie Betroffene widersprechen oder eine Prüfung durch einen Menschen verlangen können: Stelle, Frist, Weg. Markdown. " +
		"Wird auch bei eingeschränkter Veröffentlichung immer gezeigt.", `"Widerspruch beim Bürgeramt innerhalb eines Monats; eine Sachbearbeiterin prüft jeden Fall."`},
	"System.alternatives": {"Verhältnismäßigkeit und Alternativen", "Warum der KI-Einsatz angemessen ist, welche Alternativen geprüft wurden und wie die Aufgabe vorher erledigt wurde. Markdown.", ""},
	"System.performance": {"Leistung und Fairness", "Genauigkeit, Tests auf Benachteiligung einzelner Gruppen, laufende Überwachung. Markdown. " +
		"Entfällt bei eingeschränkter Veröffentlichung (restricted).", ""},
	"System.personal_data": {"Personenbezogene Daten", "Ob das System personenbezogene Daten verarbeitet.", `none`},
	"System.assessments": {"Folgenabschätzungen", "Durchgeführte Folgenabschätzungen (type, date, url, summary). Bei high_risk ist eine fria Pflicht, " +
		"bei high_risk mit personenbezogenen Daten zusätzlich eine dpia.", ""},
	"System.legal_basis":     {"Rechtsgrundlagen", "Gesetze oder Verordnungen, auf denen der Einsatz beruht (title, url).", ""},
	"System.models":          {"Modelle", "Eingesetzte KI-Modelle (name, provider, version, open_weights).", ""},
	"System.data":            {"Daten", "Datensätze für Entwicklung oder Betrieb (title, phase, url, description).", ""},
	"System.development":     {"Entwicklung", "Wie das System entstanden ist.", `in_house`},
	"System.vendor":          {"Hersteller / Dienstleister", "Name des Herstellers oder beauftragten Dienstleisters (höchstens 200 Zeichen).", `"Muster GmbH"`},
	"System.hosting":         {"Betrieb", "Wo das System läuft.", `government_cloud`},
	"System.source_code_url": {"Quellcode", "https-Adresse des Quellcodes, etwa auf openCode.", `https://gitlab.opencode.de/musterstadt/buergerchat`},
	"System.license":         {"Lizenz", "SPDX-Kennung der Lizenz des Quellcodes.", `EUPL-1.2`},
	"System.reuse":           {"Nachnutzung", "Ob andere Behörden das System nachnutzen können.", `on_request`},
	"System.cooperation":     {"Kooperation", "Gesuchte Partner oder Nachnutzende. Markdown.", ""},
	"System.based_on":        {"Basiert auf", "Kennung eines Systems im Register, das nachgenutzt wurde (keine Zyklen).", ``},
	"System.contact_email":   {"Kontakt (E-Mail)", "Ein Funktionspostfach für Fragen zum System, keine persönliche Adresse. Darf fehlen, wenn die Organisation ein contact_email hat: die Seite nennt dann deren Adresse („Kontakt über die Organisation“).", `ki@musterstadt.de`},
	"System.source_url":      {"Eintrag im Quellregister", "https-Adresse dieses Systems in einem anderen Register, aus dem der Eintrag stammt (etwa einem Landes- oder Kommunalregister).", `https://register.example.org/eintrag/123`},
	"System.contact_url":     {"Kontakt (Webseite)", "https-Adresse einer Kontakt- oder Informationsseite.", `https://www.musterstadt.de/ki`},
	"System.published":       {"Veröffentlicht", "Tag der ersten Veröffentlichung im Register (JJJJ-MM-TT), nicht in der Zukunft.", `"2025-01-15"`},
	"System.updated":         {"Aktualisiert", "Tag der letzten inhaltlichen Änderung (JJJJ-MM-TT), nicht vor published und nicht in der Zukunft.", `"2025-01-15"`},
	"System.next_review":     {"Nächste Überprüfung", "Geplanter Tag der nächsten Überprüfung des Eintrags (JJJJ-MM-TT); liegt er in der Vergangenheit, gibt es eine Warnung.", `"2027-06-30"`},
	"System.tags":            {"Schlagwörter", "Freie Schlagwörter (je höchstens 60 Zeichen).", `[chatbot, bürgeramt]`},
	"System.restricted":      {"Eingeschränkte Veröffentlichung", "true für Bereiche nach Art. 49 Abs. 4 KI-Verordnung (Strafverfolgung, Migration, Asyl, Grenzkontrolle): technische Angaben dürfen entfallen.", `false`},

	"EUDatabase.url": {"Adresse", "https-Adresse des Eintrags in der EU-Datenbank.", `https://ec.europa.eu/…`},
	"EUDatabase.id":  {"Registriernummer", "Kennung des Eintrags in der EU-Datenbank (höchstens 100 Zeichen).", ``},

	"Assessment.type":    {"Art", "Art der Folgenabschätzung.", `fria`},
	"Assessment.date":    {"Datum", "Tag des Abschlusses (JJJJ-MM-TT).", `"2024-11-30"`},
	"Assessment.url":     {"Adresse", "https-Adresse des veröffentlichten Berichts.", ``},
	"Assessment.summary": {"Zusammenfassung", "Wesentliche Ergebnisse (höchstens 2000 Zeichen).", ``},

	"LegalBasis.title": {"Titel", "Bezeichnung der Vorschrift, etwa „§ 3 OZG“ (höchstens 300 Zeichen).", `"§ 3 Onlinezugangsgesetz"`},
	"LegalBasis.url":   {"Adresse", "https-Adresse des Normtexts.", `https://www.gesetze-im-internet.de/ozg/__3.html`},

	"Model.name":         {"Name", "Name des Modells (höchstens 200 Zeichen).", `"Llama 3.1 8B"`},
	"Model.provider":     {"Anbieter", "Anbieter des Modells (höchstens 200 Zeichen).", `Meta`},
	"Model.version":      {"Version", "Version des Modells (höchstens 100 Zeichen).", `"3.1"`},
	"Model.open_weights": {"Offene Gewichte", "true, wenn die Modellgewichte frei verfügbar sind.", `true`},

	"DataSet.title":       {"Titel", "Bezeichnung des Datensatzes (höchstens 300 Zeichen).", ``},
	"DataSet.phase":       {"Phase", "Ob der Datensatz in der Entwicklung oder im Betrieb genutzt wird.", `operation`},
	"DataSet.url":         {"Adresse", "https-Adresse des Datensatzes oder seiner Beschreibung.", ``},
	"DataSet.description": {"Beschreibung", "Inhalt und Herkunft der Daten (höchstens 2000 Zeichen).", ``},

	// Organisation (DESIGN §3.2)
	"Organisation.name":          {"Name", "Amtlicher Name der Behörde (höchstens 200 Zeichen). Ein Text: Zeichenkette oder {de: …, en: …}.", `"Stadt Musterstadt"`},
	"Organisation.short_name":    {"Kurzname", "Gebräuchliche Abkürzung (höchstens 40 Zeichen).", `MST`},
	"Organisation.level":         {"Ebene", "Verwaltungsebene der Behörde.", `kommune`},
	"Organisation.state":         {"Land", "ISO-3166-2-Code des Landes (DE-BW … DE-TH). Pflicht bei den Ebenen land und kommune, bei other optional, bei bund nicht anzugeben.", `DE-NW`},
	"Organisation.ags":           {"Amtlicher Gemeindeschlüssel", "Achtstelliger Amtlicher Gemeindeschlüssel (AGS), für Kommunen.", `"05315000"`},
	"Organisation.url":           {"Webseite", "https-Adresse der Behörde.", `https://www.musterstadt.de`},
	"Organisation.contact_email": {"Kontakt (E-Mail)", "Funktionspostfach der Behörde für Fragen zum KI-Einsatz.", `ki@musterstadt.de`},
	"Organisation.address":       {"Anschrift", "Postanschrift der Behörde (street, postal_code, city); der Export nach KI-Verordnung (Anhang VIII Abschnitt C Nr. 1) nennt sie als Anschrift des Betreibers.", ""},
	"Organisation.parent":        {"Übergeordnete Organisation", "Kennung der übergeordneten Behörde im Register.", ``},
	"Organisation.submitter":     {"Einreichende Stelle (EU-Datenbank)", "Wer die Hochrisiko-Systeme der Behörde in ihrem Namen in der EU-Datenbank registriert (KI-Verordnung Anhang VIII Abschnitt C Nr. 2): name, address, email, url. Fehlt die Angabe, nennt der Export den Betreiber des Registers aus site.yaml (operator).", ""},

	"Submitter.name":    {"Name", "Name der Person oder Stelle, die im Namen der Behörde einreicht (höchstens 200 Zeichen).", `"Geschäftsstelle KI, Hauptamt"`},
	"Submitter.address": {"Anschrift", "Postanschrift der einreichenden Stelle (street, postal_code, city).", ""},
	"Submitter.email":   {"E-Mail", "E-Mail-Adresse der einreichenden Stelle.", `ki-register@musterstadt.de`},
	"Submitter.url":     {"Webseite", "https-Adresse der einreichenden Stelle.", `https://www.musterstadt.de/ki`},

	"Address.street":      {"Straße", "Straße und Hausnummer oder Postfach (höchstens 200 Zeichen).", `"Marktplatz 1"`},
	"Address.postal_code": {"Postleitzahl", "Postleitzahl (höchstens 10 Zeichen).", `"12345"`},
	"Address.city":        {"Ort", "Ort (höchstens 100 Zeichen).", `Musterstadt`},

	// Text maps
	"Text.de": {"Deutsch", "Der Text auf Deutsch.", ""},
	"Text.en": {"Englisch", "Der Text auf Englisch (optional; fehlt er, zeigt die englische Seite den deutschen Text).", ""},
}

// enumLabels holds the German meaning of every enumeration value, keyed by
// the Go type name and the value ("Status.planned").
var enumLabels = map[string]string{
	"Status.planned":     "geplant",
	"Status.development": "in Entwicklung",
	"Status.pilot":       "im Pilotbetrieb",
	"Status.production":  "im Regelbetrieb",
	"Status.retired":     "außer Betrieb",

	"Technique.rule_based":       "regelbasiert",
	"Technique.machine_learning": "maschinelles Lernen",
	"Technique.deep_learning":    "Deep Learning",
	"Technique.generative_ai":    "generative KI",
	"Technique.nlp":              "Verarbeitung natürlicher Sprache",
	"Technique.speech":           "Spracherkennung und -synthese",
	"Technique.computer_vision":  "Bildverarbeitung",
	"Technique.optimisation":     "Optimierung",
	"Technique.other":            "andere",
	"Technique.unknown":          "keine Angabe",

	"Users.staff":   "Beschäftigte",
	"Users.public":  "Öffentlichkeit",
	"Users.both":    "beide",
	"Users.unknown": "keine Angabe",

	"DecisionRole.none":     "keine Entscheidungen über Menschen",
	"DecisionRole.informs":  "liefert Informationen für Entscheidungen",
	"DecisionRole.prepares": "bereitet Entscheidungen vor, ein Mensch entscheidet",
	"DecisionRole.decides":  "automatisierte Einzelentscheidung",
	"DecisionRole.unknown":  "keine Angabe",

	"RiskClass.high_risk":            "Hochrisiko-KI-System",
	"RiskClass.not_high_risk_art6_3": "nicht hochriskant nach Art. 6 Abs. 3",
	"RiskClass.transparency":         "Transparenzpflichten (Art. 50)",
	"RiskClass.minimal":              "minimales Risiko",
	"RiskClass.unassessed":           "noch nicht eingestuft",

	"PersonalData.personal":      "personenbezogen",
	"PersonalData.pseudonymised": "pseudonymisiert",
	"PersonalData.none":          "keine",
	"PersonalData.unknown":       "unbekannt",

	"AssessmentType.dpia":  "Datenschutz-Folgenabschätzung",
	"AssessmentType.fria":  "Grundrechte-Folgenabschätzung",
	"AssessmentType.other": "andere",

	"DataPhase.development": "Entwicklung",
	"DataPhase.operation":   "Betrieb",

	"Development.in_house":   "Eigenentwicklung",
	"Development.contractor": "im Auftrag entwickelt",
	"Development.product":    "Produkt am Markt",
	"Development.reuse":      "Nachnutzung",

	"Hosting.on_premise":       "eigenes Rechenzentrum",
	"Hosting.government_cloud": "Verwaltungscloud",
	"Hosting.public_cloud":     "öffentliche Cloud",
	"Hosting.saas":             "Software as a Service",

	"Reuse.none":       "nicht möglich",
	"Reuse.on_request": "auf Anfrage",
	"Reuse.available":  "verfügbar",

	"Level.bund":    "Bund",
	"Level.land":    "Land",
	"Level.kommune": "Kommune",
	"Level.other":   "andere",
}

// Describe returns the German help text of key in the struct named typ
// ("System", "Organisation", "Assessment", …) and whether there is one.
func Describe(typ, key string) (Field, bool) {
	f, ok := fields[typ+"."+key]
	return f, ok
}

// EnumLabel returns the German meaning of an enumeration value of the type
// named typ ("Status", "planned"), or "".
func EnumLabel(typ, value string) string { return enumLabels[typ+"."+value] }
