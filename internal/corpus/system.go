package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// latest is the last day any generated date may fall on.
var latest = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// head is what other systems need to know about a system: its id, and what
// its name and texts are built from. It is drawn first from the system's
// random stream, so a system's id can be recomputed cheaply.
type head struct {
	r    *rand.Rand
	id   string
	org  *org
	dom  *domain
	dep  dept
	obj  object
	name pair
	en   bool
	tech []string
	user string
}

func (g *gen) head(i int) *head {
	r := g.rng(uint64(i))
	h := &head{r: r}
	lv := "kommune"
	switch x := r.IntN(100); {
	case x < 12:
		lv = "bund"
	case x < 42:
		lv = "land"
	}
	if g.byLevel[lv] == nil {
		lv = "land"
	}
	h.org = g.byLevel[lv].pick(r)
	letter := lv[:1]
	for {
		h.dom = &domains[r.IntN(len(domains))]
		var ok []dept
		for _, d := range h.dom.depts {
			if strings.Contains(d.lv, letter) {
				ok = append(ok, d)
			}
		}
		if len(ok) > 0 {
			h.dep = ok[r.IntN(len(ok))]
			break
		}
	}
	h.obj = h.dom.objs[r.IntN(len(h.dom.objs))]
	h.en = r.IntN(5) == 0
	p := processes[r.IntN(len(processes))]
	a := agents[r.IntN(len(agents))]
	t := r.IntN(100)
	acr := acronyms[r.IntN(len(acronyms))]
	withShort := r.IntN(5) == 0
	for {
		h.tech, h.user = p.tech, ""
		switch {
		case t < 25:
			h.name = pair{"KI-gestützte " + p.de + " von " + h.obj.dat, "AI-assisted " + p.en + " of " + h.obj.en}
		case t < 45:
			h.name = pair{p.de + " von " + h.obj.dat + " " + deptDat(h.dep), upper(p.en) + " of " + h.obj.en + " at " + h.dep.en}
		case t < 65:
			h.name = pair{a.de + " für " + deptAcc(h.dep), upper(a.en) + " for " + h.dep.en}
			h.tech, h.user = a.tech, a.users
		case t < 80:
			h.name = pair{h.obj.comp + "-" + a.de, upper(h.obj.compEn) + " " + a.en}
			h.tech, h.user = a.tech, a.users
		default:
			h.name = pair{acr + " – " + a.de + " für " + deptAcc(h.dep), acr + " – " + a.en + " for " + h.dep.en}
			h.tech, h.user = a.tech, a.users
		}
		if withShort && h.org.short != "" {
			h.name.de += " (" + h.org.short + ")"
			h.name.en += " (" + h.org.short + ")"
		}
		if utf8.RuneCountInString(h.name.de) < 20 {
			h.name.de += " " + deptDat(h.dep)
			h.name.en += " at " + h.dep.en
		}
		if utf8.RuneCountInString(h.name.de) <= 80 && utf8.RuneCountInString(h.name.en) <= 100 {
			break
		}
		// Too long: fall back to the shortest pattern, without the suffix.
		t, withShort = 70, false
	}
	h.name = g.decorate(i, h.name)
	h.id = trimSlug(slug(h.name.de), 60) + "-" + strconv.Itoa(i+1)
	return h
}

// nameForms are the starts of names that real registers have and that
// lists must file correctly: quotes, brackets, digits, lower case, umlauts
// and another script. Each is applied to the German and English name.
var nameForms = []func(pair) pair{
	func(n pair) pair { return pair{"„" + n.de + "“", "\"" + n.en + "\""} },
	func(n pair) pair { return pair{"(Pilot) " + n.de, "(Pilot) " + n.en} },
	func(n pair) pair { return pair{"'" + n.de + "'", "'" + n.en + "'"} },
	func(n pair) pair { return pair{"115-" + n.de, "115 " + n.en} },
	func(n pair) pair { return pair{"3D-" + n.de, "3D " + n.en} },
	func(n pair) pair { return pair{"eAkte-" + n.de, "eFile " + n.en} },
	func(n pair) pair { return pair{"ämterübergreifende " + n.de, "cross-agency " + n.en} },
	func(n pair) pair { return pair{"Übersetzungshilfe: " + n.de, "Übersetzungshilfe: " + n.en} },
	func(n pair) pair { return pair{"Ökologische " + n.de, "Ecological " + n.en} },
	func(n pair) pair { return pair{"Ωmega – " + n.de, "Ωmega – " + n.en} },
}

