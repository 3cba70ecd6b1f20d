package validate

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"maki/internal/register"
)

// RequiredPages are the static pages a build cannot do without.
var RequiredPages = []string{"barrierefreiheit", "datenschutz", "impressum", "leichte-sprache"}

// Register checks r and returns every error and warning, sorted. now is
// the build time: dates after it are in the future.
func Register(r *register.Register, now time.Time) register.ErrorList {
	return RegisterCached(r, now, nil)
}

// RegisterCached is Register reusing, for every system that is the same
// pointer as in an earlier call, the errors found then. A system's result
// depends on the system, the date and the ids it may refer to, so the
// cache empties itself when the date or the set of organisation, topic or
// system ids changes. A nil cache checks everything.
func RegisterCached(r *register.Register, now time.Time, cache *Cache) register.ErrorList {
	v := &validator{r: r, today: now.Format("2006-01-02"), fields: map[reflect.Type][]register.Field{}}
	cache.reset(v.today, r)
	if r.Site != nil && r.Site.Decoded() { // nil: missing or unreadable, reported by load
		v.entry(&r.Site.Meta, r.Site)
		v.site(r.Site)
		v.siteData(r.Site)
	}
	v.topics()
	hasEditor := r.Site != nil && r.Site.Editor != nil
	ags := map[string]*register.Organisation{} // first organisation with each AGS
	for _, o := range r.Organisations {
		v.editor = hasEditor
		v.entry(&o.Meta, o)
		v.editor = false
		v.organisation(o)
		if o.AGS == "" {
			continue
		}
		if first, dup := ags[o.AGS]; dup {
			v.errs.Warn(o.PosOf("ags"), "ags", "duplicate-ags", "%q is also the key of %s (%s); want one organisation per Gemeinde, or check the key", o.AGS, first.ID, first.File)
		} else {
			ags[o.AGS] = o
		}
	}
	for _, s := range r.Systems {
		if errs, ok := cache.get(s); ok {
			v.errs = append(v.errs, errs...)
			continue
		}
		start := len(v.errs)
		v.editor = hasEditor
		v.entry(&s.Meta, s)
		v.editor = false
		v.system(s)
		cache.put(s, slices.Clone(v.errs[start:])) // a copy: v.errs is sorted in place
	}
	v.cycles()
	for _, p := range r.Pages {
		v.entry(&p.Meta, p)
	}
	v.pages()
	v.videos()
	v.statement()
	v.placeholders()
	v.errs.Sort()
	return v.errs
}

type validator struct {
	r      *register.Register
	today  string
	errs   register.ErrorList
	fields map[reflect.Type][]register.Field
	spdx   map[string]bool
	// editor is true while the entries the web editor edits (systems,
	// organisations) are walked and site.yaml turns the editor on.
	editor bool
}

// entry runs the checks the struct tags describe over one entry.
func (v *validator) entry(m *register.Meta, e any) {
	v.walk(m, reflect.ValueOf(e).Elem(), "")
}

func (v *validator) fieldsOf(t reflect.Type) []register.Field {
	fs, ok := v.fields[t]
	if !ok {
		fs = register.Fields(t)
		v.fields[t] = fs
	}
	return fs
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (v *validator) walk(m *register.Meta, sv reflect.Value, path string) {
	for _, f := range v.fieldsOf(sv.Type()) {
		p := join(path, f.Key)
		fv := sv.Field(f.Index)
		if isEmpty(fv) {
			if f.Required && !(f.Key == "description" && m.BodyLine > 0) {
				v.missing(m, path, p)
			}
			continue
		}
		v.field(m, f, fv, p)
	}
}

func (v *validator) missing(m *register.Meta, parent, p string) {
	if m.HasKey(p) && !m.Has(p) {
		return // the loader rejected the value and said why
	}
	pos := entryStart(m)
	if parent != "" {
		pos = m.PosOf(parent)
	}
	if m.Has(p) {
		pos = m.PosOf(p)
		v.errs.Add(pos, p, "required", "empty; want a value")
		return
	}
	v.errs.Add(pos, p, "required", "required")
}

// entryStart is the position of the first key of an entry (a topic in
// themen.yaml starts at its list item), or the start of its file.
func entryStart(m *register.Meta) register.Pos {
	start := register.Pos{File: m.File, Line: 1, Col: 1}
	first := register.Pos{}
	for _, p := range m.KeyPositions() {
		if first.Line == 0 || p.Line < first.Line || (p.Line == first.Line && p.Col < first.Col) {
			first = p
		}
	}
	if first.Line > start.Line {
		return first
	}
	return start
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	case reflect.Pointer:
		return v.IsNil()
	case reflect.String:
		return strings.TrimSpace(v.String()) == ""
	case reflect.Struct:
		if t, ok := v.Interface().(register.Text); ok {
			return strings.TrimSpace(t.De) == "" && strings.TrimSpace(t.En) == ""
		}
		return v.IsZero()
	}
	return v.IsZero()
}

