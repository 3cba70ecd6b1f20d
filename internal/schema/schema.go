package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"maki/internal/register"
)

// Draft is the JSON Schema dialect of every generated schema.
const Draft = "http://json-schema.org/draft-07/schema#"

// Patterns of the string formats of the maki tag (register/doc.go). They
// accept exactly what the validator accepts for the shape of a value:
// dates must exist (30 days in April, 29 February only in leap years of
// the Gregorian calendar, as Go's time.Parse decides); checks the schema
// cannot express (end before start, dates in the future) are left to
// "maki check".
var formatPatterns = map[string]string{
	"month": `^[0-9]{4}-(0[1-9]|1[0-2])$`,
	"date":  datePattern,
	"https": `^https://[^\s/?#]+[^\s]*$`,
	"url":   `^https?://[^\s/?#]+[^\s]*$`,
	"email": `^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$`,
	"ags":   `^[0-9]{8}$`,
}

// datePattern matches the dates YYYY-MM-DD that exist: days 1–31, 1–30 or
// 1–28 by month, and 29 February in years divisible by 4 but not by 100,
// or by 400.
const datePattern = `^([0-9]{4}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))` +
	`|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29)$`

// rawHTML matches what goldmark reads as raw HTML in Markdown, which maki
// refuses: an opening or closing tag, a comment, a processing instruction,
// a declaration or CDATA. The schema cannot parse Markdown, so it also
// flags such text inside code spans and code blocks, where "maki check"
// allows it; autolinks (<https://…>) do not match.
const rawHTML = `<([A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|/[A-Za-z][A-Za-z0-9-]*\s*>|!--|\?[^>]*\?>|![A-Za-z]|!\[CDATA\[)`

// nonBlank matches strings with at least one character that is not white
// space: required values must not be empty.
const nonBlank = `\S`

// idPattern is the rule for ids (file names without extension), DESIGN §3.
const idPattern = `^[a-z0-9]+(-[a-z0-9]+)*$`

// System returns the JSON Schema of an AI system file
// (content/systeme/<id>.yaml). The bytes are the same on every call.
func System() ([]byte, error) { return SystemFor(Vocabulary{}) }

// Organisation returns the JSON Schema of an organisation file
// (content/organisationen/<id>.yaml). The bytes are the same on every call.
func Organisation() ([]byte, error) { return OrganisationFor(Vocabulary{}) }

// Vocabulary holds the ids of a register, offered as completions for the
// keys that refer to them.
type Vocabulary struct {
	Organisations, Topics, Systems []string
	// NoContact lists the organisations without contact_email: a system
	// of one of them must name its own (format v1.1).
	NoContact []string
	// Closed says the lists are a register's complete lists, so that a
	// kind with no ids admits none (VocabularyOf sets it); otherwise a
	// kind with no ids keeps the id pattern.
	Closed bool
}

// VocabularyOf returns the ids of r's organisations, topics and systems.
func VocabularyOf(r *register.Register) Vocabulary {
	v := Vocabulary{Closed: true}
	for _, o := range r.Organisations {
		v.Organisations = append(v.Organisations, o.ID)
		if o.ContactEmail == "" {
			v.NoContact = append(v.NoContact, o.ID)
		}
	}
	for _, t := range r.Topics {
		v.Topics = append(v.Topics, t.ID)
	}
	for _, s := range r.Systems {
		v.Systems = append(v.Systems, s.ID)
	}
	return v
}

// SystemFor is System with the ids of v as the "enum" of the keys that
// refer to them (organisation, partners, topics, based_on): editors offer
// them as completions and flag any other id, as "maki check" does. "maki
// build" publishes this schema with the ids of the register it built, so
// an id added since is flagged in an editor until the next build. A kind
// with no ids in v keeps the id pattern. Equal vocabularies give equal
// bytes.
func SystemFor(v Vocabulary) ([]byte, error) {
	return generate(reflect.TypeOf(register.System{}),
		"KI-System im KI-Transparenzregister",
		"Ein KI-System einer Behörde: eine Datei content/systeme/<kennung>.yaml. Die Kennung ist der Dateiname.",
		systemRules(sorted(v.NoContact)), v)
}

// OrganisationFor is Organisation with the organisation ids of v offered
// for parent.
func OrganisationFor(v Vocabulary) ([]byte, error) {
	return generate(reflect.TypeOf(register.Organisation{}),
		"Organisation im KI-Transparenzregister",
		"Eine Behörde: eine Datei content/organisationen/<kennung>.yaml. Die Kennung ist der Dateiname.",
		organisationRules(), v)
}

// Kinds lists the kinds accepted by ForKind.
var Kinds = []string{"system", "organisation"}

