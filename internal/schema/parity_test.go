package schema_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
	"gopkg.in/yaml.v3"

	"maki/internal/build"
	"maki/internal/register"
	"maki/internal/scenario"
	"maki/internal/schema"
)

var updateParity = flag.Bool("update", false, "update testdata/parity.golden")

// makiOnly lists the rules of "maki check" (register.Error.Rule) that the
// published JSON Schema cannot express, each with the reason. Every other
// rule that fails a system or organisation file must fail the schema too.
var makiOnly = map[string]string{
	"date-order":        "compares two values of one file (updated ≥ published, end ≥ start); JSON Schema draft-07 compares a value only with constants",
	"future":            "depends on the day of the check; the published schema is a static file and would flag a date of today until the next build",
	"review-due":        "depends on the day of the check (a warning)",
	"duplicate-id":      "compares files: two files with one id",
	"duplicate-ags":     "compares files: two organisations with one AGS",
	"cycle":             "follows references through other files (based_on, parent)",
	"id":                "the id is the file name, which the schema does not see",
	"file-name":         "the file name, which the schema does not see",
	"duplicate-key":     "the schema sees the parsed document, in which a repeated key is gone (editors' YAML parsers report it themselves)",
	"syntax":            "a file that is not YAML has no document to check (editors' YAML parsers report it themselves)",
	"encoding":          "the bytes of the file (UTF-8, BOM), which the schema does not see",
	"control-character": "control characters in any string: the schema would need a pattern on every string, including keys; maki reports them with their position",
	"front-matter":      "the Markdown file's layout around the front matter, which the schema does not see",
	"empty":             "an empty file or front matter: an editor has no document to check",
	"documents":         "several YAML documents in one file: the schema checks one",
	"link":              "Markdown links are checked against the pages the build makes",
	"image":             "Markdown images are checked against the pages the build makes",
	"raw-html-body":     "the body of a .md system is Markdown after the front matter; the schema sees only the front matter",
	"placeholder":       "placeholder text (TODO, lorem ipsum) is a judgement over free text, kept in one place in maki",
	"reserved":          "reserved ids depend on the site's page paths",
	"vocabulary":        "the topic vocabulary is themen.yaml, not a system or organisation file",
	"partner-owner":     "compares two values of one file (partners must not name the organisation); expressible only as one if/then per organisation, which the schema does not spend",
}

// schemaStricter lists what the schema refuses and "maki check" accepts,
// by the start of the schema's message, with the reason.
var schemaStricter = map[string]string{
	".ags: type": "an AGS written without quotes (ags: 06411000) is the number 6411000 in YAML 1.2, which editors use; " +
		"maki reads the text as written. The number has lost the leading zero and cannot be checked, so the schema wants the AGS quoted, as the docs write it",
}

