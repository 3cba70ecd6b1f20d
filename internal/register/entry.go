package register

// Month is a month in the form YYYY-MM.
type Month string

// Date is a day in the form YYYY-MM-DD.
type Date string

// Meta is what the loader knows about the file an entry came from.
type Meta struct {
	// ID is the file name without extension.
	ID string `yaml:"-"`
	// File is the slash-separated path relative to the project root.
	File string `yaml:"-"`
	// Path is the path relative to the content directory ("systeme/foo.md").
	Path string `yaml:"-"`
	// Positions holds the position of every field's value and key in File
	// (see PosOf, KeyPosOf, Has); the loader builds it.
	Positions Positions `yaml:"-"`
	// BodyLine is the line of File where a Markdown body starts (0: no body).
	BodyLine int `yaml:"-"`
}

// TextPos maps a position inside the text at path (line and col counted
// from 1 within the text) to a position in the file.
func (m *Meta) TextPos(path string, line, col int) Pos {
	p := m.PosOf(path)
	if p.Line == 0 {
		return p
	}
	if line > 1 || m.IsBlock(path) {
		return Pos{File: p.File, Line: p.Line + line - 1, Col: p.Col + col - 1}
	}
	return Pos{File: p.File, Line: p.Line, Col: p.Col + col - 1}
}

// PosOf returns the position of the value at the dotted field path, or of
// the nearest enclosing field that has one, or the start of the file.
func (m *Meta) PosOf(path string) Pos {
	for p := path; p != ""; p = parentPath(p) {
		if line, col, ok := m.Positions.value(p); ok {
			return Pos{File: m.File, Line: line, Col: col}
		}
	}
	return Pos{File: m.File, Line: 1, Col: 1}
}

// KeyPosOf returns the position of the key at the dotted path, falling back
// like PosOf.
func (m *Meta) KeyPosOf(path string) Pos {
	if pos, ok := m.KeyPos(path); ok {
		return pos
	}
	return m.PosOf(path)
}

// KeyPos returns the position of the key at the dotted path, if the file
// has that key.
func (m *Meta) KeyPos(path string) (Pos, bool) {
	line, col, ok := m.Positions.key(path)
	if !ok {
		return Pos{}, false
	}
	return Pos{File: m.File, Line: line, Col: col}, true
}

// Has reports whether the dotted field path was present in the file.
func (m *Meta) Has(path string) bool {
	_, _, ok := m.Positions.value(path)
	return ok
}

// HasKey reports whether the file has a key at the dotted field path. A
// key without a value (Has false) is one whose value the loader rejected
// and reported.
func (m *Meta) HasKey(path string) bool {
	_, _, ok := m.Positions.key(path)
	return ok
}

// IsBlock reports whether the value at path is a YAML block scalar (| or
// >); its position is then the first line of the content.
func (m *Meta) IsBlock(path string) bool { return m.Positions.block(path) }

// Decoded reports whether the loader decoded the entry's file (it may have
// no fields); false for an entry whose file was missing or unreadable.
func (m *Meta) Decoded() bool { return m.Positions.paths != nil }

// ForgetPositions drops the entry's positions to free their memory once
// no more errors will be reported about it. Decoded stays true.
func (m *Meta) ForgetPositions() {
	if m.Decoded() {
		m.Positions = Positions{paths: []string{}}
	}
}

func parentPath(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '.' {
			return p[:i]
		}
	}
	return ""
}

