package export

import (
	"fmt"

	"maki/internal/register"
)

// daten/eu-ai-act.json holds, for every high-risk system, what a public
// deployer registers in the EU database under Art. 49(3) of Regulation (EU)
// 2024/1689 (AI Act), Annex VIII section C:
//
//	1. name, address and contact details of the deployer       → deployer
//	2. name, address and contact details of the person
//	   submitting information on behalf of the deployer        → submitter
//	3. URL of the entry of the AI system in the EU database
//	   by its provider                                          → eu_database_url
//	4. summary of the findings of the fundamental rights
//	   impact assessment (Art. 27)                              → fria
//	5. summary of the data protection impact assessment
//	   (Art. 35 GDPR / Art. 27 Directive 2016/680), where
//	   applicable (Art. 26(8))                                  → dpia
//
// For systems in the Art. 49(4) areas (law enforcement, migration, asylum,
// border control: restricted), registration is in a secure non-public
// section with points 1 to 3 only; such systems carry restricted: true and
// points 4 and 5 are not counted as missing.
//
// The submitter is the operator of this register from site.yaml, which
// keeps the entries on behalf of the authorities. The deployer's address is
// the owning organisation's address (format v1.1), "street, postal_code
// city"; without one it is null and listed as missing.

type jEUAIAct struct {
	AnnexVIIIC    map[string]string `json:"annex_viii_section_c"`
	Count         int               `json:"count"`
	LegalBasis    string            `json:"legal_basis"`
	Modified      *string           `json:"modified"`
	SchemaVersion string            `json:"schema_version"`
	Systems       []jEUSystem       `json:"systems"`
}

type jParty struct {
	Address      *string `json:"address"`
	ContactEmail *string `json:"contact_email"`
	ContactURL   *string `json:"contact_url"`
	ID           *string `json:"id,omitempty"`
	Name         *jText  `json:"name"`
}

type jImpact struct {
	Date    *string `json:"date"`
	Summary *jText  `json:"summary"`
	URL     *string `json:"url"`
}

type jEUSystem struct {
	AnnexIIIArea  *int     `json:"annex_iii_area"`
	Deployer      jParty   `json:"deployer"`
	DPIA          *jImpact `json:"dpia"`
	EUDatabaseID  *string  `json:"eu_database_id"`
	EUDatabaseURL *string  `json:"eu_database_url"`
	FRIA          *jImpact `json:"fria"`
	ID            string   `json:"id"`
	Missing       []string `json:"missing"`
	Name          *jText   `json:"name"`
	PageURL       jText    `json:"page_url"`
	PersonalData  *string  `json:"personal_data"`
	Restricted    bool     `json:"restricted"`
	Status        *string  `json:"status"`
	Submitter     jParty   `json:"submitter"`
}

// latestAssessment returns the index of the assessment of type typ with the
// latest date (the last listed on a tie), or -1.
func latestAssessment(s *register.System, typ register.AssessmentType) int {
	best := -1
	for i, a := range s.Assessments {
		if a.Type != typ {
			continue
		}
		if best < 0 || a.Date >= s.Assessments[best].Date {
			best = i
		}
	}
	return best
}

func impact(s *register.System, i int) *jImpact {
	if i < 0 {
		return nil
	}
	a := s.Assessments[i]
	return &jImpact{Date: str(string(a.Date)), Summary: mkText(a.Summary), URL: str(a.URL)}
}

// dpiaApplicable reports whether Annex VIII C point 5 applies: the system
// processes personal data (pseudonymised data is personal data too).
func dpiaApplicable(s *register.System) bool {
	return s.PersonalData == "personal" || s.PersonalData == "pseudonymised"
}

func (x *exporter) euSystem(s *register.System) jEUSystem {
	j := jEUSystem{
		ID:           s.ID,
		Name:         mkText(s.Name),
		PageURL:      x.pageURLs(x.pageURL, s.ID),
		PersonalData: str(string(s.PersonalData)),
		Restricted:   s.Restricted,
		Status:       str(string(s.Status)),
		Missing:      []string{},
	}
	if s.AnnexIIIArea != 0 {
		a := s.AnnexIIIArea
		j.AnnexIIIArea = &a
	}
	// 1. Deployer: the owning organisation; the system's own contact
	// before the organisation's.
	j.Deployer = jParty{ID: str(s.Organisation), ContactEmail: str(s.ContactEmail), ContactURL: str(s.ContactURL)}
	if o := x.r.Organisation(s.Organisation); o != nil {
		j.Deployer.Name = mkText(o.Name)
		if a := o.Address; a != nil {
			j.Deployer.Address = str(a.Street + ", " + a.PostalCode + " " + a.City)
		}
		if j.Deployer.ContactEmail == nil {
			j.Deployer.ContactEmail = str(o.ContactEmail)
		}
		if j.Deployer.ContactURL == nil {
			j.Deployer.ContactURL = str(o.URL)
		}
	}
	if j.Deployer.Name == nil {
		j.Missing = append(j.Missing, "deployer.name")
	}
	if j.Deployer.Address == nil {
		j.Missing = append(j.Missing, "deployer.address")
	}
	if j.Deployer.ContactEmail == nil && j.Deployer.ContactURL == nil {
		j.Missing = append(j.Missing, "deployer.contact")
	}
	// 2. Submitter: the register operator.
	op := x.site.Operator
	j.Submitter = jParty{Address: str(op.Address), ContactEmail: str(op.Email), ContactURL: str(op.URL), Name: mkText(op.Name)}
	if j.Submitter.Name == nil {
		j.Missing = append(j.Missing, "submitter.name")
	}
	if j.Submitter.Address == nil {
		j.Missing = append(j.Missing, "submitter.address")
	}
	// 3. EU database entry.
	if s.EUDatabase != nil {
		j.EUDatabaseURL = str(s.EUDatabase.URL)
		j.EUDatabaseID = str(s.EUDatabase.ID)
	}
	if j.EUDatabaseURL == nil {
		j.Missing = append(j.Missing, "eu_database_url")
	}
	// 4. and 5. Impact assessments.
	j.FRIA = impact(s, latestAssessment(s, "fria"))
	j.DPIA = impact(s, latestAssessment(s, "dpia"))
	if !s.Restricted {
		if j.FRIA == nil || j.FRIA.Summary == nil {
			j.Missing = append(j.Missing, "fria.summary")
		}
		if dpiaApplicable(s) && (j.DPIA == nil || j.DPIA.Summary == nil) {
			j.Missing = append(j.Missing, "dpia.summary")
		}
	}
	return j
}

