// Package csvimport turns a spreadsheet (CSV, or the first sheet of an
// .xlsx workbook read as if it were CSV: ReadXLSX) or a JSON list of systems or
// organisations into content files, one content/systeme/<id>.yaml or
// content/organisationen/<id>.yaml per row, for "maki import". Config.Kind
// says which; the fields are those of register.System or
// register.Organisation, read from their struct tags.
//
// Columns are named like the content keys: "name" or "name.de"/"name.en"
// (also "name_de", as daten/register.csv writes them) for texts, lists in
// one cell separated by ";" ("\;" for a semicolon inside an item), record
// lists as one column per record field ("assessments.type" or
// "assessments_type", the n-th items belonging together), and
// "eu_database.url". The columns daten/register.csv derives from other
// data (organisation_name_de, organisation_contact_email,
// page_url, …) are skipped, so that an export
// can be imported again. A cell that starts with "'" followed by "=", "+",
// "-", "@", a tab, a carriage return or another "'" loses that "'": the
// export puts it there against formula injection, and a spreadsheet user
// types it to keep "=1" as text; any other leading "'" stays. A header or first JSON object that plainly holds
// the other kind ("status" for organisations, "level" without "status" for
// systems) is one error naming the kind to use.
//
// Every row is rendered to YAML in the style the web editor writes
// (renderYAML with schema.YAMLString: no comments, texts under de:/en:,
// block lists, strings plain where YAML allows) and checked together with the existing
// content exactly as "maki check" checks it (load and validate over the
// content with the new files laid over it); every problem is reported at
// the row and column it came from: "file.csv:7:12: field "status": …"
// ("file.xlsx:7:12" is the spreadsheet's row 7, column L), or
// for JSON at the line and column of the field's value (of the nested
// value for lists, records and texts): "file.json:12:17: …". Errors the
// new files would cause in existing files (a redirect in site.yaml, a
// cycle of parents) are reported where they occur and stop the import.
// Prepare never writes; Plan.Write writes the files atomically. Its time
// and memory grow linearly with the rows (BenchmarkImportDryRun); the
// check of the content with the new files is most of both.
package csvimport
