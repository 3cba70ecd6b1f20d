package csvimport

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing/fstest"
	"time"

	"maki/internal/load"
	"maki/internal/register"
	"maki/internal/validate"
)

// Config says what to import and into which content.
type Config struct {
	Kind    Kind      // what the rows are; "" means KindSystem
	File    string    // the input's name as the user gave it; positions use it
	Data    []byte    // the input: CSV; JSON when File ends in .json or Data starts with [ or {; xlsx when File ends in .xlsx or Data is a zip
	Content fs.FS     // the existing content directory
	Root    string    // project-relative name of the content directory ("content"), for load's positions
	Now     time.Time // build time, for the date rules
	Partial bool      // keep the valid rows when others are invalid
	Force   bool      // replace existing entries of the kind with the same id
	// Check checks a content tree as "maki check" does; nil means load
	// and validate. (build's check adds the Markdown rules; the CLI passes
	// it once build exports a check over an fs.FS.)
	Check func(fsys fs.FS, root string, now time.Time) (*register.Register, register.ErrorList)
	// Map is a mapping from another register's columns and values to
	// maki's (see ReadMapping), or nil.
	Map *load.ImportMapping
}

// loadAndValidate is the default Check.
func loadAndValidate(fsys fs.FS, root string, now time.Time) (*register.Register, register.ErrorList) {
	r, errs := load.Register(fsys, root)
	return r, append(errs, validate.Register(r, now)...)
}

// File is one system or organisation file an import writes.
type File struct {
	ID       string
	Path     string       // relative to the content directory: "systeme/<id>.yaml", "organisationen/<id>.yaml"
	Data     []byte       // the YAML
	Row      register.Pos // where it came from
	Replaces string       // with Force: an existing file of the same id that this one replaces ("systeme/<id>.md"), or ""
	Exists   bool         // with Force: Path exists and is overwritten
}

// Plan is the outcome of Prepare: what to write and what is wrong.
type Plan struct {
	// Files are the files to write, sorted by id: all rows when Errors has
	// no errors, the valid rows when Partial is set, else none.
	Files []File
	// Errors are the problems, positioned in the input file, sorted.
	Errors register.ErrorList
	// Rows is the number of entries the input holds; Rejected how many of
	// them have errors.
	Rows, Rejected int
	// Outside is the number of errors the import would cause in existing
	// files (a redirect in site.yaml whose old id a new system takes, a
	// cycle of parents through a replaced organisation). They belong to
	// no row, so with them nothing is written, even with Partial.
	Outside int
}

