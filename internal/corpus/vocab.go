package corpus

// This file holds the vocabulary the generator draws from. Every list is
// read-only; the order of entries is part of the output, so append rather
// than reorder when a seed's corpus should stay the same.

// pair is a German text and its English translation.
type pair struct{ de, en string }

// topic is one entry of themen.yaml.
type topic struct {
	id          string
	label, desc pair
}

var topics = []topic{
	{"buergerservice", pair{"Bürgerservice", "Citizen services"}, pair{"Anliegen von Bürgerinnen und Bürgern: Auskunft, Termine, Meldewesen.", "Requests from citizens: information, appointments, registration."}},
	{"soziales", pair{"Soziales und Familie", "Social affairs and family"}, pair{"Sozialleistungen wie Wohngeld, Bürgergeld, Elterngeld und Jugendhilfe.", "Social benefits such as housing benefit, citizen's income, parental allowance and youth welfare."}},
	{"bauen-wohnen", pair{"Bauen und Wohnen", "Building and housing"}, pair{"Baugenehmigungen, Stadtplanung und Wohnungswesen.", "Building permits, urban planning and housing."}},
	{"steuern-finanzen", pair{"Steuern und Finanzen", "Taxes and finance"}, pair{"Steuerverwaltung, Haushalt, Kasse und Rechnungswesen.", "Tax administration, budget, treasury and accounting."}},
	{"sicherheit-ordnung", pair{"Sicherheit und Ordnung", "Public safety and order"}, pair{"Polizei, Ordnungsämter, Bußgeldstellen und Katastrophenschutz.", "Police, public order offices, fines and civil protection."}},
	{"verkehr-mobilitaet", pair{"Verkehr und Mobilität", "Transport and mobility"}, pair{"Straßen, Zulassung, Führerscheine, öffentlicher Nahverkehr.", "Roads, vehicle registration, driving licences, public transport."}},
	{"umwelt-klima", pair{"Umwelt und Klima", "Environment and climate"}, pair{"Naturschutz, Klimaanpassung, Wasser, Abfall und Grünflächen.", "Nature protection, climate adaptation, water, waste and green spaces."}},
	{"gesundheit", pair{"Gesundheit", "Health"}, pair{"Gesundheitsämter, Infektionsschutz und Gesundheitsaufsicht.", "Public health offices, infection control and health supervision."}},
	{"bildung", pair{"Bildung und Wissenschaft", "Education and science"}, pair{"Schulen, Hochschulen, Ausbildungsförderung und Weiterbildung.", "Schools, universities, student finance and further education."}},
	{"justiz", pair{"Justiz", "Justice"}, pair{"Gerichte, Staatsanwaltschaften und Justizvollzug.", "Courts, public prosecutors and prisons."}},
	{"migration", pair{"Migration und Integration", "Migration and integration"}, pair{"Aufenthalt, Einbürgerung, Asyl und Integration.", "Residence, naturalisation, asylum and integration."}},
	{"arbeit-personal", pair{"Arbeit und Personal", "Employment and human resources"}, pair{"Arbeitsvermittlung sowie Personalverwaltung der Behörden.", "Job placement and the human resources of authorities."}},
	{"verwaltung-intern", pair{"Interne Verwaltung", "Internal administration"}, pair{"Posteingang, Schriftgut, Gremien und Organisation.", "Incoming mail, records, councils and organisation."}},
	{"wirtschaft-foerderung", pair{"Wirtschaft und Förderung", "Economy and funding"}, pair{"Wirtschaftsförderung, Gewerbe, Fördermittel und Vergabe.", "Economic development, trade, grants and procurement."}},
	{"geodaten-statistik", pair{"Geodaten und Statistik", "Geodata and statistics"}, pair{"Vermessung, Kataster, amtliche Statistik und offene Daten.", "Surveying, cadastre, official statistics and open data."}},
	{"it-sicherheit", pair{"IT und Informationssicherheit", "IT and information security"}, pair{"Betrieb der IT, Informationssicherheit und Datenschutz.", "IT operations, information security and data protection."}},
}

// dept is an office or unit: its German name, grammatical gender ('m', 'f',
// 'n'), English name (with article) and the levels where it exists.
type dept struct {
	de string
	g  byte
	en string
	lv string // any of b (Bund), l (Land), k (Kommune)
}

// object is a kind of case or document: German dative plural (after "von"),
// nominative plural, compound stem, English plural and English compound stem.
type object struct {
	dat, nom, comp, en, compEn string
}

// domain groups the offices and objects of one topic.
type domain struct {
	topic string
	depts []dept
	objs  []object
}