// ForKind returns the schema for kind "system" or "organisation".
func ForKind(kind string) ([]byte, error) {
	switch kind {
	case "system":
		return System()
	case "organisation":
		return Organisation()
	}
	return nil, fmt.Errorf("unknown kind %q; want one of %q", kind, Kinds)
}

func generate(t reflect.Type, title, desc string, rules []*object, v Vocabulary) ([]byte, error) {
	g := &generator{closed: v.Closed, ids: map[string][]string{
		"organisation": sorted(v.Organisations),
		"topic":        sorted(v.Topics),
		"system":       sorted(v.Systems),
	}}
	root, err := g.structSchema(t)
	if err != nil {
		return nil, err
	}
	head := &object{}
	head.set("$schema", Draft)
	head.set("title", title)
	head.set("description", desc)
	head.kv = append(head.kv, root.kv...)
	if len(rules) > 0 {
		head.set("allOf", rules)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(head); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// tag is a parsed maki struct tag.
type tag struct {
	required, markdown bool
	max, min, maxval   int // -1: unset
	ref, format        string
}

func parseTag(s string) (tag, error) {
	t := tag{max: -1, min: -1, maxval: -1}
	for _, opt := range strings.Split(s, ",") {
		name, val, _ := strings.Cut(opt, "=")
		var err error
		switch name {
		case "":
		case "required":
			t.required = true
		case "markdown":
			t.markdown = true
		case "max":
			t.max, err = strconv.Atoi(val)
		case "min":
			t.min, err = strconv.Atoi(val)
		case "maxval":
			t.maxval, err = strconv.Atoi(val)
		case "ref":
			t.ref = val
		case "format":
			t.format = val
		default:
			err = fmt.Errorf("unknown option")
		}
		if err != nil {
			return t, fmt.Errorf("maki tag %q: option %q: %v", s, opt, err)
		}
	}
	return t, nil
}

var (
	textType  = reflect.TypeOf(register.Text{})
	enumType  = reflect.TypeOf((*register.Enumeration)(nil)).Elem()
	monthType = reflect.TypeOf(register.Month(""))
	dateType  = reflect.TypeOf(register.Date(""))
)

// structSchema returns the object schema of a struct type: its properties
// in field order, the required keys, and no other keys.
func (g *generator) structSchema(t reflect.Type) (*object, error) {
	props := &object{}
	var required []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if key == "" || key == "-" || !f.IsExported() {
			continue
		}
		tg, err := parseTag(f.Tag.Get("maki"))
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %v", t.Name(), f.Name, err)
		}
		s, err := g.fieldSchema(f.Type, tg)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %v", t.Name(), f.Name, err)
		}
		if !tg.required {
			s = nullable(s)
		}
		s = describe(s, t.Name(), key, f.Type)
		props.set(key, s)
		if tg.required {
			required = append(required, key)
		}
	}
	o := &object{}
	o.set("type", "object")
	o.set("properties", props)
	if len(required) > 0 {
		o.set("required", required)
	}
	o.set("additionalProperties", false)
	return o, nil
}

// describe puts the German title and description first in s, followed by
// the allowed enumeration values with their meaning.
func describe(s *object, typ, key string, ft reflect.Type) *object {
	f, ok := Describe(typ, key)
	if !ok {
		return s
	}
	desc := f.Description
	if et := elemType(ft); et.Implements(enumType) {
		var vals []string
		for _, v := range reflect.Zero(et).Interface().(register.Enumeration).Enum() {
			if l := EnumLabel(et.Name(), v); l != "" {
				vals = append(vals, v+" ("+l+")")
			} else {
				vals = append(vals, v)
			}
		}
		desc += " Werte: " + strings.Join(vals, ", ") + "."
	}
	out := &object{}
	out.set("title", f.Title)
	out.set("description", desc)
	out.kv = append(out.kv, s.kv...)
	return out
}

// nullable lets an optional key have no value ("vendor:" on its own), which
// maki reads as if the key were absent.
func nullable(s *object) *object {
	for i, e := range s.kv {
		if e.k != "type" {
			continue
		}
		switch t := e.v.(type) {
		case string:
			s.kv[i].v = []string{t, "null"}
		case []string:
			s.kv[i].v = append(t, "null")
		}
		for j, e := range s.kv {
			if e.k == "enum" {
				s.kv[j].v = append(append([]any{}, toAny(e.v)...), nil)
			}
		}
		return s
	}
	// anyOf (texts): one more alternative.
	for i, e := range s.kv {
		if e.k == "anyOf" {
			s.kv[i].v = append(e.v.([]*object), obj("type", "null"))
		}
	}
	return s
}

