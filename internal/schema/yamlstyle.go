package schema

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// The YAML style the web editor writes (Sveltia CMS with the "yaml"
// library, the output options of Editor): block lists "- " indented under
// their key, texts as "de:"/"en:" on their own lines, strings plain unless
// YAML would read them as something else, then in single quotes.
// docs/editor-web.md lists the rules; "maki new" writes its examples so.

// yamlPlainUnsafe is where the "yaml" library (2.x, stringifyString) does
// not write a string plain: indicator characters at the start, ": " or
// " #" inside, spaces at the ends.
var yamlPlainUnsafe = regexp.MustCompile("^[\\n\\t ,\\[\\]{}#&*!|>'\"%@`]|^[?-]$|^[?-][ \\t]|[\\n:][ \\t]|[ \\t]\\n|[\\n\\t ]#|[\\n\\t :]$")

// yamlCoreTypes are the plain scalars the YAML 1.2 core schema reads as
// null, booleans or numbers.
var yamlCoreTypes = []*regexp.Regexp{
	regexp.MustCompile(`^(?:~|[Nn]ull|NULL)?$`),
	regexp.MustCompile(`^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$`),
	regexp.MustCompile(`^0o[0-7]+$`),
	regexp.MustCompile(`^[-+]?[0-9]+$`),
	regexp.MustCompile(`^0x[0-9a-fA-F]+$`),
	regexp.MustCompile(`^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$`),
	regexp.MustCompile(`^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$`),
	regexp.MustCompile(`^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$`),
}

// yamlScalar writes the one-line string s as the editor does: plain when
// YAML reads it back as the same string, else quoted (single quotes
// unless s holds one and no double quote).
func yamlScalar(s string) string {
	plain := !yamlPlainUnsafe.MatchString(s)
	for _, re := range yamlCoreTypes {
		if plain && re.MatchString(s) {
			plain = false
		}
	}
	switch {
	case plain:
		return s
	case strings.Contains(s, "'") && !strings.Contains(s, `"`):
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
	default:
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
}

// exampleLines writes the example value ex (YAML, as in descriptions.go)
// of key in the editor's style: a text under "de:", a list as "- " items,
// a scalar plain where it can be. It returns nil when ex is not a scalar
// or a list of scalars.
func exampleLines(key string, text bool, ex string) []string {
	if strings.TrimSpace(ex) == "" {
		return nil
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(key+": "+ex), &n); err != nil || len(n.Content) != 1 || len(n.Content[0].Content) != 2 {
		return nil
	}
	v := n.Content[0].Content[1]
	scalar := func(c *yaml.Node) string {
		if c.Tag != "!!str" {
			return c.Value // a number or a boolean, written as such
		}
		return yamlScalar(c.Value)
	}
	switch {
	case v.Kind == yaml.ScalarNode && text:
		return []string{key + ":", "  de: " + scalar(v)}
	case v.Kind == yaml.ScalarNode:
		return []string{key + ": " + scalar(v)}
	case v.Kind == yaml.SequenceNode:
		out := []string{key + ":"}
		for _, c := range v.Content {
			if c.Kind != yaml.ScalarNode {
				return nil
			}
			out = append(out, "  - "+scalar(c))
		}
		return out
	}
	return nil
}