// TestSchemaParity runs every validate scenario
// (../validate/testdata/scenarios/*.txtar over ../validate/testdata/base.txtar)
// and every testdata/parity/*.txtar through "maki check" (build.CheckFS:
// load, validate, Markdown) and through the schema that "maki build"
// publishes for that content (schema.SystemFor with the register's ids).
// For every system and organisation file:
//   - a file maki check passes must pass the schema (no false alarms in
//     editors);
//   - a file with an error of a rule not in makiOnly must fail the schema;
//   - the rules seen only by maki are written to testdata/parity.golden
//     with their reasons, so the list is reviewed when it changes.
func TestSchemaParity(t *testing.T) {
	base := readTxtar(t, "../validate/testdata/base.txtar")
	files, _ := filepath.Glob("../validate/testdata/scenarios/*.txtar")
	own, _ := filepath.Glob("testdata/parity/*.txtar")
	files = append(files, own...)
	if len(files) < 50 {
		t.Fatalf("only %d scenarios", len(files))
	}
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC) // as the validate scenarios
	var ajv ajvCases                                      // every document with the Go validator's verdict, for Ajv
	onlyMaki := map[string][]string{}                     // rule → scenario files
	caught := map[string]bool{}                           // rules caught by the schema at least once
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		fsys := overlayTxtar(base, readTxtar(t, file))
		sub, _ := fs.Sub(fsys, "content")
		reg, errs := build.CheckFS(sub, "content", now)
		v := schema.VocabularyOf(reg)
		sysSchema, err := schema.SystemFor(v)
		if err != nil {
			t.Fatal(err)
		}
		orgSchema, err := schema.OrganisationFor(v)
		if err != nil {
			t.Fatal(err)
		}
		byFile := map[string][]*register.Error{}
		for _, e := range errs.Errors() {
			byFile[e.Pos.File] = append(byFile[e.Pos.File], e)
		}
		err = fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			var sch []byte
			switch {
			case strings.HasPrefix(p, "content/systeme/") && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".md")):
				sch = sysSchema
			case strings.HasPrefix(p, "content/organisationen/") && strings.HasSuffix(p, ".yaml"):
				sch = orgSchema
			default:
				return nil
			}
			src, _ := fs.ReadFile(fsys, p)
			doc, ok := yamlDocument(p, src)
			var schemaErrs []string
			if ok {
				schemaErrs = validateJSON(mustUnmarshal(sch), doc, "")
				ajv.add(name+": "+p, sch, doc, len(schemaErrs) == 0)
			}
			makiErrs := byFile[p]
			if len(makiErrs) == 0 {
				for _, e := range schemaErrs {
					if !stricter(e) {
						t.Errorf("%s: %s: maki check passes it, the schema says %q", name, p, e)
					}
				}
				return nil
			}
			var expressible, missed []string
			for _, e := range makiErrs {
				rule := e.Rule
				if rule == "raw-html" && inBody(reg, e.Pos) {
					rule = "raw-html-body"
				}
				if _, only := makiOnly[rule]; only {
					onlyMaki[rule] = append(onlyMaki[rule], name)
					continue
				}
				expressible = append(expressible, e.Error())
				if covers(schemaErrs, e) {
					caught[rule] = true
				} else {
					missed = append(missed, e.Error()+" (rule "+rule+")")
				}
			}
			if len(missed) > 0 {
				t.Errorf("%s: %s: the schema does not report these errors of rules JSON Schema can express:\n\t%s\nschema: %q",
					name, p, strings.Join(missed, "\n\t"), schemaErrs)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	ajv.run(t)
	var b bytes.Buffer
	b.WriteString("# Rules of \"maki check\" that the published JSON Schema does not check, with the\n" +
		"# scenarios where a system or organisation file fails them, and why.\n" +
		"# Written by TestSchemaParity -update (internal/schema/parity_test.go).\n")
	var rules []string
	for r := range makiOnly {
		rules = append(rules, r)
	}
	slices.Sort(rules)
	for _, r := range rules {
		sc := slices.Compact(onlyMaki[r])
		seen := "no scenario"
		if len(sc) > 0 {
			seen = strings.Join(sc, ", ")
		}
		fmt.Fprintf(&b, "\n%s: %s\n\tseen in: %s\n", r, makiOnly[r], seen)
	}
	var both []string
	for r := range caught {
		both = append(both, r)
	}
	slices.Sort(both)
	fmt.Fprintf(&b, "\n# Rules the schema caught in the scenarios: %s\n", strings.Join(both, ", "))
	b.WriteString("\n# What the schema refuses and maki check accepts:\n")
	var strict []string
	for k := range schemaStricter {
		strict = append(strict, k)
	}
	slices.Sort(strict)
	for _, k := range strict {
		fmt.Fprintf(&b, "%s: %s\n", k, schemaStricter[k])
	}
	const golden = "testdata/parity.golden"
	if *updateParity {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("%s differs (go test ./internal/schema -run TestSchemaParity -update, then review):\n%s", golden, b.Bytes())
	}
}

// ajvCases collects documents with the Go validator's verdict, for Ajv.
type ajvCases struct {
	schemas []string
	Cases   []ajvCase `json:"cases"`
}

type ajvCase struct {
	Name   string `json:"name"`
	Schema int    `json:"schema"`
	Doc    any    `json:"doc"`
	Valid  bool   `json:"valid"`
}

