package validate

import (
	"reflect"
	"sort"
	"strconv"
	"strings"

	"maki/internal/register"
)

// PlaceholderMarker is the word "maki init" writes into every value of
// site.yaml and the pages that the operator has to replace. A value or page
// text still holding it gets a warning (rule "placeholder"), so that a
// register is not published with a template's text.
const PlaceholderMarker = "ANPASSEN"

// placeholders warns about every placeholder left for the operator to
// replace: the marker in any value of site.yaml (texts, addresses: "maki
// init" writes https://ANPASSEN.example.org/) or in a page's title or
// text. They are warnings, not errors: a register being set up must build,
// but must not go out like this.
func (v *validator) placeholders() {
	if s := v.r.Site; s != nil && s.Decoded() {
		strs(reflect.ValueOf(s).Elem(), "", func(p, val string) {
			if strings.Contains(val, PlaceholderMarker) {
				v.errs.Warn(s.PosOf(p), p, "placeholder", "placeholder %q left in; want the register's own value", register.Excerpt(val))
			}
		})
	}
	for _, p := range v.r.Pages {
		for _, t := range []struct{ path, val string }{{"title.de", p.Title.De}, {"title.en", p.Title.En}} {
			if strings.Contains(t.val, PlaceholderMarker) {
				v.errs.Warn(p.PosOf(t.path), t.path, "placeholder", "placeholder %q left in; want the page's own title", register.Excerpt(t.val))
			}
		}
		v.bodyPlaceholders(p.Body.De, p.File, p.BodyLine)
		v.bodyPlaceholders(p.Body.En, p.BodyEnFile, p.BodyEnLine)
	}
}

// strs calls fn for every string in x (structs by their yaml keys, lists,
// maps with string keys) with its dotted path ("operator.name.de").
func strs(x reflect.Value, path string, fn func(path, s string)) {
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch x.Kind() {
	case reflect.String:
		fn(path, x.String())
	case reflect.Pointer, reflect.Interface:
		if !x.IsNil() {
			strs(x.Elem(), path, fn)
		}
	case reflect.Struct:
		for i := range x.NumField() {
			f := x.Type().Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "-" || name == "" || !f.IsExported() {
				continue
			}
			strs(x.Field(i), join(name), fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range x.Len() {
			strs(x.Index(i), join(strconv.Itoa(i)), fn)
		}
	case reflect.Map:
		if x.Type().Key().Kind() != reflect.String {
			return
		}
		keys := x.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			strs(x.MapIndex(k), join(k.String()), fn)
		}
	}
}

// bodyPlaceholders warns at every marker in a page body that starts at
// line first of file.
func (v *validator) bodyPlaceholders(body, file string, first int) {
	if file == "" || first == 0 {
		return
	}
	for off := 0; ; {
		i := strings.Index(body[off:], PlaceholderMarker)
		if i < 0 {
			return
		}
		off += i
		line, col := lineCol(body, off)
		end := strings.IndexAny(body[off:], "]\n") // "[ANPASSEN: Datum]"
		if end < 0 {
			end = len(body) - off
		}
		v.errs.Warn(register.Pos{File: file, Line: first + line - 1, Col: col}, "body", "placeholder", "placeholder %q left in; want the register's own text", register.Excerpt(body[off:off+end]))
		off += len(PlaceholderMarker)
	}
}