var domains = []domain{
	{"buergerservice", []dept{
		{"Bürgeramt", 'n', "the citizens' office", "k"},
		{"Bürgerservice", 'm', "the citizen service", "klb"},
		{"Servicecenter 115", 'n', "the 115 service centre", "klb"},
		{"Standesamt", 'n', "the registry office", "k"},
		{"Meldebehörde", 'f', "the registration office", "k"},
	}, []object{
		{"Bürgeranfragen", "Bürgeranfragen", "Bürgeranfrage", "citizen enquiries", "citizen enquiry"},
		{"Terminanfragen", "Terminanfragen", "Termin", "appointment requests", "appointment"},
		{"Meldeangelegenheiten", "Meldeangelegenheiten", "Melde", "registration matters", "registration"},
		{"Beschwerden", "Beschwerden", "Beschwerde", "complaints", "complaint"},
		{"Urkundenanträgen", "Urkundenanträge", "Urkunden", "certificate applications", "certificate"},
	}},
	{"soziales", []dept{
		{"Wohngeldstelle", 'f', "the housing benefit office", "k"},
		{"Sozialamt", 'n', "the social welfare office", "k"},
		{"Jobcenter", 'n', "the job centre", "k"},
		{"Elterngeldstelle", 'f', "the parental allowance office", "kl"},
		{"Jugendamt", 'n', "the youth welfare office", "k"},
		{"Versorgungsamt", 'n', "the pensions office", "l"},
	}, []object{
		{"Wohngeldanträgen", "Wohngeldanträge", "Wohngeld", "housing benefit applications", "housing benefit"},
		{"Anträgen auf Bürgergeld", "Anträge auf Bürgergeld", "Bürgergeld", "citizen's income applications", "citizen's income"},
		{"Elterngeldanträgen", "Elterngeldanträge", "Elterngeld", "parental allowance applications", "parental allowance"},
		{"Kita-Anmeldungen", "Kita-Anmeldungen", "Kita", "childcare registrations", "childcare"},
		{"Schwerbehindertenausweisen", "Anträge auf Schwerbehindertenausweise", "Schwerbehinderten", "disability card applications", "disability card"},
		{"Unterhaltsvorschussanträgen", "Unterhaltsvorschussanträge", "Unterhaltsvorschuss", "child maintenance advance claims", "maintenance advance"},
	}},
	{"bauen-wohnen", []dept{
		{"Bauaufsicht", 'f', "the building control office", "k"},
		{"Bauamt", 'n', "the building office", "k"},
		{"Stadtplanungsamt", 'n', "the urban planning office", "k"},
		{"Bauordnungsamt", 'n', "the building regulation office", "k"},
		{"Landesamt für Bauen und Verkehr", 'n', "the state office for building and transport", "l"},
	}, []object{
		{"Bauanträgen", "Bauanträge", "Bauantrags", "building applications", "building application"},
		{"Baugenehmigungsverfahren", "Baugenehmigungsverfahren", "Baugenehmigungs", "building permit procedures", "building permit"},
		{"Stellungnahmen zu Bebauungsplänen", "Stellungnahmen zu Bebauungsplänen", "Bebauungsplan", "comments on development plans", "development plan"},
		{"Grundstücksbewertungen", "Grundstücksbewertungen", "Grundstücks", "property valuations", "property"},
		{"Mietspiegeldaten", "Mietspiegeldaten", "Mietspiegel", "rent index data", "rent index"},
	}},
	{"steuern-finanzen", []dept{
		{"Finanzamt", 'n', "the tax office", "l"},
		{"Kämmerei", 'f', "the treasury", "k"},
		{"Steuerverwaltung", 'f', "the tax administration", "lb"},
		{"Stadtkasse", 'f', "the city treasury", "k"},
		{"Rechnungsprüfungsamt", 'n', "the audit office", "kl"},
	}, []object{
		{"Steuererklärungen", "Steuererklärungen", "Steuererklärungs", "tax returns", "tax return"},
		{"Einsprüchen", "Einsprüche", "Einspruchs", "objections", "objection"},
		{"Eingangsrechnungen", "Eingangsrechnungen", "Rechnungs", "incoming invoices", "invoice"},
		{"Gewerbesteuerbescheiden", "Gewerbesteuerbescheide", "Gewerbesteuer", "trade tax assessments", "trade tax"},
		{"Belegen", "Belege", "Beleg", "receipts", "receipt"},
		{"Umsatzsteuervoranmeldungen", "Umsatzsteuervoranmeldungen", "Umsatzsteuer", "VAT pre-returns", "VAT"},
	}},
	{"sicherheit-ordnung", []dept{
		{"Ordnungsamt", 'n', "the public order office", "k"},
		{"Polizeipräsidium", 'n', "the police headquarters", "l"},
		{"Bußgeldstelle", 'f', "the fines office", "kl"},
		{"Feuerwehr", 'f', "the fire brigade", "k"},
		{"Leitstelle", 'f', "the control centre", "kl"},
	}, []object{
		{"Bußgeldverfahren", "Bußgeldverfahren", "Bußgeld", "administrative fine proceedings", "fine"},
		{"Hinweisen aus der Bevölkerung", "Hinweise aus der Bevölkerung", "Hinweis", "tips from the public", "tip"},
		{"Verkehrsverstößen", "Verkehrsverstöße", "Verkehrsverstoß", "traffic offences", "traffic offence"},
		{"Notrufen", "Notrufe", "Notruf", "emergency calls", "emergency call"},
		{"Einsatzberichten", "Einsatzberichte", "Einsatz", "incident reports", "incident"},
	}},
	{"verkehr-mobilitaet", []dept{
		{"Straßenverkehrsamt", 'n', "the road traffic office", "k"},
		{"Kfz-Zulassungsstelle", 'f', "the vehicle registration office", "k"},
		{"Führerscheinstelle", 'f', "the driving licence office", "k"},
		{"Tiefbauamt", 'n', "the civil engineering office", "k"},
		{"Straßenbauverwaltung", 'f', "the road administration", "lb"},
	}, []object{
		{"Straßenschäden", "Straßenschäden", "Straßenschaden", "road damage", "road damage"},
		{"Verkehrsdaten", "Verkehrsdaten", "Verkehrs", "traffic data", "traffic"},
		{"Zulassungsanträgen", "Zulassungsanträge", "Zulassungs", "registration applications", "vehicle registration"},
		{"Parkraumdaten", "Parkraumdaten", "Parkraum", "parking data", "parking"},
		{"Anträgen auf Sondernutzung", "Anträge auf Sondernutzung", "Sondernutzungs", "special use permits", "special use"},
	}},
	{"umwelt-klima", []dept{
		{"Umweltamt", 'n', "the environment office", "k"},
		{"Grünflächenamt", 'n', "the parks department", "k"},
		{"Naturschutzbehörde", 'f', "the nature conservation authority", "kl"},
		{"Landesamt für Umwelt", 'n', "the state environment agency", "l"},
		{"Wasserwirtschaftsamt", 'n', "the water management office", "l"},
	}, []object{
		{"Luftbildern", "Luftbilder", "Luftbild", "aerial images", "aerial image"},
		{"Baumkatastern", "Baumkataster", "Baumkataster", "tree registers", "tree register"},
		{"Messdaten zur Luftqualität", "Messdaten zur Luftqualität", "Luftqualitäts", "air quality readings", "air quality"},
		{"Pegelständen", "Pegelstände", "Hochwasser", "water level readings", "flood"},
		{"Umweltmeldungen", "Umweltmeldungen", "Umweltmeldungs", "environmental reports", "environmental report"},
	}},
	{"gesundheit", []dept{
		{"Gesundheitsamt", 'n', "the public health office", "k"},
		{"Landesgesundheitsamt", 'n', "the state health office", "l"},
		{"Veterinäramt", 'n', "the veterinary office", "k"},
		{"Lebensmittelüberwachung", 'f', "the food inspection service", "kl"},
	}, []object{
		{"Meldungen nach dem Infektionsschutzgesetz", "Meldungen nach dem Infektionsschutzgesetz", "Infektions", "notifiable disease reports", "infection"},
		{"Hygieneberichten", "Hygieneberichte", "Hygiene", "hygiene reports", "hygiene"},
		{"Kontrollberichten", "Kontrollberichte", "Kontroll", "inspection reports", "inspection"},
		{"Schuleingangsuntersuchungen", "Schuleingangsuntersuchungen", "Schuleingangs", "school entry examinations", "school entry"},
	}},
	{"bildung", []dept{
		{"Schulamt", 'n', "the school office", "kl"},
		{"Volkshochschule", 'f', "the adult education centre", "k"},
		{"Kultusverwaltung", 'f', "the education administration", "l"},
		{"BAföG-Amt", 'n', "the student finance office", "kl"},
		{"Landesbibliothek", 'f', "the state library", "l"},
	}, []object{
		{"BAföG-Anträgen", "BAföG-Anträge", "BAföG", "student finance applications", "student finance"},
		{"Schulanmeldungen", "Schulanmeldungen", "Schulanmeldungs", "school registrations", "school registration"},
		{"Prüfungsunterlagen", "Prüfungsunterlagen", "Prüfungs", "examination papers", "examination"},
		{"Kursanmeldungen", "Kursanmeldungen", "Kurs", "course registrations", "course"},
		{"historischen Beständen", "historische Bestände", "Archiv", "historical collections", "archive"},
	}},
	{"justiz", []dept{
		{"Amtsgericht", 'n', "the local court", "l"},
		{"Staatsanwaltschaft", 'f', "the public prosecutor's office", "l"},
		{"Justizvollzugsanstalt", 'f', "the prison", "l"},
		{"Grundbuchamt", 'n', "the land registry", "l"},
		{"Bundesamt für Justiz", 'n', "the Federal Office of Justice", "b"},
	}, []object{
		{"Gerichtsakten", "Gerichtsakten", "Gerichtsakten", "court files", "court file"},
		{"Urteilen", "Urteile", "Urteils", "judgments", "judgment"},
		{"Massenverfahren", "Massenverfahren", "Massenverfahrens", "mass proceedings", "mass proceedings"},
		{"Grundbuchakten", "Grundbuchakten", "Grundbuch", "land register files", "land register"},
		{"Schriftsätzen", "Schriftsätze", "Schriftsatz", "pleadings", "pleading"},
	}},
	{"migration", []dept{
		{"Ausländerbehörde", 'f', "the immigration office", "k"},
		{"Einbürgerungsbehörde", 'f', "the naturalisation authority", "kl"},
		{"Zentrale Ausländerbehörde", 'f', "the central immigration office", "l"},
		{"Integrationsbüro", 'n', "the integration office", "k"},
	}, []object{
		{"Anträgen auf Aufenthaltstitel", "Anträge auf Aufenthaltstitel", "Aufenthaltstitel", "residence permit applications", "residence permit"},
		{"Einbürgerungsanträgen", "Einbürgerungsanträge", "Einbürgerungs", "naturalisation applications", "naturalisation"},
		{"fremdsprachigen Dokumenten", "fremdsprachige Dokumente", "Dokumenten", "foreign-language documents", "document"},
		{"Anfragen zur Anerkennung ausländischer Abschlüsse", "Anfragen zur Anerkennung ausländischer Abschlüsse", "Anerkennungs", "requests for recognition of foreign qualifications", "recognition"},
	}},
	{"arbeit-personal", []dept{
		{"Personalamt", 'n', "the human resources office", "k"},
		{"Personalverwaltung", 'f', "the human resources department", "klb"},
		{"Beihilfestelle", 'f', "the allowance office", "lb"},
		{"Agentur für Arbeit", 'f', "the employment agency", "b"},
		{"Zentrale Vergabestelle", 'f', "the central procurement office", "klb"},
	}, []object{
		{"Bewerbungen", "Bewerbungen", "Bewerbungs", "job applications", "job application"},
		{"Beihilfeanträgen", "Beihilfeanträge", "Beihilfe", "allowance claims", "allowance"},
		{"Reisekostenabrechnungen", "Reisekostenabrechnungen", "Reisekosten", "travel expense claims", "travel expense"},
		{"Stellenangeboten", "Stellenangebote", "Stellen", "job offers", "job offer"},
		{"Arbeitszeitnachweisen", "Arbeitszeitnachweise", "Arbeitszeit", "time sheets", "time sheet"},
	}},
	{"verwaltung-intern", []dept{
		{"Poststelle", 'f', "the mailroom", "klb"},
		{"Hauptamt", 'n', "the central administration", "k"},
		{"Ratsbüro", 'n', "the council office", "k"},
		{"Registratur", 'f', "the records office", "klb"},
		{"Zentralabteilung", 'f', "the central department", "lb"},
		{"Pressestelle", 'f', "the press office", "klb"},
	}, []object{
		{"Eingangspost", "Eingangspost", "Posteingangs", "incoming mail", "incoming mail"},
		{"E-Mails im Funktionspostfach", "E-Mails im Funktionspostfach", "Postfach", "e-mails in the shared mailbox", "mailbox"},
		{"Sitzungsprotokollen", "Sitzungsprotokolle", "Protokoll", "meeting minutes", "minutes"},
		{"Ratsinformationen", "Ratsinformationen", "Ratsinformations", "council information", "council information"},
		{"Vermerken", "Vermerke", "Vermerk", "internal memos", "memo"},
		{"Presseanfragen", "Presseanfragen", "Presseanfragen", "press enquiries", "press enquiry"},
		{"Akten in der E-Akte", "Akten in der E-Akte", "E-Akten", "electronic files", "e-file"},
	}},
	{"wirtschaft-foerderung", []dept{
		{"Wirtschaftsförderung", 'f', "the economic development agency", "kl"},
		{"Gewerbeamt", 'n', "the trade office", "k"},
		{"Förderbank", 'f', "the development bank", "l"},
		{"Bewilligungsstelle", 'f', "the grants office", "lb"},
		{"Vergabestelle", 'f', "the procurement office", "klb"},
	}, []object{
		{"Förderanträgen", "Förderanträge", "Förderantrags", "funding applications", "funding application"},
		{"Gewerbeanmeldungen", "Gewerbeanmeldungen", "Gewerbe", "business registrations", "business registration"},
		{"Vergabeunterlagen", "Vergabeunterlagen", "Vergabe", "procurement documents", "procurement"},
		{"Verwendungsnachweisen", "Verwendungsnachweise", "Verwendungsnachweis", "statements of expenditure", "expenditure statement"},
		{"Anfragen von Unternehmen", "Anfragen von Unternehmen", "Unternehmens", "enquiries from businesses", "business enquiry"},
	}},
	{"geodaten-statistik", []dept{
		{"Vermessungsamt", 'n', "the surveying office", "kl"},
		{"Katasteramt", 'n', "the cadastral office", "k"},
		{"Statistisches Amt", 'n', "the statistical office", "klb"},
		{"Geoinformationsstelle", 'f', "the geoinformation unit", "klb"},
	}, []object{
		{"Katasterdaten", "Katasterdaten", "Kataster", "cadastral data", "cadastre"},
		{"Orthofotos", "Orthofotos", "Orthofoto", "orthophotos", "orthophoto"},
		{"Freitextangaben in Erhebungen", "Freitextangaben in Erhebungen", "Erhebungs", "free-text survey answers", "survey"},
		{"Zensusdaten", "Zensusdaten", "Zensus", "census data", "census"},
		{"Gebäudedaten", "Gebäudedaten", "Gebäude", "building data", "building"},
	}},
	{"it-sicherheit", []dept{
		{"IT-Abteilung", 'f', "the IT department", "klb"},
		{"Stabsstelle Informationssicherheit", 'f', "the information security unit", "klb"},
		{"IT-Servicedesk", 'm', "the IT service desk", "klb"},
		{"Rechenzentrum", 'n', "the data centre", "lb"},
	}, []object{
		{"Phishing-E-Mails", "Phishing-E-Mails", "Phishing", "phishing e-mails", "phishing"},
		{"Sicherheitsmeldungen", "Sicherheitsmeldungen", "Sicherheits", "security alerts", "security"},
		{"Störungsmeldungen", "Störungsmeldungen", "Störungs", "incident tickets", "ticket"},
		{"Protokolldaten", "Protokolldaten", "Protokolldaten", "log data", "log"},
		{"Softwareanforderungen", "Softwareanforderungen", "Anforderungs", "software requests", "software request"},
	}},
}

