package schema_test

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"unicode/utf8"
)

// validateJSON checks the JSON value v against the draft-07 schema s and
// returns the problems found. It implements the subset of draft-07 the
// generated schemas use (type, enum, const, pattern, min/maxLength,
// minimum, maximum, required, properties, additionalProperties: false,
// items, minItems, uniqueItems, contains, anyOf, allOf, not, if/then/else)
// (examples are annotations) and fails loudly on any other keyword, so the schemas cannot drift into
// keywords this test does not understand.
func validateJSON(s map[string]any, v any, path string) []string {
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	for k, kv := range s {
		switch k {
		case "$schema", "$comment", "title", "description", "examples":
		case "type":
			if !hasType(kv, v) {
				fail("type: got %T; want %v", v, kv)
			}
		case "enum":
			ok := false
			for _, e := range kv.([]any) {
				if reflect.DeepEqual(e, v) {
					ok = true
				}
			}
			if !ok {
				fail("enum: %v", v)
			}
		case "const":
			if !reflect.DeepEqual(kv, v) {
				fail("const: %v != %v", v, kv)
			}
		case "pattern":
			if str, ok := v.(string); ok && !regexp.MustCompile(kv.(string)).MatchString(str) {
				fail("pattern %s: %q", kv, str)
			}
		case "minLength":
			if str, ok := v.(string); ok && utf8.RuneCountInString(str) < int(kv.(float64)) {
				fail("minLength")
			}
		case "maxLength":
			if str, ok := v.(string); ok && utf8.RuneCountInString(str) > int(kv.(float64)) {
				fail("maxLength")
			}
		case "minimum":
			if n, ok := v.(float64); ok && n < kv.(float64) {
				fail("minimum")
			}
		case "maximum":
			if n, ok := v.(float64); ok && n > kv.(float64) {
				fail("maximum")
			}
		case "required":
			if m, ok := v.(map[string]any); ok {
				for _, r := range kv.([]any) {
					if _, ok := m[r.(string)]; !ok {
						fail("required %s", r)
					}
				}
			}
		case "properties":
			if m, ok := v.(map[string]any); ok {
				for pk, ps := range kv.(map[string]any) {
					if pv, ok := m[pk]; ok {
						errs = append(errs, validateJSON(ps.(map[string]any), pv, path+"."+pk)...)
					}
				}
			}
		case "additionalProperties":
			if kv.(bool) {
				break
			}
			if m, ok := v.(map[string]any); ok {
				props, _ := s["properties"].(map[string]any)
				for pk := range m {
					if _, ok := props[pk]; !ok {
						fail("additional property %s", pk)
					}
				}
			}
		case "items":
			if a, ok := v.([]any); ok {
				for i, e := range a {
					errs = append(errs, validateJSON(kv.(map[string]any), e, fmt.Sprintf("%s.%d", path, i))...)
				}
			}
		case "minItems":
			if a, ok := v.([]any); ok && len(a) < int(kv.(float64)) {
				fail("minItems")
			}
		case "uniqueItems":
			if a, ok := v.([]any); ok && kv.(bool) {
				for i := range a {
					for j := i + 1; j < len(a); j++ {
						if reflect.DeepEqual(a[i], a[j]) {
							fail("uniqueItems")
						}
					}
				}
			}
		case "contains":
			if a, ok := v.([]any); ok {
				found := false
				for _, e := range a {
					if len(validateJSON(kv.(map[string]any), e, path)) == 0 {
						found = true
					}
				}
				if !found {
					fail("contains")
				}
			}
		case "anyOf":
			ok := false
			for _, sub := range kv.([]any) {
				if len(validateJSON(sub.(map[string]any), v, path)) == 0 {
					ok = true
				}
			}
			if !ok {
				fail("anyOf")
			}
		case "allOf":
			for _, sub := range kv.([]any) {
				errs = append(errs, validateJSON(sub.(map[string]any), v, path)...)
			}
		case "not":
			if len(validateJSON(kv.(map[string]any), v, path)) == 0 {
				fail("not")
			}
		case "if":
			branch := "else"
			if len(validateJSON(kv.(map[string]any), v, path)) == 0 {
				branch = "then"
			}
			if sub, ok := s[branch].(map[string]any); ok {
				errs = append(errs, validateJSON(sub, v, path)...)
			}
		case "then", "else":
		default:
			panic("validateJSON: keyword " + k + " not implemented")
		}
	}
	return errs
}

func hasType(want any, v any) bool {
	switch w := want.(type) {
	case string:
		switch w {
		case "null":
			return v == nil
		case "string":
			_, ok := v.(string)
			return ok
		case "number":
			_, ok := v.(float64)
			return ok
		case "integer":
			n, ok := v.(float64)
			return ok && n == math.Trunc(n)
		case "boolean":
			_, ok := v.(bool)
			return ok
		case "array":
			_, ok := v.([]any)
			return ok
		case "object":
			_, ok := v.(map[string]any)
			return ok
		}
		panic("unknown type " + w)
	case []any:
		for _, t := range w {
			if hasType(t, v) {
				return true
			}
		}
	}
	return false
}

func mustUnmarshal(b []byte) map[string]any {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		panic(err)
	}
	return m
}
