// Package xlsx writes and reads the small part of Office Open XML
// SpreadsheetML (ECMA-376, ".xlsx") that a register needs, with nothing but
// archive/zip and encoding/xml.
//
// Write makes a workbook of one or more sheets: text cells as inline
// strings, numbers, an optional bold and frozen header row and column
// widths. Its output is deterministic: the zip entries are sorted by name
// and carry a fixed time (1980-01-01), so the same sheets give the same
// bytes. A text cell is always a string cell (t="inlineStr"), never a
// formula, so a value that starts with "=", "+", "-" or "@" is shown as
// it is and never evaluated; unlike register.csv, no neutralising
// apostrophe is needed or written. Characters XML cannot hold (control
// characters other than tab, line feed and carriage return) and text that
// looks like Excel's own escape "_xHHHH_" are written in that escape, as
// Excel does, so that every string reads back unchanged.
//
// Read opens a workbook from untrusted bytes: it reads the sheet list,
// the shared strings and, on demand, one sheet's cells as text (shared
// and inline strings, the cached results of formula cells, numbers in
// their shortest decimal form, booleans as "true"/"false", error values
// such as "#N/A"). Cell references may leave gaps; rows and cells without
// a reference follow the previous one. Dates are not recognised: a cell
// formatted as a date reads as its serial number. Styles, formulas and
// everything else are ignored.
//
// Read is bounded (Limits): the number of zip entries, the uncompressed
// bytes of each part and of all parts together (counted as they are
// inflated, not taken from the zip headers, so a zip bomb stops at the
// cap), the number of cells and the size of a row or column reference.
// A document type declaration is refused, so no entity is ever declared,
// let alone expanded (encoding/xml knows only the five predefined ones).
// No input makes Read panic (FuzzRead).
package xlsx
