package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"maki/internal/register"
)

// source is one content file after normalisation.
type source struct {
	file string // project-relative path for positions
	data []byte // UTF-8, BOM removed, CRLF turned into LF
}

// normalise checks UTF-8, strips a byte order mark and turns CRLF into LF
// (columns stay right: the CR sits at the end of its line).
func normalise(file string, data []byte, errs *register.ErrorList) (*source, bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		line, col := 1, 1
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i += n
		}
		errs.Add(register.Pos{File: file, Line: line, Col: col}, "", "encoding", "invalid UTF-8; want the file saved as UTF-8")
		return nil, false
	}
	if bytes.Contains(data, []byte("\r\n")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	if !rawControl(file, data, errs) {
		return nil, false
	}
	damaged(file, data, errs)
	if len(bytes.TrimSpace(data)) == 0 {
		errs.Add(register.Pos{File: file, Line: 1, Col: 1}, "", "empty", "file is empty; want a mapping of fields")
		return nil, false
	}
	return &source{file: file, data: data}, true
}

// parseYAML parses a whole YAML file into its top-level node.
// lineOffset is added to every line (front matter starts after "---").
// The file must hold one document; the document is inspected (see inspect)
// before it is returned, and ok is false when it must not be decoded.
func parseYAML(file string, data []byte, lineOffset int, errs *register.ErrorList) (*yaml.Node, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, true
		}
		syntaxError(file, err, lineOffset, errs)
		return nil, false
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		syntaxError(file, err, lineOffset, errs)
	default:
		errs.Add(register.Pos{File: file, Line: next.Line + lineOffset, Col: next.Column}, "", "documents", "a second YAML document starts here; want one document per file")
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, true
	}
	if lineOffset != 0 {
		shift(&doc, lineOffset)
	}
	if !inspect(file, data, lineOffset, doc.Content[0], errs) {
		return nil, false
	}
	return doc.Content[0], true
}

func syntaxError(file string, err error, lineOffset int, errs *register.ErrorList) {
	line, msg := yamlErrorLine(err)
	errs.Add(register.Pos{File: file, Line: line + lineOffset, Col: 1}, "", "syntax", "invalid YAML: %s", msg)
}

func shift(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shift(c, by)
	}
}

// yamlErrorLine takes the line out of a yaml.v3 syntax error. yaml.v3
// reports syntax errors only as text ("yaml: line 3: …"); its format is
// fixed, so this reads that one form and nothing else.
func yamlErrorLine(err error) (int, string) {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil {
				line, msg = n, tail
			}
		}
	}
	// yaml.v3 reports the line of a parser error ("did not find expected
	// key", "… ',' or ']'") counted from 0 and only that of a scanner error
	// counted from 1 (its parser.fail adds 1 for scanner errors only).
	if strings.HasPrefix(msg, "did not find expected ") && parserError[strings.TrimPrefix(msg, "did not find expected ")] {
		line++
	}
	return max(line, 1), msg
}

// parserError are the endings of yaml.v3's "did not find expected …"
// messages that come from its parser rather than its scanner.
var parserError = map[string]bool{
	"<document start>": true, "node content": true, "key": true,
	"'-' indicator": true, "',' or ']'": true, "',' or '}'": true,
}

// splitFrontMatter parses a Markdown file with YAML front matter. It returns
// the front-matter node (nil when empty), the body and the line the body
// starts on.
func splitFrontMatter(src *source, errs *register.ErrorList) (node *yaml.Node, body []byte, bodyLine int, ok bool) {
	// Line of the opening "---" (front matter may follow blank lines).
	open := 0
	for i, l := range strings.Split(string(src.data), "\n") {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if t != "---" {
			errs.Add(register.Pos{File: src.file, Line: i + 1, Col: 1}, "", "front-matter", "no front matter; want the file to start with a line \"---\", the YAML fields, and a closing line \"---\"")
			return nil, nil, 0, false
		}
		open = i + 1
		break
	}
	var raw []byte
	format := frontmatter.NewFormat("---", "---", func(b []byte, v any) error {
		raw = append([]byte(nil), b...)
		return nil
	})
	rest, err := frontmatter.MustParse(bytes.NewReader(src.data), new(struct{}), format)
	if err != nil {
		if errors.Is(err, frontmatter.ErrNotFound) {
			errs.Add(register.Pos{File: src.file, Line: open, Col: 1}, "", "front-matter", "front matter has no closing line; want a line \"---\" after the fields")
		} else {
			errs.Add(register.Pos{File: src.file, Line: open, Col: 1}, "", "front-matter", "%v", err)
		}
		return nil, nil, 0, false
	}
	node, ok = parseYAML(src.file, raw, open, errs)
	if !ok {
		return nil, nil, 0, false
	}
	consumed := len(src.data) - len(rest)
	bodyLine = bytes.Count(src.data[:consumed], []byte("\n")) + 1
	if consumed > 0 && src.data[consumed-1] != '\n' {
		bodyLine++
	}
	// Blank lines between the closing "---" and the text are not part of
	// the body: the web editor writes one there (docs/editor-web.md).
	for {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 || len(bytes.TrimSpace(rest[:i])) > 0 {
			break
		}
		rest = rest[i+1:]
		bodyLine++
	}
	return node, rest, bodyLine, true
}

// kindName names a YAML node kind for messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int", "!!float":
			return fmt.Sprintf("the number %s", n.Value)
		case "!!bool":
			return fmt.Sprintf("the boolean %s", n.Value)
		}
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}
