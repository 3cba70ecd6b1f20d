package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"

	"maki/internal/register"
)

// The types below are the register.json format (schema_version 1). Keys are
// the content keys of DESIGN §3 plus resolved data (organisation objects,
// topic labels, page URLs). Every key is always present: a missing value is
// null, an empty list []. Fields are declared in key order so the bytes
// have sorted keys. register.schema.json describes the same format and a
// test keeps the two in step.

// jText is a text in German and English; a language without text is null.
type jText struct {
	De *string `json:"de"`
	En *string `json:"en"`
}

func mkText(t register.Text) *jText {
	if t.IsZero() {
		return nil
	}
	return &jText{De: str(t.De), En: str(t.En)}
}

// str returns nil for "" so that JSON says null.
func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

type jRegister struct {
	Count         int        `json:"count"`
	License       string     `json:"license"`
	Modified      *string    `json:"modified"`
	Publisher     jPublisher `json:"publisher"`
	SchemaVersion string     `json:"schema_version"`
	Systems       []rawJSON  `json:"systems"`
	Title         *jText     `json:"title"`
	URL           string     `json:"url"`
}

type jPublisher struct {
	Email *string `json:"email"`
	Name  *jText  `json:"name"`
	URL   *string `json:"url"`
}

// rawJSON is pre-encoded JSON.
type rawJSON = json.RawMessage

type jOrganisation struct {
	Address      *jAddress `json:"address"`
	AGS          *string   `json:"ags"`
	ContactEmail *string   `json:"contact_email"`
	ID           string    `json:"id"`
	Level        *string   `json:"level"`
	Name         *jText    `json:"name"`
	PageURL      jText     `json:"page_url"`
	Parent       *string   `json:"parent"`
	ShortName    *string   `json:"short_name"`
	State        *string   `json:"state"`
	URL          *string   `json:"url"`
}

type jAddress struct {
	City       string `json:"city"`
	PostalCode string `json:"postal_code"`
	Street     string `json:"street"`
}

type jTopic struct {
	ID    string `json:"id"`
	Label *jText `json:"label"`
}

type jEUDatabase struct {
	ID  *string `json:"id"`
	URL *string `json:"url"`
}

type jAssessment struct {
	Date    *string `json:"date"`
	Summary *jText  `json:"summary"`
	Type    string  `json:"type"`
	URL     *string `json:"url"`
}

type jLegalBasis struct {
	Title *jText  `json:"title"`
	URL   *string `json:"url"`
}

type jModel struct {
	Name        string  `json:"name"`
	OpenWeights bool    `json:"open_weights"`
	Provider    *string `json:"provider"`
	Version     *string `json:"version"`
}

type jDataSet struct {
	Description *jText  `json:"description"`
	Phase       *string `json:"phase"`
	Title       *jText  `json:"title"`
	URL         *string `json:"url"`
}

// jSystem is one system. Keys in alphabetical order.
type jSystem struct {
	Alternatives   *jText          `json:"alternatives"`
	AnnexIIIArea   *int            `json:"annex_iii_area"`
	Art63Grounds   *jText          `json:"art6_3_grounds"`
	Assessments    []jAssessment   `json:"assessments"`
	BasedOn        *string         `json:"based_on"`
	ContactEmail   *string         `json:"contact_email"`
	ContactURL     *string         `json:"contact_url"`
	Cooperation    *jText          `json:"cooperation"`
	Data           []jDataSet      `json:"data"`
	DecisionRole   *string         `json:"decision_role"`
	Description    *jText          `json:"description"`
	Development    *string         `json:"development"`
	End            *string         `json:"end"`
	EUDatabase     *jEUDatabase    `json:"eu_database"`
	Hosting        *string         `json:"hosting"`
	HumanOversight *jText          `json:"human_oversight"`
	ID             string          `json:"id"`
	LastChanged    *string         `json:"last_changed,omitempty"`
	LegalBasis     []jLegalBasis   `json:"legal_basis"`
	License        *string         `json:"license"`
	Models         []jModel        `json:"models"`
	Name           *jText          `json:"name"`
	NextReview     *string         `json:"next_review"`
	OperatingLogic *jText          `json:"operating_logic"`
	Organisation   *jOrganisation  `json:"organisation"`
	PageURL        jText           `json:"page_url"`
	Partners       []jOrganisation `json:"partners"`
	Performance    *jText          `json:"performance"`
	PersonalData   *string         `json:"personal_data"`
	Published      *string         `json:"published"`
	Purpose        *jText          `json:"purpose"`
	Redress        *jText          `json:"redress"`
	Restricted     bool            `json:"restricted"`
	Reuse          *string         `json:"reuse"`
	RiskClass      *string         `json:"risk_class"`
	Risks          *jText          `json:"risks"`
	SourceCodeURL  *string         `json:"source_code_url"`
	SourceURL      *string         `json:"source_url"`
	Start          *string         `json:"start"`
	Status         *string         `json:"status"`
	Summary        *jText          `json:"summary"`
	Tags           []string        `json:"tags"`
	Techniques     []string        `json:"techniques"`
	Topics         []jTopic        `json:"topics"`
	Updated        *string         `json:"updated"`
	Users          *string         `json:"users"`
	Vendor         *string         `json:"vendor"`
	VersionCount   *int            `json:"version_count,omitempty"`
	Versions       []jVersionRef   `json:"versions,omitempty"`
}

