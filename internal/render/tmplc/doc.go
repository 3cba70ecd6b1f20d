// Package tmplc holds maki's reimplementations of the escaper functions
// html/template inserts into the actions of an escaped parse tree
// (_html_template_htmlescaper, _html_template_attrescaper, ...), as plain Go
// functions that a compiled template executor can call without reflection.
//
// The contract is equality with html/template: for every argument list, the
// function Escaper returns gives the bytes html/template's own escaper of
// that name gives. Tests check this differentially, against html/template
// itself.
//
// An escaper that is not reimplemented here is reported by Escaper with
// ok=false; the executor then leaves the template to html/template.
package tmplc
