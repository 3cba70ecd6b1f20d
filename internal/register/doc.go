// Package register holds the domain types of the KI-Transparenzregister:
// systems, organisations, topics, pages and site settings, the enumerations
// of the content format (DESIGN §3) and the position-carrying Error and
// ErrorList every stage reports with. It imports only the standard library.
//
// The struct tags on System, Organisation and the nested types are the one
// source of truth for the content format: the loader decodes by them, the
// validator checks required fields, enumerations and lengths by them, and
// the JSON Schema is generated from them.
//
// Tag syntax: `yaml:"key" maki:"opt,opt,..."` with options
//
//	required      the key must be present and non-empty
//	max=N         text or string at most N characters (per language)
//	markdown      the text is Markdown (checked for raw HTML, images, links)
//	ref=KIND      the value is an id of KIND: organisation, topic or system
//	format=F      string format: month (YYYY-MM), date (YYYY-MM-DD),
//	              https (https URL), url (http or https URL), email, spdx, state
//	min=N         numbers: smallest value; lists: fewest items
//	maxval=N      numbers: largest value
//
// Enumerations are string types with an Enum method listing their values.
package register
