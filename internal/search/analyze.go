package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
)

// extraGermanStops are words bleve's German list (Snowball's) lacks: it has
// the old spelling "daß" but not "dass", and none of the abbreviations and
// auxiliaries that fill administrative prose.
var extraGermanStops = []string{
	"dass", "sowie", "bzw", "usw", "ggf", "bspw", "zb", "dh", "ua", "vgl", "etc",
	"wurde", "wurden", "worden", "sollen", "müssen", "mehr", "bereits", "beim",
	"seit", "ab", "deren", "wer", "wem", "wen", "jedoch", "sowohl", "etwa", "ca",
	"hierzu", "hierbei", "dabei", "dafür", "dadurch", "daher", "darauf", "darüber",
	"diesem", "innen", "sodass", "ohne", "zudem", "außerdem", "somit", "derzeit",
}

// analyzer holds bleve's analysis components. Every filter bleve applies is
// local to one token, so results are cached per raw token (see vocab): the
// corpus is tokenised once and each distinct word analysed once.
type analyzer struct {
	lower  analysis.TokenFilter
	deStop analysis.TokenMap
	enStop analysis.TokenMap
	deNorm analysis.TokenFilter
	deStem analysis.TokenFilter
	enPoss analysis.TokenFilter
	enStem analysis.TokenFilter
}

func newAnalyzer() (*analyzer, error) {
	deStop, err := de.TokenMapConstructor(nil, nil)
	if err != nil {
		return nil, err
	}
	for _, w := range extraGermanStops {
		deStop.AddToken(w)
	}
	enStop, err := en.TokenMapConstructor(nil, nil)
	if err != nil {
		return nil, err
	}
	return &analyzer{
		lower:  lowercase.NewLowerCaseFilter(),
		deStop: deStop,
		enStop: enStop,
		deNorm: de.NewGermanNormalizeFilter(),
		deStem: de.NewGermanLightStemmerFilter(),
		enPoss: en.NewPossessiveFilter(),
		enStem: porter.NewPorterStemmer(),
	}, nil
}

// words calls fn for every word of text: every maximal run of letters,
// digits and combining marks of at least two characters. This is the
// browser script's rule (one regular expression), applied here too so that
// both sides see the same words; bleve's UAX #29 tokenizer splits Latin
// text the same way but takes ten times as long.
func (a *analyzer) words(text string, fn func(w string)) {
	start := -1
	for i := 0; i < len(text); {
		c := text[i]
		word, size := false, 1
		if c < utf8.RuneSelf {
			word = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			word = isWordRune(r)
		}
		if word {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			emit(text[start:i], fn)
			start = -1
		}
		i += size
	}
	if start >= 0 {
		emit(text[start:], fn)
	}
}

