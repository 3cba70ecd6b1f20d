// Package export turns a loaded register into the open-data and machine
// formats of the portal (DESIGN §4), as in-memory files keyed by their path
// relative to public/:
//
//	daten/register.json         every system with its organisations resolved (schema_version 1)
//	daten/register.schema.json  JSON Schema (2020-12) of register.json; $defs/system for one system
//	daten/systeme/<id>.json     one system, the same object as in register.json
//	daten/register.csv          RFC 4180, UTF-8 with BOM, one row per system, every field;
//	                            cells neutralised against formula injection (see CellValue)
//	daten/catalog.rdf           DCAT-AP.de 3.0 catalogue (RDF/XML): the register as one dataset
//	daten/eu-ai-act.json        EU AI Act Annex VIII section C fields of every high-risk system
//	feed.xml, en/feed.xml       Atom, the 50 most recently updated systems
//	sitemap.xml                 from Config.Pages, with de/en hreflang alternates
//	robots.txt                  points at the sitemap
//	opensearch.xml, en/opensearch.xml
//	.well-known/security.txt    RFC 9116
//	statistik/<group>.svg, en/statistik/<group>.svg  static bar charts of register.ComputeStats
//	statistik/filter.json       every system's row in every statistics group, for the statistics filter
//
// Output is deterministic: the same register and Config give the same bytes.
// Nothing here reads the clock; Config.Now is the build time. Data files do
// not depend on Now at all (their dates come from the entries), so they only
// change when the content does.
package export
