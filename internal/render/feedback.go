package render

import (
	"net/url"
	"strings"

	"maki/internal/register"
)

// Feedback is the "Fehler melden / Feedback" of a fact sheet (BITV 2.0
// § 7(2)): a prefilled e-mail and, when the site's repository takes
// issues, a link that opens one. Either may be "".
type Feedback struct {
	Mail  string
	Issue string
}

// Feedback returns the feedback links of a system's fact sheet. The
// e-mail goes to the system's contact_email, else its organisation's, with
// the register's operator in copy (to the operator alone when neither has
// an address); its subject names the system and its id, its body starts
// with the page's URL. The issue link is the repository's (see
// issueURL) with the same title and body. Both are kept even when there
// is an issue link: writing an issue needs an account with the host, and
// issues are public, an e-mail is neither.
func (p *Page) Feedback(s *register.System) Feedback {
	to := s.ContactEmail
	if to == "" {
		if o := p.Reg.Organisation(s.Organisation); o != nil {
			to = o.ContactEmail
		}
	}
	op := ""
	if p.Site != nil {
		op = p.Site.Operator.Email
	}
	name, _ := s.Name.In(p.Lang)
	subject := strings.NewReplacer("{name}", name, "{id}", s.ID).Replace(p.T("feedback.subject"))
	body := strings.ReplaceAll(p.T("feedback.body"), "{url}", p.Abs(p.Path))
	f := Feedback{Mail: mailto(to, op, subject, body)}
	if p.Site != nil {
		f.Issue = issueURL(p.Site.Repository, subject, body)
	}
	return f
}

// FeedbackMail returns the footer's general feedback link: an e-mail to
// the accessibility contact (the address the accessibility statement
// names for reports of barriers), else the operator, whose subject names
// the page and whose body starts with its URL. It is "" when the site has
// neither address.
func (p *Page) FeedbackMail() string {
	if p.Site == nil {
		return ""
	}
	to := p.Site.AccessibilityContact
	if to == "" {
		to = p.Site.Operator.Email
	}
	title := p.Title
	if p.Kind == "home" {
		title, _ = p.Site.Title.In(p.Lang)
	}
	subject := strings.ReplaceAll(p.T("feedback.page_subject"), "{title}", title)
	u := ""
	if p.Kind != "notfound" { // the 404 page is shown at any address
		u = p.Abs(p.Path)
	}
	body := strings.ReplaceAll(p.T("feedback.body"), "{url}", u)
	return mailto(to, "", subject, body)
}

// mailto returns a mailto: URI (RFC 6068) to the address to with cc in
// copy (left out when empty or the same as to), subject and body, every
// part percent-encoded, line breaks in the body as CRLF. With to empty, cc
// becomes the recipient; with both empty the result is "".
func mailto(to, cc, subject, body string) string {
	if strings.EqualFold(to, cc) {
		cc = ""
	}
	if to == "" {
		to, cc = cc, ""
	}
	if to == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("mailto:")
	b.WriteString(escapeAddr(to))
	sep := "?"
	field := func(name, value string) {
		if value == "" {
			return
		}
		b.WriteString(sep + name + "=" + escapeQuery(value))
		sep = "&"
	}
	field("cc", cc)
	field("subject", subject)
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n")
	field("body", body)
	return b.String()
}

// escapeAddr percent-encodes an e-mail address for the address part of a
// mailto: URI: all but the unreserved characters of RFC 3986 and "@", so
// that no "?", "&", "#" or "," of an odd address can end or split it.
func escapeAddr(s string) string {
	return strings.ReplaceAll(escapeQuery(s), "%40", "@")
}

// escapeQuery percent-encodes a value for a URI query: every character but
// the unreserved ones of RFC 3986, spaces as %20 (mail clients do not read
// "+" as a space in mailto: URIs).
func escapeQuery(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// issueURL returns the address that opens a new issue with the title and
// body in the site's repository: issues_url with {title} and {body}
// replaced, else one derived from the repository's url on hosts whose
// form is known (github.com and codeberg.org: /issues/new?title=&body=;
// gitlab.com and hosts named gitlab.*:
// /-/issues/new?issue[title]=&issue[description]=), else "".
func issueURL(repo register.Repository, title, body string) string {
	if repo.IssuesURL != "" {
		return strings.NewReplacer("{title}", escapeQuery(title), "{body}", escapeQuery(body)).Replace(repo.IssuesURL)
	}
	u, err := url.Parse(repo.URL)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return ""
	}
	base := strings.TrimSuffix(strings.TrimSuffix(repo.URL, "/"), ".git")
	host := strings.ToLower(u.Hostname())
	switch {
	case host == "github.com" || host == "codeberg.org":
		return base + "/issues/new?title=" + escapeQuery(title) + "&body=" + escapeQuery(body)
	case host == "gitlab.com" || strings.HasPrefix(host, "gitlab."):
		return base + "/-/issues/new?issue%5Btitle%5D=" + escapeQuery(title) + "&issue%5Bdescription%5D=" + escapeQuery(body)
	}
	return ""
}

// GroupFeed is the Atom feed of a list page's group: its path and a title
// for the link.
type GroupFeed struct {
	URL   string
	Title string
}

// GroupFeed returns the feed of the organisation, topic or Land a list
// page shows (the exports write one for each: "organisationen/<id>/feed.xml",
// "themen/<id>/feed.xml", "laender/<code>/feed.xml"), or nil on every other
// page.
func (p *Page) GroupFeed() *GroupFeed {
	l, ok := p.Data.(*List)
	if !ok {
		return nil
	}
	var name string
	switch {
	case l.Org != nil:
		name, _ = l.Org.Name.In(p.Lang)
	case l.Facet != nil && l.Facet.Kind.Key == "topic":
		name, _ = l.Facet.Label.In(p.Lang)
	case l.Facet != nil && l.Facet.Kind.Key == "state":
		name = p.T(l.Facet.Key)
	default:
		return nil
	}
	return &GroupFeed{URL: p.URL(l.Base + "feed.xml"), Title: strings.ReplaceAll(p.T("feed.group_title"), "{name}", name)}
}
