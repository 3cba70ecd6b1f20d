package render

import (
	"cmp"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"maki/internal/register"
)

// Page is what every template gets as its dot: the language, the site,
// the page's own path and data, and methods for strings, links and text.
type Page struct {
	Lang  string // "de" or "en"
	Other string // the other language, or "" for a one-language site
	Site  *register.Site
	Reg   *register.Register
	Stats *register.Stats
	// Path is the page's path below the language root, "" for the start
	// page, "systeme/foo/" for a system (always ends in "/" or is "").
	Path string
	// Kind names the page type ("home", "system", "list", …); it becomes
	// the body's class and lets the layout mark the current menu item.
	Kind  string
	Title string
	// Crumbs are the breadcrumbs above the title (the start page first);
	// the current page is not among them.
	Crumbs []Crumb
	// Data is the page type's own data (a *register.System, a *List, …).
	Data any
	// Sheet is the fact sheet of the system on a system page, else nil.
	Sheet *Sheet

	r     *renderer
	probe *probeRecord // on the probe page of a chrome (see chrome)
	// history is History's result once historyDone.
	history     *HistoryView
	historyDone bool
	md          *mdCache // while rendering all pages
}

// Crumb is one breadcrumb.
type Crumb struct {
	Title string
	Path  string
}

// T returns the UI string for key in the page's language.
func (p *Page) T(key string) string { return p.r.cat.T(p.Lang, key) }

// Tf is T with fmt arguments.
func (p *Page) Tf(key string, args ...any) string { return p.r.cat.Tf(p.Lang, key, args...) }

// TIn returns the UI string for key in the other language (for the language switch).
func (p *Page) TIn(lang, key string) string { return p.r.cat.T(lang, key) }

// Label returns the label of an enumeration value: Label "status" "pilot".
func (p *Page) Label(enum string, value any) string {
	return p.r.cat.T(p.Lang, enum+"."+fmt.Sprint(value))
}

// URL returns the absolute path of a page of the site in the page's
// language: URL "systeme/" is "/register/en/systeme/" on an English page of a
// site served from /register/.
func (p *Page) URL(path string) string { return p.r.url(p.Lang, path) }

// URLIn returns the path of a page in the given language.
func (p *Page) URLIn(lang, path string) string { return p.r.url(lang, path) }

// HasLang reports whether the site is published in lang, for links to
// files that exist only then (the English feed).
func (p *Page) HasLang(lang string) bool { return p.r.reg.Site.HasLang(lang) }

// Root returns the absolute path of a file at the site root (not language
// dependent), like "daten/register.json".
func (p *Page) Root(path string) string { return p.r.basePath + path }

// Abs returns the absolute URL (with host) of a page in the page's language.
func (p *Page) Abs(path string) string { return p.r.origin + p.URL(path) }

// AbsIn returns the absolute URL of a page in the given language.
func (p *Page) AbsIn(lang, path string) string { return p.r.origin + p.r.url(lang, path) }

// Asset returns the path of a static theme file by its name below static/.
func (p *Page) Asset(name string) (string, error) {
	h, ok := p.r.assets.names[name]
	if !ok {
		return "", fmt.Errorf("no static file %q in the theme", name)
	}
	return p.r.basePath + h, nil
}

// HasAsset reports whether the theme has a static file.
func (p *Page) HasAsset(name string) bool {
	_, ok := p.r.assets.names[name]
	return ok
}

// Localized is a text in the language a reader gets, and the language it
// is actually in; Foreign is true when that differs from the page's (an
// English page showing German text), so templates can mark it with lang.
type Localized struct {
	S       string
	Lang    string
	Foreign bool
}

// Tx picks the page's language from a text.
func (p *Page) Tx(t register.Text) Localized {
	s, lang := t.In(p.Lang)
	return Localized{S: s, Lang: lang, Foreign: lang != p.Lang}
}

// Text prints a text in the page's language as escaped HTML, wrapped in
// <span lang="…"> when it is in the other language. It does in one call
// what {{template "tx" (.Tx t)}} does in several, which matters on a page
// that prints dozens of texts.
func (p *Page) Text(t register.Text) template.HTML {
	s, _ := t.In(p.Lang)
	return pageText(s, t, p.Lang)
}

