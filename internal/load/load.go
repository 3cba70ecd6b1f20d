package load

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"maki/internal/guard"
	"maki/internal/register"
)

// ValidID reports whether id satisfies the id rule (file names without
// extension, DESIGN §3): lower-case letters, digits and single hyphens, 3
// to 80 characters, matching ^[a-z0-9]+(-[a-z0-9]+)*$ (register.ValidID).
func ValidID(id string) bool { return register.ValidID(id) }

// Register reads the content tree in fsys. root is the project-relative
// name of fsys's root ("content") and prefixes every file in positions.
// The register is returned even when there are errors, holding every entry
// that could be read, so that later checks can still run.
func Register(fsys fs.FS, root string) (*register.Register, register.ErrorList) {
	return RegisterCached(fsys, root, nil)
}

// RegisterCached is Register reusing the organisations and systems that
// cache holds from an earlier call: only files the cache does not know (or
// has been told to Forget) are read and parsed. A nil cache reads every
// file. Entries taken from the cache are the same pointers as before, so
// later stages can key their own caches on them.
func RegisterCached(fsys fs.FS, root string, cache *Cache) (*register.Register, register.ErrorList) {
	return registerWith(fsys, root, cache, nil)
}

// RegisterEach is Register calling each with every system file it decodes
// (its content-relative name, its text as decoded — a byte order mark and
// CRLF line ends taken off — and the system), from several goroutines at
// once, before anything else sees the system: the build's history starts
// from them instead of decoding the files again.
func RegisterEach(fsys fs.FS, root string, each func(name string, data []byte, s *register.System)) (*register.Register, register.ErrorList) {
	return registerWith(fsys, root, nil, each)
}

func registerWith(fsys fs.FS, root string, cache *Cache, each func(name string, data []byte, s *register.System)) (*register.Register, register.ErrorList) {
	l := &loader{fsys: fsys, root: root, reg: &register.Register{}, cache: cache, each: each}
	l.dec = newDecoder(&l.errs)
	l.site()
	l.topics()
	l.dir("organisationen", "organisation", organisation)
	l.dir("systeme", "system", system)
	l.pages()
	l.synonyms()
	sort.Slice(l.reg.Organisations, func(i, j int) bool { return l.reg.Organisations[i].ID < l.reg.Organisations[j].ID })
	sort.Slice(l.reg.Systems, func(i, j int) bool { return l.reg.Systems[i].ID < l.reg.Systems[j].ID })
	sort.Slice(l.reg.Pages, func(i, j int) bool { return l.reg.Pages[i].ID < l.reg.Pages[j].ID })
	l.reg.Index()
	l.errs.Sort()
	return l.reg, l.errs
}

// Site reads site.yaml alone, as Register does (the build reads the
// history's settings from it before the rest of the content is loaded).
func Site(fsys fs.FS, root string) (*register.Site, register.ErrorList) {
	l := &loader{fsys: fsys, root: root, reg: &register.Register{}}
	l.dec = newDecoder(&l.errs)
	l.site()
	return l.reg.Site, l.errs
}

type loader struct {
	fsys fs.FS
	root string
	reg  *register.Register
	errs register.ErrorList
	dec  *decoder

	cache *Cache // nil: no caching
	// each, when not nil, gets every system file decoded (RegisterEach).
	each func(name string, data []byte, s *register.System)

	cancelled bool // a read failed because the load was cancelled
}

func (l *loader) file(name string) string {
	if l.root == "" || l.root == "." {
		return name
	}
	return l.root + "/" + name
}

// read reads and normalises one file; missing reports whether it does not
// exist. Any other failure is an error at the file: a dangling link is
// there and must not drop out as if it were missing.
func (l *loader) read(name string) (src *source, missing bool) {
	data, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, true
		}
		l.readError(name, err)
		return nil, false
	}
	src, _ = normalise(l.file(name), data, &l.errs)
	return src, false
}

// readError reports why name could not be read, at name. The message is
// the file system's reason without the path (the position names it): for
// a guard.FS it says what the file is and never what it holds. An error of
// a cancelled load is not the file's fault and is left to the caller, who
// sees its context is done.
func (l *loader) readError(name string, err error) {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		l.cancelled = true
		return
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	pos := register.Pos{File: l.file(name)}
	switch {
	case errors.Is(err, guard.ErrTooLarge):
		l.errs.Add(pos, "", "file-size", "%v (--max-file-size)", err)
	case errors.Is(err, guard.ErrOutside), errors.Is(err, guard.ErrDangling), errors.Is(err, guard.ErrLoop),
		errors.Is(err, guard.ErrLinkFolder), errors.Is(err, guard.ErrType):
		l.errs.Add(pos, "", "file-type", "%v", err)
	default:
		l.errs.Add(pos, "", "io", "cannot read: %v", err)
	}
}

