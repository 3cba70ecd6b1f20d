package search

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Match factors: how much a term found by each route counts. The browser
// script uses the same numbers; keep them in sync (browser_test.go checks).
const (
	factorExact  = 10 // the typed word itself (any of its surface forms)
	factorSuffix = 9  // a known word the typed word extends by ≤ 3 letters ("Chatbots" → chatbot)
	factorPrefix = 7  // a word the typed word begins ("Genehm" → genehmigung)
	factorTypo   = 6  // one letter wrong, missing, extra or swapped (words ≥ 6 letters)

	maxExpansions = 10 // prefix and typo candidates per word, most frequent first
)

// reader answers queries from the static files, exactly as the browser
// script does: it never looks at anything but the bytes of Files.
type reader struct {
	get    func(path string) []byte
	mu     sync.Mutex
	meta   *metaFile
	shards map[int]*shardFile
	packs  map[int][]byte
	sets   map[string][]uint32
}

type metaFile struct {
	V      string                    `json:"v"`
	N      int                       `json:"n"`
	Chunk  int                       `json:"chunk"`
	Dict   []string                  `json:"dict"`
	Facets map[string]map[string]int `json:"facets"`
	Phr    []string                  `json:"phr"`
}

type termRef struct {
	stem                   string
	df, idf, pack, off, ln int
}

type shardFile struct {
	keys    []string
	terms   [][]int // per key: indexes into refs
	stop    []bool  // per key: a stop word
	display []string
	refs    []termRef
}

func newReader(get func(string) []byte) *reader {
	return &reader{get: get, shards: map[int]*shardFile{}, packs: map[int][]byte{}, sets: map[string][]uint32{}}
}

func (r *reader) loadMeta() (*metaFile, error) {
	if r.meta != nil {
		return r.meta, nil
	}
	var m metaFile
	if err := json.Unmarshal(r.get(Dir+"meta.json"), &m); err != nil {
		return nil, fmt.Errorf("search index: meta.json: %w", err)
	}
	r.meta = &m
	return r.meta, nil
}

func (r *reader) shard(i int) (*shardFile, error) {
	if s, ok := r.shards[i]; ok {
		return s, nil
	}
	var raw struct {
		K [][]json.RawMessage `json:"k"`
		T [][]json.RawMessage `json:"t"`
	}
	if err := json.Unmarshal(r.get(fmt.Sprintf("%sd/%d.json", Dir, i)), &raw); err != nil {
		return nil, fmt.Errorf("search index: shard %d: %w", i, err)
	}
	s := &shardFile{}
	for _, t := range raw.T {
		var ref termRef
		if len(t) != 6 {
			return nil, fmt.Errorf("search index: shard %d: bad term", i)
		}
		json.Unmarshal(t[0], &ref.stem)
		for j, p := range []*int{&ref.df, &ref.idf, &ref.pack, &ref.off, &ref.ln} {
			json.Unmarshal(t[j+1], p)
		}
		s.refs = append(s.refs, ref)
	}
	for _, k := range raw.K {
		if len(k) == 0 {
			continue
		}
		var key, display string
		json.Unmarshal(k[0], &key)
		var ts []int
		stop := len(k) == 1
		for _, x := range k[1:] {
			if len(x) > 0 && x[0] == '"' {
				json.Unmarshal(x, &display)
				continue
			}
			t := -2
			json.Unmarshal(x, &t)
			if t == -1 {
				stop = true
			} else if t >= 0 && t < len(s.refs) {
				ts = append(ts, t)
			}
		}
		if len(ts) == 0 {
			stop = true // no terms: nothing to find, like a stop word
		}
		s.keys = append(s.keys, key)
		s.terms = append(s.terms, ts)
		s.stop = append(s.stop, stop)
		s.display = append(s.display, display)
	}
	r.shards[i] = s
	return s, nil
}

// postings returns the docs and impacts of a term.
func (r *reader) postings(t termRef) ([]uint32, []uint8) {
	p, ok := r.packs[t.pack]
	if !ok {
		p = r.get(fmt.Sprintf("%sp/%d.bin", Dir, t.pack))
		r.packs[t.pack] = p
	}
	if t.off < 0 || t.ln < 0 || t.off+t.ln > len(p) {
		return nil, nil
	}
	b := p[t.off : t.off+t.ln]
	docs, n := readSet(b)
	imps := b[n:]
	if len(imps) < len(docs) {
		docs = docs[:len(imps)]
	}
	return docs, imps
}

func (r *reader) facet(f, v string) []uint32 {
	p := Dir + "f/" + f + "/" + facetFile(v)
	s, ok := r.sets[p]
	if !ok {
		s, _ = readSet(r.get(p))
		r.sets[p] = s
	}
	return s
}

