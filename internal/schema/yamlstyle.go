package schema

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// The YAML style the web editor writes (Sveltia CMS with the "yaml"
// library, the output options of Editor): block lists "- " indented under
// their key, texts as "de:"/"en:" on their own lines, strings plain unless
// YAML would read them as something else, then in single quotes.
// docs/editor-web.md lists the rules; "maki new" writes its examples so.

// plainUnsafe reports where the "yaml" library (2.x, stringifyString)
// does not write a string plain: indicator characters at the start, ": "
// or " #" inside, blanks at the ends. It stands for the regular
// expression plainUnsafeRE of the library (in the tests), by hand since
// matching that took most of an import's time.
func plainUnsafe(s string) bool {
	if s == "" {
		return false
	}
	if strings.IndexByte("\n\t ,[]{}#&*!|>'\"%@`", s[0]) >= 0 {
		return true
	}
	if (s[0] == '?' || s[0] == '-') && (len(s) == 1 || s[1] == ' ' || s[1] == '\t') {
		return true
	}
	for i := 0; i+1 < len(s); i++ {
		switch a, b := s[i], s[i+1]; {
		case (a == '\n' || a == ':') && (b == ' ' || b == '\t'),
			(a == ' ' || a == '\t') && b == '\n',
			(a == '\n' || a == '\t' || a == ' ') && b == '#':
			return true
		}
	}
	return strings.IndexByte("\n\t :", s[len(s)-1]) >= 0
}

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

// coreType reports whether one of yamlCoreTypes matches s. Only strings
// of the characters these use, starting with one they start with, can
// match; the others are not tried.
func coreType(s string) bool {
	if s != "" && strings.IndexByte("0123456789+-.~nNtTfF", s[0]) < 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isAlnum(c) || c == '+' || c == '-' || c == '.' || c == '~') {
			return false
		}
		if (c == '+' || c == '-') && i > 0 && s[i-1] != 'e' && s[i-1] != 'E' {
			return false // a sign inside, as in a date, only after an exponent's e
		}
	}
	for _, re := range yamlCoreTypes {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// control reports whether s (valid UTF-8) holds a character the library
// writes double-quoted: U+0000–U+0008, U+000B–U+001F, U+007F–U+009F.
func control(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == 0xc2 && i+1 < len(s) && s[i+1] <= 0x9f {
			return true
		}
	}
	return false
}

// escapedRunes reports whether s holds a character YAMLString writes
// escaped: U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF (all start with the
// byte E2 or EF in UTF-8).
func escapedRunes(s string) bool {
	if strings.IndexByte(s, 0xe2) < 0 && strings.IndexByte(s, 0xef) < 0 {
		return false
	}
	return strings.ContainsFunc(s, func(r rune) bool {
		return r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff
	})
}

// YAMLString writes s as the value of a key or a list item in a block
// mapping or sequence whose content is indented by indent (two spaces
// per level: "  " for a top-level key's value, "    " for a list item
// under it), as the "yaml" library (2.9.1, stringifyString with the
// editor's options) does: plain when YAML reads it back as the same
// string, else quoted (single quotes, double quotes when s holds a single
// quote and no double one, or a line break next to a blank); a string
// over several lines as a literal block ("|", "|-" or "|+", with an
// indentation indicator when it starts with a blank). A string with a
// control character is double-quoted with the library's escapes.
// Line separators, the byte order mark and the noncharacters U+FFFE and
// U+FFFF, which the library writes as they are and other YAML readers
// take for line breaks or reject, are written escaped in double quotes:
// A string over several lines whose first line starts with a tab, or
// that is only blanks and line breaks, is quoted: the library writes it
// as a block, which yaml.v3 (maki's reader) rejects ("found a tab
// character where an indentation space is expected") or reads without
// the blanks. These are the only places where maki's style differs from
// the editor's.
func YAMLString(s, indent string) string {
	if !utf8.ValidString(s) || escapedRunes(s) {
		return YAMLEscaped(s)
	}
	if control(s) {
		return yamlDoubleQuoted(s, indent)
	}
	switch {
	case strings.IndexByte(s, '\n') >= 0:
		return yamlBlock(s, indent)
	case plainUnsafe(s) || coreType(s):
		return yamlQuoted(s, indent)
	}
	return s
}

// yamlQuoted is the library's quotedString: single quotes, or double
// quotes when s holds a single quote and no double one.
func yamlQuoted(s, indent string) string {
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		return yamlDoubleQuoted(s, indent)
	}
	return yamlSingleQuoted(s, indent)
}

// blankAtBreak reports whether a blank is next to a line break in s.
func blankAtBreak(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		a, b := s[i], s[i+1]
		if (a == ' ' || a == '\t') && b == '\n' || a == '\n' && (b == ' ' || b == '\t') {
			return true
		}
	}
	return false
}

// yamlSingleQuoted is the library's singleQuotedString: a line break is
// written as two (folding reads them back as one).
func yamlSingleQuoted(s, indent string) string {
	if blankAtBreak(s) {
		return yamlDoubleQuoted(s, indent)
	}
	s = strings.ReplaceAll(s, "'", "''")
	return "'" + eachBreakRun(s, func(run string) string { return run + "\n" + indent }) + "'"
}

