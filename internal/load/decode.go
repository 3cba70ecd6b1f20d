package load

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"maki/internal/register"
)

// decoder fills entry structs from YAML nodes by the register struct tags,
// recording the position of every value and reporting type errors.
type decoder struct {
	fields map[reflect.Type][]register.Field
	errs   *register.ErrorList
	file   string
	src    []byte // the file's text, for the indentation of block scalars
	meta   *register.Meta
	pos    register.PosBuilder // the positions of the entry being decoded
	strs   map[string]string   // short values seen before (see intern)
	depth  int
}

// intern returns s, or an equal string decoded before: most short values
// (statuses, organisation ids, dates, e-mail addresses) repeat from entry
// to entry, and a register of 100,000 systems then holds each once.
func (d *decoder) intern(s string) string {
	if len(s) > 64 {
		return s
	}
	if t, ok := d.strs[s]; ok {
		return t
	}
	if d.strs == nil {
		d.strs = map[string]string{}
	}
	d.strs[s] = s
	return s
}

func newDecoder(errs *register.ErrorList) *decoder {
	return &decoder{fields: map[reflect.Type][]register.Field{}, errs: errs}
}

func (d *decoder) fieldsOf(t reflect.Type) []register.Field {
	fs, ok := d.fields[t]
	if !ok {
		fs = register.Fields(t)
		d.fields[t] = fs
	}
	return fs
}

func (d *decoder) at(n *yaml.Node) register.Pos {
	return register.Pos{File: d.file, Line: n.Line, Col: n.Column}
}

// entry decodes the mapping n into the struct pointed to by v, whose Meta is
// m, and collects the positions of its fields in d.pos; done puts them into
// m. Positions the caller adds in between (a Markdown body) go in with them.
func (d *decoder) entry(file string, n *yaml.Node, v any, m *register.Meta) {
	d.file, d.meta = file, m
	m.File = file
	d.pos.Positions() // start afresh
	if n != nil {
		d.value(n, reflect.ValueOf(v).Elem(), "")
	}
}

// done stores the positions collected since entry in m.
func (d *decoder) done(m *register.Meta) {
	m.Positions = d.pos.Positions()
}

// resolve follows aliases.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return n.Content[0]
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// value decodes n into v at the dotted field path.
func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	n = resolve(n)
	if isNull(n) {
		if n != nil && path != "" {
			// Present but empty: the validator says "empty" here rather
			// than "required" at the start of the file.
			d.pos.Value(path, n.Line, n.Column)
		}
		return
	}
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > 20 {
		d.errs.Add(d.at(n), path, "type", "nested too deep")
		return
	}
	if path != "" {
		p := d.scalarPos(n, path)
		d.pos.Value(path, p.Line, p.Col)
	}
	t := v.Type()
	switch {
	case t == register.TextType:
		d.text(n, v, path)
	case t.Kind() == reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.typeError(n, path, "a string")
			return
		}
		val := n.Value
		if e, ok := v.Interface().(register.Enumeration); ok {
			if !contains(e.Enum(), val) {
				d.errs.Add(d.at(n), path, "enum", "unknown value %q; want one of %s", val, quoteList(e.Enum()))
				d.reject(path)
				return
			}
		}
		v.SetString(d.intern(val))
	case t.Kind() == reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			d.typeError(n, path, "a whole number")
			return
		}
		i, err := strconv.Atoi(n.Value)
		if err != nil {
			d.typeError(n, path, "a whole number")
			return
		}
		v.SetInt(int64(i))
	case t.Kind() == reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.typeError(n, path, "true or false")
			return
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	case t.Kind() == reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.typeError(n, path, "a list")
			return
		}
		s := reflect.MakeSlice(t, 0, len(n.Content))
		for i, c := range n.Content {
			if isNull(resolve(c)) {
				d.errs.Add(d.at(c), path+"."+strconv.Itoa(i), "type", "empty list item; want a value")
				continue
			}
			e := reflect.New(t.Elem()).Elem()
			d.value(c, e, path+"."+strconv.Itoa(i))
			s = reflect.Append(s, e)
		}
		v.Set(s)
	case t.Kind() == reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.typeError(n, path, "a mapping")
			return
		}
		m := reflect.MakeMap(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, c := resolve(n.Content[i]), resolve(n.Content[i+1])
			if k.Kind != yaml.ScalarNode || c == nil || c.Kind != yaml.ScalarNode {
				d.typeError(c, path, "a mapping of strings to strings")
				continue
			}
			d.pos.Value(path+"."+k.Value, c.Line, c.Column)
			d.pos.Key(path+"."+k.Value, k.Line, k.Column)
			m.SetMapIndex(reflect.ValueOf(d.intern(k.Value)), reflect.ValueOf(d.intern(c.Value)))
		}
		v.Set(m)
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		if n.Kind != yaml.MappingNode {
			d.typeError(n, path, "a mapping of fields")
			return
		}
		p := reflect.New(t.Elem())
		d.value(n, p.Elem(), path)
		v.Set(p)
	case t.Kind() == reflect.Struct:
		d.mapping(n, v, path)
	}
}

