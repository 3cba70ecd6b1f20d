package validate

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"maki/internal/register"
)

// system checks the rules of DESIGN §3.1 that span fields.
func (v *validator) system(s *register.System) {
	// summary is plain text: every page escapes it, so no character can
	// break a page or inject markup. A backtick used as an apostrophe
	// ("VRI`s"), a single asterisk or "Wert <5" is text. What would be
	// Markdown or HTML in a Markdown field is only a warning: it is shown
	// as typed.
	for _, lang := range []string{"de", "en"} {
		text, _ := s.Summary.In(lang)
		if lang == "en" {
			text = s.Summary.En
		}
		if loc := markupPattern.FindStringIndex(text); loc != nil {
			line, col := lineCol(text, loc[0])
			v.errs.Warn(s.TextPos("summary."+lang, line, col), "summary", "plain-text", "%q is shown as typed, not as a link, emphasis or HTML; the summary is plain text", text[loc[0]:loc[1]])
		}
	}
	for i, p := range s.Partners {
		if p == s.Organisation && p != "" {
			v.errs.Add(s.PosOf(fmt.Sprintf("partners.%d", i)), "partners", "partner-owner", "%q is the owning organisation; want only other organisations as partners", p)
		}
	}

	// Life cycle.
	v.gaps(s)
	if s.End != "" && s.Status != "retired" && s.Status != "" {
		v.errs.Add(s.PosOf("end"), "end", "conditional", "given for status %q; want \"end\" only for retired systems", s.Status)
	}
	if s.Start != "" && s.End != "" && monthPattern.MatchString(string(s.Start)) && monthPattern.MatchString(string(s.End)) && s.End < s.Start {
		v.errs.Add(s.PosOf("end"), "end", "date-order", "%s is before start %s; want end ≥ start", s.End, s.Start)
	}

	// EU AI Act conditions.
	high := s.RiskClass == "high_risk"
	switch {
	case high && s.AnnexIIIArea == 0:
		v.errs.Add(v.keyOrStart(&s.Meta, "risk_class"), "annex_iii_area", "required", "required for high-risk systems; want the Annex III area, 1 to 8")
	case !high && s.AnnexIIIArea != 0:
		v.errs.Add(s.PosOf("annex_iii_area"), "annex_iii_area", "conditional", "given for risk class %q; want it only for \"high_risk\"", s.RiskClass)
	}
	art63 := s.RiskClass == "not_high_risk_art6_3"
	switch {
	case art63 && s.Art63Grounds.IsZero():
		v.errs.Add(v.keyOrStart(&s.Meta, "risk_class"), "art6_3_grounds", "required", "required for risk class \"not_high_risk_art6_3\"; want the grounds under Art. 6(3) AI Act")
	case !art63 && !s.Art63Grounds.IsZero():
		v.errs.Add(s.PosOf("art6_3_grounds"), "art6_3_grounds", "conditional", "given for risk class %q; want it only for \"not_high_risk_art6_3\"", s.RiskClass)
	}
	if high {
		if s.Status == "production" && s.EUDatabase == nil {
			v.errs.Add(v.keyOrStart(&s.Meta, "risk_class"), "eu_database", "required", "required for high-risk systems in production; want {url, id} of the entry in the EU database")
		}
		if s.OperatingLogic.IsZero() {
			v.errs.Add(v.keyOrStart(&s.Meta, "risk_class"), "operating_logic", "required", "required for high-risk systems; want how it works, its inputs and outputs")
		}
		if s.HumanOversight.IsZero() {
			v.errs.Add(v.keyOrStart(&s.Meta, "risk_class"), "human_oversight", "required", "required for high-risk systems; want how people oversee it")
		}
		if !hasAssessment(s, "fria") {
			v.errs.Add(v.keyOrStart(&s.Meta, "risk_class"), "assessments", "required", "no fundamental rights impact assessment (type \"fria\"); want one for high-risk systems (Art. 27 AI Act)")
		}
		if s.PersonalData == "personal" && !hasAssessment(s, "dpia") {
			v.errs.Add(v.keyOrStart(&s.Meta, "personal_data"), "assessments", "required", "no data protection impact assessment (type \"dpia\"); want one for high-risk systems processing personal data (Art. 35 GDPR)")
		}
	}

	// Dates.
	if s.Published != "" && s.Updated != "" && s.Updated < s.Published && validDate(string(s.Published)) && validDate(string(s.Updated)) {
		v.errs.Add(s.PosOf("updated"), "updated", "date-order", "%s is before published %s; want updated ≥ published", s.Updated, s.Published)
	}
	for _, d := range []struct {
		key string
		val register.Date
	}{{"published", s.Published}, {"updated", s.Updated}} {
		if validDate(string(d.val)) && string(d.val) > v.today {
			v.errs.Add(s.PosOf(d.key), d.key, "future", "%s is in the future; want a date up to %s", d.val, v.today)
		}
	}
	if validDate(string(s.NextReview)) && string(s.NextReview) < v.today {
		v.errs.Warn(s.PosOf("next_review"), "next_review", "review-due", "review was due on %s; want the entry reviewed and next_review moved on", s.NextReview)
	}
	if s.BasedOn == s.ID && s.ID != "" {
		v.errs.Add(s.PosOf("based_on"), "based_on", "cycle", "names the system itself; want the id of another system")
	}
}

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil && len(s) == 10
}

