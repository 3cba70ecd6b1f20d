package export

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// schemaValidator checks a JSON document against the subset of JSON Schema
// 2020-12 that register.schema.json uses. It rejects any keyword it does not
// know, so the schema cannot silently grow beyond what is checked here.
// (testdata/check-schema.sh runs a full validator, ajv, for CI.)
type schemaValidator struct {
	root map[string]any
}

var knownKeywords = map[string]bool{
	"$schema": true, "title": true, "description": true, "$defs": true,
	"type": true, "properties": true, "required": true, "additionalProperties": true,
	"items": true, "enum": true, "const": true, "pattern": true, "format": true,
	"minimum": true, "maximum": true, "$ref": true, "anyOf": true,
}

func newSchemaValidator(schema []byte) (*schemaValidator, error) {
	var root map[string]any
	if err := json.Unmarshal(schema, &root); err != nil {
		return nil, err
	}
	return &schemaValidator{root: root}, nil
}

// validate returns every violation of doc against the schema at ref ("#" or
// "#/$defs/system").
func (v *schemaValidator) validate(doc []byte, ref string) []string {
	var val any
	d := json.NewDecoder(strings.NewReader(string(doc)))
	d.UseNumber()
	if err := d.Decode(&val); err != nil {
		return []string{"parse: " + err.Error()}
	}
	var errs []string
	v.check(v.resolve(ref), val, "$", &errs)
	return errs
}

func (v *schemaValidator) resolve(ref string) map[string]any {
	if ref == "#" {
		return v.root
	}
	var cur any = v.root
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, _ := cur.(map[string]any)
		cur = m[part]
	}
	m, _ := cur.(map[string]any)
	if m == nil {
		panic("unresolved $ref " + ref)
	}
	return m
}

func jsonType(val any) string {
	switch x := val.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "?"
}

func (v *schemaValidator) check(s map[string]any, val any, path string, errs *[]string) {
	fail := func(format string, args ...any) {
		*errs = append(*errs, path+": "+fmt.Sprintf(format, args...))
	}
	for k := range s {
		if !knownKeywords[k] {
			fail("schema uses keyword %q that the test validator does not implement", k)
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		v.check(v.resolve(ref), val, path, errs)
	}
	if alts, ok := s["anyOf"].([]any); ok {
		matched := false
		for _, sub := range alts {
			var subErrs []string
			v.check(sub.(map[string]any), val, path, &subErrs)
			if len(subErrs) == 0 {
				matched = true
				break
			}
		}
		if !matched {
			fail("matches no schema of anyOf")
		}
	}
	typ := jsonType(val)
	if t, ok := s["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		okType := false
		for _, want := range types {
			if want == typ || (want == "number" && typ == "integer") {
				okType = true
			}
		}
		if !okType {
			fail("type %s; want %v", typ, types)
			return
		}
	}
	if e, ok := s["enum"].([]any); ok {
		found := false
		for _, x := range e {
			if fmt.Sprint(x) == fmt.Sprint(val) && jsonType(x) == typ || (x == nil && val == nil) {
				found = true
			}
		}
		if !found {
			fail("value %v not in enum %v", val, e)
		}
	}
	if c, ok := s["const"]; ok && fmt.Sprint(c) != fmt.Sprint(val) {
		fail("value %v; want const %v", val, c)
	}
	if str, ok := val.(string); ok {
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			fail("%q does not match %s", str, p)
		}
		switch s["format"] {
		case "uri":
			if u, err := url.Parse(str); err != nil || !u.IsAbs() {
				fail("%q is not an absolute URI", str)
			}
		case "email":
			if !strings.Contains(str, "@") {
				fail("%q is not an e-mail address", str)
			}
		}
	}
	if n, ok := val.(json.Number); ok {
		f, _ := n.Float64()
		if m, ok := s["minimum"].(float64); ok && f < m {
			fail("%v < minimum %v", f, m)
		}
		if m, ok := s["maximum"].(float64); ok && f > m {
			fail("%v > maximum %v", f, m)
		}
	}
	if obj, ok := val.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		if req, ok := s["required"].([]any); ok {
			for _, r := range req {
				if _, ok := obj[r.(string)]; !ok {
					fail("missing required key %q", r)
				}
			}
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			sub, ok := props[k].(map[string]any)
			if !ok {
				if ap, ok := s["additionalProperties"].(bool); ok && !ap {
					fail("key %q not allowed", k)
				}
				continue
			}
			v.check(sub, obj[k], path+"."+k, errs)
		}
	}
	if arr, ok := val.([]any); ok {
		if items, ok := s["items"].(map[string]any); ok {
			for i, x := range arr {
				v.check(items, x, fmt.Sprintf("%s[%d]", path, i), errs)
			}
		}
	}
}
