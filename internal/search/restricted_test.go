package search

import (
	"bytes"
	"reflect"
	"testing"

	"maki/internal/register"
)

// restrictedRegister is the synthetic register plus a restricted system
// whose withheld fields (vendor, models, operating logic) hold words found
// nowhere else, and an open system with the same technical words.
func restrictedRegister() *register.Register {
	r := synthRegister(append(synth,
		sys{id: "geheim", name: "Lagebild", summary: "Erstellt ein Lagebild für die Leitstelle."},
		sys{id: "offen", name: "Einsatzplanung", summary: "Plant Einsätze der Feuerwehr."})...)
	for _, s := range r.Systems {
		switch s.ID {
		case "geheim":
			s.Restricted = true
			s.Vendor = "Zylophonwerke Quastberg"
			s.Models = []register.Model{{Name: "Murmeltiermodell", Provider: "Quarzlinger"}}
			s.OperatingLogic = register.Text{De: "Wertet Funkprotokolle mit Xerografennetzen aus.", En: "Reads radio logs with xerograph nets."}
		case "offen":
			s.Vendor = "Zylophonwerke Quastberg"
			s.Models = []register.Model{{Name: "Murmeltiermodell", Provider: "Quarzlinger"}}
			s.OperatingLogic = register.Text{De: "Wertet Funkprotokolle mit Xerografennetzen aus."}
		}
	}
	return r
}

// TestRestrictedWithheld: a restricted system is not found by a word of
// its withheld fields (what maki search and the browser run), those words
// are in the index files only as far as an open system has them, and
// similar systems are those of its public view.
func TestRestrictedWithheld(t *testing.T) {
	r := restrictedRegister()
	ix := mustBuild(t, r)
	for _, q := range []string{"Zylophonwerke", "Quastberg", "Murmeltiermodell", "Quarzlinger", "Xerografennetzen", "xerograph", "Funkprotokolle", "Zylophon"} {
		for _, h := range ix.Search(q, Filter{}, -1) {
			if h.ID == "geheim" {
				t.Errorf("Search(%q) finds the restricted system by a withheld field", q)
			}
		}
		if got := ids(ix.Search(q, Filter{}, -1)); q != "xerograph" && !reflect.DeepEqual(got, []string{"offen"}) {
			t.Errorf("Search(%q) = %v; want [offen], the open system with the same word", q, got)
		}
	}
	checkJS(t, ix, []jsQuery{{Q: "Zylophonwerke"}, {Q: "Quarzlinger"}, {Q: "Xerografennetzen"}, {Q: "Lagebild"}})

	// The index is the index of the public register, byte for byte.
	pub := mustBuild(t, r.Public())
	got, err := ix.Files()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := pub.Files()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("index files differ from those of the public view")
	}
	for _, id := range []string{"geheim", "offen"} {
		if g, w := ix.Similar(id, 5), pub.Similar(id, 5); !reflect.DeepEqual(g, w) {
			t.Errorf("Similar(%s) = %v; want %v, as in the public view", id, g, w)
		}
	}

	// With the open system gone, no withheld word is left in any file.
	var rest []*register.System
	for _, s := range r.Systems {
		if s.ID != "offen" {
			rest = append(rest, s)
		}
	}
	r.Systems = rest
	r.Index()
	files, err := mustBuild(t, r).Files()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		for _, w := range []string{"zylophon", "quastberg", "murmeltier", "quarzling", "xerograf", "xerograph", "funkprotokoll"} {
			if bytes.Contains(bytes.ToLower(data), []byte(w)) {
				t.Errorf("%s contains %q, a word of a withheld field", name, w)
			}
		}
	}
}
