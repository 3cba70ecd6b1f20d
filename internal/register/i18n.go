package register

import "fmt"

// Catalog holds the UI strings of a theme by language and key, read from
// themes/<theme>/i18n/<lang>.yaml. Enumeration values have keys
// "<enum>.<value>" (for example "status.production", "risk_class.high_risk",
// "level.bund", "state.DE-BW", "technique.nlp"), field labels "field.<key>".
type Catalog map[string]map[string]string

// T returns the string for key in lang, falling back to German, and to the
// key itself in brackets when it is missing everywhere (so a missing string
// is visible but never fatal at run time; a test checks completeness).
func (c Catalog) T(lang, key string) string {
	if s, ok := c[lang][key]; ok {
		return s
	}
	if s, ok := c["de"][key]; ok {
		return s
	}
	return "[" + key + "]"
}

// Tf is T with fmt.Sprintf arguments.
func (c Catalog) Tf(lang, key string, args ...any) string {
	return fmt.Sprintf(c.T(lang, key), args...)
}