// lineCol turns a byte offset in text into a line and a column in
// characters, both counted from 1.
func lineCol(text string, off int) (line, col int) {
	before := text[:off]
	start := strings.LastIndexByte(before, '\n') + 1
	return 1 + strings.Count(before, "\n"), utf8.RuneCountInString(before[start:]) + 1
}

func hasAssessment(s *register.System, typ register.AssessmentType) bool {
	for _, a := range s.Assessments {
		if a.Type == typ {
			return true
		}
	}
	return false
}

// keyOrStart is where a missing conditional field is reported: at the key
// that makes it necessary, or the start of the file.
func (v *validator) keyOrStart(m *register.Meta, key string) register.Pos {
	if p, ok := m.KeyPos(key); ok {
		return p
	}
	return register.Pos{File: m.File, Line: 1, Col: 1}
}

// cycles reports based_on chains and organisation parents that loop,
// each loop once. A self-reference is the single-entry rule's.
func (v *validator) cycles() {
	ids := make([]string, len(v.r.Systems))
	next := make([]string, len(v.r.Systems))
	for i, s := range v.r.Systems {
		ids[i] = s.ID
		if s.BasedOn != s.ID {
			next[i] = s.BasedOn
		}
	}
	for _, c := range loops(ids, next) {
		s := v.r.Systems[c[0]]
		v.errs.Add(s.PosOf("based_on"), "based_on", "cycle", "cycle %s; want a chain that ends in a system not based on another", chain(ids, c, "systems"))
	}
	ids = make([]string, len(v.r.Organisations))
	next = make([]string, len(v.r.Organisations))
	for i, o := range v.r.Organisations {
		ids[i] = o.ID
		if o.Parent != o.ID {
			next[i] = o.Parent
		}
	}
	for _, c := range loops(ids, next) {
		o := v.r.Organisations[c[0]]
		v.errs.Add(o.PosOf("parent"), "parent", "cycle", "cycle %s; want a hierarchy without loops", chain(ids, c, "organisations"))
	}
}

// loops finds the loops of the graph in which entry i points to the entry
// whose id is next[i] ("" or an unknown id: to none). Every entry has at
// most one successor, so one walk from each entry, never entering an entry
// a walk has seen before, visits each entry once: linear in the entries.
// Each loop is returned once, as entry indexes in the order of the chain,
// starting at its smallest id; loops come in the order of those ids.
func loops(ids, next []string) [][]int {
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		if _, dup := index[id]; !dup {
			index[id] = i // a duplicate id is the loader's error
		}
	}
	const (
		fresh   = 0
		walking = 1
		done    = 2
	)
	state := make([]uint8, len(ids))
	at := make([]int, len(ids)) // position of an entry in the current walk
	var walk []int
	var out [][]int
	for i := range ids {
		walk = walk[:0]
		j := i
		for j >= 0 && state[j] == fresh {
			state[j], at[j] = walking, len(walk)
			walk = append(walk, j)
			n, ok := index[next[j]]
			if next[j] == "" || !ok {
				n = -1
			}
			j = n
		}
		if j >= 0 && state[j] == walking {
			loop := slices.Clone(walk[at[j]:])
			first := 0
			for k, e := range loop {
				if ids[e] < ids[loop[first]] {
					first = k
				}
			}
			out = append(out, append(loop[first:], loop[:first]...))
		}
		for _, e := range walk {
			state[e] = done
		}
	}
	sort.Slice(out, func(a, b int) bool { return ids[out[a][0]] < ids[out[b][0]] })
	return out
}

// chain names the members of loop, back to the first: "a → b → a"; a long
// loop shows its first and last members only, and how many there are.
func chain(ids []string, loop []int, what string) string {
	const show = 6
	names := make([]string, 0, show+2)
	if len(loop) <= show {
		for _, e := range loop {
			names = append(names, ids[e])
		}
		return strings.Join(append(names, ids[loop[0]]), " → ")
	}
	for _, e := range loop[:show-2] {
		names = append(names, ids[e])
	}
	names = append(names, "…", ids[loop[len(loop)-1]], ids[loop[0]])
	return fmt.Sprintf("of %d %s %s", len(loop), what, strings.Join(names, " → "))
}