// decorate gives about one system in five a name of nameForms (when it
// still fits the length limits). The choice hashes the seed and i instead
// of drawing from the system's stream, so every other value of a system
// stays what it was before names were decorated.
func (g *gen) decorate(i int, n pair) pair {
	k := g.hash(i, 0x2545f4914f6cdd1d) % uint64(5*len(nameForms))
	if k >= uint64(len(nameForms)) {
		return n
	}
	d := nameForms[k](n)
	if utf8.RuneCountInString(d.de) > 80 || utf8.RuneCountInString(d.en) > 100 {
		return n
	}
	return d
}

// hash mixes the seed, a salt and i into a number that does not come from
// the system's random stream (splitmix64's finaliser, first half).
func (g *gen) hash(i int, salt uint64) uint64 {
	x := (g.seed ^ salt) + uint64(i)*0x9e3779b97f4a7c15
	x ^= x >> 31
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 29
	return x
}

func deptDat(d dept) string {
	if d.g == 'f' {
		return "in der " + d.de
	}
	return "im " + d.de
}

func deptAcc(d dept) string {
	switch d.g {
	case 'm':
		return "den " + d.de
	case 'f':
		return "die " + d.de
	}
	return "das " + d.de
}

func upper(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// trimSlug shortens an id part to at most max bytes at a hyphen.
func trimSlug(s string, max int) string {
	if len(s) <= max {
		return s
	}
	s = s[:max]
	if i := strings.LastIndexByte(s, '-'); i > 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, "-")
}

// sysText builds the texts of one system in German and English at once, so
// that the English is a translation of the German.
type sysText struct {
	r      *rand.Rand
	de, en *strings.Replacer
	deck   []int // prose sentences not used yet in this system, shuffled
	hd     int   // next heading
}

// prose returns k sentences of the prose pool, none repeated within a
// system until the pool is used up.
func (t *sysText) prose(k int) pair {
	var de, en []string
	for range k {
		if len(t.deck) == 0 {
			t.deck = t.r.Perm(len(prose))
		}
		f := t.fill(prose[t.deck[0]])
		t.deck = t.deck[1:]
		de, en = append(de, f.de), append(en, f.en)
	}
	return pair{strings.Join(de, " "), strings.Join(en, " ")}
}

func (t *sysText) fill(p pair) pair { return pair{t.de.Replace(p.de), t.en.Replace(p.en)} }

// pick returns k distinct indices below n.
func pick(r *rand.Rand, n, k int) []int {
	if k > n {
		k = n
	}
	idx := r.Perm(n)[:k]
	return idx
}

// sentences joins k random distinct sentences of pool.
func (t *sysText) sentences(pool []pair, k int) pair {
	var de, en []string
	for _, i := range pick(t.r, len(pool), k) {
		f := t.fill(pool[i])
		de, en = append(de, f.de), append(en, f.en)
	}
	return pair{strings.Join(de, " "), strings.Join(en, " ")}
}

