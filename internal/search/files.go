package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Dir is where the index files go, relative to public/.
const Dir = "suche/index/"

// Sizes the files are cut to. A one-word query downloads meta.json, one
// dictionary shard, one postings pack and the summary chunks of the first
// results.
const (
	dictTarget = 6 << 10 // bytes of JSON per dictionary shard
	packTarget = 8 << 10 // bytes per postings pack (a larger term gets its own)
	chunkDocs  = 4       // systems per summary chunk
)

// facetNames are the filterable facets, in the order of the form.
var facetNames = []string{"status", "level", "state", "topic", "risk_class"}

// Files returns the static index files, keyed by path relative to public/
// (all under Dir). The same register gives the same bytes.
//
// Layout (every number is a doc number: systems sorted by folded German
// name, then id):
//
//	meta.json      {"v": version, "n": systems, "chunk": systems per chunk,
//	               "dict": [first key of each dictionary shard],
//	               "facets": {facet: {value: count}},
//	               "phr": [synonym phrases: folded words joined by " "]}
//	d/<i>.json     dictionary shard i: {"k": [[key, x…]…], "t": [[stem, df,
//	               idf×1000, pack, offset, length]…]}; keys are folded
//	               surface forms, sorted; each x is a number t ≥ 0 (an
//	               index into the shard's term list), -1 (the key is a
//	               stop word, though it has terms) or a string (how the
//	               register writes the key, for "Meinten Sie …?"); a key
//	               without terms is a stop word
//	p/<i>.bin      postings packs: per term a doc set followed by one
//	               impact byte per doc (score = factor × idf × impact)
//	f/<facet>/<value>.bin   doc set of a facet value
//	de/<i>.json, en/<i>.json  result summaries of docs i×chunk … (en/ only
//	               when the site is published in English):
//	               [[id, name, organisation, status, summary, flags,
//	               risk class]…], flags: 1 name, 2 organisation, 4 summary
//	               in the other language
//
// A doc set is either 0, a varint count and varint deltas, or 1 and a
// bitmap (bit d of byte d/8, least significant first), whichever is smaller.
func (ix *Index) Files() (map[string][]byte, error) {
	out := make(map[string][]byte, len(ix.files))
	for k, v := range ix.files {
		out[k] = v
	}
	return out, nil
}

func (ix *Index) encode() error {
	files := map[string][]byte{}

	// Postings packs, terms in order.
	order := make([]int, len(ix.terms))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return ix.terms[order[i]] < ix.terms[order[j]] })
	type loc struct{ pack, off, len int }
	locs := make([]loc, len(ix.terms))
	var pack bytes.Buffer
	np := 0
	flush := func() {
		if pack.Len() > 0 {
			files[fmt.Sprintf("%sp/%d.bin", Dir, np)] = bytes.Clone(pack.Bytes())
			pack.Reset()
			np++
		}
	}
	var blk []byte
	for _, t := range order {
		p := ix.post[t]
		if len(p.docs) == 0 {
			continue
		}
		blk = appendSet(blk[:0], p.docs)
		blk = append(blk, p.imps...)
		if pack.Len() > 0 && pack.Len()+len(blk) > packTarget {
			flush()
		}
		locs[t] = loc{np, pack.Len(), len(blk)}
		pack.Write(blk)
	}
	flush()

	// Dictionary shards.
	type shard struct {
		K [][]any `json:"k"`
		T [][]any `json:"t"`
	}
	var firsts []string
	var sh shard
	local := map[int32]int{}
	size := 0
	writeShard := func() error {
		if len(sh.K) == 0 {
			return nil
		}
		b, err := marshal(sh)
		if err != nil {
			return err
		}
		files[fmt.Sprintf("%sd/%d.json", Dir, len(firsts)-1)] = b
		sh = shard{}
		clear(local)
		size = 0
		return nil
	}
	for _, k := range ix.keys {
		if size >= dictTarget {
			if err := writeShard(); err != nil {
				return err
			}
		}
		if len(sh.K) == 0 {
			firsts = append(firsts, k.key)
			sh.K, sh.T = [][]any{}, [][]any{}
		}
		e := []any{k.key}
		size += len(k.key) + 6
		if k.display != "" {
			e = append(e, k.display)
			size += len(k.display) + 3
		}
		if k.stop && len(k.terms) > 0 {
			e = append(e, -1)
			size += 3
		}
		for _, t := range k.terms {
			li, ok := local[t]
			if !ok {
				li = len(sh.T)
				local[t] = li
				l := locs[t]
				sh.T = append(sh.T, []any{ix.terms[t], len(ix.post[t].docs), ix.idf[t], l.pack, l.off, l.len})
				size += len(ix.terms[t]) + 30
			}
			e = append(e, li)
			size += 3
		}
		sh.K = append(sh.K, e)
	}
	if err := writeShard(); err != nil {
		return err
	}

	// Facets.
	facetCounts := map[string]map[string]int{}
	for _, f := range facetNames {
		facetCounts[f] = map[string]int{}
		for v, docs := range ix.facets[f] {
			facetCounts[f][v] = len(docs)
			files[Dir+"f/"+f+"/"+facetFile(v)] = appendSet(nil, docs)
		}
	}

	// Summaries per language.
	for _, lang := range ix.langs {
		for c := 0; c*chunkDocs < ix.n; c++ {
			var rows [][]any
			for d := c * chunkDocs; d < ix.n && d < (c+1)*chunkDocs; d++ {
				ds := ix.docs[d]
				flags := 0
				name, l1 := ds.name.In(lang)
				org, l2 := ds.org.In(lang)
				sum, l3 := ds.summary.In(lang)
				if l1 != lang && name != "" {
					flags |= 1
				}
				if l2 != lang && org != "" {
					flags |= 2
				}
				if l3 != lang && sum != "" {
					flags |= 4
				}
				rows = append(rows, []any{ds.id, name, org, ds.status, sum, flags, ds.risk})
			}
			b, err := marshal(rows)
			if err != nil {
				return err
			}
			files[fmt.Sprintf("%s%s/%d.json", Dir, lang, c)] = b
		}
	}

	// meta.json, with a version over everything else for cache busting.
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(files[p]))
		h.Write(files[p])
	}
	meta := struct {
		V      string                    `json:"v"`
		N      int                       `json:"n"`
		Chunk  int                       `json:"chunk"`
		Dict   []string                  `json:"dict"`
		Facets map[string]map[string]int `json:"facets"`
		Phr    []string                  `json:"phr,omitempty"`
	}{hex.EncodeToString(h.Sum(nil))[:12], ix.n, chunkDocs, firsts, facetCounts, ix.phrases}
	if meta.Dict == nil {
		meta.Dict = []string{}
	}
	b, err := marshal(meta)
	if err != nil {
		return err
	}
	files[Dir+"meta.json"] = b
	ix.files = files
	ix.reader = newReader(func(p string) []byte { return files[p] })
	return nil
}

