package search

import (
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"maki/internal/register"
)

// Field weights (BM25F): a word in the name counts as much as ten in the
// body. Compound parts count half of the word they were split from.
const (
	wName     = 10
	wTags     = 5
	wSummary  = 4
	wOrg      = 2
	wTopic    = 2
	wBody     = 1
	wMinor    = 0.5
	wCompound = 0.5

	k1 = 6.0 // term-frequency saturation, scaled to the weights above
	bl = 0.5 // length normalisation of the body
)

// Filter restricts a search to systems with the given facet values. Values
// within one facet combine with OR, facets with AND; an empty facet does
// not restrict.
type Filter struct {
	Status, Level, State, Topic, RiskClass []string
}

// Hit is one search result: a system id and its score. Scores are sums of
// precomputed integer contributions, so they are the same in the browser.
type Hit struct {
	ID    string
	Score float64
}

// Index is the search index of a register: built once by Build, it
// answers Search and Similar and serialises to static files with Files.
// It is safe for concurrent use.
type Index struct {
	n int
	// langs are the site's languages: result summaries are written for
	// these only (no en/ chunks for a German-only site).
	langs []string
	ids   []string // by doc number
	byID  map[string]int
	terms []string // by term number
	post  []postings
	idf   []int
	keys  []dictKey // sorted by key
	// facets maps facet name to value to doc numbers.
	facets    map[string]map[string][]uint32
	docs      []docSummary
	topics    [][]string  // by doc: topic ids, for Similar
	topicNums [][]uint16  // the same as small numbers
	similar   [][]uint32  // by doc: its simCached most similar docs
	topicMask []uint64    // by doc: topic numbers as bits, when there are ≤ 64 topics
	basedOn   []int32     // by doc: the doc it is based on, or -1
	top       [][]simTerm // by doc: its most distinctive terms, for Similar

	a *analyzer
	// phrases are the synonym list's multi-word keys (see synonyms.go).
	phrases []string

	files   map[string][]byte
	reader  *reader
	scratch chan []int64
}

type postings struct {
	docs []uint32
	imps []uint8
}

type dictKey struct {
	key   string
	terms []int32
	// stop marks a stop word of either language: dropped from what a
	// query requires, as at index time, whatever terms it also has.
	stop bool
	// display is how the key is written in the register ("Bürgeramt" for
	// burgeramt), for "Meinten Sie …?"; "" when it is the key itself.
	display string
}

type docSummary struct {
	id                 string
	name, org, summary register.Text
	status, risk       string
}

// field is one text of a system with its language and weight.
type field struct {
	lang   byte // 'd' German, 'e' English
	weight float32
	body   bool
	text   string
}

type wordInfo struct {
	key        int32 // key number
	de, en     int32 // term numbers, -1 for stop words
	folded     string
	seenDe     bool
	seenEn     bool
	parts      []int32
	partsReady bool
}

type docTokens struct {
	fields  []fieldTokens
	bodyLen int
}

type fieldTokens struct {
	body   bool
	lang   byte
	weight float32
	words  []int32
}

// blockDocs is how many systems one worker analyses at a time.
const blockDocs = 256

// parallel calls fn(0) … fn(n-1) on GOMAXPROCS goroutines.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// Build analyses every system of r (German and English fields) and builds
// the index and its static files.
func Build(r *register.Register) (*Index, error) {
	ix, err := buildFull(r)
	if err != nil {
		return nil, err
	}
	// Queries read the files and Similar its table; what only built them can go.
	ix.post, ix.top, ix.keys, ix.docs, ix.facets, ix.scratch = nil, nil, nil, nil, nil, nil
	return ix, nil
}

// buildFull is Build keeping the build-time tables (for tests).
func buildFull(r *register.Register) (*Index, error) {
	a, err := newAnalyzer()
	if err != nil {
		return nil, err
	}
	b := &builder{
		a:       a,
		wordIDs: map[string]int32{},
		keyIDs:  map[string]int32{},
		termIDs: map[string]int32{},
	}
	ix := b.build(r)
	ix.a = a
	ix.langs = r.Site.Langs()
	if err := ix.encode(); err != nil {
		return nil, err
	}
	ix.scratch = make(chan []int64, runtime.GOMAXPROCS(0))
	ix.precomputeSimilar()
	return ix, nil
}

type builder struct {
	a       *analyzer
	words   []wordInfo
	wordIDs map[string]int32
	keys    []string
	keyIDs  map[string]int32
	terms   []string
	termIDs map[string]int32
}

func (b *builder) term(t string) int32 {
	if t == "" {
		return -1
	}
	if id, ok := b.termIDs[t]; ok {
		return id
	}
	id := int32(len(b.terms))
	b.terms = append(b.terms, t)
	b.termIDs[t] = id
	return id
}

