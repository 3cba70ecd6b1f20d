package render

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"maki/internal/register"
)

// An awkward name: every character that means something in a URI or in
// HTML, umlauts and typographic quotes.
const awkward = `"Ärger" & Co? #1 – 'Test' 100% + mehr <b>„Zitat“</b>; a=b, c/d`

func TestMailto(t *testing.T) {
	for _, tt := range []struct {
		to, cc, subject, body string
		want                  string
	}{
		{"a@x.de", "op@x.de", "Betreff", "Zeile 1\nZeile 2",
			"mailto:a@x.de?cc=op%40x.de&subject=Betreff&body=Zeile%201%0D%0AZeile%202"},
		{"a@x.de", "", "S", "",
			"mailto:a@x.de?subject=S"},
		// The operator is the contact: no copy to the same address.
		{"Op@X.de", "op@x.de", "S", "",
			"mailto:Op@X.de?subject=S"},
		// No contact: to the operator alone.
		{"", "op@x.de", "S", "B",
			"mailto:op@x.de?subject=S&body=B"},
		{"", "", "S", "B", ""},
		{"a+tag@x.de", "", "ä & ö?", "#1 100%\r\nx",
			"mailto:a%2Btag@x.de?subject=%C3%A4%20%26%20%C3%B6%3F&body=%231%20100%25%0D%0Ax"},
		{"a@x.de", "", awkward, "",
			"mailto:a@x.de?subject=%22%C3%84rger%22%20%26%20Co%3F%20%231%20%E2%80%93%20%27Test%27%20100%25%20%2B%20mehr%20%3Cb%3E%E2%80%9EZitat%E2%80%9C%3C%2Fb%3E%3B%20a%3Db%2C%20c%2Fd"},
	} {
		got := mailto(tt.to, tt.cc, tt.subject, tt.body)
		if got != tt.want {
			t.Errorf("mailto(%q, %q, %q, %q) =\n%s\nwant\n%s", tt.to, tt.cc, tt.subject, tt.body, got, tt.want)
		}
		if got == "" {
			continue
		}
		// What a mail client reads back.
		u, err := url.Parse(got)
		if err != nil {
			t.Errorf("mailto(%q): %v", tt.subject, err)
			continue
		}
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			t.Errorf("mailto(%q): query: %v", tt.subject, err)
		}
		if q.Get("subject") != tt.subject {
			t.Errorf("mailto(%q): subject reads back as %q", tt.subject, q.Get("subject"))
		}
		if want := strings.ReplaceAll(strings.ReplaceAll(tt.body, "\r\n", "\n"), "\n", "\r\n"); q.Get("body") != want {
			t.Errorf("mailto(%q): body reads back as %q; want %q", tt.subject, q.Get("body"), want)
		}
		if to, _ := url.PathUnescape(u.Opaque); to != tt.to && tt.to != "" {
			t.Errorf("mailto(%q): address reads back as %q; want %q", tt.subject, to, tt.to)
		}
	}
}

func TestIssueURL(t *testing.T) {
	const title, body = awkward, "Seite: https://x.de/systeme/a/?q=1&r=2#f\n\nText"
	tq := escapeQuery(title)
	bq := escapeQuery(body)
	for _, tt := range []struct {
		repo register.Repository
		want string
	}{
		{register.Repository{URL: "https://github.com/land/register"},
			"https://github.com/land/register/issues/new?title=" + tq + "&body=" + bq},
		{register.Repository{URL: "https://github.com/land/register.git"},
			"https://github.com/land/register/issues/new?title=" + tq + "&body=" + bq},
		{register.Repository{URL: "https://codeberg.org/land/register/"},
			"https://codeberg.org/land/register/issues/new?title=" + tq + "&body=" + bq},
		{register.Repository{URL: "https://gitlab.com/land/register"},
			"https://gitlab.com/land/register/-/issues/new?issue%5Btitle%5D=" + tq + "&issue%5Bdescription%5D=" + bq},
		{register.Repository{URL: "https://gitlab.opencode.de/ki-register/inhalte"},
			"https://gitlab.opencode.de/ki-register/inhalte/-/issues/new?issue%5Btitle%5D=" + tq + "&issue%5Bdescription%5D=" + bq},
		// An unknown host: no link, unless issues_url says how.
		{register.Repository{URL: "https://git.land.example/register"}, ""},
		{register.Repository{URL: "https://git.land.example/register", IssuesURL: "https://git.land.example/register/issues/new?title={title}&body={body}"},
			"https://git.land.example/register/issues/new?title=" + tq + "&body=" + bq},
		// issues_url wins over the host.
		{register.Repository{URL: "https://github.com/land/register", IssuesURL: "https://tickets.land.example/neu?betreff={title}"},
			"https://tickets.land.example/neu?betreff=" + tq},
		{register.Repository{}, ""},
		{register.Repository{URL: "http://github.com/land/register"}, ""},
		{register.Repository{URL: "https://github.com/land/register?x=1"}, ""},
	} {
		got := issueURL(tt.repo, title, body)
		if got != tt.want {
			t.Errorf("issueURL(%+v) =\n%s\nwant\n%s", tt.repo, got, tt.want)
		}
		if got == "" {
			continue
		}
		u, err := url.Parse(got)
		if err != nil {
			t.Errorf("issueURL(%+v): %v", tt.repo, err)
			continue
		}
		q := u.Query()
		gotTitle := q.Get("title") + q.Get("issue[title]") + q.Get("betreff")
		if gotTitle != title {
			t.Errorf("issueURL(%+v): title reads back as %q", tt.repo, gotTitle)
		}
		if q.Has("title") && q.Get("body") != body || q.Has("issue[title]") && q.Get("issue[description]") != body {
			t.Errorf("issueURL(%+v): body does not read back", tt.repo)
		}
	}
}

