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
package load
