package render

import (
	"html/template"

	"maki/internal/register"
)

// Sheet is a system's fact sheet in a page's language, computed in Go
// before the page is executed: every link, label, date and text system.html
// shows, so that the template prints fields (cheap) instead of calling
// methods with arguments (each call goes through reflection, some dozens a
// page). The markup stays in the template; a theme may still use .Data
// (the *register.System) and the Page methods as before. Page.Sheet is set
// on system pages only.
type Sheet struct {
	Name, Summary template.HTML // as Page.Text
	SummaryText   string        // the summary as plain text, in the page's language or the fallback
	// Org is the organisation, nil when it is not in the register.
	Org        *SheetOrg
	Partners   []Link // the partners in the register
	Status     StatusLine
	StatusURL  string
	StatusText string // the status label
	// NoStartEnd, NoStart and NoEnd say which of start and end is missing
	// although the status calls for it (at most one is true).
	NoStartEnd, NoStart, NoEnd bool
	RiskURL, RiskText          string
	PersonalData, Users        string // labels
	DecisionRole               *Link  // nil when not stated; Text is its label
	Topics                     []Link // the topics in the register
	Techniques                 []Link // Text is the label
	// Mail is the contact address, the organisation's when the system
	// has none (MailViaOrg).
	Mail         string
	MailViaOrg   bool
	AnnexIII     string        // the label of the Annex III area, "" when none
	Art63Grounds template.HTML // "" when empty
	Assessments  []SheetAssessment
	LegalBasis   []Link // Name is the title; URL may be ""
	Development  string // label, "" when not stated
	Hosting      string // label, "" when not stated
	Data         []SheetData
	Reuse        string // label, "" when not stated
	BasedOn      *Link  // nil when not stated or not in the register
	BasedOnMe    []Link // systems based on this one
	Similar      []SheetSimilar
	Published    string // dates as Page.Date
	Updated      string
	NextReview   string
	JSON         string // the path of the system's JSON file
	Edit         string // Page.EditURL of the entry, "" when none
	// Has says which of the optional texts are given (not empty in both
	// languages).
	Has SheetHas
}

// SheetHas says which optional texts of a system are given.
type SheetHas struct {
	Description, Redress, OperatingLogic, HumanOversight, Performance, Alternatives, Risks, Cooperation bool
}

// Link is a link of a fact sheet: its URL, its name as HTML (a text in
// the page's language, see Page.Text) and its text (a label).
type Link struct {
	URL  string
	Name template.HTML
	Text string
}

// SheetOrg is the organisation of a fact sheet: a link and where it is
// (the label of its Land, else of its level).
type SheetOrg struct {
	Link
	Where string
}

// SheetAssessment is an assessment: its type's label, date, URL, the
// document format of the URL (Page.Format) and summary.
type SheetAssessment struct {
	URL, Label, Date, Format string
	Summary                  template.HTML // "" when empty
}

// SheetData is a data set: title, URL, the label of its phase and its
// description.
type SheetData struct {
	URL         string
	Title       template.HTML
	Phase       string        // label, "" when not stated
	Description template.HTML // "" when empty
}

// SheetSimilar is a similar system and its organisation's name ("" when
// not in the register).
type SheetSimilar struct {
	Link
	HasOrg bool
	Org    template.HTML
}

