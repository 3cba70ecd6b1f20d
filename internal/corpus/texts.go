package corpus

// Sentence pools. Placeholders are replaced per system:
//   {objNom} {objDat} {objEn}  the kind of cases (German nominative / dative plural, English)
//   {deptDat} {deptEn}          the office ("im Bürgeramt", "the citizens' office")
//   {orgURL} {mail}             the organisation's website and functional mailbox
//   {p} {q} {k}                 numbers (percent, percent, thousands)

// summaryLead opens every summary.
var summaryLead = []pair{
	{"Das System unterstützt die Beschäftigten {deptDat} bei der Bearbeitung von {objDat}.", "The system supports the staff at {deptEn} in handling {objEn}."},
	{"Mit der Anwendung bearbeiten die Beschäftigten {deptDat} {objNom} schneller und einheitlicher.", "With the application, staff at {deptEn} process {objEn} faster and more consistently."},
	{"Bei der Bearbeitung von {objDat} setzt die Verwaltung KI ein, um Routinearbeiten zu automatisieren.", "The administration uses AI to automate routine work when processing {objEn}."},
	{"Die Anwendung wertet {objNom} aus und bereitet die Ergebnisse für die Sachbearbeitung auf.", "The application analyses {objEn} and prepares the results for case workers."},
}

// summaryMore follows the lead until the summary is long enough.
var summaryMore = []pair{
	{"Eingehende {objNom} werden automatisch vorsortiert und an die zuständige Stelle weitergeleitet.", "Incoming {objEn} are pre-sorted automatically and forwarded to the responsible unit."},
	{"Die Entscheidung trifft immer ein Mensch; die KI macht nur Vorschläge.", "A human always takes the decision; the AI only makes suggestions."},
	{"Bürgerinnen und Bürger erhalten dadurch schneller eine Antwort.", "Citizens therefore receive an answer sooner."},
	{"Ziel ist es, Bearbeitungszeiten zu verkürzen und Rückstände abzubauen.", "The aim is to shorten processing times and reduce backlogs."},
	{"Grundlage ist ein Sprachmodell, das in einem Rechenzentrum in Deutschland betrieben wird.", "It is based on a language model operated in a data centre in Germany."},
	{"Die Ergebnisse werden regelmäßig stichprobenartig überprüft.", "The results are checked regularly by random sampling."},
	{"Personenbezogene Daten werden nach Abschluss des Verfahrens gelöscht.", "Personal data are deleted when the procedure is complete."},
	{"Fehlende Angaben werden erkannt und gezielt nachgefragt.", "Missing information is detected and requested specifically."},
	{"So bleibt mehr Zeit für Beratung und schwierige Einzelfälle.", "This leaves more time for advice and difficult individual cases."},
	{"Das Angebot ist barrierefrei und in mehreren Sprachen nutzbar.", "The service is accessible and available in several languages."},
	{"Die Lösung wurde gemeinsam mit Beschäftigten aus der Praxis entwickelt.", "The solution was developed together with practitioners."},
	{"Auffällige Fälle werden markiert und von Fachleuten geprüft.", "Conspicuous cases are flagged and reviewed by experts."},
	{"Andere Behörden können das Verfahren nachnutzen.", "Other authorities can reuse the procedure."},
}

// prose is the pool for Markdown paragraphs (purpose, description).
var prose = append(baseProse, moreProse...)