func (l *loader) site() {
	src, missing := l.read("site.yaml")
	if missing {
		l.errs.Add(register.Pos{File: l.file("site.yaml")}, "", "missing-file", "file missing; want the site settings (title, base_url, operator, accessibility_contact)")
	}
	s := &register.Site{}
	l.reg.Site = s
	if src == nil {
		s.Meta.File = l.file("site.yaml")
		return
	}
	n, ok := parseYAML(src.file, src.data, 0, &l.errs)
	if !ok {
		s.Meta.File = src.file
		return
	}
	l.dec.src = src.data
	l.dec.entry(src.file, n, s, &s.Meta)
	l.dec.done(&s.Meta)
	s.ID, s.Path = "site", "site.yaml"
}

func (l *loader) topics() {
	src, missing := l.read("themen.yaml")
	if missing {
		l.errs.Add(register.Pos{File: l.file("themen.yaml")}, "", "missing-file", "file missing; want the list of topics (id, label, description)")
		return
	}
	if src == nil {
		return
	}
	n, ok := parseYAML(src.file, src.data, 0, &l.errs)
	if !ok || n == nil {
		return
	}
	if n.Kind != yaml.SequenceNode {
		l.errs.Add(register.Pos{File: src.file, Line: n.Line, Col: n.Column}, "", "type", "got %s; want a list of topics (- id: …)", kindName(n))
		return
	}
	for _, c := range n.Content {
		t := &register.Topic{}
		l.dec.src = src.data
		l.dec.entry(src.file, resolve(c), t, &t.Meta)
		l.dec.done(&t.Meta)
		t.Meta.ID, t.Path = t.ID, "themen.yaml"
		l.reg.Topics = append(l.reg.Topics, t)
	}
}

// dir walks a content folder (sub-folders allowed) and calls fn for every
// .yaml and .md file with a valid, unique id; other files get a warning.
// The files are parsed on all cores: fn gets a worker's own loader, whose
// entries and errors are merged afterwards (both are sorted in the end, so
// the result does not depend on the order of work).
func (l *loader) dir(name, kind string, fn func(w *loader, name, id, ext string)) {
	var names []string
	err := fs.WalkDir(l.fsys, name, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			if p != name || !errors.Is(err, fs.ErrNotExist) {
				l.readError(p, err)
			}
			if de == nil || de.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if de.IsDir() {
			if strings.HasPrefix(de.Name(), ".") && p != name {
				return fs.SkipDir
			}
			return nil
		}
		names = append(names, p)
		return nil
	})
	if err != nil {
		l.readError(name, err)
	}
	sort.Strings(names)
	items := make([]item, 0, len(names))
	ids := make(map[string]string, len(names)) // id → file, for duplicates across .yaml/.md
	for _, p := range names {
		base := path.Base(p)
		if strings.HasPrefix(base, ".") {
			continue
		}
		ext := path.Ext(base)
		if ext != ".yaml" && ext != ".md" {
			switch strings.ToLower(ext) {
			case ".yaml", ".md":
				l.errs.Add(register.Pos{File: l.file(p)}, "", "file-name", "file ends in %s; want %s", ext, strings.ToLower(ext))
			case ".yml":
				l.errs.Add(register.Pos{File: l.file(p)}, "", "file-name", "file ends in %s; want .yaml (or .md)", ext)
			default:
				l.errs.Warn(register.Pos{File: l.file(p)}, "", "file-name", "ignored: want a .yaml or .md file")
			}
			continue
		}
		id := strings.TrimSuffix(base, ext)
		if !ValidID(id) {
			l.errs.Add(register.Pos{File: l.file(p)}, "", "id", "bad id %q; want 3 to 80 lower-case letters (a-z), digits and single hyphens, like \"chatbot-buergeramt\"", id)
			continue
		}
		if prev, dup := ids[id]; dup {
			l.errs.Add(register.Pos{File: l.file(p)}, "", "duplicate-id", "duplicate id %q; also defined in %s", id, l.file(prev))
			continue
		}
		ids[id] = p
		items = append(items, item{p, id, ext})
	}
	// Files the cache knows are taken from it; the rest are parsed on all
	// cores, each into its own result so that the cache can keep it.
	results := make([]*parsed, len(items))
	cancelled := make([]bool, len(items)) // not to be cached: read again next time
	var todo []int
	for i, it := range items {
		if p := l.cache.get(it.name); p != nil {
			results[i] = p
		} else {
			todo = append(todo, i)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, len(todo)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sub := &loader{fsys: l.fsys, root: l.root, each: l.each}
			sub.dec = newDecoder(nil)
			for k := w; k < len(todo); k += workers {
				it := items[todo[k]]
				sub.reg, sub.errs, sub.cancelled = &register.Register{}, nil, false
				sub.dec.errs = &sub.errs
				fn(sub, it.name, it.id, it.ext)
				results[todo[k]] = &parsed{systems: sub.reg.Systems, orgs: sub.reg.Organisations, errs: sub.errs}
				cancelled[todo[k]] = sub.cancelled
			}
		}()
	}
	wg.Wait()
	for i, p := range results {
		if l.cache != nil && !cancelled[i] {
			l.cache.put(items[i].name, p)
		}
		l.errs = append(l.errs, p.errs...)
		l.reg.Systems = append(l.reg.Systems, p.systems...)
		l.reg.Organisations = append(l.reg.Organisations, p.orgs...)
	}
}

