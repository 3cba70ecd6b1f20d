package render

import (
	"html/template"
	"strings"
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
func newCard(html string) card {
	if !strings.Contains(html, partStart) {
		return card{html: template.HTML(html)}
	}
	var b strings.Builder
	var parts []cardPart
	for {
		i := strings.Index(html, partStart)
		if i < 0 {
			break
		}
		b.WriteString(html[:i])
		rest := html[i+len(partStart):]
		j := strings.Index(rest, "-->")
		k := strings.Index(rest, partEnd)
		if j < 0 || k < j {
			b.WriteString(html[i : i+len(partStart)]) // unterminated: keep as it is
			html = rest
			continue
		}
		name := rest[:j]
		lo := b.Len()
		b.WriteString(rest[j+3 : k])
		parts = append(parts, cardPart{name, lo, b.Len()})
		html = rest[k+len(partEnd):]
	}
	b.WriteString(html)
	return card{html: template.HTML(b.String()), parts: parts}
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