// process is something done to objects ("Klassifikation von …"); all are
// feminine nouns so that "KI-gestützte" agrees.
type process struct {
	de, en string
	tech   []string
}

var processes = []process{
	{"Klassifikation", "classification", []string{"machine_learning", "nlp"}},
	{"Zuordnung", "routing", []string{"machine_learning", "nlp"}},
	{"Priorisierung", "prioritisation", []string{"machine_learning", "rule_based"}},
	{"Vorprüfung", "pre-screening", []string{"rule_based", "nlp", "machine_learning"}},
	{"Plausibilitätsprüfung", "plausibility checking", []string{"rule_based", "machine_learning"}},
	{"Texterkennung", "text recognition", []string{"computer_vision", "deep_learning"}},
	{"Zusammenfassung", "summarisation", []string{"generative_ai", "nlp"}},
	{"Übersetzung", "translation", []string{"generative_ai", "nlp", "deep_learning"}},
	{"Prognose", "forecasting", []string{"machine_learning", "optimisation"}},
	{"Erkennung", "detection", []string{"computer_vision", "deep_learning"}},
	{"Auswertung", "analysis", []string{"machine_learning", "nlp"}},
	{"Anonymisierung", "anonymisation", []string{"nlp", "rule_based"}},
	{"Pseudonymisierung", "pseudonymisation", []string{"nlp", "rule_based"}},
	{"Extraktion", "extraction", []string{"nlp", "deep_learning"}},
	{"Beantwortung", "answering", []string{"generative_ai", "nlp"}},
	{"Vollständigkeitsprüfung", "completeness checking", []string{"rule_based", "machine_learning"}},
	{"Dublettenerkennung", "duplicate detection", []string{"machine_learning"}},
	{"Verschlagwortung", "keyword tagging", []string{"nlp", "machine_learning"}},
	{"Terminplanung", "scheduling", []string{"optimisation", "rule_based"}},
}