// highRisk returns the high-risk systems sorted by id.
func (x *exporter) highRisk() []*register.System {
	var out []*register.System
	for _, s := range x.systems {
		if s.RiskClass == "high_risk" {
			out = append(out, s)
		}
	}
	return out
}

// EUAIAct returns daten/eu-ai-act.json: the Annex VIII section C fields of
// every high-risk system. `maki export eu-ai-act` prints the same bytes.
func EUAIAct(r *register.Register, cfg Config) ([]byte, error) {
	x, err := newExporter(r, cfg)
	if err != nil {
		return nil, err
	}
	return x.euAIAct()
}

func (x *exporter) euAIAct() ([]byte, error) {
	doc := jEUAIAct{
		AnnexVIIIC: map[string]string{
			"1": "deployer",
			"2": "submitter",
			"3": "eu_database_url",
			"4": "fria",
			"5": "dpia",
		},
		LegalBasis:    "Regulation (EU) 2024/1689 (AI Act), Article 49(3) and Annex VIII section C",
		SchemaVersion: SchemaVersion,
		Systems:       []jEUSystem{},
	}
	d := ""
	for _, s := range x.highRisk() {
		doc.Systems = append(doc.Systems, x.euSystem(s))
		if string(s.Updated) > d {
			d = string(s.Updated)
		}
	}
	doc.Count = len(doc.Systems)
	doc.Modified = str(d)
	b, err := marshalIndent(doc)
	if err != nil {
		return nil, fmt.Errorf("export: eu-ai-act.json: %w", err)
	}
	return b, nil
}

func (x *exporter) euAIActFile(out *sink) error {
	b, err := x.euAIAct()
	if err != nil {
		return err
	}
	return out.write("daten/eu-ai-act.json", b)
}

// Warnings reports high-risk systems whose entry lacks information that
// Annex VIII section C of the AI Act asks deployers to register and that
// validation does not already require: the EU database link of a system in
// a pilot, summaries of the FRIA and DPIA, and a DPIA for pseudonymised
// data. Each warning is at the position of the field in the system's file.
func Warnings(r *register.Register) register.ErrorList {
	var l register.ErrorList
	for _, s := range r.Systems {
		if s.RiskClass != "high_risk" {
			continue
		}
		at := s.KeyPosOf("risk_class")
		if s.Status == "pilot" && (s.EUDatabase == nil || s.EUDatabase.URL == "") {
			l.Warn(at, "eu_database", "eu-ai-act",
				"missing for a high-risk system in use (status \"pilot\"); want the URL of the provider's entry in the EU database (AI Act Annex VIII section C point 3)")
		}
		if s.Restricted {
			continue // Art. 49(4): points 1 to 3 only
		}
		if i := latestAssessment(s, "fria"); i >= 0 && s.Assessments[i].Summary.IsZero() {
			f := fmt.Sprintf("assessments.%d.summary", i)
			l.Warn(s.PosOf(fmt.Sprintf("assessments.%d", i)), f, "eu-ai-act",
				"missing in the fundamental rights impact assessment; want a summary of its findings (AI Act Annex VIII section C point 4)")
		}
		if !dpiaApplicable(s) {
			continue
		}
		i := latestAssessment(s, "dpia")
		switch {
		case i < 0 && s.PersonalData == "pseudonymised":
			l.Warn(s.KeyPosOf("personal_data"), "assessments", "eu-ai-act",
				"no data protection impact assessment (type \"dpia\") for a high-risk system processing pseudonymised data; pseudonymised data is personal data, want a DPIA and its summary (AI Act Annex VIII section C point 5)")
		case i >= 0 && s.Assessments[i].Summary.IsZero():
			f := fmt.Sprintf("assessments.%d.summary", i)
			l.Warn(s.PosOf(fmt.Sprintf("assessments.%d", i)), f, "eu-ai-act",
				"missing in the data protection impact assessment; want a summary (AI Act Annex VIII section C point 5)")
		}
	}
	l.Sort()
	return l
}