func (a *ajvCases) add(name string, sch []byte, doc any, valid bool) {
	i := slices.Index(a.schemas, string(sch))
	if i < 0 {
		i = len(a.schemas)
		a.schemas = append(a.schemas, string(sch))
	}
	a.Cases = append(a.Cases, ajvCase{name, i, doc, valid})
}

// run checks every case with Ajv, a complete draft-07 validator with
// ECMAScript regular expressions, as editors use them: the verdicts must
// equal the Go validator's (so the patterns mean the same in both regex
// dialects). It needs node and the npm package ajv@8 in
// $MAKI_NODE_MODULES or ~/.cache/maki-ajv/node_modules (where
// internal/export/testdata/check-formats.sh installs it) and skips
// without them unless MAKI_REQUIRE_TOOLS is set.
func (a *ajvCases) run(t *testing.T) {
	t.Helper()
	node, err := exec.LookPath("node")
	mods := os.Getenv("MAKI_NODE_MODULES")
	if mods == "" {
		home, _ := os.UserHomeDir()
		mods = filepath.Join(home, ".cache", "maki-ajv")
	}
	mods = filepath.Join(mods, "node_modules")
	if _, serr := os.Stat(filepath.Join(mods, "ajv")); err != nil || serr != nil {
		if os.Getenv("MAKI_REQUIRE_TOOLS") != "" {
			t.Fatalf("node or ajv missing (%s); run internal/export/testdata/check-formats.sh", mods)
		}
		t.Logf("node or ajv missing (%s): the verdicts are not cross-checked with Ajv", mods)
		return
	}
	dir := t.TempDir()
	var schemas []json.RawMessage
	for _, s := range a.schemas {
		schemas = append(schemas, json.RawMessage(s))
	}
	data, err := json.Marshal(map[string]any{"schemas": schemas, "cases": a.Cases})
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "cases.json")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "testdata/ajv/parity.js", in)
	cmd.Env = append(os.Environ(), "NODE_PATH="+mods)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("Ajv disagrees with the Go validator: %v\n%s", err, out)
		return
	}
	t.Logf("%d schemas: %s", len(a.schemas), bytes.TrimSpace(out))
}

// covers reports whether one of the schema's errors is about e: at e's
// top-level key, or at the document's root (required keys, conditional
// rules, the document's type) naming the key or for such a rule.
func covers(schemaErrs []string, e *register.Error) bool {
	key, _, _ := strings.Cut(e.Field, ".")
	for _, se := range schemaErrs {
		path, msg, _ := strings.Cut(se, ": ")
		switch {
		case path == "."+key || strings.HasPrefix(path, "."+key+"."):
			return true
		case path == "" && (strings.Contains(msg, key) || e.Rule == "conditional" || e.Rule == "required" || e.Rule == "type"):
			return true
		}
	}
	return false
}

// inBody reports whether pos lies in the Markdown body of a .md system.
func inBody(reg *register.Register, pos register.Pos) bool {
	for _, s := range reg.Systems {
		if s.File == pos.File && s.BodyLine > 0 && pos.Line >= s.BodyLine {
			return true
		}
	}
	return false
}

func stricter(schemaErr string) bool {
	for prefix := range schemaStricter {
		if strings.HasPrefix(schemaErr, prefix) {
			return true
		}
	}
	return false
}

// yamlDocument returns the YAML document of a system or organisation file
// (the front matter of a .md file) as JSON values: the YAML 1.2 core schema
// read the way the yaml-language-server reads it. ok is false when the file
// holds no YAML document.
func yamlDocument(name string, src []byte) (doc any, ok bool) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	if strings.HasSuffix(name, ".md") {
		rest, found := bytes.CutPrefix(bytes.TrimLeft(src, "\n"), []byte("---\n"))
		if !found {
			return nil, false
		}
		fm, _, found := bytes.Cut(rest, []byte("\n---"))
		if !found {
			return nil, false
		}
		src = fm
	}
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil || len(n.Content) != 1 {
		return nil, false
	}
	return jsonValue(n.Content[0]), true
}