func (x *exporter) orgPageURL(id string) jText {
	return x.pageURLs(x.orgURL, id)
}

func (x *exporter) jOrg(id string) *jOrganisation {
	if id == "" {
		return nil
	}
	o := x.r.Organisation(id)
	if o == nil {
		return &jOrganisation{ID: id, PageURL: x.orgPageURL(id)}
	}
	var addr *jAddress
	if a := o.Address; a != nil {
		addr = &jAddress{City: a.City, PostalCode: a.PostalCode, Street: a.Street}
	}
	return &jOrganisation{
		Address:      addr,
		AGS:          str(o.AGS),
		ContactEmail: str(o.ContactEmail),
		ID:           o.ID,
		Level:        str(string(o.Level)),
		Name:         mkText(o.Name),
		PageURL:      x.orgPageURL(o.ID),
		Parent:       str(o.Parent),
		ShortName:    str(o.ShortName),
		State:        str(o.State),
		URL:          str(o.URL),
	}
}

func (x *exporter) jSystem(s *register.System) *jSystem {
	j := x.jSystemOnly(s)
	x.addHistory(j, s.ID)
	return j
}

// jSystemOnly is jSystem without the history keys (for the snapshots of
// versions). It runs for every version of every system: its strings and
// texts come from a few blocks (jBlocks) and the organisations are made
// once (sharedOrg).
func (x *exporter) jSystemOnly(s *register.System) *jSystem {
	s = Public(s)
	var a jBlocks
	j := &jSystem{
		Alternatives:   a.text(s.Alternatives),
		DecisionRole:   a.str(string(s.DecisionRole)),
		Performance:    a.text(s.Performance),
		Redress:        a.text(s.Redress),
		SourceURL:      a.str(s.SourceURL),
		Art63Grounds:   a.text(s.Art63Grounds),
		Assessments:    make([]jAssessment, 0, len(s.Assessments)),
		BasedOn:        a.str(s.BasedOn),
		ContactEmail:   a.str(s.ContactEmail),
		ContactURL:     a.str(s.ContactURL),
		Cooperation:    a.text(s.Cooperation),
		Data:           make([]jDataSet, 0, len(s.Data)),
		Description:    a.text(s.Description),
		Development:    a.str(string(s.Development)),
		End:            a.str(string(s.End)),
		Hosting:        a.str(string(s.Hosting)),
		HumanOversight: a.text(s.HumanOversight),
		ID:             s.ID,
		LegalBasis:     make([]jLegalBasis, 0, len(s.LegalBasis)),
		License:        a.str(s.License),
		Models:         make([]jModel, 0, len(s.Models)),
		Name:           a.text(s.Name),
		NextReview:     a.str(string(s.NextReview)),
		OperatingLogic: a.text(s.OperatingLogic),
		Organisation:   x.sharedOrg(s.Organisation),
		PageURL:        jText{De: a.str(x.pageURL("de", s.ID))}, // pageURLs'
		Partners:       make([]jOrganisation, 0, len(s.Partners)),
		PersonalData:   a.str(string(s.PersonalData)),
		Published:      a.str(string(s.Published)),
		Purpose:        a.text(s.Purpose),
		Restricted:     s.Restricted,
		Reuse:          a.str(string(s.Reuse)),
		RiskClass:      a.str(string(s.RiskClass)),
		Risks:          a.text(s.Risks),
		SourceCodeURL:  a.str(s.SourceCodeURL),
		Start:          a.str(string(s.Start)),
		Status:         a.str(string(s.Status)),
		Summary:        a.text(s.Summary),
		Tags:           append([]string{}, s.Tags...),
		Techniques:     make([]string, 0, len(s.Techniques)),
		Topics:         make([]jTopic, 0, len(s.Topics)),
		Updated:        a.str(string(s.Updated)),
		Users:          a.str(string(s.Users)),
		Vendor:         a.str(s.Vendor),
	}
	if x.en {
		j.PageURL.En = a.str(x.pageURL("en", s.ID))
	}
	if s.AnnexIIIArea != 0 {
		a := s.AnnexIIIArea
		j.AnnexIIIArea = &a
	}
	if s.EUDatabase != nil {
		j.EUDatabase = &jEUDatabase{ID: a.str(s.EUDatabase.ID), URL: a.str(s.EUDatabase.URL)}
	}
	for _, as := range s.Assessments {
		j.Assessments = append(j.Assessments, jAssessment{Date: a.str(string(as.Date)), Summary: a.text(as.Summary), Type: string(as.Type), URL: a.str(as.URL)})
	}
	for _, d := range s.Data {
		j.Data = append(j.Data, jDataSet{Description: a.text(d.Description), Phase: a.str(string(d.Phase)), Title: a.text(d.Title), URL: a.str(d.URL)})
	}
	for _, l := range s.LegalBasis {
		j.LegalBasis = append(j.LegalBasis, jLegalBasis{Title: a.text(l.Title), URL: a.str(l.URL)})
	}
	for _, m := range s.Models {
		j.Models = append(j.Models, jModel{Name: m.Name, OpenWeights: m.OpenWeights, Provider: a.str(m.Provider), Version: a.str(m.Version)})
	}
	for _, p := range s.Partners {
		// An old version's partner may be empty (versions are not
		// validated): no partner, as an empty organisation is null.
		if o := x.sharedOrg(p); o != nil {
			j.Partners = append(j.Partners, *o)
		}
	}
	for _, t := range s.Techniques {
		j.Techniques = append(j.Techniques, string(t))
	}
	for _, id := range s.Topics {
		jt := jTopic{ID: id}
		if t := x.r.Topic(id); t != nil {
			jt.Label = a.text(t.Label)
		}
		j.Topics = append(j.Topics, jt)
	}
	return j
}