// yamlDoubleQuoted is the library's doubleQuotedString: JSON's escapes
// with YAML's short forms, and from 40 characters on line breaks written
// as such.
func yamlDoubleQuoted(s, indent string) string {
	json := jsonString(s)
	long := utf16Len(json) >= 40
	var b strings.Builder
	start := 0
	for i := 0; i < len(json); i++ {
		ch := json[i]
		if ch == ' ' && i+2 < len(json) && json[i+1] == '\\' && json[i+2] == 'n' {
			// a blank before a line break is escaped, else folding eats it
			b.WriteString(json[start:i] + "\\ ")
			i++
			start = i
			ch = '\\'
		}
		if ch != '\\' || i+1 >= len(json) {
			continue
		}
		switch json[i+1] {
		case 'u':
			b.WriteString(json[start:i])
			code := json[i+2 : i+6]
			switch code {
			case "0000":
				b.WriteString(`\0`)
			case "0007":
				b.WriteString(`\a`)
			case "000b":
				b.WriteString(`\v`)
			case "001b":
				b.WriteString(`\e`)
			default:
				b.WriteString(`\x` + code[2:])
			}
			i += 5
			start = i + 1
		case 'n':
			if json[i+2] == '"' || !long {
				i++
				break
			}
			b.WriteString(json[start:i] + "\n\n")
			for i+4 < len(json) && json[i+2] == '\\' && json[i+3] == 'n' && json[i+4] != '"' {
				b.WriteString("\n")
				i += 2
			}
			b.WriteString(indent)
			if json[i+2] == ' ' {
				b.WriteString(`\`)
			}
			i++
			start = i + 1
		default:
			i++
		}
	}
	if start == 0 {
		return json
	}
	return b.String() + json[start:]
}

// jsonString is JavaScript's JSON.stringify of a string: quotes,
// backslashes and the C0 controls escaped (the short forms \b \f \n \r
// \t, else \u00xx), everything else as it is.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// utf16Len is the length of s in UTF-16 code units, as JavaScript counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// YAMLEscaped writes s double-quoted with every character escaped that
// YAML does not allow in a document (control characters, DEL, C1
// controls, the byte order mark) or reads as a line break. U+FFFD stays
// as it is, so that "maki check" warns about it in the written file too.
func YAMLEscaped(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029 ||
			r == 0xfeff || r == 0xfffe || r == 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// yamlBlock is the library's blockString as a literal block: the chomping
// indicator from the line breaks at the end, an indentation indicator
// when the first line starts with a blank.
func yamlBlock(s, indent string) string {
	if t := strings.TrimRight(s, " \t"); len(t) < len(s) && strings.HasSuffix(t, "\n") || tabFirst(s) {
		return yamlQuoted(s, indent)
	}
	endStart := len(s)
	for endStart > 0 && strings.IndexByte("\n\t ", s[endStart-1]) >= 0 {
		endStart--
	}
	value, end := s[:endStart], s[endStart:]
	chomp := ""
	switch nl := strings.IndexByte(end, '\n'); {
	case nl < 0:
		chomp = "-"
	case value == "" || nl != len(end)-1:
		chomp = "+"
	}
	if end != "" {
		end = strings.TrimSuffix(end, "\n")
		// runs of line breaks not at the end are followed by the indent
		var b strings.Builder
		for i := 0; i < len(end); {
			j := i
			for j < len(end) && end[j] == '\n' {
				j++
			}
			if j > i {
				b.WriteString(end[i:j])
				if j < len(end) {
					b.WriteString(indent)
				}
				i = j
				continue
			}
			b.WriteByte(end[i])
			i++
		}
		end = b.String()
	}
	startWithSpace, startNl, startEnd := false, -1, 0
	for ; startEnd < len(value); startEnd++ {
		switch value[startEnd] {
		case ' ':
			startWithSpace = true
			continue
		case '\n':
			startNl = startEnd
			continue
		}
		break
	}
	start := value[:startNl+1]
	value = value[len(start):]
	start = eachBreakRun(start, func(run string) string { return run + indent })
	header := chomp
	if startWithSpace {
		header = "2" + chomp
	}
	value = eachBreakRun(value, func(run string) string { return run + indent })
	return "|" + header + "\n" + indent + start + value + end
}

// tabFirst reports whether the first line of s that is not empty starts
// with a tab, or s is only blanks and line breaks (a block of blank lines
// that yaml.v3 reads without its blanks).
func tabFirst(s string) bool {
	return strings.HasPrefix(strings.TrimLeft(s, "\n"), "\t") || strings.Trim(s, " \t\n") == ""
}

// eachBreakRun replaces every run of line breaks in s by f(run).
func eachBreakRun(s string, f func(string) string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '\n' {
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		j := i
		for j < len(s) && s[j] == '\n' {
			j++
		}
		b.WriteString(f(s[i:j]))
		i = j
	}
	return b.String()
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
		return YAMLString(c.Value, "    ")
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
