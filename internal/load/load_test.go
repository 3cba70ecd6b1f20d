package load

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"gopkg.in/yaml.v3"

	"maki/internal/corpus"
	"maki/internal/register"
)

func TestValidID(t *testing.T) {
	for _, tt := range []struct {
		id   string
		want bool
	}{
		{"abc", true},
		{"chatbot-buergeramt", true},
		{"a1-b2-c3", true},
		{"123", true},
		{strings.Repeat("a", 80), true},
		{"ab", false},
		{strings.Repeat("a", 81), false},
		{"", false},
		{"Chatbot", false},
		{"chat_bot", false},
		{"chat--bot", false},
		{"-chatbot", false},
		{"chatbot-", false},
		{"chat bot", false},
		{"bürgeramt", false},
		{"chat.bot", false},
		{"a-b", true},
	} {
		if got := ValidID(tt.id); got != tt.want {
			t.Errorf("ValidID(%q) = %v; want %v", tt.id, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"status", "status", 0},
		{"sumary", "summary", 1},
		{"stauts", "status", 2},
		{"kitten", "sitting", 3},
		{"größe", "grösse", 2},
		{"ä", "a", 1},
	} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d; want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	fields := register.Fields(reflect.TypeOf(register.System{}))
	for _, tt := range []struct{ key, want string }{
		{"sumary", "summary"},
		{"Status", "status"},
		{"STATUS", "status"},
		{"organization", "organisation"},
		{"contact_mail", "contact_email"},
		{"risk-class", "risk_class"},
		{"annex_3_area", "annex_iii_area"},
		{"techniqes", "techniques"},
		{"farbe", ""},
		{"x", ""},
		{"description_en", "description"},
		{"beschreibung", ""},
	} {
		if got := suggest(tt.key, fields); got != tt.want {
			t.Errorf("suggest(%q) = %q; want %q", tt.key, got, tt.want)
		}
	}
}

func TestYAMLErrorLine(t *testing.T) {
	for _, tt := range []struct {
		src      string
		wantLine int
	}{
		{"a: 1\nb: \"x\nc: 2\n", 2},           // scanner: unterminated quote, at its start
		{"a: 1\n\tb: 2\n", 2},                 // scanner: tab
		{"a: 1\nb: c: d\n", 2},                // scanner: mapping value
		{"a: 1\nb: 2\nc: [x\nd: 4\n", 3},      // parser: unclosed flow list, at its start
		{"name: x\nstatus: [pilot\n", 2},      // parser, context on line 2
		{"a: 1\n- x\n", 2},                    // parser: did not find expected key
		{"a: {b\n", 2},                        // parser, context on line 1: where the input ends
		{"- a\nb: 1\n", 2},                    // parser
		{"a:\n  - x\n  y: 1\n", 2},            // parser: the list that lacks its "-"
		{"key: value\n  other: 1\nz: 2\n", 2}, // scanner: mapping values not allowed
	} {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(tt.src), &n)
		if err == nil {
			t.Errorf("%q: no error", tt.src)
			continue
		}
		if line, msg := yamlErrorLine(err); line != tt.wantLine {
			t.Errorf("yamlErrorLine(%q) = %d (%s); want %d", err, line, msg, tt.wantLine)
		}
	}
	if line, msg := yamlErrorLine(errors.New("yaml: something")); line != 1 || msg != "something" {
		t.Errorf("yamlErrorLine without a line = %d, %q; want 1, \"something\"", line, msg)
	}
}

