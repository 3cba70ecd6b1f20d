package render

import (
	"cmp"
	"html/template"
	"slices"
	"sort"
	"strconv"
	"strings"

	"maki/internal/register"
)

// FacetKind is one way of grouping systems, with its values.
type FacetKind struct {
	Key    string // "status", "topic", "level", "state", "risk_class", "technique", "decision_role"
	Path   string // URL segment: "status", "themen", "ebenen", "laender", "risikoklassen", "techniken", "entscheidungsrollen"
	Values []*FacetValue
}

// FacetValue is one value of a facet with the systems that have it.
type FacetValue struct {
	Kind    *FacetKind
	Value   string
	Slug    string        // URL segment of the value
	Key     string        // i18n key of the label, or "" (topics)
	Label   register.Text // label when Key is "" (topics)
	Systems []*register.System
}

// Path returns the value's page path: "status/pilot/".
func (v *FacetValue) Path() string { return v.Kind.Path + "/" + v.Slug + "/" }

// List is the data of a list page: one page of systems and the pager.
type List struct {
	Systems []*register.System
	Total   int
	Page    int // 1-based
	Pages   int
	Base    string // path of the first page
	Facet   *FacetValue
	Org     *register.Organisation

	keys    map[*register.System]nameKey // sort keys and initials of the list's language
	cards   map[*register.System]card    // the system cards of the list's language
	letters []LetterLink                 // the letter bar of the whole list
}

// LetterGroup is a run of systems on a list page filed under one letter.
type LetterGroup struct {
	Letter string
	// Cards are the systems' cards (the theme's "system-card"), joined.
	Cards template.HTML
}

// Groups returns the systems of this page by initial letter, in order,
// each group's cards joined: a list page prints a hundred cards with a
// few template actions instead of a few per card.
func (l *List) Groups() []LetterGroup {
	var groups []LetterGroup
	var b strings.Builder
	omit := l.Omit()
	for i, s := range l.Systems {
		letter := l.keys[s].initial
		if i == 0 || letter != groups[len(groups)-1].Letter {
			if len(groups) > 0 {
				groups[len(groups)-1].Cards = template.HTML(b.String())
				b.Reset()
			}
			groups = append(groups, LetterGroup{Letter: letter})
		}
		l.cards[s].writeTo(&b, omit)
	}
	if len(groups) > 0 {
		groups[len(groups)-1].Cards = template.HTML(b.String())
	}
	return groups
}

// Omit names the part of the cards that repeats what the list is about
// (see Page.Part): "organisation" on an organisation's list, the facet's
// kind ("status", "risk_class", …) on a facet value's list, "" on the
// A–Z list.
func (l *List) Omit() string {
	switch {
	case l.Org != nil:
		return "organisation"
	case l.Facet != nil:
		return l.Facet.Kind.Key
	}
	return ""
}

// PagePath returns the path of page n of the list.
func (l *List) PagePath(n int) string {
	if n <= 1 {
		return l.Base
	}
	return l.Base + "seite/" + strconv.Itoa(n) + "/"
}

// pagerReach is how many pages on each side of the current one the pager
// links to, besides the first and the last.
const pagerReach = 2

// PagerItems returns the page numbers the pager links to: the first, the
// last and those within pagerReach of the current page, in order, with a 0
// for each gap (a gap of a single page shows that page instead). A list of
// 1,000 pages gets a pager of at most nine items, not 1,000 links on each
// of its pages.
func (l *List) PagerItems() []int {
	near := func(n int) bool {
		return n == 1 || n == l.Pages || n >= l.Page-pagerReach && n <= l.Page+pagerReach
	}
	var items []int
	for n := 1; n <= l.Pages; n++ {
		switch {
		case near(n) || near(n-1) && near(n+1):
			items = append(items, n)
		case items[len(items)-1] != 0:
			items = append(items, 0)
		}
	}
	return items
}

type derived struct {
	facets  []*FacetKind
	counts  map[string]int
	menus   map[string][]*register.Page
	basedOn map[string][]*register.System
	byOrg   map[string][]*register.System
	names   map[string]map[*register.System]nameKey
	member  map[*register.System][]*FacetValue // the facet values each system is listed under
	sorted  map[string]*sortedLists            // by language
}

