package render

import (
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"maki/internal/register"
)

// HistoryShown is how many versions a fact sheet shows before it folds
// the older ones into a disclosure (<details>).
const HistoryShown = 5

// HistoryView is a system's change history as a page shows it, computed
// in Go for the page's language before history.html prints it: every
// label, date, link and sentence is a field, so the partial prints fields
// and ranges instead of calling Page methods per version, change and word
// (each call goes through reflection). All values are plain strings,
// escaped by html/template where the partial prints them; the markup stays
// in the partial.
type HistoryView struct {
	ID string
	// Shown are the newest versions, newest first; Folded the older ones.
	Shown, Folded []VersionView
	// Unsaved are the changes not yet committed (maki serve).
	Unsaved []ChangeView
	// Removed is the localized date the system was removed ("" while it
	// exists), RemovedISO the same as YYYY-MM-DD for <time>.
	Removed, RemovedISO string
	// Title, RemovedOn and UnsavedTitle are the UI strings history.title,
	// history.removed_on and history.unsaved; Older is history.older in
	// the plural form for the number of folded versions ("" when none).
	Title, RemovedOn, UnsavedTitle, Older string
}

// VersionView is one version as a page shows it.
type VersionView struct {
	N       int
	Date    string // localized ("3. März 2026")
	ISO     string // YYYY-MM-DD for <time datetime>
	Commit  string // abbreviated commit hash
	Author  string // only when site.yaml opts in
	JSON    string // site-relative path of the version's snapshot
	Changes []ChangeView
	// Heading is "Version <N>" (history.version), JSONURL the absolute
	// path of the snapshot (Page.Root of JSON), JSONText its link text
	// ("JSON der Version <N>", history.json) and NoChange history.no_change
	// when the version has no changes.
	Heading, JSONURL, JSONText, NoChange string
}

// ChangeView is one change in words, with the word diff of a Markdown
// text. On a page in another language than German, a value taken from the
// entry's (German) text is Value, after Head, and ValueLang is "de", so the
// page marks it as German (WCAG 3.1.2); Text is then empty. WordsLang is
// "de" there too.
//
// A change of a date or month field has From (nil when it was set) and
// To: the dates as the page writes them, with their ISO form for <time>;
// Head is then the field's label and Text empty.
type ChangeView struct {
	Text        string
	Head, Value string
	ValueLang   string
	Words       []WordView
	WordsLang   string
	From, To    *TimeView
}

// TimeView is a date ("1. März 2026") or month ("März 2026") and its ISO
// form for <time datetime>.
type TimeView struct{ Text, ISO string }

// WordView is a run of words of a word diff: removed (Del), inserted
// (Ins), kept, or kept words left out (Gap, Text "…"). Hidden is what a
// screen reader reads before a removed or inserted run ("gestrichen: ",
// history.deleted or history.inserted, and ": ") or instead of the "…" of
// a gap ("(gekürzt)", history.shortened), HiddenLang its language where the
// run is marked as German on a page in another language ("" otherwise).
type WordView struct {
	Text          string
	Del, Ins, Gap bool
	Hidden        string
	HiddenLang    string
}

// versionArg paired a page with a version for the "history-version"
// template before the version carried its strings and links; versionData
// stays a template function for themes that still call it.
type versionArg struct {
	Page    *Page
	Version VersionView
}

func versionData(p *Page, v VersionView) versionArg { return versionArg{p, v} }

// changeArg is changeData's pair of a page and a change (see versionArg).
type changeArg struct {
	Page   *Page
	Change ChangeView
}

func changeData(p *Page, c ChangeView) changeArg { return changeArg{p, c} }

// History returns the change history of the page's system (a fact sheet
// or the page of a removed system), or nil when there is none. It is
// computed on the first call and kept for the page.
func (p *Page) History() *HistoryView {
	if !p.historyDone {
		p.history, p.historyDone = p.historyView(), true
	}
	return p.history
}

