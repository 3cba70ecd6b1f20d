package validate

import (
	"strings"

	"maki/internal/register"
)

// PlaceholderMarker is the word "maki init" writes into every value of
// site.yaml and the pages that the operator has to replace. A value or page
// text still holding it gets a warning (rule "placeholder"), so that a
// register is not published with a template's text.
const PlaceholderMarker = "ANPASSEN"

// placeholders warns about every placeholder left for the operator to
// replace: the marker in a text of site.yaml or in a page, and an address
// of site.yaml under a domain reserved for examples (RFC 2606, RFC 6761),
// like register.example.org. They are warnings, not errors: a register
// being set up must build, but must not go out like this.
func (v *validator) placeholders() {
	if s := v.r.Site; s != nil && s.Positions != nil {
		for _, t := range []struct{ path, val string }{
			{"title.de", s.Title.De}, {"title.en", s.Title.En},
			{"operator.name.de", s.Operator.Name.De}, {"operator.name.en", s.Operator.Name.En},
			{"operator.address", s.Operator.Address},
		} {
			if strings.Contains(t.val, PlaceholderMarker) {
				v.errs.Warn(s.PosOf(t.path), t.path, "placeholder", "placeholder %q left in; want the register's own value", register.Excerpt(t.val))
			}
		}
		for _, a := range []struct{ path, val string }{
			{"base_url", s.BaseURL},
			{"operator.email", s.Operator.Email}, {"operator.url", s.Operator.URL},
			{"accessibility_contact", s.AccessibilityContact}, {"security_contact", s.SecurityContact},
			{"repository.url", s.Repository.URL}, {"repository.edit_url", s.Repository.EditURL},
		} {
			if d := exampleDomain(a.val); d != "" {
				v.errs.Warn(s.PosOf(a.path), a.path, "placeholder", "%q is an example address (%s is reserved for examples); want the register's own", register.Excerpt(a.val), d)
			}
		}
	}
	for _, p := range v.r.Pages {
		for _, t := range []struct{ path, val string }{{"title.de", p.Title.De}, {"title.en", p.Title.En}} {
			if strings.Contains(t.val, PlaceholderMarker) {
				v.errs.Warn(p.PosOf(t.path), t.path, "placeholder", "placeholder %q left in; want the page's own title", register.Excerpt(t.val))
			}
		}
		v.bodyPlaceholders(p.Body.De, p.File, p.BodyLine)
		v.bodyPlaceholders(p.Body.En, p.BodyEnFile, p.BodyEnLine)
	}
}

// bodyPlaceholders warns at every marker in a page body that starts at
// line first of file.
func (v *validator) bodyPlaceholders(body, file string, first int) {
	if file == "" || first == 0 {
		return
	}
	for off := 0; ; {
		i := strings.Index(body[off:], PlaceholderMarker)
		if i < 0 {
			return
		}
		off += i
		line, col := lineCol(body, off)
		end := strings.IndexAny(body[off:], "]\n") // "[ANPASSEN: Datum]"
		if end < 0 {
			end = len(body) - off
		}
		v.errs.Warn(register.Pos{File: file, Line: first + line - 1, Col: col}, "body", "placeholder", "placeholder %q left in; want the register's own text", register.Excerpt(body[off:off+end]))
		off += len(PlaceholderMarker)
	}
}

// exampleDomain returns the reserved domain a URL's host or an email
// address's domain is under (example.org for register.example.org), or ""
// for any other address.
func exampleDomain(addr string) string {
	host := addr
	if i := strings.LastIndexByte(host, '@'); i >= 0 && !strings.Contains(host, "://") {
		host = host[i+1:]
	} else {
		_, rest, ok := strings.Cut(host, "://")
		if !ok {
			return ""
		}
		if i := strings.IndexAny(rest, "/?#"); i >= 0 {
			rest = rest[:i]
		}
		if i := strings.LastIndexByte(rest, '@'); i >= 0 {
			rest = rest[i+1:]
		}
		if i := strings.LastIndexByte(rest, ':'); i >= 0 && !strings.HasSuffix(rest, "]") {
			rest = rest[:i]
		}
		host = rest
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for _, d := range []string{"example.com", "example.net", "example.org", "example", "test", "invalid", "localhost"} {
		if host == d || strings.HasSuffix(host, "."+d) {
			return d
		}
	}
	return ""
}
