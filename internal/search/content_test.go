package search

import (
	"os"
	"reflect"
	"testing"

	"maki/internal/load"
)

// contentIndex builds the index of the example register in content/.
func contentIndex(t *testing.T) *Index {
	t.Helper()
	r, errs := load.Register(os.DirFS("../../content"), "content")
	if err := errs.Err(); err != nil {
		t.Fatalf("load content: %v", err)
	}
	if len(r.Systems) == 0 {
		t.Skip("no example content")
	}
	return mustBuild(t, r)
}

// relevance pins what must come first for queries on the example content
// (with its synonym list, content/synonyme.yaml). first: the top results
// in order; all: if set, the complete result set in order; live: the last
// word is being typed; partial: no system matches every word, these match
// the most; suggest: the "Meinten Sie …?" query. The comment says which
// feature the query exercises. TestJSMatchesGoContent runs every case in
// the browser script too.
var relevance = []struct {
	q       string
	f       Filter
	live    bool
	first   []string
	all     []string
	partial bool
	suggest string
}{
	// exact words, name outranks body
	{q: "Chatbot", all: []string{"bafoeg-chatbot", "buergeramt-chatbot-musterstadt", "corona-hotline-chatbot"}},
	{q: "Phishing", all: []string{"phishing-erkennung-kommunal"}},
	{q: "Tourenplanung", all: []string{"abfall-tourenplanung"}},
	{q: "Wissensgraph", all: []string{"zustaendigkeitsfinder-wissensgraph"}},
	// stemming: plural and inflected forms
	{q: "Chatbots", all: []string{"bafoeg-chatbot", "buergeramt-chatbot-musterstadt", "corona-hotline-chatbot"}},
	{q: "Rechnungen", first: []string{"rechnungseingang-pruefung", "beihilfe-belegerkennung"}},
	{q: "Übersetzungen", first: []string{"uebersetzung-behoerdenkommunikation"}},
	{q: "Luftbilder", first: []string{"baumkataster-vitalitaet", "luftbild-versiegelung", "gebaeudeerkennung-zensus"}},
	// umlauts and ß, and their ae/oe/ue/ss spellings
	{q: "Bürgeramt", first: []string{"buergeramt-chatbot-musterstadt", "terminvergabe-optimierung"}},
	{q: "Buergeramt", first: []string{"buergeramt-chatbot-musterstadt", "terminvergabe-optimierung"}},
	{q: "Zustaendigkeit", all: []string{"zustaendigkeitsfinder-wissensgraph"}},
	{q: "Baeume", first: []string{"baumkataster-vitalitaet"}},
	{q: "Bafoeg", all: []string{"bafoeg-chatbot"}},
	{q: "Strasse", first: []string{"schlagloch-erkennung"}},
	{q: "Muellfahrzeuge", all: []string{"schlagloch-erkennung", "abfall-tourenplanung"}},
	// compounds: a word inside a longer one
	{q: "Genehmigung", all: []string{"baugenehmigung-assistent", "protokoll-spracherkennung"}},
	{q: "Spracherkennung", all: []string{"protokoll-spracherkennung"}},
	{q: "Waldbrand", all: []string{"waldbrand-kameranetz-brandenburg", "waldbrandfrueherkennung"}},
	{q: "Anonymisierung", all: []string{"urteilsanonymisierung-rlp", "urteilsanonymisierung-sh"}},
	{q: "Prognose", first: []string{"personalbedarfsprognose", "verkehrsmengenprognose", "hochwasser-pegelprognose"}},
	{q: "Pegel", all: []string{"hochwasser-pegelprognose"}},
	// one typo in a word of six letters or more
	{q: "Phising", all: []string{"phishing-erkennung-kommunal"}, suggest: "Phishing"},
	{q: "Anonymisierng", first: []string{"urteilsanonymisierung-rlp", "urteilsanonymisierung-sh"}, suggest: "Anonymisierung"},
	{q: "Waldbrandfrüherkenung", all: []string{"waldbrandfrueherkennung"}, suggest: "Waldbrandfrüherkennung"},
	// prefixes (a word not finished)
	{q: "Waldbr", all: []string{"waldbrandfrueherkennung", "waldbrand-kameranetz-brandenburg"}},
	{q: "Anomal", first: []string{"netzwerk-anomalieerkennung"}},
	// English
	{q: "translation", first: []string{"uebersetzung-behoerdenkommunikation"}},
	{q: "forest fire", all: []string{"waldbrandfrueherkennung"}},
	{q: "camera", all: []string{"waldbrandfrueherkennung"}},
	{q: "chatbot citizens", first: []string{"buergeramt-chatbot-musterstadt"}},
	// several words: all must match; stop words are ignored
	{q: "Chatbot Bürgeramt", all: []string{"buergeramt-chatbot-musterstadt"}},
	{q: "dass", all: []string{}},
	{q: "der Chatbot für das Bürgeramt", all: []string{"buergeramt-chatbot-musterstadt"}},
	{q: "xylophon", all: []string{}},
	// issue 13: stop words are dropped at query time as at index time
	// ("den" is a German stop word, though the dictionary has terms for it)
	{q: "Chatbot für den Bürgerservice", all: []string{"bafoeg-chatbot", "buergeramt-chatbot-musterstadt", "corona-hotline-chatbot"}},
	{q: "Chatbot für Bürgerservice", all: []string{"bafoeg-chatbot", "buergeramt-chatbot-musterstadt", "corona-hotline-chatbot"}},
	{q: "die Chatbots für den im Bürgerservice, dass daß", all: []string{"bafoeg-chatbot", "buergeramt-chatbot-musterstadt", "corona-hotline-chatbot"}},
	{q: "Chatbot für den", live: true, first: []string{"bafoeg-chatbot", "buergeramt-chatbot-musterstadt", "corona-hotline-chatbot"}},
	// issue 13: an exact or stemmed match ranks above a typo or prefix
	// match: "chatbto" is no inflection of "chat" ("Copilot Chat"), and
	// "Chat" itself ranks above the chatbots it is a prefix of
	{q: "chatbto", all: []string{"bafoeg-chatbot", "buergeramt-chatbot-musterstadt", "corona-hotline-chatbot"}, suggest: "Chatbot"},
	{q: "Chat", all: []string{"ki-assistent-verwaltung", "buergeramt-chatbot-musterstadt"}},
	{q: "Chat", live: true, all: []string{"ki-assistent-verwaltung", "buergeramt-chatbot-musterstadt", "bafoeg-chatbot", "corona-hotline-chatbot"}},
	{q: "Chatbots Bürgerservce", first: []string{"bafoeg-chatbot", "buergeramt-chatbot-musterstadt", "corona-hotline-chatbot"}, suggest: "Chatbots Bürgerservice"},
	// issue 13: compounds split with the shipped word list: "Ablagerung"
	// occurs only inside "Müllablagerungen", "Zulassung" only in compounds
	{q: "Ablagerung", all: []string{"maengelmelder-kategorisierung"}},
	{q: "Abfuhr", all: []string{"abfall-tourenplanung"}},
	// issue 13: synonyms (content/synonyme.yaml)
	{q: "Kraftfahrzeug", first: []string{"kfz-zulassung-dokumentenerkennung"}},
	{q: "Müll", first: []string{"abfall-tourenplanung", "schlagloch-erkennung"}},
	{q: "Abfall", first: []string{"abfall-tourenplanung", "schlagloch-erkennung"}},
	{q: "öffentlicher Nahverkehr", first: []string{"rufbus-disposition"}},
	{q: "künstliche Intelligenz", first: []string{"hochwasser-pegelprognose", "ki-assistent-verwaltung"}},
	// issue 13: common abbreviations, both ways: the content says "Kfz",
	// "ÖPNV" and "DSGVO", never "Pkw", "Nahverkehr" or the long form
	{q: "Pkw", first: []string{"kfz-zulassung-dokumentenerkennung"}},
	{q: "Nahverkehr", all: []string{"rufbus-disposition"}},
	{q: "Datenschutz-Grundverordnung", all: []string{"beihilfe-belegerkennung", "wohngeld-pruefassistent"}},
	{q: "DS-GVO", all: []string{"beihilfe-belegerkennung", "wohngeld-pruefassistent"}},
	// issue 13: no system has every word: those with the most, labelled,
	// and a "Meinten Sie …?" for typos
	{q: "Chatbot xylophon", all: []string{"bafoeg-chatbot", "buergeramt-chatbot-musterstadt", "corona-hotline-chatbot"}, partial: true},
	{q: "Chatbot Bürgeramt xylophon", all: []string{"buergeramt-chatbot-musterstadt"}, partial: true},
	{q: "Bürgersevice", first: []string{"bafoeg-chatbot", "corona-hotline-chatbot", "buergeramt-chatbot-musterstadt"}, suggest: "Bürgerservice"},
	// filters combine with the text
	{q: "Chatbot", f: Filter{Status: []string{"retired"}}, all: []string{"corona-hotline-chatbot"}},
	{q: "Prognose", f: Filter{Level: []string{"bund"}}, first: []string{"personalbedarfsprognose"}},
	{q: "Waldbrand", f: Filter{State: []string{"DE-BB"}}, all: []string{"waldbrand-kameranetz-brandenburg"}},
	{q: "", f: Filter{RiskClass: []string{"high_risk"}, Status: []string{"planned", "development", "pilot", "production", "retired"}}, all: []string{"bewerbungsvorauswahl-bund", "wohngeld-pruefassistent"}},
}

