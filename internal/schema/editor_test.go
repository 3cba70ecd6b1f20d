package schema

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"maki/internal/register"
)

func editorConfig(t *testing.T) map[string]any {
	t.Helper()
	b, err := Editor(EditorConfig{
		Editor:  register.Editor{Backend: "gitlab", Repo: "ki-register/inhalte", APIRoot: "https://gitlab.opencode.de/api/v4", BaseURL: "https://gitlab.opencode.de", AppID: "abc"},
		Topics:  []*register.Topic{{ID: "buergerservice", Label: register.Text{De: "Bürgerservice"}}},
		SiteURL: "https://register.example.org/",
	})
	if err != nil {
		t.Fatal(err)
	}
	// The file is a comment header and JSON; JSON is YAML.
	body := string(b)
	for strings.HasPrefix(body, "#") {
		_, body, _ = strings.Cut(body, "\n")
	}
	var cfg map[string]any
	if err := json.Unmarshal([]byte(body), &cfg); err != nil {
		t.Fatalf("config is not JSON: %v", err)
	}
	return cfg
}

func collection(t *testing.T, cfg map[string]any, name string) map[string]any {
	t.Helper()
	for _, c := range cfg["collections"].([]any) {
		if c := c.(map[string]any); c["name"] == name {
			return c
		}
	}
	t.Fatalf("no collection %q", name)
	return nil
}

// TestEditorCoversSpec checks that every key of the field specification,
// nested keys included, is a form field with its German label, its
// required flag and, for enumerations, every value as an option with its
// German label: the forms cannot drift from the format.
func TestEditorCoversSpec(t *testing.T) {
	cfg := editorConfig(t)
	for _, c := range []struct {
		collection string
		typ        reflect.Type
		skip       string
	}{
		{"systeme", reflect.TypeOf(register.System{}), ""},
		{"systeme-md", reflect.TypeOf(register.System{}), "description"},
		{"organisationen", reflect.TypeOf(register.Organisation{}), ""},
	} {
		col := collection(t, cfg, c.collection)
		checkFields(t, c.collection, c.typ, col["fields"].([]any), c.skip)
	}
	md := collection(t, cfg, "systeme-md")
	if md["format"] != "yaml-frontmatter" || md["extension"] != "md" {
		t.Errorf("systeme-md: format %v, extension %v; want yaml-frontmatter, md", md["format"], md["extension"])
	}
}

func checkFields(t *testing.T, path string, typ reflect.Type, got []any, skip string) {
	t.Helper()
	byName := map[string]map[string]any{}
	var order []string
	for _, f := range got {
		f := f.(map[string]any)
		byName[f["name"].(string)] = f
		order = append(order, f["name"].(string))
	}
	var want []string
	for _, f := range register.Fields(typ) {
		if f.Key == skip {
			continue
		}
		want = append(want, f.Key)
		p := path + "." + f.Key
		ff, ok := byName[f.Key]
		if !ok {
			t.Errorf("%s: not in the editor config", p)
			continue
		}
		info, _ := Describe(typ.Name(), f.Key)
		if ff["label"] != info.Title || info.Title == "" {
			t.Errorf("%s: label %q; want %q", p, ff["label"], info.Title)
		}
		if ff["required"] != f.Required {
			t.Errorf("%s: required %v; want %v", p, ff["required"], f.Required)
		}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case ft == register.TextType:
			sub := ff["fields"].([]any)
			de, en := sub[0].(map[string]any), sub[1].(map[string]any)
			if de["name"] != "de" || en["name"] != "en" || de["required"] != f.Required || en["required"] != false {
				t.Errorf("%s: text fields %v, %v; want de (required %v), en (optional)", p, de, en, f.Required)
			}
			if f.Markdown && (de["widget"] != "markdown" || en["widget"] != "markdown") {
				t.Errorf("%s: widget %v; want markdown", p, de["widget"])
			}
		case f.Ref == "organisation":
			if ff["widget"] != "relation" || ff["collection"] != "organisationen" {
				t.Errorf("%s: widget %v to %v; want relation to organisationen", p, ff["widget"], ff["collection"])
			}
		case f.Ref == "topic":
			if ff["widget"] != "select" || len(ff["options"].([]any)) != 1 {
				t.Errorf("%s: widget %v with %v; want a select of the vocabulary", p, ff["widget"], ff["options"])
			}
		case len(f.Enum) > 0:
			et := ft
			if et.Kind() == reflect.Slice {
				et = et.Elem()
			}
			opts := ff["options"].([]any)
			if len(opts) != len(f.Enum) {
				t.Errorf("%s: %d options; want %d", p, len(opts), len(f.Enum))
				continue
			}
			for i, v := range f.Enum {
				o := opts[i].(map[string]any)
				if o["value"] != v || o["label"] != EnumLabel(et.Name(), v) || o["label"] == "" {
					t.Errorf("%s: option %d is %v; want %s (%s)", p, i, o, v, EnumLabel(et.Name(), v))
				}
			}
			if (ft.Kind() == reflect.Slice) != (ff["multiple"] == true) {
				t.Errorf("%s: multiple %v for a %s", p, ff["multiple"], ft.Kind())
			}
		case ft.Kind() == reflect.Struct:
			checkFields(t, p, ft, ff["fields"].([]any), "")
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			if ff["widget"] != "list" {
				t.Errorf("%s: widget %v; want list", p, ff["widget"])
			}
			checkFields(t, p, ft.Elem(), ff["fields"].([]any), "")
		case f.Format == "date":
			if ff["widget"] != "datetime" || ff["format"] != "YYYY-MM-DD" || ff["time_format"] != false {
				t.Errorf("%s: %v; want a date widget writing YYYY-MM-DD", p, ff)
			}
		case f.Format == "spdx":
			if ff["widget"] != "select" || len(ff["options"].([]any)) != len(register.SPDXLicenses()) {
				t.Errorf("%s: widget %v; want a select of the SPDX licences", p, ff["widget"])
			}
		case f.Format != "" && f.Format != "state":
			pat, _ := ff["pattern"].([]any)
			if len(pat) != 2 || pat[0] != formatPatterns[f.Format] {
				t.Errorf("%s: pattern %v; want %s", p, ff["pattern"], formatPatterns[f.Format])
			}
		}
	}
	// Form order is file order: what the editor writes keeps the keys in
	// the order "maki new" writes them.
	if skip == "description" {
		order = order[:len(order)-1] // the body comes last
	}
	if !reflect.DeepEqual(order, want) {
		t.Errorf("%s: fields %v; want %v", path, order, want)
	}
}

