package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
)

// assets holds the theme's static files under content-hashed names.
type assets struct {
	names map[string]string // "css/maki.css" → "assets/css/maki.3f2a1b9c.css"
	files map[string][]byte // output path → bytes
}

var cssURL = regexp.MustCompile(`url\(\s*["']?([^"')]+)["']?\s*\)`)

// loadAssets reads static/** from the theme. CSS is hashed after its url()
// references to other static files are rewritten to their hashed names.
func loadAssets(theme fs.FS) (*assets, error) {
	a := &assets{names: map[string]string{}, files: map[string][]byte{}}
	var names []string
	err := fs.WalkDir(theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasSuffix(p, ".md") || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		names = append(names, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("theme static files: %w", err)
	}
	sort.Slice(names, func(i, j int) bool { // non-CSS first, so CSS can refer to them
		ci, cj := path.Ext(names[i]) == ".css", path.Ext(names[j]) == ".css"
		if ci != cj {
			return !ci
		}
		return names[i] < names[j]
	})
	for _, p := range names {
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return nil, err
		}
		rel := strings.TrimPrefix(p, "static/")
		if path.Ext(p) == ".css" {
			dir := path.Dir(rel)
			data = cssURL.ReplaceAllFunc(data, func(m []byte) []byte {
				ref := string(cssURL.FindSubmatch(m)[1])
				if strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "#") {
					return m
				}
				target := path.Join(dir, ref)
				if h, ok := a.names[target]; ok {
					r, _ := relPath("assets/"+dir, h)
					return []byte("url(" + r + ")")
				}
				return m
			})
		}
		sum := sha256.Sum256(data)
		ext := path.Ext(rel)
		hashed := "assets/" + strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		if isLicence(rel) {
			hashed = "assets/" + rel
		}
		a.names[rel] = hashed
		a.files[hashed] = data
	}
	return a, nil
}

func isLicence(p string) bool {
	b := strings.ToUpper(path.Base(p))
	return strings.HasPrefix(b, "LICENSE") || strings.HasPrefix(b, "OFL") || strings.HasPrefix(b, "COPYING")
}

// relPath returns target relative to the directory dir (both slash paths
// from the same root).
func relPath(dir, target string) (string, bool) {
	d := strings.Split(strings.Trim(dir, "/"), "/")
	t := strings.Split(target, "/")
	i := 0
	for i < len(d) && i < len(t)-1 && d[i] == t[i] {
		i++
	}
	var b bytes.Buffer
	for j := i; j < len(d); j++ {
		if d[j] != "" && d[j] != "." {
			b.WriteString("../")
		}
	}
	b.WriteString(strings.Join(t[i:], "/"))
	return b.String(), true
}