// shardOf returns the shard whose key range holds k.
func shardOf(dict []string, k string) int {
	i := sort.SearchStrings(dict, k) // first ≥ k
	if i < len(dict) && dict[i] == k {
		return i
	}
	if i > 0 {
		i--
	}
	return i
}

// prefixShards returns the shards that may hold keys beginning with p,
// at most one before and two after the shard of w (the typed word).
func prefixShards(dict []string, p, w string) (lo, hi int) {
	lo, hi = shardOf(dict, p), shardOf(dict, p)
	for hi+1 < len(dict) && strings.HasPrefix(dict[hi+1], p) {
		hi++
	}
	sw := shardOf(dict, w)
	if lo < sw-1 {
		lo = sw - 1
	}
	if hi > sw+2 {
		hi = sw + 2
	}
	return lo, hi
}

type termMatch struct {
	ref    termRef
	factor int
}

type candidate struct {
	key, display string
	terms        []termRef
	maxDF        int
}

// wordMatch is what one query word matched.
type wordMatch struct {
	ms []termMatch
	// stop: a stop word (of either language): the query does not require
	// it, as the index left it out of the text of its language.
	stop bool
	// fix is the register's spelling of the word the typed one is a typo
	// of, when it matched only as a typo: the "Meinten Sie …?".
	fix string
}

// endings are the inflection endings a typed word may have beyond a known
// word to match it as a stemmed form ("Chatbots" → chatbot); anything else
// ("chatbto" → chat) is no inflection.
var endings = []string{"e", "n", "s", "en", "er", "es", "em", "ern", "ens", "ed", "ing"}

func isEnding(s string) bool {
	for _, e := range endings {
		if s == e {
			return true
		}
	}
	return false
}

// matchWord resolves one folded query word to terms. live makes a found
// word also expand as a prefix (the word being typed).
func (r *reader) matchWord(w string, live bool) (wm wordMatch, err error) {
	m, err := r.loadMeta()
	if err != nil || len(m.Dict) == 0 {
		return wm, err
	}
	add := func(ts []termRef, factor int) {
	next:
		for _, t := range ts {
			for i := range wm.ms {
				if wm.ms[i].ref == t {
					if factor > wm.ms[i].factor {
						wm.ms[i].factor = factor
					}
					continue next
				}
			}
			wm.ms = append(wm.ms, termMatch{t, factor})
		}
	}
	si := shardOf(m.Dict, w)
	s, err := r.shard(si)
	if err != nil {
		return wm, err
	}
	exact := -1
	if i := sort.SearchStrings(s.keys, w); i < len(s.keys) && s.keys[i] == w {
		exact = i
	}
	rw := []rune(w)
	if exact >= 0 {
		add(s.refsOf(exact), factorExact)
		wm.stop = s.stop[exact]
		if !live {
			return wm, nil
		}
	}
	// Candidates from the shards around w sharing its first three letters
	// (its first letters, if shorter).
	p := w
	if len(rw) > 3 {
		p = string(rw[:3])
	}
	lo, hi := prefixShards(m.Dict, p, w)
	var prefix, typo []candidate
	var suffix *candidate
	for i := lo; i <= hi; i++ {
		s, err := r.shard(i)
		if err != nil {
			return wm, err
		}
		for j, k := range s.keys {
			if len(s.terms[j]) == 0 || k == w || !strings.HasPrefix(k, p) {
				continue
			}
			c := candidate{key: k, display: s.display[j], terms: s.refsOf(j)}
			for _, t := range c.terms {
				c.maxDF = max(c.maxDF, t.df)
			}
			rk := utf8.RuneCountInString(k)
			switch {
			case strings.HasPrefix(k, w):
				prefix = append(prefix, c)
			case exact >= 0:
			case strings.HasPrefix(w, k) && rk >= 4 && isEnding(w[len(k):]):
				if suffix == nil || len(k) > len(suffix.key) {
					suffix = &c
				}
			case len(rw) >= 6 && rk >= 5 && oneEdit(rw, []rune(k)):
				typo = append(typo, c)
			}
		}
	}
	for _, c := range best(prefix) {
		add(c.terms, factorPrefix)
	}
	if suffix != nil {
		add(suffix.terms, factorSuffix)
	}
	typo = best(typo)
	for _, c := range typo {
		add(c.terms, factorTypo)
	}
	if exact < 0 && suffix == nil && len(prefix) == 0 && len(typo) > 0 {
		wm.fix = typo[0].display
		if wm.fix == "" {
			wm.fix = typo[0].key
		}
	}
	return wm, nil
}

