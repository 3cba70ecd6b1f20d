package export

import (
	"time"

	"maki/internal/register"
)

var fixedNow = time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)

func fixtureCatalog() register.Catalog {
	return register.Catalog{
		"de": {
			"status.planned": "geplant", "status.development": "in Entwicklung", "status.pilot": "Pilotbetrieb",
			"status.production": "im Einsatz", "status.retired": "eingestellt",
			"level.bund": "Bund", "level.land": "Land", "level.kommune": "Kommune", "level.other": "andere",
			"risk_class.high_risk": "Hochrisiko",
			"state.DE-BW":          "Baden-Württemberg", "state.DE-BE": "Berlin",
		},
		"en": {
			"status.planned": "planned", "status.production": "in use",
			"risk_class.high_risk": "high risk",
			"state.DE-BW":          "Baden-Württemberg",
		},
	}
}

// fixtureRegister is a small register that uses every field, text in one
// and two languages, characters that need escaping in every format, and a
// high-risk system with gaps for the EU AI Act warnings.
func fixtureRegister() *register.Register {
	pos := func(file string, fields map[string]int) register.Meta {
		var b register.PosBuilder
		for f, line := range fields {
			b.Value(f, line, 13)
			b.Key(f, line, 1)
		}
		return register.Meta{File: file, Positions: b.Positions()}
	}
	r := &register.Register{
		Site: &register.Site{
			Title:   register.Text{De: "KI-Transparenzregister", En: "AI Transparency Register"},
			BaseURL: "https://register.example.org/ki/",
			Operator: register.Operator{
				Name:    register.Text{De: "Geschäftsstelle KI-Register", En: "AI Register Office"},
				Address: "Musterstraße 1, 10999 Beispielstadt",
				Email:   "kontakt@register.example.org",
				URL:     "https://register.example.org/",
			},
			SecurityContact: "sicherheit@register.example.org",
			License:         "dl-de/by-2-0",
		},
		Topics: []*register.Topic{
			{ID: "bauen", Label: register.Text{De: "Bauen und Wohnen", En: "Building and housing"}},
			{ID: "soziales", Label: register.Text{De: "Gesundheit & Soziales"}},
		},
		Organisations: []*register.Organisation{
			{Meta: register.Meta{ID: "bmi"}, Name: register.Text{De: "Bundesministerium des Innern", En: "Federal Ministry of the Interior"}, ShortName: "BMI", Level: "bund", URL: "https://www.bmi.example/", ContactEmail: "poststelle@bmi.example"},
			{Meta: register.Meta{ID: "stadt-musterstadt"}, Name: register.Text{De: "Stadt Musterstadt"}, Level: "kommune", State: "DE-BW", AGS: "08111000", Parent: "bmi",
				Address: &register.Address{Street: "Marktplatz 1", PostalCode: "79098", City: "Musterstadt"}},
		},
	}
	for i := range r.Topics {
		r.Topics[i].Meta.ID = r.Topics[i].ID
	}
	full := &register.System{
		Meta:           pos("content/systeme/bauantrag-assistent.yaml", map[string]int{"risk_class": 12, "personal_data": 20, "assessments": 22, "assessments.0": 23, "assessments.1": 27}),
		Name:           register.Text{De: "Bauantrag-Assistent <beta> & \"mehr\"", En: "Building permit assistant"},
		Summary:        register.Text{De: "Prüft Bauanträge; auf Vollständigkeit.\nZweite Zeile, mit Komma.", En: "Checks building applications for completeness."},
		Description:    register.Text{De: "## Beschreibung\n\nMit *Markdown* und einem [Link](https://example.org/).\r\nUnd \\ Backslash; Semikolon."},
		Organisation:   "stadt-musterstadt",
		Partners:       []string{"bmi"},
		Status:         "pilot",
		Start:          "2023-04",
		Topics:         []string{"bauen", "soziales"},
		Techniques:     []register.Technique{"nlp", "generative_ai"},
		Users:          "both",
		Purpose:        register.Text{De: "Schnellere Bearbeitung.", En: "Faster processing."},
		RiskClass:      "high_risk",
		AnnexIIIArea:   5,
		EUDatabase:     nil, // missing: a pilot should have it (warning)
		OperatingLogic: register.Text{De: "Eingaben: Antrag. Ausgaben: Hinweise."},
		HumanOversight: register.Text{De: "Sachbearbeitung entscheidet."},
		Risks:          register.Text{De: "Fehlhinweise; werden geprüft.", En: "False hints."},
		DecisionRole:   "prepares",
		Redress:        register.Text{De: "Widerspruch beim Bauamt; eine Sachbearbeiterin prüft jeden Hinweis.", En: "Objection to the building authority."},
		Alternatives:   register.Text{De: "Vorher: vollständige Prüfung von Hand; \"mehr Personal\" wurde geprüft."},
		Performance:    register.Text{De: "92 % richtige Hinweise; keine Unterschiede nach Antragsart."},
		PersonalData:   "pseudonymised",
		Assessments: []register.Assessment{
			{Type: "fria", Date: "2024-01-15", URL: "https://example.org/fria.pdf"}, // no summary (warning)
			{Type: "other", Date: "2024-02-01", Summary: register.Text{De: "Barrierefreiheit; geprüft", En: "Accessibility"}},
		},
		LegalBasis:    []register.LegalBasis{{Title: register.Text{De: "LBO BW § 53"}, URL: "https://example.org/lbo"}, {Title: register.Text{De: "EGovG", En: "E-Government Act"}}},
		Models:        []register.Model{{Name: "Llama; 3", Provider: "Meta", Version: "3.1", OpenWeights: true}, {Name: "Regelwerk", OpenWeights: false}},
		Data:          []register.DataSet{{Title: register.Text{De: "Bauanträge 2020–2022"}, Phase: "development", Description: register.Text{De: "anonymisiert"}}, {Title: register.Text{De: "Laufende Anträge", En: "Current applications"}, Phase: "operation", URL: "https://example.org/daten"}},
		Development:   "contractor",
		Vendor:        "Beispiel GmbH, Berlin",
		Hosting:       "government_cloud",
		SourceCodeURL: "https://gitlab.example.org/bauantrag",
		License:       "EUPL-1.2",
		Reuse:         "available",
		Cooperation:   register.Text{De: "Partner gesucht."},
		BasedOn:       "chatbot",
		ContactEmail:  "ki@musterstadt.example",
		ContactURL:    "https://musterstadt.example/ki",
		SourceURL:     "https://register.example.net/algorithmen/bauantrag-assistent",
		Published:     "2024-02-01",
		Updated:       "2025-06-30",
		NextReview:    "2026-06-30",
		Tags:          []string{"Bau", "Antrag;Prüfung", `C:\Pfad`},
		Restricted:    false,
	}
	full.ID = "bauantrag-assistent"
	minimal := &register.System{
		Meta:         register.Meta{ID: "chatbot", File: "content/systeme/chatbot.yaml"},
		Name:         register.Text{De: "Chatbot Bürgeramt"},
		Summary:      register.Text{De: "Beantwortet Fragen."},
		Organisation: "bmi",
		Status:       "production",
		Start:        "2021-09",
		Topics:       []string{"soziales"},
		Techniques:   []register.Technique{"nlp", "unknown"},
		Users:        "unknown",
		DecisionRole: "unknown",
		Purpose:      register.Text{De: "Auskunft."},
		RiskClass:    "transparency",
		PersonalData: "none",
		ContactEmail: "chatbot@bmi.example",
		Published:    "2022-01-10",
		Updated:      "2024-05-05",
	}
	planned := &register.System{
		Meta:         register.Meta{ID: "prognose", File: "content/systeme/prognose.md"},
		Name:         register.Text{De: "Prognose Wohngeld", En: "Housing benefit forecast"},
		Summary:      register.Text{De: "Plant.", En: "Plans."},
		Organisation: "stadt-musterstadt",
		Status:       "planned",
		Topics:       []string{"bauen"},
		Techniques:   []register.Technique{"machine_learning"},
		Users:        "staff",
		Purpose:      register.Text{De: "Planung."},
		RiskClass:    "high_risk",
		AnnexIIIArea: 5,
		EUDatabase:   &register.EUDatabase{URL: "https://ai-act-db.example.eu/entry/123", ID: "EU-123"},
		PersonalData: "personal",
		Assessments: []register.Assessment{
			{Type: "fria", Date: "2025-01-01", Summary: register.Text{De: "Keine erheblichen Risiken."}},
			{Type: "dpia", Date: "2025-01-02", Summary: register.Text{De: "Risiken gemindert.", En: "Risks mitigated."}},
		},
		ContactEmail: "wohngeld@musterstadt.example",
		Published:    "2025-06-30",
		Updated:      "2025-06-30",
		Restricted:   true,
	}
	r.Systems = []*register.System{full, minimal, planned}
	r.Index()
	return r
}

func fixtureConfig() Config {
	return Config{
		BaseURL: "https://register.example.org/ki/",
		Now:     fixedNow,
		Catalog: fixtureCatalog(),
		Pages: []string{
			"index.html", "en/index.html", "404.html", "en/404.html",
			"systeme/index.html", "en/systeme/index.html",
			"systeme/bauantrag-assistent/index.html", "en/systeme/bauantrag-assistent/index.html",
			"systeme/chatbot/index.html", "en/systeme/chatbot/index.html",
			"systeme/prognose/index.html",
			"impressum/index.html",
			"statistik/index.html", "en/statistik/index.html",
		},
		ContributorID: "http://dcat-ap.de/def/contributors/musterstadt",
	}
}