type item struct{ name, id, ext string }

func organisation(l *loader, name, id, ext string) {
	if ext != ".yaml" {
		l.errs.Add(register.Pos{File: l.file(name)}, "", "file-name", "organisations are .yaml files; want %s.yaml", id)
		return
	}
	src, _ := l.read(name)
	if src == nil {
		return
	}
	n, ok := parseYAML(src.file, src.data, 0, &l.errs)
	if !ok {
		return
	}
	if n == nil {
		l.errs.Add(register.Pos{File: src.file, Line: 1, Col: 1}, "", "empty", "file has no fields; want a mapping of fields")
		return
	}
	if !l.isMapping(src.file, n) {
		return
	}
	o := &register.Organisation{}
	l.dec.src = src.data
	l.dec.entry(src.file, n, o, &o.Meta)
	l.dec.done(&o.Meta)
	o.ID, o.Path = id, name
	l.reg.Organisations = append(l.reg.Organisations, o)
}

func system(l *loader, name, id, ext string) {
	src, _ := l.read(name)
	if src == nil {
		return
	}
	n := len(l.reg.Systems)
	l.system(src, name, id, ext)
	if l.each != nil && len(l.reg.Systems) > n {
		l.each(name, src.data, l.reg.Systems[n])
	}
}

// SystemFromBytes reads one system file from data, as Register would read
// it at name, a content-relative path ("systeme/x.yaml" or ".md"); root
// prefixes the file in positions. It does no checks beyond the loader's
// own: the system is returned whenever it could be decoded, with the
// errors found. The history reads earlier versions of files with it.
func SystemFromBytes(root, name string, data []byte) (*register.System, register.ErrorList) {
	return NewSystemDecoder(root).Decode(name, data)
}

// SystemDecoder is SystemFromBytes for many files: it keeps what it has
// worked out about the field types between them. It is not safe for
// concurrent use; use one per goroutine.
type SystemDecoder struct {
	root   string
	fields map[reflect.Type][]register.Field
}

// NewSystemDecoder returns a decoder for files under root ("content").
func NewSystemDecoder(root string) *SystemDecoder {
	return &SystemDecoder{root: root, fields: map[reflect.Type][]register.Field{}}
}

// Decode is SystemFromBytes.
func (sd *SystemDecoder) Decode(name string, data []byte) (*register.System, register.ErrorList) {
	l := &loader{root: sd.root, reg: &register.Register{}}
	l.dec = newDecoder(&l.errs)
	l.dec.fields = sd.fields
	base := path.Base(name)
	ext := path.Ext(base)
	if ext != ".yaml" && ext != ".md" {
		l.errs.Add(register.Pos{File: l.file(name)}, "", "file-type", "got extension %q; want .yaml or .md", ext)
		return nil, l.errs
	}
	src, ok := normalise(l.file(name), data, &l.errs)
	if !ok || src == nil {
		return nil, l.errs
	}
	l.system(src, name, strings.TrimSuffix(base, ext), ext)
	if len(l.reg.Systems) == 0 {
		return nil, l.errs
	}
	return l.reg.Systems[0], l.errs
}