// markdown returns paras paragraphs of prose, with now and then a list, a
// link, a heading and some emphasis.
func (t *sysText) markdown(paras int, headings bool) pair {
	r := t.r
	var de, en []string
	add := func(p pair) { de, en = append(de, p.de), append(en, p.en) }
	for i := range paras {
		if headings && i > 0 && r.IntN(2) == 0 {
			hd := t.headingFor(i)
			add(pair{"## " + hd.de, "## " + hd.en})
		}
		p := t.prose(2 + r.IntN(3))
		if r.IntN(4) == 0 {
			l := t.fill(linkSentences[r.IntN(len(linkSentences))])
			p = pair{p.de + " " + l.de, p.en + " " + l.en}
		}
		if r.IntN(6) == 0 {
			p = pair{"**Wichtig:** " + p.de, "**Important:** " + p.en}
		}
		add(p)
		if r.IntN(4) == 0 {
			in := listIntro[r.IntN(len(listIntro))]
			add(in)
			var ld, le []string
			for _, k := range pick(r, len(tasks), 2+r.IntN(3)) {
				ld = append(ld, "- "+tasks[k].de)
				le = append(le, "- "+tasks[k].en)
			}
			add(pair{strings.Join(ld, "\n"), strings.Join(le, "\n")})
		}
	}
	return pair{strings.Join(de, "\n\n") + "\n", strings.Join(en, "\n\n") + "\n"}
}

func (t *sysText) headingFor(i int) pair {
	t.hd += 1 + t.r.IntN(2)
	return headings[t.hd%len(headings)]
}

// weighted returns an index drawn with the given weights.
func weighted(r *rand.Rand, w ...int) int {
	t := 0
	for _, x := range w {
		t += x
	}
	x := r.IntN(t)
	for i, v := range w {
		if x < v {
			return i
		}
		x -= v
	}
	return len(w) - 1
}

func month(t time.Time) string { return t.Format("2006-01") }
func day(t time.Time) string   { return t.Format("2006-01-02") }

func thousands(n int, sep string) string {
	s := strconv.Itoa(n)
	if len(s) <= 3 {
		return s
	}
	return s[:len(s)-3] + sep + s[len(s)-3:]
}