// agent is a tool that works for an office ("Chatbot für das Bürgeramt").
type agent struct {
	de    string
	g     byte
	en    string
	tech  []string
	users string // staff, public or both: who talks to it
}

var agents = []agent{
	{"Assistent", 'm', "assistant", []string{"generative_ai", "nlp"}, "staff"},
	{"Chatbot", 'm', "chatbot", []string{"generative_ai", "nlp"}, "public"},
	{"Sprachassistent", 'm', "voice assistant", []string{"speech", "nlp", "generative_ai"}, "both"},
	{"Schreibassistent", 'm', "writing assistant", []string{"generative_ai", "nlp"}, "staff"},
	{"Klassifikator", 'm', "classifier", []string{"machine_learning", "nlp"}, "staff"},
	{"Prognosemodell", 'n', "forecasting model", []string{"machine_learning", "optimisation"}, "staff"},
	{"Frühwarnsystem", 'n', "early warning system", []string{"machine_learning", "rule_based"}, "staff"},
	{"Dialogsystem", 'n', "dialogue system", []string{"nlp", "speech"}, "public"},
	{"Auskunftssystem", 'n', "information system", []string{"generative_ai", "nlp"}, "both"},
	{"Rechercheassistent", 'm', "research assistant", []string{"generative_ai", "nlp"}, "staff"},
	{"Übersetzungsdienst", 'm', "translation service", []string{"generative_ai", "deep_learning"}, "both"},
	{"Bilderkennungssystem", 'n', "image recognition system", []string{"computer_vision", "deep_learning"}, "staff"},
}