// jBlocks hands out the *string and *jText values of one jSystem from
// blocks, a few allocations instead of one for each value; the values
// are str's and mkText's.
type jBlocks struct {
	strs  []string
	texts []jText
}

func (a *jBlocks) str(s string) *string {
	if s == "" {
		return nil
	}
	if len(a.strs) == cap(a.strs) {
		a.strs = make([]string, 0, 48)
	}
	a.strs = append(a.strs, s) // within the capacity: earlier pointers stay valid
	return &a.strs[len(a.strs)-1]
}

func (a *jBlocks) text(t register.Text) *jText {
	if t.IsZero() {
		return nil
	}
	if len(a.texts) == cap(a.texts) {
		a.texts = make([]jText, 0, 16)
	}
	a.texts = append(a.texts, jText{De: a.str(t.De), En: a.str(t.En)})
	return &a.texts[len(a.texts)-1]
}

// sharedOrg is jOrg, made once for each organisation of the register and
// shared by the systems' JSON (which is only read).
func (x *exporter) sharedOrg(id string) *jOrganisation {
	x.orgOnce.Do(func() {
		x.orgJSON = make(map[string]*jOrganisation, len(x.r.Organisations))
		for _, o := range x.r.Organisations {
			x.orgJSON[o.ID] = x.jOrg(o.ID)
		}
	})
	if o, ok := x.orgJSON[id]; ok {
		return o
	}
	return x.jOrg(id)
}

// encodeChunk is how many systems are encoded in parallel before they are
// appended to register.json, so that at most one chunk is held at once.
const encodeChunk = 1024

