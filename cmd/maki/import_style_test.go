package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"maki/internal/register"
	"maki/internal/schema"
)

// editorStyle checks that the files maki import wrote (its "wrote …"
// lines in out, paths under the environment's content/) are in the web
// editor's style: node test/browser/canonical.js (the editor's rules with
// the editor's YAML library) finds nothing to change, and every text is a
// mapping with de/en, never a plain string. canonical.js needs node and
// test/browser/node_modules (npm ci there); without them that part is
// skipped, unless MAKI_REQUIRE_NODE=1 (scripts/test-all.sh).
func editorStyle(t *testing.T, e *importEnv, out string) {
	t.Helper()
	// The written files alone, in a content folder of their own: the
	// example content is checked by test/browser/editor.sh.
	dir := filepath.Join(t.TempDir(), "content")
	n := 0
	for _, line := range strings.Split(out, "\n") {
		rel, ok := strings.CutPrefix(line, "wrote content/")
		if !ok {
			continue
		}
		b, err := os.ReadFile(filepath.Join(e.dir, "content", rel))
		if err != nil {
			t.Fatal(err)
		}
		textsUnderDe(t, rel, b)
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, rel), b, 0o644); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n == 0 {
		t.Fatalf("no file written:\n%s", out)
	}
	browser, _ := filepath.Abs("../../test/browser")
	_, err := os.Stat(filepath.Join(browser, "node_modules", "yaml", "package.json"))
	if _, lerr := exec.LookPath("node"); err != nil || lerr != nil {
		if os.Getenv("MAKI_REQUIRE_NODE") == "1" {
			t.Fatal("node or test/browser/node_modules/yaml missing (npm ci in test/browser)")
		}
		t.Logf("canonical.js not run: node or test/browser/node_modules/yaml missing (npm ci in test/browser)")
		return
	}
	cfg, err := schema.Editor(schema.EditorConfig{Editor: register.Editor{Backend: "gitlab", Repo: "ki-register/inhalte"}})
	if err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(t.TempDir(), "config.yml")
	if err := os.WriteFile(cfgPath, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(browser, "canonical.js"), cfgPath, dir)
	cmd.Dir = browser
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("canonical.js on the %d files maki import wrote: %v\n%s", n, err, b)
		for _, line := range strings.Split(string(b), "\n") {
			if f, _, ok := strings.Cut(line, ": not in the editor's style"); ok {
				want := exec.Command("node", "-e", `const {canonical, files} = require('./canonical.js'); const YAML = require('yaml');
const cfg = YAML.parse(require('fs').readFileSync(process.argv[1], 'utf8'));
for (const f of files(cfg, process.argv[2])) if (f.file === process.argv[3]) process.stdout.write(canonical(require('fs').readFileSync(f.file, 'utf8'), f.fields, f.markdown));`, cfgPath, dir, f)
				want.Dir = browser
				w, _ := want.CombinedOutput()
				got, _ := os.ReadFile(f)
				t.Errorf("%s:\n%s\nthe editor writes:\n%s", f, got, w)
				break
			}
		}
	}
	t.Logf("canonical.js: %d files in the editor's style", n)
}

// textsUnderDe checks that every text of the system or organisation file
// rel (top level and in records) is a mapping, as the editor writes it.
func textsUnderDe(t *testing.T, rel string, data []byte) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	typ := reflect.TypeOf(register.System{})
	if strings.HasPrefix(rel, "organisationen/") {
		typ = reflect.TypeOf(register.Organisation{})
	}
	var walk func(n *yaml.Node, t reflect.Type, path string)
	texts := 0
	walk = func(n *yaml.Node, typ reflect.Type, path string) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, v := n.Content[i].Value, n.Content[i+1]
			for _, f := range register.Fields(typ) {
				if f.Key != key {
					continue
				}
				ft := f.Type
				for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
					ft = ft.Elem()
				}
				switch {
				case ft == register.TextType:
					texts++
					if v.Kind != yaml.MappingNode || len(v.Content) == 0 || v.Content[0].Value != "de" && v.Content[0].Value != "en" {
						t.Errorf("%s:%d: text %s%s is not under de:/en:", rel, v.Line, path, key)
					}
				case ft.Kind() == reflect.Struct && v.Kind == yaml.SequenceNode:
					for _, it := range v.Content {
						walk(it, ft, path+key+".")
					}
				case ft.Kind() == reflect.Struct:
					walk(v, ft, path+key+".")
				}
			}
		}
	}
	walk(doc.Content[0], typ, "")
	if texts == 0 {
		t.Errorf("%s: no text found", rel)
	}
}

