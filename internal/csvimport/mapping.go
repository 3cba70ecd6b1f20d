package csvimport

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"maki/internal/load"
	"maki/internal/register"
)

// Rules of the warnings a mapping causes: every value it sets and every
// text it cuts is reported at the row and column, never silent.
const (
	RuleDefault = "mapping-default"
	RuleCut     = "mapping-cut"
	RuleID      = "mapping-id"
)

// mapping is a read --map file (see load.ImportMapping) with the columns
// looked up by their canonical name.
type mapping struct {
	*load.ImportMapping
	columns map[string]string // canonical foreign name → maki column or "-"
}

// ReadMapping reads the mapping file of "maki import --map FILE" and
// checks it against the fields of kind k: every column, value, default
// and cut must name a field of k. Problems are reported in the mapping
// file.
func ReadMapping(k Kind, file string, data []byte) (*load.ImportMapping, register.ErrorList) {
	m, errs := load.Mapping(file, data)
	k = k.orDefault()
	known := func(field string) bool {
		_, ok := parseHeader(k, field)
		return ok || field == "id"
	}
	for from, to := range m.Columns {
		if to != "-" && !known(to) {
			errs.Add(m.Pos["columns."+from], "columns."+from, "unknown-key", "no field %q; want a field of %s like \"name\", \"summary.en\" or \"topics\", or \"-\" to skip the column", to, k.a())
			delete(m.Columns, from)
		}
	}
	for _, part := range []struct {
		what string
		keys []string
	}{{"values", keysOf(m.Values)}, {"defaults", keysOf(m.Defaults)}, {"cut", keysOf(m.Cut)}} {
		for _, field := range part.keys {
			if !known(field) {
				errs.Add(m.Pos[part.what+"."+field], part.what+"."+field, "unknown-key", "no field %q; want a field of %s", field, k.a())
				delete(m.Values, field)
				delete(m.Defaults, field)
				delete(m.Cut, field)
			}
		}
	}
	if m.ID != "" {
		if _, err := idParts(m.ID); err != "" {
			errs.Add(m.Pos["id"], "id", "template", "%s", err)
			m.ID = ""
		}
	}
	errs.Sort()
	return m, errs
}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func newMapping(m *load.ImportMapping) *mapping {
	if m == nil {
		return nil
	}
	c := map[string]string{}
	for from, to := range m.Columns {
		c[canonical(from)] = to
	}
	return &mapping{ImportMapping: m, columns: c}
}

// column returns the maki column a foreign column or key is renamed to.
func (m *mapping) column(h string) (string, bool) {
	if m == nil {
		return "", false
	}
	to, ok := m.columns[canonical(h)]
	return to, ok
}

func (m *mapping) idTemplate() string {
	if m == nil {
		return ""
	}
	return m.ID
}

// where names an entry of the mapping file for a message.
func (m *mapping) where(key string) string {
	return fmt.Sprintf("%s in %s", key, m.Pos[key])
}

// apply maps the values of every row, cuts over-long texts, sets the
// defaults and makes the ids, each a warning at the row and column.
func (m *mapping) apply(k Kind, rows []*Row, errs *register.ErrorList) {
	if m == nil {
		return
	}
	for _, row := range rows {
		// As in a spreadsheet, a blank value is a value not stated, and a
		// list may be one text with items separated by ";".
		for field, v := range row.Values {
			switch v := v.(type) {
			case string:
				f := k.field(field)
				switch {
				case strings.TrimSpace(v) == "":
					delete(row.Values, field)
				case f.Type != nil && f.Type.Kind() == reflect.Slice && structOf(f.Type) == nil:
					var items []any
					for _, it := range splitList(v) {
						if it = strings.TrimSpace(it); it != "" {
							items = append(items, it)
						}
					}
					row.Values[field] = items
				}
			case map[string]any:
				for lang, t := range v {
					if s, ok := t.(string); ok && strings.TrimSpace(s) == "" {
						delete(v, lang)
					}
				}
				if len(v) == 0 {
					delete(row.Values, field)
				}
			}
		}
		for _, field := range keysOf(m.Values) {
			vm := m.Values[field]
			switch v := row.Values[field].(type) {
			case string:
				if to, ok := lookup(vm, v); ok {
					setOrDrop(row.Values, field, to)
				}
			case []any:
				var out []any
				for _, it := range v {
					s, isStr := it.(string)
					if to, ok := lookup(vm, s); isStr && ok {
						if to != "" {
							out = append(out, to)
						}
						continue
					}
					out = append(out, it)
				}
				if len(out) == 0 {
					delete(row.Values, field)
				} else {
					row.Values[field] = out
				}
			}
		}
		for _, field := range keysOf(m.Cut) {
			max := m.Cut[field]
			cutText := func(s, lang string) string {
				t, ok := cutAtSentence(s, max)
				if ok {
					errs.Warn(row.at(field), field, RuleCut, "%d characters cut to %d at a sentence end (%s); the full text stays in the source: check the cut",
						utf8.RuneCountInString(s), utf8.RuneCountInString(t), m.where("cut."+field))
				}
				return t
			}
			switch v := row.Values[field].(type) {
			case string:
				row.Values[field] = cutText(v, "de")
			case map[string]any:
				for lang, t := range v {
					if s, ok := t.(string); ok {
						v[lang] = cutText(s, lang)
					}
				}
			}
		}
		for _, field := range keysOf(m.Defaults) {
			if _, ok := row.Values[field]; ok {
				continue
			}
			vals := m.Defaults[field]
			f := k.field(field)
			if f.Type != nil && f.Type.Kind() == reflect.Slice {
				var items []any
				for _, v := range vals {
					items = append(items, v)
				}
				row.Values[field] = items
			} else {
				row.Values[field] = scalarFor(f.Type, vals[0])
			}
			errs.Warn(row.at(field), field, RuleDefault, "not in the source; set to %q (%s)", strings.Join(vals, "; "), m.where("defaults."+field))
		}
		if row.ID == "" && m.ID != "" {
			id := m.makeID(row)
			row.ID = id
			if row.pos != nil {
				row.pos["id"] = row.Pos
			}
		}
	}
}