// system returns the path and content of the i-th system.
func (g *gen) system(i int) (string, []byte) {
	h := g.head(i)
	r := h.r
	o := h.org
	mail := []string{"ki", "digitalisierung", "ki-register", "poststelle", "innovation"}[r.IntN(5)] + "@" + o.domain
	p, q, k := 10+r.IntN(36), 80+r.IntN(18), 1000+r.IntN(49000)
	common := []string{"{objNom}", h.obj.nom, "{objDat}", h.obj.dat, "{deptDat}", deptDat(h.dep), "{orgURL}", o.url, "{mail}", mail}
	t := &sysText{r: r,
		de: strings.NewReplacer(append(common, "{objEn}", h.obj.en, "{deptEn}", h.dep.en, "{p}", strconv.Itoa(p), "{q}", strconv.Itoa(q), "{k}", thousands(k, "."))...),
		en: strings.NewReplacer(append(common, "{objEn}", h.obj.en, "{deptEn}", h.dep.en, "{p}", strconv.Itoa(p), "{q}", strconv.Itoa(q), "{k}", thousands(k, ","))...),
	}
	md := i%2 == 1
	en := h.en
	var w yw
	if md {
		w.b = append(w.b, "---\n"...)
	}

	w.text(0, "name", h.name, en, r.IntN(3) == 0)

	// Summary: a lead sentence and more until 150–380 characters.
	sum := t.fill(summaryLead[r.IntN(len(summaryLead))])
	for _, j := range r.Perm(len(summaryMore)) {
		m := t.fill(summaryMore[j])
		if len(sum.de)+1+len(m.de) > 380 || len(sum.en)+1+len(m.en) > 395 {
			continue
		}
		sum = pair{sum.de + " " + m.de, sum.en + " " + m.en}
		if utf8.RuneCountInString(sum.de) >= 150 && r.IntN(3) == 0 {
			break
		}
	}
	w.text(0, "summary", sum, en, false)

	w.raw(0, "organisation", o.id)
	if r.IntN(10) == 0 {
		var ps []string
		for len(ps) < 1+r.IntN(2) {
			pl := g.byLevel[[]string{"bund", "land", "kommune", "kommune"}[r.IntN(4)]]
			if pl == nil {
				continue
			}
			c := pl.pick(r).id
			if c != o.id && !contains(ps, c) {
				ps = append(ps, c)
			}
		}
		w.flowList(0, "partners", ps)
	}

	status := []string{"planned", "development", "pilot", "production", "retired"}[weighted(r, 10, 12, 18, 52, 8)]
	w.raw(0, "status", status)
	var start time.Time
	if status == "planned" && g.hash(i, 0x5eed)%3 == 1 {
		// a planned start, one to twelve months after the latest date
		w.raw(0, "start", month(latest.AddDate(0, 1+int(g.hash(i, 0x51a7)%12), 0)))
	}
	if status != "planned" {
		back := r.IntN(9)
		if status == "development" || status == "pilot" {
			back = min(back, r.IntN(4))
		} else {
			back = min(back, r.IntN(9))
		}
		start = time.Date(2026-back, time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
		if start.After(latest.AddDate(0, -1, 0)) {
			start = latest.AddDate(0, -1-r.IntN(10), 0)
		}
		// A third of the systems in development (chosen by hash, not from
		// r, so every other value stays) have no start yet; maki check
		// warns about a missing start for the later statuses.
		if status != "development" || g.hash(i, 0x5eed)%3 != 0 {
			w.raw(0, "start", month(start))
		}
		if status == "retired" {
			end := start.AddDate(0, 3+r.IntN(45), 0)
			if end.After(latest) {
				end = latest.AddDate(0, -1, 0)
			}
			if end.Before(start) {
				end = start
			}
			w.raw(0, "end", month(end))
		}
	}

	tops := []string{h.dom.topic}
	if r.IntN(10) < 3 {
		if x := topics[r.IntN(len(topics))].id; x != h.dom.topic {
			tops = append(tops, x)
		}
	}
	w.flowList(0, "topics", tops)
	var techs []string
	for _, j := range pick(r, len(h.tech), 1+r.IntN(len(h.tech))) {
		techs = append(techs, h.tech[j])
	}
	if r.IntN(25) == 0 && !contains(techs, "other") {
		techs = append(techs, "other")
	}
	w.flowList(0, "techniques", techs)
	users := h.user
	if users == "" {
		users = []string{"staff", "staff", "staff", "both", "public"}[r.IntN(5)]
	}
	w.raw(0, "users", users)

	w.md(0, "purpose", t.markdown(2+r.IntN(2), false), en)
	var desc pair
	if md || r.IntN(2) == 0 {
		desc = t.markdown(2+r.IntN(3), true)
	}
	if !md && desc.de != "" {
		w.md(0, "description", desc, en)
	}

	rc := []string{"high_risk", "not_high_risk_art6_3", "transparency", "minimal", "unassessed"}[weighted(r, 8, 12, 22, 43, 15)]
	if rc == "minimal" && contains(techs, "generative_ai") && r.IntN(2) == 0 {
		rc = "transparency"
	}
	w.raw(0, "risk_class", rc)
	high := rc == "high_risk"
	area := 0
	if high {
		area = map[string]int{"soziales": 5, "sicherheit-ordnung": 6, "migration": 7, "justiz": 8,
			"arbeit-personal": 4, "bildung": 3, "verkehr-mobilitaet": 2, "it-sicherheit": 2}[h.dom.topic]
		if area == 0 || r.IntN(8) == 0 {
			area = 1 + r.IntN(8)
		}
		w.raw(0, "annex_iii_area", strconv.Itoa(area))
		if status == "production" || status == "pilot" { // in use: Annex VIII C point 3
			w.key(0, "eu_database")
			eid := fmt.Sprintf("EU-HR-%d-%06d", 2025+r.IntN(2), r.IntN(1000000))
			w.str(2, "url", "https://ai-act-database.ec.europa.eu/system/"+eid)
			w.str(2, "id", eid)
		}
		w.md(0, "operating_logic", t.para(operatingLogic, 3+r.IntN(2)), en)
		w.md(0, "human_oversight", t.para(humanOversight, 2+r.IntN(2)), en)
	} else {
		if rc == "not_high_risk_art6_3" {
			w.text(0, "art6_3_grounds", t.fill(art63Grounds[r.IntN(len(art63Grounds))]), en, false)
		}
		if r.IntN(7) == 0 {
			w.md(0, "operating_logic", t.para(operatingLogic, 2+r.IntN(2)), en)
		}
		if r.IntN(3) == 0 {
			w.md(0, "human_oversight", t.para(humanOversight, 1+r.IntN(2)), en)
		}
	}
	if high || r.IntN(5) < 2 {
		rs := t.sentences(riskSentences, 1+r.IntN(2))
		var ld, le []string
		for _, j := range pick(r, len(mitigations), 2+r.IntN(2)) {
			ld, le = append(ld, "- "+mitigations[j].de), append(le, "- "+mitigations[j].en)
		}
		w.md(0, "risks", pair{rs.de + "\n\nGegenmaßnahmen:\n\n" + strings.Join(ld, "\n") + "\n",
			rs.en + "\n\nMitigations:\n\n" + strings.Join(le, "\n") + "\n"}, en)
	}

	pd := []string{"personal", "pseudonymised", "none", "unknown"}[weighted(r, 35, 15, 35, 15)]
	if high {
		pd = []string{"personal", "personal", "personal", "personal", "pseudonymised"}[r.IntN(5)]
	}
	w.raw(0, "personal_data", pd)

	published := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(1020))
	updated := published.AddDate(0, 0, r.IntN(400))
	if updated.After(latest) {
		updated = latest.AddDate(0, 0, -r.IntN(20))
	}
	if updated.Before(published) {
		updated = published
	}

	var as []string
	switch {
	case high:
		as = append(as, "fria")
		if pd == "personal" || pd == "pseudonymised" { // pseudonymised data is personal data
			as = append(as, "dpia")
		}
		if r.IntN(5) == 0 {
			as = append(as, "other")
		}
	case pd == "personal" && r.IntN(5) < 3:
		as = append(as, "dpia")
	case r.IntN(10) == 0:
		as = append(as, "other")
	}
	if len(as) > 0 {
		w.key(0, "assessments")
		for _, typ := range as {
			w.item(2)
			w.raw(0, "type", typ)
			w.raw(4, "date", day(published.AddDate(0, 0, -r.IntN(300))))
			if r.IntN(5) < 3 {
				w.str(4, "url", o.url+"/ki/"+h.id+"-"+typ+".pdf")
			}
			// High-risk systems summarise their FRIA and DPIA (Annex VIII C points 4, 5).
			if high && typ != "other" || r.IntN(10) < 7 {
				ss := assessmentSummaries[typ]
				w.text(4, "summary", ss[r.IntN(len(ss))], en, false)
			}
		}
	}

	if r.IntN(5) < 2 {
		w.key(0, "legal_basis")
		for _, j := range pick(r, len(legalBases), 1+r.IntN(3)) {
			lb := legalBases[j]
			w.item(2)
			w.str(0, "title", lb.de)
			if lb.en != "" {
				w.str(4, "url", lb.en)
			}
		}
	}
	if r.IntN(5) < 2 || (contains(techs, "generative_ai") && r.IntN(2) == 0) {
		w.key(0, "models")
		for _, j := range pick(r, len(models), 1+r.IntN(2)) {
			m := models[j]
			w.item(2)
			w.str(0, "name", m.name)
			if m.provider != "" {
				w.str(4, "provider", m.provider)
			}
			w.str(4, "version", m.version)
			w.raw(4, "open_weights", strconv.FormatBool(m.open))
		}
	}
	if r.IntN(10) < 3 {
		w.key(0, "data")
		for _, j := range pick(r, len(dataSets), 1+r.IntN(2)) {
			w.item(2)
			w.text(0, "title", dataSets[j], en, true) // flow: the item has no room for a nested map
			w.raw(4, "phase", []string{"development", "operation"}[r.IntN(2)])
			if r.IntN(3) == 0 {
				w.str(4, "url", "https://www.govdata.de/suche/daten/"+slug(dataSets[j].de))
			}
			if r.IntN(2) == 0 {
				w.text(4, "description", dataDescriptions[r.IntN(len(dataDescriptions))], en, false)
			}
		}
	}

	basedOn := ""
	if i >= 20 && r.IntN(16) == 0 {
		basedOn = g.head(r.IntN(i)).id
	}
	dev := ""
	if basedOn != "" {
		dev = "reuse"
	} else if r.IntN(20) < 17 {
		dev = []string{"in_house", "contractor", "product", "reuse"}[weighted(r, 30, 35, 25, 10)]
	}
	if dev != "" {
		w.raw(0, "development", dev)
	}
	if dev == "contractor" || dev == "product" {
		w.str(0, "vendor", vendors[r.IntN(len(vendors))])
	}
	if r.IntN(10) < 7 {
		w.raw(0, "hosting", []string{"on_premise", "government_cloud", "public_cloud", "saas"}[weighted(r, 35, 35, 10, 20)])
	}
	reuse := ""
	if r.IntN(20) < 13 {
		reuse = []string{"none", "on_request", "available"}[weighted(r, 40, 35, 25)]
	}
	if r.IntN(100) < 10 || (reuse == "available" && r.IntN(2) == 0) {
		w.str(0, "source_code_url", "https://gitlab.opencode.de/"+o.id+"/"+trimSlug(h.id, 50))
		if r.IntN(5) < 4 {
			w.raw(0, "license", licenses[r.IntN(len(licenses))])
		}
	}
	if reuse != "" {
		w.raw(0, "reuse", reuse)
	}
	if r.IntN(100) < 15 || reuse == "available" && r.IntN(3) == 0 {
		c := t.fill(cooperation[r.IntN(len(cooperation))])
		l := t.fill(linkSentences[4]) // the mailto sentence
		w.md(0, "cooperation", pair{c.de + " " + l.de + "\n", c.en + " " + l.en + "\n"}, en)
	}
	if basedOn != "" {
		w.raw(0, "based_on", basedOn)
	}
	w.str(0, "contact_email", mail)
	if r.IntN(10) < 3 {
		w.str(0, "contact_url", o.url+"/ki")
	}
	w.raw(0, "published", day(published))
	w.raw(0, "updated", day(updated))
	if r.IntN(100) < 35 {
		nr := updated.AddDate(1, 0, 0)
		if nr.Before(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)) {
			nr = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(400))
		}
		w.raw(0, "next_review", day(nr))
	}
	if r.IntN(2) == 0 {
		var tags []string
		for _, j := range pick(r, len(tagWords), 1+r.IntN(4)) {
			tags = append(tags, tagWords[j])
		}
		w.list(0, "tags", tags)
	}
	// Law enforcement and migration (Annex III 6, 7) may withhold details (Art. 49(4)).
	if high && (area == 6 || area == 7) && r.IntN(2) == 0 {
		w.raw(0, "restricted", "true")
	} else if r.IntN(50) == 0 {
		w.raw(0, "restricted", "false")
	}

	if !md {
		return "systeme/" + h.id + ".yaml", w.b
	}
	w.b = append(w.b, "---\n\n"...)
	if basedOn != "" && r.IntN(2) == 0 {
		desc.de += "\nDas System baut auf einem [bestehenden Verfahren](/systeme/" + basedOn + "/) auf.\n"
	}
	w.b = append(w.b, desc.de...)
	return "systeme/" + h.id + ".md", w.b
}

// para joins k sentences of pool, in pool order, into one paragraph.
func (t *sysText) para(pool []pair, k int) pair {
	idx := pick(t.r, len(pool), k)
	// keep the pool's order so "Eingaben" comes before "Ausgaben"
	for a := 1; a < len(idx); a++ {
		for b := a; b > 0 && idx[b] < idx[b-1]; b-- {
			idx[b], idx[b-1] = idx[b-1], idx[b]
		}
	}
	var de, en []string
	for _, i := range idx {
		f := t.fill(pool[i])
		de, en = append(de, f.de), append(en, f.en)
	}
	return pair{strings.Join(de, "\n\n") + "\n", strings.Join(en, "\n\n") + "\n"}
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}
