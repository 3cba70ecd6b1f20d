package csvimport

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"maki/internal/register"
	"maki/internal/schema"
)

// Values are the fields of one imported entry, as the YAML file will
// hold them: strings, ints, bools, []any, and map[string]any for texts
// ({de, en}) and records. The keys are the content keys.
type Values map[string]any

var systemType = reflect.TypeOf(register.System{})

// renderYAML writes v as the YAML of a system or organisation file (by
// t, register.System or register.Organisation) in the style the web
// editor writes (docs/editor-web.md, test/browser/canonical.js), so that
// saving an imported file in the editor without a change changes no
// byte: no comments, keys in the order of t's fields (unknown keys last,
// sorted), empty optional values left out, lists as "- " items under
// their key, texts always as "de:"/"en:" (Markdown texts without blanks
// at the end, other texts without line breaks at the end, as maki reads
// them), strings as schema.YAMLString writes them.
func renderYAML(t reflect.Type, v Values) []byte {
	var b strings.Builder
	writeMap(&b, t, editorMap(t, v), "")
	return []byte(b.String())
}

// editorMap returns the values of m (of struct type t, nil if unknown) as
// the editor holds them when it saves: texts as {de, en}, empty optional
// values dropped. m is not changed.
func editorMap(t reflect.Type, m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		f, known := register.Field{}, false
		if t != nil {
			f, known = fieldOf(t, k)
		}
		if !known {
			out[k] = v
			continue
		}
		v = editorValue(f, v)
		if !f.Required && isEmpty(v) {
			continue
		}
		out[k] = v
	}
	return out
}

func editorValue(f register.Field, v any) any {
	ft := f.Type
	if ft.Kind() == reflect.Pointer {
		ft = ft.Elem()
	}
	switch {
	case ft == register.TextType:
		return editorText(f, v)
	case ft.Kind() == reflect.Struct:
		if m, ok := v.(map[string]any); ok {
			return editorMap(ft, m)
		}
	case ft.Kind() == reflect.Slice && structOf(ft) != nil:
		l, ok := v.([]any)
		if !ok {
			return v
		}
		out := make([]any, len(l))
		for i, e := range l {
			if m, ok := e.(map[string]any); ok {
				e = editorMap(structOf(ft), m)
			}
			out[i] = e
		}
		return out
	}
	return v
}

// editorText returns the text v of field f as {de, en}: the line breaks
// at the end dropped (they are not part of a text), for Markdown all
// blanks at the end (the editor's Markdown field drops them), and empty
// languages left out but a required German.
func editorText(f register.Field, v any) any {
	out := map[string]any{}
	switch v := v.(type) {
	case string:
		out["de"] = v
	case map[string]any:
		for k, x := range v {
			out[k] = x
		}
	default:
		return v
	}
	for lang, x := range out {
		s, ok := x.(string)
		if !ok {
			continue
		}
		s = strings.TrimRight(s, "\n")
		if f.Markdown {
			s = strings.TrimRightFunc(s, jsSpace)
		}
		out[lang] = s
		if s == "" && (lang != "de" || !f.Required) {
			delete(out, lang)
		}
	}
	return out
}

// jsSpace reports whether JavaScript's trimEnd removes r: Unicode's
// spaces, the line terminators and the byte order mark, but not U+0085.
func jsSpace(r rune) bool {
	return r == '\ufeff' || r != 0x85 && unicode.IsSpace(r)
}

// isEmpty is the editor's test for a value it leaves out when the field
// is optional.
func isEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

func writeMap(b *strings.Builder, t reflect.Type, m map[string]any, indent string) {
	for _, k := range orderedKeys(t, m) {
		writeKey(b, k, fieldType(t, k), m[k], indent)
	}
}

// orderedKeys returns m's keys in t's field order, unknown keys last, sorted.
func orderedKeys(t reflect.Type, m map[string]any) []string {
	keys := make([]string, 0, len(m))
	if t != nil {
		for _, f := range fieldsOf(t) {
			if _, ok := m[f.Key]; ok {
				keys = append(keys, f.Key)
			}
		}
	}
	if len(keys) == len(m) {
		return keys
	}
	var rest []string
	for k := range m {
		if t == nil {
			rest = append(rest, k)
		} else if _, known := fieldOf(t, k); !known {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(keys, rest...)
}

// fieldType returns the type of key in struct type t (nil if unknown),
// with pointers and slices unwrapped for records.
func fieldType(t reflect.Type, key string) reflect.Type {
	if t == nil {
		return nil
	}
	if f, ok := fieldOf(t, key); ok {
		return f.Type
	}
	if t == register.TextType {
		return reflect.TypeOf("")
	}
	return nil
}

func structOf(t reflect.Type) reflect.Type {
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice) {
		t = t.Elem()
	}
	if t != nil && t.Kind() == reflect.Struct {
		return t
	}
	return nil
}

// writeKey writes key with value v at indent, as the "yaml" library
// writes a block mapping's pair with the editor's options.
func writeKey(b *strings.Builder, key string, t reflect.Type, v any, indent string) {
	b.WriteString(indent + yamlKey(key) + ":")
	writeValue(b, t, v, indent)
}

// writeValue writes v after a key or a list item's dash at indent: a
// record or text on the lines below, a list as "- " items indented
// under it, a scalar on the same line.
func writeValue(b *strings.Builder, t reflect.Type, v any, indent string) {
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 0 {
			b.WriteString(" {}\n")
			return
		}
		b.WriteString("\n")
		writeMap(b, structOf(t), v, indent+"  ")
	case []any:
		if len(v) == 0 {
			b.WriteString(" []\n")
			return
		}
		b.WriteString("\n")
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok || len(m) == 0 {
				b.WriteString(indent + "  -")
				writeValue(b, t, e, indent+"  ")
				continue
			}
			var sb strings.Builder
			writeMap(&sb, structOf(t), m, indent+"    ")
			// The first key goes on the dash line.
			b.WriteString(indent + "  - " + strings.TrimPrefix(sb.String(), indent+"    "))
		}
	default:
		b.WriteString(" " + scalar(v, indent+"  ") + "\n")
	}
}

// isPlainWord reports whether s matches ^[A-Za-z][A-Za-z0-9_-]*$.
func isPlainWord(s string) bool {
	if s == "" || !isASCIILetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isASCIILetter(c) && !isASCIIDigit(c) && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isASCIIDigit(c byte) bool  { return '0' <= c && c <= '9' }

var reserved = map[string]bool{"true": true, "false": true, "null": true, "yes": true, "no": true, "on": true, "off": true, "y": true, "n": true, "~": true}

// yamlKey writes a key: the content keys as they are; an unknown key
// (which "maki check" rejects) in double quotes unless it is a plain word.
func yamlKey(k string) string {
	if isPlainWord(k) && !reserved[strings.ToLower(k)] {
		return k
	}
	return schema.YAMLEscaped(k)
}

// scalar writes a scalar value whose lines, if it has several, are
// indented by indent.
func scalar(v any, indent string) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case string:
		return schema.YAMLString(v, indent)
	}
	return schema.YAMLEscaped(fmt.Sprint(v))
}
