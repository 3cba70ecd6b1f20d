package validate

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"

	"maki/internal/register"
)

// spdxIDs returns the set of SPDX license identifiers.
func spdxIDs() map[string]bool {
	ids := map[string]bool{}
	for _, l := range register.SPDXLicenses() {
		ids[l] = true
	}
	return ids
}

var (
	monthPattern = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)
	agsPattern   = regexp.MustCompile(`^[0-9]{8}$`)
	emailPattern = regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$`)
)

// checkFormat checks s against a named format and returns what is wanted
// when it does not match, or "".
func (v *validator) checkFormat(format, s string) string {
	switch format {
	case "month":
		if !monthPattern.MatchString(s) {
			return "want a month as YYYY-MM, like \"2024-03\""
		}
	case "date":
		if _, err := time.Parse("2006-01-02", s); err != nil || len(s) != 10 {
			return "want a date as YYYY-MM-DD, like \"2024-03-15\""
		}
	case "https":
		return httpsURL(s)
	case "url":
		return BaseURL(s)
	case "email":
		return email(s)
	case "spdx":
		if v.spdx == nil {
			v.spdx = spdxIDs()
		}
		if !v.spdx[s] {
			return "want an SPDX license identifier like \"EUPL-1.2\", \"MIT\" or \"Apache-2.0\" (see spdx.org/licenses)"
		}
	case "state":
		for _, st := range stateCodes {
			if st.code == s {
				return ""
			}
		}
		return "want an ISO 3166-2 code of a German Land, one of " + statesList()
	case "ags":
		if !agsPattern.MatchString(s) {
			return "want the 8-digit Amtlicher Gemeindeschlüssel, like \"08111000\""
		}
	}
	return ""
}

// httpsURL checks s as one https:// URL and says what is wrong in the
// terms of the mistakes real data makes: two URLs in one field (joined by
// " of ", ", " or nothing), a space, http://, no scheme at all.
func httpsURL(s string) string {
	const want = "want one https:// URL"
	switch n := strings.Count(s, "://"); {
	case n > 1:
		return fmt.Sprintf("holds %d URLs; %s", n, want)
	case strings.ContainsAny(s, " \u00a0"):
		return "contains a space; " + want + " (a space inside a path is written %20)"
	case strings.IndexFunc(s, unicode.IsSpace) >= 0:
		return "contains a line break or tab; " + want
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return want
	case strings.EqualFold(u.Scheme, "http"):
		return "starts with \"http://\"; " + want
	case u.Scheme == "" && strings.Contains(strings.SplitN(s, "/", 2)[0], "."):
		return "has no \"https://\" in front; " + want
	case !strings.EqualFold(u.Scheme, "https"):
		return want
	case u.Host == "":
		return "has no host after \"https://\"; " + want
	}
	return ""
}

// email checks s as one e-mail address and says what is wrong in the
// terms of the mistakes real data makes.
func email(s string) string {
	const want = "want one e-mail address"
	switch n := strings.Count(s, "@"); {
	case n == 0:
		return "has no \"@\"; " + want
	case n > 1 && strings.ContainsAny(s, ",; "):
		return fmt.Sprintf("holds %d addresses; %s", n, want)
	case strings.HasPrefix(strings.ToLower(s), "mailto:"):
		return "starts with \"mailto:\"; " + want + " without it"
	case strings.ContainsAny(s, "<>"):
		return "holds a name and \"<…>\"; " + want + " alone"
	case strings.IndexFunc(s, unicode.IsSpace) >= 0:
		return "contains a space; " + want
	}
	if !emailPattern.MatchString(s) {
		return want + " like \"ki@behoerde.example.de\""
	}
	if _, err := mail.ParseAddress(s); err != nil {
		return want + " like \"ki@behoerde.example.de\""
	}
	return ""
}

// BaseURL checks s as the address the site is served from (site.yaml's
// base_url, the --base-url flag) and returns what is wanted when it is not
// one, or "". It must be an absolute http:// or https:// URL with a host; a
// path is allowed. User info is refused because the address is published
// in every page and file; a query or fragment because every URL of the
// site is made by appending a path to it; control characters and spaces
// because they break the links.
func BaseURL(s string) string {
	const want = "want an absolute http:// or https:// URL like \"https://register.example.org/\""
	if strings.IndexFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
		return want + " without spaces or control characters"
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Opaque != "" {
		return want
	}
	switch {
	case u.User != nil:
		return "want no user name or password in the URL (it is published in every page)"
	case u.RawQuery != "" || u.ForceQuery:
		return "want no query (?…): the site's URLs are made by appending paths"
	case u.Fragment != "" || strings.Contains(s, "#"):
		return "want no fragment (#…): the site's URLs are made by appending paths"
	case u.Port() == "" && strings.HasSuffix(u.Host, ":"):
		return want + " with a port number after \":\" or none"
	}
	return ""
}

// stateCodes maps the ISO 3166-2 codes to the first two digits of the
// Amtlicher Gemeindeschlüssel.
var stateCodes = []struct{ code, ags string }{
	{"DE-SH", "01"}, {"DE-HH", "02"}, {"DE-NI", "03"}, {"DE-HB", "04"},
	{"DE-NW", "05"}, {"DE-HE", "06"}, {"DE-RP", "07"}, {"DE-BW", "08"},
	{"DE-BY", "09"}, {"DE-SL", "10"}, {"DE-BE", "11"}, {"DE-BB", "12"},
	{"DE-MV", "13"}, {"DE-SN", "14"}, {"DE-ST", "15"}, {"DE-TH", "16"},
}

func statesList() string {
	var b strings.Builder
	for i, st := range stateCodes {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(st.code)
	}
	return b.String()
}