// System is one AI system (content/systeme/<id>.yaml or .md), DESIGN §3.1.
type System struct {
	Meta `yaml:"-"`

	Name           Text         `yaml:"name" maki:"required,max=100"`
	Summary        Text         `yaml:"summary" maki:"required,max=400"`
	Description    Text         `yaml:"description" maki:"markdown"`
	Organisation   string       `yaml:"organisation" maki:"required,ref=organisation"`
	Partners       []string     `yaml:"partners" maki:"ref=organisation"`
	Status         Status       `yaml:"status" maki:"required"`
	Start          Month        `yaml:"start" maki:"format=month"`
	End            Month        `yaml:"end" maki:"format=month"`
	Topics         []string     `yaml:"topics" maki:"required,ref=topic,min=1"`
	Techniques     []Technique  `yaml:"techniques" maki:"required,min=1"`
	Users          Users        `yaml:"users" maki:"required"`
	Purpose        Text         `yaml:"purpose" maki:"required,markdown"`
	RiskClass      RiskClass    `yaml:"risk_class" maki:"required"`
	AnnexIIIArea   int          `yaml:"annex_iii_area" maki:"min=1,maxval=8"`
	Art63Grounds   Text         `yaml:"art6_3_grounds"`
	EUDatabase     *EUDatabase  `yaml:"eu_database"`
	OperatingLogic Text         `yaml:"operating_logic" maki:"markdown"`
	HumanOversight Text         `yaml:"human_oversight" maki:"markdown"`
	Risks          Text         `yaml:"risks" maki:"markdown"`
	DecisionRole   DecisionRole `yaml:"decision_role"`
	Redress        Text         `yaml:"redress" maki:"markdown"`
	Alternatives   Text         `yaml:"alternatives" maki:"markdown"`
	Performance    Text         `yaml:"performance" maki:"markdown"`
	PersonalData   PersonalData `yaml:"personal_data" maki:"required"`
	Assessments    []Assessment `yaml:"assessments"`
	LegalBasis     []LegalBasis `yaml:"legal_basis"`
	Models         []Model      `yaml:"models"`
	Data           []DataSet    `yaml:"data"`
	Development    Development  `yaml:"development"`
	Vendor         string       `yaml:"vendor" maki:"max=200"`
	Hosting        Hosting      `yaml:"hosting"`
	SourceCodeURL  string       `yaml:"source_code_url" maki:"format=https"`
	License        string       `yaml:"license" maki:"format=spdx"`
	Reuse          Reuse        `yaml:"reuse"`
	Cooperation    Text         `yaml:"cooperation" maki:"markdown"`
	BasedOn        string       `yaml:"based_on" maki:"ref=system"`
	ContactEmail   string       `yaml:"contact_email" maki:"format=email"` // required unless the organisation has one
	SourceURL      string       `yaml:"source_url" maki:"format=https"`
	ContactURL     string       `yaml:"contact_url" maki:"format=https"`
	Published      Date         `yaml:"published" maki:"required,format=date"`
	Updated        Date         `yaml:"updated" maki:"required,format=date"`
	NextReview     Date         `yaml:"next_review" maki:"format=date"`
	Tags           []string     `yaml:"tags" maki:"max=60"`
	Restricted     bool         `yaml:"restricted"`
}

// EUDatabase links a system's entry in the EU database for high-risk AI systems.
type EUDatabase struct {
	URL string `yaml:"url" maki:"required,format=https"`
	ID  string `yaml:"id" maki:"max=100"`
}

// Assessment is an impact assessment (DPIA, FRIA or other).
type Assessment struct {
	Type    AssessmentType `yaml:"type" maki:"required"`
	Date    Date           `yaml:"date" maki:"format=date"`
	URL     string         `yaml:"url" maki:"format=https"`
	Summary Text           `yaml:"summary" maki:"max=2000"`
}

// LegalBasis is a law or regulation a system rests on.
type LegalBasis struct {
	Title Text   `yaml:"title" maki:"required,max=300"`
	URL   string `yaml:"url" maki:"format=https"`
}

// Model is an AI model a system uses.
type Model struct {
	Name        string `yaml:"name" maki:"required,max=200"`
	Provider    string `yaml:"provider" maki:"max=200"`
	Version     string `yaml:"version" maki:"max=100"`
	OpenWeights bool   `yaml:"open_weights"`
}

// DataSet is a data set a system was developed with or works on.
type DataSet struct {
	Title       Text      `yaml:"title" maki:"required,max=300"`
	Phase       DataPhase `yaml:"phase"`
	URL         string    `yaml:"url" maki:"format=https"`
	Description Text      `yaml:"description" maki:"max=2000"`
}

// Organisation is one authority (content/organisationen/<id>.yaml), DESIGN §3.2.
type Organisation struct {
	Meta `yaml:"-"`

	Name         Text     `yaml:"name" maki:"required,max=200"`
	ShortName    string   `yaml:"short_name" maki:"max=40"`
	Level        Level    `yaml:"level" maki:"required"`
	State        string   `yaml:"state" maki:"format=state"`
	AGS          string   `yaml:"ags" maki:"format=ags"`
	URL          string   `yaml:"url" maki:"format=https"`
	ContactEmail string   `yaml:"contact_email" maki:"format=email"`
	Address      *Address `yaml:"address"`
	Parent       string   `yaml:"parent" maki:"ref=organisation"`
	// Submitter submits the organisation's high-risk systems to the EU
	// database on its behalf (AI Act Annex VIII section C point 2); when
	// absent, the site operator is taken to do so.
	Submitter *Submitter `yaml:"submitter"`
}

