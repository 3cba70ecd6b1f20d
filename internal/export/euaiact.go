package export

import (
	"fmt"

	"maki/internal/register"
)

// daten/eu-ai-act.json holds, for every high-risk system, what a public
// deployer registers in the EU database under Art. 49(3) of Regulation (EU)
// 2024/1689 (AI Act), Annex VIII section C ("Information to be submitted by
// deployers of high-risk AI systems in accordance with Article 49(3)"):
//
//	C1 the name, address and contact details of the deployer  → deployer
//	C2 the name, address and contact details of the person
//	   submitting information on behalf of the deployer        → submitter
//	C3 the URL of the entry of the AI system in the EU
//	   database by its provider                                 → eu_database_url
//	C4 a summary of the findings of the fundamental rights
//	   impact assessment conducted in accordance with Art. 27   → fria.summary
//	C5 a summary of the data protection impact assessment
//	   (Art. 35 GDPR / Art. 27 Directive 2016/680) as specified
//	   in Art. 26(8), where applicable                          → dpia.summary
//
// Each system lists in "missing" the points its entry cannot fill yet
// ("C1" … "C5") and in "missing_fields" the fields behind them.
//
// For systems in the Art. 49(4) areas (law enforcement, migration, asylum,
// border control: restricted), registration is in a secure non-public
// section with points 1 to 3 only; such systems carry restricted: true and
// points 4 and 5 are not counted as missing. Point 5 applies only where the
// system processes personal (or pseudonymised) data.
//
// Where the use is registered (register_in): "eu_database" (public
// section), "eu_database_secure" for restricted systems (Art. 49(4)), and
// "national" for critical infrastructure (Annex III point 2), which Art.
// 49(3) leaves out of the EU database and Art. 49(5) sends to national
// registration; Annex VIII section C does not apply there, so nothing is
// counted as missing.
//
// The deployer is the owning organisation; its address is the
// organisation's address, "street, postal_code city". The submitter is the
// organisation's submitter when it names one (source "organisation"),
// otherwise the operator of this register from site.yaml, which keeps the
// entries on behalf of the authorities (source "site_operator").

// annexVIIIC is the wording of Annex VIII section C (OJ L, 12.7.2024) and
// the field of each system that holds the point.
var annexVIIIC = map[string]jAnnexPoint{
	"C1": {Field: "deployer", Text: "The name, address and contact details of the deployer"},
	"C2": {Field: "submitter", Text: "The name, address and contact details of the person submitting information on behalf of the deployer"},
	"C3": {Field: "eu_database_url", Text: "The URL of the entry of the AI system in the EU database by its provider"},
	"C4": {Field: "fria.summary", Text: "A summary of the findings of the fundamental rights impact assessment conducted in accordance with Article 27"},
	"C5": {Field: "dpia.summary", Text: "A summary of the data protection impact assessment carried out in accordance with Article 35 of Regulation (EU) 2016/679 or Article 27 of Directive (EU) 2016/680 as specified in Article 26(8) of this Regulation, where applicable"},
}

type jAnnexPoint struct {
	Field string `json:"field"`
	Text  string `json:"text"`
}

type jEUAIAct struct {
	AnnexVIIIC    map[string]jAnnexPoint `json:"annex_viii_section_c"`
	Complete      int                    `json:"complete"`
	Count         int                    `json:"count"`
	LegalBasis    string                 `json:"legal_basis"`
	Modified      *string                `json:"modified"`
	SchemaVersion string                 `json:"schema_version"`
	Systems       []jEUSystem            `json:"systems"`
}