// Prepare reads the input, turns every row into a system or organisation
// file (by cfg.Kind), checks the new files together with the existing
// content exactly as "maki check" would (load and validate over the
// content with the new files laid over it) and maps every problem back to
// the row and column (CSV) or the line and column of the value (JSON) it
// came from. It writes nothing.
func Prepare(cfg Config) (Plan, error) {
	var p Plan
	var rows []*Row
	var errs register.ErrorList
	k := cfg.Kind.orDefault()
	if k != KindSystem && k != KindOrganisation {
		return p, fmt.Errorf("unknown kind %q; want %q or %q", k, KindSystem, KindOrganisation)
	}
	m := newMapping(cfg.Map)
	if isXLSX(cfg.File, cfg.Data) {
		rows, errs = readXLSX(k, cfg.File, cfg.Data, m)
	} else if isJSON(cfg.File, cfg.Data) {
		rows, errs = readJSON(k, cfg.File, cfg.Data, m)
	} else {
		rows, errs = readCSV(k, cfg.File, cfg.Data, m)
	}
	m.apply(k, rows, &errs)
	if isJSON(cfg.File, cfg.Data) {
		// U+FFFD at its line and column in the file (CSV: ReadCSV warns
		// at the cell); the check's warnings about it in the rows' YAML
		// are dropped below.
		for _, pos := range load.DamagedPositions(cfg.Data) {
			pos.File = cfg.File
			errs.Warn(pos, "", load.DamagedRule, "%s", load.DamagedMsg)
		}
	}
	cfg.Data = nil // read; let it go before the check
	p.Rows = len(rows)
	p.Errors = errs
	if len(errs.Errors()) > 0 && len(rows) == 0 {
		p.Errors.Sort()
		return p, nil
	}

	base, err := snapshot(cfg.Content)
	if err != nil {
		return p, err
	}
	existing, _ := load.Register(base, cfg.Root)
	have := map[string]string{} // id → content-relative path
	if k == KindOrganisation {
		for _, o := range existing.Organisations {
			have[o.ID] = o.Path
		}
	} else {
		for _, s := range existing.Systems {
			have[s.ID] = s.Path
		}
	}

	bad := map[*Row]bool{}
	firstRow := map[string]*Row{}
	var files []File
	byFile := map[string]*Row{}
	yamlOf := map[string][]byte{} // the rows' YAML, to place problems inside values
	for _, row := range rows {
		// The values are needed only for the YAML; the row stays for the
		// positions of its problems.
		vals := row.Values
		row.Values = nil
		idPos := row.at("id")
		if row.bad {
			bad[row] = true
		}
		switch {
		case row.ID == "":
			p.Errors.Add(idPos, "id", "required", "required; want the id of the %s (its file name)", k.noun())
			bad[row] = true
			continue
		case !load.ValidID(row.ID):
			p.Errors.Add(idPos, "id", "id", "bad id %q; want 3 to 80 lower-case letters (a-z), digits and single hyphens", row.ID)
			bad[row] = true
			continue
		}
		if prev, dup := firstRow[row.ID]; dup {
			p.Errors.Add(idPos, "id", "duplicate-id", "%q is also the id of the row at line %d; want each id once", row.ID, prev.Pos.Line)
			bad[row] = true
			continue
		}
		firstRow[row.ID] = row
		f := File{ID: row.ID, Path: k.dir() + "/" + row.ID + ".yaml", Row: row.Pos}
		if old, ok := have[row.ID]; ok {
			if !cfg.Force {
				p.Errors.Add(idPos, "id", "exists", "%s %q exists (%s); want a new id, or --force to replace it", k.noun(), row.ID, path.Join(cfg.Root, old))
				bad[row] = true
				continue
			}
			f.Path = path.Join(path.Dir(old), row.ID+".yaml")
			if old != f.Path {
				f.Replaces = old
			} else {
				f.Exists = true
			}
		}
		f.Data = renderYAML(k.typ(), vals)
		files = append(files, f)
		byFile[path.Join(cfg.Root, f.Path)] = row
		yamlOf[path.Join(cfg.Root, f.Path)] = f.Data
	}

	check := cfg.Check
	if check == nil {
		check = loadAndValidate
	}
	// Check, and with Partial drop the rows with errors and check again,
	// since a row may depend on another (based_on, parent) until nothing
	// changes.
	var outside register.ErrorList // errors in files the import does not write
	for {
		overlay := fstest.MapFS{}
		for k, v := range base {
			overlay[k] = v
		}
		var keep []File
		for _, f := range files {
			if bad[byFile[path.Join(cfg.Root, f.Path)]] {
				continue
			}
			keep = append(keep, f)
			overlay[f.Path] = &fstest.MapFile{Data: f.Data}
			if f.Replaces != "" {
				delete(overlay, f.Replaces)
			}
		}
		reg, all := check(overlay, cfg.Root, cfg.Now)
		metas := map[string]*register.Meta{} // the new files' positions
		if reg != nil {
			for _, s := range reg.Systems {
				metas[s.File] = &s.Meta
			}
			for _, o := range reg.Organisations {
				metas[o.File] = &o.Meta
			}
		}
		newBad := false
		outside = nil
		for _, e := range all {
			row, ok := byFile[e.Pos.File]
			if ok && e.Rule == load.DamagedRule {
				continue // reported at its place in the input
			}
			if !ok {
				if e.Severity == register.SevError {
					outside = append(outside, e)
				}
				continue
			}
			pos := row.posOf(e, metas[e.Pos.File])
			if in, ok := row.inside(e, metas[e.Pos.File], yamlOf[e.Pos.File]); ok {
				pos = in
			}
			p.Errors = append(p.Errors, &register.Error{Pos: pos, Field: e.Field, Msg: e.Msg, Severity: e.Severity, Rule: e.Rule})
			if e.Severity == register.SevError && !bad[row] {
				bad[row] = true
				newBad = true
			}
		}
		if !cfg.Partial || !newBad {
			p.Files = keep
			break
		}
	}
	if len(outside) > 0 && len(p.Files) > 0 {
		// Errors in existing files: those "maki check" reports already
		// are not the import's; the others are, though of no one row.
		_, before := check(base, cfg.Root, cfg.Now)
		type key struct{ file, field, rule, msg string }
		old := map[key]bool{}
		for _, e := range before {
			old[key{e.Pos.File, e.Field, e.Rule, e.Msg}] = true
		}
		for _, e := range outside {
			if !old[key{e.Pos.File, e.Field, e.Rule, e.Msg}] {
				p.Errors = append(p.Errors, e)
				p.Outside++
			}
		}
		if p.Outside > 0 {
			p.Files = nil
		}
	}
	for range bad {
		p.Rejected++
	}
	if len(p.Errors.Errors()) > 0 && !cfg.Partial {
		p.Files = nil
	}
	p.Errors.Sort()
	return p, nil
}

