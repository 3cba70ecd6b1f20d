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

// TestVocabulary checks that the ids of a register are offered as examples
// where a key refers to them, and that they restrict nothing.
func TestVocabulary(t *testing.T) {
	v := schema.Vocabulary{Organisations: []string{"stadt-b", "stadt-a", "stadt-a"}, Topics: []string{"verkehr"}, Systems: []string{"sys-a"}}
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
	ex := func(v any) string { b, _ := json.Marshal(v.(map[string]any)["examples"]); return string(b) }
	if got := ex(props["organisation"]); got != `["stadt-a","stadt-b"]` {
		t.Errorf("organisation examples = %s", got)
	}
	if got := ex(props["partners"].(map[string]any)["items"]); got != `["stadt-a","stadt-b"]` {
		t.Errorf("partners examples = %s", got)
	}
	if got := ex(props["topics"].(map[string]any)["items"]); got != `["verkehr"]` {
		t.Errorf("topics examples = %s", got)
	}
	if got := ex(props["based_on"]); got != `["sys-a"]` {
		t.Errorf("based_on examples = %s", got)
	}
	data, _ := os.ReadFile("testdata/systems/valid-minimal.json")
	var doc any
	json.Unmarshal(data, &doc)
	if errs := validateJSON(sch, doc, ""); len(errs) > 0 {
		t.Errorf("an id outside the vocabulary is flagged: %q", errs)
	}
	plain, _ := schema.System()
	if strings.Contains(string(plain), "examples") {
		t.Error("System() has examples; want the vocabulary-free schema")
	}
}
