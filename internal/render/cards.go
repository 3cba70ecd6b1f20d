package render

import (
	"html/template"
	"strings"
	"unique"
)

// card is a system's "system-card" in one language, with the parts a list
// may leave out: a list of one organisation does not repeat the
// organisation on each card, a status page the status.
type card struct {
	html  template.HTML
	parts []cardPart
}

// cardPart is a part of a card that the theme marked with {{.Part "name"}}
// … {{.Part ""}}: bytes html[lo:hi] of the card.
type cardPart struct {
	name   string
	lo, hi int
}

// Part marks the start of a named part of the "system-card" template
// ("organisation", "status", "risk_class"), or its end when name is "". A
// list about that organisation or facet value leaves the part out of its
// cards (List.Omit). The markers are HTML comments, removed when the card
// is made; in other templates they stay as comments.
func (p *Page) Part(name string) template.HTML {
	if name == "" {
		return partEnd
	}
	return partStart + template.HTML(htmlEscape(name)) + "-->"
}

const (
	partStart = "<!--maki:part:"
	partEnd   = "<!--/maki:part-->"
)

// newCard removes the part markers from a rendered card and records where
// the parts are. Content cannot forge a marker: text reaches the card
// escaped, so it holds no "<".
//
// The card is kept for the whole render (both languages, every system:
// 20,000 cards at 10,000 systems), so it is made to size: its HTML in one
// allocation of exactly its length, its parts in a slice of exactly their
// number, their names shared by all cards (unique.Make) — a name cut from
// html would keep the whole rendered string alive with the card.
func newCard(html string) card {
	if !strings.Contains(html, partStart) {
		return card{html: template.HTML(html)}
	}
	size, n := 0, 0
	scanParts(html, func(s string) { size += len(s) }, func(string, string) { n++ })
	var b strings.Builder
	b.Grow(size)
	parts := make([]cardPart, 0, n)
	scanParts(html, func(s string) { b.WriteString(s) }, func(name, body string) {
		lo := b.Len()
		b.WriteString(body)
		parts = append(parts, cardPart{unique.Make(name).Value(), lo, b.Len()})
	})
	return card{html: template.HTML(b.String()), parts: parts}
}

// scanParts splits a rendered card into the text outside the part markers
// (text, called for each piece in order) and its parts (part, with the
// part's name and the text between its markers, in order). A start marker
// without its end is text.
func scanParts(html string, text func(string), part func(name, body string)) {
	for {
		i := strings.Index(html, partStart)
		if i < 0 {
			break
		}
		text(html[:i])
		rest := html[i+len(partStart):]
		j := strings.Index(rest, "-->")
		k := strings.Index(rest, partEnd)
		if j < 0 || k < j {
			text(html[i : i+len(partStart)]) // unterminated: keep as it is
			html = rest
			continue
		}
		part(rest[:j], rest[j+3:k])
		html = rest[k+len(partEnd):]
	}
	text(html)
}

// writeTo appends the card's HTML to b without the part named omit (""
// keeps every part), with no copy of the card in between.
func (c card) writeTo(b *strings.Builder, omit string) {
	if omit != "" {
		for _, p := range c.parts {
			if p.name == omit {
				b.WriteString(string(c.html[:p.lo]))
				b.WriteString(string(c.html[p.hi:]))
				return
			}
		}
	}
	b.WriteString(string(c.html))
}