// Submitter is the person or office that submits information to the EU
// database on behalf of a deployer (AI Act Annex VIII section C point 2:
// "name, address and contact details").
type Submitter struct {
	Name    string   `yaml:"name" maki:"required,max=200"`
	Address *Address `yaml:"address"`
	Email   string   `yaml:"email" maki:"format=email"`
	URL     string   `yaml:"url" maki:"format=https"`
}

// Address is the postal address of an organisation (the deployer's address
// of AI Act Annex VIII section C point 1).
type Address struct {
	Street     string `yaml:"street" maki:"required,max=200"`
	PostalCode string `yaml:"postal_code" maki:"required,max=10"`
	City       string `yaml:"city" maki:"required,max=100"`
}

// Topic is one entry of the topic vocabulary (content/themen.yaml).
type Topic struct {
	Meta `yaml:"-"`

	ID          string `yaml:"id" maki:"required"`
	Label       Text   `yaml:"label" maki:"required,max=80"`
	Description Text   `yaml:"description" maki:"max=400"`
}

// Page is a static page (content/seiten/<slug>.md).
type Page struct {
	Meta `yaml:"-"`

	Title  Text   `yaml:"title" maki:"required,max=100"`
	Slug   string `yaml:"slug"`
	Menu   Menu   `yaml:"menu"`
	Weight int    `yaml:"weight"`
	// Video is the page's video, for the page in Deutsche Gebärdensprache
	// (BITV 2.0 § 4, Anlage 2 Teil 1); nil when the page has none.
	Video *Video `yaml:"video"`
	// Body is the Markdown body: German from <slug>.md, English from the
	// optional <slug>.en.md beside it (a body only, front matter optional).
	Body Text `yaml:"-" maki:"markdown"`
	// BodyEnFile and BodyEnLine locate the English body, when there is one.
	BodyEnFile string `yaml:"-"`
	BodyEnLine int    `yaml:"-"`
}

// Video is a video the operator supplies, such as the explanation of the
// register in Deutsche Gebärdensprache. Its files lie in the content folder
// under medien/ and are copied to the same path in the output: a video from
// another host would be a third-party request, so only local paths are
// allowed. The page shows it in a <video> with controls and the captions
// as a <track>, with a download link naming format, size and duration.
type Video struct {
	// Src is the video file: "medien/<name>.mp4" or ".webm".
	Src string `yaml:"src" maki:"required,max=200"`
	// Captions is the WebVTT file with the captions (Untertitel) of the
	// spoken or signed content: "medien/<name>.vtt".
	Captions string `yaml:"captions" maki:"required,max=200"`
	// Duration is the running time, "m:ss" or "h:mm:ss" ("4:30").
	Duration string `yaml:"duration" maki:"required"`
	// Poster is an optional still image shown before playing:
	// "medien/<name>.jpg", ".png" or ".webp".
	Poster string `yaml:"poster" maki:"max=200"`
	// Description says in one sentence what the video shows; it names the
	// video for assistive technology.
	Description Text `yaml:"description" maki:"max=300"`
	// Bytes is the size of Src, read from the file by the build (the
	// download link names it); 0 until then.
	Bytes int64 `yaml:"-"`
}

// Site holds the site settings (content/site.yaml), DESIGN §3.3.
type Site struct {
	Meta `yaml:"-"`

	Title                Text              `yaml:"title" maki:"required,max=120"`
	BaseURL              string            `yaml:"base_url" maki:"required,format=url"`
	Languages            []Language        `yaml:"languages"`
	Operator             Operator          `yaml:"operator" maki:"required"`
	AccessibilityContact string            `yaml:"accessibility_contact" maki:"required,format=email"`
	Repository           Repository        `yaml:"repository"`
	SecurityContact      string            `yaml:"security_contact" maki:"format=email"`
	Redirects            map[string]string `yaml:"redirects"`
	// License is the data licence of the open-data exports: an id of the
	// dcat-ap.de licence vocabulary ("dl-by-de/2.0") or its full URI.
	License string `yaml:"license"`
	// ContributorID is the operator's GovData contributor URI
	// (dcatde:contributorID): a URI http://dcat-ap.de/def/contributors/…
	// or the id after that prefix.
	ContributorID string `yaml:"contributor_id"`
	// Coverage is the administrative level and area the register covers;
	// empty means the whole federation (Bund, Germany).
	Coverage Coverage `yaml:"coverage"`
	// Editor, when present, turns on the web editor at /admin/
	// (docs/editor-web.md); without it the build writes no admin/ files.
	Editor *Editor `yaml:"editor"`
	// History says what the change history publishes.
	History HistoryConfig `yaml:"history"`
}