func (p *Page) historyView() *HistoryView {
	var h *register.SystemHistory
	switch d := p.Data.(type) {
	case *register.System:
		h = p.Reg.History.Of(d.ID)
	case *register.SystemHistory:
		h = d
	}
	if h == nil || (len(h.Versions) == 0 && len(h.Unsaved) == 0) {
		return nil
	}
	l := p.historyLabels()
	v := &HistoryView{ID: h.ID, Unsaved: p.changes(h.Unsaved, l),
		Title: p.T("history.title"), RemovedOn: p.T("history.removed_on"), UnsavedTitle: p.T("history.unsaved")}
	if !h.Removed.IsZero() {
		v.RemovedISO = h.Removed.Format("2006-01-02")
		v.Removed = p.Date(register.Date(v.RemovedISO))
	}
	newest := h.Newest()
	v.Shown = make([]VersionView, 0, min(len(newest), HistoryShown))
	if len(newest) > HistoryShown {
		v.Folded = make([]VersionView, 0, len(newest)-HistoryShown)
	}
	for i, ver := range newest {
		vv := p.version(h.ID, ver, l)
		if i < HistoryShown {
			v.Shown = append(v.Shown, vv)
		} else {
			v.Folded = append(v.Folded, vv)
		}
	}
	if len(v.Shown) == 0 {
		v.Shown = nil
	}
	if len(v.Folded) > 0 {
		v.Older = p.Plural("history.older", len(v.Folded))
	}
	return v
}

// historyLabels are the UI strings of a history, looked up once a page.
type historyLabels struct {
	version, json, noChange, deleted, inserted, shortened string
}

func (p *Page) historyLabels() *historyLabels {
	return &historyLabels{
		version: p.T("history.version"), json: p.T("history.json"), noChange: p.T("history.no_change"),
		deleted: p.T("history.deleted") + ": ", inserted: p.T("history.inserted") + ": ", shortened: p.T("history.shortened"),
	}
}

func (p *Page) version(id string, v *register.Version, l *historyLabels) VersionView {
	iso := v.Date.Format("2006-01-02")
	n := strconv.Itoa(v.N)
	vv := VersionView{N: v.N, Date: p.Date(register.Date(iso)), ISO: iso, Author: v.Author,
		JSON: "daten/systeme/" + id + "/" + n + ".json", Heading: l.version + " " + n, JSONText: l.json + " " + n}
	vv.JSONURL = p.Root(vv.JSON)
	if len(v.Commit) >= 12 {
		vv.Commit = v.Commit[:12]
	}
	vv.Changes = p.changes(v.Changes, l)
	if len(vv.Changes) == 0 {
		vv.NoChange = l.noChange
	}
	return vv
}

// changes words changes in the page's language.
func (p *Page) changes(cs []register.Change, l *historyLabels) []ChangeView {
	var out []ChangeView
	if len(cs) > 0 {
		out = make([]ChangeView, 0, len(cs))
	}
	for _, c := range cs {
		c = p.named(c)
		cv := ChangeView{Text: register.DescribeChange(p.r.cat, p.Lang, c)}
		if from, to, ok := p.dateChange(c); ok {
			head, _, _ := strings.Cut(cv.Text, ": ")
			cv.Text, cv.Head, cv.From, cv.To = "", head+": ", from, to
			out = append(out, cv)
			continue
		}
		if p.Lang != "de" {
			if head, value, ok := germanValue(cv.Text, c); ok {
				cv.Text, cv.Head, cv.Value, cv.ValueLang = "", head, value, "de"
			}
			if len(c.Words) > 0 {
				cv.WordsLang = "de"
			}
		}
		hiddenLang := ""
		if cv.WordsLang != "" {
			hiddenLang = p.Lang
		}
		if len(c.Words) > 0 {
			cv.Words = make([]WordView, len(c.Words))
		}
		for i, w := range c.Words {
			wv := WordView{Text: w.Text, Del: w.Op == '-', Ins: w.Op == '+', Gap: w.Op == '.'}
			switch {
			case wv.Del:
				wv.Hidden, wv.HiddenLang = l.deleted, hiddenLang
			case wv.Ins:
				wv.Hidden, wv.HiddenLang = l.inserted, hiddenLang
			case wv.Gap:
				wv.Text, wv.Hidden, wv.HiddenLang = "…", l.shortened, hiddenLang
			}
			cv.Words[i] = wv
		}
		out = append(out, cv)
	}
	return out
}

// timeFormats are the formats ("date", "month") of the system's date
// fields, by key.
var timeFormats = func() map[string]string {
	m := map[string]string{}
	for _, f := range register.Fields(reflect.TypeOf(register.System{})) {
		if f.Format == "date" || f.Format == "month" {
			m[f.Key] = f.Format
		}
	}
	return m
}()

