package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importEnv is a copy of the example content in a temporary directory,
// with the input files an import test writes beside it.
type importEnv struct {
	t   *testing.T
	dir string // holds content/ and the inputs
}

func newImportEnv(t *testing.T) *importEnv {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	return &importEnv{t: t, dir: dir}
}

// write writes an input file and returns its path.
func (e *importEnv) write(name, data string) string {
	e.t.Helper()
	p := filepath.Join(e.dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		e.t.Fatal(err)
	}
	return p
}

// maki runs maki with args (--content and --out pointing into the
// environment for import and check) and returns stdout, stderr with the
// environment's directory taken out of paths, and the exit status.
func (e *importEnv) maki(args ...string) (stdout, stderr string, code int) {
	e.t.Helper()
	switch args[0] {
	case "import":
		args = append(args, "--content", filepath.Join(e.dir, "content"))
	case "check":
		args = append(args, "--content", filepath.Join(e.dir, "content"), "--out", filepath.Join(e.dir, "public"))
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	var ex exitError
	switch {
	case err == nil:
	case errors.As(err, &ex):
		code = ex.code
	default:
		e.t.Fatalf("maki %v: %v", args, err)
	}
	clean := func(s string) string { return strings.ReplaceAll(s, filepath.ToSlash(e.dir)+"/", "") }
	return clean(out.String()), clean(errOut.String()), code
}

// files returns the content-relative paths of the organisation files.
func (e *importEnv) orgFiles() map[string]string {
	e.t.Helper()
	m := map[string]string{}
	ents, err := os.ReadDir(filepath.Join(e.dir, "content", "organisationen"))
	if err != nil {
		e.t.Fatal(err)
	}
	for _, d := range ents {
		b, _ := os.ReadFile(filepath.Join(e.dir, "content", "organisationen", d.Name()))
		m[d.Name()] = string(b)
	}
	return m
}

const orgsCSV = "id;name.de;name.en;short_name;level;state;ags;url;contact_email;parent\n" +
	"kreis-import;Kreis Import;Import District;KI;kommune;DE-NW;05154000;https://www.kreis-import.example.de/;ki@kreis-import.example.de;\n" +
	"gemeinde-import;Gemeinde Import;;;kommune;DE-NW;05154004;;;kreis-import\n"

const orgsJSON = `[
  {"id": "stadt-json", "name": {"de": "Stadt JSON", "en": "JSON City"}, "level": "kommune",
   "state": "DE-HE", "ags": "06411000", "parent": {"id": "landesamt-bodenmanagement-hessen"}},
  {"id": "amt-json", "name": "Amt JSON", "level": "land", "state": "DE-HE", "url": "https://amt.example.de/"}
]
`

// TestImportOrganisationsEndToEnd imports organisations from CSV and from
// JSON into a copy of the example content, then a system that names one of
// them, and checks that "maki check" is clean afterwards.
func TestImportOrganisationsEndToEnd(t *testing.T) {
	e := newImportEnv(t)
	if _, errOut, code := e.maki("check"); code != 0 {
		t.Skipf("the example content does not pass check (mid-edit?):\n%s", errOut)
	}

	// A system may name an organisation only once it exists.
	sysCSV := e.write("systeme.csv", "id,name,summary,organisation,status,start,topics,techniques,users,purpose,risk_class,personal_data,contact_email,published,updated\n"+
		"chat-import,Chat,Ein Chat.,kreis-import,pilot,2024-01,"+firstTopic(t)+",nlp,staff,Zweck.,minimal,none,ki@kreis-import.example.de,2025-01-01,2025-01-01\n")
	_, errOut, code := e.maki("import", sysCSV)
	if code != 1 || !strings.Contains(errOut, `systeme.csv:2:4: field "organisation": no such organisation "kreis-import"`) {
		t.Errorf("system before its organisation: exit %d\n%s", code, errOut)
	}

	out, errOut, code := e.maki("import", e.write("orgs.csv", orgsCSV), "--kind", "organisation")
	if code != 0 {
		t.Fatalf("import orgs.csv: exit %d\n%s", code, errOut)
	}
	if want := "wrote content/organisationen/kreis-import.yaml\nwrote content/organisationen/gemeinde-import.yaml\n"; out != want {
		t.Errorf("import orgs.csv wrote\n%s; want\n%s", out, want)
	}
	if !strings.HasSuffix(errOut, "maki import: wrote 2 organisations\n") {
		t.Errorf("import orgs.csv: stderr\n%s", errOut)
	}
	out, errOut, code = e.maki("import", "--kind", "organisation", e.write("orgs.json", orgsJSON))
	if code != 0 || out != "wrote content/organisationen/stadt-json.yaml\nwrote content/organisationen/amt-json.yaml\n" {
		t.Fatalf("import orgs.json: exit %d\n%s%s", code, out, errOut)
	}
	if out, errOut, code := e.maki("import", sysCSV); code != 0 {
		t.Errorf("system after its organisation: exit %d\n%s%s", code, out, errOut)
	}
	if out, errOut, code := e.maki("check"); code != 0 {
		t.Errorf("maki check after the imports: exit %d\n%s%s", code, out, errOut)
	}
	b, err := os.ReadFile(filepath.Join(e.dir, "content", "organisationen", "stadt-json.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "name:\n  de: Stadt JSON\n  en: JSON City\nlevel: kommune\nstate: DE-HE\nags: '06411000'\nparent: landesamt-bodenmanagement-hessen\n"; string(b) != want {
		t.Errorf("stadt-json.yaml:\n%s\nwant:\n%s", b, want)
	}
}

// firstTopic returns an id from the example content's themen.yaml.
func firstTopic(t *testing.T) string {
	b, err := os.ReadFile("../../content/themen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if id, ok := strings.CutPrefix(l, "- id: "); ok {
			return strings.Trim(strings.TrimSpace(id), `"'`)
		}
	}
	t.Fatal("no topic in themen.yaml")
	return ""
}

// TestImportOrganisationGuarantees runs one import per guarantee of
// "maki import --kind organisation" and checks what it reports and writes.
func TestImportOrganisationGuarantees(t *testing.T) {
	const head = "id,name,level,state\n"
	const good = "org-gut,Gut,land,DE-BY\n"
	for _, tc := range []struct {
		name, file, data string
		args             []string
		code             int
		stderr           []string // lines stderr must contain
		stdout           string
		written          []string // files that must exist afterwards
		unchanged        bool     // content/organisationen must be as before
	}{
		{
			name: "all or nothing", file: "o.csv", data: head + good + "org-schlecht,Schlecht,kreis,DE-BY\n",
			code: 1, unchanged: true,
			stderr: []string{`o.csv:3:3: field "level": unknown value "kreis"`, "maki import: 1 error, 0 warnings; errors in 1 of 2 rows; nothing written"},
		},
		{
			name: "partial", file: "o.csv", data: head + good + "org-schlecht,Schlecht,kreis,DE-BY\n", args: []string{"--partial"},
			code: 1, stdout: "wrote content/organisationen/org-gut.yaml\n", written: []string{"org-gut.yaml"},
			stderr: []string{`o.csv:3:3: field "level": unknown value "kreis"`, "maki import: 1 error, 0 warnings; errors in 1 of 2 rows; wrote 1 organisation"},
		},
		{
			name: "no overwrite", file: "o.csv", data: head + "stadt-musterstadt,Neu,kommune,DE-BY\n",
			code: 1, unchanged: true,
			stderr: []string{`o.csv:2:1: field "id": organisation "stadt-musterstadt" exists (content/organisationen/stadt-musterstadt.yaml); want a new id, or --force to replace it`},
		},
		{
			name: "force", file: "o.csv", data: "id,name,short_name,level,state,ags\nstadt-musterstadt,Stadt Musterstadt (neu),SM,kommune,DE-BY,09162000\n", args: []string{"--force"},
			stdout: "wrote content/organisationen/stadt-musterstadt.yaml (replaced)\n",
		},
		{
			name: "dry run", file: "o.csv", data: head + good, args: []string{"--dry-run"},
			unchanged: true, stdout: "would write content/organisationen/org-gut.yaml\n",
			stderr: []string{"maki import: would write 1 organisation"},
		},
		{
			name: "duplicate id", file: "o.csv", data: head + good + good,
			code: 1, unchanged: true,
			stderr: []string{`o.csv:3:1: field "id": "org-gut" is also the id of the row at line 2; want each id once`},
		},
		{
			name: "parent in the batch", file: "o.csv", data: "id,name,level,state,parent\norg-kind,Kind,land,DE-BY,org-fehlt\n",
			code: 1, unchanged: true,
			stderr: []string{`o.csv:2:5: field "parent": no such organisation "org-fehlt"`},
		},
		{
			name: "systems as organisations", file: "s.csv", data: "id,name,organisation,status\nchat,Chat,stadt-musterstadt,pilot\n",
			code: 1, unchanged: true,
			stderr: []string{`s.csv:1:3: column "organisation" is a field of systems, not of organisations: this looks like systems; want --kind system`},
		},
		{
			name: "json at the field", file: "o.json", data: "[\n  {\"id\": \"org-json\", \"name\": \"J\",\n   \"level\": \"land\", \"state\": \"DE-XY\"}\n]\n",
			code: 1, unchanged: true,
			stderr: []string{`o.json:3:30: field "state": got "DE-XY"`},
		},
		{
			name: "json key at the key", file: "o.json", data: "[{\"id\": \"org-json\", \"name\": {\"de\": \"J\", \"fr\": \"J\"}, \"level\": \"bund\"}]",
			code: 1, unchanged: true,
			stderr: []string{`o.json:1:41: field "name.fr": unknown language; want "de" or "en"`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newImportEnv(t)
			before := e.orgFiles()
			args := append([]string{"import", e.write(tc.file, tc.data), "--kind", "organisation"}, tc.args...)
			out, errOut, code := e.maki(args...)
			if code != tc.code {
				t.Errorf("exit %d; want %d\n%s", code, tc.code, errOut)
			}
			for _, want := range tc.stderr {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			if out != tc.stdout {
				t.Errorf("stdout\n%s; want\n%s", out, tc.stdout)
			}
			after := e.orgFiles()
			if tc.unchanged && len(after) != len(before) {
				t.Errorf("%d organisation files after; want the %d before", len(after), len(before))
			}
			for _, f := range tc.written {
				if _, ok := after[f]; !ok {
					t.Errorf("%s not written", f)
				}
			}
			for f, data := range before {
				if after[f] != data && (tc.unchanged || tc.name != "force") {
					t.Errorf("%s changed", f)
				}
			}
			if tc.name == "force" && !strings.Contains(after["stadt-musterstadt.yaml"], "Stadt Musterstadt (neu)") {
				t.Errorf("stadt-musterstadt.yaml not replaced:\n%s", after["stadt-musterstadt.yaml"])
			}
		})
	}
}

func TestImportUsage(t *testing.T) {
	for _, args := range [][]string{{"import"}, {"import", "x.csv", "--kind", "thing"}, {"import", "a.csv", "b.csv"}} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), args, &out, &errOut)
		var ex exitError
		if !errors.As(err, &ex) || ex.code != 2 {
			t.Errorf("maki %v: err = %v; want exit status 2", args, err)
		}
	}
}
