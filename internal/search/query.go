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
}

type termRef struct {
	stem                   string
	df, idf, pack, off, ln int
}

type shardFile struct {
	keys  []string
	terms [][]int // per key: indexes into refs
	refs  []termRef
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
		var key string
		json.Unmarshal(k[0], &key)
		var ts []int
		for _, x := range k[1:] {
			var t int
			json.Unmarshal(x, &t)
			if t >= 0 && t < len(s.refs) {
				ts = append(ts, t)
			}
		}
		s.keys = append(s.keys, key)
		s.terms = append(s.terms, ts)
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
	key   string
	terms []termRef
	maxDF int
}

// matchWord resolves one folded query word to terms. stop reports a stop
// word (to be ignored). live makes a found word also expand as a prefix
// (the word being typed).
func (r *reader) matchWord(w string, live bool) (ms []termMatch, stop bool, err error) {
	m, err := r.loadMeta()
	if err != nil || len(m.Dict) == 0 {
		return nil, false, err
	}
	add := func(ts []termRef, factor int) {
	next:
		for _, t := range ts {
			for i := range ms {
				if ms[i].ref == t {
					if factor > ms[i].factor {
						ms[i].factor = factor
					}
					continue next
				}
			}
			ms = append(ms, termMatch{t, factor})
		}
	}
	si := shardOf(m.Dict, w)
	s, err := r.shard(si)
	if err != nil {
		return nil, false, err
	}
	exact := -1
	if i := sort.SearchStrings(s.keys, w); i < len(s.keys) && s.keys[i] == w {
		exact = i
	}
	rw := []rune(w)
	if exact >= 0 {
		add(s.refsOf(exact), factorExact)
		stop = len(s.terms[exact]) == 0
		if !live {
			return ms, stop, nil
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
			return nil, false, err
		}
		for j, k := range s.keys {
			if len(s.terms[j]) == 0 || k == w || !strings.HasPrefix(k, p) {
				continue
			}
			c := candidate{key: k, terms: s.refsOf(j)}
			for _, t := range c.terms {
				c.maxDF = max(c.maxDF, t.df)
			}
			rk := utf8.RuneCountInString(k)
			switch {
			case strings.HasPrefix(k, w):
				prefix = append(prefix, c)
			case exact >= 0:
			case strings.HasPrefix(w, k) && rk >= 4 && len(rw)-rk <= 3:
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
	for _, c := range best(typo) {
		add(c.terms, factorTypo)
	}
	if len(ms) > 0 {
		stop = false
	}
	return ms, stop, nil
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

// query runs a search over the files: every word must match (stop words
// are ignored); a system's score is the sum over the words of its best
// factor × idf × impact; facet values combine with OR within a facet and
// AND across facets. Results are sorted by score, then doc number.
func (r *reader) query(words []string, f Filter, live bool) ([]Hit, []uint32, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, err := r.loadMeta()
	if err != nil {
		return nil, nil, err
	}
	var perWord [][]termMatch
	for i, w := range words {
		ms, stop, err := r.matchWord(w, live && i == len(words)-1)
		if err != nil {
			return nil, nil, err
		}
		if stop {
			continue
		}
		if len(ms) == 0 {
			return nil, nil, nil
		}
		perWord = append(perWord, ms)
	}
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
	var docs []uint32
	var sum []int64
	if len(perWord) == 0 {
		if allow == nil {
			return nil, nil, nil
		}
		for d, ok := range allow {
			if ok {
				docs = append(docs, uint32(d))
			}
		}
	} else {
		// Dense arrays over all systems: sum of the words' contributions
		// and how many words matched; best is one word's best per system.
		sum = make([]int64, m.N)
		cnt := make([]uint16, m.N)
		best := make([]int64, m.N)
		var touched []uint32
		for i, ms := range perWord {
			touched = touched[:0]
			for _, tm := range ms {
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
				}
			}
			for _, d := range touched {
				if int(cnt[d]) == i {
					sum[d] += best[d]
					cnt[d]++
				}
				best[d] = 0
			}
		}
		for _, d := range touched {
			if int(cnt[d]) == len(perWord) && (allow == nil || allow[d]) {
				docs = append(docs, d)
			}
		}
	}
	score := func(d uint32) int64 {
		if sum == nil {
			return 0
		}
		return sum[d]
	}
	sort.Slice(docs, func(i, j int) bool {
		si, sj := score(docs[i]), score(docs[j])
		if si != sj {
			return si > sj
		}
		return docs[i] < docs[j]
	})
	hits := make([]Hit, len(docs))
	for i, d := range docs {
		hits[i] = Hit{Score: float64(score(d))}
	}
	return hits, docs, nil
}

// Search returns up to n systems (all if n < 0) matching q and f, best
// first: the same ranking as the browser script over the same files.
// Every word must match, as itself or a form of it; a word not in the
// register may match as a prefix, a known word plus an ending, or with one
// typo. An empty query with a filter lists the filtered systems A–Z.
func (ix *Index) Search(q string, f Filter, n int) []Hit {
	hits, _ := ix.search(q, f, false)
	if n >= 0 && len(hits) > n {
		hits = hits[:n]
	}
	return hits
}

// search runs a query; live treats the last word as still being typed.
func (ix *Index) search(q string, f Filter, live bool) ([]Hit, error) {
	hits, docs, err := ix.reader.query(queryWords(ix.a, q), f, live)
	if err != nil {
		return nil, err
	}
	for i, d := range docs {
		if int(d) < len(ix.ids) {
			hits[i].ID = ix.ids[d]
		}
	}
	return hits, nil
}
