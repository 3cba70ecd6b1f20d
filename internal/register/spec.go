package register

import (
	"reflect"
	"strconv"
	"strings"
)

// Field describes one key of an entry type, read from its struct tags.
type Field struct {
	Key      string       // YAML key
	Name     string       // Go field name
	Index    int          // field index in the struct
	Type     reflect.Type // Go type of the field
	Required bool
	Markdown bool
	Max      int      // max characters per language (0: no limit)
	Min      int      // numbers: smallest value; lists: fewest items
	MaxVal   int      // numbers: largest value (0: no limit)
	Ref      string   // "organisation", "topic", "system" or ""
	Format   string   // "month", "date", "https", "url", "email", "spdx", "state", "ags" or ""
	Enum     []string // allowed values for enumeration types (and lists of them)
}

// Fields returns the fields of the struct type t (System, Organisation,
// Assessment, …) in declaration order, skipping those tagged yaml:"-".
// It is the single source of truth the loader, the validator and the JSON
// Schema generator share.
func Fields(t reflect.Type) []Field {
	var out []Field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		key := sf.Tag.Get("yaml")
		if key == "" || key == "-" || sf.Anonymous {
			continue
		}
		f := Field{Key: key, Name: sf.Name, Index: i, Type: sf.Type}
		for _, opt := range strings.Split(sf.Tag.Get("maki"), ",") {
			name, val, _ := strings.Cut(opt, "=")
			n, _ := strconv.Atoi(val)
			switch name {
			case "required":
				f.Required = true
			case "markdown":
				f.Markdown = true
			case "max":
				f.Max = n
			case "min":
				f.Min = n
			case "maxval":
				f.MaxVal = n
			case "ref":
				f.Ref = val
			case "format":
				f.Format = val
			}
		}
		et := sf.Type
		if et.Kind() == reflect.Slice {
			et = et.Elem()
		}
		if e, ok := reflect.Zero(et).Interface().(Enumeration); ok && et.Kind() == reflect.String {
			f.Enum = e.Enum()
		}
		out = append(out, f)
	}
	return out
}

// TextType is the reflect.Type of Text, for code that walks entries by Fields.
var TextType = reflect.TypeOf(Text{})
