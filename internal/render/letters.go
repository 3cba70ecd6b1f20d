package render

import (
	"strings"
	"unicode"

	"maki/internal/register"
)

// The groups of the A–Z order besides the letters A to Z: names that
// start with a digit, and names with no Latin letter or digit at all
// (other scripts, only punctuation, empty).
const (
	groupDigits = "0-9"
	groupOther  = "other"
)

// nameKey is a system's A–Z sort key and initial in one language.
type nameKey struct{ key, initial string }

// newNameKey is the one collation rule of every list: the sort key and the
// initial both come from collate, so they cannot disagree (see collate).
func newNameKey(name string) nameKey {
	key, ini := collate(name)
	return nameKey{key, ini}
}

// collate returns the A–Z sort key of a name and the group it is filed
// under, by one rule (DIN 5007-1, "Wörterbuch" order):
//
//   - leading characters that are neither letters nor digits (quotes,
//     brackets, punctuation, spaces, symbols) are ignored: „Frag Musti“ and
//     (Beta) file under F and B;
//   - case is ignored; ä, ö, ü count as a, o, u, ß as ss, and other Latin
//     letters with diacritics as their base letter (é as e, ł as l, æ as
//     ae); combining marks are dropped;
//   - a name whose first letter or digit is a digit files under "0-9"
//     (before A), one whose first letter is not Latin (Ω, Cyrillic, CJK) or
//     that has no letter or digit under "other" (after Z), else under its
//     letter "A" … "Z".
//
// The key starts with a byte that orders the groups (digits, letters,
// other), so each group is one run of the order and no heading repeats.
func collate(name string) (key, group string) {
	var b strings.Builder
	b.Grow(len(name) + 2)
	b.WriteString("1 ") // reserved for the group byte
	started := false
	for _, c := range name {
		if !started {
			if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
				continue
			}
			started = true
		}
		if unicode.Is(unicode.Mn, c) {
			continue // a combining mark: "a\u0308" is ä is a
		}
		c = unicode.ToLower(c)
		if c < 0x80 {
			b.WriteRune(c)
		} else if f, ok := latinFold[c]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(c)
		}
	}
	k := []byte(b.String())
	rest := k[2:]
	switch {
	case len(rest) > 0 && rest[0] >= 'a' && rest[0] <= 'z':
		group = string(rest[0] - 'a' + 'A')
		k[0] = '1'
	case len(rest) > 0 && rest[0] >= '0' && rest[0] <= '9':
		group = groupDigits
		k[0] = '0'
	default:
		group = groupOther
		k[0] = '2'
	}
	return string(k), group
}

// latinFold maps the lower-case Latin letters with diacritics (Latin-1
// Supplement, Latin Extended-A and the few of Extended-B and Additional
// in use) to their base letters, for collate.
var latinFold = func() map[rune]string {
	m := map[rune]string{}
	for base, letters := range map[string]string{
		"a":  "àáâãäåāăąǎǟǡǻȁȃȧạảấầẩẫậắằẳẵặ",
		"c":  "çćĉċč",
		"d":  "ďđð",
		"e":  "èéêëēĕėęěȅȇȩẹẻẽếềểễệ",
		"g":  "ĝğġģǧǵ",
		"h":  "ĥħ",
		"i":  "ìíîïĩīĭįıǐȉȋịỉ",
		"j":  "ĵǰ",
		"k":  "ķĸǩ",
		"l":  "ĺļľŀł",
		"n":  "ñńņňŉŋǹ",
		"o":  "òóôõöøōŏőơǒǫǭǿȍȏȫȭȯȱọỏốồổỗộớờởỡợ",
		"r":  "ŕŗřȑȓ",
		"s":  "śŝşšſșẛ",
		"t":  "ţťŧț",
		"u":  "ùúûüũūŭůűųưǔǖǘǚǜȕȗụủứừửữự",
		"w":  "ŵẁẃẅ",
		"y":  "ýÿŷỳỹỷỵ",
		"z":  "źżžƶ",
		"ae": "æǣǽ",
		"oe": "œ",
		"ij": "ĳ",
		"ss": "ß",
		"th": "þ",
	} {
		for _, c := range letters {
			m[c] = base
		}
	}
	return m
}()

// LetterLink is one entry of the letter bar of a list page.
type LetterLink struct {
	Letter string // "0-9", "A" … "Z" or "other"
	// Page is the number of the page holding the letter's first system, 0
	// when the list has no system under the letter.
	Page int
}

// letterIndex returns the letter bar of a whole list in A–Z order: "0-9"
// when some name starts with a digit, A to Z always (a letter with no
// system has Page 0), and "other" when some name has no Latin initial.
func letterIndex(systems []*register.System, keys map[*register.System]nameKey, size int) []LetterLink {
	first := map[string]int{}
	for i, s := range systems {
		if _, ok := first[keys[s].initial]; !ok {
			first[keys[s].initial] = i/size + 1
		}
	}
	var out []LetterLink
	if p, ok := first[groupDigits]; ok {
		out = append(out, LetterLink{groupDigits, p})
	}
	for c := 'A'; c <= 'Z'; c++ {
		out = append(out, LetterLink{string(c), first[string(c)]})
	}
	if p, ok := first[groupOther]; ok {
		out = append(out, LetterLink{groupOther, p})
	}
	return out
}

// LetterID returns the id of a letter's heading, the target of the letter
// bar's links: "letter-A" … "letter-Z", "letter-0-9" and "letter-other".
func (l *List) LetterID(letter string) string { return "letter-" + letter }

// LetterNav returns the letter bar of the page: every letter of the whole
// list, each with the page that holds its first system.
func (l *List) LetterNav() []LetterLink { return l.letters }