var baseProse = []pair{
	{"In den vergangenen Jahren ist das Aufkommen an {objDat} deutlich gestiegen, während Fachkräfte fehlen.", "In recent years the volume of {objEn} has risen markedly while skilled staff are lacking."},
	{"Viele Arbeitsschritte {deptDat} sind gleichförmig und binden Personal, das an anderer Stelle dringend gebraucht wird.", "Many steps at {deptEn} are repetitive and tie up staff who are urgently needed elsewhere."},
	{"Das System liest die Unterlagen ein, erkennt relevante Angaben wie Aktenzeichen, Fristen und Beträge und schlägt einen nächsten Arbeitsschritt vor.", "The system reads the documents, recognises relevant details such as file numbers, deadlines and amounts, and proposes a next step."},
	{"Die Sachbearbeitung kann jeden Vorschlag übernehmen, ändern oder verwerfen.", "Case workers can accept, change or reject every suggestion."},
	{"Über eine Schnittstelle ist die Anwendung an das Fachverfahren und die E-Akte angebunden.", "Through an interface the application is connected to the specialist procedure and the electronic file."},
	{"Rückmeldungen der Beschäftigten fließen regelmäßig in die Verbesserung des Modells ein.", "Feedback from staff regularly goes into improving the model."},
	{"Während der Pilotphase wurde die Qualität der Vorschläge an einer Stichprobe von {k} Vorgängen gemessen.", "During the pilot phase the quality of the suggestions was measured on a sample of {k} cases."},
	{"Bürgerinnen und Bürger können rund um die Uhr Fragen stellen, auch außerhalb der Öffnungszeiten.", "Citizens can ask questions around the clock, even outside opening hours."},
	{"Das Vorhaben ist Teil der Digitalisierungsstrategie und wird aus Landesmitteln gefördert.", "The project is part of the digital strategy and is funded by the state."},
	{"Nach einem Jahr im Betrieb ist die durchschnittliche Bearbeitungszeit um {p} Prozent gesunken.", "After a year in operation the average processing time has fallen by {p} per cent."},
	{"Die Trefferquote der automatischen Zuordnung liegt bei rund {q} Prozent.", "The hit rate of the automatic routing is about {q} per cent."},
	{"Besonders gefragt ist die Funktion, lange Schriftstücke in wenigen Sätzen zusammenzufassen.", "The feature most in demand is summarising long documents in a few sentences."},
	{"Schwierige Fälle, etwa bei unklarer Zuständigkeit oder besonderer Härte, landen stets bei einer erfahrenen Fachkraft.", "Difficult cases, such as unclear responsibility or special hardship, always go to an experienced specialist."},
	{"Die Antworten des Systems sind als maschinell erstellt gekennzeichnet.", "The system's answers are marked as machine-generated."},
	{"Für die Einführung wurden alle Beschäftigten geschult; ein Leitfaden erklärt die Grenzen der Anwendung.", "All staff were trained for the introduction; a guide explains the limits of the application."},
	{"Der Personalrat und die bzw. der Datenschutzbeauftragte waren von Beginn an beteiligt.", "The staff council and the data protection officer were involved from the start."},
	{"Die Daten verlassen das Netz der Verwaltung nicht.", "The data never leave the administration's network."},
	{"Eine Evaluation durch eine Hochschule ist für das kommende Jahr geplant.", "An evaluation by a university is planned for next year."},
	{"Gemeldete Fehler werden gesammelt und monatlich ausgewertet.", "Reported errors are collected and analysed monthly."},
	{"Die Oberfläche wurde mit Nutzerinnen und Nutzern getestet und in Leichter Sprache ergänzt.", "The interface was tested with users and supplemented with Easy Language."},
}

// linkSentences contain Markdown links (https and mailto).
var linkSentences = []pair{
	{"Rechtsgrundlage ist unter anderem das [Onlinezugangsgesetz](https://www.gesetze-im-internet.de/ozg/).", "The legal basis includes the [Online Access Act](https://www.gesetze-im-internet.de/ozg/)."},
	{"Weitere Informationen stehen auf der [Website der Verwaltung]({orgURL}).", "More information is available on the [administration's website]({orgURL})."},
	{"Das Projekt folgt den [Empfehlungen des IT-Planungsrats](https://www.it-planungsrat.de/).", "The project follows the [recommendations of the IT Planning Council](https://www.it-planungsrat.de/)."},
	{"Die Einstufung richtet sich nach der [KI-Verordnung](https://eur-lex.europa.eu/eli/reg/2024/1689/oj).", "The classification follows the [AI Act](https://eur-lex.europa.eu/eli/reg/2024/1689/oj)."},
	{"Fragen beantwortet das Projektteam unter [{mail}](mailto:{mail}).", "The project team answers questions at [{mail}](mailto:{mail})."},
	{"Der Quellcode ist auf [openCoDE](https://gitlab.opencode.de/) veröffentlicht.", "The source code is published on [openCoDE](https://gitlab.opencode.de/)."},
}