func (l *loader) system(src *source, name, id, ext string) {
	s := &register.System{}
	var n *yaml.Node
	if ext == ".md" {
		node, body, bodyLine, ok := splitFrontMatter(src, &l.errs)
		if !ok {
			return
		}
		n = node
		if len(strings.TrimSpace(string(body))) > 0 {
			s.Description.De = textValue(string(body))
			s.BodyLine = bodyLine
		}
	} else {
		node, ok := parseYAML(src.file, src.data, 0, &l.errs)
		if !ok {
			return
		}
		n = node
	}
	if n == nil {
		l.errs.Add(register.Pos{File: src.file, Line: 1, Col: 1}, "", "empty", "file has no fields; want a mapping of fields")
		return
	}
	if !l.isMapping(src.file, n) {
		return
	}
	l.dec.src = src.data
	l.dec.entry(src.file, n, s, &s.Meta)
	s.ID, s.Path = id, name
	twice := false
	if s.BodyLine > 0 {
		twice = l.dec.pos.HasValue("description") || l.dec.pos.HasValue("description.de")
		l.dec.pos.Value("description.de", s.BodyLine, 1)
	}
	l.dec.done(&s.Meta)
	if twice {
		l.errs.Add(s.KeyPosOf("description"), "description", "duplicate-key", "given in the front matter and as the Markdown body; want one of them")
	}
	l.reg.Systems = append(l.reg.Systems, s)
}

// isMapping reports whether the top node of an entry file is a mapping;
// when not, the entry is left out so that none of its fields is reported
// as missing on top of the one error that says what the file holds.
func (l *loader) isMapping(file string, n *yaml.Node) bool {
	if n = resolve(n); n.Kind == yaml.MappingNode {
		return true
	}
	l.errs.Add(register.Pos{File: file, Line: n.Line, Col: n.Column}, "", "type", "got %s; want a mapping of fields (key: value lines)", kindName(n))
	return false
}

func (l *loader) pages() {
	entries, err := fs.ReadDir(l.fsys, "seiten")
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.readError("seiten", err)
		}
		return // the validator reports the missing required pages
	}
	english := map[string]string{}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		name := "seiten/" + e.Name()
		if ext := path.Ext(e.Name()); ext != ".md" && strings.ToLower(ext) == ".md" {
			l.errs.Add(register.Pos{File: l.file(name)}, "", "file-name", "file ends in %s; want .md", ext)
			continue
		}
		if slug, ok := strings.CutSuffix(e.Name(), ".en.md"); ok {
			english[slug] = name
			continue
		}
		slug, ok := strings.CutSuffix(e.Name(), ".md")
		if !ok {
			l.errs.Warn(register.Pos{File: l.file(name)}, "", "file-name", "ignored: want a .md file")
			continue
		}
		if !ValidID(slug) {
			l.errs.Add(register.Pos{File: l.file(name)}, "", "id", "bad page name %q; want 3 to 80 lower-case letters (a-z), digits and single hyphens", slug)
			continue
		}
		src, _ := l.read(name)
		if src == nil {
			continue
		}
		node, body, bodyLine, ok := splitFrontMatter(src, &l.errs)
		if !ok {
			continue
		}
		p := &register.Page{}
		l.dec.src = src.data
		l.dec.entry(src.file, node, p, &p.Meta)
		p.ID, p.Path = slug, name
		if p.Slug == "" {
			p.Slug = slug
		}
		p.Body.De, p.BodyLine = string(body), bodyLine
		l.dec.pos.Value("body.de", bodyLine, 1)
		l.dec.done(&p.Meta)
		l.reg.Pages = append(l.reg.Pages, p)
	}
	for _, p := range l.reg.Pages {
		name, ok := english[p.ID]
		if !ok {
			continue
		}
		delete(english, p.ID)
		src, _ := l.read(name)
		if src == nil {
			continue
		}
		body, line := src.data, 1
		if strings.HasPrefix(strings.TrimSpace(string(src.data)), "---") {
			node, b, bl, ok := splitFrontMatter(src, &l.errs)
			if !ok {
				continue
			}
			_ = node // an English front matter may only hold the title; it is ignored
			body, line = b, bl
		}
		p.Body.En, p.BodyEnFile, p.BodyEnLine = string(body), src.file, line
	}
	var orphans []string
	for slug, name := range english {
		orphans = append(orphans, name)
		_ = slug
	}
	sort.Strings(orphans)
	for _, name := range orphans {
		l.errs.Warn(register.Pos{File: l.file(name)}, "", "file-name", "English page without a German one; want %s beside it", strings.TrimSuffix(path.Base(name), ".en.md")+".md")
	}
}
