package search

import (
	"reflect"
	"strings"
	"testing"

	"maki/internal/register"
)

// sys is a compact system for synthetic registers.
type sys struct {
	id, name, summary, purpose, org, status, risk string
	nameEn, summaryEn                             string
	topics, tags                                  []string
}

func synthRegister(systems ...sys) *register.Register {
	r := &register.Register{
		Topics: []*register.Topic{
			{ID: "bauen", Label: register.Text{De: "Bauen und Wohnen", En: "Building and housing"}},
			{ID: "soziales", Label: register.Text{De: "Soziales", En: "Social affairs"}},
		},
		Organisations: []*register.Organisation{
			{Meta: register.Meta{ID: "stadt-a"}, Name: register.Text{De: "Stadt Adorf"}, Level: "kommune", State: "DE-BW"},
			{Meta: register.Meta{ID: "bund-b"}, Name: register.Text{De: "Bundesamt für Beispiele", En: "Federal Office of Examples"}, Level: "bund"},
		},
	}
	for _, s := range systems {
		x := &register.System{
			Meta:         register.Meta{ID: s.id},
			Name:         register.Text{De: s.name, En: s.nameEn},
			Summary:      register.Text{De: s.summary, En: s.summaryEn},
			Purpose:      register.Text{De: s.purpose},
			Organisation: s.org,
			Status:       register.Status(s.status),
			RiskClass:    register.RiskClass(s.risk),
			Topics:       s.topics,
			Tags:         s.tags,
		}
		if x.Organisation == "" {
			x.Organisation = "stadt-a"
		}
		if x.Status == "" {
			x.Status = "production"
		}
		if x.RiskClass == "" {
			x.RiskClass = "minimal"
		}
		if x.Topics == nil {
			x.Topics = []string{"soziales"}
		}
		r.Systems = append(r.Systems, x)
	}
	r.Index()
	return r
}

func ids(hits []Hit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

func mustBuild(t testing.TB, r *register.Register) *Index {
	t.Helper()
	ix, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

var synth = []sys{
	{id: "bau", name: "Assistent für das Baugenehmigungsverfahren", summary: "Prüft Bauanträge auf Vollständigkeit.", topics: []string{"bauen"}},
	{id: "genehmigung", name: "Genehmigung von Sondernutzungen", summary: "Erteilt Genehmigungen für Straßenfeste.", status: "pilot"},
	{id: "chat", name: "Chatbot im Bürgeramt", summary: "Beantwortet Fragen rund um Termine.", nameEn: "Chatbot at the citizens' office", summaryEn: "Answers questions about appointments.", org: "bund-b"},
	{id: "chat2", name: "Sprachassistent", summary: "Ein Chatbot für die Telefonhotline, dass Anrufe vorsortiert.", status: "planned"},
	{id: "wald", name: "Waldbrandfrüherkennung", summary: "Kameras erkennen Rauch über Wäldern.", purpose: "Frühwarnung für die Feuerwehr.", risk: "high_risk"},
	{id: "uebers", name: "Übersetzung", summary: "Übersetzt Bescheide in einfache Sprache.", nameEn: "Translation", summaryEn: "Translates notices into plain language."},
}

func TestSynthetic(t *testing.T) {
	ix := mustBuild(t, synthRegister(synth...))
	tests := []struct {
		q    string
		f    Filter
		want []string // exact result list
	}{
		{"Chatbot", Filter{}, []string{"chat", "chat2"}},
		{"Chatbots", Filter{}, []string{"chat", "chat2"}},
		{"Buergeramt", Filter{}, []string{"chat"}},
		{"bürgeramt", Filter{}, []string{"chat"}},
		{"Genehmigung", Filter{}, []string{"genehmigung", "bau"}},
		{"Baugenehmigung", Filter{}, []string{"bau"}},
		{"Waldbrand", Filter{}, []string{"wald"}},
		{"Wäldern", Filter{}, []string{"wald"}},
		{"Uebersetzung", Filter{}, []string{"uebers"}},
		{"translation", Filter{}, []string{"uebers"}},
		{"appointments", Filter{}, []string{"chat"}},
		{"Ubersetzumg", Filter{}, []string{"uebers"}},
		{"dass", Filter{}, []string{}},
		{"Chatbot dass", Filter{}, []string{"chat", "chat2"}},
		{"Chatbot Bürgeramt", Filter{}, []string{"chat"}},
		{"Chatbot", Filter{Status: []string{"planned"}}, []string{"chat2"}},
		{"", Filter{Level: []string{"bund"}}, []string{"chat"}},
		{"", Filter{Status: []string{"pilot", "planned"}}, []string{"genehmigung", "chat2"}},
		{"xyzzy", Filter{}, []string{}},
	}
	for _, tt := range tests {
		got := ids(ix.Search(tt.q, tt.f, 10))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Search(%q, %+v) = %v; want %v", tt.q, tt.f, got, tt.want)
		}
	}
	live, err := ix.search("Genehm", Filter{}, true)
	if got := ids(live); err != nil || !reflect.DeepEqual(got, []string{"genehmigung", "bau"}) {
		t.Errorf("live search(%q) = %v, %v; want [genehmigung bau]", "Genehm", got, err)
	}
}

// TestDeterministic checks that two builds give byte-identical files, all
// under Dir, and that Files returns a copy.
func TestDeterministic(t *testing.T) {
	a, _ := mustBuild(t, synthRegister(synth...)).Files()
	ix := mustBuild(t, synthRegister(synth...))
	b, _ := ix.Files()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two builds of the same register differ")
	}
	for p := range a {
		if !strings.HasPrefix(p, Dir) {
			t.Errorf("file %q outside %s", p, Dir)
		}
	}
	delete(b, Dir+"meta.json")
	if c, _ := ix.Files(); c[Dir+"meta.json"] == nil {
		t.Error("Files does not return a copy")
	}
}

