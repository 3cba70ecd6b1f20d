package csvimport

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"maki/internal/load"
	"maki/internal/register"
)

// FuzzRenderYAML checks that whatever string a cell holds, the YAML the
// import writes reads back as exactly that string, as a text (plain or
// literal block; a Markdown text without the blanks at its end), as a
// plain string field and as a list item.
func FuzzRenderYAML(f *testing.F) {
	for _, s := range []string{
		"Bürgerchat", "a: b", "# nein", "- x", "x #y", "'q'", `"q"`, "true", "null", "2024-03", "05315000",
		"https://example.de/a#b", "ki@example.de", "Zeile 1\nZeile 2\n", "Zeile\n\n\nmehr\n\n", "  eingerückt\nx",
		"x\n  tiefer\n", "a\tb", "\\;", "[x]", "{x}", "*anker", "&anker", "!tag", "%x", "@x", "`x`", "|", ">", "? x",
		"x\r\ny", "\u2028", "\ufeff", "ende \n", "a\n \n b", "", " ", "~", "0x1F", ".5", "-", "--- x", "...",
		"\tTab\nzwei", "\n\tTab", " \n", "\n \n", " \t\n", " eins\nzwei", "x\n---\ny", "1_000", "0b1", "yes",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f }) {
			return // the loader rejects invalid UTF-8 and control characters (other than TAB and LF) in any text
		}
		v := Values{"purpose": s, "vendor": s, "tags": []any{s, "b"}}
		data := renderYAML(systemType, v)
		r, errs := load.Register(fstest.MapFS{"systeme/abc.yaml": {Data: data}}, "content")
		if len(r.Systems) != 1 {
			t.Fatalf("%q: no system loaded from\n%s\nerrors: %v", s, data, errs)
		}
		for _, e := range errs {
			if e.Pos.File == "content/systeme/abc.yaml" && e.Rule != "required" {
				t.Fatalf("%q: load error %v in\n%s", s, e, data)
			}
		}
		sys := r.Systems[0]
		if s == "" {
			return
		}
		// A text's final line breaks are not part of it (load.textValue);
		// a Markdown text loses all blanks at its end, as in the web
		// editor (renderYAML).
		if want := strings.TrimRightFunc(s, jsSpace); sys.Purpose.De != want {
			t.Errorf("purpose %q came back as %q from\n%s; want %q", s, sys.Purpose.De, data, want)
		}
		if sys.Vendor != s {
			t.Errorf("vendor %q came back as %q from\n%s", s, sys.Vendor, data)
		}
		if len(sys.Tags) != 2 || sys.Tags[0] != s {
			t.Errorf("tag %q came back as %q from\n%s", s, sys.Tags, data)
		}
	})
}

// FuzzRead checks that no input makes the readers panic, for systems and
// for organisations, that every row they return renders to YAML the loader
// reads without a syntax error, and that every position they give for a
// JSON row lies inside the input.
func FuzzRead(f *testing.F) {
	f.Add([]byte("id,name,topics,assessments.type,eu_database.url\nabc,x,a;b,fria;dpia,https://e.eu/\n"))
	f.Add([]byte("\ufeffid;name.de;name.en\nabc;\"x;y\";z\n"))
	f.Add([]byte(`[{"id": "abc", "name": {"de": "x"}, "organisation": {"id": "o"}, "annex_iii_area": 3}]`))
	f.Add([]byte(`{"systems": [{"id": "abc", "topics": [{"id": "t"}], "models": [{"version": 1.5}]}]}`))
	f.Add([]byte("id,name,name.en,short_name,level,state,ags,url,contact_email,parent\nstadt-a,Stadt A,City A,SA,kommune,DE-NW,05315000,https://a.example.de/,ki@a.example.de,land-nrw\n"))
	f.Add([]byte("[\n  {\"id\": \"stadt-a\", \"name\": {\"de\": \"Stadt Ä\", \"en\": null}, \"level\": \"kommune\",\n   \"parent\": {\"id\": \"land\"}, \"ags\": 5315000, \"level\": \"land\"}\n]"))
	f.Add([]byte(`{"organisations": [{"id": "abc", "name": "x", "level": "bund"}], "systems": []}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, k := range []Kind{KindSystem, KindOrganisation} {
			for _, read := range []func(Kind, string, []byte) ([]*Row, register.ErrorList){ReadCSV, ReadJSON} {
				rows, _ := read(k, "f", data)
				for _, row := range rows {
					y := renderYAML(k.typ(), row.Values)
					_, errs := load.Register(fstest.MapFS{k.dir() + "/abc.yaml": {Data: y}}, "content")
					for _, e := range errs {
						if e.Rule == "syntax" {
							t.Fatalf("row %v renders to YAML with a syntax error %v:\n%s", row.Values, e, y)
						}
					}
					lines := 1 + strings.Count(string(data), "\n")
					for p, pos := range row.pos {
						if pos.Line < 1 || pos.Line > lines || pos.Col < 1 {
							t.Fatalf("field %s at %v; want a position inside the %d lines of the input", p, pos, lines)
						}
					}
				}
			}
		}
	})
}