func TestRelevance(t *testing.T) {
	ix := contentIndex(t)
	for _, tt := range relevance {
		res, err := ix.query(tt.q, tt.f, tt.live)
		if err != nil {
			t.Fatal(err)
		}
		if res.Partial != tt.partial || res.Suggestion != tt.suggest {
			t.Errorf("query(%q, live %v): partial %v, suggestion %q; want %v, %q", tt.q, tt.live, res.Partial, res.Suggestion, tt.partial, tt.suggest)
		}
		got := ids(res.Hits)
		if tt.all != nil {
			if !reflect.DeepEqual(got, tt.all) {
				t.Errorf("Search(%q, %+v) = %v; want exactly %v", tt.q, tt.f, got, tt.all)
			}
			continue
		}
		if len(got) < len(tt.first) || !reflect.DeepEqual(got[:len(tt.first)], tt.first) {
			t.Errorf("Search(%q, %+v) = %v; want first %v", tt.q, tt.f, got, tt.first)
		}
	}
}

// TestFilterOnly checks that an empty query with filters lists exactly the
// systems with those values, A–Z by name.
func TestFilterOnly(t *testing.T) {
	r, _ := load.Register(os.DirFS("../../content"), "content")
	ix := contentIndex(t)
	f := Filter{Status: []string{"pilot", "retired"}, Level: []string{"kommune"}}
	want := map[string]bool{}
	for _, s := range r.Systems {
		o := r.Organisation(s.Organisation)
		if (s.Status == "pilot" || s.Status == "retired") && o != nil && o.Level == "kommune" {
			want[s.ID] = true
		}
	}
	got := ids(ix.Search("", f, -1))
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("Search(\"\", %+v) = %v; want the %d systems %v", f, got, len(want), want)
	}
	for i, id := range got {
		if !want[id] {
			t.Errorf("Search(\"\", %+v) has %s", f, id)
		}
		if i > 0 && ix.byID[got[i-1]] > ix.byID[id] {
			t.Errorf("Search(\"\", %+v) not in A–Z order: %v", f, got)
		}
	}
}

