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
//
// # The executor
//
// Compile turns an html/template template that has been executed once
// (so html/template has escaped it) into Go closures: its escaped parse
// tree and those of every template it calls, including the copies
// html/template derives for a template called in another context (read
// from html/template's text/template, which its Lookup does not show).
// Program.Execute runs them with the same dot, writing to a bytes.Buffer.
// The theme stays plain html/template: html/template parses it and decides
// every escaper; the executor runs the tree it produced.
//
// What is compiled: text, actions, if, with and range (with else, else if
// and else with, variables declared and assigned, $), template and block
// calls, fields, methods, map keys and chains on any value, parenthesised
// pipelines, constants, the builtins and, or, not, eq, ne, lt, le, gt, ge,
// len, index, slice, print, printf, println, html, js and urlquery, the
// set's own functions, and the escapers Escaper has (called directly).
// What is not: break and continue, the builtin call, an escaper Escaper
// lacks — Compile returns an error for which IsUnsupported is true, and the
// caller leaves the template to html/template.
//
// Why the output is identical: the executor implements the semantics
// text/template documents (truth, pointers and interfaces followed, methods
// of *T on addressable values, how arguments and constants are passed to
// parameters, and and or returning an operand, comparisons, len, index and
// slice, how values are printed) in its own way — funcs.go sorts a value
// into a class of kinds and decides each builtin per class — and only for
// the cases themes use: in comparisons values of one basic kind, mixed
// signed and unsigned integers, nil, and (eq, ne) comparable values of
// one kind; integer indexes and map keys of the
// map's key type, arguments whose type (or the type of the value behind a
// pointer or interface) is the parameter's. Wherever text/template would
// report an error, and wherever the executor meets a case it leaves out
// (say, a pointer argument made from an addressable value, a
// hexadecimal constant where no type is asked for, a range over a function or a channel, a map
// whose keys are not strings or signed integers, a missing map key in a
// field chain, a nil receiver, a call that returns an error, a panic),
// Execute stops and returns an error instead. The caller then truncates
// its buffer and executes the template with html/template, which gives
// the canonical output or the canonical error. So the executor's output
// is either html/template's or nothing.
//
// Speed comes from resolving each field or method name once per receiver
// type (an inline cache per name: the field index or method number),
// calling methods of common signatures without reflect.Value.Call
// (DirectCalls), the builtins on reflect values without a reflective call,
// and the escapers as plain functions.
//
// How it is tested: TestSemantics (exec_test.go) runs templates on awkward
// values (nil pointers and interfaces, Stringers, errors, maps, embedded
// and pointer-receiver methods, variadics, comparisons across kinds,
// template calls in attributes, recursion, failing and panicking methods)
// with html/template and compiled, with and without direct calls: equal
// output, or an error where html/template fails. TestBuiltinsMatrix does
// the same for the builtins and truth on every pair of 32 awkward values,
// TestBuiltinsEdges for slice bounds, integer map keys of other types, NaN,
// eq with several operands and number constants. Package render renders
// whole sites — the example content, a synthetic register, content full of
// markup, quotes and javascript: URLs, and themes with constructs this
// package leaves out — both ways and compares every file byte for byte.
package tmplc
