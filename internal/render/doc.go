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
package render
