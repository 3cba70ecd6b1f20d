package register

import (
	"hash/maphash"
	"iter"
	"slices"
	"sort"
)

// Positions records where the fields of one entry stand in its file (the
// entry's Meta.File): for every dotted field path ("status",
// "assessments.0.type", "name.de") the line and column of its value and of
// its key, and whether the value is a YAML block scalar.
//
// It is compact because the loader keeps one for every entry, 100,000 of
// them for a large register: the paths are a sorted slice of strings that
// entries with the same fields share (PosBuilder interns them), and the
// positions are four numbers per path. A lookup is a binary search. The zero
// value has no positions; a Positions is not changed after it is built.
// Files whose lines and columns all stay below 32,768 (all but freak ones)
// take two bytes a number instead of four.
type Positions struct {
	paths []string // sorted, without duplicates; shared, never written
	at    []uint32 // per path: value line, value col, key line, key col
	at16  []uint16 // at in 16 bits (flags in bit 15), instead of at when all fit
}

// word returns at[k], from at16 when the table is narrow.
func (t *Positions) word(k int) uint32 {
	if t.at16 != nil {
		w := uint32(t.at16[k])
		return w&(1<<15-1) | (w>>15)<<31
	}
	return t.at[k]
}

// Flag bits in at: hasPos on a line marks the position as present (so that
// any line, even 0, can be recorded); isBlock on the value column marks a
// block scalar. Lines and columns keep the other 31 bits.
const (
	hasPos  = 1 << 31
	isBlock = 1 << 31
	posMask = 1<<31 - 1
)

func (t *Positions) find(path string) int {
	i := sort.SearchStrings(t.paths, path)
	if i < len(t.paths) && t.paths[i] == path {
		return i
	}
	return -1
}

// value returns the value position at path (without the file name).
func (t *Positions) value(path string) (line, col int, ok bool) {
	i := t.find(path)
	if i < 0 || t.word(4*i)&hasPos == 0 {
		return 0, 0, false
	}
	return int(t.word(4*i) & posMask), int(t.word(4*i+1) & posMask), true
}

// key returns the key position at path (without the file name).
func (t *Positions) key(path string) (line, col int, ok bool) {
	i := t.find(path)
	if i < 0 || t.word(4*i+2)&hasPos == 0 {
		return 0, 0, false
	}
	return int(t.word(4*i+2) & posMask), int(t.word(4*i + 3)), true
}

func (t *Positions) block(path string) bool {
	i := t.find(path)
	return i >= 0 && t.word(4*i+1)&isBlock != 0
}

// Len returns the number of paths with a value or key position.
func (t *Positions) Len() int { return len(t.paths) }

// PosBuilder collects the positions of one entry at a time and builds its
// Positions. Its zero value is ready to use. Between entries it keeps the
// path strings and sorted path lists it has built before, so that entries
// with the same fields share them; one builder serves one load and is not
// safe for concurrent use.
type PosBuilder struct {
	index map[string]int // path → position in paths/at of the current entry
	paths []string
	at    []uint32

	strs   map[string]string   // interned path strings
	shapes map[uint64][]string // interned sorted path lists, by hash
	seed   maphash.Seed
}

func (b *PosBuilder) slot(path string) int {
	if i, ok := b.index[path]; ok {
		return i
	}
	if b.index == nil {
		b.index = map[string]int{}
		b.strs = map[string]string{}
		b.shapes = map[uint64][]string{}
		b.seed = maphash.MakeSeed()
	}
	if s, ok := b.strs[path]; ok {
		path = s
	} else {
		b.strs[path] = path
	}
	i := len(b.paths)
	b.index[path] = i
	b.paths = append(b.paths, path)
	b.at = append(b.at, 0, 0, 0, 0)
	return i
}

// clamp keeps a line or column inside the 31 bits Positions has for it.
func clamp(n int) uint32 {
	return uint32(min(max(n, 0), posMask))
}

