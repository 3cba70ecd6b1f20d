package export

import (
	"sort"
	"time"

	"maki/internal/register"
)

// FeedSize is the number of entries in an Atom feed.
const FeedSize = 50

// feedEntries returns the systems for the feed: newest updated first, then
// newest published, then by id.
func (x *exporter) feedEntries() []*register.System {
	s := append([]*register.System(nil), x.systems...)
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Updated != b.Updated {
			return a.Updated > b.Updated
		}
		if a.Published != b.Published {
			return a.Published > b.Published
		}
		return a.ID < b.ID
	})
	if len(s) > FeedSize {
		s = s[:FeedSize]
	}
	return s
}

// atomTime turns a YYYY-MM-DD date into an RFC 3339 timestamp at midnight
// UTC; other input gives "".
func atomTime(d register.Date) string {
	t, err := time.Parse("2006-01-02", string(d))
	if err != nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// tagURI is the permanent Atom id of a system in lang: a tag URI (RFC 4151)
// from the host of the base URL and the date the entry was first
// published, so it survives edits and moves of the path.
func (x *exporter) tagURI(lang string, s *register.System) string {
	date := string(s.Published)
	if _, err := time.Parse("2006-01-02", date); err != nil {
		return x.pageURL(lang, s.ID)
	}
	return "tag:" + x.host + "," + date + ":" + langPrefix(lang) + "systeme/" + s.ID
}

// langAttr returns the xml:lang to set on an element whose text is in
// actual inside a feed in lang, or "".
func langAttr(lang, actual string) string {
	if actual == lang {
		return ""
	}
	return actual
}

// atomFeed returns feed.xml (lang "de") or en/feed.xml.
func (x *exporter) atomFeed(lang string) []byte {
	entries := x.feedEntries()
	updated := ""
	if len(entries) > 0 {
		updated = atomTime(entries[0].Updated)
	}
	if updated == "" {
		updated = x.cfg.Now.UTC().Format(time.RFC3339)
	}
	title, _ := x.site.Title.In(lang)
	if title == "" {
		title = "KI-Transparenzregister"
	}
	feedURL := x.abs(langPrefix(lang) + "feed.xml")

	w := newXML()
	w.open("feed", "xmlns", "http://www.w3.org/2005/Atom", "xml:lang", lang)
	w.elem("id", feedURL)
	w.elem("title", title)
	w.elem("subtitle", x.tOr(lang, "feed.title", register.Text{
		De: "Neue und geänderte KI-Systeme",
		En: "New and updated AI systems",
	}))
	w.elem("updated", updated)
	w.empty("link", "rel", "self", "type", "application/atom+xml", "href", feedURL)
	w.empty("link", "rel", "alternate", "type", "text/html", "href", x.abs(langPrefix(lang)))
	w.open("author")
	op, opLang := x.site.Operator.Name.In(lang)
	if op == "" {
		op, opLang = title, lang
	}
	w.elem("name", op, "xml:lang", langAttr(lang, opLang))
	if x.site.Operator.Email != "" {
		w.elem("email", x.site.Operator.Email)
	}
	if x.site.Operator.URL != "" {
		w.elem("uri", x.site.Operator.URL)
	}
	w.close("author")
	w.elem("generator", "maki")

	for _, s := range entries {
		w.open("entry")
		w.elem("id", x.tagURI(lang, s))
		name, nameLang := s.Name.In(lang)
		w.elem("title", name, "xml:lang", langAttr(lang, nameLang))
		w.empty("link", "rel", "alternate", "type", "text/html", "href", x.pageURL(lang, s.ID))
		w.empty("link", "rel", "alternate", "type", "application/json", "href", x.abs("daten/systeme/"+s.ID+".json"))
		up := atomTime(s.Updated)
		if up == "" {
			up = updated
		}
		w.elem("updated", up)
		if p := atomTime(s.Published); p != "" {
			w.elem("published", p)
		}
		if o := x.r.Organisation(s.Organisation); o != nil {
			w.open("author")
			n, nl := o.Name.In(lang)
			w.elem("name", n, "xml:lang", langAttr(lang, nl))
			w.elem("uri", x.orgURL(lang, o.ID))
			w.close("author")
		}
		sum, sumLang := s.Summary.In(lang)
		if sum != "" {
			w.elem("summary", sum, "xml:lang", langAttr(lang, sumLang))
		}
		if ch := x.changeSummary(lang, s.ID); ch != "" { // what the newest version changed (issue 15)
			w.elem("content", ch, "type", "text")
		}
		if s.Status != "" {
			w.empty("category", "scheme", x.abs(langPrefix(lang)+"status/"), "term", string(s.Status), "label", x.label(lang, "status."+string(s.Status), string(s.Status)))
		}
		for _, id := range s.Topics {
			label := id
			if t := x.r.Topic(id); t != nil {
				label = text(t.Label, lang)
			}
			w.empty("category", "scheme", x.abs(langPrefix(lang)+"themen/"), "term", id, "label", label)
		}
		w.close("entry")
	}
	w.close("feed")
	return w.bytes()
}

func (x *exporter) feeds(out *sink) error {
	for _, lang := range x.langs {
		if err := out.write(langPrefix(lang)+"feed.xml", x.atomFeed(lang)); err != nil {
			return err
		}
	}
	return nil
}
