// Package markdown sets up goldmark in one place for the register's
// Markdown fields: GitHub tables, strikethrough and autolinks, raw HTML
// never rendered (goldmark's safe default), external images replaced by
// their alternative text, headings shifted below the page's own, and links
// limited to https:, mailto: and relative targets. Check reports what the
// content rules forbid, with line and column inside the text. It is the only
// importer of goldmark.
package markdown