func toAny(v any) []any {
	var out []any
	switch v := v.(type) {
	case []string:
		for _, s := range v {
			out = append(out, s)
		}
	}
	return out
}

func elemType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// generator carries what a schema is generated with: the ids to offer.
type generator struct {
	ids    map[string][]string // ref kind → sorted ids
	closed bool                // the ids are complete (Vocabulary.Closed)
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	slices.Sort(out)
	return slices.Compact(out)
}

func (g *generator) fieldSchema(t reflect.Type, tg tag) (*object, error) {
	o := &object{}
	switch {
	case t == textType:
		return textSchema(tg), nil
	case t.Implements(enumType):
		o.set("type", "string")
		o.set("enum", reflect.Zero(t).Interface().(register.Enumeration).Enum())
		return o, nil
	case t.Kind() == reflect.Pointer:
		return g.fieldSchema(t.Elem(), tg)
	case t.Kind() == reflect.Struct:
		return g.structSchema(t)
	case t.Kind() == reflect.Slice:
		item := tg
		item.required, item.min = false, -1
		is, err := g.fieldSchema(t.Elem(), item)
		if err != nil {
			return nil, err
		}
		o.set("type", "array")
		o.set("items", is)
		min := tg.min
		if tg.required && min < 1 {
			min = 1
		}
		if min > 0 {
			o.set("minItems", min)
		}
		if t.Elem().Kind() == reflect.String { // the validator rejects duplicates
			o.set("uniqueItems", true)
		}
		return o, nil
	case t.Kind() == reflect.Int:
		o.set("type", "integer")
		if tg.min >= 0 {
			o.set("minimum", tg.min)
		}
		if tg.maxval >= 0 {
			o.set("maximum", tg.maxval)
		}
		return o, nil
	case t.Kind() == reflect.Bool:
		o.set("type", "boolean")
		return o, nil
	case t.Kind() == reflect.String:
		if ids := g.ids[tg.ref]; tg.ref != "" && len(ids) > 0 {
			o.set("type", "string")
			o.set("enum", ids)
			return o, nil
		} else if tg.ref != "" && g.closed {
			// An enum must not be empty: no string is short enough.
			o.set("$comment", "the register has no "+tg.ref+"; no id is valid")
			o.set("type", "string")
			o.set("minLength", 1)
			o.set("maxLength", 0)
			return o, nil
		}
		return stringSchema(t, tg)
	}
	return nil, fmt.Errorf("no schema for type %s", t)
}

func stringSchema(t reflect.Type, tg tag) (*object, error) {
	o := &object{}
	format := tg.format
	switch t {
	case monthType:
		format = "month"
	case dateType:
		format = "date"
	}
	if format == "" && tg.ref != "" && tg.ref != "topic" {
		// Organisation and system references are ids (file names).
		o.set("type", "string")
		o.set("pattern", idPattern)
		return o, nil
	}
	switch format {
	case "":
		// maki reads any scalar as a string: "version: 3.1" is fine.
		o.set("type", []string{"string", "number"})
		if tg.required {
			o.set("pattern", nonBlank)
		}
		if tg.max >= 0 {
			o.set("maxLength", tg.max)
		}
		return o, nil
	case "state":
		o.set("type", "string")
		o.set("enum", register.States)
		return o, nil
	case "spdx":
		o.set("type", "string")
		o.set("enum", register.SPDXLicenses())
		return o, nil
	}
	p, ok := formatPatterns[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q", format)
	}
	o.set("type", "string")
	o.set("pattern", p)
	if tg.max >= 0 {
		o.set("maxLength", tg.max)
	}
	return o, nil
}

// textSchema is the schema of a text: a German string, or a map with the
// keys de and en.
func textSchema(tg tag) *object {
	lang := func() *object {
		o := &object{}
		o.set("type", "string")
		if tg.max >= 0 {
			o.set("maxLength", tg.max)
		}
		return o
	}
	str := lang()
	str.set("type", []string{"string", "number"})
	if tg.required {
		str.set("pattern", nonBlank)
	}
	if tg.markdown {
		str.set("not", noHTML())
	}
	props := &object{}
	for _, l := range []string{"de", "en"} {
		f, _ := Describe("Text", l)
		s := &object{}
		s.set("title", f.Title)
		s.set("description", f.Description)
		s.kv = append(s.kv, lang().kv...)
		if l == "de" {
			// German first: a text with English only is an error.
			s.set("pattern", nonBlank)
		} else {
			s.set("type", []string{"string", "null"})
		}
		if tg.markdown {
			s.set("not", noHTML())
		}
		props.set(l, s)
	}
	m := &object{}
	m.set("type", "object")
	m.set("properties", props)
	m.set("required", []string{"de"})
	m.set("additionalProperties", false)
	o := &object{}
	o.set("anyOf", []*object{str, m})
	return o
}

