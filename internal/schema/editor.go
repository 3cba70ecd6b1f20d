package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"maki/internal/register"
)

// EditorConfig is what the web editor's configuration is made from: the
// site's editor settings and the topic vocabulary, whose ids the form
// offers with their German labels.
type EditorConfig struct {
	Editor register.Editor
	Topics []*register.Topic
	// SiteURL is the public address of the register (site.yaml base_url),
	// shown by the editor as the site's address.
	SiteURL string
}

// Editor returns the configuration of the web editor (Sveltia CMS,
// admin/config.yml) generated from the field specification: every key of
// System and Organisation, in declaration order, with its German label and
// help text, enumerations as selects with German labels, organisations as
// a relation to their files, topics as a select of the vocabulary, nested
// lists and objects, texts as {de, en} with German required where the key
// is, Markdown keys with the Markdown editor, and the string formats as
// patterns. The file is JSON, which is YAML too; equal input gives equal
// bytes.
func Editor(c EditorConfig) ([]byte, error) {
	e := c.Editor
	backend := eobj{"name": string(e.Backend), "repo": e.Repo}
	branch := e.Branch
	if branch == "" {
		branch = "main"
	}
	backend["branch"] = branch
	if e.APIRoot != "" {
		backend["api_root"] = e.APIRoot
	}
	if e.BaseURL != "" {
		backend["base_url"] = e.BaseURL
	}
	if e.AppID != "" {
		backend["app_id"] = e.AppID
		if e.Backend == "gitlab" {
			backend["auth_type"] = "pkce"
		}
	}
	// Commits and merge requests say what they are in German.
	backend["commit_messages"] = eobj{
		"create": "Neuer Eintrag {{collection}}: {{slug}}",
		"update": "Eintrag {{collection}} geändert: {{slug}}",
		"delete": "Eintrag {{collection}} gelöscht: {{slug}}",
	}

	topicOpts := make([]eobj, 0, len(c.Topics))
	for _, t := range c.Topics {
		label := t.Label.De
		if label == "" {
			label = t.ID
		}
		topicOpts = append(topicOpts, eobj{"label": label, "value": t.ID})
	}
	g := editorGen{topics: topicOpts}

	sysT := reflect.TypeOf(register.System{})
	orgT := reflect.TypeOf(register.Organisation{})
	systemFields := func(markdownFile bool) []eobj {
		var out []eobj
		for _, f := range register.Fields(sysT) {
			if markdownFile && f.Key == "description" {
				continue // the body below the front matter
			}
			out = append(out, g.field(sysT.Name(), f))
		}
		if markdownFile {
			info, _ := Describe(sysT.Name(), "description")
			out = append(out, eobj{"name": "body", "label": info.Title, "widget": "markdown",
				"required": false, "hint": "Ausführliche Beschreibung auf Deutsch in Markdown; steht in der Datei unter dem Front Matter.",
				"editor_components": []string{}, "buttons": markdownButtons})
		}
		return out
	}
	var orgFields []eobj
	for _, f := range register.Fields(orgT) {
		orgFields = append(orgFields, g.field(orgT.Name(), f))
	}
	if g.err != nil {
		return nil, g.err
	}
	slug := func(example string) eobj {
		return eobj{"editable": true,
			"hint": "Kennung = Dateiname ohne Endung: Kleinbuchstaben, Ziffern und Bindestriche, etwa " + example + "."}
	}
	cfg := eobj{
		"backend":      backend,
		"publish_mode": "editorial_workflow",
		"site_url":     c.SiteURL,
		// Sveltia refuses a configuration without a media folder ("The
		// media folder is not defined"); no field of the format takes a
		// file, so nothing is uploaded there.
		"media_folder": "content/medien",
		"slug":         eobj{"encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-"},
		"output": eobj{
			"omit_empty_optional_fields": true,
			"yaml":                       eobj{"indent_size": 2, "indent_sequences": true, "quote": "none"},
		},
		"collections": []eobj{
			{
				"name": "systeme", "label": "KI-Systeme", "label_singular": "KI-System",
				"description": "Ein KI-System pro Datei content/systeme/KENNUNG.yaml.",
				"folder":      "content/systeme", "extension": "yaml", "format": "yaml",
				"create": true, "delete": false, "identifier_field": "name.de",
				"summary": "{{name.de}}", "slug": slug("buergeramt-chatbot"),
				"fields": systemFields(false),
			},
			{
				"name": "systeme-md", "label": "KI-Systeme (Markdown-Dateien)", "label_singular": "KI-System (Markdown)",
				"description": "KI-Systeme in Dateien content/systeme/KENNUNG.md: Front Matter und die Beschreibung als Textteil. Neue Einträge legen Sie unter „KI-Systeme“ an.",
				"folder":      "content/systeme", "extension": "md", "format": "yaml-frontmatter",
				"create": false, "delete": false, "identifier_field": "name.de",
				"summary": "{{name.de}}",
				"fields":  systemFields(true),
			},
			{
				"name": "organisationen", "label": "Organisationen", "label_singular": "Organisation",
				"description": "Eine Behörde pro Datei content/organisationen/KENNUNG.yaml.",
				"folder":      "content/organisationen", "extension": "yaml", "format": "yaml",
				"create": true, "delete": false, "identifier_field": "name.de",
				"summary": "{{name.de}}", "slug": slug("stadt-musterstadt"),
				"fields": orgFields,
			},
		},
	}
	var b bytes.Buffer
	b.WriteString("# Konfiguration des Web-Editors (Sveltia CMS), von maki build aus der\n")
	b.WriteString("# Feldspezifikation erzeugt. Nicht von Hand ändern: docs/editor-web.md.\n")
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(cfg); err != nil {
		return nil, fmt.Errorf("editor config: %w", err)
	}
	return b.Bytes(), nil
}

