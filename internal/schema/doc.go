// Package schema generates the JSON Schemas (draft-07) of the content
// format by reflection over the struct tags of package register, so that
// editors get autocompletion, hover help in German and early errors while
// typing. The schemas say everything about a single file that JSON Schema
// can say: keys, types, enumerations, lengths, formats and the conditional
// rules of DESIGN §3.1; "maki check" remains the authority and adds what a
// schema cannot express (references, date order, Markdown rules).
//
// The output is deterministic: the same register types give the same bytes.
// It imports only register and the standard library.
package schema