// pageText is Page.Text of t in lang, whose text there is s.
func pageText(s string, t register.Text, lang string) template.HTML {
	if _, actual := t.In(lang); actual != lang {
		return template.HTML(`<span lang="` + actual + `">` + template.HTMLEscapeString(s) + `</span>`)
	}
	return template.HTML(template.HTMLEscapeString(s))
}

// MD renders a Markdown text field in the page's language; headings start
// at level 1+offset. The result is wrapped in a div with lang when the text
// is in the other language.
func (p *Page) MD(t register.Text, offset int) template.HTML {
	s, lang := t.In(p.Lang)
	h := p.markdown(t, s, offset)
	if lang != p.Lang && h != "" {
		return template.HTML(`<div lang="`+lang+`">`) + h + "</div>"
	}
	return h
}

// markdown renders s, the text t shows on p, once for all the pages of a
// RenderAll that show it: when the pages of other languages show the very
// same text (an English page of a system without English text shows the
// German), its HTML is kept from the first of them to the last.
func (p *Page) markdown(t register.Text, s string, offset int) template.HTML {
	c := p.md
	if c == nil || s == "" {
		return p.r.cfg.Markdown(s, offset)
	}
	shared := 0
	for _, l := range p.r.langs {
		if o, _ := t.In(l); l != p.Lang && len(o) == len(s) && unsafe.StringData(o) == unsafe.StringData(s) {
			shared++
		}
	}
	if shared == 0 {
		return p.r.cfg.Markdown(s, offset)
	}
	return c.get(mdKey{unsafe.StringData(s), len(s), offset}, shared, func() template.HTML { return p.r.cfg.Markdown(s, offset) })
}

// mdCache holds the HTML of Markdown texts that pages of several languages
// show, by the text's identity (its bytes in memory, not its content), from
// the first of those pages to the last. RenderAll renders the pages of a
// path in all languages one after the other, so it stays small.
type mdCache struct {
	mu sync.Mutex
	m  map[mdKey]*mdEntry
}

type mdKey struct {
	data      *byte
	n, offset int
}

type mdEntry struct {
	once sync.Once
	html template.HTML
	left int // pages still to come
}

// get returns the HTML of key, made by render once for the 1+shared pages
// that show it (a page that comes while another renders it waits); it is
// dropped after the last.
func (c *mdCache) get(key mdKey, shared int, render func() template.HTML) template.HTML {
	c.mu.Lock()
	e, ok := c.m[key]
	if !ok {
		e = &mdEntry{left: shared + 1}
		c.m[key] = e
	}
	if e.left--; e.left == 0 {
		delete(c.m, key)
	}
	c.mu.Unlock()
	e.once.Do(func() { e.html = render() })
	return e.html
}