// scalarPos is the position of a value; for block scalars (| and >) it is
// the first line of the content, indented under its key.
func (d *decoder) scalarPos(n *yaml.Node, path string) register.Pos {
	if n.Kind != yaml.ScalarNode || n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		return d.at(n)
	}
	d.pos.Block(path)
	col := n.Column
	if _, kcol, ok := d.pos.KeyOf(path); ok {
		col = kcol + 2
	}
	if ind := d.blockIndent(n.Line + 1); ind > 0 {
		col = ind + 1
	}
	return register.Pos{File: d.file, Line: n.Line + 1, Col: col}
}

// blockIndent returns the indentation of the first non-blank line from
// line on, where the content of a block scalar starts, or 0.
func (d *decoder) blockIndent(line int) int {
	for i, l := 1, d.src; len(l) > 0; i++ {
		cur, rest, _ := bytes.Cut(l, []byte("\n"))
		if i >= line && len(bytes.TrimSpace(cur)) > 0 {
			return len(cur) - len(bytes.TrimLeft(cur, " "))
		}
		l = rest
	}
	return 0
}

// textPos is the position of the first character of a text: inside the
// quotes of a quoted scalar.
func (d *decoder) textPos(n *yaml.Node, path string) register.Pos {
	p := d.scalarPos(n, path)
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		p.Col++
	}
	return p
}

func (d *decoder) typeError(n *yaml.Node, path, want string) {
	d.errs.Add(d.at(n), path, "type", "got %s; want %s", kindName(n), want)
	d.reject(path)
}

// reject forgets the position of a value that was reported as wrong, so
// that the field counts as absent but its key stays in KeyPositions: the
// validator takes a key without a value position for "already reported"
// and does not add "empty; want a value" for the same mistake.
func (d *decoder) reject(path string) {
	if path != "" {
		d.pos.Forget(path)
	}
}

// mapping decodes a mapping node into a struct by its fields' YAML keys.
// Keys given twice were reported and dropped by inspect.
func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		want := "a mapping of fields"
		if path == "" {
			want = "a mapping of fields (key: value lines)"
		}
		d.typeError(n, path, want)
		return
	}
	fields := d.fieldsOf(v.Type())
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, c := resolve(n.Content[i]), n.Content[i+1]
		if k == nil || k.Kind != yaml.ScalarNode {
			d.errs.Add(d.at(n.Content[i]), path, "type", "got %s as a key; want a field name", kindName(n.Content[i]))
			continue
		}
		sub := k.Value
		if path != "" {
			sub = path + "." + k.Value
		}
		f, ok := findField(fields, k.Value)
		if !ok {
			msg := "unknown field"
			if s := suggest(k.Value, fields); s != "" {
				msg += "; did you mean \"" + s + "\"?"
			} else {
				msg += "; want one of " + quoteList(keys(fields))
			}
			d.errs.Add(d.at(k), sub, "unknown-key", "%s", msg)
			continue
		}
		d.pos.Key(sub, k.Line, k.Column)
		d.value(c, v.Field(f.Index), sub)
	}
}

// text decodes a text field: a string (German) or {de: …, en: …}.
func (d *decoder) text(n *yaml.Node, v reflect.Value, path string) {
	t := v.Addr().Interface().(*register.Text)
	switch n.Kind {
	case yaml.ScalarNode:
		t.De = d.intern(textValue(n.Value))
		p := d.textPos(n, path)
		d.pos.Value(path+".de", p.Line, p.Col)
		if d.pos.IsBlock(path) {
			d.pos.Block(path + ".de")
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, c := resolve(n.Content[i]), resolve(n.Content[i+1])
			sub := path + "." + k.Value
			if k.Value != "de" && k.Value != "en" {
				d.errs.Add(d.at(k), sub, "unknown-key", "unknown language; want \"de\" or \"en\"")
				continue
			}
			if isNull(c) {
				continue
			}
			if c.Kind != yaml.ScalarNode {
				d.typeError(c, sub, "a string")
				continue
			}
			d.pos.Key(sub, k.Line, k.Column)
			p := d.textPos(c, sub)
			d.pos.Value(sub, p.Line, p.Col)
			if k.Value == "de" {
				t.De = d.intern(textValue(c.Value))
			} else {
				t.En = d.intern(textValue(c.Value))
			}
		}
	default:
		d.typeError(n, path, "a string or a mapping with \"de\" and \"en\"")
	}
}

// textValue is a text without its final line breaks: "|" and "|-" (the
// literal block a text is written in by hand and by the web editor, which
// drops the final line break) give the same text, so that the style of a
// file changes neither the exports nor the change history.
func textValue(s string) string { return strings.TrimRight(s, "\n") }

func findField(fs []register.Field, key string) (register.Field, bool) {
	for _, f := range fs {
		if f.Key == key {
			return f, true
		}
	}
	return register.Field{}, false
}

func keys(fs []register.Field) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Key
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// suggest returns the known key closest to key, if it is close enough
// (edit distance at most 2, or 3 for long keys).
func suggest(key string, fs []register.Field) string {
	best, bestD := "", 1<<30
	for _, f := range fs {
		if dist := editDistance(strings.ToLower(key), f.Key); dist < bestD {
			best, bestD = f.Key, dist
		}
	}
	limit := 2
	if len(key) > 8 {
		limit = 3
	}
	if bestD <= limit {
		return best
	}
	return ""
}

func editDistance(a, b string) int { return register.EditDistance(a, b) }
