// Package tmplc holds maki's reimplementations of the escaper functions
// html/template inserts into the actions of an escaped parse tree
// (_html_template_htmlescaper, _html_template_attrescaper, ...), as plain Go
// functions that a compiled template executor can call without reflection.
// Escaping stays html/template's: it parses the theme and decides, for
// every action, which escapers run; this package only runs them faster.
//
// # Contract
//
// Equality with html/template of the Go version maki is built with: for
// every argument list, the function Escaper returns gives the bytes
// html/template's escaper of that name gives, including how the arguments
// become a string (a single string or typed string such as template.HTML,
// also behind pointers, keeps its content type; anything else is
// fmt.Sprint of the arguments with untyped nils left out and pointers
// followed up to a fmt.Stringer or error). The functions do not modify
// their arguments. They panic only where html/template's would, when a
// value's own String or MarshalJSON method panics; text/template turns
// that into an error of the call, and so must a caller.
//
// # How it is tested
//
// Differentially, against html/template itself (escape_test.go):
// templates with one action in 35 contexts (text, RCDATA, comments,
// quoted and unquoted attributes, URLs and their query parts, srcset, CSS
// and JS in elements and attributes) are escaped by html/template; the
// test reads the escaper chain from the escaped tree, checks it is the one
// expected, and compares html/template's output with the same tree
// rendered with this package's functions — for awkward strings (every
// byte, entities, invalid UTF-8, U+2028, schemes, percent escapes, CSS
// escapes, markup), each in every content type, and for numbers, nil,
// pointers, Stringers, errors, JSON marshalers. Escapers called with
// several arguments are compared with html/template's own functions, which
// html/template's escaping puts in place of stand-ins of the same name.
// FuzzEscapers does the same on random strings; TestThemeEscapers checks
// that every escaper the default theme's templates get is here.
//
// # What is not here
//
// Escaper reports ok=false for _html_template_htmlnamefilter (an action
// in an attribute name, which needs html/template's table of attribute
// types) and for any name a later Go version adds; an executor leaves a
// template that uses one to html/template. The predefined escapers html
// and urlquery, which html/template keeps where a template uses them, are
// text/template's (template.HTMLEscaper, template.URLQueryEscaper), not
// these. A template.HTML value in an attribute value (attrescaper,
// nospaceescaper) has its tags stripped first, by html/template's HTML
// tokenizer: such values are escaped by html/template itself, through a
// one-action template, and only they are slow.
package tmplc