func (b *builder) key(k string) int32 {
	if id, ok := b.keyIDs[k]; ok {
		return id
	}
	id := int32(len(b.keys))
	b.keys = append(b.keys, k)
	b.keyIDs[k] = id
	return id
}

func (b *builder) word(w string) int32 {
	if id, ok := b.wordIDs[w]; ok {
		return id
	}
	lower := b.a.lowerCase(w)
	folded := b.a.fold(lower)
	wi := wordInfo{
		key:    b.key(folded),
		de:     b.term(b.a.german(lower)),
		en:     b.term(b.a.english(w)),
		folded: folded,
	}
	id := int32(len(b.words))
	b.words = append(b.words, wi)
	b.wordIDs[w] = id
	return id
}

func systemFields(r *register.Register, s *register.System) []field {
	var fs []field
	add := func(t register.Text, w float32, body bool) {
		if t.De != "" {
			fs = append(fs, field{'d', w, body, t.De})
		}
		if t.En != "" {
			fs = append(fs, field{'e', w, body, t.En})
		}
	}
	add(s.Name, wName, false)
	add(s.Summary, wSummary, false)
	if len(s.Tags) > 0 {
		fs = append(fs, field{'d', wTags, false, strings.Join(s.Tags, " ")})
	}
	if o := r.Organisation(s.Organisation); o != nil {
		add(o.Name, wOrg, false)
		if o.ShortName != "" {
			fs = append(fs, field{'d', wOrg, false, o.ShortName})
		}
	}
	for _, id := range s.Topics {
		if t := r.Topic(id); t != nil {
			add(t.Label, wTopic, false)
		}
	}
	add(s.Purpose, wBody, true)
	add(s.Description, wBody, true)
	for _, t := range []register.Text{s.Art63Grounds, s.OperatingLogic, s.HumanOversight, s.Risks, s.Cooperation} {
		add(t, wMinor, true)
	}
	for _, l := range s.LegalBasis {
		add(l.Title, wMinor, true)
	}
	var extra []string
	for _, m := range s.Models {
		extra = append(extra, m.Name, m.Provider)
	}
	extra = append(extra, s.Vendor)
	if x := strings.TrimSpace(strings.Join(extra, " ")); x != "" {
		fs = append(fs, field{'d', wMinor, true, x})
	}
	return fs
}

func foldName(a *analyzer, t register.Text) string {
	return a.fold(a.lowerCase(t.String()))
}

