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

// HistoryView is a system's change history as a page shows it.
type HistoryView struct {
	ID string
	// Shown are the newest versions, newest first; Folded the older ones.
	Shown, Folded []VersionView
	// Unsaved are the changes not yet committed (maki serve).
	Unsaved []ChangeView
	// Removed is the localized date the system was removed ("" while it
	// exists), RemovedISO the same as YYYY-MM-DD for <time>.
	Removed, RemovedISO string
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
// (Ins) or kept.
type WordView struct {
	Text     string
	Del, Ins bool
}

// versionArg is what the "history-version" template gets: the page (for
// its strings and links) and one version.
type versionArg struct {
	Page    *Page
	Version VersionView
}

func versionData(p *Page, v VersionView) versionArg { return versionArg{p, v} }

// changeArg is what the "history-change" template gets.
type changeArg struct {
	Page   *Page
	Change ChangeView
}

func changeData(p *Page, c ChangeView) changeArg { return changeArg{p, c} }

// History returns the change history of the page's system (a fact sheet
// or the page of a removed system), or nil when there is none.
func (p *Page) History() *HistoryView {
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
	v := &HistoryView{ID: h.ID, Unsaved: p.changes(h.Unsaved)}
	if !h.Removed.IsZero() {
		v.RemovedISO = h.Removed.Format("2006-01-02")
		v.Removed = p.Date(register.Date(v.RemovedISO))
	}
	for i, ver := range h.Newest() {
		vv := p.version(h.ID, ver)
		if i < HistoryShown {
			v.Shown = append(v.Shown, vv)
		} else {
			v.Folded = append(v.Folded, vv)
		}
	}
	return v
}

func (p *Page) version(id string, v *register.Version) VersionView {
	iso := v.Date.Format("2006-01-02")
	vv := VersionView{N: v.N, Date: p.Date(register.Date(iso)), ISO: iso, Author: v.Author,
		JSON: "daten/systeme/" + id + "/" + strconv.Itoa(v.N) + ".json"}
	if len(v.Commit) >= 12 {
		vv.Commit = v.Commit[:12]
	}
	vv.Changes = p.changes(v.Changes)
	return vv
}

// changes words changes in the page's language.
func (p *Page) changes(cs []register.Change) []ChangeView {
	var out []ChangeView
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
		for _, w := range c.Words {
			cv.Words = append(cv.Words, WordView{Text: w.Text, Del: w.Op == '-', Ins: w.Op == '+'})
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