// tasks are list items ("Das System übernimmt …").
var tasks = []pair{
	{"Vorsortierung eingehender Unterlagen", "pre-sorting of incoming documents"},
	{"Erkennung fehlender Nachweise", "detection of missing evidence"},
	{"Extraktion von Namen, Anschriften und Aktenzeichen", "extraction of names, addresses and file numbers"},
	{"Vorschlag einer zuständigen Stelle", "suggestion of the responsible unit"},
	{"Entwurf eines Antwortschreibens", "drafting a reply letter"},
	{"Zusammenfassung langer Schriftsätze", "summary of long documents"},
	{"Übersetzung in Leichte Sprache", "translation into Easy Language"},
	{"Erkennung von Dubletten", "detection of duplicates"},
	{"Priorisierung nach Dringlichkeit und Fristablauf", "prioritisation by urgency and deadline"},
	{"Prüfung auf Vollständigkeit und Plausibilität", "checks for completeness and plausibility"},
	{"Beantwortung häufiger Fragen", "answering frequently asked questions"},
	{"Weiterleitung an die Fachabteilung", "forwarding to the specialist department"},
}

var listIntro = []pair{
	{"Das System übernimmt insbesondere folgende Aufgaben:", "In particular, the system takes on the following tasks:"},
	{"Im Einzelnen unterstützt die Anwendung bei:", "In detail, the application helps with:"},
	{"Zum Funktionsumfang gehören:", "Its functions include:"},
}

var headings = []pair{
	{"Hintergrund", "Background"}, {"Funktionsweise", "How it works"}, {"Ergebnisse", "Results"},
	{"Einführung", "Introduction"}, {"Ausblick", "Outlook"},
}

var operatingLogic = []pair{
	{"Das Modell wurde mit {k} pseudonymisierten historischen Vorgängen trainiert und wird jährlich neu bewertet.", "The model was trained on {k} pseudonymised historical cases and is re-assessed every year."},
	{"**Eingaben:** die Angaben aus dem Antrag und die beigefügten Nachweise.", "**Inputs:** the information from the application and the attached evidence."},
	{"**Ausgaben:** eine Einstufung mit Begründung und ein Konfidenzwert zwischen 0 und 1.", "**Outputs:** a classification with reasons and a confidence value between 0 and 1."},
	{"Vorschläge mit einem Konfidenzwert unter 0,8 werden nicht angezeigt, sondern direkt einer Fachkraft zugewiesen.", "Suggestions with a confidence below 0.8 are not shown but assigned directly to a specialist."},
	{"Die wichtigsten Merkmale für jede Einstufung werden angezeigt, damit die Sachbearbeitung sie nachvollziehen kann.", "The most important features of each classification are shown so that case workers can follow it."},
}

var humanOversight = []pair{
	{"Jeder Vorschlag wird von einer Sachbearbeiterin oder einem Sachbearbeiter geprüft, bevor er wirksam wird.", "Every suggestion is reviewed by a case worker before it takes effect."},
	{"Die Beschäftigten können das System jederzeit übersteuern; Abweichungen werden protokolliert.", "Staff can override the system at any time; deviations are logged."},
	{"Eine Stichprobe von {p} Prozent aller Fälle wird zusätzlich im Vier-Augen-Prinzip kontrolliert.", "A sample of {p} per cent of all cases is additionally checked by a second person."},
	{"Bei Auffälligkeiten kann die Fachaufsicht die Anwendung sofort abschalten.", "If anything looks wrong, the supervising authority can switch the application off at once."},
}