// isJSON reports whether the input is JSON: by its extension, else by its
// first character.
func isJSON(name string, data []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".json":
		return true
	case ".csv", ".tsv", ".txt":
		return false
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	return len(t) > 0 && (t[0] == '[' || t[0] == '{')
}

// snapshot reads every file of fsys into memory, so the new files can be
// laid over it.
func snapshot(fsys fs.FS) (fstest.MapFS, error) {
	m := fstest.MapFS{}
	if fsys == nil {
		return m, nil
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return fs.SkipAll // no content directory yet
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		m[p] = &fstest.MapFile{Data: b}
		return nil
	})
	return m, err
}

// at returns the position in the input of a field of the row: the column
// of the field (or of its first sub-field, or of its parent) when the input
// is CSV; the value of the field (or of its nearest enclosing field) when
// it is JSON; else the row itself.
func (row *Row) at(field string) register.Pos {
	if row.pos != nil {
		if field == "" {
			return row.Pos
		}
		for p := field; p != ""; {
			if pos, ok := row.pos[p]; ok {
				return pos
			}
			i := strings.LastIndexByte(p, '.')
			if i < 0 {
				break
			}
			p = p[:i]
		}
		return row.Pos
	}
	pos := row.Pos
	if field == "id" || field == "" {
		pos.Col = row.idCol
		return pos
	}
	var parts []string
	for _, s := range strings.Split(field, ".") {
		if _, err := strconv.Atoi(s); err != nil {
			parts = append(parts, s)
		}
	}
	for p := strings.Join(parts, "."); p != ""; {
		if c, ok := row.cols[p]; ok && c <= row.ncells {
			pos.Col = c
			return pos
		}
		best := 0
		for k, c := range row.cols {
			if c <= row.ncells && strings.HasPrefix(k, p+".") && (best == 0 || c < best) {
				best = c
			}
		}
		if best > 0 {
			pos.Col = best
			return pos
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return pos
}

// posOf returns the position in the input of a problem the check found
// in the row's YAML file, whose loaded positions are m (or nil). The
// problem's field names where: the column or the value of that field. The
// problem's own position may say more precisely, being that of a value or
// key inside the field ("topics.2" for a problem with "topics") or, when
// the input does not have the field at all, of the value or key that
// caused it (the key "risk_class" for "human_oversight: required for
// high-risk systems").
func (row *Row) posOf(e *register.Error, m *register.Meta) register.Pos {
	path, isKey := "", false
	if m != nil {
		for p, pos := range m.ValuePositions() {
			if pos == e.Pos && len(p) > len(path) {
				path = p
			}
		}
		if path == "" {
			for p, pos := range m.KeyPositions() {
				if pos == e.Pos && len(p) > len(path) {
					path, isKey = p, true
				}
			}
		}
	}
	field := e.Field
	if path != "" && strings.HasPrefix(path, field+".") {
		field = path
	}
	if e.Rule == "unknown-key" || e.Rule == "duplicate-key" {
		return row.keyAt(field)
	}
	if pos := row.at(field); pos != row.Pos || path == "" || path == e.Field {
		return pos
	}
	if isKey {
		return row.keyAt(path)
	}
	return row.at(path)
}

// keyAt is at for problems with a key rather than its value (unknown,
// given twice): in JSON the position of the key.
func (row *Row) keyAt(field string) register.Pos {
	if pos, ok := row.keyPos[field]; ok {
		return pos
	}
	return row.at(field)
}

// Write writes the plan's files into the content directory dir, each
// atomically (a temporary file renamed into place), and removes the files
// they replace. It returns the paths written, relative to dir.
func (p Plan) Write(dir string) ([]string, error) {
	var written []string
	for _, f := range p.Files {
		target := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return written, err
		}
		tmp, err := os.CreateTemp(filepath.Dir(target), ".import-*.yaml")
		if err != nil {
			return written, err
		}
		_, werr := tmp.Write(f.Data)
		cerr := tmp.Close()
		if werr == nil {
			werr = cerr
		}
		if werr == nil {
			werr = os.Chmod(tmp.Name(), 0o644)
		}
		if werr == nil {
			werr = os.Rename(tmp.Name(), target)
		}
		if werr != nil {
			os.Remove(tmp.Name())
			return written, fmt.Errorf("write %s: %w", target, werr)
		}
		written = append(written, f.Path)
		if f.Replaces != "" {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(f.Replaces))); err != nil {
				return written, err
			}
		}
	}
	return written, nil
}

// closest returns the candidate nearest to s when it is close enough.
func closest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= 2 || (bestD <= 3 && len(s) > 8) {
		return best
	}
	return ""
}

func editDistance(a, b string) int { return register.EditDistance(a, b) }
