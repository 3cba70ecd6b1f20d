// Package schema generates the JSON Schemas (draft-07) of the content
// format by reflection over the struct tags of package register, so that
// editors get autocompletion, hover help in German and early errors while
// typing. The schemas say everything about a single file that JSON Schema
// can say: keys, types, enumerations, lengths, formats (dates that exist,
// SPDX ids), raw HTML in Markdown texts, the AGS prefix of each Land and
// the conditional rules of DESIGN §3.1; with a register's Vocabulary (as
// "maki build" publishes them) also its organisation, topic and system ids
// and which organisations lack a contact_email. "maki check" remains the
// authority and adds what a schema cannot express: comparisons of two
// values (date order), the day of the check (future dates), other files
// (duplicates, cycles) and the Markdown body of .md files;
// testdata/parity.golden lists these rules with their reasons.
//
// The output is deterministic: the same register types and vocabulary give
// the same bytes. It imports only register and the standard library.
package schema