var riskSentences = []pair{
	{"Es besteht das Risiko, dass das System bestimmte Gruppen systematisch schlechter einstuft.", "There is a risk that the system systematically ranks certain groups lower."},
	{"Sprachmodelle können plausibel klingende, aber falsche Antworten erzeugen.", "Language models can produce plausible-sounding but wrong answers."},
	{"Ein Ausfall des Systems darf die Bearbeitung nicht verhindern; ein manueller Ablauf bleibt bestehen.", "An outage must not stop processing; a manual procedure remains in place."},
	{"Die Qualität der Ergebnisse hängt stark von der Qualität der eingescannten Unterlagen ab.", "The quality of the results depends heavily on the quality of the scanned documents."},
}

var mitigations = []pair{
	{"regelmäßige Fairness-Auswertungen nach Alter, Geschlecht und Staatsangehörigkeit", "regular fairness evaluations by age, sex and nationality"},
	{"Kennzeichnung maschinell erstellter Texte", "marking of machine-generated texts"},
	{"Schulung aller Nutzerinnen und Nutzer", "training of all users"},
	{"Protokollierung aller Vorschläge und Entscheidungen", "logging of all suggestions and decisions"},
	{"manueller Notfallbetrieb", "manual fallback operation"},
}

var art63Grounds = []pair{
	{"Das System führt eine eng gefasste verfahrensbezogene Aufgabe aus (Art. 6 Abs. 3 Buchst. a KI-VO): Es sortiert Unterlagen vor, ohne über sie zu entscheiden.", "The system performs a narrow procedural task (Art. 6(3)(a) AI Act): it pre-sorts documents without deciding on them."},
	{"Das System verbessert das Ergebnis einer zuvor abgeschlossenen menschlichen Tätigkeit (Art. 6 Abs. 3 Buchst. b KI-VO), etwa durch sprachliche Überarbeitung.", "The system improves the result of a previously completed human activity (Art. 6(3)(b) AI Act), for example by editing the language."},
	{"Das System erkennt Entscheidungsmuster, ersetzt aber keine menschliche Bewertung (Art. 6 Abs. 3 Buchst. c KI-VO).", "The system detects decision-making patterns but does not replace human assessment (Art. 6(3)(c) AI Act)."},
	{"Das System erledigt eine vorbereitende Aufgabe für eine Bewertung (Art. 6 Abs. 3 Buchst. d KI-VO); die Bewertung selbst nimmt ein Mensch vor.", "The system performs a preparatory task for an assessment (Art. 6(3)(d) AI Act); a human makes the assessment."},
}

var cooperation = []pair{
	{"Wir suchen Kommunen, die das System nachnutzen oder gemeinsam weiterentwickeln möchten.", "We are looking for municipalities that want to reuse the system or develop it further together."},
	{"Eine Nachnutzung ist über eine Verwaltungsvereinbarung möglich; der Betrieb kann beim IT-Dienstleister erfolgen.", "Reuse is possible under an administrative agreement; operation can be hosted by the IT service provider."},
	{"Interessierte Behörden erhalten eine Demo und die Dokumentation auf Anfrage.", "Interested authorities receive a demo and the documentation on request."},
}

var assessmentSummaries = map[string][]pair{
	"dpia": {
		{"Die Datenschutz-Folgenabschätzung kommt zu dem Ergebnis, dass die Risiken durch Pseudonymisierung und Löschfristen angemessen begrenzt sind.", "The data protection impact assessment concludes that the risks are adequately limited by pseudonymisation and deletion periods."},
		{"Die DSFA wurde mit der bzw. dem Datenschutzbeauftragten abgestimmt; ein Restrisiko besteht bei Freitextfeldern.", "The DPIA was agreed with the data protection officer; a residual risk remains in free-text fields."},
	},
	"fria": {
		{"Die Grundrechte-Folgenabschätzung betrachtet insbesondere das Diskriminierungsverbot und das Recht auf eine gute Verwaltung.", "The fundamental rights impact assessment focuses on non-discrimination and the right to good administration."},
		{"Die Folgenabschätzung nach Art. 27 KI-VO wurde unter Beteiligung von Betroffenenverbänden erstellt.", "The impact assessment under Art. 27 AI Act was prepared with the participation of affected groups."},
	},
	"other": {
		{"Eine Prüfung der Informationssicherheit nach IT-Grundschutz ergab keine wesentlichen Mängel.", "An information security review according to IT-Grundschutz found no significant shortcomings."},
		{"Ein externes Gutachten hat die Qualität der Ergebnisse bewertet.", "An external expert report assessed the quality of the results."},
	},
}