// TestCorruptFiles checks that queries over damaged files neither panic
// nor invent results.
func TestCorruptFiles(t *testing.T) {
	ix := mustBuild(t, synthRegister(synth...))
	for p, b := range ix.files {
		if strings.HasSuffix(p, ".bin") {
			for i := range b {
				b[i] ^= 0xA5
			}
		}
	}
	ix.reader = newReader(func(p string) []byte { return ix.files[p] })
	for _, q := range []string{"Chatbot", "Genehm", "Ubersetzumg"} {
		ix.Search(q, Filter{Status: []string{"pilot"}}, 10)
	}
	ix.reader = newReader(func(p string) []byte { return []byte("{") })
	if h := ix.Search("Chatbot", Filter{}, 10); len(h) != 0 {
		t.Errorf("Search over broken JSON = %v; want nothing", h)
	}
}

func TestSimilarSynthetic(t *testing.T) {
	ix := mustBuild(t, synthRegister(synth...))
	got := ix.Similar("chat", 2)
	if len(got) == 0 || got[0] != "chat2" {
		t.Errorf("Similar(chat, 2) = %v; want chat2 first", got)
	}
	if got := ix.Similar("nope", 3); got != nil {
		t.Errorf("Similar(nope) = %v; want nil", got)
	}
}

// small is a register of ten systems in which "Genehmigung",
// "Gesichtserkennung" and "künstliche Intelligenz" never occur alone.
var small = []sys{
	{id: "bau", name: "Assistent im Baugenehmigungsverfahren", summary: "Prüft Bauanträge auf Vollständigkeit."},
	{id: "gesicht", name: "Gesichtsvergleich an der Grenze", summary: "Vergleicht Passbilder mit Aufnahmen der Kamera."},
	{id: "ki", name: "KI-Assistent", summary: "Beantwortet Fragen der Beschäftigten mit KI."},
	{id: "kuenstlich", name: "Lernplattform", summary: "Erklärt, was künstliche Intelligenz kann, und zeigt Beispiele."},
	{id: "wald", name: "Waldbrandfrüherkennung", summary: "Kameras erkennen Rauch über Wäldern."},
	{id: "chat", name: "Chatbot im Bürgeramt", summary: "Beantwortet Fragen rund um Termine."},
	{id: "haag", name: "Partnerschaft mit Den Haag", summary: "Übersetzt Briefe aus Den Haag."},
	{id: "post", name: "Posteingang", summary: "Sortiert Briefe nach Zuständigkeit."},
	{id: "muell", name: "Müllabfuhr", summary: "Plant die Touren der Müllfahrzeuge."},
	{id: "wetter", name: "Unwetterwarnung", summary: "Warnt vor Starkregen."},
}