type jParty struct {
	Address      *string `json:"address"`
	ContactEmail *string `json:"contact_email"`
	ContactURL   *string `json:"contact_url"`
	ID           *string `json:"id,omitempty"`
	Name         *jText  `json:"name"`
	Source       string  `json:"source,omitempty"`
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
	MissingFields []string `json:"missing_fields"`
	Name          *jText   `json:"name"`
	PageURL       jText    `json:"page_url"`
	PersonalData  *string  `json:"personal_data"`
	RegisterIn    string   `json:"register_in"`
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

// addressLine is an address on one line: "street, postal_code city".
func addressLine(a *register.Address) *string {
	if a == nil {
		return nil
	}
	return str(a.Street + ", " + a.PostalCode + " " + a.City)
}

func (x *exporter) euSystem(s *register.System) jEUSystem {
	j := jEUSystem{
		ID:            s.ID,
		Name:          mkText(s.Name),
		PageURL:       x.pageURLs(x.pageURL, s.ID),
		PersonalData:  str(string(s.PersonalData)),
		Restricted:    s.Restricted,
		Status:        str(string(s.Status)),
		Missing:       []string{},
		MissingFields: []string{},
	}
	miss := func(point string, fields ...string) {
		if len(fields) == 0 {
			return
		}
		j.Missing = append(j.Missing, point)
		j.MissingFields = append(j.MissingFields, fields...)
	}
	if s.AnnexIIIArea != 0 {
		a := s.AnnexIIIArea
		j.AnnexIIIArea = &a
	}
	national := s.AnnexIIIArea == 2
	switch {
	case national:
		j.RegisterIn = "national"
		miss = func(string, ...string) {}
	case s.Restricted:
		j.RegisterIn = "eu_database_secure"
	default:
		j.RegisterIn = "eu_database"
	}
	// C1 deployer: the owning organisation; the system's own contact
	// before the organisation's.
	o := x.r.Organisation(s.Organisation)
	j.Deployer = jParty{ID: str(s.Organisation), ContactEmail: str(s.ContactEmail), ContactURL: str(s.ContactURL)}
	if o != nil {
		j.Deployer.Name = mkText(o.Name)
		j.Deployer.Address = addressLine(o.Address)
		if j.Deployer.ContactEmail == nil {
			j.Deployer.ContactEmail = str(o.ContactEmail)
		}
		if j.Deployer.ContactURL == nil {
			j.Deployer.ContactURL = str(o.URL)
		}
	}
	miss("C1", partyGaps("deployer", j.Deployer)...)
	// C2 submitter: the organisation's, else the register operator.
	if o != nil && o.Submitter != nil {
		sub := o.Submitter
		j.Submitter = jParty{Address: addressLine(sub.Address), ContactEmail: str(sub.Email), ContactURL: str(sub.URL),
			Name: mkText(register.Text{De: sub.Name}), Source: "organisation"}
	} else {
		op := x.site.Operator
		j.Submitter = jParty{Address: str(op.Address), ContactEmail: str(op.Email), ContactURL: str(op.URL),
			Name: mkText(op.Name), Source: "site_operator"}
	}
	miss("C2", partyGaps("submitter", j.Submitter)...)
	// C3 the provider's entry in the EU database.
	if s.EUDatabase != nil {
		j.EUDatabaseURL = str(s.EUDatabase.URL)
		j.EUDatabaseID = str(s.EUDatabase.ID)
	}
	if j.EUDatabaseURL == nil {
		miss("C3", "eu_database_url")
	}
	// C4 and C5 impact assessments (not for restricted systems; C5 only
	// for personal data).
	j.FRIA = impact(s, latestAssessment(s, "fria"))
	j.DPIA = impact(s, latestAssessment(s, "dpia"))
	if !s.Restricted {
		if j.FRIA == nil || j.FRIA.Summary == nil {
			miss("C4", "fria.summary")
		}
		if dpiaApplicable(s) && (j.DPIA == nil || j.DPIA.Summary == nil) {
			miss("C5", "dpia.summary")
		}
	}
	return j
}

// partyGaps lists the fields of Annex VIII C point 1 or 2 that p lacks:
// name, address, and contact details (an e-mail address or a web page).
func partyGaps(prefix string, p jParty) []string {
	var out []string
	if p.Name == nil {
		out = append(out, prefix+".name")
	}
	if p.Address == nil {
		out = append(out, prefix+".address")
	}
	if p.ContactEmail == nil && p.ContactURL == nil {
		out = append(out, prefix+".contact")
	}
	return out
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
		AnnexVIIIC:    annexVIIIC,
		LegalBasis:    "Regulation (EU) 2024/1689 (AI Act), Article 49(3) and Annex VIII section C",
		SchemaVersion: SchemaVersion,
		Systems:       []jEUSystem{},
	}
	d := ""
	for _, s := range x.highRisk() {
		j := x.euSystem(s)
		if len(j.Missing) == 0 {
			doc.Complete++
		}
		doc.Systems = append(doc.Systems, j)
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
