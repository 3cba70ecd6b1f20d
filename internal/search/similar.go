package search

import (
	"math/bits"
	"strings"
)

// simTerm is one of a system's most distinctive terms.
type simTerm struct {
	term   int32
	weight int64
}

const (
	simTerms      = 8      // distinctive terms kept per system
	simTopicBonus = 150000 // score of one shared topic, in term-score units
	simCached     = 10     // similar systems precomputed per system
	// A system it is based on, or one based on it, comes first.
	simBasedOnBonus = 1 << 40
)

// buildSimilar picks, for every system, the terms with the highest
// idf × impact among those shared with at least one other system and not
// so common that they say nothing (which also bounds the work of Similar).
func (ix *Index) buildSimilar() {
	maxDF := ix.n / 50
	if maxDF < 20 {
		maxDF = 20
	}
	if maxDF > 400 {
		maxDF = 400
	}
	ix.top = make([][]simTerm, ix.n)
	nums := map[string]uint16{}
	ix.topicNums = make([][]uint16, ix.n)
	for d, ts := range ix.topics {
		for _, t := range ts {
			if _, ok := nums[t]; !ok {
				nums[t] = uint16(len(nums))
			}
			ix.topicNums[d] = append(ix.topicNums[d], nums[t])
		}
	}
	if len(nums) <= 64 { // the usual case: topics as bits, shared ones by popcount
		ix.topicMask = make([]uint64, ix.n)
		for d, ts := range ix.topicNums {
			for _, t := range ts {
				ix.topicMask[d] |= 1 << t
			}
		}
	}
	for t, p := range ix.post {
		df := len(p.docs)
		if df < 2 || df > maxDF || strings.HasPrefix(ix.terms[t], "~") { // "~": synonym groups repeat other terms
			continue
		}
		for i, d := range p.docs {
			w := int64(ix.idf[t]) * int64(p.imps[i])
			ix.top[d] = pushTop(ix.top[d], simTerm{int32(t), w})
		}
	}
}

// pushTop keeps the simTerms highest weights, ties broken by term number
// (terms arrive in increasing order, so the earlier one stays).
func pushTop(s []simTerm, x simTerm) []simTerm {
	if len(s) < simTerms {
		s = append(s, x)
	} else if x.weight > s[len(s)-1].weight {
		s[len(s)-1] = x
	} else {
		return s
	}
	for i := len(s) - 1; i > 0 && s[i].weight > s[i-1].weight; i-- {
		s[i], s[i-1] = s[i-1], s[i]
	}
	return s
}

// Similar returns the ids of up to n (at most 10) systems most like the system id, for
// the "similar systems" of its page: systems sharing its distinctive terms
// and its topics, best first; then, if there are fewer than n, others of
// its first topic in A–Z order. It returns nil for an unknown id.
func (ix *Index) Similar(id string, n int) []string {
	d, ok := ix.byID[id]
	if !ok || n <= 0 {
		return nil
	}
	if ix.similar != nil {
		out := make([]string, 0, min(n, simCached))
		for _, o := range ix.similar[d] {
			if len(out) == n {
				break
			}
			out = append(out, ix.ids[o])
		}
		return out
	}
	return ix.similarOf(d, n)
}

// precomputeSimilar computes the simCached most similar systems of every
// system on all cores, so that the build's one call per page is a lookup.
func (ix *Index) precomputeSimilar() {
	sim := make([][]uint32, ix.n)
	parallel((ix.n+blockDocs-1)/blockDocs, func(bi int) {
		for d := bi * blockDocs; d < ix.n && d < (bi+1)*blockDocs; d++ {
			for _, id := range ix.similarOf(d, simCached) {
				sim[d] = append(sim[d], uint32(ix.byID[id]))
			}
		}
	})
	ix.similar = sim
}

// similarOf computes Similar for doc d.
func (ix *Index) similarOf(d, n int) []string {
	var acc []int64
	select {
	case acc = <-ix.scratch:
	default:
		acc = make([]int64, ix.n)
	}
	var touched []uint32
	for _, o := range []int32{ix.basedOn[d]} {
		if o >= 0 && int(o) != d {
			touched = append(touched, uint32(o))
			acc[o] = 1 // marks it touched
		}
	}
	for _, st := range ix.top[d] {
		p := ix.post[st.term]
		idf := int64(ix.idf[st.term])
		for i, o := range p.docs {
			if int(o) == d {
				continue
			}
			if acc[o] == 0 {
				touched = append(touched, o)
			}
			acc[o] += idf * int64(p.imps[i])
		}
	}
	// Keep the n best (score desc, doc asc) by insertion: n is small.
	type cand struct {
		doc   uint32
		score int64
	}
	better := func(a, b cand) bool { return a.score > b.score || a.score == b.score && a.doc < b.doc }
	cs := make([]cand, 0, n+1)
	for _, o := range touched {
		var shared int
		if ix.topicMask != nil {
			shared = bits.OnesCount64(ix.topicMask[d] & ix.topicMask[o])
		} else {
			shared = sharedTopics(ix.topicNums[d], ix.topicNums[o])
		}
		c := cand{o, acc[o] + simTopicBonus*int64(shared)}
		if ix.basedOn[d] == int32(o) || ix.basedOn[o] == int32(d) {
			c.score += simBasedOnBonus
		}
		acc[o] = 0
		if len(cs) == n && !better(c, cs[n-1]) {
			continue
		}
		i := len(cs)
		if i < n {
			cs = append(cs, c)
		} else {
			i = n - 1
			cs[i] = c
		}
		for ; i > 0 && better(cs[i], cs[i-1]); i-- {
			cs[i], cs[i-1] = cs[i-1], cs[i]
		}
	}
	select {
	case ix.scratch <- acc:
	default:
	}
	var out []string
	seen := map[uint32]bool{uint32(d): true}
	for _, c := range cs {
		if len(out) == n {
			return out
		}
		out = append(out, ix.ids[c.doc])
		seen[c.doc] = true
	}
	if len(ix.topics[d]) > 0 {
		for _, o := range ix.facets["topic"][ix.topics[d][0]] {
			if len(out) == n {
				break
			}
			if !seen[o] {
				out = append(out, ix.ids[o])
			}
		}
	}
	return out
}

func sharedTopics(a, b []uint16) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if x == y {
				n++
			}
		}
	}
	return n
}