func emit(w string, fn func(string)) {
	if utf8.RuneCountInString(w) > 1 && len(w) <= 64 {
		fn(w)
	}
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func (a *analyzer) run(f analysis.TokenFilter, term []byte) []byte {
	ts := f.Filter(analysis.TokenStream{&analysis.Token{Term: term}})
	if len(ts) == 0 {
		return nil
	}
	return ts[0].Term
}

// lowerCase is bleve's lower-case filter on one word.
func (a *analyzer) lowerCase(w string) string {
	return string(a.run(a.lower, []byte(w)))
}

// fold turns a lower-case word into its dictionary key: bleve's German
// normalisation (ä→a, ö→o, ü→u, ß→ss, and ae/oe/ue→a/o/u where they stand
// for umlauts). The browser computes the same key from what is typed.
func (a *analyzer) fold(lower string) string {
	return string(a.run(a.deNorm, []byte(lower)))
}

// german returns the German term of a lower-case word ("" for stop words):
// bleve's German analyzer minus the tokenizer: stop words, normalisation,
// light stemming.
func (a *analyzer) german(lower string) string {
	if a.deStop[lower] {
		return ""
	}
	t := a.run(a.deNorm, []byte(lower))
	t = a.run(a.deStem, t)
	return string(t)
}

// stemGerman applies only the light stemmer to a folded word.
func (a *analyzer) stemGerman(folded string) string {
	return string(a.run(a.deStem, []byte(folded)))
}

// english returns the English term of a word ("" for stop words): bleve's
// English analyzer minus the tokenizer: possessive, lower case, stop words,
// Porter stemmer.
func (a *analyzer) english(word string) string {
	t := a.run(a.enPoss, []byte(word))
	t = a.run(a.lower, t)
	if len(t) == 0 || a.enStop[string(t)] {
		return ""
	}
	return string(a.run(a.enStem, t))
}

// linkers are the German linking elements (Fugenelemente) allowed between
// the parts of a compound.
var linkers = []string{"s", "es", "n", "en", "e", "er"}

// compounder splits German compounds into words of the register's own
// vocabulary and of maki's word list (compounds.go), in the manner of bleve's dict_compound filter (a dictionary
// of known words looked up at every position), with a segmentation step it
// lacks: a word is split only if it can be read completely as known parts
// joined by linking elements, so "Baugenehmigungsverfahren" becomes bau,
// genehmigung, verfahren but "Beratung" does not yield "rat".
type compounder struct {
	words map[string]bool // folded words of the corpus (len ≥ 3, no stop words)
	stems map[string]bool // their German stems
	stem  func(string) string
	memo  map[string][]string
}

const (
	minPart     = 3  // shortest part, in bytes of the folded word
	maxPart     = 24 // longest part
	minCompound = 7  // shortest word worth splitting
)

// split returns the known parts of w (folded) and, recursively, of its
// parts; nil if w is not a compound of known words.
func (c *compounder) split(w string) []string {
	if len(w) < minCompound || len(w) > 64 {
		return nil
	}
	if p, ok := c.memo[w]; ok {
		return p
	}
	parts := c.segment(w, false)
	if parts == nil {
		parts = c.segment(w, true)
	}
	var out []string
	for _, p := range parts {
		if p == "" {
			continue
		}
		out = append(out, p)
		out = append(out, c.split(p)...)
	}
	c.memo[w] = out
	return out
}

// segment reads w as the cheapest sequence of at least two parts joined by
// linking elements. Strictly, every part is a known word of at least
// minPart bytes. Relaxed, a part may also be an unknown stretch (cost 3,
// so known words are preferred; never two in a row), but then known parts
// need at least minKnown bytes; unknown parts come back as "", except a
// final one of at least minKnown bytes. Ties prefer
// a longer first part.
func (c *compounder) segment(w string, relaxed bool) []string {
	const (
		minKnown    = 5
		costKnown   = 1
		costUnknown = 3
		inf         = 1 << 30
	)
	type state struct {
		cost, from, end, fromU int
		known                  bool
	}
	n := len(w)
	// st[i][u]: cheapest reading of w[:i]; u = 1 if its last part is unknown.
	st := make([][2]state, n+1)
	for i := range st {
		st[i][0].cost, st[i][1].cost = inf, inf
	}
	st[0][0].cost = 0
	minLen := minPart
	if relaxed {
		minLen = minKnown
	}
	for p := 0; p < n; p++ {
		if !utf8.RuneStart(w[p]) {
			continue
		}
		for u := 0; u < 2; u++ {
			if st[p][u].cost == inf {
				continue
			}
			hi := min(p+maxPart, n)
			for e := hi; e >= p+minPart; e-- {
				if (e < n && !utf8.RuneStart(w[e])) || (p == 0 && e == n) {
					continue
				}
				part := w[p:e]
				ok := len(part) >= minLen && c.words[part]
				if !ok && e == n && len(part) >= minLen {
					ok = c.stems[c.stem(part)]
				}
				cost, nu := costKnown, 0
				if !ok {
					if !relaxed || u == 1 {
						continue
					}
					cost, nu = costUnknown, 1
				}
				next := []int{e}
				if ok {
					for _, l := range linkers {
						if e < n && strings.HasPrefix(w[e:], l) && e+len(l) < n {
							next = append(next, e+len(l))
						}
					}
				}
				for _, q := range next {
					if c := st[p][u].cost + cost; c < st[q][nu].cost {
						st[q][nu] = state{cost: c, from: p, end: e, fromU: u, known: ok}
					}
				}
			}
		}
	}
	u := 0
	if st[n][1].cost < st[n][0].cost {
		u = 1
	}
	if st[n][u].cost == inf {
		return nil
	}
	var parts []string
	for q := n; q > 0; {
		s := st[q][u]
		if s.known || (q == n && s.end-s.from >= minKnown) {
			// Known, or the final part: the head of a German compound
			// ("Straßenparkplätze" → parkplatze), worth finding even
			// when the register never uses it alone.
			parts = append(parts, w[s.from:s.end])
		} else {
			parts = append(parts, "")
		}
		q, u = s.from, s.fromU
	}
	if len(parts) < 2 {
		return nil
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return parts
}
