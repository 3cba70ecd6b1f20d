package export

import (
	"encoding/xml"
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"maki/internal/register"
)

// wantGroupFeed returns the ids a group's feed should list: the systems
// in the group, newest update first, then newest publication, then id, at
// most FeedSize. It filters and sorts every group on its own, the slow way
// feedGroups avoids.
func wantGroupFeed(r *register.Register, in func(*register.System) bool) []string {
	var list []*register.System
	for _, s := range r.Systems {
		if in(s) {
			list = append(list, s)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Updated != b.Updated {
			return a.Updated > b.Updated
		}
		if a.Published != b.Published {
			return a.Published > b.Published
		}
		return a.ID < b.ID
	})
	ids := []string{}
	for _, s := range list {
		ids = append(ids, s.ID)
	}
	if len(ids) > FeedSize {
		ids = ids[:FeedSize]
	}
	return ids
}

// feedIDs parses a feed and returns the system ids of its entries (the
// last segment of their HTML links).
func feedIDs(t *testing.T, name string, b []byte) (atomFeed, []string) {
	t.Helper()
	var f atomFeed
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	ids := []string{}
	for _, e := range f.Entries {
		if len(e.Links) == 0 {
			t.Errorf("%s: entry %s has no link", name, e.ID)
			continue
		}
		ids = append(ids, strings.TrimSuffix(e.Links[0].Href[strings.LastIndex(strings.TrimSuffix(e.Links[0].Href, "/"), "/")+1:], "/"))
	}
	return f, ids
}

// groupChecks are the group feeds of a register with what they hold.
func groupChecks(r *register.Register) map[string]func(*register.System) bool {
	checks := map[string]func(*register.System) bool{}
	for _, o := range r.Organisations {
		checks["organisationen/"+o.ID+"/"] = func(s *register.System) bool { return s.Organisation == o.ID }
	}
	for _, tp := range r.Topics {
		checks["themen/"+tp.ID+"/"] = func(s *register.System) bool {
			for _, id := range s.Topics {
				if id == tp.ID {
					return true
				}
			}
			return false
		}
	}
	for _, code := range register.States {
		checks["laender/"+strings.ToLower(code)+"/"] = func(s *register.System) bool {
			o := r.Organisation(s.Organisation)
			return o != nil && o.State == code
		}
	}
	return checks
}

// TestGroupFeeds checks the feeds of organisations, topics and Länder on
// the fixture: each lists exactly its group's systems in date order, in
// both languages, with its own id, self link and page link.
func TestGroupFeeds(t *testing.T) {
	r := fixtureRegister()
	files := mustFiles(t, r, fixtureConfig())
	// What the fixture holds, spelled out.
	spelled := map[string]string{
		"organisationen/bmi/":               "chatbot",
		"organisationen/stadt-musterstadt/": "prognose bauantrag-assistent",
		"themen/bauen/":                     "prognose bauantrag-assistent",
		"themen/soziales/":                  "bauantrag-assistent chatbot",
		"laender/de-bw/":                    "prognose bauantrag-assistent",
		"laender/de-be/":                    "",
	}
	checks := groupChecks(r)
	for page, in := range checks {
		want := wantGroupFeed(r, in)
		if s, ok := spelled[page]; ok && s != strings.Join(want, " ") {
			t.Fatalf("test is wrong: %s computes %v; spelled out %q", page, want, s)
		}
		for _, lang := range []string{"de", "en"} {
			name := langPrefix(lang) + page + "feed.xml"
			b, ok := files[name]
			if !ok {
				t.Errorf("%s: missing", name)
				continue
			}
			f, ids := feedIDs(t, name, b)
			if strings.Join(ids, " ") != strings.Join(want, " ") {
				t.Errorf("%s: entries %v; want %v", name, ids, want)
			}
			base := "https://register.example.org/ki/" + langPrefix(lang)
			if f.ID != base+page+"feed.xml" || f.Lang != lang || f.Title == "" {
				t.Errorf("%s: id %q lang %q title %q", name, f.ID, f.Lang, f.Title)
			}
			links := map[string]string{}
			for _, l := range f.Links {
				links[l.Rel] = l.Href
			}
			if links["self"] != base+page+"feed.xml" || links["alternate"] != base+page {
				t.Errorf("%s: links %v; want self %s and alternate %s", name, links, base+page+"feed.xml", base+page)
			}
			if len(want) > 0 && f.Updated != atomTime(r.System(want[0]).Updated) {
				t.Errorf("%s: updated %s; want the newest entry's", name, f.Updated)
			}
			if len(want) == 0 && f.Updated != "2025-06-30T00:00:00Z" {
				t.Errorf("%s: empty feed updated %s; want the register's newest update, not the build time", name, f.Updated)
			}
		}
	}
	// The titles name the group, escaped where needed.
	for name, want := range map[string]string{
		"themen/soziales/feed.xml":    "Gesundheit &amp; Soziales – KI-Transparenzregister",
		"en/themen/bauen/feed.xml":    "Building and housing – AI Transparency Register",
		"laender/de-bw/feed.xml":      "Baden-Württemberg – KI-Transparenzregister",
		"en/themen/soziales/feed.xml": `<title xml:lang="de">Gesundheit &amp; Soziales – AI Transparency Register</title>`,
	} {
		if !strings.Contains(string(files[name]), want) {
			t.Errorf("%s: want %s in\n%s", name, want, files[name])
		}
	}
}

