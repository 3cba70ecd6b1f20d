package load

import (
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"maki/internal/register"
)

// SynonymsFile is the operator's synonym list for the search, relative to
// the content root. It is optional.
const SynonymsFile = "synonyme.yaml"

// Limits of the synonym list: it is read on every build and shipped, in
// part, with the search index.
const (
	maxSynonymGroups  = 2000
	maxSynonymMembers = 20 // words or phrases per group
	maxSynonymLen     = 80 // bytes per word or phrase
	maxSynonymWords   = 5  // words per phrase
)

// synonyms reads SynonymsFile into Register.Synonyms: a list of groups,
// each a list of at least two words or phrases that find each other
// ("- [Gesichtserkennung, Gesichtsvergleich]"). A missing file means no
// synonyms. Every problem is reported at its position; a bad group is
// left out, the others are kept.
func (l *loader) synonyms() {
	src, missing := l.read(SynonymsFile)
	if missing || src == nil {
		return
	}
	n, ok := parseYAML(src.file, src.data, 0, &l.errs)
	if !ok || n == nil || isNull(n) {
		return
	}
	pos := func(n *yaml.Node) register.Pos {
		if n == nil {
			return register.Pos{File: src.file}
		}
		return register.Pos{File: src.file, Line: n.Line, Col: n.Column}
	}
	if n.Kind != yaml.SequenceNode {
		l.errs.Add(pos(n), "", "type", "got %s; want a list of synonym groups (- [KI, künstliche Intelligenz])", kindName(n))
		return
	}
	if len(n.Content) > maxSynonymGroups {
		l.errs.Add(pos(n.Content[maxSynonymGroups]), "", "limit", "%d synonym groups; want at most %d", len(n.Content), maxSynonymGroups)
		return
	}
	seen := map[string]register.Pos{}
	for _, g := range n.Content {
		g = resolve(g)
		if g == nil || g.Kind != yaml.SequenceNode {
			l.errs.Add(pos(g), "", "type", "synonym group: got %s; want a list of at least two words or phrases", kindOf(g))
			continue
		}
		if len(g.Content) < 2 || len(g.Content) > maxSynonymMembers {
			entries := "entries"
			if len(g.Content) == 1 {
				entries = "entry"
			}
			l.errs.Add(pos(g), "", "limit", "synonym group: %d %s; want 2 to %d", len(g.Content), entries, maxSynonymMembers)
			continue
		}
		var group []string
		bad := false
		for _, m := range g.Content {
			m = resolve(m)
			if m == nil || m.Kind != yaml.ScalarNode || m.Tag == "!!null" {
				l.errs.Add(pos(m), "", "type", "synonym: got %s; want a word or phrase", kindOf(m))
				bad = true
				continue
			}
			v := strings.Join(strings.Fields(m.Value), " ")
			switch {
			case v == "":
				l.errs.Add(pos(m), "", "empty", "synonym: empty; want a word or phrase")
				bad = true
			case len(v) > maxSynonymLen || !utf8.ValidString(v):
				l.errs.Add(pos(m), "", "limit", "synonym %q: %d bytes; want at most %d", excerpt(v), len(v), maxSynonymLen)
				bad = true
			case len(strings.Fields(v)) > maxSynonymWords:
				l.errs.Add(pos(m), "", "limit", "synonym %q: %d words; want at most %d", excerpt(v), len(strings.Fields(v)), maxSynonymWords)
				bad = true
			default:
				k := strings.ToLower(v)
				if p, dup := seen[k]; dup && p != pos(m) { // an alias repeats a group, not a word
					l.errs.Warn(pos(m), "", "duplicate", "synonym %q also at %d:%d; its groups stay apart", excerpt(v), p.Line, p.Col)
				} else {
					seen[k] = pos(m)
				}
				group = append(group, v)
			}
		}
		if !bad {
			l.reg.Synonyms = append(l.reg.Synonyms, group)
		}
	}
}

// excerpt shortens v for a message.
func excerpt(v string) string {
	if len(v) <= 40 {
		return v
	}
	i := 40
	for i > 0 && !utf8.RuneStart(v[i]) {
		i--
	}
	return v[:i] + "…"
}

// kindOf is kindName, also for a missing node.
func kindOf(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	return kindName(n)
}