// sortedLists are the lists of systems of one language in A–Z order.
type sortedLists struct {
	all   []*register.System
	facet map[*FacetValue][]*register.System
	org   map[string][]*register.System
}

var enumValues = map[string][]string{
	"status":        register.Status("").Enum(),
	"risk_class":    register.RiskClass("").Enum(),
	"technique":     register.Technique("").Enum(),
	"decision_role": register.DecisionRole("").Enum(),
	"level":         register.Level("").Enum(),
	"state":         register.States,
	"users":         register.Users("").Enum(),
	"personal_data": register.PersonalData("").Enum(),
	"reuse":         register.Reuse("").Enum(),
	"development":   register.Development("").Enum(),
	"hosting":       register.Hosting("").Enum(),
}

func (r *renderer) derive() {
	d := &r.derived
	d.counts = map[string]int{}
	d.menus = map[string][]*register.Page{}
	d.basedOn = map[string][]*register.System{}
	d.byOrg = map[string][]*register.System{}
	d.names = map[string]map[*register.System]nameKey{}

	mk := func(key, p string, values []string, label func(string) (string, register.Text)) *FacetKind {
		k := &FacetKind{Key: key, Path: p}
		for _, v := range values {
			fv := &FacetValue{Kind: k, Value: v, Slug: strings.ToLower(v)}
			fv.Key, fv.Label = label(v)
			k.Values = append(k.Values, fv)
		}
		d.facets = append(d.facets, k)
		return k
	}
	enumLabel := func(key string) func(string) (string, register.Text) {
		return func(v string) (string, register.Text) { return key + "." + v, register.Text{} }
	}
	var topicIDs []string
	for _, t := range r.reg.Topics {
		topicIDs = append(topicIDs, t.ID)
	}
	topic := mk("topic", "themen", topicIDs, func(v string) (string, register.Text) {
		return "", r.reg.Topic(v).Label
	})
	status := mk("status", "status", enumValues["status"], enumLabel("status"))
	level := mk("level", "ebenen", enumValues["level"], enumLabel("level"))
	state := mk("state", "laender", register.States, enumLabel("state"))
	risk := mk("risk_class", "risikoklassen", enumValues["risk_class"], enumLabel("risk_class"))
	tech := mk("technique", "techniken", enumValues["technique"], enumLabel("technique"))
	role := mk("decision_role", "entscheidungsrollen", enumValues["decision_role"], enumLabel("decision_role"))

	index := func(k *FacetKind) map[string]*FacetValue {
		m := map[string]*FacetValue{}
		for _, v := range k.Values {
			m[v.Value] = v
		}
		return m
	}
	ti, si, li, sti, ri, tei, roi := index(topic), index(status), index(level), index(state), index(risk), index(tech), index(role)
	d.member = make(map[*register.System][]*FacetValue, len(r.reg.Systems))
	add := func(m map[string]*FacetValue, v string, s *register.System) {
		if fv, ok := m[v]; ok {
			fv.Systems = append(fv.Systems, s)
			d.member[s] = append(d.member[s], fv)
		}
	}
	for _, s := range r.reg.Systems {
		for _, t := range s.Topics {
			add(ti, t, s)
		}
		add(si, string(s.Status), s)
		add(ri, string(s.RiskClass), s)
		for _, t := range s.Techniques {
			add(tei, string(t), s)
		}
		add(roi, string(s.DecisionRole), s)
		if o := r.reg.Organisation(s.Organisation); o != nil {
			add(li, string(o.Level), s)
			add(sti, o.State, s)
		}
		d.byOrg[s.Organisation] = append(d.byOrg[s.Organisation], s)
		if s.BasedOn != "" {
			d.basedOn[s.BasedOn] = append(d.basedOn[s.BasedOn], s)
		}
	}
	for _, k := range d.facets {
		for _, v := range k.Values {
			d.counts[k.Key+"\x00"+v.Value] = len(v.Systems)
		}
	}
	for id, list := range d.byOrg {
		d.counts["organisation\x00"+id] = len(list)
	}
	for _, p := range r.reg.Pages {
		if p.Menu == "main" || p.Menu == "footer" {
			d.menus[string(p.Menu)] = append(d.menus[string(p.Menu)], p)
		}
	}
	for _, m := range d.menus {
		sort.SliceStable(m, func(i, j int) bool {
			if m[i].Weight != m[j].Weight {
				return m[i].Weight < m[j].Weight
			}
			return m[i].Slug < m[j].Slug
		})
	}
}

