package build

import (
	"fmt"
	"html"
	"io/fs"
	"path"
	"strings"

	"maki/internal/export"
	"maki/internal/register"
	"maki/internal/schema"
)

// editorDir is the theme folder of the web editor's vendored files
// (scripts/refresh-editor.sh), published as admin/.
const editorDir = "admin"

// editorFiles returns the files of the web editor at admin/ when the site
// settings have an editor block, and none otherwise: the vendored editor
// and its fonts from the theme, admin/config.yml generated from the field
// specification, and admin/index.html that loads them from the same host.
func editorFiles(theme fs.FS, reg *register.Register, baseURL string) (map[string][]byte, error) {
	if reg.Site == nil || reg.Site.Editor == nil {
		return nil, nil
	}
	files := map[string][]byte{}
	err := fs.WalkDir(theme, editorDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		files[p] = data
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("theme editor files (site.yaml has editor:): %w", err)
	}
	if _, ok := files[path.Join(editorDir, "sveltia-cms.js")]; !ok {
		return nil, fmt.Errorf("theme has no %s/sveltia-cms.js; run scripts/refresh-editor.sh or remove editor: from site.yaml", editorDir)
	}
	cfg, err := schema.Editor(schema.EditorConfig{Editor: *reg.Site.Editor, Topics: reg.Topics, SiteURL: baseURL})
	if err != nil {
		return nil, err
	}
	files[editorDir+"/config.yml"] = cfg
	title := reg.Site.Title.De
	files[editorDir+"/index.html"] = []byte(`<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Redaktion – ` + html.EscapeString(title) + `</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
</head>
<body>
<script src="sveltia-cms.js"></script>
</body>
</html>
`)
	return files, nil
}

// editorStage is the extra stage that writes the editor's files.
func editorStage(theme fs.FS, reg *register.Register, baseURL string) extraFiles {
	return extraFiles{write: func(_ []string, w export.Writer) error {
		files, err := editorFiles(theme, reg, baseURL)
		if err != nil {
			return err
		}
		return writeAll(w, files)
	}}
}