// acronyms give systems the project names authorities like to use.
var acronyms = []string{
	"KIRA", "FRIDA", "LUKAS", "BEA", "PAUL", "ELLA", "OSKAR", "KLARA", "EMIL", "GRETA",
	"MIA", "FINN", "LOTTE", "JUNO", "ARGUS", "NORA", "HUGO", "IDA", "KARL", "SOPHIE",
	"F13", "LLMoin", "BärGPT", "Frag Fritz", "KI-Lotse", "Amtsschimmel", "Bürgerbot",
}

// Place names are built from these parts: an optional bound prefix, a root
// and a suffix ("Ober" + "mühl" + "hausen").
var (
	placePrefixes = []string{"Ober", "Nieder", "Unter", "Neu", "Alt", "Klein", "Groß", "Hoch"}
	placeRoots    = []string{
		"Mühl", "Kirch", "Schön", "Wald", "Grün", "Rosen", "Eich", "Buch", "Linden", "Weißen",
		"Stein", "Berg", "Fürsten", "Königs", "Hohen", "Lauter", "Sonnen", "Marien", "Frieden", "Hammer",
		"Wasser", "Bären", "Löwen", "Hütten", "Brunn", "Holz", "Feld", "Wiesen", "Mittel", "Rot",
		"Schwarzen", "Eschen", "Tannen", "Fichten", "Birken", "Erlen", "Hasel", "Biber", "Otter", "Wolfs",
		"Hirsch", "Falken", "Adlers", "Kranich", "Saal", "Elster", "Lahn", "Rhein", "Main", "Donau",
		"Mosel", "Oder", "Weser", "Ems", "Ilm", "Werra", "Fulda", "Kocher", "Jagst", "Neckar",
		"Isar", "Lech", "Kloster", "Burg", "Mark", "Kreuz", "Heiligen", "Engel", "Grafen", "Herzogen",
		"Bischofs", "Pfaffen", "Ritters", "Glas", "Salz", "Kalk", "Hopfen", "Wein", "Apfel", "Kirsch",
		"Flachs", "Gräfen", "Dürr", "Süß", "Fließ", "Mönchs", "Nonnen", "Hoya", "Esch", "Öl",
	}
	placeSuffixes = []string{
		"hausen", "heim", "dorf", "bach", "burg", "berg", "feld", "stedt", "ingen", "au",
		"hofen", "rode", "weiler", "brück", "stadt", "kirchen", "leben", "büttel", "walde", "see",
		"tal", "hagen", "horst", "furt", "born", "beck", "wang", "reuth", "zell", "münster",
	}
	placeRivers = []string{" am Main", " an der Donau", " an der Lahn", " am Rhein", " an der Saale", " an der Ilm", " (Westf.)", " im Allgäu", " am Harz", " in der Oberpfalz"}
)

