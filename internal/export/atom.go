package export

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"maki/internal/register"
)

// FeedSize is the number of entries in an Atom feed.
const FeedSize = 50

// feedOrder orders systems for a feed: newest updated first, then newest
// published, then by id (ids are unique, so the order is total).
func feedOrder(a, b *register.System) int {
	return cmp.Or(-cmp.Compare(a.Updated, b.Updated), -cmp.Compare(a.Published, b.Published), cmp.Compare(a.ID, b.ID))
}

// feedEntries returns the systems for the main feed, in feedOrder.
func (x *exporter) feedEntries() []*register.System {
	s := x.byFeedOrder()
	return s[:min(len(s), FeedSize)]
}

// byFeedOrder returns all systems in feedOrder, sorted once per export.
func (x *exporter) byFeedOrder() []*register.System {
	x.feedOnce.Do(func() {
		x.feedSorted = slices.Clone(x.systems)
		slices.SortFunc(x.feedSorted, feedOrder)
	})
	return x.feedSorted
}

// A feedGroup is a group of systems with a feed of its own: an
// organisation, a topic or a Land (by the organisation's state).
type feedGroup struct {
	// path is the group's page below the language root
	// ("organisationen/bmi/"); its feed is path+"feed.xml".
	path string
	// name is the group's name, by language.
	name func(lang string) (string, string)
	// entries are the group's newest systems, at most FeedSize, in
	// feedOrder.
	entries []*register.System
}

// GroupFeedPath returns the path, below the language root, of the Atom
// feed of the group page at page ("organisationen/bmi/",
// "themen/bildung/", "laender/de-bw/"): the feeds the exports write for
// every organisation, topic and Land, which the pages link to.
func GroupFeedPath(page string) string { return page + "feed.xml" }