// byName sorts systems by their name, then by id, with the sort keys of
// their language. Ids are unique, so the order is total.
func byName(list []*register.System, keys map[*register.System]nameKey) []*register.System {
	type keyed struct {
		key string
		s   *register.System
	}
	k := make([]keyed, len(list))
	for i, s := range list {
		k[i] = keyed{keys[s].key, s}
	}
	slices.SortFunc(k, func(a, b keyed) int {
		return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.s.ID, b.s.ID))
	})
	out := make([]*register.System, len(list))
	for i := range k {
		out[i] = k[i].s
	}
	return out
}

// lists returns the A–Z list, the facet lists and the organisation lists
// of lang, all in A–Z order: one sort of all systems, then one walk that
// appends every system to the lists it is on (so no list is sorted on its
// own). The result is the same as byName of each list.
func (r *renderer) lists(lang string) *sortedLists {
	return r.derived.sorted[lang]
}

// computeLists makes the lists of lang (see lists) from its sort keys.
// It only reads the renderer, so languages can be done at once.
func (r *renderer) computeLists(lang string, keys map[*register.System]nameKey) *sortedLists {
	l := &sortedLists{all: r.sortAll(lang, keys),
		facet: map[*FacetValue][]*register.System{}, org: map[string][]*register.System{}}
	for _, k := range r.derived.facets {
		for _, v := range k.Values {
			l.facet[v] = make([]*register.System, 0, len(v.Systems))
		}
	}
	for id, list := range r.derived.byOrg {
		l.org[id] = make([]*register.System, 0, len(list))
	}
	for _, s := range l.all {
		for _, fv := range r.derived.member[s] {
			l.facet[fv] = append(l.facet[fv], s)
		}
		l.org[s.Organisation] = append(l.org[s.Organisation], s)
	}
	return l
}

// sortAll returns all systems in A–Z order. With the order of a reused
// Prepared at hand it keeps the systems that are still there in their
// order and merges the few new ones in: a save in maki serve changes one
// or two systems of thousands.
func (r *renderer) sortAll(lang string, keys map[*register.System]nameKey) []*register.System {
	prev := r.prevAll[lang]
	if prev == nil {
		return byName(r.reg.Systems, keys)
	}
	old := make(map[*register.System]bool, len(prev))
	for _, s := range prev {
		old[s] = true
	}
	var added []*register.System
	now := make(map[*register.System]bool, len(r.reg.Systems))
	for _, s := range r.reg.Systems {
		now[s] = true
		if !old[s] {
			added = append(added, s)
		}
	}
	added = byName(added, keys)
	less := func(a, b *register.System) bool {
		ka, kb := keys[a].key, keys[b].key
		return ka < kb || ka == kb && a.ID < b.ID
	}
	out := make([]*register.System, 0, len(r.reg.Systems))
	for _, s := range prev {
		if !now[s] {
			continue
		}
		for len(added) > 0 && less(added[0], s) {
			out = append(out, added[0])
			added = added[1:]
		}
		out = append(out, s)
	}
	return append(out, added...)
}

// computeSortKeys makes the sort keys of lang, taking those of unchanged
// systems from the reused Prepared.
func (r *renderer) computeSortKeys(lang string) map[*register.System]nameKey {
	k := make(map[*register.System]nameKey, len(r.reg.Systems))
	prev := r.prevNames[lang]
	for _, s := range r.reg.Systems {
		if nk, ok := prev[s]; ok {
			k[s] = nk
			continue
		}
		n, _ := s.Name.In(lang)
		k[s] = newNameKey(n)
	}
	return k
}

// first returns the first n systems of list in the order cmp, without
// sorting the whole list (n is small: the start page shows a few).
func first(list []*register.System, n int, cmp func(a, b *register.System) int) []*register.System {
	top := make([]*register.System, 0, n+1)
	for _, s := range list {
		if len(top) == n && (n == 0 || cmp(s, top[n-1]) >= 0) {
			continue
		}
		i, _ := slices.BinarySearchFunc(top, s, cmp)
		top = slices.Insert(top, i, s)
		if len(top) > n {
			top = top[:n]
		}
	}
	return top
}

func sortStrings(s []string) { sort.Strings(s) }
