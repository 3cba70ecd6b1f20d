// Command hugoprep turns a maki content tree into a Hugo site's content and
// i18n files, so that Hugo can build the same register for the benchmark
// in bench/run.sh. It runs before the timed part.
//
// It reads the tree with maki's own loader (so Hugo gets exactly the entries
// maki sees) and writes the idiomatic Hugo form of a bilingual site: one
// file per page and language (<name>.de.md, <name>.en.md), every text field
// already resolved to that language (German where there is no English), so
// that Hugo's templates stay as simple as a hand-written Hugo site's:
//
//	content/_index.<lang>.md, content/systeme/_index.<lang>.md
//	content/systeme/<id>.<lang>.md           JSON front matter (title, dates,
//	                                         taxonomies, params = every field),
//	                                         body = the description Markdown
//	content/organisationen/<id>/_index.<lang>.md   term page metadata
//	content/themen/<id>/_index.<lang>.md           term page metadata
//	content/<slug>.<lang>.md                 the static pages
//	i18n/<lang>.json                         maki's UI strings
//
// Usage: hugoprep -content DIR -theme DIR -out DIR
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"maki/internal/guard"
	"maki/internal/load"
	"maki/internal/register"
)

func main() {
	content := flag.String("content", "", "maki content directory")
	theme := flag.String("theme", "themes/default", "maki theme whose i18n strings the Hugo site uses")
	out := flag.String("out", "", "Hugo site directory to write content/ and i18n/ into")
	flag.Parse()
	if *content == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*content, *theme, *out); err != nil {
		fmt.Fprintln(os.Stderr, "hugoprep:", err)
		os.Exit(1)
	}
}

var langs = []string{"de", "en"}

func run(content, theme, out string) error {
	reg, errs := load.Register(guard.New(context.Background(), content, 0), "content")
	if err := errs.Err(); err != nil {
		return err
	}
	cat, errs := load.Catalog(guard.New(context.Background(), theme, guard.ThemeMax), theme)
	if err := errs.Err(); err != nil {
		return err
	}
	// maki's catalog as go-i18n messages with flat keys, so that maki's
	// nested keys such as assessment.other do not clash with plural forms.
	if err := os.MkdirAll(filepath.Join(out, "i18n"), 0o755); err != nil {
		return err
	}
	for lang, strs := range cat {
		m := map[string]map[string]string{}
		for k, v := range strs {
			m[k] = map[string]string{"other": v}
		}
		b, err := json.MarshalIndent(m, "", " ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, "i18n", lang+".json"), b, 0o644); err != nil {
			return err
		}
	}

	cdir := filepath.Join(out, "content")
	made := map[string]bool{}
	write := func(name, lang string, fm map[string]any, body string) error {
		p := filepath.Join(cdir, filepath.FromSlash(name)+"."+lang+".md")
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		b, err := json.MarshalIndent(fm, "", " ")
		if err != nil {
			return err
		}
		b = append(b, "\n\n"...)
		b = append(b, body...)
		return os.WriteFile(p, b, 0o644)
	}
	for _, lang := range langs {
		if err := write("_index", lang, map[string]any{"title": tx(reg.Site.Title, lang)}, ""); err != nil {
			return err
		}
		if err := write("systeme/_index", lang, map[string]any{"title": cat.T(lang, "list.title")}, ""); err != nil {
			return err
		}
		for _, o := range reg.Organisations {
			p := params(reflect.ValueOf(o).Elem(), lang)
			if err := write("organisationen/"+o.ID+"/_index", lang, map[string]any{"title": tx(o.Name, lang), "params": p}, ""); err != nil {
				return err
			}
		}
		for _, t := range reg.Topics {
			p := params(reflect.ValueOf(t).Elem(), lang)
			if err := write("themen/"+t.ID+"/_index", lang, map[string]any{"title": tx(t.Label, lang), "params": p}, ""); err != nil {
				return err
			}
		}
		for _, pg := range reg.Pages {
			fm := map[string]any{"title": tx(pg.Title, lang), "weight": pg.Weight}
			if pg.Menu != "" && pg.Menu != "none" {
				fm["menus"] = string(pg.Menu)
			}
			if err := write(pg.ID, lang, fm, tx(pg.Body, lang)); err != nil {
				return err
			}
		}
		for _, s := range reg.Systems {
			o := reg.Organisation(s.Organisation)
			p := params(reflect.ValueOf(s).Elem(), lang)
			delete(p, "description")
			if o != nil {
				p["org"] = params(reflect.ValueOf(o).Elem(), lang)
			}
			var partners []string
			for _, id := range s.Partners {
				if po := reg.Organisation(id); po != nil {
					partners = append(partners, tx(po.Name, lang))
				}
			}
			if partners != nil {
				p["partner_names"] = partners
			}
			var tl []string
			for _, id := range s.Topics {
				if t := reg.Topic(id); t != nil {
					tl = append(tl, tx(t.Label, lang))
				}
			}
			p["topic_labels"] = tl
			fm := map[string]any{
				"title":          tx(s.Name, lang),
				"date":           string(s.Published),
				"lastmod":        string(s.Updated),
				"params":         p,
				"organisationen": []string{s.Organisation},
				"themen":         s.Topics,
				"status":         []string{string(s.Status)},
				"risikoklassen":  []string{string(s.RiskClass)},
				"techniken":      s.Techniques,
			}
			if o != nil {
				fm["ebenen"] = []string{string(o.Level)}
				if o.State != "" {
					fm["laender"] = []string{strings.ToLower(o.State)}
				}
			}
			if err := write("systeme/"+s.ID, lang, fm, tx(s.Description, lang)); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(os.Stderr, "hugoprep: %d systems, %d organisations, %d pages, in %s\n", len(reg.Systems), len(reg.Organisations), len(reg.Pages), out)
	return nil
}

var textType = reflect.TypeOf(register.Text{})

// tx returns a text in lang, German where there is no English.
func tx(t register.Text, lang string) string {
	s, _ := t.In(lang)
	return s
}

// params returns the non-zero fields of a struct under their content keys
// (the yaml tags), texts resolved to lang.
func params(v reflect.Value, lang string) map[string]any {
	m := map[string]any{}
	t := v.Type()
	for i := range t.NumField() {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag == "" || tag == "-" || v.Field(i).IsZero() {
			continue
		}
		m[tag] = value(v.Field(i), lang)
	}
	return m
}

func value(v reflect.Value, lang string) any {
	switch {
	case v.Type() == textType:
		return tx(v.Interface().(register.Text), lang)
	case v.Kind() == reflect.Pointer:
		return value(v.Elem(), lang)
	case v.Kind() == reflect.Struct:
		return params(v, lang)
	case v.Kind() == reflect.Slice:
		s := make([]any, v.Len())
		for i := range s {
			s[i] = value(v.Index(i), lang)
		}
		return s
	case v.Kind() == reflect.String:
		return v.String()
	}
	return v.Interface()
}
