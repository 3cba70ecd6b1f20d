package schema_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"maki/internal/load"
	"maki/internal/register"
	"maki/internal/schema"
	"maki/internal/validate"
)

// now is the build time of the tests: the fixtures' dates lie before it.
var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// baseContent returns testdata/content (site, topics, two organisations,
// the required pages) as a MapFS with paths relative to the content root.
func baseContent(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := "testdata/content"
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path.Join(root, p))
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// check runs load and validate, as "maki check" does, and returns the
// errors (not warnings) reported for file.
func check(fsys fs.FS, file string) register.ErrorList {
	r, errs := load.Register(fsys, "content")
	errs = append(errs, validate.Register(r, now)...)
	var out register.ErrorList
	for _, e := range errs.Errors() {
		if e.Pos.File == file {
			out = append(out, e)
		}
	}
	return out
}

// TestSchemaAgreesWithValidator proves that the JSON Schema and "maki
// check" give the same verdict for every fixture: each file under
// testdata/systems and testdata/organisations is JSON (which is YAML too),
// named valid-* or invalid-*, and holds problems only of the kinds a schema
// can express (no references to missing files, no date order).
func TestSchemaAgreesWithValidator(t *testing.T) {
	for _, kind := range []struct{ dir, contentDir, schema string }{
		{"testdata/systems", "systeme", "system"},
		{"testdata/organisations", "organisationen", "organisation"},
	} {
		sb, err := schema.ForKind(kind.schema)
		if err != nil {
			t.Fatal(err)
		}
		sch := mustUnmarshal(sb)
		entries, err := os.ReadDir(kind.dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) < 10 {
			t.Fatalf("%s: only %d fixtures", kind.dir, len(entries))
		}
		for _, e := range entries {
			name := strings.TrimSuffix(e.Name(), ".json")
			t.Run(kind.schema+"/"+name, func(t *testing.T) {
				data, err := os.ReadFile(path.Join(kind.dir, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				var doc any
				if err := json.Unmarshal(data, &doc); err != nil {
					t.Fatal(err)
				}
				schemaErrs := validateJSON(sch, doc, "")

				id := strings.TrimPrefix(strings.TrimPrefix(name, "valid-"), "invalid-")
				if len(id) < 3 {
					id += "-fixture"
				}
				fsys := baseContent(t)
				rel := kind.contentDir + "/" + id + ".yaml"
				fsys[rel] = &fstest.MapFile{Data: data}
				checkErrs := check(fsys, "content/"+rel)

				wantValid := strings.HasPrefix(name, "valid-")
				if got := len(schemaErrs) == 0; got != wantValid {
					t.Errorf("schema says valid=%v; want %v: %q", got, wantValid, schemaErrs)
				}
				if got := len(checkErrs) == 0; got != wantValid {
					t.Errorf("maki check says valid=%v; want %v:\n%v", got, wantValid, lines(checkErrs))
				}
			})
		}
	}
}

func lines(l register.ErrorList) string {
	var b strings.Builder
	for _, e := range l {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

// TestVocabulary checks that the ids of a register are the enumeration
// where a key refers to them (completions in editors), that an id outside
// it is flagged, as "maki check" flags it, and that without a vocabulary
// the schema holds no ids.
func TestVocabulary(t *testing.T) {
	v := schema.Vocabulary{Organisations: []string{"stadt-c", "stadt-b", "stadt-b"}, Topics: []string{"verkehr"}, Systems: []string{"sys-a"}}
	b, err := schema.SystemFor(v)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := schema.SystemFor(v)
	if string(b) != string(again) {
		t.Error("SystemFor is not deterministic")
	}
	sch := mustUnmarshal(b)
	props := sch["properties"].(map[string]any)
	enum := func(v any) string { b, _ := json.Marshal(v.(map[string]any)["enum"]); return string(b) }
	for _, tt := range []struct {
		key  string
		s    any
		want string
	}{
		{"organisation", props["organisation"], `["stadt-b","stadt-c"]`},
		{"partners", props["partners"].(map[string]any)["items"], `["stadt-b","stadt-c"]`},
		{"topics", props["topics"].(map[string]any)["items"], `["verkehr"]`},
		{"based_on", props["based_on"], `["sys-a",null]`},
	} {
		if got := enum(tt.s); got != tt.want {
			t.Errorf("%s enum = %s; want %s", tt.key, got, tt.want)
		}
	}
	data, _ := os.ReadFile("testdata/systems/valid-minimal.json")
	var doc map[string]any
	json.Unmarshal(data, &doc)
	if errs := validateJSON(sch, doc, ""); len(errs) != 2 {
		t.Errorf("unknown organisation and topic: schema errors %q; want 2", errs)
	}
	doc["organisation"], doc["topics"] = "stadt-b", []any{"verkehr"}
	if errs := validateJSON(sch, doc, ""); len(errs) > 0 {
		t.Errorf("ids from the vocabulary flagged: %q", errs)
	}
	ob, _ := schema.OrganisationFor(v)
	if p := mustUnmarshal(ob)["properties"].(map[string]any)["parent"]; enum(p) != `["stadt-b","stadt-c",null]` {
		t.Errorf("parent enum = %s", enum(p))
	}
	plain, _ := schema.System()
	if strings.Contains(string(plain), "stadt-b") || strings.Contains(string(plain), `"examples"`) {
		t.Error("System() names ids; want the vocabulary-free schema")
	}
}