// dateChange returns the dates of a change of a date or month field that
// was set or changed, as the page writes dates; ok is false for any other
// change or a value that is not a date.
func (p *Page) dateChange(c register.Change) (from, to *TimeView, ok bool) {
	format := timeFormats[c.Field]
	if format == "" || (c.Kind != register.ChangeSet && c.Kind != register.ChangeValue) {
		return nil, nil, false
	}
	view := func(v string) *TimeView {
		layout, text := "2006-01-02", ""
		if format == "month" {
			layout = "2006-01"
		}
		if _, err := time.Parse(layout, v); err != nil {
			return nil
		}
		if format == "month" {
			text = p.Month(register.Month(v))
		} else {
			text = p.Date(register.Date(v))
		}
		return &TimeView{Text: text, ISO: v}
	}
	if to = view(c.New); to == nil {
		return nil, nil, false
	}
	if c.Kind == register.ChangeValue {
		if from = view(c.Old); from == nil {
			return nil, nil, false
		}
	}
	return from, to, true
}

// germanValue splits the words of a change into the field's label and a
// value taken from the entry's text, which is German: a value set, changed
// or added to a list that is not an enumeration's label (those come from
// the page's own catalogue) and not language-neutral (a date, a number, an
// id, an address, a URL).
func germanValue(text string, c register.Change) (head, value string, ok bool) {
	if c.Enum != "" || c.Field == "id" {
		return "", "", false
	}
	switch c.Kind {
	case register.ChangeSet, register.ChangeValue, register.ChangeList:
	default:
		return "", "", false
	}
	for _, v := range append(append([]string{c.Old, c.New}, c.Added...), c.Removed...) {
		if v != "" && !neutral.MatchString(v) {
			head, value, ok = strings.Cut(text, ": ")
			return head + ": ", value, ok
		}
	}
	return "", "", false
}

// neutral matches values that read the same in every language.
var neutral = regexp.MustCompile(`^([0-9][0-9.,: -]*|[a-z0-9]+(-[a-z0-9]+)*|[^\s@]+@[^\s@]+|https?://\S+|mailto:\S+|true|false)$`)

// removedTitle is the name a removed system had last.
func removedTitle(h *register.SystemHistory, lang string) string {
	for i := len(h.Versions) - 1; i >= 0; i-- {
		if s := h.Versions[i].System; s != nil {
			t, _ := s.Name.In(lang)
			if t != "" {
				return t
			}
		}
	}
	return h.ID
}

// removedJobs are the pages of systems removed from the register: each
// keeps its page with its history, unless a redirect covers its id.
func (r *renderer) removedJobs(lang string, crumbs []Crumb, add func(kind, p, title string, crumbs []Crumb, data any)) {
	if !r.has["removed"] || r.reg.History == nil {
		return
	}
	ids := make([]string, 0, len(r.reg.History.Systems))
	for id := range r.reg.History.Systems {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		h := r.reg.History.Systems[id]
		if h.Removed.IsZero() || !redirectable(id) || r.reg.System(id) != nil {
			continue
		}
		if r.reg.Site != nil && r.reg.Site.Redirects[id] != "" {
			continue
		}
		add("removed", "systeme/"+id+"/", removedTitle(h, lang), crumbs, h)
	}
}

// named replaces the ids in a change of topics, partners or the
// organisation by their names, as the fact sheet shows them.
func (p *Page) named(c register.Change) register.Change {
	var name func(id string) string
	switch c.Field {
	case "topics":
		name = func(id string) string {
			if t := p.Reg.Topic(id); t != nil {
				s, _ := t.Label.In(p.Lang)
				return s
			}
			return id
		}
	case "partners", "organisation":
		name = func(id string) string {
			if o := p.Reg.Organisation(id); o != nil {
				s, _ := o.Name.In(p.Lang)
				return s
			}
			return id
		}
	default:
		return c
	}
	names := func(ids []string) []string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = name(id)
		}
		return out
	}
	c.Added, c.Removed = names(c.Added), names(c.Removed)
	if c.Old != "" {
		c.Old = name(c.Old)
	}
	if c.New != "" {
		c.New = name(c.New)
	}
	return c
}