var dataSets = []pair{
	{"Historische Vorgänge 2019–2023", "Historical cases 2019–2023"},
	{"Anonymisierte Antragsdaten", "Anonymised application data"},
	{"Öffentliche Gesetzestexte und Verwaltungsvorschriften", "Public statutes and administrative regulations"},
	{"Synthetische Trainingsdaten", "Synthetic training data"},
	{"Häufig gestellte Fragen (FAQ) der Behörde", "The authority's frequently asked questions"},
	{"Laufende Anträge im Fachverfahren", "Current applications in the specialist procedure"},
	{"Luftbilder der Landesvermessung", "Aerial images from the state survey"},
}

var dataDescriptions = []pair{
	{"Die Daten wurden vor dem Training pseudonymisiert und auf Fehler geprüft.", "The data were pseudonymised and checked for errors before training."},
	{"Der Datensatz wird jährlich aktualisiert.", "The data set is updated every year."},
	{"Nur Vorgänge mit abgeschlossener Bearbeitung wurden berücksichtigt.", "Only completed cases were used."},
}

// pageTexts are the static pages (the required ones, the page in sign
// language and one more): slug, title, menu, weight, body.
var pageTexts = []struct {
	slug   string
	title  pair
	menu   string
	weight int
	body   string
	enBody string
}{
	{"barrierefreiheit", pair{"Erklärung zur Barrierefreiheit", "Accessibility statement"}, "footer", 10,
		"Dieses Register soll im Einklang mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich sein.\n\n## Stand der Vereinbarkeit\n\nDie Website ist mit den Anforderungen der BITV 2.0 vollständig vereinbar.\n\n## Feedback und Kontakt\n\nSind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Schreiben Sie uns an [barrierefreiheit@ki-register.example.de](mailto:barrierefreiheit@ki-register.example.de).\n\n## Schlichtungsverfahren\n\nWenn Sie keine zufriedenstellende Antwort erhalten, können Sie sich an die [Schlichtungsstelle nach dem Behindertengleichstellungsgesetz](https://www.schlichtungsstelle-bgg.de/) wenden.\n",
		"This register aims to be accessible in accordance with the German accessibility ordinance BITV 2.0.\n\n## Feedback and contact\n\nPlease report barriers to [barrierefreiheit@ki-register.example.de](mailto:barrierefreiheit@ki-register.example.de).\n"},
	{"impressum", pair{"Impressum", "Legal notice"}, "footer", 20,
		"## Herausgeber\n\nBundesministerium für Digitales und Staatsmodernisierung  \nAlexanderstraße 3  \n10178 Berlin\n\nE-Mail: [poststelle@ki-register.example.de](mailto:poststelle@ki-register.example.de)\n\n## Verantwortlich für den Inhalt\n\nDie Einträge verantworten die jeweils genannten Behörden.\n", ""},
	{"datenschutz", pair{"Datenschutzerklärung", "Privacy policy"}, "footer", 30,
		"Diese Website erhebt keine personenbezogenen Daten. Es werden keine Cookies gesetzt und keine Inhalte Dritter geladen.\n\n## Server-Protokolle\n\nDer Webserver speichert IP-Adressen für höchstens sieben Tage, um Angriffe abwehren zu können.\n\n## Ihre Rechte\n\nSie haben das Recht auf Auskunft, Berichtigung, Löschung und Beschwerde bei der [Bundesbeauftragten für den Datenschutz](https://www.bfdi.bund.de/).\n", ""},
	{"leichte-sprache", pair{"Leichte Sprache", "Easy Language"}, "footer", 40,
		"## Was ist das KI-Register?\n\nBehörden benutzen Computer-Programme mit künstlicher Intelligenz.\nDas heißt kurz: KI.\n\nIn diesem Register steht:\n\n- Welche Behörde benutzt KI?\n- Wofür benutzt die Behörde KI?\n- Welche Gefahren gibt es?\n\nSo können alle Menschen nachlesen, was die Behörden machen.\n", ""},
	{"gebaerdensprache", pair{"Gebärdensprache", "Sign language"}, "footer", 45,
		"Das Video erklärt das KI-Transparenzregister in Deutscher Gebärdensprache: was im Register steht, wie Sie sich auf der Website zurechtfinden und was die [Erklärung zur Barrierefreiheit](../barrierefreiheit/) sagt.\n",
		"The video explains the AI transparency register in German Sign Language.\n"},
	{"ueber", pair{"Über das Register", "About the register"}, "main", 50,
		"Das KI-Transparenzregister zeigt, welche Systeme mit künstlicher Intelligenz Behörden von Bund, Ländern und Kommunen einsetzen, planen oder eingestellt haben.\n\nEs enthält die Angaben, die die [KI-Verordnung](https://eur-lex.europa.eu/eli/reg/2024/1689/oj) von Behörden verlangt, und erleichtert die Nachnutzung zwischen Verwaltungen.\n",
		"The AI transparency register shows which AI systems federal, state and local authorities use, plan or have retired.\n"},
}

