package render

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"maki/internal/register"
)

// hostileText tries to break out of HTML text, attributes and URLs.
const hostileText = `</p></li><script>alert("x")</script>'&+ <img src=x onerror=alert(1)> javascript:y`

// hostileHistory is a history of every kind of change whose values,
// words, author and commit are hostile, with enough versions to fold,
// a version without changes and unsaved changes.
func hostileHistory(id string, removed bool) *register.SystemHistory {
	h := &register.SystemHistory{ID: id, Unsaved: []register.Change{
		{Field: "name", Kind: register.ChangeValue, Old: hostileText, New: "Neu " + hostileText},
		{Field: "purpose", Kind: register.ChangeText, Words: []register.WordOp{{Op: '-', Text: hostileText}, {Op: '+', Text: "neu"}, {Op: ' ', Text: " " + hostileText}}},
	}}
	changes := [][]register.Change{
		{{Kind: register.ChangeCreated}},
		{{Field: "risk_class", Kind: register.ChangeValue, Enum: "risk_class", Old: "minimal", New: "high_risk"}},
		{{Field: "purpose", Kind: register.ChangeText, Words: []register.WordOp{{Op: '-', Text: hostileText}, {Op: '+', Text: hostileText + " neu"}, {Op: ' ', Text: "gleich "}, {Op: '.'}}}},
		{{Field: "updated", Kind: register.ChangeValue, Old: "2025-01-05", New: "2026-03-01"}, {Field: "start", Kind: register.ChangeSet, New: "2025-01"}},
		nil, // formatting only
		{{Field: "tags", Kind: register.ChangeList, Added: []string{hostileText}, Removed: []string{"alt"}}},
		{{Field: "contact_email", Kind: register.ChangeSet, New: "a@b.de"}, {Field: "name", Kind: register.ChangeSet, New: hostileText}},
		{{Field: "id", Kind: register.ChangeRenamed, Old: "alt-" + id, New: id}},
		{{Field: "end", Kind: register.ChangeCleared, Old: "2024-03"}},
	}
	for i, cs := range changes {
		h.Versions = append(h.Versions, &register.Version{
			N: i + 1, Commit: strings.Repeat("0123456789abcdef", 3)[i : i+40], Date: time.Date(2026, 1, 1+i, 12, 0, 0, 0, time.UTC),
			Author: hostileText, Path: "systeme/" + id + ".yaml", Changes: cs,
		})
	}
	h.Versions[len(h.Versions)-1].Commit = "<short>"
	if removed {
		h.Removed = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
		h.Unsaved = nil
	}
	return h
}

// TestHistoryViewAsMethods renders fact sheets and the page of a removed
// system with hostile histories in German and English, once with the
// history partial of the default theme (which prints the fields of
// HistoryView) and once with the partial as it was before the view
// (testdata/history-methods.html, which calls Page methods per version,
// change and word): the pages must be byte for byte the same, and no
// hostile value may reach them unescaped.
func TestHistoryViewAsMethods(t *testing.T) {
	reg := loadCorpus(t, 3)
	id := reg.Systems[0].ID
	reg.History = &register.History{Systems: map[string]*register.SystemHistory{
		id:             hostileHistory(id, false),
		"entfernt-xyz": hostileHistory("entfernt-xyz", true),
	}}
	old, err := os.ReadFile("testdata/history-methods.html")
	if err != nil {
		t.Fatal(err)
	}
	before := themeWith(t, "").(fstest.MapFS)
	before["templates/partials/history.html"] = &fstest.MapFile{Data: old}
	now, was := prepareWith(t, themeWith(t, ""), reg, nil), prepareWith(t, before, reg, nil)
	seen := map[string]bool{}
	for _, j := range now.jobs {
		if !strings.Contains(j.path, id) && !strings.Contains(j.path, "entfernt-xyz") {
			continue
		}
		if j.kind != "system" && j.kind != "removed" {
			continue
		}
		got, want := viaChrome(t, now.r, j), viaChrome(t, was.r, j)
		if got != want {
			t.Errorf("%s: the view's page differs from the methods' page:\n got: %s\nwant: %s", j.out, got, want)
		}
		if strings.Contains(got, "<script>alert") || strings.Contains(got, "<img src=x") {
			t.Errorf("%s: a hostile value is unescaped", j.out)
		}
		for _, s := range []string{"history__older", "history__none", "<del>", "<ins>", "<time datetime=\"2025-01\">"} {
			if !strings.Contains(got, s) {
				t.Errorf("%s: no %s in the history", j.out, s)
			}
		}
		if j.kind == "system" && !strings.Contains(got, "history__unsaved") {
			t.Errorf("%s: no unsaved changes", j.out)
		}
		if j.kind == "removed" && !strings.Contains(got, "history__removed") {
			t.Errorf("%s: no removal date", j.out)
		}
		if j.lang == "en" && !strings.Contains(got, `<span class="visually-hidden" lang="en">deleted: </span>`) {
			t.Errorf("%s: the word diff's hidden labels are not marked English", j.out)
		}
		gap := map[string]string{
			"de": `gleich <span class="history__gap"><span aria-hidden="true">…</span><span class="visually-hidden">(gekürzt)</span></span> </p>`,
			"en": `gleich <span class="history__gap"><span aria-hidden="true">…</span><span class="visually-hidden" lang="en">(shortened)</span></span> </p>`,
		}[j.lang]
		if !strings.Contains(got, gap) {
			t.Errorf("%s: the words left out are not shown as %s", j.out, gap)
		}
		seen[j.kind+" "+j.lang] = true
	}
	for _, k := range []string{"system de", "system en", "removed de", "removed en"} {
		if !seen[k] {
			t.Errorf("no %s page rendered", k)
		}
	}
}
