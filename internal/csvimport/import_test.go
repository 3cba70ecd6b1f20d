package csvimport_test

import (
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"maki/internal/csvimport"
	"maki/internal/export"
	"maki/internal/load"
	"maki/internal/register"
	"maki/internal/validate"
)

var now = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// copyContent copies the content directory src into a new temporary
// directory, leaving out systeme/ unless withSystems.
func copyContent(t *testing.T, src string, withSystems bool) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "content")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if !withSystems && (rel == "systeme" || strings.HasPrefix(rel, "systeme"+string(filepath.Separator))) {
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// systemsOf returns the systems of r as the export publishes them (the
// technical fields of restricted systems withheld), without their Meta.
func systemsOf(r *register.Register) map[string]register.System {
	m := map[string]register.System{}
	for _, s := range r.Systems {
		c := *export.Public(s)
		c.Meta = register.Meta{}
		m[s.ID] = c
	}
	return m
}

// TestRoundTripExampleContent exports the example content as
// daten/register.csv, imports it into a content directory without systems,
// and checks that every system comes back field for field, as far as the
// export publishes it, and passes check.
func TestRoundTripExampleContent(t *testing.T) {
	roundTrip(t, "../../content")
}

// roundTrip exports the content directory src as daten/register.csv (as it
// is, and resaved with semicolons), imports it into a copy of src without
// systems, and checks that every system comes back field for field.
func roundTrip(t *testing.T, src string) {
	orig, errs := load.Register(os.DirFS(src), "content")
	if len(orig.Systems) == 0 {
		t.Skip("no example content")
	}
	if errs := append(errs, validate.Register(orig, now)...).Errors(); len(errs) > 0 {
		t.Logf("example content has %d errors (mid-edit?); first: %v", len(errs), errs[0])
	}
	csv, err := export.RegisterCSV(orig, export.Config{BaseURL: "https://register.example.org/", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, sep := range []string{",", ";"} {
		t.Run("sep"+sep, func(t *testing.T) {
			data := csv
			if sep == ";" {
				// A spreadsheet in a German locale saves with semicolons and
				// without a BOM: the same data, reread and rewritten.
				data = resave(t, csv)
			}
			dir := copyContent(t, src, false)
			plan, err := csvimport.Prepare(csvimport.Config{File: "register.csv", Data: data, Content: os.DirFS(dir), Root: "content", Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if errs := plan.Errors.Errors(); len(errs) > 0 {
				t.Fatalf("import reports errors:\n%v", lines(errs))
			}
			if len(plan.Files) != len(orig.Systems) {
				t.Fatalf("plan has %d files; want %d", len(plan.Files), len(orig.Systems))
			}
			if _, err := plan.Write(dir); err != nil {
				t.Fatal(err)
			}
			back, errs := load.Register(os.DirFS(dir), "content")
			errs = append(errs, validate.Register(back, now)...)
			if errs := errs.Errors(); len(errs) > 0 {
				t.Errorf("imported content has errors:\n%v", lines(errs))
			}
			want, got := systemsOf(orig), systemsOf(back)
			for id, w := range want {
				dropCR(reflect.ValueOf(&w).Elem())
				want[id] = w
			}
			for id, w := range want {
				g, ok := got[id]
				if !ok {
					t.Errorf("system %s missing after import", id)
					continue
				}
				if !reflect.DeepEqual(w, g) {
					wv, gv := reflect.ValueOf(w), reflect.ValueOf(g)
					for i := 0; i < wv.NumField(); i++ {
						if !reflect.DeepEqual(wv.Field(i).Interface(), gv.Field(i).Interface()) {
							t.Errorf("%s: field %s = %#v; want %#v", id, wv.Type().Field(i).Name, gv.Field(i).Interface(), wv.Field(i).Interface())
						}
					}
				}
			}
		})
	}
}

func lines(l register.ErrorList) string {
	var b strings.Builder
	for _, e := range l {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

// base is a small content directory for the error tests.
func base(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	files := map[string]string{
		"site.yaml":                   "title: Test\nbase_url: https://r.example.org/\noperator:\n  name: Test\n  email: a@example.org\naccessibility_contact: a@example.org\n",
		"themen.yaml":                 "- id: buergerservice\n  label: Bürgerservice\n",
		"organisationen/stadt-a.yaml": "name: Stadt A\nlevel: kommune\nstate: DE-NW\nags: \"05315000\"\n",
		"systeme/vorhanden.yaml":      validYAML,
	}
	for _, p := range []string{"impressum", "datenschutz", "barrierefreiheit", "leichte-sprache"} {
		files["seiten/"+p+".md"] = "---\ntitle: " + p + "\nslug: " + p + "\n---\nText.\n"
	}
	for p, s := range files {
		f := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(f), 0o755)
		if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const validYAML = `name: Vorhanden
summary: Ein System.
organisation: stadt-a
status: pilot
start: "2024-01"
topics: [buergerservice]
techniques: [nlp]
users: staff
purpose: Zweck.
risk_class: minimal
personal_data: none
contact_email: ki@stadt-a.example.de
published: "2025-01-01"
updated: "2025-01-01"
`

const header = "id,name,name.en,summary,organisation,status,start,topics,techniques,users,purpose,risk_class,personal_data,contact_email,published,updated\n"

func TestImportErrorsAtRowAndColumn(t *testing.T) {
	dir := base(t)
	data := "\ufeff" + header +
		"chat-a,Chat A,,Ein Chat.,stadt-a,production,2024-03,buergerservice,nlp;generative_ai,public,Zweck.,minimal,none,ki@a.example.de,2025-01-01,2025-01-02\n" +
		"chat-b,Chat B,Chat B,Ein Chat.,stadt-x,prod,2024-03,buergerservice,nlp,public,Zweck.,minimal,none,ki@a.example.de,2025-01-01,2025-01-02\n" +
		"Chat_C,Chat C,,Ein Chat.,stadt-a,production,2024-03,buergerservice,nlp,public,Zweck.,minimal,none,ki@a.example.de,2025-01-01,2025-01-02\n" +
		"vorhanden,Neu,,Ein Chat.,stadt-a,production,2024-03,buergerservice,nlp,public,Zweck.,minimal,none,ki@a.example.de,2025-01-01,2025-01-02\n" +
		"chat-e,Chat E,,,stadt-a,production,,buergerservice,nlp,public,Zweck.,minimal,none,keine-mail,2025-01-01,2025-01-02\n"
	plan, err := csvimport.Prepare(csvimport.Config{File: "neu.csv", Data: []byte(data), Content: os.DirFS(dir), Root: "content", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	got := lines(plan.Errors)
	for _, want := range []string{
		`neu.csv:3:5: field "organisation": no such organisation "stadt-x"`,
		`neu.csv:3:6: field "status": unknown value "prod"`,
		`neu.csv:4:1: field "id": bad id "Chat_C"`,
		`neu.csv:5:1: field "id": system "vorhanden" exists (content/systeme/vorhanden.yaml); want a new id, or --force to replace it`,
		`neu.csv:6:4: field "summary": required`,
		`neu.csv:6:7: warning: field "start": not stated for status "production"; pages say "keine Angabe"`,
		`neu.csv:6:14: field "contact_email": got "keine-mail"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q; got\n%s", want, got)
		}
	}
	if strings.Contains(got, "neu.csv:2:") {
		t.Errorf("the valid row has errors:\n%s", got)
	}
	if len(plan.Files) != 0 {
		t.Errorf("plan writes %d files despite errors; want none", len(plan.Files))
	}

	// --partial keeps the valid row.
	plan, _ = csvimport.Prepare(csvimport.Config{File: "neu.csv", Data: []byte(data), Content: os.DirFS(dir), Root: "content", Now: now, Partial: true})
	if len(plan.Files) != 1 || plan.Files[0].ID != "chat-a" || plan.Rejected != 4 {
		t.Errorf("partial: files %v, rejected %d; want chat-a only and 4 rejected", plan.Files, plan.Rejected)
	}
	if _, err := plan.Write(dir); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "systeme", "chat-a.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "techniques:\n  - nlp\n  - generative_ai\n") || !strings.Contains(string(b), "start: 2024-03\n") {
		t.Errorf("chat-a.yaml:\n%s", b)
	}
}

func TestImportForceReplaces(t *testing.T) {
	dir := base(t)
	os.Rename(filepath.Join(dir, "systeme", "vorhanden.yaml"), filepath.Join(dir, "systeme", "vorhanden.md"))
	md := "---\n" + validYAML + "---\nBeschreibung.\n"
	os.WriteFile(filepath.Join(dir, "systeme", "vorhanden.md"), []byte(md), 0o644)
	data := strings.ReplaceAll(header, ",", ";") +
		"vorhanden;Neu;;Ein Chat.;stadt-a;production;2024-03;buergerservice;nlp;public;Zweck.;minimal;none;ki@a.example.de;2025-01-01;2025-01-02\n"
	plan, _ := csvimport.Prepare(csvimport.Config{File: "neu.csv", Data: []byte(data), Content: os.DirFS(dir), Root: "content", Now: now, Force: true})
	if errs := plan.Errors.Errors(); len(errs) > 0 {
		t.Fatalf("errors: %v", lines(errs))
	}
	if len(plan.Files) != 1 || plan.Files[0].Replaces != "systeme/vorhanden.md" {
		t.Fatalf("plan: %+v", plan.Files)
	}
	if _, err := plan.Write(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "systeme", "vorhanden.md")); err == nil {
		t.Error("vorhanden.md still exists; want it replaced by vorhanden.yaml")
	}
	r, errs := load.Register(os.DirFS(dir), "content")
	if errs := append(errs, validate.Register(r, now)...).Errors(); len(errs) > 0 {
		t.Errorf("after --force: %v", lines(errs))
	}
	if s := r.System("vorhanden"); s == nil || s.Name.De != "Neu" {
		t.Errorf("vorhanden not replaced: %+v", s)
	}
}

func TestImportHeaderErrors(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{"id,nmae,status\nabc,x,pilot\n", `x.csv:1:2: unknown column "nmae"; did you mean "name"?`},
		{"name,status\nx,pilot\n", `x.csv:1: no column "id"`},
		{"id,name,name_de\n", `x.csv:1:3: column "name_de" names the same field as column 2`},
		{"id,name\n\"abc,x\n", `x.csv:2:`},
		{"id;name\nab\xffc;x\n", `x.csv:2: invalid UTF-8`},
	} {
		plan, err := csvimport.Prepare(csvimport.Config{File: "x.csv", Data: []byte(tc.data), Root: "content", Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if got := lines(plan.Errors); !strings.Contains(got, tc.want) {
			t.Errorf("%q: errors\n%s\nlack %q", tc.data, got, tc.want)
		}
	}
}

func TestImportJSON(t *testing.T) {
	dir := base(t)
	data := `[
  {"id": "json-chat", "name": {"de": "Chat", "en": "Chat"}, "summary": "Ein Chat.", "organisation": {"id": "stadt-a", "name": {"de": "Stadt A"}},
   "status": "production", "start": "2024-03", "topics": [{"id": "buergerservice"}], "techniques": ["nlp"], "users": "public",
   "purpose": "Zweck.\n\nZweiter Absatz.\n", "risk_class": "minimal", "personal_data": "none", "contact_email": "ki@a.example.de",
   "published": "2025-01-01", "updated": "2025-01-02", "vendor": null, "models": [{"name": "M", "version": 3.1, "open_weights": false}],
   "page_url": {"de": "https://x/", "en": null}},
  {"id": "json-bad", "name": "Kaputt", "status": "prod"}
]`
	plan, _ := csvimport.Prepare(csvimport.Config{File: "neu.json", Data: []byte(data), Content: os.DirFS(dir), Root: "content", Now: now, Partial: true})
	got := lines(plan.Errors)
	if !strings.Contains(got, `neu.json:7:50: field "status": unknown value "prod"`) {
		t.Errorf("errors:\n%s", got)
	}
	if len(plan.Files) != 1 {
		t.Fatalf("files: %+v\nerrors: %s", plan.Files, got)
	}
	y := string(plan.Files[0].Data)
	for _, want := range []string{"organisation: stadt-a\n", "topics:\n  - buergerservice\n", "purpose:\n  de: |-\n    Zweck.\n\n    Zweiter Absatz.\n", "    version: '3.1'\n", "    open_weights: false\n"} {
		if !strings.Contains(y, want) {
			t.Errorf("json-chat.yaml lacks %q:\n%s", want, y)
		}
	}
}

// resave rereads a comma-separated file and writes it with semicolons and
// without a byte order mark, as a spreadsheet in a German locale does.
func resave(t *testing.T, data []byte) []byte {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma = ';'
	w.WriteAll(recs)
	return []byte(b.String())
}

// dropCR removes carriage returns from every string in v: register.csv
// cannot carry them (its line ends are CR LF, and readers fold CR LF in a
// cell to LF).
func dropCR(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(strings.ReplaceAll(v.String(), "\r", ""))
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				dropCR(v.Field(i))
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			dropCR(v.Index(i))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			dropCR(v.Elem())
		}
	}
}