func TestSimilarContent(t *testing.T) {
	ix := contentIndex(t)
	for id, want := range map[string]string{
		"urteilsanonymisierung-rlp":        "urteilsanonymisierung-sh",
		"waldbrand-kameranetz-brandenburg": "waldbrandfrueherkennung",
		"ki-assistent-landkreis":           "ki-assistent-land-bw",
	} {
		got := ix.Similar(id, 3)
		if len(got) == 0 || got[0] != want {
			t.Errorf("Similar(%q, 3) = %v; want %s first", id, got, want)
		}
		for _, g := range got {
			if g == id {
				t.Errorf("Similar(%q) contains itself", id)
			}
		}
	}
}

func TestJSMatchesGoContent(t *testing.T) {
	ix := contentIndex(t)
	var qs []jsQuery
	for _, tt := range relevance {
		m := map[string][]string{"status": tt.f.Status, "level": tt.f.Level, "state": tt.f.State, "topic": tt.f.Topic, "risk_class": tt.f.RiskClass}
		qs = append(qs, jsQuery{Q: tt.q, Filter: m}, jsQuery{Q: tt.q, Filter: m, Live: true})
		if tt.live {
			qs = append(qs, jsQuery{Q: tt.q + " ", Filter: m, Live: true})
		}
	}
	for _, q := range []string{"ÜBERSETZUNG", "STRASSE", "Straße", "115", "E-Akte", "KI-gestützt", "Bürger:innen", "„Frag Musti“", "x", "Öl", "Phishing-E-Mails", "chatbot's", "Zuständigkeits­finder", "Café", "ŒUVRE"} {
		qs = append(qs, jsQuery{Q: q}, jsQuery{Q: q, Live: true})
	}
	checkJS(t, ix, qs)
}