// eobj is a JSON object; encoding/json writes its keys sorted.
type eobj = map[string]any

// markdownButtons are the Markdown toolbar buttons offered: what maki's
// Markdown rules allow (no images, no raw HTML).
var markdownButtons = []string{"bold", "italic", "link", "heading-three", "heading-four", "bulleted-list", "numbered-list", "quote"}

type editorGen struct {
	topics []eobj
	err    error
}

// field returns the form field of key f of the struct named typ.
func (g *editorGen) field(typ string, f register.Field) eobj {
	info, ok := Describe(typ, f.Key)
	if !ok && g.err == nil {
		g.err = fmt.Errorf("editor config: field %q of %s has no German label (schema/descriptions.go)", f.Key, typ)
	}
	label := info.Title
	if label == "" {
		label = f.Key
	}
	o := eobj{"name": f.Key, "label": label, "required": f.Required}
	if hint := editorHint(info, f); hint != "" {
		o["hint"] = hintText(hint)
	}
	t := f.Type
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == register.TextType:
		g.text(o, f)
	case f.Ref == "organisation":
		o["widget"] = "relation"
		o["collection"] = "organisationen"
		o["value_field"] = "{{slug}}"
		o["search_fields"] = []string{"name.de", "short_name"}
		o["display_fields"] = []string{"{{name.de}} ({{slug}})"}
		if t.Kind() == reflect.Slice {
			o["multiple"] = true
		}
	case f.Ref == "topic":
		o["widget"] = "select"
		o["options"] = g.topics
		o["multiple"] = t.Kind() == reflect.Slice
		if f.Min > 0 {
			o["min"] = f.Min
		}
	case f.Ref == "system":
		// A relation to systems would cover .yaml files only (a relation
		// names one collection); the id is typed and maki check tests it.
		o["widget"] = "string"
		o["pattern"] = []string{idPattern, "Kennung eines Systems: Kleinbuchstaben, Ziffern, Bindestriche"}
	case len(f.Enum) > 0:
		et := t
		if et.Kind() == reflect.Slice {
			et = et.Elem()
		}
		opts := make([]eobj, 0, len(f.Enum))
		for _, v := range f.Enum {
			l := EnumLabel(et.Name(), v)
			if l == "" {
				l = v
			}
			opts = append(opts, eobj{"label": l, "value": v})
		}
		o["widget"] = "select"
		o["options"] = opts
		if t.Kind() == reflect.Slice {
			o["multiple"] = true
			if f.Min > 0 {
				o["min"] = f.Min
			}
		}
	case f.Format == "state":
		opts := make([]eobj, 0, len(register.States))
		for _, s := range register.States {
			opts = append(opts, eobj{"label": s, "value": s})
		}
		o["widget"] = "select"
		o["options"] = opts
	case t.Kind() == reflect.Struct:
		o["widget"] = "object"
		o["collapsed"] = false
		o["fields"] = g.fields(t)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct:
		o["widget"] = "list"
		o["collapsed"] = false
		o["add_to_top"] = false
		o["label_singular"] = label
		o["fields"] = g.fields(t.Elem())
		if f.Min > 0 {
			o["min"] = f.Min
		}
	case t.Kind() == reflect.Slice:
		o["widget"] = "list"
		if f.Max > 0 {
			o["hint"] = strings.TrimSpace(fmt.Sprint(o["hint"]) + " Mehrere Werte durch Komma trennen.")
		}
	case t.Kind() == reflect.Bool:
		// Not the boolean widget: its switch writes "false" into every
		// file that lacks the key, so saving an untouched entry would
		// add a line. A select with true and false leaves an absent key
		// absent (omit_empty_optional_fields).
		o["widget"] = "select"
		o["options"] = []eobj{{"label": "ja", "value": true}, {"label": "nein", "value": false}}
	case t.Kind() == reflect.Int:
		o["widget"] = "number"
		o["value_type"] = "int"
		if f.Min > 0 {
			o["min"] = f.Min
		}
		if f.MaxVal > 0 {
			o["max"] = f.MaxVal
		}
	case f.Format == "spdx":
		// The SPDX list the check and the JSON Schema use, as a select:
		// nothing else would pass "maki check".
		o["widget"] = "select"
		o["options"] = register.SPDXLicenses()
	case f.Format == "date":
		o["widget"] = "datetime"
		o["format"] = "YYYY-MM-DD"
		o["date_format"] = "YYYY-MM-DD"
		o["time_format"] = false
		o["picker_utc"] = true
	default:
		o["widget"] = "string"
		if f.Max > 0 {
			o["maxlength"] = f.Max
		}
		if p, ok := formatPatterns[f.Format]; ok {
			o["pattern"] = []string{p, formatMessage[f.Format]}
		}
		if f.Format == "email" {
			o["type"] = "email"
		} else if f.Format == "https" || f.Format == "url" {
			o["type"] = "url"
		}
	}
	return o
}