func (v *validator) organisation(o *register.Organisation) {
	v.orgGaps(o)
	if o.Level == "kommune" && o.AGS == "" {
		v.errs.Warn(v.keyOrStart(&o.Meta, "level"), "ags", "recommended", "missing for a Kommune; want the 8-digit Amtlicher Gemeindeschlüssel")
	}
	if o.AGS != "" && o.Level != "kommune" && o.Level != "" {
		v.errs.Add(o.PosOf("ags"), "ags", "conditional", "given for level %q; want it only for \"kommune\"", o.Level)
	}
	if o.AGS != "" && o.State != "" && agsPattern.MatchString(o.AGS) {
		for _, st := range stateCodes {
			if st.code == o.State && o.AGS[:2] != st.ags {
				v.errs.Add(o.PosOf("ags"), "ags", "plausibility", "%q starts with %s, which is not %s; want a key starting with %s", o.AGS, o.AGS[:2], o.State, st.ags)
			}
		}
	}
	if o.Parent == o.ID && o.ID != "" {
		v.errs.Add(o.PosOf("parent"), "parent", "cycle", "names the organisation itself; want the id of another organisation")
	}
}

func (v *validator) site(s *register.Site) {
	// A redirect is the page systeme/<old>/: its key must be an id, which
	// keeps it one folder below systeme/ ("." would replace the A–Z list,
	// "../x" would leave the site), and one no system has.
	for old, target := range s.Redirects {
		p := "redirects." + old
		switch {
		case !validID(old):
			v.errs.Add(s.KeyPosOf(p), "redirects", "id", "old id %q is not an id; want 3 to 80 lower-case letters (a-z), digits and single hyphens, the id a system had", old)
		case v.r.System(old) != nil:
			v.errs.Add(s.KeyPosOf(p), "redirects", "redirect", "old id %q still exists as a system; want only ids that are gone", old)
		}
		if v.r.System(target) == nil {
			v.errs.Add(s.PosOf(p), "redirects", "reference", "no such system %q; want the id the system has now", target)
		}
	}
	seen := map[register.Language]bool{}
	for _, l := range s.Languages {
		seen[l] = true // duplicates are the generic list check's
	}
	if len(s.Languages) > 0 && !seen["de"] {
		v.errs.Add(s.PosOf("languages"), "languages", "required", "has no \"de\"; want German first, [de, en]")
	} else if len(s.Languages) > 0 && s.Languages[0] != "de" {
		// The portal is German first: German pages live at the root, a
		// second language below its code.
		v.errs.Add(s.PosOf("languages.0"), "languages", "enum", "starts with %q; want German first, [de] or [de, en]", s.Languages[0])
	}
}

func (v *validator) topics() {
	seen := map[string]string{}
	for i, t := range v.r.Topics {
		v.entry(&t.Meta, t)
		if t.ID == "" {
			continue
		}
		pos := t.PosOf("id")
		if !validID(t.ID) {
			v.errs.Add(pos, "id", "id", "bad id %q; want 3 to 80 lower-case letters (a-z), digits and single hyphens", t.ID)
		}
		if prev, dup := seen[t.ID]; dup {
			v.errs.Add(pos, "id", "duplicate-id", "duplicate topic id %q; also at %s", t.ID, prev)
		}
		seen[t.ID] = pos.String()
		_ = i
	}
}

func (v *validator) pages() {
	have := map[string]bool{}
	slugs := map[string]string{}
	for _, p := range v.r.Pages {
		have[p.ID] = true
		if prev, dup := slugs[p.Slug]; dup {
			v.errs.Add(p.PosOf("slug"), "slug", "duplicate-id", "slug %q is used by %s too; want each slug once", p.Slug, prev)
		}
		slugs[p.Slug] = p.File
		if !idRule.MatchString(p.Slug) {
			v.errs.Add(p.PosOf("slug"), "slug", "id", "bad slug %q; want lower-case letters (a-z), digits and single hyphens", p.Slug)
		}
		if reserved[p.Slug] {
			v.errs.Add(p.PosOf("slug"), "slug", "reserved", "slug %q is a path of the portal; want another slug", p.Slug)
		}
	}
	var missing []string
	for _, id := range RequiredPages {
		if !have[id] {
			missing = append(missing, id)
		}
	}
	sort.Strings(missing)
	root := "content"
	if v.r.Site != nil && v.r.Site.File != "" {
		if i := strings.LastIndexByte(v.r.Site.File, '/'); i >= 0 {
			root = v.r.Site.File[:i]
		} else {
			root = ""
		}
	}
	dir := "seiten"
	if root != "" {
		dir = root + "/seiten"
	}
	for _, id := range missing {
		v.errs.Add(register.Pos{File: dir + "/" + id + ".md"}, "", "required-page", "required page missing; want %s/%s.md (every page links Barrierefreiheit, Datenschutz, Impressum and Leichte Sprache)", dir, id)
	}
}

// reserved are top-level paths the portal uses itself.
var reserved = map[string]bool{
	"systeme": true, "organisationen": true, "themen": true, "status": true, "ebenen": true,
	"laender": true, "risikoklassen": true, "techniken": true, "suche": true, "statistik": true,
	"daten": true, "assets": true, "en": true, "entscheidungsrollen": true,
}
