// Package markdown sets up goldmark in one place for the register's
// Markdown fields: GitHub tables, strikethrough and autolinks, raw HTML
// never rendered (goldmark's safe default), external images replaced by
// their alternative text, headings shifted below the page's own, and links
// limited to https:, mailto: and relative targets. Check reports what the
// content rules forbid, with line and column inside the text. Check and
// HTML judge a link or image by the same string, the href or src goldmark
// writes (character references and escapes resolved, percent-escaped), in
// one function: a link Check accepts is rendered with exactly that href, a
// link it refuses is rendered as its text, never as href="". It is the only
// importer of goldmark.
package markdown