// fields returns the form fields of the struct type t.
func (g *editorGen) fields(t reflect.Type) []eobj {
	var out []eobj
	for _, f := range register.Fields(t) {
		out = append(out, g.field(t.Name(), f))
	}
	return out
}

// text makes o a {de, en} object: German required where the key is,
// English always optional.
func (g *editorGen) text(o eobj, f register.Field) {
	widget := "text"
	switch {
	case f.Markdown:
		widget = "markdown"
	case f.Max > 0 && f.Max <= 300:
		widget = "string"
	}
	lang := func(code string, required bool) eobj {
		info, _ := Describe("Text", code)
		l := eobj{"name": code, "label": info.Title, "widget": widget, "required": required}
		if code == "en" {
			l["hint"] = hintText(info.Description)
		}
		if f.Max > 0 {
			l["maxlength"] = f.Max
		}
		if widget == "markdown" {
			l["editor_components"] = []string{}
			l["buttons"] = markdownButtons
		}
		if f.Key == "summary" && !f.Markdown {
			// The validator's rule: a summary is plain text.
			l["pattern"] = []string{`^(?![\s\S]*(\*\*|__|\]\(|^#{1,6} |` + "`" + `|<[a-zA-Z/!]))`, "ohne Markdown und HTML"}
		}
		return l
	}
	o["widget"] = "object"
	o["collapsed"] = false
	o["fields"] = []eobj{lang("de", f.Required), lang("en", false)}
}

// formatMessage is the German message of a format pattern in the form.
var formatMessage = map[string]string{
	"month": "Monat im Format JJJJ-MM, etwa 2025-03",
	"date":  "Tag im Format JJJJ-MM-TT",
	"https": "eine Adresse, die mit https:// beginnt",
	"url":   "eine Adresse, die mit http:// oder https:// beginnt",
	"email": "eine E-Mail-Adresse, etwa ki@musterstadt.de",
	"ags":   "acht Ziffern",
	"spdx":  "eine SPDX-Kennung, etwa EUPL-1.2",
}

// hintText escapes what the editor's hint, which it renders as Markdown,
// would take for HTML ("content/organisationen/<kennung>.yaml").
func hintText(s string) string { return strings.ReplaceAll(s, "<", `\<`) }

// editorHint is the help text under a form field: the description, and
// for a conditional key when it becomes required.
func editorHint(info Field, f register.Field) string {
	h := info.Description
	if cond, ok := conditional[f.Key]; ok && !f.Required && !strings.Contains(strings.ToLower(h), strings.ToLower(cond)) {
		h = strings.TrimSpace(h + " (" + cond + ")")
	}
	return h
}
