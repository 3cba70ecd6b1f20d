package csvimport

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"maki/internal/register"
)

// Values are the fields of one imported entry, as the YAML file will
// hold them: strings, ints, bools, []any, and map[string]any for texts
// ({de, en}) and records. The keys are the content keys.
type Values map[string]any

var systemType = reflect.TypeOf(register.System{})

// schemaModeline is the first line of an imported file at p (relative to
// the content root): the yaml-language-server comment naming the schema
// "maki build" publishes for the kind in public/daten/ beside content/,
// as "maki new" writes it.
func schemaModeline(k Kind, p string) string {
	name := "entry.schema.json"
	if k.orDefault() == KindOrganisation {
		name = "organisation.schema.json"
	}
	return "# yaml-language-server: $schema=" + strings.Repeat("../", strings.Count(p, "/")+1) + "public/daten/" + name + "\n"
}

// renderYAML writes v as the YAML of a system or organisation file (by
// t, register.System or register.Organisation): keys in the order of t's
// fields, texts as strings or {de, en}, Markdown over several lines as
// literal blocks, and every other value quoted unless it is plainly safe.
func renderYAML(t reflect.Type, header string, v Values) []byte {
	var b strings.Builder
	b.WriteString(header)
	writeMap(&b, t, v, "")
	return []byte(b.String())
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

func writeKey(b *strings.Builder, key string, t reflect.Type, v any, indent string) {
	b.WriteString(indent + yamlKey(key) + ":")
	switch v := v.(type) {
	case map[string]any:
		b.WriteString("\n")
		writeMap(b, structOf(t), v, indent+"  ")
	case []any:
		if len(v) == 0 {
			b.WriteString(" []\n")
			return
		}
		if allScalar(v) {
			parts := make([]string, len(v))
			for i, e := range v {
				parts[i] = flowScalar(e)
			}
			b.WriteString(" [" + strings.Join(parts, ", ") + "]\n")
			return
		}
		b.WriteString("\n")
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				b.WriteString(indent + "  - " + flowScalar(e) + "\n")
				continue
			}
			var sb strings.Builder
			writeMap(&sb, structOf(t), m, indent+"    ")
			s := sb.String()
			// The first key goes on the dash line.
			s = strings.TrimPrefix(s, indent+"    ")
			b.WriteString(indent + "  - " + s)
			if len(m) == 0 {
				b.WriteString("{}\n")
			}
		}
	default:
		b.WriteString(" " + scalar(v, indent+"  ") + "\n")
	}
}

func allScalar(v []any) bool {
	for _, e := range v {
		switch e.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return true
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

// isPlainURL reports whether s matches
// ^(https?://|mailto:)?[A-Za-z0-9][A-Za-z0-9._~%+@/=&?-]*$. (Without the
// prefix no such string matches, since ":" is not in the set.)
func isPlainURL(s string) bool {
	for _, p := range []string{"https://", "http://", "mailto:"} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	if s == "" || !isASCIILetter(s[0]) && !isASCIIDigit(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isASCIILetter(c) && !isASCIIDigit(c) && strings.IndexByte("._~%+@/=&?-", c) < 0 {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isASCIIDigit(c byte) bool  { return '0' <= c && c <= '9' }

var reserved = map[string]bool{"true": true, "false": true, "null": true, "yes": true, "no": true, "on": true, "off": true, "y": true, "n": true, "~": true}

func yamlKey(k string) string {
	if isPlainWord(k) && !reserved[strings.ToLower(k)] {
		return k
	}
	return quote(k)
}

// scalar writes a scalar value; a string with line breaks becomes a literal
// block indented by indent when that keeps it exactly.
func scalar(v any, indent string) string {
	s, ok := v.(string)
	if !ok {
		return flowScalar(v)
	}
	if strings.Contains(s, "\n") {
		if blk, ok := literal(s, indent); ok {
			return blk
		}
	}
	return flowScalar(s)
}

func flowScalar(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case string:
		if (isPlainWord(v) || isPlainURL(v) && strings.ContainsAny(v, "./@")) &&
			!reserved[strings.ToLower(v)] && !looksNumeric(v) {
			return v
		}
		return quote(v)
	}
	return quote(fmt.Sprint(v))
}

// looksNumeric reports whether a plain scalar would read as something
// other than a string (a number, a date) in some YAML reader.
func looksNumeric(s string) bool {
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '-' || s[0] == '+' || s[0] == '.')
}

// quote writes a double-quoted YAML scalar, escaping what YAML does not
// allow in a document (control characters, DEL, C1 controls, the byte
// order mark) and the line separators. U+FFFD stays as it is, so that
// "maki check" warns about it in the written file too.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029 ||
			r == 0xfeff || r == 0xfffe || r == 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// literal writes s as a literal block scalar ("|", "|-" or "|+"), or reports
// false when a block could not hold it exactly (leading blanks on the first
// line, control characters, carriage returns).
func literal(s, indent string) (string, bool) {
	if s == "" || s[0] == ' ' || s[0] == '\t' || s[0] == '\n' {
		return "", false
	}
	for _, r := range s {
		if r == '\r' || r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f ||
			r == 0x2028 || r == 0x2029 || r == '\ufeff' || r == 0xfffe || r == 0xffff {
			return "", false
		}
	}
	chomp := "|-"
	body := s
	switch {
	case strings.HasSuffix(s, "\n\n"):
		chomp = "|+"
		body = strings.TrimSuffix(s, "\n")
	case strings.HasSuffix(s, "\n"):
		chomp = "|"
		body = strings.TrimSuffix(s, "\n")
	}
	var b strings.Builder
	b.WriteString(chomp)
	for _, line := range strings.Split(body, "\n") {
		b.WriteString("\n")
		if line != "" {
			b.WriteString(indent + line)
		}
	}
	return b.String(), true
}
