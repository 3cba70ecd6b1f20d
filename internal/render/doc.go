// Package render runs html/template over a theme (an fs.FS with
// templates/, static/ and i18n/) and produces every HTML page of the portal
// in German (at the root) and English (under en/), plus the theme's static
// files under assets/ with content-hashed names. Pages are handed to an
// emit function as they are made, so the whole site never has to sit in
// memory; rendering runs on all cores and the bytes of every page are the
// same whatever the order.
//
// Contextual escaping of html/template keeps entry text from ever becoming
// markup; the only HTML from content is what package markdown produced
// (raw HTML dropped). Links are absolute paths under the path of base_url,
// so the site works when served from a sub-path.
//
// Every list (A–Z, organisations, facet values) is in one order made by
// one function, collate, which gives both the sort key and the letter a
// name is filed under (leading punctuation ignored, DIN 5007-1 folding,
// digits under "0-9", names without a Latin initial under "other"), so the
// order and the letter headings cannot disagree. Lists are split into
// pages of Config.PageSize (100) at <list>/seite/<n>/; the letter bar of
// each A–Z page links every letter of the whole list to the page of its
// first system. Counts use the catalogue's plural forms (Page.Plural).
//
// Speed: layout.html is partially evaluated once per language and page
// type into a chrome — its static text with holes for what differs per
// page, each escaped by html/template in its own context, checked against
// the layout's own escaping and rendered whole where a check fails (see
// chrome). Markdown shown on the pages of several languages is rendered
// once (mdCache). A system page gets its fact sheet precomputed in Go
// (Page.Sheet), so system.html prints fields instead of calling methods;
// likewise its change history (Page.History, a HistoryView with every
// label, date and link of history.html ready).
//
// The chrome's page template and the system card are then executed by
// package tmplc: html/template's escaped trees compiled to Go closures,
// with the escapers as plain functions and the common methods of Page,
// List and FacetValue called directly. A template tmplc does not compile
// is executed by html/template as before; a page on which the compiled
// template stops (an error, a case tmplc leaves out) is rendered again by
// html/template, so output and errors are html/template's
// (renderer.fallbacks counts such pages). MAKI_TEMPLATES=std turns the
// compiled templates off.
package render