// feedGroups returns the groups with a feed, in a fixed order
// (organisations, topics, Länder, each by id), with their entries: one
// walk over the systems in feed order appends each system to its groups
// until a group is full, so the cost grows with the number of systems, not
// with systems times groups. Every organisation, topic and Land has a
// feed, an empty one when it has no systems, as each has a page.
func (x *exporter) feedGroups() []*feedGroup {
	var groups []*feedGroup
	orgs := make(map[string]*feedGroup, len(x.r.Organisations))
	for _, o := range x.r.Organisations {
		g := &feedGroup{path: "organisationen/" + o.ID + "/", name: o.Name.In}
		orgs[o.ID] = g
		groups = append(groups, g)
	}
	topics := make(map[string]*feedGroup, len(x.r.Topics))
	for _, t := range x.r.Topics {
		g := &feedGroup{path: "themen/" + t.ID + "/", name: t.Label.In}
		topics[t.ID] = g
		groups = append(groups, g)
	}
	states := make(map[string]*feedGroup, len(register.States))
	for _, code := range register.States {
		key := "state." + code
		g := &feedGroup{path: "laender/" + strings.ToLower(code) + "/", name: func(lang string) (string, string) {
			return x.label(lang, key, code), lang
		}}
		states[code] = g
		groups = append(groups, g)
	}
	add := func(g *feedGroup, s *register.System) {
		// A topic listed twice counts once: s was then added last.
		if g != nil && len(g.entries) < FeedSize && (len(g.entries) == 0 || g.entries[len(g.entries)-1] != s) {
			g.entries = append(g.entries, s)
		}
	}
	for _, s := range x.byFeedOrder() {
		add(orgs[s.Organisation], s)
		for _, t := range s.Topics {
			add(topics[t], s)
		}
		if o := x.r.Organisation(s.Organisation); o != nil {
			add(states[o.State], s)
		}
	}
	return groups
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

// feedSpec is what differs between the main feed and a group's.
type feedSpec struct {
	path      string // of the feed, below the language root
	page      string // of the HTML page it follows, below the language root
	title     string
	titleLang string // when the title is in another language than the feed
	entries   []*register.System
}

// atomFeed returns feed.xml (lang "de") or en/feed.xml.
func (x *exporter) atomFeed(lang string, entryXML func(*register.System) string) []byte {
	title, _ := x.site.Title.In(lang)
	if title == "" {
		title = "KI-Transparenzregister"
	}
	return x.writeFeed(lang, feedSpec{path: "feed.xml", title: title, entries: x.feedEntries()}, entryXML)
}

// groupFeed returns the feed of a group in lang: its title is the group's
// name and the site's title.
func (x *exporter) groupFeed(lang string, g *feedGroup, entryXML func(*register.System) string) []byte {
	name, nameLang := g.name(lang)
	site, _ := x.site.Title.In(lang)
	title := name
	if site != "" {
		title += " – " + site
	}
	return x.writeFeed(lang, feedSpec{path: GroupFeedPath(g.path), page: g.path, title: title,
		titleLang: langAttr(lang, nameLang), entries: g.entries}, entryXML)
}

// writeFeed writes one Atom feed. Its updated time is its newest entry's;
// a feed with no entries takes the register's newest update (so it
// changes only with the content), and only an empty register the build
// time.
func (x *exporter) writeFeed(lang string, f feedSpec, entryXML func(*register.System) string) []byte {
	updated := ""
	if len(f.entries) > 0 {
		updated = atomTime(f.entries[0].Updated)
	}
	if updated == "" {
		updated = atomTime(register.Date(x.latest()))
	}
	if updated == "" {
		updated = x.cfg.Now.UTC().Format(time.RFC3339)
	}
	feedURL := x.abs(langPrefix(lang) + f.path)
	entries := make([]string, len(f.entries))
	size := 2048
	for i, s := range f.entries {
		entries[i] = entryXML(s)
		size += len(entries[i])
	}

	w := newXML()
	w.b.Grow(size)
	w.open("feed", "xmlns", "http://www.w3.org/2005/Atom", "xml:lang", lang)
	w.elem("id", feedURL)
	w.elem("title", f.title, "xml:lang", f.titleLang)
	w.elem("subtitle", x.tOr(lang, "feed.title", register.Text{
		De: "Neue und geänderte KI-Systeme",
		En: "New and updated AI systems",
	}))
	w.elem("updated", updated)
	w.empty("link", "rel", "self", "type", "application/atom+xml", "href", feedURL)
	w.empty("link", "rel", "alternate", "type", "text/html", "href", x.abs(langPrefix(lang)+f.page))
	w.open("author")
	op, opLang := x.site.Operator.Name.In(lang)
	if op == "" {
		op, opLang = f.title, lang
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
	for _, e := range entries {
		w.b.WriteString(e)
	}
	w.close("feed")
	return w.bytes()
}

// entryXML returns the <entry> of a system in a feed in lang, indented one
// level. It holds only what a system's public view shows (name, summary,
// organisation, status, topics, dates), whether or not the system is
// restricted.
func (x *exporter) entryXML(lang string, s *register.System) string {
	s = s.Public()
	w := &xmlWriter{depth: 1}
	w.open("entry")
	w.elem("id", x.tagURI(lang, s))
	name, nameLang := s.Name.In(lang)
	w.elem("title", name, "xml:lang", langAttr(lang, nameLang))
	w.empty("link", "rel", "alternate", "type", "text/html", "href", x.pageURL(lang, s.ID))
	w.empty("link", "rel", "alternate", "type", "application/json", "href", x.abs("daten/systeme/"+s.ID+".json"))
	up := atomTime(s.Updated)
	if up == "" {
		up = atomTime(register.Date(x.latest()))
	}
	if up == "" {
		up = x.cfg.Now.UTC().Format(time.RFC3339)
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
	return w.b.String()
}

// latest returns the newest updated date of the systems, computed once.
func (x *exporter) latest() string {
	s := x.byFeedOrder()
	if len(s) == 0 {
		return ""
	}
	return string(s[0].Updated)
}

// feeds writes the main feed and the feed of every organisation, topic
// and Land, in each of the site's languages. A system's entry is the same
// in every feed of a language, so it is made once and reused.
func (x *exporter) feeds(out *sink) error {
	groups := x.feedGroups()
	for _, lang := range x.langs {
		cache := map[*register.System]string{}
		entry := func(s *register.System) string {
			e, ok := cache[s]
			if !ok {
				e = x.entryXML(lang, s)
				cache[s] = e
			}
			return e
		}
		if err := out.write(langPrefix(lang)+"feed.xml", x.atomFeed(lang, entry)); err != nil {
			return err
		}
		for _, g := range groups {
			if err := out.write(langPrefix(lang)+GroupFeedPath(g.path), x.groupFeed(lang, g, entry)); err != nil {
				return err
			}
		}
	}
	return nil
}
