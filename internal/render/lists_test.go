package render

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"maki/internal/corpus"
	"maki/internal/load"
	"maki/internal/register"
)

var (
	letterNav   = regexp.MustCompile(`(?s)<nav class="letter-nav"[^>]*>(.*?)</nav>`)
	letterItem  = regexp.MustCompile(`<li>(?:<a href="([^"]*)">|<span class="letter-nav__empty">)([^<]*)<`)
	systemCards = regexp.MustCompile(`(?s)<li class="system-card">.*?</li>`)
)

// loadCorpus loads a synthetic register of n systems.
func loadCorpus(t testing.TB, n int) *register.Register {
	t.Helper()
	reg, errs := load.Register(corpus.FS(n, 1), "content")
	if errs.Err() != nil {
		t.Fatal(errs.Errors()[0])
	}
	return reg
}

// TestLetterNavReachesEveryLetter renders the A–Z list of a corpus whose
// names start with quotes, digits, lower case, umlauts and Ω over many
// pages, and checks on every page of both languages that the letter bar
// shows the same letters, that every link resolves to a rendered page
// holding the fragment, that the target is the page of the letter's first
// system (the previous page has no such heading), that links to this
// page's letters stay on it, and that no letter links to nothing.
func TestLetterNavReachesEveryLetter(t *testing.T) {
	reg := loadCorpus(t, 400)
	pages := renderSiteSize(t, reg, 20)
	const base = "/" // renderSite's base URL path
	for _, lang := range []string{"de", "en"} {
		prefix := ""
		if lang == "en" {
			prefix = "en/"
		}
		first := prefix + "systeme/index.html"
		var want string // the bar of the first page; every page has the same letters
		n := 0
		for p := 1; ; p++ {
			name := first
			if p > 1 {
				name = prefix + "systeme/seite/" + strconv.Itoa(p) + "/index.html"
			}
			page, ok := pages[name]
			if !ok {
				break
			}
			n++
			m := letterNav.FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("%s: no letter bar", name)
			}
			var letters []string
			for _, it := range letterItem.FindAllStringSubmatch(m[1], -1) {
				href, label := it[1], it[2]
				linked := "-"
				if href != "" {
					linked = "+"
				}
				letters = append(letters, label+linked)
				if href == "" {
					if strings.Contains(page, `id="letter-`+label+`"`) {
						t.Errorf("%s: letter %s is on the page but not linked", name, label)
					}
					continue
				}
				target, frag, ok := strings.Cut(href, "#")
				if !ok || frag == "" {
					t.Errorf("%s: letter %s links to %q, without a fragment", name, label, href)
					continue
				}
				file := name
				if target != "" {
					file = strings.TrimPrefix(target, base) + "index.html"
				}
				tp, ok := pages[file]
				if !ok {
					t.Errorf("%s: letter %s links to %s: no such page", name, label, href)
					continue
				}
				if !strings.Contains(tp, `id="`+frag+`"`) {
					t.Errorf("%s: letter %s links to %s: no id %q there", name, label, href, frag)
				}
				if target != "" && file == name {
					t.Errorf("%s: letter %s links to its own page by path %s; want #%s", name, label, href, frag)
				}
				if target == "" && !strings.Contains(page, `id="`+frag+`"`) {
					t.Errorf("%s: in-page link #%s has no target", name, frag)
				}
				if prev := prevPage(file, prefix); prev != "" && strings.Contains(pages[prev], `id="`+frag+`"`) {
					t.Errorf("%s: letter %s links to %s, but %s has the letter already", name, label, file, prev)
				}
			}
			bar := strings.Join(letters, " ")
			if p == 1 {
				want = bar
				other := map[string]string{"de": "Andere Zeichen+", "en": "Other characters+"}[lang]
				if !strings.HasPrefix(bar, "0–9+ A+ B") || !strings.Contains(bar, " Z") || !strings.HasSuffix(bar, other) {
					t.Errorf("%s: letter bar %q; want 0–9, A … Z and %s", name, bar, other)
				}
			} else if bar != want {
				t.Errorf("%s: letter bar %q; the first page has %q", name, bar, want)
			}
		}
		if n < 10 {
			t.Errorf("%s: %d A–Z pages; want 20 (400 systems, 20 a page)", lang, n)
		}
	}
}

// prevPage returns the A–Z page before file, or "".
func prevPage(file, prefix string) string {
	rest, ok := strings.CutPrefix(file, prefix+"systeme/seite/")
	if !ok {
		return ""
	}
	n := 0
	for _, c := range strings.TrimSuffix(rest, "/index.html") {
		n = n*10 + int(c-'0')
	}
	if n == 2 {
		return prefix + "systeme/index.html"
	}
	return prefix + "systeme/seite/" + strconv.Itoa(n-1) + "/index.html"
}

