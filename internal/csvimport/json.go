package csvimport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"unicode/utf8"

	"maki/internal/register"
)

// maxDepth is how deep JSON values may nest; content files need 4.
const maxDepth = 64

// jvalue is a JSON value with the positions of its first character and of
// its key (in an object).
type jvalue struct {
	pos, keyPos register.Pos
	raw         string // a string with escapes: its token as written, quotes included
	v           any    // nil, bool, json.Number, string, []*jvalue or *jobject
}

// jobject is a JSON object: its keys in input order, each once (the last
// of duplicates wins), and the keys that were given more than once.
type jobject struct {
	keys []string
	vals map[string]*jvalue
	dups []*jvalue // the later values of duplicate keys
	dupK []string
}

// jsonReader reads a JSON document into jvalues, with positions as
// line:column, the column counted in characters from 1.
type jsonReader struct {
	file  string
	data  []byte
	lines []int // byte offsets where the lines start
	dec   *json.Decoder
	// The last position found: its byte offset and column. Tokens come in
	// order, so the next column is counted from there, not from the start
	// of the line; a JSON file on one line (a minified export) stays
	// linear.
	lastOff, lastCol int
}

// errTooDeep stops reading at a value nested more than maxDepth deep.
var errTooDeep = errors.New("nested too deep")

// posAt returns the position of the first token at or after the byte
// offset off, skipping blanks and the separators "," and ":".
func (r *jsonReader) posAt(off int64) register.Pos {
	o := int(min(max(off, 0), int64(len(r.data))))
	for o < len(r.data) && bytes.IndexByte([]byte(" \t\r\n,:"), r.data[o]) >= 0 {
		o++
	}
	line := sort.Search(len(r.lines), func(i int) bool { return r.lines[i] > o }) // ≥ 1: lines[0] is 0
	start := r.lines[line-1]
	col := 0
	if r.lastOff >= start && r.lastOff <= o && r.lastCol > 0 {
		col = r.lastCol + utf8.RuneCount(r.data[r.lastOff:o])
	} else {
		col = 1 + utf8.RuneCount(r.data[start:o])
	}
	r.lastOff, r.lastCol = o, col
	return register.Pos{File: r.file, Line: line, Col: col}
}

// value reads the next value.
func (r *jsonReader) value(depth int) (*jvalue, error) {
	startOff := r.dec.InputOffset()
	pos := r.posAt(startOff)
	tok, err := r.dec.Token()
	if err != nil {
		return nil, err
	}
	d, ok := tok.(json.Delim)
	if !ok {
		jv := &jvalue{pos: pos, v: tok}
		if _, isStr := tok.(string); isStr {
			raw := r.data[min(int(startOff), len(r.data)):min(int(r.dec.InputOffset()), len(r.data))]
			if q := bytes.IndexByte(raw, '"'); q >= 0 && bytes.IndexByte(raw[q:], '\\') >= 0 {
				jv.raw = string(raw[q:])
			}
		}
		return jv, nil
	}
	if depth >= maxDepth {
		return nil, errTooDeep
	}
	switch d {
	case '[':
		list := []*jvalue{}
		for r.dec.More() {
			e, err := r.value(depth + 1)
			if err != nil {
				return nil, err
			}
			list = append(list, e)
		}
		if _, err := r.dec.Token(); err != nil {
			return nil, err
		}
		return &jvalue{pos: pos, v: list}, nil
	case '{':
		obj := &jobject{vals: map[string]*jvalue{}}
		for r.dec.More() {
			kpos := r.posAt(r.dec.InputOffset())
			kt, err := r.dec.Token()
			if err != nil {
				return nil, err
			}
			key, _ := kt.(string) // the decoder allows only strings here
			e, err := r.value(depth + 1)
			if err != nil {
				return nil, err
			}
			e.keyPos = kpos
			if _, dup := obj.vals[key]; dup {
				obj.dups = append(obj.dups, e)
				obj.dupK = append(obj.dupK, key)
			} else {
				obj.keys = append(obj.keys, key)
			}
			obj.vals[key] = e
		}
		if _, err := r.dec.Token(); err != nil {
			return nil, err
		}
		return &jvalue{pos: pos, v: obj}, nil
	}
	return nil, fmt.Errorf("unexpected %v", d) // not reached: Token checks the nesting
}

// describe names the type of a JSON value for messages.
func describe(v *jvalue) string {
	switch x := v.v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case json.Number:
		return "a number"
	case string:
		return "a string"
	case []*jvalue:
		return "an array"
	}
	return "an object"
}

// ReadJSON reads systems or organisations (by k) from JSON: an array of
// objects shaped like the content files plus "id", or an object holding
// that array under "systems" or "organisations" (daten/register.json,
// whose references are objects with "id"). Every field's value keeps its
// position, so that a problem is reported at the line and column of the
// value (counted in characters) rather than at the start of its object.
func ReadJSON(k Kind, file string, data []byte) ([]*Row, register.ErrorList) {
	return readJSON(k, file, data, nil)
}