var (
	feedbackSection = regexp.MustCompile(`(?s)<section class="factsheet__feedback".*?</section>`)
	hrefAttr        = regexp.MustCompile(`href="([^"]*)"`)
	footerFeedback  = regexp.MustCompile(`<p class="site-footer__feedback"><a href="([^"]*)">`)
)

// TestFeedbackOnFactSheets renders fact sheets whose names need escaping
// and whose contact comes from the system, its organisation or only the
// operator, and reads the links back as a browser and a mail client
// would: HTML-unescaped, then URI-decoded.
func TestFeedbackOnFactSheets(t *testing.T) {
	reg := loadCorpus(t, 6)
	reg.Site.Operator.Email = "betrieb@register.example"
	reg.Site.AccessibilityContact = "barrierefrei@register.example"
	reg.Site.Repository = register.Repository{URL: "https://github.com/land/register"}
	own, byOrg, none := reg.Systems[0], reg.Systems[1], reg.Systems[2]
	own.Name = register.Text{De: awkward, En: "English & <name>"}
	own.ContactEmail = "ki@amt.example"
	byOrg.ContactEmail = ""
	byOrg.Organisation = reg.Organisations[0].ID
	reg.Organisations[0].ContactEmail = "post@behoerde.example"
	none.ContactEmail = ""
	none.Organisation = reg.Organisations[1].ID
	reg.Organisations[1].ContactEmail = ""
	for _, s := range reg.Systems[3:] {
		if s.Organisation == reg.Organisations[0].ID || s.Organisation == reg.Organisations[1].ID {
			s.Organisation = reg.Organisations[2].ID
		}
	}
	pages := renderSite(t, reg)

	for _, tt := range []struct {
		lang   string
		s      *register.System
		to, cc string
		name   string
	}{
		{"de", own, "ki@amt.example", "betrieb@register.example", awkward},
		{"en", own, "ki@amt.example", "betrieb@register.example", "English & <name>"},
		{"de", byOrg, "post@behoerde.example", "betrieb@register.example", byOrg.Name.De},
		{"de", none, "betrieb@register.example", "", none.Name.De},
	} {
		prefix := map[string]string{"de": "", "en": "en/"}[tt.lang]
		page := pages[prefix+"systeme/"+tt.s.ID+"/index.html"]
		sec := feedbackSection.FindString(page)
		links := hrefAttr.FindAllStringSubmatch(sec, -1)
		if len(links) != 2 {
			t.Errorf("%s %s: feedback section %q; want an e-mail and an issue link", tt.lang, tt.s.ID, sec)
			continue
		}
		subject := map[string]string{"de": "KI-Transparenzregister: ", "en": "AI Transparency Register: "}[tt.lang] + tt.name + " (" + tt.s.ID + ")"
		pageURL := "https://example.org/" + prefix + "systeme/" + tt.s.ID + "/"

		mail, err := url.Parse(html.UnescapeString(links[0][1]))
		if err != nil || mail.Scheme != "mailto" {
			t.Errorf("%s %s: e-mail link %q: %v", tt.lang, tt.s.ID, links[0][1], err)
			continue
		}
		q := mail.Query()
		if mail.Opaque != tt.to || q.Get("cc") != tt.cc || q.Get("subject") != subject || !strings.Contains(q.Get("body"), pageURL+"\r\n") {
			t.Errorf("%s %s: e-mail to %q cc %q subject %q body %q; want to %q cc %q subject %q and the page URL %s",
				tt.lang, tt.s.ID, mail.Opaque, q.Get("cc"), q.Get("subject"), q.Get("body"), tt.to, tt.cc, subject, pageURL)
		}

		issue, err := url.Parse(html.UnescapeString(links[1][1]))
		if err != nil {
			t.Errorf("%s %s: issue link %q: %v", tt.lang, tt.s.ID, links[1][1], err)
			continue
		}
		if issue.Host != "github.com" || issue.Path != "/land/register/issues/new" || issue.Query().Get("title") != subject || !strings.Contains(issue.Query().Get("body"), pageURL) {
			t.Errorf("%s %s: issue link %s; want a new issue titled %q", tt.lang, tt.s.ID, issue, subject)
		}
	}

	// Every page has the footer's feedback link, to the accessibility
	// contact, naming the page's URL (the 404 page, shown anywhere, none).
	n := 0
	for name, page := range pages {
		m := footerFeedback.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("%s: no feedback link in the footer", name)
			continue
		}
		n++
		u, err := url.Parse(html.UnescapeString(m[1]))
		if err != nil || u.Opaque != "barrierefrei@register.example" || u.Query().Get("subject") == "" {
			t.Errorf("%s: footer feedback link %q (%v)", name, m[1], err)
			continue
		}
		want := "https://example.org/" + strings.TrimSuffix(name, "index.html")
		body := u.Query().Get("body")
		if strings.HasSuffix(name, "404.html") {
			want = ": \r\n" // "Seite: " with no URL
		}
		if !strings.Contains(body, want) {
			t.Errorf("%s: footer feedback body %q; want %q in it", name, body, want)
		}
	}
	if n < 50 {
		t.Errorf("checked %d pages", n)
	}

	// Without a repository whose issues the site knows: the e-mail alone.
	reg.Site.Repository = register.Repository{URL: "https://git.land.example/register"}
	pages = renderSite(t, reg)
	sec := feedbackSection.FindString(pages["systeme/"+own.ID+"/index.html"])
	if links := hrefAttr.FindAllStringSubmatch(sec, -1); len(links) != 1 || !strings.HasPrefix(links[0][1], "mailto:") {
		t.Errorf("unknown repository host: feedback section %q; want the e-mail link alone", sec)
	}
}

