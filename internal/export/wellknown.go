package export

import (
	"strings"
	"time"

	"maki/internal/register"
)

// securityTxt returns .well-known/security.txt (RFC 9116). Contact is the
// site's security_contact, else the operator's e-mail; Expires is one year
// after the build.
func (x *exporter) securityTxt() []byte {
	var b strings.Builder
	contact := x.site.SecurityContact
	if contact == "" {
		contact = x.site.Operator.Email
	}
	if contact != "" {
		if !strings.Contains(contact, ":") {
			contact = "mailto:" + contact
		}
		b.WriteString("Contact: " + contact + "\n")
	}
	b.WriteString("Expires: " + x.cfg.Now.UTC().AddDate(1, 0, 0).Truncate(time.Second).Format(time.RFC3339) + "\n")
	b.WriteString("Preferred-Languages: " + strings.Join(x.langs, ", ") + "\n")
	b.WriteString("Canonical: " + x.abs(".well-known/security.txt") + "\n")
	return []byte(b.String())
}

// openSearch returns the OpenSearch description of the search page in lang.
func (x *exporter) openSearch(lang string) []byte {
	title, _ := x.site.Title.In(lang)
	if title == "" {
		title = "KI-Transparenzregister"
	}
	short := x.tOr(lang, "opensearch.short_name", register.Text{De: "KI-Register", En: "AI register"})
	if r := []rune(short); len(r) > 16 { // OpenSearch 1.1: at most 16 characters
		short = string(r[:16])
	}
	w := newXML()
	w.open("OpenSearchDescription", "xmlns", "http://a9.com/-/spec/opensearch/1.1/")
	w.elem("ShortName", short)
	w.elem("Description", x.tOr(lang, "opensearch.description", register.Text{
		De: "Suche in " + title,
		En: "Search " + title,
	}))
	w.elem("InputEncoding", "UTF-8")
	w.elem("Language", lang)
	w.empty("Url", "type", "text/html", "method", "get", "template", x.abs(langPrefix(lang)+"suche/")+"?q={searchTerms}")
	w.empty("Url", "type", "application/opensearchdescription+xml", "rel", "self", "template", x.abs(langPrefix(lang)+"opensearch.xml"))
	w.close("OpenSearchDescription")
	return w.bytes()
}

func (x *exporter) wellKnown(out *sink) error {
	if err := out.write(".well-known/security.txt", x.securityTxt()); err != nil {
		return err
	}
	for _, lang := range x.langs {
		if err := out.write(langPrefix(lang)+"opensearch.xml", x.openSearch(lang)); err != nil {
			return err
		}
	}
	return nil
}