func (v *validator) field(m *register.Meta, f register.Field, fv reflect.Value, p string) {
	switch {
	case fv.Type() == register.TextType:
		t := fv.Interface().(register.Text)
		for _, l := range []struct{ lang, s string }{{"de", t.De}, {"en", t.En}} {
			if f.Max > 0 {
				if n := utf8.RuneCountInString(strings.TrimSpace(l.s)); n > f.Max {
					v.errs.Add(m.PosOf(p+"."+l.lang), p, "max-length", "too long: %d characters; want at most %d", n, f.Max)
				}
			}
		}
		if t.De == "" && t.En != "" {
			v.errs.Add(m.PosOf(p), p, "text-de", "English text only; want German text (de) too: the register is German first")
		}
		if v.editor && m.Has(p+".de") && !m.HasKey(p+".de") && !(p == "description" && m.BodyLine > 0) {
			// A plain string: the form edits {de, en} and shows it empty.
			v.errs.Warn(m.PosOf(p+".de"), p, "text-string", "a plain string, which the web editor (editor: in site.yaml) shows as an empty field; want the German text under de: on its own line, as the editor writes it")
		}
	case fv.Kind() == reflect.String:
		s := fv.String()
		if f.Max > 0 && utf8.RuneCountInString(s) > f.Max {
			v.errs.Add(m.PosOf(p), p, "max-length", "too long: %d characters; want at most %d", utf8.RuneCountInString(s), f.Max)
		}
		if f.Format != "" {
			if want := v.checkFormat(f.Format, s); want != "" {
				v.errs.Add(m.PosOf(p), p, "format", "got %q; %s", s, want)
				return
			}
		}
		if f.Ref != "" {
			v.ref(m, f.Ref, s, p)
		}
	case fv.Kind() == reflect.Int:
		n := int(fv.Int())
		if (f.Min != 0 && n < f.Min) || (f.MaxVal != 0 && n > f.MaxVal) {
			v.errs.Add(m.PosOf(p), p, "range", "got %d; want a number from %d to %d", n, f.Min, f.MaxVal)
		}
	case fv.Kind() == reflect.Slice:
		if f.Min > 0 && fv.Len() < f.Min {
			v.errs.Add(m.PosOf(p), p, "min-items", "got %d items; want at least %d", fv.Len(), f.Min)
		}
		seen := map[string]string{}
		for i := 0; i < fv.Len(); i++ {
			e := fv.Index(i)
			ep := p + "." + strconv.Itoa(i)
			if e.Kind() == reflect.Struct {
				v.walk(m, e, ep)
				continue
			}
			if e.Kind() != reflect.String {
				continue
			}
			s := e.String()
			if prev, dup := seen[s]; dup {
				v.errs.Add(m.PosOf(ep), p, "duplicate", "%q is listed twice (also at %s); want each value once", s, prev)
				continue
			}
			seen[s] = ep
			if pos := m.PosOf(ep); pos.Line > 0 {
				seen[s] = fmt.Sprintf("line %d, column %d", pos.Line, pos.Col)
			}
			if f.Max > 0 && utf8.RuneCountInString(s) > f.Max {
				v.errs.Add(m.PosOf(ep), p, "max-length", "item too long: %d characters; want at most %d", utf8.RuneCountInString(s), f.Max)
			}
			if f.Ref != "" {
				v.ref(m, f.Ref, s, ep)
			}
		}
	case fv.Kind() == reflect.Pointer:
		v.walk(m, fv.Elem(), p)
	case fv.Kind() == reflect.Struct:
		v.walk(m, fv, p)
	}
}

// ref checks that id names an existing entry of kind.
func (v *validator) ref(m *register.Meta, kind, id, p string) {
	var ok bool
	var known []string
	switch kind {
	case "organisation":
		ok = v.r.Organisation(id) != nil
		if !ok {
			for _, o := range v.r.Organisations {
				known = append(known, o.ID)
			}
		}
	case "topic":
		ok = v.r.Topic(id) != nil
		if !ok {
			for _, t := range v.r.Topics {
				known = append(known, t.ID)
			}
		}
	case "system":
		ok = v.r.System(id) != nil
		if !ok {
			for _, s := range v.r.Systems {
				known = append(known, s.ID)
			}
		}
	}
	if ok {
		return
	}
	field := p
	if i := strings.LastIndexByte(p, '.'); i > 0 {
		if _, err := strconv.Atoi(p[i+1:]); err == nil {
			field = p[:i]
		}
	}
	msg := fmt.Sprintf("no such %s %q", kind, id)
	if s := closest(id, known); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else if kind == "topic" {
		msg += "; want one of the ids in themen.yaml"
	} else {
		msg += fmt.Sprintf("; want the id of a file in %s", map[string]string{"organisation": "organisationen/", "system": "systeme/", "topic": "themen.yaml"}[kind])
	}
	v.errs.Add(m.PosOf(p), field, "reference", "%s", msg)
}

// closest returns the candidate nearest to s, when it is close enough.
func closest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= 2 || (bestD <= 3 && len(s) > 10) {
		return best
	}
	return ""
}

// editDistance is register.EditDistance, cut short for strings whose
// lengths alone put them too far apart to be suggested (ids are many).
func editDistance(a, b string) int {
	if d := len(a) - len(b); d > 3 || d < -3 {
		return 4
	}
	return register.EditDistance(a, b)
}

// validID reports whether id is a valid entry id (register.ValidID): 3 to
// 80 lower-case letters (a-z), digits and single hyphens.
func validID(id string) bool { return register.ValidID(id) }

var (
	// idRule is the shape of an id without its length rule (page slugs).
	idRule = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	// markupPattern finds what an author may have meant as markup in a
	// plain-text field, shown literally there: a Markdown link ("](") or
	// strong emphasis ("**x**"), an HTML tag or comment. Not a backtick,
	// a single asterisk, "__" or "<" before a digit or space ("Wert <5").
	markupPattern = regexp.MustCompile(`\]\(|\*\*\S[^*]*\*\*|<([A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|/[A-Za-z][A-Za-z0-9-]*\s*>|!--)`)
)