// facetFile is the file name of a facet value: lower case ("DE-BW" → "de-bw.bin").
func facetFile(v string) string { return strings.ToLower(v) + ".bin" }

// marshal is json.Marshal without HTML escaping (maps come out sorted).
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// appendSet appends the smaller encoding of the sorted doc numbers.
func appendSet(b []byte, docs []uint32) []byte {
	if len(docs) == 0 {
		return append(b, 0, 0)
	}
	bitmapLen := int(docs[len(docs)-1])/8 + 1
	deltaLen := uvarintLen(uint64(len(docs)))
	prev := uint32(0)
	for i, d := range docs {
		if i == 0 {
			deltaLen += uvarintLen(uint64(d))
		} else {
			deltaLen += uvarintLen(uint64(d - prev))
		}
		prev = d
	}
	if bitmapLen+uvarintLen(uint64(bitmapLen)) < deltaLen {
		b = append(b, 1)
		b = appendUvarint(b, uint64(bitmapLen))
		start := len(b)
		b = append(b, make([]byte, bitmapLen)...)
		for _, d := range docs {
			b[start+int(d>>3)] |= 1 << (d & 7)
		}
		return b
	}
	b = append(b, 0)
	b = appendUvarint(b, uint64(len(docs)))
	prev = 0
	for i, d := range docs {
		if i == 0 {
			b = appendUvarint(b, uint64(d))
		} else {
			b = appendUvarint(b, uint64(d-prev))
		}
		prev = d
	}
	return b
}

// readSet decodes a doc set at the start of b and returns the docs and the
// number of bytes read. It never panics on bad input.
func readSet(b []byte) ([]uint32, int) {
	if len(b) == 0 {
		return nil, 0
	}
	kind := b[0]
	i := 1
	v, n := readUvarint(b[i:])
	i += n
	if kind == 1 {
		end := i + int(v)
		if end > len(b) || end < i {
			return nil, len(b)
		}
		var docs []uint32
		for j := i; j < end; j++ {
			for bit := 0; bit < 8; bit++ {
				if b[j]&(1<<bit) != 0 {
					docs = append(docs, uint32((j-i)*8+bit))
				}
			}
		}
		return docs, end
	}
	count := int(v)
	if count > len(b) {
		count = len(b)
	}
	docs := make([]uint32, 0, count)
	prev := uint32(0)
	for k := 0; k < count && i < len(b); k++ {
		d, n := readUvarint(b[i:])
		i += n
		if k > 0 {
			d += uint64(prev)
		}
		prev = uint32(d)
		docs = append(docs, prev)
	}
	return docs, i
}

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

func appendUvarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func readUvarint(b []byte) (uint64, int) {
	var v uint64
	for i, c := range b {
		if i == 10 {
			return v, i
		}
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return v, i + 1
		}
	}
	return v, len(b)
}
