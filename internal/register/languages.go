package register

// defaultLanguages are the languages of a site whose site.yaml names none.
var defaultLanguages = []string{"de", "en"}

// Langs returns the codes of the languages the site is published in, German
// first: site.yaml's languages, or de and en when it names none (or there is
// no site.yaml). Every stage that writes per-language output (pages, feeds,
// sitemap, search summaries) asks this one method, so a German-only site
// writes nothing English.
func (s *Site) Langs() []string {
	if s == nil || len(s.Languages) == 0 {
		return append([]string(nil), defaultLanguages...)
	}
	out := make([]string, len(s.Languages))
	for i, l := range s.Languages {
		out[i] = string(l)
	}
	return out
}

// HasLang reports whether the site is published in lang.
func (s *Site) HasLang(lang string) bool {
	for _, l := range s.Langs() {
		if l == lang {
			return true
		}
	}
	return false
}
