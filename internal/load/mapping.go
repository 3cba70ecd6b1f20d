package load

import (
	"gopkg.in/yaml.v3"

	"maki/internal/register"
)

// ImportMapping is a mapping file of "maki import --map FILE": how the
// columns and values of another register's export become maki's. It is
// read here because load is the one package that reads YAML; package
// csvimport applies it.
type ImportMapping struct {
	// Columns renames the input's columns (JSON: keys) to maki's: foreign
	// name → maki column ("name", "summary.en", "topics"), or "-" to skip
	// the column.
	Columns map[string]string
	// Values maps foreign values to maki's, per maki field: field →
	// foreign value → maki value. For lists, every item is mapped.
	Values map[string]map[string]string
	// ID makes the id of a row that has none: a template with fields in
	// braces and filters after "|", like "{organisation}-{name|slug}".
	ID string
	// Defaults are set where a row has no value for the field: field →
	// value (a list for list fields).
	Defaults map[string][]string
	// Cut is the most characters a text field may hold: a longer text is
	// cut at the last sentence end before it.
	Cut map[string]int
	// Pos holds the position of every entry in the mapping file: "id",
	// "columns.<foreign>", "values.<field>" (the key),
	// "values.<field>.<foreign>", "defaults.<field>", "cut.<field>" (the
	// values).
	Pos map[string]register.Pos
}

// Mapping reads an import mapping file. Every problem is reported at its
// position in file; a bad entry is left out, the others are kept.
func Mapping(file string, data []byte) (*ImportMapping, register.ErrorList) {
	var errs register.ErrorList
	m := &ImportMapping{Columns: map[string]string{}, Values: map[string]map[string]string{}, Defaults: map[string][]string{}, Cut: map[string]int{}, Pos: map[string]register.Pos{}}
	src, ok := normalise(file, data, &errs)
	if !ok {
		return m, errs
	}
	n, ok := parseYAML(src.file, src.data, 0, &errs)
	if !ok || n == nil || isNull(n) {
		return m, errs
	}
	pos := func(n *yaml.Node) register.Pos {
		if n == nil {
			return register.Pos{File: file, Line: 1, Col: 1}
		}
		return register.Pos{File: file, Line: n.Line, Col: n.Column}
	}
	pairs := func(n *yaml.Node, what string) [][2]*yaml.Node {
		n = resolve(n)
		if n == nil || n.Kind != yaml.MappingNode {
			if n != nil && !isNull(n) {
				errs.Add(pos(n), what, "type", "got %s; want a mapping", kindName(n))
			}
			return nil
		}
		var out [][2]*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			out = append(out, [2]*yaml.Node{resolve(n.Content[i]), resolve(n.Content[i+1])})
		}
		return out
	}
	scalar := func(n *yaml.Node, what string) (string, bool) {
		if n == nil || n.Kind != yaml.ScalarNode {
			if n != nil {
				errs.Add(pos(n), what, "type", "got %s; want a text", kindName(n))
			}
			return "", false
		}
		return n.Value, true
	}
	for _, kv := range pairs(n, "") {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "columns":
			for _, c := range pairs(v, "columns") {
				from, ok1 := scalar(c[0], "columns")
				to, ok2 := scalar(c[1], "columns."+from)
				if ok1 && ok2 {
					m.Columns[from] = to
					m.Pos["columns."+from] = pos(c[1])
				}
			}
		case "values":
			for _, f := range pairs(v, "values") {
				field, ok := scalar(f[0], "values")
				if !ok {
					continue
				}
				vm := map[string]string{}
				m.Pos["values."+field] = pos(f[0])
				for _, c := range pairs(f[1], "values."+field) {
					from, ok1 := scalar(c[0], "values."+field)
					to, ok2 := scalar(c[1], "values."+field+"."+from)
					if ok1 && ok2 {
						vm[from] = to
						m.Pos["values."+field+"."+from] = pos(c[1])
					}
				}
				m.Values[field] = vm
			}
		case "id":
			if s, ok := scalar(v, "id"); ok {
				m.ID = s
				m.Pos["id"] = pos(v)
			}
		case "defaults":
			for _, d := range pairs(v, "defaults") {
				field, ok := scalar(d[0], "defaults")
				if !ok {
					continue
				}
				var vals []string
				if d[1] != nil && d[1].Kind == yaml.SequenceNode {
					for _, it := range d[1].Content {
						if s, ok := scalar(resolve(it), "defaults."+field); ok {
							vals = append(vals, s)
						}
					}
				} else if s, ok := scalar(d[1], "defaults."+field); ok {
					vals = []string{s}
				}
				if len(vals) > 0 {
					m.Defaults[field] = vals
					m.Pos["defaults."+field] = pos(d[1])
				}
			}
		case "cut":
			for _, c := range pairs(v, "cut") {
				field, ok := scalar(c[0], "cut")
				if !ok {
					continue
				}
				var max int
				if c[1] == nil || c[1].Kind != yaml.ScalarNode || c[1].Decode(&max) != nil || max < 1 {
					errs.Add(pos(c[1]), "cut."+field, "type", "want the most characters, a whole number ≥ 1")
					continue
				}
				m.Cut[field] = max
				m.Pos["cut."+field] = pos(c[1])
			}
		default:
			errs.Add(pos(k), k.Value, "unknown-key", "unknown key; want \"columns\", \"values\", \"id\", \"defaults\" or \"cut\"")
		}
	}
	return m, errs
}