func TestNormalise(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    string // "" when an error is wanted
		wantErr string
	}{
		{"a: 1\n", "a: 1\n", ""},
		{"\ufeffa: 1\n", "a: 1\n", ""},
		{"a: 1\r\nb: 2\r\n", "a: 1\nb: 2\n", ""},
		{"\ufeffa: 1\r\n", "a: 1\n", ""},
		{"a: \xff\n", "", "f:1:4: invalid UTF-8; want the file saved as UTF-8"},
		{"a: 1\nbä: \xc3\n", "", "f:2:5: invalid UTF-8; want the file saved as UTF-8"},
		{"\ufeff\xfe", "", "f:1:1: invalid UTF-8; want the file saved as UTF-8"},
		{"", "", "f:1:1: file is empty; want a mapping of fields"},
		{"\ufeff \r\n\t\n", "", "f:1:1: file is empty; want a mapping of fields"},
	} {
		var errs register.ErrorList
		src, ok := normalise("f", []byte(tt.in), &errs)
		switch {
		case tt.wantErr == "" && (!ok || string(src.data) != tt.want):
			t.Errorf("normalise(%q) = %v, %v; want %q", tt.in, src, errs, tt.want)
		case tt.wantErr != "" && (ok || len(errs) != 1 || errs[0].Error() != tt.wantErr):
			t.Errorf("normalise(%q): errors %v; want %q", tt.in, errs, tt.wantErr)
		}
	}
}

func TestSplitFrontMatter(t *testing.T) {
	for _, tt := range []struct {
		in       string
		bodyLine int
		body     string
		wantErr  string
	}{
		{"---\na: 1\n---\nText\n", 4, "Text\n", ""},
		{"\n\n---\na: 1\n---\n\nText\n", 7, "Text\n", ""},
		{"---\na: 1\n---\n\n \n\tText\n\n", 6, "\tText\n\n", ""},
		{"---\na: 1\n---\n\n", 5, "", ""},
		{"---\na: 1\n---", 4, "", ""},
		{"---\n---\nText\n", 3, "Text\n", ""},
		{"---\na: 1\nText\n", 0, "", "f:1:1: front matter has no closing line; want a line \"---\" after the fields"},
		{"a: 1\n---\n", 0, "", "f:1:1: no front matter; want the file to start with a line \"---\", the YAML fields, and a closing line \"---\""},
		{"---\na: [\n---\n", 0, "", "f:3:1: invalid YAML: did not find expected node content"},
	} {
		var errs register.ErrorList
		_, body, bodyLine, ok := splitFrontMatter(&source{file: "f", data: []byte(tt.in)}, &errs)
		if tt.wantErr != "" {
			if ok || len(errs) != 1 || errs[0].Error() != tt.wantErr {
				t.Errorf("splitFrontMatter(%q): errors %v; want %q", tt.in, errs, tt.wantErr)
			}
			continue
		}
		if !ok || bodyLine != tt.bodyLine || string(body) != tt.body {
			t.Errorf("splitFrontMatter(%q) = body %q at line %d, ok %v, errors %v; want %q at line %d", tt.in, body, bodyLine, ok, errs, tt.body, tt.bodyLine)
		}
	}
}

// TestSite: Site reads site.yaml as Register does, with the same errors
// for it, and a missing site.yaml is the same error.
func TestSite(t *testing.T) {
	good := corpus.FS(3, 1)
	bad := corpus.FS(3, 1)
	bad["site.yaml"] = &fstest.MapFile{Data: append(append([]byte(nil), good["site.yaml"].Data...), "redirects:\n  alt: neu\nhistory:\n  authors: vielleicht\n"...)}
	missing := corpus.FS(3, 1)
	delete(missing, "site.yaml")
	for name, fsys := range map[string]fstest.MapFS{"good": good, "bad": bad, "missing": missing} {
		reg, regErrs := Register(fsys, "content")
		site, errs := Site(fsys, "content")
		if !reflect.DeepEqual(site, reg.Site) {
			t.Errorf("%s: Site = %+v; Register's site is %+v", name, site, reg.Site)
		}
		var want register.ErrorList
		for _, e := range regErrs {
			if e.Pos.File == "content/site.yaml" {
				want = append(want, e)
			}
		}
		if !reflect.DeepEqual(errs, want) {
			t.Errorf("%s: Site's errors %v; want Register's for site.yaml %v", name, errs, want)
		}
		if (name != "good") != (len(errs) > 0) {
			t.Errorf("%s: %d errors in site.yaml; want some only for a bad or missing one", name, len(errs))
		}
	}
}
