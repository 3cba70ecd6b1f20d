package schema

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"maki/internal/register"
)

func TestDeterministicAndValidJSON(t *testing.T) {
	for _, kind := range Kinds {
		a, err := ForKind(kind)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := ForKind(kind)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two calls give different bytes", kind)
		}
		var v map[string]any
		if err := json.Unmarshal(a, &v); err != nil {
			t.Errorf("%s: not JSON: %v", kind, err)
		}
		if v["$schema"] != Draft {
			t.Errorf("%s: $schema = %v", kind, v["$schema"])
		}
	}
}

// TestEveryFieldDescribed checks that descriptions.go covers every key and
// every enumeration value, so hover help never goes missing.
func TestEveryFieldDescribed(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(st reflect.Type) {
		if seen[st] {
			return
		}
		seen[st] = true
		for i := 0; i < st.NumField(); i++ {
			f := st.Field(i)
			key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if key == "" || key == "-" {
				continue
			}
			if _, ok := Describe(st.Name(), key); !ok {
				t.Errorf("no description for %s.%s", st.Name(), key)
			}
			et := elemType(f.Type)
			if et.Implements(enumType) {
				for _, v := range reflect.Zero(et).Interface().(register.Enumeration).Enum() {
					if EnumLabel(et.Name(), v) == "" {
						t.Errorf("no label for %s.%s", et.Name(), v)
					}
				}
			}
			if et.Kind() == reflect.Struct && et != textType {
				walk(et)
			}
		}
	}
	walk(reflect.TypeOf(register.System{}))
	walk(reflect.TypeOf(register.Organisation{}))
}
