package load_test

import (
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"maki/internal/load"
	"maki/internal/markdown"
	"maki/internal/register"
	"maki/internal/validate"
)

// baseTree is the valid content tree the validate scenarios start from.
func baseTree(t testing.TB) fstest.MapFS {
	data, err := os.ReadFile("../validate/testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for _, f := range txtar.Parse(data).Files {
		if name, ok := strings.CutPrefix(f.Name, "content/"); ok {
			m[name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		}
	}
	return m
}

// FuzzLoad puts arbitrary bytes into one system file (.md or .yaml) of a
// valid content tree and runs load, validate and the Markdown check over
// it, and renders its Markdown. None of them may panic, and every problem
// must name a file.
func FuzzLoad(f *testing.F) {
	base := baseTree(f)
	f.Add(base["systeme/chatbot-buergeramt.yaml"].Data, false)
	f.Add(append([]byte("---\n"), append(base["systeme/chatbot-buergeramt.yaml"].Data, "---\n# Titel\n\n<b>x</b> [a](javascript:x)\n"...)...), true)
	for _, seed := range untrustedSeeds {
		f.Add([]byte(seed), strings.HasPrefix(seed, "---\n"))
	}
	md := markdown.New()
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte, isMD bool) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		name := "systeme/fuzz-system.yaml"
		if isMD {
			name = "systeme/fuzz-system.md"
		}
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
		reg, errs := load.Register(fsys, "content")
		errs = append(errs, validate.Register(reg, now)...)
		errs = append(errs, checkMarkdown(reg, md)...)
		for _, e := range errs {
			if e.Pos.File == "" {
				t.Errorf("error without a file: %v", e)
			}
			if e.Pos.Line < 0 || e.Pos.Col < 0 {
				t.Errorf("negative position: %v", e)
			}
			_ = e.Error()
		}
		controlReported := false
		for _, e := range errs {
			controlReported = controlReported || e.Pos.File == "content/"+name && e.Rule == "control-character"
		}
		for _, s := range reg.Systems {
			for _, f := range markdownFields(s) {
				_ = md.HTML(f, 1)
			}
			if s.ID != "fuzz-system" {
				continue
			}
			// Aliases cannot make the decoded entry larger than the budget
			// (max(256 KiB, 4 × the file's size)) plus a Markdown body.
			size, control := 0, false
			eachString(reflect.ValueOf(s).Elem(), func(v string) {
				size += len(v)
				control = control || strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f })
			})
			if limit := max(256<<10, 4*len(data)) + len(data); size > limit {
				t.Errorf("decoded strings add up to %d bytes from a %d-byte file; want at most %d", size, len(data), limit)
			}
			if control && !controlReported {
				t.Errorf("a control character was loaded without an error")
			}
		}
	})
}

// eachString calls fn with every string in v: fields, list items, map
// keys and values, through pointers and nested structs.
func eachString(v reflect.Value, fn func(string)) {
	switch v.Kind() {
	case reflect.String:
		fn(v.String())
	case reflect.Pointer:
		if !v.IsNil() {
			eachString(v.Elem(), fn)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).Name != "Meta" {
				eachString(v.Field(i), fn)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			eachString(v.Index(i), fn)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			eachString(it.Key(), fn)
			eachString(it.Value(), fn)
		}
	}
}

// untrustedSeeds are the attacks on decoding (issue 11): aliases at small
// scale, alias bombs, self-containing aliases, duplicate keys, several
// documents, control characters raw and escaped.
var untrustedSeeds = []string{
	"name: &n Anker\nsummary: *n\nassessments:\n  - &a {type: dpia, summary: x}\n  - *a\n  - *a\n",
	"name: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\nsummary: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\npurpose: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nrisks: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ntags: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nvendor: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
	"assessments: [&a {type: dpia, summary: " + strings.Repeat("Sehr gründlich geprüft. ", 40) + "}, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n",
	"topics: &t [buergerservice, *t, *t]\nname: &n {de: Ring, en: *n}\n",
	"*k : 1\n&k name: x\n",
	"name: {de: A, de: B}\nname: C\nassessments:\n  - {type: dpia, type: fria}\n",
	"---\nname: x\nstatus: pilot\nstatus: production\n--- {a: 1}\n---\nText\n\n---\n\nÜberschrift\n---\n",
	"name: x\n---\nname: y\n",
	"name: x\n...\nname: y\n",
	"name: \"A\\x01B\\e[31m\"\nsummary: {de: \"\\u0085\", en: \"x\\r\\n\"}\n\"k\\0\": v\n",
	"name: A\x01B\nsummary: \x1b[31m\n",
	"---\nname: x\n---\nText\x7f und \u0085 und \r allein\n",
	"name: \"Tab\\tund\\nZeile\"\nsummary: a\tb\n",
}

var systemFields = register.Fields(reflect.TypeOf(register.System{}))

func markdownFields(s *register.System) []string {
	var out []string
	v := reflect.ValueOf(s).Elem()
	for _, f := range systemFields {
		if f.Markdown {
			t := v.Field(f.Index).Interface().(register.Text)
			out = append(out, t.De, t.En)
		}
	}
	return out
}

// checkMarkdown does what build's Markdown check does: Check every
// Markdown field and map its positions into the file.
func checkMarkdown(reg *register.Register, md *markdown.Converter) register.ErrorList {
	var errs register.ErrorList
	for _, s := range reg.Systems {
		v := reflect.ValueOf(s).Elem()
		for _, f := range systemFields {
			if !f.Markdown {
				continue
			}
			t := v.Field(f.Index).Interface().(register.Text)
			for lang, src := range map[string]string{"de": t.De, "en": t.En} {
				for _, p := range md.Check(src) {
					errs.Add(s.TextPos(f.Key+"."+lang, p.Line, p.Col), f.Key, p.Rule, "%s", p.Msg)
				}
			}
		}
	}
	return errs
}

// TestFuzzSeeds makes sure the base tree loads (the fuzz target's premise).
func TestFuzzSeeds(t *testing.T) {
	reg, errs := load.Register(fs.FS(baseTree(t)), "content")
	if len(errs) > 0 || len(reg.Systems) != 1 {
		t.Fatalf("base tree: %d systems, errors %v", len(reg.Systems), errs)
	}
}
