package register

// Text is a text field in German and, optionally, English. In content it is
// either a plain string (German) or a map {de: …, en: …}.
type Text struct {
	De string `yaml:"de"`
	En string `yaml:"en"`
}

// IsZero reports whether the text is empty in both languages.
func (t Text) IsZero() bool { return t.De == "" && t.En == "" }

// In returns the text in lang and the language it is actually written in:
// English falls back to German (and the other way round when only English
// exists), so a page can mark the fallback with a lang attribute.
func (t Text) In(lang string) (text, actual string) {
	if lang == "en" && t.En != "" {
		return t.En, "en"
	}
	if t.De != "" {
		return t.De, "de"
	}
	return t.En, "en"
}

// String returns the German text, or the English one when there is no German.
func (t Text) String() string {
	s, _ := t.In("de")
	return s
}
