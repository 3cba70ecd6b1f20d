// Package load reads the content directory (an fs.FS) into a
// *register.Register. It is the only importer of adrg/frontmatter and
// yaml.v3.
//
// Load guarantees: every value keeps the file, line and column it came from
// (register.Meta.Positions); syntax errors, unknown keys (with a "did you
// mean"), values of the wrong type and unknown enumeration values are
// reported as a register.ErrorList, all of them, never only the first;
// invalid UTF-8, empty files and front matter without its closing line are
// errors, a UTF-8 byte order mark and CRLF line endings are accepted; no
// input makes it panic. Rules that span fields or files are the validate
// package's.
//
// Content is untrusted (it comes from unreviewed merge requests), so every
// YAML document is inspected in one linear walk before it is decoded
// (inspect.go, control.go):
//
//   - Aliases have a budget: the document's expanded size (nodes plus
//     scalar bytes, each alias counted as the value it stands for) may be at
//     most 4 times the file's size, at least 256 KiB and at most 16 MiB. The
//     alias that crosses it is an error and the file is not decoded; so is
//     an alias inside its own anchor's value. Anchors and aliases within the
//     budget work as YAML defines them, in text fields too.
//   - A key given twice in any mapping (an entry, a text, a list item,
//     redirects, a topic) is an error at both keys, each naming the other's
//     line:col; the first value counts.
//   - A file holds one YAML document: a second one ("---" and more, in a
//     .yaml file or in front matter) is an error at its start. The Markdown
//     body after front matter is not YAML.
//   - Control characters (U+0000–U+001F but TAB and LF, U+007F–U+009F; a
//     CR that is not part of CRLF) are errors: raw in a file at the
//     character (the file is not read further), written as an escape in a
//     double-quoted scalar at the backslash, naming the field.
package load
