package register

import (
	"reflect"
	"testing"
)

// TestPublicKeepsEveryField checks that Public carries every exported
// field of the register besides Systems: the build indexes the public
// register for the search, and a field left out there (issue 13: the
// synonym list) silently vanishes from the published site while "maki
// search", which reads the full register, still finds it.
func TestPublicKeepsEveryField(t *testing.T) {
	r := &Register{
		Site:          &Site{},
		Topics:        []*Topic{{ID: "t"}},
		Organisations: []*Organisation{{}},
		Systems:       []*System{{Organisation: "o"}},
		Pages:         []*Page{{}},
		Synonyms:      [][]string{{"Gesichtserkennung", "Gesichtsvergleich"}},
		History:       &History{Shallow: true},
	}
	p := r.Public()
	rv, pv := reflect.ValueOf(r).Elem(), reflect.ValueOf(p).Elem()
	for i := 0; i < rv.NumField(); i++ {
		f := rv.Type().Field(i)
		if !f.IsExported() || f.Name == "Systems" {
			continue
		}
		if rv.Field(i).IsZero() {
			t.Fatalf("field %s: zero in the test register; set it so the test can see it carried over", f.Name)
		}
		if !reflect.DeepEqual(pv.Field(i).Interface(), rv.Field(i).Interface()) {
			t.Errorf("Public().%s = %v; want %v", f.Name, pv.Field(i).Interface(), rv.Field(i).Interface())
		}
	}
	if len(p.Systems) != 1 || p.Systems[0].Organisation != "o" {
		t.Errorf("Public().Systems = %v; want the one system", p.Systems)
	}
}
