package schema

import (
	"fmt"
	"reflect"
	"strings"

	"maki/internal/register"
)

// SkeletonConfig says what "maki new" writes.
type SkeletonConfig struct {
	ID           string // the new system's id (file name without extension)
	Organisation string // owning organisation's id, or "" to leave it open
	Today        string // YYYY-MM-DD, for published and updated
	Markdown     bool   // write a .md file: front matter plus a Markdown body for the description
	SchemaPath   string // path of entry.schema.json relative to the new file, or "" for none
}

// conditional explains when a key that is not always required becomes so.
// Such keys are written uncommented but empty when they are needed often
// (start, contact_email), otherwise commented out like every optional key.
var conditional = map[string]string{
	"start":           "ab Status pilot erwartet, sonst eine Warnung",
	"end":             "nur bei Status retired, dort erwartet",
	"contact_email":   "Pflicht, wenn die Organisation kein contact_email hat",
	"annex_iii_area":  "Pflicht genau dann, wenn die Risikoklasse high_risk ist",
	"art6_3_grounds":  "Pflicht genau dann, wenn die Risikoklasse not_high_risk_art6_3 ist",
	"eu_database":     "Pflicht bei Risikoklasse high_risk im Status production",
	"operating_logic": "Pflicht bei Risikoklasse high_risk",
	"human_oversight": "Pflicht bei Risikoklasse high_risk",
	"assessments":     "Pflicht bei Risikoklasse high_risk (fria; mit personenbezogenen Daten auch dpia)",
}

// Skeleton returns a commented YAML (or Markdown with front matter) file
// for a new AI system. Every required key is present without a value, so
// that "maki check" lists exactly what is left to fill in; every optional
// key is there as a comment with its meaning, allowed values and an
// example. Filling in the empty keys gives a valid entry.
func Skeleton(c SkeletonConfig) []byte {
	var b strings.Builder
	if c.Markdown {
		b.WriteString("---\n")
	}
	if c.SchemaPath != "" {
		fmt.Fprintf(&b, "# yaml-language-server: $schema=%s\n", c.SchemaPath)
	}
	fmt.Fprintf(&b, `#
# KI-System %q im KI-Transparenzregister.
#
# Tragen Sie bei jedem Schlüssel ohne Wert (etwa "name:") einen Wert ein;
# "maki check" listet mit Datei:Zeile:Spalte auf, was noch fehlt.
# Optionale Angaben sind auskommentiert: "# " am Zeilenanfang entfernen.
# Ein Text hat Deutsch unter "de:" und (freiwillig) Englisch unter "en:",
# je auf einer eigenen Zeile, eingerückt unter dem Schlüssel. Mehrzeilige
# Texte (Markdown): "de: |-" und darunter eingerückt. Listen: je Wert eine
# Zeile "  - wert". So schreibt auch der Web-Editor (/admin/); er entfernt
# beim Speichern alle Kommentare (docs/editor-web.md).
# Vorschau: maki serve   Prüfen: maki check
`, c.ID)
	t := reflect.TypeOf(register.System{})
	for _, f := range register.Fields(t) {
		if f.Key == "description" && c.Markdown {
			continue // the body below the front matter
		}
		writeField(&b, t.Name(), f, c)
	}
	if c.Markdown {
		b.WriteString("\n# Beschreibung (optional): ausführliche Darstellung in Markdown unter der folgenden\n")
		b.WriteString("# Zeile \"---\" (ohne HTML; Links nur https:, mailto: oder relativ).\n")
		b.WriteString("---\n")
	}
	return []byte(b.String())
}

func writeField(b *strings.Builder, typ string, f register.Field, c SkeletonConfig) {
	info, _ := Describe(typ, f.Key)
	need := "optional"
	cond, isCond := conditional[f.Key]
	switch {
	case f.Required:
		need = "Pflicht"
	case isCond:
		need = cond
		info.Description = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(info.Description, "Pflicht bei high_risk."), "Pflicht bei high_risk im Status production."))
	}
	b.WriteString("\n")
	comment(b, "", fmt.Sprintf("%s (%s): %s", info.Title, need, info.Description))
	if vals := enumValues(f.Type); vals != "" {
		comment(b, "", "Werte: "+vals)
	}
	value := ""
	switch f.Key {
	case "organisation":
		value = c.Organisation
	case "published", "updated":
		value = c.Today
	}
	et := f.Type
	if et.Kind() == reflect.Pointer || et.Kind() == reflect.Slice {
		et = et.Elem()
	}
	nested := et.Kind() == reflect.Struct && et != register.TextType
	if value == "" && info.Example != "" && !nested {
		switch ex := exampleLines(f.Key, et == register.TextType, info.Example); len(ex) {
		case 0:
			comment(b, "", "Beispiel: "+f.Key+": "+info.Example)
		case 1:
			comment(b, "", "Beispiel: "+ex[0])
		default:
			b.WriteString("# Beispiel:\n")
			for _, l := range ex {
				b.WriteString("#   " + l + "\n")
			}
		}
	}
	prefix := ""
	if !f.Required && f.Key != "start" && f.Key != "contact_email" {
		prefix = "# "
	}
	if nested {
		fmt.Fprintf(b, "%s%s:\n", prefix, f.Key)
		indent := "  "
		if f.Type.Kind() == reflect.Slice {
			indent = "    "
		}
		for i, sf := range register.Fields(et) {
			sinfo, _ := Describe(et.Name(), sf.Key)
			lead := indent
			if i == 0 && f.Type.Kind() == reflect.Slice {
				lead = "  - "
			}
			line, more := lead+sf.Key+":", ""
			if ex := exampleLines(sf.Key, sf.Type == register.TextType, sinfo.Example); len(ex) == 1 {
				line = lead + ex[0]
			} else if len(ex) == 2 && sf.Type == register.TextType {
				more = "# " + indent + ex[1] + "\n"
			}
			note := sinfo.Title
			if sf.Required {
				note += ", Pflicht"
			}
			if vals := enumValues(sf.Type); vals != "" {
				note += "; Werte: " + vals
			}
			fmt.Fprintf(b, "# %s  # %s\n%s", line, note, more)
		}
		return
	}
	if value != "" {
		fmt.Fprintf(b, "%s%s: %s\n", prefix, f.Key, value)
		return
	}
	fmt.Fprintf(b, "%s%s:\n", prefix, f.Key)
}

// comment writes s as comment lines of at most about 100 characters.
func comment(b *strings.Builder, indent, s string) {
	line := indent + "#"
	for _, w := range strings.Fields(s) {
		if len(line)+1+len(w) > 100 && line != indent+"#" {
			b.WriteString(line + "\n")
			line = indent + "#  "
		}
		line += " " + w
	}
	b.WriteString(line + "\n")
}

func enumValues(t reflect.Type) string {
	if t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	e, ok := reflect.Zero(t).Interface().(register.Enumeration)
	if !ok || t.Kind() != reflect.String {
		return ""
	}
	var vals []string
	for _, v := range e.Enum() {
		if l := EnumLabel(t.Name(), v); l != "" {
			vals = append(vals, v+" ("+l+")")
		} else {
			vals = append(vals, v)
		}
	}
	return strings.Join(vals, ", ")
}