// encodeSystems encodes every system once, compactly, on all cores, and
// passes the encodings to emit in id order.
func (x *exporter) encodeSystems(emit func(i int, b []byte) error) error {
	return inOrder(len(x.systems), func(i int) ([]byte, error) {
		s := x.systems[i]
		b, err := systemJSON.marshal(x.jSystem(s)) // marshal's bytes (fastjson.go)
		if err != nil {
			err = fmt.Errorf("export: system %s: %w", s.ID, err)
		}
		return b, err
	}, emit)
}

// inOrder computes encode(i) for i in [0, n) on all cores, a chunk of
// encodeChunk at a time, and passes the results to emit in order from
// the calling goroutine; the first error (by index) ends it. At most one
// chunk of results is held at once.
func inOrder[T any](n int, encode func(i int) (T, error), emit func(i int, v T) error) error {
	workers := max(1, runtime.GOMAXPROCS(0))
	buf := make([]T, min(encodeChunk, n))
	errs := make([]error, len(buf))
	var zero T
	for lo := 0; lo < n; lo += encodeChunk {
		hi := min(lo+encodeChunk, n)
		var wg sync.WaitGroup
		for w := 0; w < min(workers, hi-lo); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := lo + w; i < hi; i += workers {
					buf[i-lo], errs[i-lo] = encode(i)
				}
			}()
		}
		wg.Wait()
		for i := lo; i < hi; i++ {
			if errs[i-lo] != nil {
				return errs[i-lo]
			}
			if err := emit(i, buf[i-lo]); err != nil {
				return err
			}
			buf[i-lo] = zero
		}
	}
	return nil
}

// marshal is json.Marshal without HTML escaping (the files are served as
// application/json, and "<" in a summary should stay readable).
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// marshalIndent is marshal with two-space indentation and a final newline.
func marshalIndent(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// RegisterJSON returns daten/register.json.
func RegisterJSON(r *register.Register, cfg Config) ([]byte, error) {
	x, err := newExporter(r, cfg)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	if err := x.registerJSON(w, nil); err != nil {
		return nil, err
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// registerJSON writes register.json to w. each, when not nil, gets every
// system's object after it is written, in id order.
func (x *exporter) registerJSON(w *bufio.Writer, each func(i int, b []byte) error) error {
	reg := jRegister{
		Count:         len(x.systems),
		License:       licenseURI(x.site.License),
		Modified:      str(x.latestUpdate()),
		Publisher:     jPublisher{Email: str(x.site.Operator.Email), Name: mkText(x.site.Operator.Name), URL: str(x.site.Operator.URL)},
		SchemaVersion: SchemaVersion,
		Systems:       []rawJSON{},
		Title:         mkText(x.site.Title),
		URL:           x.base,
	}
	head, err := marshalIndent(reg)
	if err != nil {
		return err
	}
	if len(x.systems) == 0 {
		_, err := w.Write(head)
		return err
	}
	// One system per line: the file stays greppable and diffs stay small.
	const empty = `"systems": []`
	i := bytes.Index(head, []byte(empty))
	if i < 0 {
		return fmt.Errorf("export: register.json: systems key not found")
	}
	w.Write(head[:i])
	w.WriteString(`"systems": [`)
	err = x.encodeSystems(func(k int, s []byte) error {
		if k > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n    ")
		if _, err := w.Write(s); err != nil || each == nil {
			return err
		}
		return each(k, s)
	})
	if err != nil {
		return err
	}
	w.WriteString("\n  ]")
	_, err = w.Write(head[i+len(empty):])
	return err
}

func (x *exporter) jsonFiles(out *sink) error {
	// One system per file: the same bytes as its line in register.json
	// (compact; browsers and jq indent it for reading), written in id
	// order from one goroutine: the files share one directory, where
	// creating files from two goroutines costs the kernel more CPU time
	// and saves no wall time.
	each := func(i int, b []byte) error {
		return out.write("daten/systeme/"+x.systems[i].ID+".json", b)
	}
	if err := out.stream("daten/register.json", func(w *bufio.Writer) error { return x.registerJSON(w, each) }); err != nil {
		return err
	}
	if err := x.snapshots(out); err != nil {
		return err
	}
	return out.write("daten/register.schema.json", registerSchema)
}