// state describes one Land: ISO code, names, AGS prefix, weight of its
// municipalities (roughly the number of Gemeinden) and the name of its
// Landkreise ("Landkreis" or "Kreis").
type state struct {
	code     string
	de, en   string
	ags      string
	weight   int
	kreis    string
	domain   string
	cityWide bool // a city state without separate municipalities
}

var states = []state{
	{"DE-BW", "Baden-Württemberg", "Baden-Württemberg", "08", 1101, "Landkreis", "bwl.de", false},
	{"DE-BY", "Bayern", "Bavaria", "09", 2056, "Landkreis", "bayern.de", false},
	{"DE-BE", "Berlin", "Berlin", "11", 0, "", "berlin.de", true},
	{"DE-BB", "Brandenburg", "Brandenburg", "12", 413, "Landkreis", "brandenburg.de", false},
	{"DE-HB", "Bremen", "Bremen", "04", 0, "", "bremen.de", true},
	{"DE-HH", "Hamburg", "Hamburg", "02", 0, "", "hamburg.de", true},
	{"DE-HE", "Hessen", "Hesse", "06", 421, "Landkreis", "hessen.de", false},
	{"DE-MV", "Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania", "13", 726, "Landkreis", "mv-regierung.de", false},
	{"DE-NI", "Niedersachsen", "Lower Saxony", "03", 941, "Landkreis", "niedersachsen.de", false},
	{"DE-NW", "Nordrhein-Westfalen", "North Rhine-Westphalia", "05", 396, "Kreis", "nrw.de", false},
	{"DE-RP", "Rheinland-Pfalz", "Rhineland-Palatinate", "07", 2301, "Landkreis", "rlp.de", false},
	{"DE-SL", "Saarland", "Saarland", "10", 52, "Landkreis", "saarland.de", false},
	{"DE-SN", "Sachsen", "Saxony", "14", 418, "Landkreis", "sachsen.de", false},
	{"DE-ST", "Sachsen-Anhalt", "Saxony-Anhalt", "15", 218, "Landkreis", "sachsen-anhalt.de", false},
	{"DE-SH", "Schleswig-Holstein", "Schleswig-Holstein", "01", 1106, "Kreis", "schleswig-holstein.de", false},
	{"DE-TH", "Thüringen", "Thuringia", "16", 605, "Landkreis", "thueringen.de", false},
}

// landOffice is an authority every Land has; for city states the Senate
// form is used.
type landOffice struct {
	id         string // prefix of the org id, followed by the state
	de, en     string // "%s" is the state name
	city       string // German name in a city state ("" = same as de)
	short      string
	domainPart string
	parent     string // id prefix of the parent office, "" for none
}