// TestGroupFeedLinks checks that organisation, topic and Land pages (each
// page of them) link their group's feed in the head and visibly, and that
// other list pages link none.
func TestGroupFeedLinks(t *testing.T) {
	reg := loadCorpus(t, 60)
	pages := renderSiteSize(t, reg, 5)
	head := regexp.MustCompile(`<link rel="alternate" type="application/atom\+xml" href="([^"]*)" title="[^"]+">`)
	visible := regexp.MustCompile(`<a href="([^"]*)" type="application/atom\+xml">`)
	n := 0
	for name, page := range pages {
		dir := strings.TrimSuffix(name, "index.html")
		if i := strings.Index(dir, "seite/"); i >= 0 {
			dir = dir[:i]
		}
		lang := strings.TrimSuffix(strings.SplitAfter(dir, "/")[0], "/")
		rest := strings.TrimPrefix(dir, "en/")
		group := strings.Count(rest, "/") == 2 && (strings.HasPrefix(rest, "organisationen/") || strings.HasPrefix(rest, "themen/") || strings.HasPrefix(rest, "laender/"))
		heads := head.FindAllStringSubmatch(page, -1)
		vis := visible.FindAllStringSubmatch(page, -1)
		if !group {
			if len(heads) != 1 || len(vis) != 0 {
				t.Errorf("%s: %d feed links in the head, %d visible; want the main feed's only", name, len(heads), len(vis))
			}
			continue
		}
		n++
		want := "/" + dir + "feed.xml"
		if len(heads) != 2 || heads[1][1] != want || len(vis) != 1 || vis[0][1] != want {
			t.Errorf("%s: head feeds %v, visible %v; want %s (%s)", name, heads, vis, want, lang)
		}
	}
	if n < 40 {
		t.Errorf("checked %d group pages", n)
	}
}
