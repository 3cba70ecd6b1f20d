// Package devserver is the live preview behind "maki serve".
//
// It builds the site into a directory of its own, serves that directory
// over HTTP, watches the content and theme directories with fsnotify
// (adding new subdirectories as they appear, reacting to create, write,
// remove and rename, since editors save by renaming), debounces the events
// with a timer that restarts on every event, rebuilds, and tells open pages
// to reload through server-sent events at /_maki/events.
//
// Every HTML response gets one <script src="/_maki/reload.js?v=N" defer>
// element; the script is a file, never inline, so the theme's strict
// Content-Security-Policy (script-src 'self') holds in the preview too.
//
// A failed build never stops the server: the last good site stays on disk,
// HTML requests get a page listing the errors (file:line:col, escaped), the
// terminal gets the same list, and the next good build recovers by itself.
// Only the context ends Run.
//
// Requests are answered only when their Host header names the server:
// localhost, 127.0.0.1, [::1] or the address listened on, with its port
// (any IP address when listening on every interface); other hosts get 421
// Misdirected Request, so a web page cannot read the preview through DNS
// rebinding.
package devserver