var smallSynonyms = [][]string{
	{"Gesichtserkennung", "Gesichtsvergleich"},
	{"künstliche Intelligenz", "KI"},
}

// TestSmallRegister checks issue 13's search findings on a register of ten
// systems: compounds split with the shipped word list, synonyms (words and
// phrases), stop words ignored at query time, typos below exact matches,
// partial results and "Meinten Sie …?"; the browser script must agree.
func TestSmallRegister(t *testing.T) {
	r := synthRegister(small...)
	r.Synonyms = smallSynonyms
	ix := mustBuild(t, r)
	tests := []struct {
		q       string
		want    []string
		partial bool
		suggest string
	}{
		{q: "Genehmigung", want: []string{"bau"}},
		{q: "Genehmigungen", want: []string{"bau"}},
		{q: "Verfahren", want: []string{"bau"}},
		{q: "Abfuhr", want: []string{"muell"}},
		{q: "Gesichtserkennung", want: []string{"gesicht"}},
		{q: "Gesichtsvergleich", want: []string{"gesicht"}},
		{q: "künstliche Intelligenz", want: []string{"ki", "kuenstlich"}},
		{q: "Künstlicher Intelligenz", want: []string{"kuenstlich"}}, // a phrase is matched as written; its words as words
		{q: "KI", want: []string{"ki", "kuenstlich"}},
		{q: "den Haag", want: []string{"haag"}},
		{q: "Haag", want: []string{"haag"}},
		{q: "der Chatbot für das Bürgeramt", want: []string{"chat"}},
		{q: "Chatbto", want: []string{"chat"}, suggest: "Chatbot"},
		{q: "Chatbot Gesichtserkenung", want: []string{"chat", "gesicht"}, partial: true, suggest: "Chatbot Gesichtserkennung"},
		{q: "Waldbrand Unwetter Chatbot", want: []string{"chat", "wetter", "wald"}, partial: true},
		{q: "Bauanträge, Vollständigkiet!", want: []string{"bau"}, suggest: "Bauanträge, Vollständigkeit!"},
		{q: "Xylophon", want: []string{}},
	}
	var qs []jsQuery
	for _, tt := range tests {
		res, err := ix.Query(tt.q, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(res.Hits); !reflect.DeepEqual(got, tt.want) || res.Partial != tt.partial || res.Suggestion != tt.suggest {
			t.Errorf("Query(%q) = %v, partial %v, suggestion %q; want %v, %v, %q", tt.q, got, res.Partial, res.Suggestion, tt.want, tt.partial, tt.suggest)
		}
		qs = append(qs, jsQuery{Q: tt.q}, jsQuery{Q: tt.q, Live: true})
	}
	checkJS(t, ix, qs)
}

// TestOddSynonyms checks that synonym groups of punctuation, one-letter
// words, stop words only or phrases longer than a query never panic and
// that both readers still agree.
func TestOddSynonyms(t *testing.T) {
	r := synthRegister(small...)
	r.Synonyms = [][]string{
		{"", "!!"}, {"a b", "KI"}, {"der die das", "Chatbot"}, {"Den Haag", "’s-Gravenhage"},
		{"Müll Müll Müll", "Abfall"}, {"Chatbot", "Chatbot"}, {"constructor", "__proto__"},
	}
	ix := mustBuild(t, r)
	var qs []jsQuery
	for _, q := range []string{"der die das", "Den Haag", "Gravenhage", "Müll Müll Müll", "Abfall", "constructor", "__proto__", "a b", "KI"} {
		if _, err := ix.Query(q, Filter{}); err != nil {
			t.Errorf("Query(%q): %v", q, err)
		}
		qs = append(qs, jsQuery{Q: q}, jsQuery{Q: q, Live: true})
	}
	if got := ids(ix.Search("Gravenhage", Filter{}, -1)); !reflect.DeepEqual(got, []string{"haag"}) {
		t.Errorf("Search(Gravenhage) = %v; want [haag] (synonym phrase with a stop word)", got)
	}
	checkJS(t, ix, qs)
}