func (b *builder) build(r *register.Register) *Index {
	// Only the public view is indexed, whoever calls: a restricted system
	// (AI Act Art. 49(4)) is never found, ranked or called similar by a
	// withheld field, and no word of one reaches the index files.
	systems := make([]*register.System, len(r.Systems))
	for i, s := range r.Systems {
		systems[i] = s.Public()
	}
	names := make(map[*register.System]string, len(systems))
	for _, s := range systems {
		names[s] = foldName(b.a, s.Name)
	}
	sort.Slice(systems, func(i, j int) bool {
		ni, nj := names[systems[i]], names[systems[j]]
		if ni != nj {
			return ni < nj
		}
		return systems[i].ID < systems[j].ID
	})
	n := len(systems)
	ix := &Index{n: n, ids: make([]string, n), byID: make(map[string]int, n)}

	// Phase 1: tokenise every field (in parallel, in blocks of systems
	// with a local vocabulary each), then merge the vocabularies in system
	// order, analysing each new word once. Word and term numbers are thus
	// those of a serial run, whatever the number of CPUs.
	for d, s := range systems {
		ix.ids[d] = s.ID
		ix.byID[s.ID] = d
	}
	toks := make([]docTokens, n)
	type block struct {
		words []string // local vocabulary
		seen  []byte   // per local word: 1 German, 2 English
	}
	blocks := make([]block, (n+blockDocs-1)/blockDocs)
	parallel(len(blocks), func(bi int) {
		bl := &blocks[bi]
		local := make(map[string]int32, 4096)
		for d := bi * blockDocs; d < n && d < (bi+1)*blockDocs; d++ {
			var dt docTokens
			for _, f := range systemFields(r, systems[d]) {
				ft := fieldTokens{lang: f.lang, weight: f.weight, body: f.body}
				flag := byte(1)
				if f.lang == 'e' {
					flag = 2
				}
				b.a.words(f.text, func(w string) {
					id, ok := local[w]
					if !ok {
						id = int32(len(bl.words))
						local[w] = id
						bl.words = append(bl.words, w)
						bl.seen = append(bl.seen, 0)
					}
					bl.seen[id] |= flag
					ft.words = append(ft.words, id)
				})
				if f.body {
					dt.bodyLen += len(ft.words)
				}
				dt.fields = append(dt.fields, ft)
			}
			toks[d] = dt
		}
	})
	remaps := make([][]int32, len(blocks))
	for bi := range blocks {
		bl := &blocks[bi]
		remap := make([]int32, len(bl.words))
		for i, w := range bl.words {
			id := b.word(w)
			remap[i] = id
			if bl.seen[i]&1 != 0 {
				b.words[id].seenDe = true
			}
			if bl.seen[i]&2 != 0 {
				b.words[id].seenEn = true
			}
		}
		remaps[bi] = remap
		blocks[bi] = block{}
	}
	parallel(len(blocks), func(bi int) {
		remap := remaps[bi]
		for d := bi * blockDocs; d < n && d < (bi+1)*blockDocs; d++ {
			for _, ft := range toks[d].fields {
				for i, w := range ft.words {
					ft.words[i] = remap[w]
				}
			}
		}
	})

	// Phase 2: the compound dictionary is the register's own German vocabulary.
	cp := &compounder{words: map[string]bool{}, stems: map[string]bool{}, stem: b.a.stemGerman, memo: map[string][]string{}}
	for i := range b.words {
		w := &b.words[i]
		if w.seenDe && w.de >= 0 && len(w.folded) >= minPart {
			cp.words[w.folded] = true
			cp.stems[b.terms[w.de]] = true
		}
	}
	// …and maki's own word list, so that a compound splits whether or not
	// the register uses its parts alone.
	for _, p := range b.a.shippedParts() {
		if len(p) >= minPart && !b.a.deStop[p] {
			cp.words[p] = true
			cp.stems[b.a.stemGerman(p)] = true
		}
	}
	// Dictionary keys: every surface form maps to the terms it was
	// analysed to; stems are keys too, and stop words map to nothing.
	keyTerms := make([]map[int32]bool, 0, len(b.keys))
	addKey := func(k int32, t int32) {
		for int(k) >= len(keyTerms) {
			keyTerms = append(keyTerms, nil)
		}
		if t < 0 {
			return
		}
		if keyTerms[k] == nil {
			keyTerms[k] = map[int32]bool{}
		}
		keyTerms[k][t] = true
	}
	nw := len(b.words)
	var partKeys [][2]int32 // compound parts are keys too
	for i := 0; i < nw; i++ {
		w := &b.words[i]
		if w.seenDe {
			addKey(w.key, w.de)
			if w.de >= 0 {
				for _, p := range cp.split(w.folded) {
					t := b.term(b.a.stemGerman(p))
					w.parts = append(w.parts, t)
					partKeys = append(partKeys, [2]int32{b.key(p), t})
				}
			}
		}
		if w.seenEn {
			addKey(w.key, w.en)
		}
	}
	for i := 0; i < nw; i++ {
		w := b.words[i]
		if w.seenDe && w.de >= 0 {
			addKey(b.key(b.terms[w.de]), w.de)
		}
	}
	for _, pk := range partKeys {
		addKey(pk[0], pk[1])
	}
	stopKeys := map[int32]bool{}
	for _, m := range []map[string]bool{b.a.deStop, b.a.enStop} {
		for sw := range m {
			k := b.key(b.a.fold(sw))
			addKey(k, -1)
			stopKeys[k] = true
		}
	}
	// Synonym groups: one term per group, found by every member's key.
	syn := b.synonyms(r.Synonyms)
	for _, g := range syn.groups {
		for _, k := range g.keys {
			addKey(b.key(k), g.term)
		}
	}
	ix.phrases = syn.phrases
	// How each key is written: the register's own spelling of it (or of a
	// word stemmed to it), for "Meinten Sie …?".
	display := b.displayForms(syn)

	// Phase 3: weighted term frequencies, BM25F impacts, postings.
	var avg float64
	for _, dt := range toks {
		avg += float64(dt.bodyLen)
	}
	if n > 0 {
		avg /= float64(n)
	}
	if avg < 1 {
		avg = 1
	}
	nt := len(b.terms)
	type imp struct {
		term int32
		imp  uint8
	}
	perDoc := make([][]imp, n)
	parallel((n+blockDocs-1)/blockDocs, func(bi int) {
		tf := make([]float32, nt) // dense, reset through touched
		var touched []int32
		add := func(t int32, w float32) {
			if tf[t] == 0 {
				touched = append(touched, t)
			}
			tf[t] += w
		}
		for d := bi * blockDocs; d < n && d < (bi+1)*blockDocs; d++ {
			dt := toks[d]
			touched = touched[:0]
			// BM25F: only the body is normalised by its length, so a long
			// description does not weaken a match in the name.
			bodyNorm := float32(1 / (1 - bl + bl*float64(dt.bodyLen)/avg))
			for _, ft := range dt.fields {
				if ft.body {
					ft.weight *= bodyNorm
				}
				for i, wid := range ft.words {
					w := &b.words[wid]
					if ft.lang == 'd' {
						if w.de >= 0 {
							add(w.de, ft.weight)
							for _, p := range w.parts {
								add(p, ft.weight*wCompound)
								for _, g := range syn.single[p] {
									add(g, ft.weight*wCompound)
								}
							}
							for _, g := range syn.single[w.de] {
								add(g, ft.weight)
							}
							for _, ph := range syn.multi[w.de] {
								if b.phraseAt(ft.words, i, ph.terms) {
									add(ph.group, ft.weight)
								}
							}
						}
					} else if w.en >= 0 {
						add(w.en, ft.weight)
					}
				}
			}
			const norm = k1
			out := make([]imp, 0, len(touched))
			for _, t := range touched {
				f := tf[t]
				tf[t] = 0
				sat := float64(f) * (k1 + 1) / (float64(f) + norm)
				q := int(math.Round(255 * sat / (k1 + 1)))
				q = max(1, min(255, q))
				out = append(out, imp{t, uint8(q)})
			}
			perDoc[d] = out
			toks[d] = docTokens{}
		}
	})
	// Postings of exact size, carved from two arrays: no growth, no garbage.
	df := make([]int, nt)
	total := 0
	for _, ims := range perDoc {
		for _, x := range ims {
			df[x.term]++
		}
		total += len(ims)
	}
	allDocs, allImps := make([]uint32, total), make([]uint8, total)
	post := make([]postings, nt)
	off := 0
	for t := range post {
		post[t] = postings{docs: allDocs[off : off : off+df[t]], imps: allImps[off : off : off+df[t]]}
		off += df[t]
	}
	for d, ims := range perDoc {
		for _, x := range ims {
			p := &post[x.term]
			p.docs = append(p.docs, uint32(d))
			p.imps = append(p.imps, x.imp)
		}
		perDoc[d] = nil
	}
	ix.terms = b.terms
	ix.post = post
	ix.idf = make([]int, nt)
	for t := range post {
		df := float64(len(post[t].docs))
		idf := int(math.Round(1000 * math.Log(1+(float64(n)-df+0.5)/(df+0.5))))
		if idf < 1 {
			idf = 1
		}
		ix.idf[t] = idf
	}

	// Keys, sorted, each with its sorted terms (only terms with postings).
	for k, ks := range b.keys {
		dk := dictKey{key: ks, stop: stopKeys[int32(k)], display: display[ks]}
		if k < len(keyTerms) {
			for t := range keyTerms[k] {
				if len(post[t].docs) > 0 {
					dk.terms = append(dk.terms, t)
				}
			}
			if len(keyTerms[k]) > 0 && len(dk.terms) == 0 && !dk.stop {
				continue
			}
		}
		sort.Slice(dk.terms, func(i, j int) bool { return b.terms[dk.terms[i]] < b.terms[dk.terms[j]] })
		ix.keys = append(ix.keys, dk)
	}
	sort.Slice(ix.keys, func(i, j int) bool { return ix.keys[i].key < ix.keys[j].key })

	// Summaries, facets, topics.
	ix.basedOn = make([]int32, n)
	for d, s := range systems {
		ix.basedOn[d] = -1
		if o, ok := ix.byID[s.BasedOn]; ok && s.BasedOn != "" {
			ix.basedOn[d] = int32(o)
		}
	}
	ix.docs = make([]docSummary, n)
	ix.topics = make([][]string, n)
	ix.facets = map[string]map[string][]uint32{}
	addFacet := func(f, v string, d int) {
		if v == "" {
			return
		}
		m := ix.facets[f]
		if m == nil {
			m = map[string][]uint32{}
			ix.facets[f] = m
		}
		m[v] = append(m[v], uint32(d))
	}
	for d, s := range systems {
		ds := docSummary{id: s.ID, name: s.Name, summary: s.Summary, status: string(s.Status), risk: string(s.RiskClass)}
		if o := r.Organisation(s.Organisation); o != nil {
			ds.org = o.Name
			addFacet("level", string(o.Level), d)
			addFacet("state", o.State, d)
		}
		ix.docs[d] = ds
		addFacet("status", string(s.Status), d)
		addFacet("risk_class", string(s.RiskClass), d)
		seen := map[string]bool{}
		for _, t := range s.Topics {
			if !seen[t] {
				seen[t] = true
				addFacet("topic", t, d)
				ix.topics[d] = append(ix.topics[d], t)
			}
		}
	}
	ix.buildSimilar()
	return ix
}