func (s *shardFile) refsOf(k int) []termRef {
	var ts []termRef
	for _, t := range s.terms[k] {
		ts = append(ts, s.refs[t])
	}
	return ts
}

// best returns the maxExpansions candidates with the most documents (ties:
// key order).
func best(cs []candidate) []candidate {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].maxDF != cs[j].maxDF {
			return cs[i].maxDF > cs[j].maxDF
		}
		return cs[i].key < cs[j].key
	})
	if len(cs) > maxExpansions {
		cs = cs[:maxExpansions]
	}
	return cs
}

// oneEdit reports whether a and b differ by exactly one substitution,
// insertion, deletion or swap of neighbouring letters, none of them in
// the first three letters.
func oneEdit(a, b []rune) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i < 3 {
		return false
	}
	if len(a) == len(b) {
		if i == len(a) {
			return false
		}
		if string(a[i+1:]) == string(b[i+1:]) {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && string(a[i+2:]) == string(b[i+2:])
	}
	return string(a[i:]) == string(b[i+1:])
}

// queryWords splits a query as the browser does: lower case, runs of
// letters and digits, at least two characters, folded, each once.
func queryWords(a *analyzer, q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !isWordRune(r) }) {
		if utf8.RuneCountInString(w) < 2 {
			continue
		}
		k := a.fold(w)
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// result is what a query found.
type result struct {
	docs   []uint32
	scores []int64
	// partial: no system matched every required word; docs are those that
	// matched the most of them (matched of words).
	partial        bool
	matched, words int
	// fixes maps a typed (folded) word to the register's spelling of the
	// word it is a typo of.
	fixes map[string]string
}

// joinPhrases joins neighbouring words that spell a synonym phrase into
// one word (its dictionary key), longest phrase first.
func joinPhrases(words, phrases []string) []string {
	if len(phrases) == 0 {
		return words
	}
	set := make(map[string]bool, len(phrases))
	for _, p := range phrases {
		set[p] = true
	}
	var out []string
	for i := 0; i < len(words); {
		n := 1
		for j := min(len(words), i+maxPhraseWords); j > i+1; j-- {
			if set[strings.Join(words[i:j], " ")] {
				n = j - i
				break
			}
		}
		out = append(out, strings.Join(words[i:i+n], " "))
		i += n
	}
	return out
}

// maxPhraseWords is the longest synonym phrase (load's limit).
const maxPhraseWords = 5

// query runs a search over the files. Every word that is not a stop word
// is required; stop words only add to the score. A system's score is the
// sum over the words of its best factor × idf × impact. Systems that
// match more words exactly or as a stemmed form (factor ≥ factorSuffix)
// come first, then higher scores, then lower doc numbers. When no system
// has every required word, the systems with the most of them are the
// result, marked partial. Facet values combine with OR within a facet and
// AND across facets.
func (r *reader) query(words []string, f Filter, live bool) (result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var res result
	m, err := r.loadMeta()
	if err != nil {
		return res, err
	}
	words = joinPhrases(words, m.Phr)
	type qword struct {
		ms       []termMatch
		required bool
	}
	var qs []qword
	required := 0
	for i, w := range words {
		wm, err := r.matchWord(w, live && i == len(words)-1)
		if err != nil {
			return res, err
		}
		if wm.fix != "" {
			if res.fixes == nil {
				res.fixes = map[string]string{}
			}
			res.fixes[w] = wm.fix
		}
		qs = append(qs, qword{wm.ms, !wm.stop})
		if !wm.stop {
			required++
		}
	}
	if required == 0 { // only stop words: take them as they are
		for i := range qs {
			if len(qs[i].ms) > 0 {
				qs[i].required = true
				required++
			}
		}
	}
	res.words = required
	var allow []bool // nil: no filter
	for _, fv := range []struct {
		name string
		vals []string
	}{{"status", f.Status}, {"level", f.Level}, {"state", f.State}, {"topic", f.Topic}, {"risk_class", f.RiskClass}} {
		if len(fv.vals) == 0 {
			continue
		}
		in := make([]bool, m.N)
		for _, v := range fv.vals {
			if _, ok := m.Facets[fv.name][v]; !ok {
				continue
			}
			for _, d := range r.facet(fv.name, v) {
				if int(d) < m.N {
					in[d] = true
				}
			}
		}
		if allow == nil {
			allow = in
		} else {
			for d := range allow {
				allow[d] = allow[d] && in[d]
			}
		}
	}
	if required == 0 {
		if allow != nil {
			for d, ok := range allow {
				if ok {
					res.docs = append(res.docs, uint32(d))
					res.scores = append(res.scores, 0)
				}
			}
		}
		return res, nil
	}
	// Dense arrays over all systems: the sum of the words' contributions,
	// how many required words matched and how many of them exactly or
	// stemmed; best is one word's best per system.
	sum := make([]int64, m.N)
	cnt := make([]uint16, m.N)
	strong := make([]uint16, m.N)
	best := make([]int64, m.N)
	isStrong := make([]bool, m.N)
	seen := make([]bool, m.N)
	var all, touched []uint32
	for _, qw := range qs {
		touched = touched[:0]
		for _, tm := range qw.ms {
			ds, imps := r.postings(tm.ref)
			mul := int64(tm.factor) * int64(tm.ref.idf)
			for j, d := range ds {
				if int(d) >= m.N {
					continue
				}
				c := mul * int64(imps[j])
				if best[d] == 0 {
					touched = append(touched, d)
				}
				if c > best[d] {
					best[d] = c
				}
				if tm.factor >= factorSuffix {
					isStrong[d] = true
				}
			}
		}
		for _, d := range touched {
			sum[d] += best[d]
			if qw.required {
				cnt[d]++
				if isStrong[d] {
					strong[d]++
				}
			}
			if !seen[d] {
				seen[d] = true
				all = append(all, d)
			}
			best[d], isStrong[d] = 0, false
		}
	}
	top := uint16(0)
	for _, d := range all {
		if allow == nil || allow[d] {
			top = max(top, cnt[d])
		}
	}
	if top == 0 {
		return res, nil
	}
	res.matched = int(top)
	res.partial = int(top) < required
	for _, d := range all {
		if cnt[d] == top && (allow == nil || allow[d]) {
			res.docs = append(res.docs, d)
		}
	}
	sort.Slice(res.docs, func(i, j int) bool {
		a, b := res.docs[i], res.docs[j]
		if strong[a] != strong[b] {
			return strong[a] > strong[b]
		}
		if sum[a] != sum[b] {
			return sum[a] > sum[b]
		}
		return a < b
	})
	res.scores = make([]int64, len(res.docs))
	for i, d := range res.docs {
		res.scores[i] = sum[d]
	}
	return res, nil
}

// Result is the answer to a query.
type Result struct {
	// Hits are the systems found, best first.
	Hits []Hit
	// Partial is set when no system matched every word: Hits are then
	// the systems matching the most words, Matched of Words.
	Partial        bool
	Matched, Words int
	// Suggestion is the query with each typo replaced by the word of the
	// register it is a typo of ("Meinten Sie …?"); "" when there is none.
	Suggestion string
}

// Query answers q and f as the browser script does, best first: every
// word that is not a stop word must match, as itself, a form of it, a
// synonym, a part of a compound, or (ranked below all these) as a prefix
// or with one typo; when no system matches every word, the systems that
// match the most words, marked Partial. An empty query with a filter lists
// the filtered systems A–Z.
func (ix *Index) Query(q string, f Filter) (Result, error) {
	return ix.query(q, f, false)
}

func (ix *Index) query(q string, f Filter, live bool) (Result, error) {
	res, err := ix.reader.query(queryWords(ix.a, q), f, live)
	if err != nil {
		return Result{}, err
	}
	out := Result{Partial: res.partial, Matched: res.matched, Words: res.words, Hits: make([]Hit, len(res.docs))}
	for i, d := range res.docs {
		out.Hits[i].Score = float64(res.scores[i])
		if int(d) < len(ix.ids) {
			out.Hits[i].ID = ix.ids[d]
		}
	}
	if len(res.fixes) > 0 {
		out.Suggestion = suggest(ix.a, q, res.fixes)
	}
	return out, nil
}

// suggest rewrites q with every word whose folded form fixes holds
// replaced by its fix, everything else kept as typed.
func suggest(a *analyzer, q string, fixes map[string]string) string {
	var b strings.Builder
	start := -1
	flush := func(end int) {
		w := q[start:end]
		if fix, ok := fixes[a.fold(strings.ToLower(w))]; ok {
			w = fix
		}
		b.WriteString(w)
		start = -1
	}
	for i, r := range q {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			flush(i)
		}
		b.WriteRune(r)
	}
	if start >= 0 {
		flush(len(q))
	}
	return strings.TrimSpace(b.String())
}

// Search returns up to n systems (all if n < 0) for q and f, best first:
// Query's hits.
func (ix *Index) Search(q string, f Filter, n int) []Hit {
	res, _ := ix.Query(q, f)
	hits := res.Hits
	if n >= 0 && len(hits) > n {
		hits = hits[:n]
	}
	return hits
}

// search runs a query; live treats the last word as still being typed.
func (ix *Index) search(q string, f Filter, live bool) ([]Hit, error) {
	res, err := ix.query(q, f, live)
	return res.Hits, err
}
