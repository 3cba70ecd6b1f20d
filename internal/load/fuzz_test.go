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
		for _, s := range reg.Systems {
			for _, f := range markdownFields(s) {
				_ = md.HTML(f, 1)
			}
		}
	})
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
