package load

import (
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"maki/internal/register"
)

// The expansion budget. yaml.v3 parses an alias into a pointer to its
// anchor's node, and the decoder copies what the pointer stands for at
// every use, so a small file can stand for a huge one ("billion laughs").
// inspect measures a document's expanded size — one per node plus the
// bytes of every scalar, each alias counted as the whole value it stands
// for — and refuses a document whose expanded size exceeds
//
//	min(expandMax, max(expandMin, expandFactor × the file's size in bytes))
//
// Without aliases a document's expanded size stays below 2× its file's
// size ("{a, b}" is the densest form), so only aliases can reach the
// budget; real files use a few aliases of small blocks, a few kilobytes.
const (
	expandFactor = 4
	expandMin    = 256 << 10 // 256 KiB: small files may repeat freely
	expandMax    = 16 << 20  // 16 MiB: no file expands further, however big
)

// expandBudget is the largest expanded size allowed for a file of size bytes.
func expandBudget(size int) int {
	return min(expandMax, max(expandMin, expandFactor*size))
}

// inspector walks a parsed YAML document once, before it is decoded,
// following no alias: each node is visited once, so the walk is linear in
// the file's size. It measures the expanded size against the budget,
// finds aliases that lie inside their own anchor's value, reports keys
// given twice in any mapping (and removes the later ones, so that the
// decoder sees the first) and control characters in any scalar.
type inspector struct {
	file       string
	data       []byte // the YAML text the node positions count in
	lineOffset int    // added to the lines of data to give file lines
	errs       *register.ErrorList

	budget int
	total  int                // expanded size walked so far
	sizes  map[*yaml.Node]int // expanded size of each anchored node walked; -1 while inside it
	failed bool               // the document must not be decoded

	loc locator
}

// inspect checks the document whose top node is n (lines already shifted
// by lineOffset) and reports whether it may be decoded: false when an
// alias exceeds the budget or refers to a value that contains it.
func inspect(file string, data []byte, lineOffset int, n *yaml.Node, errs *register.ErrorList) bool {
	in := &inspector{file: file, data: data, lineOffset: lineOffset, errs: errs, budget: expandBudget(len(data))}
	in.loc.data = data
	in.walk(n, "", true)
	return !in.failed
}

// sizeCap keeps sums of sizes from overflowing once the budget is gone.
const sizeCap = 1 << 40

func (in *inspector) pos(n *yaml.Node) register.Pos {
	return register.Pos{File: in.file, Line: n.Line, Col: n.Column}
}

// walk checks n and returns its expanded size. path is the dotted field
// path the decoder gives n; top says n is the file's top node, whose list
// items (the topics of themen.yaml) are entries of their own.
func (in *inspector) walk(n *yaml.Node, path string, top bool) int {
	if n.Kind == yaml.AliasNode {
		return in.alias(n, path)
	}
	if n.Anchor != "" {
		if in.sizes == nil {
			in.sizes = map[*yaml.Node]int{}
		}
		in.sizes[n] = -1
	}
	size := 1 + len(n.Value)
	in.total = min(in.total+size, sizeCap)
	switch n.Kind {
	case yaml.ScalarNode:
		in.control(n, path)
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := path
			if !top {
				p = join(path, strconv.Itoa(i))
			}
			size = min(size+in.walk(c, p, false), sizeCap)
		}
	case yaml.MappingNode:
		size = min(size+in.mapping(n, path), sizeCap)
	case yaml.DocumentNode:
		for _, c := range n.Content {
			size = min(size+in.walk(c, path, top), sizeCap)
		}
	}
	if n.Anchor != "" {
		in.sizes[n] = size
	}
	return size
}

// alias counts an alias as the value it stands for.
func (in *inspector) alias(n *yaml.Node, path string) int {
	t := n.Alias
	if t == nil {
		return 1
	}
	size, ok := in.sizes[t]
	if !ok || size < 0 {
		// yaml.v3 registers an anchor before parsing its value, so
		// "&a [*a]" is a value that contains itself: its expansion never ends.
		in.errs.Add(in.pos(n), path, "alias", "alias \"*%s\" lies inside the value of its own anchor \"&%[1]s\" (line %d); want aliases only to values that end before them", anchorName(n.Value), t.Line)
		in.failed = true
		return 1
	}
	if !in.failed && in.total+size > in.budget {
		in.errs.Add(in.pos(n), path, "alias", "alias \"*%s\" makes the file expand to more than %d bytes, its budget (%d × its %d bytes, at least %d KiB, at most %d MiB); want fewer or smaller aliases", anchorName(n.Value), in.budget, expandFactor, len(in.data), expandMin>>10, expandMax>>20)
		in.failed = true
	}
	in.total = min(in.total+size, sizeCap)
	return size
}

// mapping walks the keys and values of n, reports keys given twice (both
// positions, each naming the other) and drops the later ones from n.
func (in *inspector) mapping(n *yaml.Node, path string) int {
	size := 0
	type seen struct {
		key      *yaml.Node // the key that gave the name first
		reported bool       // its error has been given
	}
	var first map[string]*seen
	var drop map[int]bool // indexes of the later duplicate pairs
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name, named := keyName(k)
		sub := path
		if named {
			sub = join(path, name)
		}
		size = min(size+in.walk(k, sub, false)+in.walk(v, sub, false), sizeCap)
		if !named {
			continue
		}
		if first == nil {
			first = make(map[string]*seen, len(n.Content)/2)
		}
		f, dup := first[name]
		if !dup {
			first[name] = &seen{key: k}
			continue
		}
		if !f.reported { // the first key's error is given once, naming the second
			in.errs.Add(in.pos(f.key), sub, "duplicate-key", "appears twice, again at %d:%d; want each key once", k.Line, k.Column)
			f.reported = true
		}
		in.errs.Add(in.pos(k), sub, "duplicate-key", "appears twice, first at %d:%d; want each key once", f.key.Line, f.key.Column)
		if drop == nil {
			drop = map[int]bool{}
		}
		drop[i] = true
	}
	if drop != nil {
		kept := make([]*yaml.Node, 0, len(n.Content)-2*len(drop))
		for i := 0; i+1 < len(n.Content); i += 2 {
			if !drop[i] {
				kept = append(kept, n.Content[i], n.Content[i+1])
			}
		}
		n.Content = kept
	}
	return size
}

// keyName is the text of a scalar key, or of the scalar an alias key
// stands for; ok is false for keys that are lists or mappings.
func keyName(k *yaml.Node) (string, bool) {
	if k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	if k.Kind != yaml.ScalarNode {
		return "", false
	}
	return k.Value, true
}

// anchorName is an anchor's name for a message, cut to 40 characters.
func anchorName(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:39]) + "…"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