// moreProse extends prose; kept apart so the first pool's order is stable.
var moreProse = []pair{
	{"Die Anwendung ersetzt keine Prüfung im Einzelfall, sondern bereitet sie vor.", "The application does not replace the individual review; it prepares it."},
	{"Anfangs wurden alle Vorschläge parallel von Hand geprüft, um die Qualität zu messen.", "At first every suggestion was also checked by hand to measure the quality."},
	{"Die Beschäftigten {deptDat} berichten von spürbarer Entlastung bei wiederkehrenden Anfragen.", "Staff at {deptEn} report noticeable relief with recurring enquiries."},
	{"Für Menschen mit Sehbehinderung gibt es eine Vorlesefunktion.", "A read-aloud function is available for people with visual impairments."},
	{"Das Modell läuft auf eigener Hardware im Rechenzentrum des kommunalen IT-Dienstleisters.", "The model runs on dedicated hardware in the municipal IT provider's data centre."},
	{"Bei Widersprüchen wird nachvollziehbar dokumentiert, welche Rolle die KI gespielt hat.", "In case of objections it is documented which role the AI played."},
	{"Eine Ausweitung auf weitere Fachbereiche ist geplant, sobald die Auswertung vorliegt.", "An extension to further departments is planned once the evaluation is available."},
	{"Die Kosten für Betrieb und Wartung liegen bei rund {k} Euro im Jahr.", "Operation and maintenance cost about {k} euros a year."},
	{"Zuständigkeiten, Fristen und Vorlagen werden aus dem Fachverfahren übernommen und nicht doppelt gepflegt.", "Responsibilities, deadlines and templates are taken from the specialist procedure and not maintained twice."},
	{"Die Ergebnisse fließen in den jährlichen Bericht an den Gemeinderat bzw. den Landtag ein.", "The results feed into the annual report to the council or the state parliament."},
	{"Straßennamen, Flurstücke und Aktenzeichen erkennt das System auch bei ungewöhnlicher Schreibweise.", "The system recognises street names, plots and file numbers even when spelt unusually."},
	{"Häufige Fragen zu Gebühren, Öffnungszeiten und benötigten Unterlagen beantwortet der Dienst selbstständig.", "The service answers frequent questions about fees, opening hours and required documents on its own."},
}
