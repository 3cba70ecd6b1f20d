package register

// Status is the life-cycle stage of a system.
type Status string

// Enum lists the allowed values of Status, in life-cycle order.
func (Status) Enum() []string {
	return []string{"planned", "development", "pilot", "production", "retired"}
}

// Technique is a family of AI techniques a system uses; "unknown" says the
// source did not state it.
type Technique string

// Enum lists the allowed values of Technique.
func (Technique) Enum() []string {
	return []string{"rule_based", "machine_learning", "deep_learning", "generative_ai", "nlp", "speech", "computer_vision", "optimisation", "other", "unknown"}
}

// Users says who uses a system: staff of the authority, the public, or both.
type Users string

// Enum lists the allowed values of Users; "unknown" says the source did
// not state it.
func (Users) Enum() []string { return []string{"staff", "public", "both", "unknown"} }

// DecisionRole says how a system's output enters decisions about people:
// not at all, as information, as a prepared decision a person takes, or as
// an automated individual decision (Art. 22 GDPR); "unknown" says the
// source did not state it.
type DecisionRole string

// Enum lists the allowed values of DecisionRole, from least to most weight.
func (DecisionRole) Enum() []string {
	return []string{"none", "informs", "prepares", "decides", "unknown"}
}

// RiskClass is the EU AI Act classification of a system.
type RiskClass string

// Enum lists the allowed values of RiskClass.
func (RiskClass) Enum() []string {
	return []string{"high_risk", "not_high_risk_art6_3", "transparency", "minimal", "unassessed"}
}

// PersonalData says whether a system processes personal data.
type PersonalData string

// Enum lists the allowed values of PersonalData.
func (PersonalData) Enum() []string { return []string{"personal", "pseudonymised", "none", "unknown"} }

// AssessmentType is the kind of an impact assessment.
type AssessmentType string

// Enum lists the allowed values of AssessmentType.
func (AssessmentType) Enum() []string { return []string{"dpia", "fria", "other"} }

// DataPhase says whether a data set is used in development or in operation.
type DataPhase string

// Enum lists the allowed values of DataPhase.
func (DataPhase) Enum() []string { return []string{"development", "operation"} }

// Development says how a system was built.
type Development string

// Enum lists the allowed values of Development.
func (Development) Enum() []string { return []string{"in_house", "contractor", "product", "reuse"} }

// Hosting says where a system runs.
type Hosting string

// Enum lists the allowed values of Hosting.
func (Hosting) Enum() []string {
	return []string{"on_premise", "government_cloud", "public_cloud", "saas"}
}

// Reuse says whether other authorities can reuse a system.
type Reuse string

// Enum lists the allowed values of Reuse.
func (Reuse) Enum() []string { return []string{"none", "on_request", "available"} }

// Level is the administrative level of an organisation.
type Level string

// Enum lists the allowed values of Level.
func (Level) Enum() []string { return []string{"bund", "land", "kommune", "other"} }

// EditorBackend is the git host the web editor saves to.
type EditorBackend string

// Enum lists the allowed values of EditorBackend.
func (EditorBackend) Enum() []string { return []string{"gitlab", "github", "gitea"} }

// Menu says in which menu a static page appears.
type Menu string

// Enum lists the allowed values of Menu.
func (Menu) Enum() []string { return []string{"main", "footer", "none"} }

// Language is a language code of the site.
type Language string

// Enum lists the allowed values of Language.
func (Language) Enum() []string { return []string{"de", "en"} }

// States lists the ISO 3166-2 codes of the 16 German Länder, sorted.
var States = []string{
	"DE-BB", "DE-BE", "DE-BW", "DE-BY", "DE-HB", "DE-HE", "DE-HH", "DE-MV",
	"DE-NI", "DE-NW", "DE-RP", "DE-SH", "DE-SL", "DE-SN", "DE-ST", "DE-TH",
}

// Enumeration is implemented by the enumeration types above.
type Enumeration interface{ Enum() []string }
