// Package build runs the register's pipeline and is the only package that
// knows its order:
//
//  1. load      content fs.FS → *register.Register (positions kept)
//  2. validate  rules of DESIGN §3 over the whole register
//  3. markdown  Markdown fields checked (raw HTML, images, links)
//  4. derive    facets and statistics, search index and similar systems
//  5. render    HTML pages of both languages, in memory
//  6. export    open data, feeds, sitemap, robots.txt, security.txt
//  7. publish   staged next to the output directory, then swapped in
//
// A build with content errors writes nothing; a failed or interrupted
// build leaves the previous output as it was.
package build