var landOffices = []landOffice{
	{"stk", "Staatskanzlei %s", "State Chancellery of %s", "Senatskanzlei %s", "StK", "stk", ""},
	{"im", "Ministerium des Innern %s", "Ministry of the Interior of %s", "Senatsverwaltung für Inneres %s", "IM", "im", ""},
	{"fm", "Ministerium der Finanzen %s", "Ministry of Finance of %s", "Senatsverwaltung für Finanzen %s", "FM", "fm", ""},
	{"sm", "Ministerium für Soziales, Gesundheit und Integration %s", "Ministry of Social Affairs, Health and Integration of %s", "Senatsverwaltung für Soziales %s", "SM", "sm", ""},
	{"jm", "Ministerium der Justiz %s", "Ministry of Justice of %s", "Senatsverwaltung für Justiz %s", "JM", "jm", ""},
	{"km", "Ministerium für Bildung und Kultus %s", "Ministry of Education of %s", "Senatsverwaltung für Bildung %s", "KM", "km", ""},
	{"lfst", "Landesamt für Steuern %s", "State Tax Office of %s", "", "LfSt", "lfst", "fm"},
	{"lka", "Landeskriminalamt %s", "State Criminal Police Office of %s", "", "LKA", "lka", "im"},
	{"statla", "Statistisches Landesamt %s", "State Statistical Office of %s", "", "StaLa", "statistik", "im"},
	{"itdl", "Landesbetrieb IT-Dienstleistungen %s", "State IT Services of %s", "", "IT-DL", "it", "fm"},
}

// federal lists federal authorities: id, German name, English name, short
// name, parent id.
var federal = [][5]string{
	{"bkamt", "Bundeskanzleramt", "Federal Chancellery", "BKAmt", ""},
	{"bmi", "Bundesministerium des Innern", "Federal Ministry of the Interior", "BMI", ""},
	{"bmf", "Bundesministerium der Finanzen", "Federal Ministry of Finance", "BMF", ""},
	{"bmas", "Bundesministerium für Arbeit und Soziales", "Federal Ministry of Labour and Social Affairs", "BMAS", ""},
	{"bmjv", "Bundesministerium der Justiz und für Verbraucherschutz", "Federal Ministry of Justice and Consumer Protection", "BMJV", ""},
	{"bmds", "Bundesministerium für Digitales und Staatsmodernisierung", "Federal Ministry for Digital Transformation and Government Modernisation", "BMDS", ""},
	{"bmg", "Bundesministerium für Gesundheit", "Federal Ministry of Health", "BMG", ""},
	{"bmbfsfj", "Bundesministerium für Bildung, Familie, Senioren, Frauen und Jugend", "Federal Ministry of Education, Family Affairs, Senior Citizens, Women and Youth", "BMBFSFJ", ""},
	{"bmwe", "Bundesministerium für Wirtschaft und Energie", "Federal Ministry for Economic Affairs and Energy", "BMWE", ""},
	{"bmv", "Bundesministerium für Verkehr", "Federal Ministry of Transport", "BMV", ""},
	{"bmukn", "Bundesministerium für Umwelt, Klimaschutz, Naturschutz und nukleare Sicherheit", "Federal Ministry for the Environment, Climate Action, Nature Conservation and Nuclear Safety", "BMUKN", ""},
	{"bmleh", "Bundesministerium für Landwirtschaft, Ernährung und Heimat", "Federal Ministry of Agriculture, Food and Regional Identity", "BMLEH", ""},
	{"bmwsb", "Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen", "Federal Ministry for Housing, Urban Development and Building", "BMWSB", ""},
	{"auswaertiges-amt", "Auswärtiges Amt", "Federal Foreign Office", "AA", ""},
	{"bundesagentur-fuer-arbeit", "Bundesagentur für Arbeit", "Federal Employment Agency", "BA", "bmas"},
	{"drv-bund", "Deutsche Rentenversicherung Bund", "German Federal Pension Insurance", "DRV Bund", "bmas"},
	{"bamf", "Bundesamt für Migration und Flüchtlinge", "Federal Office for Migration and Refugees", "BAMF", "bmi"},
	{"bzst", "Bundeszentralamt für Steuern", "Federal Central Tax Office", "BZSt", "bmf"},
	{"itzbund", "Informationstechnikzentrum Bund", "Federal Information Technology Centre", "ITZBund", "bmf"},
	{"destatis", "Statistisches Bundesamt", "Federal Statistical Office", "Destatis", "bmi"},
	{"bsi", "Bundesamt für Sicherheit in der Informationstechnik", "Federal Office for Information Security", "BSI", "bmi"},
	{"bva", "Bundesverwaltungsamt", "Federal Office of Administration", "BVA", "bmi"},
	{"kba", "Kraftfahrt-Bundesamt", "Federal Motor Transport Authority", "KBA", "bmv"},
	{"dwd", "Deutscher Wetterdienst", "German Meteorological Service", "DWD", "bmv"},
	{"bfarm", "Bundesinstitut für Arzneimittel und Medizinprodukte", "Federal Institute for Drugs and Medical Devices", "BfArM", "bmg"},
	{"bnetza", "Bundesnetzagentur", "Federal Network Agency", "BNetzA", "bmwe"},
	{"gzd", "Generalzolldirektion", "Central Customs Authority", "GZD", "bmf"},
	{"bfj", "Bundesamt für Justiz", "Federal Office of Justice", "BfJ", "bmjv"},
	{"rki", "Robert Koch-Institut", "Robert Koch Institute", "RKI", "bmg"},
	{"bka", "Bundeskriminalamt", "Federal Criminal Police Office", "BKA", "bmi"},
	{"bkg", "Bundesamt für Kartographie und Geodäsie", "Federal Agency for Cartography and Geodesy", "BKG", "bmi"},
	{"bafa", "Bundesamt für Wirtschaft und Ausfuhrkontrolle", "Federal Office for Economic Affairs and Export Control", "BAFA", "bmwe"},
}