var months = map[string][]string{
	"de": {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// Date formats YYYY-MM-DD as "15. März 2024" or "15 March 2024".
func (p *Page) Date(d register.Date) string {
	t, err := time.Parse("2006-01-02", string(d))
	if err != nil {
		return string(d)
	}
	if p.Lang == "de" {
		return fmt.Sprintf("%d. %s %d", t.Day(), months["de"][t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), months["en"][t.Month()-1], t.Year())
}

// Month formats YYYY-MM as "März 2024".
func (p *Page) Month(m register.Month) string {
	t, err := time.Parse("2006-01", string(m))
	if err != nil {
		return string(m)
	}
	return fmt.Sprintf("%s %d", months[p.Lang][t.Month()-1], t.Year())
}

// Plural returns the catalogue's form of key for n, with "{n}" replaced by
// n in the language's number format: the form "<key>.one" when n is 1,
// else "<key>.other" ({{.Plural "list.count" 1}} is "1 KI-System", with 3
// "3 KI-Systeme"). A catalogue with no forms for key has its plain string.
func (p *Page) Plural(key string, n int) string { return plural(p.r.cat, p.Lang, key, n) }

// plural is Page.Plural for a catalogue and a language. German and English
// have one form for 1 and one for every other number, 0 included ("0
// KI-Systeme", "0 AI systems").
func plural(cat register.Catalog, lang, key string, n int) string {
	has := func(k string) bool {
		_, ok := cat[lang][k]
		_, de := cat["de"][k]
		return ok || de
	}
	form := key + ".other"
	if n == 1 && has(key+".one") {
		form = key + ".one"
	}
	if !has(form) {
		form = key
	}
	return strings.ReplaceAll(cat.T(lang, form), "{n}", formatNum(lang, n))
}

// StatusLine is a system's status as a sentence around its status label:
// Before, the label (which the theme links to the status page), After.
type StatusLine struct{ Before, After string }

// StatusLine returns the status line of a system: the catalogue's
// "status_line.<status>.<none|start|end|both>", by which of start and end
// the system has, with {start} and {end} as months and the label at
// {status}: "eingestellt, im Einsatz von März 2021 bis Dezember 2022".
func (p *Page) StatusLine(s *register.System) StatusLine {
	form := "none"
	switch {
	case s.Start != "" && s.End != "":
		form = "both"
	case s.Start != "":
		form = "start"
	case s.End != "":
		form = "end"
	}
	line := strings.NewReplacer("{start}", p.Month(s.Start), "{end}", p.Month(s.End)).
		Replace(p.T("status_line." + string(s.Status) + "." + form))
	before, after, ok := strings.Cut(line, "{status}")
	if !ok {
		return StatusLine{After: " " + line} // a theme's form without {status}: the label first
	}
	return StatusLine{before, after}
}

// Num formats an integer with the language's thousands separator.
func (p *Page) Num(n int) string { return formatNum(p.Lang, n) }

// formatNum formats an integer with the thousands separator of lang:
// 1.234 in German, 1,234 in English.
func formatNum(lang string, n int) string {
	s := strconv.Itoa(n)
	sep := "."
	if lang == "en" {
		sep = ","
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// LetterLabel returns how a letter group of the A–Z list is shown: "0–9"
// for names that start with a digit, the catalogue's "list.letter_other"
// for names with no Latin initial, else the letter.
func (p *Page) LetterLabel(letter string) string {
	switch letter {
	case groupDigits:
		return "0–9"
	case groupOther:
		return p.T("list.letter_other")
	}
	return letter
}

// Org returns the organisation with the id.
func (p *Page) Org(id string) *register.Organisation { return p.Reg.Organisation(id) }

// Sys returns the system with the id.
func (p *Page) Sys(id string) *register.System { return p.Reg.System(id) }

// Topic returns the topic with the id.
func (p *Page) Topic(id string) *register.Topic { return p.Reg.Topic(id) }

// Similar returns the systems similar to the one with the id.
func (p *Page) Similar(id string) []*register.System {
	var out []*register.System
	for _, s := range p.r.cfg.Similar[id] {
		if sys := p.Reg.System(s); sys != nil {
			out = append(out, sys)
		}
	}
	return out
}

// BasedOnMe returns the systems based on the one with the id.
func (p *Page) BasedOnMe(id string) []*register.System { return p.r.derived.basedOn[id] }

// EditURL returns the link for editors to edit the file at the
// content-relative path, or "" when site.yaml has no edit_url.
func (p *Page) EditURL(path string) string {
	if p.Site.Repository.EditURL == "" {
		return ""
	}
	return strings.ReplaceAll(p.Site.Repository.EditURL, "{path}", path)
}

// StateSlug is the URL form of a state code: "DE-BW" → "de-bw".
func (p *Page) StateSlug(code string) string { return strings.ToLower(code) }

// Menu returns the static pages of a menu ("main" or "footer"), by weight.
func (p *Page) Menu(name string) []*register.Page { return p.r.derived.menus[name] }

// Facets lists the facet kinds for navigation between them.
func (p *Page) Facets() []*FacetKind { return p.r.derived.facets }

// Enum lists the values of an enumeration by key ("status", "risk_class", …).
func (p *Page) Enum(key string) []string { return enumValues[key] }

// Count returns how many systems a facet value has: Count "status" "pilot".
func (p *Page) Count(kind, value string) int { return p.r.derived.counts[kind+"\x00"+value] }

// SearchPage reports whether the site has a search page.
func (p *Page) SearchPage() bool { return p.r.has["search"] }

// HasPage reports whether the theme provides the page type (search, daten, statistik).
func (p *Page) HasPage(kind string) bool { return p.r.has[kind] }

// PageOf returns the static page with the slug, or nil.
func (p *Page) PageOf(slug string) *register.Page {
	for _, pg := range p.Reg.Pages {
		if pg.Slug == slug {
			return pg
		}
	}
	return nil
}

// Cards is the dot of the "system-list" template.
type Cards struct {
	Page    *Page
	Systems []*register.System
	// Omit names the part of the cards to leave out (see Page.Part), or "".
	Omit string
}

// HTML returns the cards of the systems (the theme's "system-card"),
// joined, in order.
func (c Cards) HTML() template.HTML {
	var b strings.Builder
	cards := c.Page.r.cards[c.Page.Lang]
	for _, s := range c.Systems {
		cards[s].writeTo(&b, c.Omit)
	}
	return template.HTML(b.String())
}

// Cards bundles systems for the "system-list" template.
func (p *Page) Cards(systems []*register.System) Cards {
	return Cards{Page: p, Systems: systems}
}

// ListCards bundles the systems of a list page for the "system-list"
// template, leaving out of each card what the page is about: the
// organisation on an organisation's page, the status on a status page,
// the risk class on a risk class page.
func (p *Page) ListCards(l *List) Cards {
	return Cards{Page: p, Systems: l.Systems, Omit: l.Omit()}
}

// Card returns the "system-card" of a system in the page's language,
// rendered once before the pages and reused on every list.
func (p *Page) Card(s *register.System) template.HTML {
	return p.r.cards[p.Lang][s].html
}

// SystemsOf returns the systems of an organisation, sorted by name.
func (p *Page) SystemsOf(org string) []*register.System {
	return p.r.lists(p.Lang).org[org]
}

// Newest returns the n systems published last (then by id).
func (p *Page) Newest(n int) []*register.System {
	// Ids are unique, so the order is total.
	return first(p.Reg.Systems, max(n, 0), func(a, b *register.System) int {
		return cmp.Or(-cmp.Compare(a.Published, b.Published), cmp.Compare(a.ID, b.ID))
	})
}

// RecentlyUpdated returns the n systems updated last (then by id).
func (p *Page) RecentlyUpdated(n int) []*register.System {
	return first(p.Reg.Systems, max(n, 0), func(a, b *register.System) int {
		return cmp.Or(-cmp.Compare(a.Updated, b.Updated), cmp.Compare(a.ID, b.ID))
	})
}

// PageLink is a link to a static page in a page's language: its path
// below the language root ("impressum/"), URL and title.
type PageLink struct {
	Path, URL string
	Title     template.HTML
}

// PageLinks returns the links to the static pages with the slugs, in
// that order, leaving out slugs the site has no page for.
func (p *Page) PageLinks(slugs ...string) []PageLink {
	return p.r.pageLinks(p.Lang, "pages", slugs, func() []*register.Page {
		var out []*register.Page
		for _, s := range slugs {
			if pg := p.PageOf(s); pg != nil {
				out = append(out, pg)
			}
		}
		return out
	})
}

// MenuLinks returns the links to the static pages of a menu ("main" or
// "footer"), by weight, leaving out the pages with the slugs in except.
func (p *Page) MenuLinks(menu string, except ...string) []PageLink {
	return p.r.pageLinks(p.Lang, "menu "+menu, except, func() []*register.Page {
		var out []*register.Page
	pages:
		for _, pg := range p.Menu(menu) {
			for _, s := range except {
				if pg.Slug == s {
					continue pages
				}
			}
			out = append(out, pg)
		}
		return out
	})
}

// pageLinks returns the links to the pages list returns, made once per
// language and key: they are the same on every page, and the layout
// shows them on every page.
func (r *renderer) pageLinks(lang, kind string, args []string, list func() []*register.Page) []PageLink {
	key := lang + "\x00" + kind + "\x00" + strings.Join(args, "\x00")
	if l, ok := r.links.Load(key); ok {
		return l.([]PageLink)
	}
	var out []PageLink
	for _, pg := range list() {
		t, _ := pg.Title.In(lang)
		out = append(out, PageLink{Path: pg.Slug + "/", URL: r.url(lang, pg.Slug+"/"), Title: pageText(t, pg.Title, lang)})
	}
	r.links.Store(key, out)
	return out
}
