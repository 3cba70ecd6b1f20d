package search

import "testing"

// protoWords are names of Object.prototype's properties: a browser script
// that keeps a set or map in a plain object finds them in every object.
var protoWords = []string{"constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "prototype"}

// TestJSFindsObjectPropertyNames searches a register whose texts hold the
// property names of JavaScript objects, with the browser script under node
// and in Go: both find the same systems (Go finds them), and facet values
// with those names match nothing instead of failing.
func TestJSFindsObjectPropertyNames(t *testing.T) {
	ix := mustBuild(t, synthRegister(append([]sys{
		{id: "proto", name: "Konstrukteur", summary: "Erklärt constructor, __proto__, toString und hasOwnProperty.", purpose: "valueOf isPrototypeOf prototype"},
		{id: "proto-en", name: "Objektmodell", summary: "Modell der Objekte.", nameEn: "Object model", summaryEn: "About the constructor of a prototype."},
	}, synth...)...))
	var qs []jsQuery
	for _, q := range protoWords {
		hits, err := ix.search(q, Filter{}, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 {
			t.Errorf("Go search %q finds nothing; want the system that names it", q)
		}
		qs = append(qs, jsQuery{Q: q}, jsQuery{Q: q, Live: true}, jsQuery{Q: q + " " + q})
	}
	for _, v := range protoWords {
		qs = append(qs,
			jsQuery{Q: "constructor", Filter: map[string][]string{"status": {v}}},
			jsQuery{Q: "", Filter: map[string][]string{"status": {"production", v}, "level": {v}}},
		)
	}
	res := runJS(t, ix, qs[:1])
	if len(res) != 1 || len(res[0].Hits) == 0 {
		t.Fatalf("browser script: ?q=constructor finds %v; want the system that names it", res)
	}
	checkJS(t, ix, qs)
}