// Coverage is the level and area of the authorities a register covers
// (dcatde:politicalGeocodingLevelURI and politicalGeocodingURI).
type Coverage struct {
	Level Level  `yaml:"level"`
	State string `yaml:"state" maki:"format=state"`
	AGS   string `yaml:"ags" maki:"format=ags"`
}

// Editor holds the settings of the web editor at /admin/: the git host it
// saves to (as merge requests) and how editors sign in there.
type Editor struct {
	Backend EditorBackend `yaml:"backend" maki:"required"`
	// Repo is the repository path on the host ("gruppe/projekt").
	Repo string `yaml:"repo" maki:"required,max=200"`
	// Branch is the target branch of the merge requests (default main).
	Branch string `yaml:"branch" maki:"max=100"`
	// APIRoot is the host's REST API ("https://gitlab.opencode.de/api/v4").
	APIRoot string `yaml:"api_root" maki:"format=https"`
	// AppID is the id of the OAuth application (GitLab: PKCE sign-in).
	AppID string `yaml:"app_id" maki:"max=200"`
	// BaseURL is the origin of the host's OAuth endpoints
	// ("https://gitlab.opencode.de").
	BaseURL string `yaml:"base_url" maki:"format=https"`
}

// HistoryConfig says what the change history publishes. Commit authors
// are civil servants: their names are published only when Authors is true;
// e-mail addresses never are.
type HistoryConfig struct {
	Authors bool `yaml:"authors"`
}

// Operator is who runs the site (for Impressum and security.txt).
type Operator struct {
	Name    Text   `yaml:"name" maki:"required,max=200"`
	Address string `yaml:"address" maki:"max=400"`
	Email   string `yaml:"email" maki:"required,format=email"`
	URL     string `yaml:"url" maki:"format=https"`
}

// Repository is where the content is kept; EditURL has a {path} placeholder
// for the content-relative path of a file. IssuesURL opens a new issue,
// with {title} and {body} placeholders; without it the fact sheets derive
// it from URL on github.com, codeberg.org and GitLab hosts.
type Repository struct {
	URL       string `yaml:"url" maki:"format=https"`
	EditURL   string `yaml:"edit_url" maki:"format=https"`
	IssuesURL string `yaml:"issues_url" maki:"format=https"`
}

// Register is the whole loaded content: site settings, vocabulary,
// organisations, systems and pages, each slice sorted by ID.
type Register struct {
	Site          *Site
	Topics        []*Topic
	Organisations []*Organisation
	Systems       []*System
	Pages         []*Page
	// Synonyms are the search's synonym groups (content/synonyme.yaml):
	// each group's words and phrases find each other.
	Synonyms [][]string
	// History is the systems' history from git; nil without one.
	History *History

	orgs    map[string]*Organisation
	systems map[string]*System
	topics  map[string]*Topic
}

// Index builds the id lookups used by Organisation, System and Topic.
// Call it again after changing the slices.
func (r *Register) Index() {
	r.orgs = make(map[string]*Organisation, len(r.Organisations))
	for _, o := range r.Organisations {
		r.orgs[o.ID] = o
	}
	r.systems = make(map[string]*System, len(r.Systems))
	for _, s := range r.Systems {
		r.systems[s.ID] = s
	}
	r.topics = make(map[string]*Topic, len(r.Topics))
	for _, t := range r.Topics {
		r.topics[t.ID] = t
	}
}

// Organisation returns the organisation with the id, or nil.
func (r *Register) Organisation(id string) *Organisation {
	if r.orgs == nil {
		r.Index()
	}
	return r.orgs[id]
}

// System returns the system with the id, or nil.
func (r *Register) System(id string) *System {
	if r.systems == nil {
		r.Index()
	}
	return r.systems[id]
}

// Topic returns the topic with the id, or nil.
func (r *Register) Topic(id string) *Topic {
	if r.topics == nil {
		r.Index()
	}
	return r.topics[id]
}