// TestEditorBackend checks the backend block for self-hosted GitLab with
// PKCE and merge requests.
func TestEditorBackend(t *testing.T) {
	cfg := editorConfig(t)
	b := cfg["backend"].(map[string]any)
	want := map[string]any{"name": "gitlab", "repo": "ki-register/inhalte", "branch": "main",
		"api_root": "https://gitlab.opencode.de/api/v4", "base_url": "https://gitlab.opencode.de",
		"app_id": "abc", "auth_type": "pkce"}
	for k, v := range want {
		if b[k] != v {
			t.Errorf("backend.%s = %v; want %v", k, b[k], v)
		}
	}
	if cfg["publish_mode"] != "editorial_workflow" {
		t.Errorf("publish_mode = %v; want editorial_workflow (merge requests)", cfg["publish_mode"])
	}
}

// TestEditorDeterministic checks equal input gives equal bytes.
func TestEditorDeterministic(t *testing.T) {
	c := EditorConfig{Editor: register.Editor{Backend: "github", Repo: "a/b"}}
	a, err := Editor(c)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Editor(c)
	if string(a) != string(b) {
		t.Error("two calls gave different bytes")
	}
}

// TestEditorOutputStyle checks the output options the canonical style of
// the content files rests on (docs/editor-web.md, test/browser/canonical.js),
// and that no field gives the editor a value to add on save: no field has
// a default, and yes/no keys are selects without one (Sveltia's boolean
// switch writes false into every file that lacks the key).
func TestEditorOutputStyle(t *testing.T) {
	cfg := editorConfig(t)
	out, _ := json.Marshal(cfg["output"])
	if want := `{"omit_empty_optional_fields":true,"yaml":{"indent_sequences":true,"indent_size":2,"quote":"none"}}`; string(out) != want {
		t.Errorf("output = %s; want %s", out, want)
	}
	var walk func(path string, fields []any)
	walk = func(path string, fields []any) {
		for _, f := range fields {
			f := f.(map[string]any)
			p := path + "." + f["name"].(string)
			if _, ok := f["default"]; ok {
				t.Errorf("%s: default %v; want none (the editor would write it into files that lack the key)", p, f["default"])
			}
			if f["widget"] == "boolean" {
				t.Errorf("%s: widget boolean; want a select of true and false", p)
			}
			if sub, ok := f["fields"].([]any); ok {
				walk(p, sub)
			}
		}
	}
	for _, c := range cfg["collections"].([]any) {
		c := c.(map[string]any)
		walk(c["name"].(string), c["fields"].([]any))
	}
	for _, p := range []string{"restricted"} {
		var f map[string]any
		for _, x := range collection(t, cfg, "systeme")["fields"].([]any) {
			if x.(map[string]any)["name"] == p {
				f = x.(map[string]any)
			}
		}
		opts, _ := json.Marshal(f["options"])
		if f["widget"] != "select" || f["required"] != false || string(opts) != `[{"label":"ja","value":true},{"label":"nein","value":false}]` {
			t.Errorf("restricted: %v %s; want an optional select of true (ja) and false (nein)", f["widget"], opts)
		}
	}
}
