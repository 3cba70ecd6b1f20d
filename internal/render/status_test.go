package render

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"maki/internal/register"
)

var (
	statusDD = regexp.MustCompile(`<dt class="kern-description-list-item__key">(?:Status)</dt><dd class="kern-description-list-item__value">(.*?)</dd>`)
	tags     = regexp.MustCompile(`<[^>]*>`)
)

// TestStatusLine renders the system page of every status with and without
// start and end, in German and English, and compares the status line as a
// reader sees it (tags removed) with the sentence it should be.
func TestStatusLine(t *testing.T) {
	const start, end = register.Month("2021-03"), register.Month("2022-12")
	type want struct{ none, start, end, both string }
	cases := map[string]map[register.Status]want{
		"de": {
			"planned": {"geplant", "geplant, Start im März 2021 vorgesehen",
				"geplant, Einsatz bis Dezember 2022 vorgesehen", "geplant, Einsatz von März 2021 bis Dezember 2022 vorgesehen"},
			"development": {"in Entwicklung", "in Entwicklung seit März 2021",
				"in Entwicklung, Einsatz bis Dezember 2022 vorgesehen", "in Entwicklung seit März 2021, Einsatz bis Dezember 2022 vorgesehen"},
			"pilot": {"im Pilotbetrieb", "im Pilotbetrieb seit März 2021",
				"im Pilotbetrieb bis Dezember 2022", "im Pilotbetrieb von März 2021 bis Dezember 2022"},
			"production": {"im Einsatz", "im Einsatz seit März 2021",
				"im Einsatz bis Dezember 2022", "im Einsatz von März 2021 bis Dezember 2022"},
			"retired": {"eingestellt", "eingestellt, zuvor im Einsatz ab März 2021",
				"eingestellt im Dezember 2022", "eingestellt, im Einsatz von März 2021 bis Dezember 2022"},
		},
		"en": {
			"planned": {"planned", "planned, to start in March 2021",
				"planned, to be used until December 2022", "planned, to be used from March 2021 to December 2022"},
			"development": {"in development", "in development since March 2021",
				"in development, to be used until December 2022", "in development since March 2021, to be used until December 2022"},
			"pilot": {"in pilot operation", "in pilot operation since March 2021",
				"in pilot operation until December 2022", "in pilot operation from March 2021 to December 2022"},
			"production": {"in production", "in production since March 2021",
				"in production until December 2022", "in production from March 2021 to December 2022"},
			"retired": {"retired", "retired, previously in use from March 2021",
				"retired in December 2022", "retired, in use from March 2021 to December 2022"},
		},
	}
	reg := loadCorpus(t, 24)
	type sys struct {
		status register.Status
		form   string
	}
	got := map[sys]*register.System{}
	i := 0
	for _, st := range register.Status("").Enum() {
		for _, form := range []string{"none", "start", "end", "both"} {
			s := reg.Systems[i]
			i++
			s.Status, s.Start, s.End = register.Status(st), "", ""
			if form == "start" || form == "both" {
				s.Start = start
			}
			if form == "end" || form == "both" {
				s.End = end
			}
			got[sys{register.Status(st), form}] = s
		}
	}
	pages := renderSite(t, reg)
	for lang, byStatus := range cases {
		prefix := map[string]string{"de": "", "en": "en/"}[lang]
		for st, w := range byStatus {
			for form, sentence := range map[string]string{"none": w.none, "start": w.start, "end": w.end, "both": w.both} {
				s := got[sys{st, form}]
				page := pages[prefix+"systeme/"+s.ID+"/index.html"]
				m := statusDD.FindStringSubmatch(page)
				if m == nil {
					t.Errorf("%s %s %s: no status line on %s", lang, st, form, s.ID)
					continue
				}
				sentence += notStated(lang, st, form)
				if line := html.UnescapeString(tags.ReplaceAllString(m[1], "")); line != sentence {
					t.Errorf("%s, status %s, %s: status line %q; want %q", lang, st, form, line, sentence)
				}
				if !strings.Contains(m[1], `href="/`+prefix+`status/`+string(st)+`/"`) {
					t.Errorf("%s %s %s: the status label does not link to its page: %s", lang, st, form, m[1])
				}
			}
		}
	}
	if len(got) != 20 {
		t.Errorf("%d combinations; want 5 statuses × 4", len(got))
	}
}

// notStated is what the status line adds for an honest gap (issue 12): a
// system in use without a start, a retired one without an end.
func notStated(lang string, st register.Status, form string) string {
	noStart := (st == "pilot" || st == "production" || st == "retired") && (form == "none" || form == "end")
	noEnd := st == "retired" && (form == "none" || form == "start")
	words := map[string][3]string{"de": {"Beginn und Ende: keine Angabe", "Beginn: keine Angabe", "Ende: keine Angabe"},
		"en": {"Start and end: not stated", "Start: not stated", "End: not stated"}}[lang]
	switch {
	case noStart && noEnd:
		return " (" + words[0] + ")"
	case noStart:
		return " (" + words[1] + ")"
	case noEnd:
		return " (" + words[2] + ")"
	}
	return ""
}