// sheet computes the fact sheet of s for p.
func (p *Page) sheet(s *register.System) *Sheet {
	sysLink := func(o *register.System) Link {
		return Link{URL: p.URL("systeme/" + o.ID + "/"), Name: p.Text(o.Name)}
	}
	v := &Sheet{
		Name: p.Text(s.Name), Summary: p.Text(s.Summary),
		Status: p.StatusLine(s), StatusURL: p.URL("status/" + string(s.Status) + "/"), StatusText: p.Label("status", s.Status),
		RiskURL: p.URL("risikoklassen/" + string(s.RiskClass) + "/"), RiskText: p.Label("risk_class", s.RiskClass),
		PersonalData: p.Label("personal_data", s.PersonalData), Users: p.Label("users", s.Users),
		Published: p.Date(s.Published), Updated: p.Date(s.Updated),
		JSON: p.Root("daten/systeme/" + s.ID + ".json"), Edit: p.EditURL(s.Path),
		Has: SheetHas{
			Description: !s.Description.IsZero(), Redress: !s.Redress.IsZero(), OperatingLogic: !s.OperatingLogic.IsZero(),
			HumanOversight: !s.HumanOversight.IsZero(), Performance: !s.Performance.IsZero(),
			Alternatives: !s.Alternatives.IsZero(), Risks: !s.Risks.IsZero(), Cooperation: !s.Cooperation.IsZero(),
		},
	}
	v.SummaryText, _ = s.Summary.In(p.Lang)
	org := p.Org(s.Organisation)
	if org != nil {
		v.Org = &SheetOrg{Link: Link{URL: p.URL("organisationen/" + org.ID + "/"), Name: p.Text(org.Name)}}
		if org.State != "" {
			v.Org.Where = p.Label("state", org.State)
		} else {
			v.Org.Where = p.Label("level", org.Level)
		}
	}
	for _, id := range s.Partners {
		if o := p.Org(id); o != nil {
			v.Partners = append(v.Partners, Link{URL: p.URL("organisationen/" + o.ID + "/"), Name: p.Text(o.Name)})
		}
	}
	noStart := s.Start == "" && (s.Status == "pilot" || s.Status == "production" || s.Status == "retired")
	noEnd := s.End == "" && s.Status == "retired"
	v.NoStartEnd, v.NoStart, v.NoEnd = noStart && noEnd, noStart && !noEnd, noEnd && !noStart
	if s.DecisionRole != "" {
		v.DecisionRole = &Link{URL: p.URL("entscheidungsrollen/" + string(s.DecisionRole) + "/"), Text: p.Label("decision_role", s.DecisionRole)}
	}
	for _, id := range s.Topics {
		if t := p.Topic(id); t != nil {
			v.Topics = append(v.Topics, Link{URL: p.URL("themen/" + t.ID + "/"), Name: p.Text(t.Label)})
		}
	}
	for _, t := range s.Techniques {
		v.Techniques = append(v.Techniques, Link{URL: p.URL("techniken/" + string(t) + "/"), Text: p.Label("technique", t)})
	}
	v.Mail = s.ContactEmail
	if v.Mail == "" && org != nil {
		v.Mail, v.MailViaOrg = org.ContactEmail, true
	}
	if s.AnnexIIIArea != 0 {
		v.AnnexIII = p.Label("annex_iii", s.AnnexIIIArea)
	}
	if !s.Art63Grounds.IsZero() {
		v.Art63Grounds = p.Text(s.Art63Grounds)
	}
	for _, a := range s.Assessments {
		sa := SheetAssessment{URL: a.URL, Label: p.Label("assessment", a.Type)}
		if a.Date != "" {
			sa.Date = p.Date(a.Date)
		}
		if a.URL != "" {
			sa.Format = p.Format(a.URL)
		}
		if !a.Summary.IsZero() {
			sa.Summary = p.Text(a.Summary)
		}
		v.Assessments = append(v.Assessments, sa)
	}
	for _, l := range s.LegalBasis {
		v.LegalBasis = append(v.LegalBasis, Link{URL: l.URL, Name: p.Text(l.Title)})
	}
	if s.Development != "" {
		v.Development = p.Label("development", s.Development)
	}
	if s.Hosting != "" {
		v.Hosting = p.Label("hosting", s.Hosting)
	}
	for _, d := range s.Data {
		sd := SheetData{URL: d.URL, Title: p.Text(d.Title)}
		if d.Phase != "" {
			sd.Phase = p.Label("phase", d.Phase)
		}
		if !d.Description.IsZero() {
			sd.Description = p.Text(d.Description)
		}
		v.Data = append(v.Data, sd)
	}
	if s.Reuse != "" {
		v.Reuse = p.Label("reuse", s.Reuse)
	}
	if s.BasedOn != "" {
		if o := p.Sys(s.BasedOn); o != nil {
			l := sysLink(o)
			v.BasedOn = &l
		}
	}
	for _, o := range p.BasedOnMe(s.ID) {
		v.BasedOnMe = append(v.BasedOnMe, sysLink(o))
	}
	for _, o := range p.Similar(s.ID) {
		sim := SheetSimilar{Link: sysLink(o)}
		if org := p.Org(o.Organisation); org != nil {
			sim.HasOrg, sim.Org = true, p.Text(org.Name)
		}
		v.Similar = append(v.Similar, sim)
	}
	if s.NextReview != "" {
		v.NextReview = p.Date(s.NextReview)
	}
	return v
}