// readJSON is ReadJSON with a mapping's column names (or nil): a key is
// renamed by it before it is read, and "-" skips the key.
func readJSON(k Kind, file string, data []byte, m *mapping) ([]*Row, register.ErrorList) {
	var errs register.ErrorList
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	r := &jsonReader{file: file, data: data, lines: []int{0}}
	for i, c := range data {
		if c == '\n' {
			r.lines = append(r.lines, i+1)
		}
	}
	r.dec = json.NewDecoder(bytes.NewReader(data))
	r.dec.UseNumber()
	fail := func(err error) ([]*Row, register.ErrorList) {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			errs.Add(r.posAt(se.Offset), "", "syntax", "%v", err)
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			errs.Add(r.posAt(int64(len(data))), "", "syntax", "unexpected end of JSON input; want a complete array of %s", k.plural())
		case errors.Is(err, errTooDeep):
			errs.Add(r.posAt(r.dec.InputOffset()), "", "syntax", "nested more than %d deep; want the shape of the content files", maxDepth)
		default:
			errs.Add(register.Pos{File: file}, "", "syntax", "%v", err)
		}
		return nil, errs
	}
	root, err := r.value(0)
	if err != nil {
		return fail(err)
	}
	end := r.posAt(r.dec.InputOffset())
	if _, err := r.dec.Token(); err != io.EOF {
		if err != nil {
			return fail(err)
		}
		errs.Add(end, "", "syntax", "more after the end of the top-level value; want one array of %s", k.plural())
		return nil, errs
	}
	list := root
	if obj, ok := root.v.(*jobject); ok {
		// {"systems": [...], ...}: the list.
		l, ok := obj.vals[k.plural()]
		if !ok {
			if o, ok := obj.vals[k.other().plural()]; ok {
				errs.Add(o.keyPos, "", "kind", "a list %q: this looks like %s; want --kind %s", k.other().plural(), k.other().plural(), k.other())
				return nil, errs
			}
			errs.Add(root.pos, "", "syntax", "no %q list; want an array of %s or {%q: [...]}", k.plural(), k.plural(), k.plural())
			return nil, errs
		}
		list = l
	}
	items, ok := list.v.([]*jvalue)
	if !ok {
		errs.Add(list.pos, "", "syntax", "got %s; want an array of %s", describe(list), k.plural())
		return nil, errs
	}
	for _, it := range items {
		if obj, ok := it.v.(*jobject); ok {
			if i := k.wrongKind(obj.keys); i >= 0 {
				errs.Add(obj.vals[obj.keys[i]].keyPos, "", "kind", "%s", k.wrongKindMsg("key", obj.keys[i]))
				return nil, errs
			}
			break
		}
	}
	var rows []*Row
	for _, it := range items {
		obj, ok := it.v.(*jobject)
		if !ok {
			errs.Add(it.pos, "", "type", "got %s; want an object with the fields of %s", describe(it), k.a())
			continue
		}
		row := &Row{Pos: it.pos, Values: Values{}, pos: map[string]register.Pos{}, keyPos: map[string]register.Pos{}}
		for _, key := range obj.keys {
			v := obj.vals[key]
			if to, ok := m.column(key); ok {
				if to == "-" {
					continue
				}
				key = to
			}
			if key == "id" {
				row.pos["id"], row.keyPos["id"] = v.pos, v.keyPos
				switch id := v.v.(type) {
				case string:
					row.ID = id
				case json.Number:
					row.ID = id.String()
				}
				continue
			}
			if k.orDefault() == KindSystem && derived[key] || key == "page_url" {
				continue
			}
			if n := normalise(row, k.field(key).Type, key, key, v); n != nil {
				row.Values[key] = n
			}
		}
		for i, v := range obj.dups {
			errs.Add(v.keyPos, obj.dupK[i], "duplicate-key", "appears twice in this object; want each field once")
			row.bad = true
		}
		rows = append(rows, row)
	}
	return rows, errs
}

// normalise turns a JSON value at the dotted path into Values, recording
// the positions of it and of everything inside it: nulls and empty lists
// and texts dropped (so a list's indices count only the items kept),
// numbers as ints or strings by the field type, and the objects
// register.json uses for references ({"id": …}) back into ids.
func normalise(row *Row, t reflect.Type, key, path string, jv *jvalue) any {
	row.pos[path] = jv.pos
	if jv.raw != "" {
		if row.raw == nil {
			row.raw = map[string]string{}
		}
		row.raw[path] = jv.raw
	}
	if jv.keyPos.Line > 0 {
		row.keyPos[path] = jv.keyPos
	}
	switch v := jv.v.(type) {
	case nil:
		return nil
	case json.Number:
		if t != nil && t.Kind() == reflect.Int {
			if n, err := strconv.Atoi(v.String()); err == nil {
				return n
			}
		}
		return v.String()
	case string:
		return v
	case bool:
		if !v && key == "restricted" {
			return nil
		}
		return v
	case []*jvalue:
		var out []any
		var et reflect.Type
		if t != nil && t.Kind() == reflect.Slice {
			et = t.Elem()
		}
		for _, e := range v {
			if n := normalise(row, et, key, path+"."+strconv.Itoa(len(out)), e); n != nil {
				out = append(out, n)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case *jobject:
		if t != nil && t.Kind() == reflect.String {
			if id, ok := v.vals["id"]; ok {
				if s, ok := id.v.(string); ok {
					row.pos[path] = id.pos // {"id": "stadt-a", "name": …} in register.json
					return s
				}
			}
		}
		st := structOf(t)
		out := map[string]any{}
		for _, k := range v.keys {
			var ft reflect.Type
			if st != nil {
				ft = fieldType(st, k)
			}
			if t == register.TextType {
				ft = reflect.TypeOf("")
			}
			if e := normalise(row, ft, k, path+"."+k, v.vals[k]); e != nil {
				out[k] = e
			}
		}
		if len(out) == 0 {
			return nil
		}
		if t == register.TextType {
			if de, ok := out["de"]; ok && len(out) == 1 {
				row.pos[path] = row.pos[path+".de"]
				return de
			}
		}
		return out
	}
	return nil
}