// lookup finds a foreign value in vm: as written, else trimmed and
// without regard to case.
func lookup(vm map[string]string, s string) (string, bool) {
	if to, ok := vm[s]; ok {
		return to, true
	}
	t := strings.TrimSpace(s)
	for from, to := range vm {
		if strings.EqualFold(strings.TrimSpace(from), t) {
			return to, true
		}
	}
	return "", false
}

func setOrDrop(v Values, field, s string) {
	if s == "" {
		delete(v, field)
		return
	}
	v[field] = s
}

// idPart is a piece of an id template: literal text, or a field with
// filters.
type idPart struct {
	lit, field string
	slug       bool
}

// idParts parses an id template: text with fields in braces, each with
// the filter "slug" after "|" or none ("{name|slug}").
func idParts(t string) ([]idPart, string) {
	var parts []idPart
	for t != "" {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			parts = append(parts, idPart{lit: t})
			break
		}
		if i > 0 {
			parts = append(parts, idPart{lit: t[:i]})
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			return nil, fmt.Sprintf("%q has no closing \"}\"; want fields like \"{name|slug}\"", t[i:])
		}
		expr := t[i+1 : i+j]
		field, filter, _ := strings.Cut(expr, "|")
		p := idPart{field: strings.TrimSpace(field)}
		switch strings.TrimSpace(filter) {
		case "":
		case "slug":
			p.slug = true
		default:
			return nil, fmt.Sprintf("unknown filter %q; want \"slug\"", filter)
		}
		if p.field == "" {
			return nil, "empty field in \"{}\"; want fields like \"{name|slug}\""
		}
		parts = append(parts, p)
		t = t[i+j+1:]
	}
	return parts, ""
}

// makeID renders the id template for row. The id is cut at a hyphen to
// the 80 characters ids may have.
func (m *mapping) makeID(row *Row) string {
	parts, _ := idParts(m.ID)
	var b strings.Builder
	for _, p := range parts {
		if p.field == "" {
			b.WriteString(p.lit)
			continue
		}
		s := textOf(row.Values[p.field])
		if p.field == "id" {
			s = row.ID
		}
		if p.slug {
			s = Slug(s)
		}
		b.WriteString(s)
	}
	id := b.String()
	for len(id) > 80 {
		i := strings.LastIndexByte(id[:80], '-')
		if i < 3 {
			id = strings.TrimRight(id[:80], "-")
			break
		}
		id = id[:i]
	}
	return id
}

// textOf is the text of a value for an id: a string, the German (else
// English) of a text, the first item of a list.
func textOf(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		for _, lang := range []string{"de", "en"} {
			if s, ok := v[lang].(string); ok {
				return s
			}
		}
	case []any:
		if len(v) > 0 {
			return textOf(v[0])
		}
	}
	return ""
}

// slugReplacer writes out German umlauts and ß and drops the accents of
// the other letters of Western European languages.
var slugReplacer = strings.NewReplacer(
	"ä", "ae", "ö", "oe", "ü", "ue", "Ä", "ae", "Ö", "oe", "Ü", "ue", "ß", "ss",
	"á", "a", "à", "a", "â", "a", "å", "a", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ó", "o", "ò", "o", "ô", "o", "ú", "u",
	"ù", "u", "û", "u", "ç", "c", "ñ", "n", "ÿ", "y", "É", "e", "È", "e", "Ë", "e", "Ï", "i",
	"ĳ", "ij", "Ĳ", "ij", "æ", "ae", "ø", "o", "œ", "oe",
)

// Slug makes an id from a text: lower case, German umlauts and ß written
// out, the accents of other Western European letters dropped, every run
// of other characters one hyphen.
func Slug(s string) string {
	s = slugReplacer.Replace(s)
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	return b.String()
}

// cutAtSentence cuts s to at most max characters at the end of the last
// whole sentence (".", "!" or "?" followed by a space or the end); when
// no sentence ends early enough, at the last space, with "…". It reports
// whether it cut.
func cutAtSentence(s string, max int) (string, bool) {
	if utf8.RuneCountInString(s) <= max {
		return s, false
	}
	// the byte offset of the max-th character
	limit, n := len(s), 0
	for i := range s {
		if n == max {
			limit = i
			break
		}
		n++
	}
	head := s[:limit]
	best := -1
	for i := 0; i < len(head); i++ {
		if c := head[i]; (c == '.' || c == '!' || c == '?') && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n') {
			best = i + 1
		}
	}
	if best > 0 {
		return strings.TrimSpace(head[:best]), true
	}
	// no sentence end: at the last space, with " …"
	rs := []rune(s)[:max-1]
	for i := len(rs) - 1; i > 0; i-- {
		if rs[i] == ' ' {
			return strings.TrimSpace(string(rs[:i])) + " …", true
		}
	}
	return string(rs) + "…", true
}
