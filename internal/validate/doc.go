// Package validate checks a loaded register against the rules of the
// content format (DESIGN §3): required fields, lengths, formats and
// references from the struct tags of package register, and the rules that
// span fields and files (AI Act conditions, date order, cycles, duplicate
// partners, required pages). It is pure: no I/O, no clock (the build time
// is passed in), and it returns every problem at once as a sorted
// register.ErrorList. Markdown is checked by package markdown.
package validate
