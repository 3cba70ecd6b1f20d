package render

import (
	"html/template"
	"strings"
	"testing"
)

// TestHTMLEscapeMatchesHTMLTemplate: folded UI strings must be escaped
// exactly as html/template escapes a string in HTML text, in RCDATA
// (<title>) and in quoted attribute values, or folding would change output.
func TestHTMLEscapeMatchesHTMLTemplate(t *testing.T) {
	inputs := []string{
		"plain", "Bürgerinnen & Bürger", `"quoted" 'single'`, "a+b<c>d", "nul\x00byte",
		"<script>alert(1)</script>", "KI-Systeme A–Z", "%s Treffer", "&amp; already",
	}
	contexts := map[string]string{
		"text":  `<p>{{.}}</p>`,
		"title": `<title>{{.}}</title>`,
		"attr":  `<a title="{{.}}">x</a>`,
		"aria":  `<nav aria-label="{{.}}"></nav>`,
		"meta":  `<meta name="description" content="{{.}}">`,
	}
	for name, src := range contexts {
		tmpl := template.Must(template.New(name).Parse(src))
		pre, post, _ := strings.Cut(src, "{{.}}")
		for _, in := range inputs {
			var b strings.Builder
			if err := tmpl.Execute(&b, in); err != nil {
				t.Fatal(err)
			}
			if got, want := pre+htmlEscape(in)+post, b.String(); got != want {
				t.Errorf("%s: htmlEscape(%q) gives %q; html/template gives %q", name, in, got, want)
			}
		}
	}
}

func TestSafeURL(t *testing.T) {
	for in, want := range map[string]bool{
		"/register/systeme/": true, "/assets/css/kern.ec579acb88.css": true, "/en/": true,
		"/re gister/": false, "/a?b": false, "/ä/": false, `/a"b`: false,
	} {
		if got := safeURL.MatchString(in); got != want {
			t.Errorf("safeURL(%q) = %v; want %v", in, got, want)
		}
	}
}

func TestRelPath(t *testing.T) {
	for _, tc := range []struct{ dir, target, want string }{
		{"assets/css", "assets/fonts/a.woff2", "../fonts/a.woff2"},
		{"assets/css", "assets/css/x.css", "x.css"},
		{"assets", "assets/icons/f.svg", "icons/f.svg"},
	} {
		if got, _ := relPath(tc.dir, tc.target); got != tc.want {
			t.Errorf("relPath(%q, %q) = %q; want %q", tc.dir, tc.target, got, tc.want)
		}
	}
}