func jsonValue(n *yaml.Node) any {
	switch n.Kind {
	case yaml.AliasNode:
		return jsonValue(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = jsonValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		a := []any{}
		for _, c := range n.Content {
			a = append(a, jsonValue(c))
		}
		return a
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
	case "!!int", "!!float":
		if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil {
			return f
		}
	}
	return n.Value
}

func readTxtar(t *testing.T, file string) *txtar.Archive {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return txtar.Parse(data)
}

// overlayTxtar lays scenario a over base as the validate scenarios do
// (scenario.Overlay).
func overlayTxtar(base, a *txtar.Archive) fs.FS {
	fsys, _, err := scenario.Overlay(base, a)
	if err != nil {
		panic(err)
	}
	return fsys
}

// TestExampleContent checks the example content (content/ of the
// repository) against the schemas "maki build" publishes for it: every
// system and organisation file passes, and every .yaml system file starts
// with the yaml-language-server comment that names the published schema.
func TestExampleContent(t *testing.T) {
	root := filepath.Join("..", "..", "content")
	fsys := os.DirFS(root)
	reg, _ := build.CheckFS(fsys, "content", time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(reg.Systems) < 10 {
		t.Fatalf("only %d systems in %s", len(reg.Systems), root)
	}
	v := schema.VocabularyOf(reg)
	sysSchema, _ := schema.SystemFor(v)
	orgSchema, _ := schema.OrganisationFor(v)
	var ajv ajvCases
	for _, dir := range []struct {
		name string
		sch  []byte
	}{{"systeme", sysSchema}, {"organisationen", orgSchema}} {
		entries, err := fs.ReadDir(fsys, dir.name)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			p := dir.name + "/" + e.Name()
			src, err := fs.ReadFile(fsys, p)
			if err != nil {
				t.Fatal(err)
			}
			// The example files are in the web editor's style, which has
			// no comments (the editor drops them on save; the schema
			// modeline too): test/browser/canonical.js, docs/editor-web.md.
			head := string(src)
			if strings.HasSuffix(p, ".md") { // the front matter only
				head, _, _ = strings.Cut(strings.TrimPrefix(head, "---\n"), "\n---\n")
				head = "---\n" + head
			}
			for i, l := range strings.Split(head, "\n") {
				if strings.HasPrefix(l, "#") {
					t.Errorf("content/%s:%d: a comment line %q; want none (the web editor drops comments on save)", p, i+1, l)
					break
				}
			}
			doc, ok := yamlDocument(p, src)
			if !ok {
				t.Errorf("content/%s: no YAML document", p)
				continue
			}
			errs := validateJSON(mustUnmarshal(dir.sch), doc, "")
			if len(errs) > 0 {
				t.Errorf("content/%s: the published schema says %q", p, errs)
			}
			ajv.add("content/"+p, dir.sch, doc, len(errs) == 0)
		}
	}
	ajv.run(t)
}

// TestRawHTMLInMarkdown pins what the schema takes for raw HTML in a
// Markdown field, including where it is stricter than maki check (a tag
// in a code span) and what it leaves alone (autolinks, comparisons).
func TestRawHTMLInMarkdown(t *testing.T) {
	sch := mustUnmarshal(must(schema.System()))
	data, _ := os.ReadFile("testdata/systems/valid-minimal.json")
	for _, tt := range []struct {
		description any
		valid       bool
	}{
		{"Mit <b>fett</b>.", false},
		{"<div class=\"x\">Block</div>", false},
		{"Ein <br/> Umbruch", false},
		{"Kommentar <!-- versteckt -->", false},
		{"<?php echo 1; ?>", false},
		{"<!DOCTYPE html>", false},
		{map[string]any{"de": "Gut.", "en": "<script>alert(1)</script>"}, false},
		{"Code `<b>` in a code span (maki check allows it; the schema cannot parse Markdown)", false},
		{"Siehe <https://example.org/> und <mailto:ki@example.org>.", true},
		{"a < b und c > d, 3<4", true},
		{"Pfeil <- und ->", true},
		{42.0, true}, // a number as YAML and JSON give it
	} {
		var doc map[string]any
		json.Unmarshal(data, &doc)
		doc["description"] = tt.description
		errs := validateJSON(sch, doc, "")
		if got := len(errs) == 0; got != tt.valid {
			t.Errorf("description %q: schema says valid=%v; want %v (%q)", tt.description, got, tt.valid, errs)
		}
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