// Value records the position of the value at path.
func (b *PosBuilder) Value(path string, line, col int) {
	i := b.slot(path)
	b.at[4*i] = clamp(line) | hasPos
	b.at[4*i+1] = b.at[4*i+1]&isBlock | clamp(col)
}

// Key records the position of the key at path.
func (b *PosBuilder) Key(path string, line, col int) {
	i := b.slot(path)
	b.at[4*i+2] = clamp(line) | hasPos
	b.at[4*i+3] = clamp(col)
}

// Block marks the value at path as a YAML block scalar (| or >).
func (b *PosBuilder) Block(path string) {
	i := b.slot(path)
	b.at[4*i+1] |= isBlock
}

// Forget drops the value position at path; its key position and block
// mark stay.
func (b *PosBuilder) Forget(path string) {
	if i, ok := b.index[path]; ok {
		b.at[4*i] = 0
		b.at[4*i+1] &= isBlock
	}
}

// HasValue reports whether a value position was recorded at path.
func (b *PosBuilder) HasValue(path string) bool {
	i, ok := b.index[path]
	return ok && b.at[4*i]&hasPos != 0
}

// KeyOf returns the key position recorded at path.
func (b *PosBuilder) KeyOf(path string) (line, col int, ok bool) {
	i, ok := b.index[path]
	if !ok || b.at[4*i+2]&hasPos == 0 {
		return 0, 0, false
	}
	return int(b.at[4*i+2] & posMask), int(b.at[4*i+3]), true
}

// IsBlock reports whether the value at path was marked a block scalar.
func (b *PosBuilder) IsBlock(path string) bool {
	i, ok := b.index[path]
	return ok && b.at[4*i+1]&isBlock != 0
}

// Positions returns the positions recorded since the last call and starts
// a new entry.
func (b *PosBuilder) Positions() Positions {
	n := len(b.paths)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		switch {
		case b.paths[x] < b.paths[y]:
			return -1
		case b.paths[x] > b.paths[y]:
			return 1
		}
		return 0
	})
	t := Positions{paths: make([]string, n)}
	narrow := true
	for _, w := range b.at {
		narrow = narrow && w&posMask < 1<<15
	}
	if narrow {
		t.at16 = make([]uint16, 4*n)
	} else {
		t.at = make([]uint32, 4*n)
	}
	for k, i := range order {
		t.paths[k] = b.paths[i]
		for j := range 4 {
			if w := b.at[4*i+j]; narrow {
				t.at16[4*k+j] = uint16(w&posMask | (w>>31)<<15)
			} else {
				t.at[4*k+j] = w
			}
		}
	}
	if n > 0 {
		var h maphash.Hash
		h.SetSeed(b.seed)
		for _, p := range t.paths {
			h.WriteString(p)
			h.WriteByte(0)
		}
		sum := h.Sum64()
		if shared, ok := b.shapes[sum]; !ok {
			b.shapes[sum] = t.paths
		} else if slices.Equal(shared, t.paths) {
			t.paths = shared
		}
	}
	clear(b.index)
	b.paths, b.at = b.paths[:0], b.at[:0]
	return t
}

// ValuePositions yields every field path with the position of its value,
// in the order of the paths.
func (m *Meta) ValuePositions() iter.Seq2[string, Pos] {
	return func(yield func(string, Pos) bool) {
		t := &m.Positions
		for i, p := range t.paths {
			if t.word(4*i)&hasPos == 0 {
				continue
			}
			if !yield(p, Pos{File: m.File, Line: int(t.word(4*i) & posMask), Col: int(t.word(4*i+1) & posMask)}) {
				return
			}
		}
	}
}

// KeyPositions yields every field path with the position of its key, in
// the order of the paths.
func (m *Meta) KeyPositions() iter.Seq2[string, Pos] {
	return func(yield func(string, Pos) bool) {
		t := &m.Positions
		for i, p := range t.paths {
			if t.word(4*i+2)&hasPos == 0 {
				continue
			}
			if !yield(p, Pos{File: m.File, Line: int(t.word(4*i+2) & posMask), Col: int(t.word(4*i + 3))}) {
				return
			}
		}
	}
}
