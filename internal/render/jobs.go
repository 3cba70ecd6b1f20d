package render

import (
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"

	"maki/internal/register"
)

// jobs lists every page of the site, in a fixed order. The languages are
// planned on their own cores: their sort keys and lists are computed
// first, each into its own slot, and stored once all are done.
func (r *renderer) jobs() []job {
	langs := r.languages()
	keys := make([]map[*register.System]nameKey, len(langs))
	lists := make([]*sortedLists, len(langs))
	parts := make([][]job, len(langs))
	var wg sync.WaitGroup
	for i, lang := range langs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			keys[i] = r.computeSortKeys(lang)
			lists[i] = r.computeLists(lang, keys[i])
			parts[i] = r.langJobs(lang, keys[i], lists[i])
		}()
	}
	wg.Wait()
	r.derived.sorted = map[string]*sortedLists{}
	var out []job
	for i, lang := range langs {
		r.derived.names[lang], r.derived.sorted[lang] = keys[i], lists[i]
		out = append(out, parts[i]...)
	}
	return out
}

func (r *renderer) langJobs(lang string, keys map[*register.System]nameKey, lists *sortedLists) []job {
	T := func(key string) string { return r.cat.T(lang, key) }
	text := func(t register.Text) string { s, _ := t.In(lang); return s }
	home := Crumb{Title: T("nav.home"), Path: ""}
	out := make([]job, 0, len(r.reg.Systems)+len(r.reg.Systems)/8+64)
	add := func(kind, p, title string, crumbs []Crumb, data any) {
		out = append(out, job{kind: kind, lang: lang, path: p, out: outPath(lang, p), title: title, crumbs: crumbs, data: data})
	}

	add("home", "", text(r.reg.Site.Title), nil, nil)

	// A–Z list of all systems.
	out = append(out, r.listJobs(lang, keys, "list", "systeme/", T("list.title"), []Crumb{home}, lists.all, nil, nil)...)
	systemCrumbs := []Crumb{home, {T("list.title"), "systeme/"}} // the same on every system page
	for _, s := range r.reg.Systems {
		add("system", "systeme/"+s.ID+"/", text(s.Name), systemCrumbs, s)
	}
	r.removedJobs(lang, systemCrumbs, add)

	// Organisations.
	orgsCrumb := Crumb{T("organisations.title"), "organisationen/"}
	add("organisations", "organisationen/", T("organisations.title"), []Crumb{home}, r.reg.Organisations)
	for _, o := range r.reg.Organisations {
		out = append(out, r.listJobs(lang, keys, "organisation", "organisationen/"+o.ID+"/", text(o.Name), []Crumb{home, orgsCrumb}, lists.org[o.ID], nil, o)...)
	}

	// Facets: an index per kind and a list per value.
	for _, k := range r.derived.facets {
		kc := Crumb{T("facet." + k.Key + ".title"), k.Path + "/"}
		add("facets", k.Path+"/", kc.Title, []Crumb{home}, k)
		for _, v := range k.Values {
			title := text(v.Label)
			if v.Key != "" {
				title = T(v.Key)
			}
			title = upperFirst(title) // a heading: "Im Einsatz", "Minimal risk"
			out = append(out, r.listJobs(lang, keys, "facet", v.Path(), title, []Crumb{home, kc}, lists.facet[v], v, nil)...)
		}
	}

	// Static pages.
	for _, p := range r.reg.Pages {
		add("page", p.Slug+"/", text(p.Title), []Crumb{home}, p)
	}

	// Pages of other features, when the theme has them.
	for _, extra := range []struct{ kind, path, key string }{
		{"search", "suche/", "search.title"},
		{"daten", "daten/", "daten.title"},
		{"statistik", "statistik/", "statistik.title"},
	} {
		if r.has[extra.kind] {
			add(extra.kind, extra.path, T(extra.key), []Crumb{home}, nil)
		}
	}

	// Redirects of renamed systems.
	if r.reg.Site != nil {
		for _, old := range sortedKeys(r.reg.Site.Redirects) {
			target := r.reg.Site.Redirects[old]
			if !redirectable(old) || !redirectable(target) || r.reg.System(old) != nil {
				continue // validate reports it; a page is never written outside systeme/<id>/
			}
			add("redirect", "systeme/"+old+"/", T("redirect.title"), nil, "systeme/"+target+"/")
		}
	}

	nf := job{kind: "notfound", lang: lang, path: "404.html", title: T("notfound.title"), crumbs: nil}
	nf.out = "404.html"
	if lang != "de" {
		nf.out = lang + "/404.html"
	}
	out = append(out, nf)
	return out
}

// listJobs splits a list of systems into pages of PageSize.
func (r *renderer) listJobs(lang string, keys map[*register.System]nameKey, kind, base, title string, crumbs []Crumb, systems []*register.System, facet *FacetValue, org *register.Organisation) []job {
	size := r.cfg.PageSize
	pages := max(1, (len(systems)+size-1)/size)
	var letters []LetterLink
	if kind == "list" {
		letters = letterIndex(systems, keys, size)
	}
	var out []job
	for n := 1; n <= pages; n++ {
		lo, hi := (n-1)*size, min(n*size, len(systems))
		l := &List{Systems: systems[lo:hi], Total: len(systems), Page: n, Pages: pages, Base: base, Facet: facet, Org: org}
		l.keys, l.cards, l.letters = keys, r.cards[lang], letters
		p, t, c := l.PagePath(n), title, crumbs
		if n > 1 {
			t = title + " – " + r.cat.Tf(lang, "pager.page_n", strconv.Itoa(n), strconv.Itoa(pages))
			c = append(append([]Crumb(nil), crumbs...), Crumb{title, base})
		}
		out = append(out, job{kind: kind, lang: lang, path: p, out: outPath(lang, p), title: t, crumbs: c, data: l})
	}
	return out
}

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}

// redirectable reports whether id can name a folder under systeme/: the
// id rule of package load (3 to 80 of a-z, 0-9 and single inner hyphens),
// so no ".", "/", markup or other system's page.
func redirectable(id string) bool { return register.ValidID(id) }