// formulaYAML is a system whose values the export neutralises against
// formula injection (a "'" in front) and the import takes back, and
// values YAML quotes: the import writes them in the editor's style too.
const formulaYAML = `name:
  de: =HYPERLINK("http://x")
  en: '@SUM(1)'
summary:
  de: '+1'
  en: -x
description:
  de: "'quoted"
  en: "''double"
organisation: ORG
status: production
start: 2023-01
topics:
  - TOPIC
techniques:
  - optimisation
users: staff
purpose:
  de: |-
    =1+1
    zweite Zeile: mit # und "Anführungszeichen"

    - eine Liste
  en: '-'
risk_class: minimal
personal_data: none
models:
  - name: +M
    provider: "''p"
    version: '-1'
    open_weights: false
development: product
vendor: '- Stichpunkt'
hosting: saas
reuse: none
contact_email: ki@example.org
published: 2023-03-01
updated: 2025-03-18
tags:
  - -x
  - =1
  - "'=q"
  - '@a'
  - "'s-Hertogenbosch"
  - 'true'
  - '08111000'
`

// TestImportRoundTripEditorStyle exports the example content and a system
// of formula-like values (formulaYAML) as register.csv with maki export,
// imports it with maki import into a copy of the content without
// systems, and checks that the files are in the web editor's style
// (editorStyle), that the formula system comes back byte for byte, and
// that the content passes maki check.
func TestImportRoundTripEditorStyle(t *testing.T) {
	src := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(src, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	orgs, err := os.ReadDir(filepath.Join(src, "organisationen"))
	if err != nil || len(orgs) == 0 {
		t.Fatalf("no organisations: %v", err)
	}
	y := strings.NewReplacer("ORG", strings.TrimSuffix(orgs[0].Name(), ".yaml"), "TOPIC", firstTopic(t)).Replace(formulaYAML)
	if err := os.WriteFile(filepath.Join(src, "systeme", "formeln.yaml"), []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	csv, errOut, code := runMaki(t, "export", "csv", "--content", src)
	if code != 0 {
		t.Fatalf("export csv: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(csv, `'=HYPERLINK(""http://x"")`) {
		t.Errorf("register.csv lacks the neutralised cell '=HYPERLINK(\"http://x\")")
	}
	e := newImportEnv(t)
	if err := os.RemoveAll(filepath.Join(e.dir, "content", "systeme")); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := e.maki("import", e.write("register.csv", csv))
	if code != 0 {
		t.Fatalf("import register.csv: exit %d\n%s", code, errOut)
	}
	if n := strings.Count(out, "wrote content/systeme/"); n < 40 {
		t.Errorf("wrote %d systems; want every example system", n)
	}
	editorStyle(t, e, out)
	// register.csv holds every field of this system, so it comes back
	// byte for byte.
	got, err := os.ReadFile(filepath.Join(e.dir, "content", "systeme", "formeln.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != y {
		t.Errorf("formeln.yaml came back as\n%s\nwant\n%s", got, y)
	}
	if _, errOut, code := e.maki("check"); code != 0 {
		t.Errorf("check after the import: exit %d\n%s", code, errOut)
	}
}
