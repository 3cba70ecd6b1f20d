package render

import (
	"context"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"maki/internal/corpus"
	"maki/internal/load"
	"maki/internal/markdown"
	"maki/internal/register"
)

// renderGapSite renders reg (made Public here, as the build does) with the
// default theme and returns every file.
func renderGapSite(t *testing.T, reg *register.Register) (map[string]string, register.Catalog) {
	t.Helper()
	reg = reg.Public()
	cat, errs := load.Catalog(os.DirFS("../../themes/default"), "themes/default")
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	cfg := Config{BaseURL: reg.Site.BaseURL, Now: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
		Catalog: cat, Markdown: markdown.New().HTML, Stats: register.ComputeStats(reg)}
	var mu sync.Mutex
	files := map[string]string{}
	_, err := Site(context.Background(), os.DirFS("../../themes/default"), reg, cfg, func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[p] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, cat
}

// TestHonestGaps: a value the source did not state (format v1.1) is shown
// as "keine Angabe" / "not stated" on the fact sheet, has its own facet
// page and its own row in the statistics; a system without contact_email
// shows its organisation's address and says so; the new sections appear,
// and a restricted system keeps redress but not performance.
func TestHonestGaps(t *testing.T) {
	reg, errs := load.Register(corpus.FS(6, 1), "content")
	if errs.Err() != nil {
		t.Fatal(errs.Errors()[0])
	}
	reg.Site.BaseURL = "https://example.org/"
	gap, closed := reg.Systems[0], reg.Systems[1]
	gap.Status, gap.Start, gap.End = "production", "", ""
	gap.Techniques = []register.Technique{"unknown"}
	gap.Users = "unknown"
	gap.ContactEmail = ""
	gap.DecisionRole = "decides"
	gap.Redress = register.Text{De: "Widerspruch beim Amt binnen eines Monats."}
	gap.Alternatives = register.Text{De: "Vorher von Hand."}
	gap.Performance = register.Text{De: "Trefferquote 91 %."}
	gap.SourceURL = "https://quelle.example.org/eintrag/7"
	gap.Restricted = false
	org := reg.Organisation(gap.Organisation)
	org.ContactEmail = "poststelle@org.example.org"
	closed.Restricted = true
	closed.Redress = register.Text{De: "Widerspruch-SICHTBAR"}
	closed.Performance = register.Text{De: "GEHEIM-LEISTUNG"}
	closed.DecisionRole = "informs"

	files, _ := renderGapSite(t, reg)
	page := files["systeme/"+gap.ID+"/index.html"]
	for _, want := range []string{
		"(Beginn: keine Angabe)",
		`href="/techniken/unknown/">keine Angabe</a>`,
		"Nutzerinnen und Nutzer</dt><dd class=\"kern-description-list-item__value\">keine Angabe</dd>",
		`href="/entscheidungsrollen/decides/">entscheidet automatisiert im Einzelfall</a>`,
		`<a href="mailto:poststelle@org.example.org">poststelle@org.example.org</a> <span class="meta">(Kontakt über die Organisation)</span>`,
		`<h2 id="h-redress">Widerspruch und menschliche Prüfung</h2>`,
		"Widerspruch beim Amt binnen eines Monats.",
		`<h2 id="h-performance">Leistung und Fairness</h2>`,
		`<h2 id="h-alternatives">Verhältnismäßigkeit und Alternativen</h2>`,
		`Eintrag im Quellregister</dt><dd class="kern-description-list-item__value"><a href="https://quelle.example.org/eintrag/7">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("fact sheet of %s lacks %q", gap.ID, want)
		}
	}
	en := files["en/systeme/"+gap.ID+"/index.html"]
	for _, want := range []string{"(Start: not stated)", ">not stated</a>", "(Contact through the organisation)", "Objection and human review"} {
		if !strings.Contains(en, want) {
			t.Errorf("English fact sheet of %s lacks %q", gap.ID, want)
		}
	}
	if f := files["techniken/unknown/index.html"]; !strings.Contains(f, "/systeme/"+gap.ID+"/") {
		t.Error("techniken/unknown/ does not list the system whose techniques are not stated")
	}
	if f := files["entscheidungsrollen/decides/index.html"]; !strings.Contains(f, "/systeme/"+gap.ID+"/") || !strings.Contains(f, "Art. 22 DSGVO") {
		t.Error("entscheidungsrollen/decides/ lacks the system or its explanation")
	}
	if _, ok := files["en/entscheidungsrollen/unknown/index.html"]; !ok {
		t.Error("no English facet page en/entscheidungsrollen/unknown/")
	}
	stat := files["statistik/index.html"]
	i := strings.Index(stat, `id="start_year"`)
	if i < 0 || !strings.Contains(stat[i:], `<th class="kern-table__header" scope="row">keine Angabe</th><td class="kern-table__cell kern-table__cell--numeric">1</td>`) {
		t.Error("statistik: the start_year table has no row \"keine Angabe\" with 1 system")
	}
	if !strings.Contains(stat, `id="decision_role"`) {
		t.Error("statistik: no decision_role section")
	}
	closedPage := files["systeme/"+closed.ID+"/index.html"]
	if !strings.Contains(closedPage, "Widerspruch-SICHTBAR") || !strings.Contains(closedPage, "/entscheidungsrollen/informs/") {
		t.Error("restricted system: redress or decision_role withheld; want them published")
	}
	for p, f := range files {
		if strings.Contains(f, "GEHEIM") {
			t.Errorf("%s publishes the performance of a restricted system", p)
		}
	}
}

// TestCatalogLabelsEveryField: every key of a system and an organisation
// has a label "field.<key>" and every enumeration value a label, in German
// and English, so no reader of the field specification shows a raw key.
func TestCatalogLabelsEveryField(t *testing.T) {
	cat, errs := load.Catalog(os.DirFS("../../themes/default"), "themes/default")
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	skip := map[string]bool{"id": true} // the topic id is shown as its label
	for _, typ := range []reflect.Type{reflect.TypeOf(register.System{}), reflect.TypeOf(register.Organisation{})} {
		for _, f := range register.Fields(typ) {
			for _, lang := range []string{"de", "en"} {
				if _, ok := cat[lang]["field."+f.Key]; !ok && !skip[f.Key] {
					t.Errorf("%s: no label field.%s", lang, f.Key)
				}
			}
		}
	}
	for key, values := range enumValues {
		for _, v := range values {
			for _, lang := range []string{"de", "en"} {
				if _, ok := cat[lang][key+"."+v]; !ok {
					t.Errorf("%s: no label %s.%s", lang, key, v)
				}
			}
		}
	}
	for _, lang := range []string{"de", "en"} {
		if cat[lang][register.NotStated] == "" {
			t.Errorf("%s: no label %s", lang, register.NotStated)
		}
	}
}