// TestGroupFeedsAtScale compares the one-pass grouping with filtering and
// sorting each group on its own, on a random register with groups larger
// than a feed, ties in the dates, systems with several topics and
// organisations without a Land.
func TestGroupFeedsAtScale(t *testing.T) {
	r := fixtureRegister()
	rng := rand.New(rand.NewSource(7))
	var orgs []*register.Organisation
	for i := 0; i < 12; i++ {
		o := &register.Organisation{Meta: register.Meta{ID: fmt.Sprintf("org-%02d", i)}, Name: register.Text{De: fmt.Sprintf("Amt %d", i)}, Level: "land"}
		if i%3 != 0 {
			o.State = register.States[i%len(register.States)]
		}
		orgs = append(orgs, o)
	}
	r.Organisations = append(r.Organisations, orgs...)
	for i := 0; i < 600; i++ {
		s := *r.Systems[1]
		s.ID = fmt.Sprintf("sys-%04d", i)
		s.Organisation = orgs[rng.Intn(len(orgs))].ID
		s.Updated = register.Date(fmt.Sprintf("2025-0%d-%02d", 1+rng.Intn(3), 1+rng.Intn(28)))
		s.Published = register.Date(fmt.Sprintf("2024-0%d-01", 1+rng.Intn(3)))
		s.Topics = nil
		for _, tp := range r.Topics {
			if rng.Intn(2) == 0 {
				s.Topics = append(s.Topics, tp.ID)
			}
		}
		r.Systems = append(r.Systems, &s)
	}
	r.Index()
	files := mustFiles(t, r, fixtureConfig())
	full := 0
	for page, in := range groupChecks(r) {
		want := wantGroupFeed(r, in)
		if len(want) == FeedSize {
			full++
		}
		name := page + "feed.xml"
		_, ids := feedIDs(t, name, files[name])
		if strings.Join(ids, " ") != strings.Join(want, " ") {
			t.Errorf("%s: entries %v; want %v", name, ids, want)
		}
	}
	if full < 3 {
		t.Errorf("only %d groups fill a feed; the test wants several", full)
	}
}

// TestFeedsPublicFieldsOnly checks that no feed carries a technical field
// of a restricted system (AI Act Art. 49(4)), even when the exports are
// given the register before its public view.
func TestFeedsPublicFieldsOnly(t *testing.T) {
	r := fixtureRegister()
	p := r.System("prognose")
	p.OperatingLogic = register.Text{De: "GEHEIME-LOGIK"}
	p.Vendor = "GEHEIMER-HERSTELLER"
	p.Models = []register.Model{{Name: "GEHEIMES-MODELL"}}
	files := mustFiles(t, r, fixtureConfig())
	n := 0
	for name, b := range files {
		if !strings.HasSuffix(name, "feed.xml") {
			continue
		}
		n++
		for _, secret := range []string{"GEHEIME-LOGIK", "GEHEIMER-HERSTELLER", "GEHEIMES-MODELL"} {
			if strings.Contains(string(b), secret) {
				t.Errorf("%s: has %s of a restricted system", name, secret)
			}
		}
	}
	if _, ids := feedIDs(t, "themen/bauen/feed.xml", files["themen/bauen/feed.xml"]); len(ids) == 0 || ids[0] != "prognose" {
		t.Errorf("themen/bauen/feed.xml: entries %v; want the restricted system listed (by its public fields)", ids)
	}
	if n < 20 {
		t.Errorf("checked %d feeds", n)
	}
}