// noHTML is the schema a Markdown text must not match: a string with raw
// HTML (a number or null never matches).
func noHTML() *object {
	return obj("$comment", "raw HTML is refused in Markdown", "type", "string", "pattern", rawHTML)
}

// object is a JSON object that keeps its keys in insertion order, so the
// schema reads in the order of the content format and is deterministic.
type object struct{ kv []kv }

type kv struct {
	k string
	v any
}

func (o *object) set(k string, v any) {
	for i := range o.kv {
		if o.kv[i].k == k {
			o.kv[i].v = v
			return
		}
	}
	o.kv = append(o.kv, kv{k, v})
}

// MarshalJSON writes the keys in insertion order.
func (o *object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range o.kv {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(e.k)
		b.Write(k)
		b.WriteByte(':')
		v, err := marshal(e.v)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// obj builds an object from alternating keys and values.
func obj(kvs ...any) *object {
	o := &object{}
	for i := 0; i+1 < len(kvs); i += 2 {
		o.set(kvs[i].(string), kvs[i+1])
	}
	return o
}

// is matches objects whose key has the constant value (and requires the key,
// so that a missing key does not trigger the rule).
func is(key string, val any) *object {
	return obj("properties", obj(key, obj("const", val)), "required", []string{key})
}

func isAll(conds ...*object) *object { return obj("allOf", conds) }

// requires says the keys must be present with a value (null counts as absent).
func requires(keys ...string) *object {
	props := &object{}
	for _, k := range keys {
		props.set(k, obj("not", obj("type", "null")))
	}
	return obj("required", keys, "properties", props)
}

// forbids says the key must be absent or without a value.
func forbids(key string) *object { return obj("not", requires(key)) }

func hasAssessment(typ string) *object {
	return obj("properties", obj("assessments", obj(
		"contains", obj("properties", obj("type", obj("const", typ)), "required", []string{"type"}))),
		"required", []string{"assessments"})
}

// systemRules are the rules of DESIGN §3.1 that tie fields together, as far
// as JSON Schema draft-07 can say them. Not expressible: end ≥ start,
// updated ≥ published, dates in the future, references to other files.
func systemRules(noContact []string) []*object {
	var contact []*object
	if len(noContact) > 0 {
		contact = append(contact, obj("$comment", "contact_email if the organisation has none",
			"if", obj("properties", obj("organisation", obj("enum", noContact)), "required", []string{"organisation"}),
			"then", requires("contact_email")))
	}
	return append(contact, []*object{
		obj("$comment", "annex_iii_area, operating_logic, human_oversight and a fria if and only if high_risk (the last three: only if)",
			"if", is("risk_class", "high_risk"),
			"then", isAll(requires("annex_iii_area", "operating_logic", "human_oversight"), hasAssessment("fria")),
			"else", forbids("annex_iii_area")),
		obj("$comment", "dpia if high_risk and personal data",
			"if", isAll(is("risk_class", "high_risk"), is("personal_data", "personal")),
			"then", hasAssessment("dpia")),
		obj("$comment", "eu_database if high_risk and production",
			"if", isAll(is("risk_class", "high_risk"), is("status", "production")),
			"then", requires("eu_database")),
		obj("$comment", "art6_3_grounds if and only if not_high_risk_art6_3",
			"if", is("risk_class", "not_high_risk_art6_3"),
			"then", requires("art6_3_grounds"),
			"else", forbids("art6_3_grounds")),
		obj("$comment", "end only if retired (a missing start or end is a warning of maki check, not an error)",
			"if", is("status", "retired"),
			"else", forbids("end")),
	}...)
}

// organisationRules are the rules of DESIGN §3.2 that tie fields together,
// and the AGS prefix of each Land (the first two digits of the Amtlicher
// Gemeindeschlüssel are the Land's key).
func organisationRules() []*object {
	var ags []*object
	for _, st := range register.States {
		ags = append(ags, obj(
			"if", is("state", st),
			"then", obj("properties", obj("ags", obj("pattern", "^"+register.StateKey(st))))))
	}
	return []*object{
		obj("$comment", "the AGS of an organisation in a Land starts with the Land's key (DE-BW: 08, DE-NW: 05, …)",
			"allOf", ags),
		obj("$comment", "state for land and kommune (optional for other)",
			"if", obj("properties", obj("level", obj("enum", []string{"land", "kommune"})), "required", []string{"level"}),
			"then", requires("state")),
		obj("$comment", "ags only for kommune",
			"if", obj("properties", obj("level", obj("not", obj("const", "kommune"))), "required", []string{"level"}),
			"then", forbids("ags")),
	}
}
