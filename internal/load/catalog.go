package load

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"maki/internal/register"
)

// Catalog reads the UI strings of a theme: every i18n/<lang>.yaml in
// themeFS, each a flat or nested mapping whose leaf keys are joined with
// dots ("status: {production: …}" gives "status.production").
func Catalog(themeFS fs.FS, root string) (register.Catalog, register.ErrorList) {
	var errs register.ErrorList
	cat := register.Catalog{}
	names, _ := fs.Glob(themeFS, "i18n/*.yaml")
	sort.Strings(names)
	for _, name := range names {
		lang := strings.TrimSuffix(path.Base(name), ".yaml")
		file := path.Join(root, name)
		data, err := fs.ReadFile(themeFS, name)
		if err != nil {
			errs.Add(register.Pos{File: file}, "", "io", "cannot read: %v", err)
			continue
		}
		src, ok := normalise(file, data, &errs)
		if !ok {
			continue
		}
		n, ok := parseYAML(file, src.data, 0, &errs)
		if !ok || n == nil {
			continue
		}
		m := map[string]string{}
		flatten(file, n, "", m, &errs)
		cat[lang] = m
	}
	if len(cat) == 0 {
		errs.Add(register.Pos{File: path.Join(root, "i18n")}, "", "missing-file", "no i18n/<lang>.yaml files; want de.yaml and en.yaml")
	}
	return cat, errs
}

func flatten(file string, n *yaml.Node, prefix string, m map[string]string, errs *register.ErrorList) {
	n = resolve(n)
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if prefix != "" {
				k = prefix + "." + k
			}
			flatten(file, n.Content[i+1], k, m, errs)
		}
	case yaml.ScalarNode:
		m[prefix] = n.Value
	default:
		errs.Add(register.Pos{File: file, Line: n.Line, Col: n.Column}, prefix, "type", "got %s; want a string", kindName(n))
	}
}
