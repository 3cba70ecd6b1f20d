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

// EditDistance returns the Levenshtein distance between a and b in runes:
// the number of single-letter insertions, deletions and substitutions that
// turn one into the other. Checks use it for "did you mean" suggestions.
func EditDistance(a, b string) int {
	if a == b {
		return 0
	}
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