// TestFacetAndOrganisationPages renders a corpus whose "production" status
// page has more than 100 systems and checks that it is split into pages of
// at most 100 with the A–Z list's pager, each page with its own canonical
// URL, all systems once, and that the cards of a status,
// risk class or organisation page do not repeat what the page is about.
func TestFacetAndOrganisationPages(t *testing.T) {
	reg := loadCorpus(t, 400)
	pages := renderSite(t, reg)
	pub := reg.Public()
	count := func(match func(*register.System) bool) int {
		n := 0
		for _, s := range pub.Systems {
			if match(s) {
				n++
			}
		}
		return n
	}
	production := count(func(s *register.System) bool { return s.Status == "production" })
	if production <= 100 {
		t.Fatalf("corpus has %d systems in production; the test needs more than 100", production)
	}
	for _, tc := range []struct {
		base  string // list path
		total int
		omit  string // what no card on the page may hold
	}{
		{"status/production/", production, `badge--status-`},
		{"en/status/production/", production, `badge--status-`},
		{"risikoklassen/minimal/", count(func(s *register.System) bool { return s.RiskClass == "minimal" }), `badge--risk-`},
	} {
		checkPaged(t, pages, tc.base, tc.total, func(name, c string) {
			if strings.Contains(c, tc.omit) {
				t.Errorf("%s: a card repeats what the page is about (%s): %s", name, tc.omit, c)
			}
		})
	}
	// The organisation with the most systems.
	byOrg := map[string]int{}
	var top string
	for _, s := range pub.Systems {
		byOrg[s.Organisation]++
		if byOrg[s.Organisation] > byOrg[top] {
			top = s.Organisation
		}
	}
	o := pub.Organisation(top)
	for _, lang := range []string{"de", "en"} {
		prefix := map[string]string{"de": "", "en": "en/"}[lang]
		name, _ := o.Name.In(lang)
		checkPaged(t, pages, prefix+"organisationen/"+top+"/", byOrg[top], func(page, c string) {
			if strings.Contains(c, htmlEscape(name)) {
				t.Errorf("%s: a card repeats the organisation %q: %s", page, name, c)
			}
		})
	}
	// The A–Z list shows them all.
	for _, c := range systemCards.FindAllString(pages["systeme/index.html"], -1) {
		for _, part := range []string{"badge--status-", "badge--risk-", "<span>"} {
			if !strings.Contains(c, part) {
				t.Errorf("systeme/index.html: card without %s: %s", part, c)
			}
		}
	}
}

var (
	canonical = regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`)
	cardLink  = regexp.MustCompile(`<h3 class="system-card__title"><a href="([^"]*)"`)
)

// checkPaged checks that the list at base is split into pages of at most
// 100 cards holding total systems once each, each page with its canonical
// URL and a pager, and passes every card to check.
func checkPaged(t *testing.T, pages map[string]string, base string, total int, check func(page, card string)) {
	t.Helper()
	want := (total + 99) / 100
	seen := map[string]bool{}
	for p := 1; p <= want+1; p++ {
		path := base
		if p > 1 {
			path += "seite/" + strconv.Itoa(p) + "/"
		}
		page, ok := pages[path+"index.html"]
		if p > want {
			if ok {
				t.Errorf("%s: page %d of a list of %d systems", base, p, total)
			}
			break
		}
		if !ok {
			t.Errorf("%s: no page %d of %d", base, p, want)
			continue
		}
		if m := canonical.FindStringSubmatch(page); m == nil || m[1] != "https://example.org/"+path {
			t.Errorf("%s: canonical %v; want https://example.org/%s", path, m, path)
		}
		if want > 1 && !strings.Contains(page, `<nav class="pager"`) {
			t.Errorf("%s: no pager", path)
		}
		cards := systemCards.FindAllString(page, -1)
		if len(cards) > 100 {
			t.Errorf("%s: %d cards; want at most 100", path, len(cards))
		}
		for _, c := range cards {
			if m := cardLink.FindStringSubmatch(c); m != nil {
				if seen[m[1]] {
					t.Errorf("%s: %s listed twice", path, m[1])
				}
				seen[m[1]] = true
			}
			check(path, c)
		}
	}
	if len(seen) != total {
		t.Errorf("%s: %d systems on its pages; want %d", base, len(seen), total)
	}
}

func TestUpperFirst(t *testing.T) {
	for in, want := range map[string]string{
		"im Einsatz": "Im Einsatz", "minimal risk": "Minimal risk", "Bund": "Bund",
		"über": "Über", "": "", "3D": "3D", "ωmega": "Ωmega",
	} {
		if got := upperFirst(in); got != want {
			t.Errorf("upperFirst(%q) = %q; want %q", in, got, want)
		}
	}
}