// vendors build or sell systems to authorities.
var vendors = []string{
	"Dataport AöR", "AKDB Anstalt für Kommunale Datenverarbeitung in Bayern", "Komm.ONE", "ITEBO GmbH",
	"Materna Information & Communications SE", "msg systems ag", "Aleph Alpha GmbH", "publicplan GmbH",
	"Fraunhofer-Institut für Intelligente Analyse- und Informationssysteme IAIS", "govdigital eG",
	"ekom21 – KGRZ Hessen", "regio iT GmbH", "Südwestfalen-IT", "KDO Zweckverband Kommunale Datenverarbeitung Oldenburg",
	"Lecos GmbH", "Init AG für digitale Kommunikation", "Bechtle AG", "T-Systems International GmbH",
	"Deutschland GmbH für öffentliche IT (fiktiv)", "Müller & Söhne Datenverarbeitung KG",
}

var models = []struct {
	name, provider, version string
	open                    bool
}{
	{"Llama 3.3 70B Instruct", "Meta", "3.3", true},
	{"Mistral Small 3.1", "Mistral AI", "25.03", true},
	{"GPT-4o", "OpenAI", "2024-11-20", false},
	{"Luminous Supreme", "Aleph Alpha", "2024", false},
	{"gbert-large", "deepset", "1.0", true},
	{"Whisper large-v3", "OpenAI", "v3", true},
	{"Teuken-7B-instruct", "OpenGPT-X", "v0.4", true},
	{"Qwen2.5 32B Instruct", "Alibaba Cloud", "2.5", true},
	{"XGBoost-Klassifikator (eigenes Training)", "", "2.1", false},
	{"YOLOv8", "Ultralytics", "8.2", true},
	{"Claude Sonnet", "Anthropic", "4", false},
	{"Gemma 3 27B", "Google", "3", true},
}

var licenses = []string{"EUPL-1.2", "EUPL-1.2", "MIT", "Apache-2.0", "AGPL-3.0-only", "GPL-3.0-or-later", "MPL-2.0"}

var legalBases = []pair{
	{"§ 35a VwVfG – Vollständig automatisierter Erlass eines Verwaltungsaktes", "https://www.gesetze-im-internet.de/vwvfg/__35a.html"},
	{"Art. 6 Abs. 1 Buchst. e DSGVO", "https://eur-lex.europa.eu/eli/reg/2016/679/oj"},
	{"§ 88 AO – Untersuchungsgrundsatz", "https://www.gesetze-im-internet.de/ao_1977/__88.html"},
	{"Onlinezugangsgesetz (OZG)", "https://www.gesetze-im-internet.de/ozg/"},
	{"Wohngeldgesetz (WoGG)", "https://www.gesetze-im-internet.de/wogg/"},
	{"E-Government-Gesetz (EGovG)", "https://www.gesetze-im-internet.de/egovg/"},
	{"Verordnung (EU) 2024/1689 (KI-Verordnung)", "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"},
	{"Baugesetzbuch (BauGB)", "https://www.gesetze-im-internet.de/bbaug/"},
	{"Aufenthaltsgesetz (AufenthG)", "https://www.gesetze-im-internet.de/aufenthg_2004/"},
	{"§ 3a VwVfG – Elektronische Kommunikation", "https://www.gesetze-im-internet.de/vwvfg/__3a.html"},
	{"Bundesdatenschutzgesetz (BDSG)", "https://www.gesetze-im-internet.de/bdsg_2018/"},
	{"Landesverwaltungsverfahrensgesetz", ""},
	{"Dienstvereinbarung über den Einsatz von KI-Anwendungen", ""},
}

var tagWords = []string{
	"Chatbot", "OZG", "Posteingang", "E-Akte", "Bürgerservice", "Large Language Model", "Fachkräftemangel",
	"Sprachmodell", "Automatisierung", "Texterkennung", "Barrierefreiheit", "Leichte Sprache", "Nachnutzung",
	"Open Source", "Datenschutz", "Künstliche Intelligenz", "Verwaltungsmodernisierung", "Einer für Alle",
	"Straßenschäden", "Bürgeramt", "Wohngeld", "Förderanträge", "Übersetzung", "Prognose", "Bilderkennung",
}
