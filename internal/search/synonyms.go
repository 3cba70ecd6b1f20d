package search

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Synonyms are applied at index time. Each group of the operator's list
// (register.Register.Synonyms, from content/synonyme.yaml) becomes one
// term, "~n", which every system containing a member has, with the
// weight of the field it occurs in; every member's key (its folded form
// and its stem; a phrase's folded words joined by spaces) maps to that
// term too. So "Gesichtserkennung" finds "Gesichtsvergleich" and "KI"
// finds "künstliche Intelligenz" with nothing to expand in the browser but
// phrases: meta.json lists the multi-word keys, and both readers join
// neighbouring query words that spell one into a single word.

type synPhrase struct {
	group int32   // the group's term
	terms []int32 // the phrase's German terms, stop words left out
}

type synInfo struct {
	groups  []synGroup
	single  map[int32][]int32     // German term → group terms
	multi   map[int32][]synPhrase // first term of a phrase → phrases
	phrases []string              // multi-word keys, sorted
	display map[string]string     // member key → member as written
}

type synGroup struct {
	term int32
	keys []string
}

// synonyms analyses the groups: keys, terms and phrases of every member.
func (b *builder) synonyms(groups [][]string) synInfo {
	si := synInfo{single: map[int32][]int32{}, multi: map[int32][]synPhrase{}, display: map[string]string{}}
	phr := map[string]bool{}
	for gi, members := range groups {
		g := synGroup{term: b.term(fmt.Sprintf("~%d", gi))}
		for _, m := range members {
			var folded []string
			var terms []int32
			missing := false
			b.a.words(m, func(w string) {
				lower := b.a.lowerCase(w)
				folded = append(folded, b.a.fold(lower))
				st := b.a.german(lower)
				if st == "" {
					return
				}
				if t, ok := b.termIDs[st]; ok {
					terms = append(terms, t)
				} else {
					missing = true
				}
			})
			if len(folded) == 0 {
				continue
			}
			key := strings.Join(folded, " ")
			g.keys = append(g.keys, key)
			if d := strings.Join(strings.Fields(m), " "); d != key {
				si.display[key] = d
			}
			if len(folded) == 1 {
				if st := b.a.german(b.a.lowerCase(m)); st != "" && st != key {
					g.keys = append(g.keys, st)
				}
			} else if !phr[key] {
				phr[key] = true
				si.phrases = append(si.phrases, key)
			}
			switch {
			case missing || len(terms) == 0:
				// No system has every word of it: nothing to find at index time.
			case len(terms) == 1:
				si.single[terms[0]] = appendOnce(si.single[terms[0]], g.term)
			default:
				si.multi[terms[0]] = append(si.multi[terms[0]], synPhrase{g.term, terms})
			}
		}
		si.groups = append(si.groups, g)
	}
	sort.Strings(si.phrases)
	return si
}

func appendOnce(s []int32, t int32) []int32 {
	for _, x := range s {
		if x == t {
			return s
		}
	}
	return append(s, t)
}

// phraseAt reports whether the German words of a field, from i on, spell
// terms (stop words between them skipped, as the index skips them).
func (b *builder) phraseAt(words []int32, i int, terms []int32) bool {
	k := 0
	for j := i; j < len(words) && k < len(terms); j++ {
		de := b.words[words[j]].de
		if de < 0 {
			continue
		}
		if de != terms[k] {
			return false
		}
		k++
	}
	return k == len(terms)
}

// displayForms returns, for each key that is written otherwise, how the
// register writes it: among the words folded to the key, one with an
// umlaut or ß and not in capitals, first in byte order ("Bürgeramt"
// before "bürgeramt"); a key that is only a stem gets its shortest word
// ("Chatbots" for chatbot when the register never writes "Chatbot").
func (b *builder) displayForms(syn synInfo) map[string]string {
	better := func(a, c string) bool { // a better than c
		ra, rc := displayRank(a), displayRank(c)
		if ra != rc {
			return ra < rc
		}
		return a < c
	}
	own := map[string]string{}
	stem := map[string]string{}
	for w, id := range b.wordIDs {
		wi := &b.words[id]
		k := b.keys[wi.key]
		if cur, ok := own[k]; !ok || better(w, cur) {
			own[k] = w
		}
		if wi.seenDe && wi.de >= 0 {
			st := b.terms[wi.de]
			if cur, ok := stem[st]; !ok || len(w) < len(cur) || len(w) == len(cur) && better(w, cur) {
				stem[st] = w
			}
		}
	}
	out := map[string]string{}
	for k, d := range syn.display {
		out[k] = d
	}
	for k, d := range stem {
		out[k] = d
	}
	for k, d := range own {
		out[k] = d
	}
	for k, d := range out {
		if d == k {
			delete(out, k)
		}
	}
	return out
}

// displayRank orders spellings: 0 mixed or lower case with umlaut or ß,
// 1 without, 2 all capitals.
func displayRank(w string) int {
	upper := true
	for _, r := range w {
		if unicode.IsLower(r) {
			upper = false
			break
		}
	}
	if upper && utf8.RuneCountInString(w) > 1 {
		return 2
	}
	for _, r := range w {
		if r >= utf8.RuneSelf {
			return 0
		}
	}
	return 1
}
