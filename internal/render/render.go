package render

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"maki/internal/register"
	"maki/internal/render/tmplc"
)

// Config is what rendering needs besides the register and the theme.
type Config struct {
	// BaseURL is the absolute URL the site is served from, ending in "/";
	// its path prefixes every link.
	BaseURL string
	// Now is the build time.
	Now     time.Time
	Catalog register.Catalog
	// Markdown renders Markdown to safe HTML; headings start at 1+offset.
	Markdown func(src string, headingOffset int) template.HTML
	// Similar maps a system id to the ids of similar systems, best first.
	Similar map[string][]string
	// Stats are the register's figures (start page, statistics page).
	Stats *register.Stats
	// ThemeRoot is the project-relative name of the theme directory, used in
	// template names so that template errors name a usable path.
	ThemeRoot string
	// PageSize is the number of systems on one list page (default 100).
	PageSize int
}

// Emit receives one output file: its slash path relative to the output
// root and its bytes. It may be called from several goroutines at once and
// must not keep data after it returns (the buffer is reused).
type Emit func(path string, data []byte) error

// Site renders every page of the portal in every language of the site
// and the theme's static files, passing each to emit. It returns the paths
// of the HTML pages it made, sorted (for the sitemap).
func Site(ctx context.Context, theme fs.FS, reg *register.Register, cfg Config, emit Emit) ([]string, error) {
	p, err := Prepare(ctx, theme, reg, cfg, Reuse{})
	if err != nil {
		return nil, err
	}
	if err := p.EmitAssets(emit); err != nil {
		return nil, err
	}
	if err := p.RenderAll(ctx, emit); err != nil {
		return nil, err
	}
	return p.Pages(), nil
}

// Prepared is a site ready to render: the theme's templates parsed, the
// register's lists and facets derived, the cards of all systems rendered
// and every page planned. Its pages can be rendered all at once
// (RenderAll) or one by one on request (Page), from several goroutines.
type Prepared struct {
	r         *renderer
	jobs      []job
	indexOnce sync.Once
	index     map[string]int // output path → job; made on the first Page call
}

// Reuse names an earlier Prepared whose work a new one may take over. Prev
// must have been made with the same theme, base URL and catalog: its
// parsed templates, static files and sort keys are reused. When Cards is
// true as well — no organisation, topic, static page or site setting
// changed — so are the cards of every system that is the same pointer.
type Reuse struct {
	Prev  *Prepared
	Cards bool
}

// Prepare parses the theme (or takes it from reuse.Prev), derives the
// lists and facets of reg, renders the cards and plans the pages.
func Prepare(ctx context.Context, theme fs.FS, reg *register.Register, cfg Config, reuse Reuse) (*Prepared, error) {
	if cfg.PageSize <= 0 {
		cfg.PageSize = 100
	}
	r := &renderer{cfg: cfg, reg: reg, cat: cfg.Catalog, has: map[string]bool{}}
	r.std = os.Getenv("MAKI_TEMPLATES") == "std"
	r.noCompile = r.std
	r.langs = reg.Site.Langs()
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("base URL %q: want an absolute URL like https://host/register/", cfg.BaseURL)
	}
	r.basePath = strings.TrimSuffix(u.Path, "/") + "/"
	r.origin = u.Scheme + "://" + u.Host
	if prev := reuse.Prev; prev != nil {
		r.assets, r.tmpl, r.has = prev.r.assets, prev.r.tmpl, prev.r.has
		r.pristine, r.layoutName = prev.r.pristine, prev.r.layoutName
		r.prevNames = prev.r.derived.names
		r.prevAll = map[string][]*register.System{}
		for lang, l := range prev.r.derived.sorted {
			r.prevAll[lang] = l.all
		}
		if reuse.Cards {
			r.prevCards = prev.r.cards
		}
	} else {
		if r.assets, err = loadAssets(theme); err != nil {
			return nil, err
		}
		if err := r.parse(theme); err != nil {
			return nil, err
		}
	}
	r.derive()
	r.prepareChromes()
	if err := r.renderCards(ctx); err != nil {
		return nil, err
	}
	p := &Prepared{r: r, jobs: r.jobs()}
	r.prevNames, r.prevCards, r.prevAll = nil, nil, nil
	return p, nil
}

// EmitAssets passes the theme's static files to emit, sorted by path.
func (p *Prepared) EmitAssets(emit Emit) error {
	var names []string
	for name := range p.r.assets.files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := emit(name, p.r.assets.files[name]); err != nil {
			return err
		}
	}
	return nil
}

// Pages returns the output paths of the HTML pages (neither the 404 page
// nor redirects), sorted.
func (p *Prepared) Pages() []string {
	var pages []string
	for _, j := range p.jobs {
		if j.kind != "notfound" && j.kind != "redirect" {
			pages = append(pages, j.out)
		}
	}
	sort.Strings(pages)
	return pages
}

// Page renders the page whose output path is out ("systeme/x/index.html",
// "en/404.html") into buf. ok is false when the site has no such page.
func (p *Prepared) Page(out string, buf *bytes.Buffer) (ok bool, err error) {
	p.indexOnce.Do(func() {
		p.index = make(map[string]int, len(p.jobs))
		for i, j := range p.jobs {
			p.index[j.out] = i
		}
	})
	i, ok := p.index[out]
	if !ok {
		return false, nil
	}
	return true, p.r.exec(buf, p.jobs[i])
}

// RenderAll renders every page on all cores, passing each to emit. On
// failure it returns the error of the first failing page in plan order.
func (p *Prepared) RenderAll(ctx context.Context, emit Emit) error {
	r, jobs := p.r, p.jobs
	md := &mdCache{m: map[mdKey]*mdEntry{}}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first = -1
		ferr  error
		next  = make(chan int)
	)
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for i := range next {
				buf.Reset()
				j := jobs[i]
				err := r.execWith(&buf, j, md)
				if err == nil {
					err = emit(j.out, buf.Bytes()) // emit must not keep the slice
				}
				if err != nil {
					mu.Lock()
					if first < 0 || i < first {
						first, ferr = i, err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, i := range p.order() {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if ferr != nil {
		return ferr
	}
	return ctx.Err()
}

// order is the order in which RenderAll renders the jobs: the plan's, but
// the pages of a path in the other languages right after the page in the
// first, so that what they share (mdCache) is kept only briefly.
func (p *Prepared) order() []int {
	byPath := map[string][]int{}
	for i, j := range p.jobs {
		if j.lang != p.r.langs[0] {
			byPath[j.path] = append(byPath[j.path], i)
		}
	}
	done := make([]bool, len(p.jobs))
	out := make([]int, 0, len(p.jobs))
	for i, j := range p.jobs {
		if j.lang != p.r.langs[0] {
			continue
		}
		out, done[i] = append(out, i), true
		for _, k := range byPath[j.path] {
			if !done[k] {
				out, done[k] = append(out, k), true
			}
		}
	}
	for i := range p.jobs {
		if !done[i] {
			out = append(out, i)
		}
	}
	return out
}

type renderer struct {
	cfg      Config
	reg      *register.Register
	cat      register.Catalog
	assets   *assets
	basePath string                                   // "/register/"
	origin   string                                   // "https://host"
	tmpl     map[string]map[string]*template.Template // language → page type → template
	has      map[string]bool
	cards    map[string]map[*register.System]card
	derived  derived
	langs    []string // the site's languages, German first
	links    sync.Map // language, kind and arguments → []PageLink (pageLinks)

	// pristine are the templates of tmpl before any was executed (only
	// they can be cloned), for the chromes; layoutName names layout.html.
	pristine   map[string]map[string]*template.Template
	layoutName string
	// chromes are the layouts evaluated but for their holes, by language
	// and page type, each made on first use.
	chromes map[string]map[string]*chromeSlot

	// std turns the compiled templates (package tmplc) off: every page is
	// executed by html/template (MAKI_TEMPLATES=std, or tests).
	std bool
	// noCompile is std as the environment set it: no template is
	// compiled (tests may switch std per page; compiling stays as set).
	noCompile bool
	// fallbacks counts the pages whose compiled template gave up, so
	// that html/template rendered them.
	fallbacks atomic.Int64
	// cardsCompiled counts the languages whose system card is compiled.
	cardsCompiled atomic.Int32

	// From a reused Prepared, while preparing: sort keys and cards of
	// systems that may still be the same.
	prevNames map[string]map[*register.System]nameKey
	prevCards map[string]map[*register.System]card
	prevAll   map[string][]*register.System // A–Z order by language
}

// url returns the absolute path of a page in a language.
func (r *renderer) url(lang, p string) string {
	if lang != "de" {
		return r.basePath + lang + "/" + p
	}
	return r.basePath + p
}

// kinds are the page types; each has templates/<kind>.html. The optional
// ones are rendered only when the theme has them.
var kinds = []struct {
	name     string
	optional bool
}{
	{"home", false}, {"list", false}, {"system", false}, {"organisations", false},
	{"organisation", false}, {"facets", false}, {"facet", false}, {"page", false},
	{"notfound", false}, {"redirect", false},
	{"search", true}, {"daten", true}, {"statistik", true}, {"removed", true},
}

// parse reads templates/layout.html, templates/partials/*.html and one file
// per page type, each named by its project-relative path. It makes one set
// of templates per language, in which every {{.T "key"}} with a literal key (and every {{.URL}}, {{.Root}} and
// {{.Asset}} with a literal argument)
// is replaced by its string, escaped as html/template would escape it: such
// a string is the same on every page of a language, and a system page has
// dozens (folding them saves a fifth of the rendering time). Folding keeps
// line numbers; columns after a folded string on the same line may shift
// in template error messages.
func (r *renderer) parse(theme fs.FS) error {
	root := r.cfg.ThemeRoot
	if root == "" {
		root = "themes/default"
	}
	type file struct{ name, src string }
	read := func(name string) (file, error) {
		b, err := fs.ReadFile(theme, name)
		return file{path.Join(root, name), string(b)}, err
	}
	layout, err := read("templates/layout.html")
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	var partials []file
	names, _ := fs.Glob(theme, "templates/partials/*.html")
	sort.Strings(names)
	for _, n := range names {
		f, err := read(n)
		if err != nil {
			return err
		}
		partials = append(partials, f)
	}
	pages := map[string]file{}
	for _, k := range kinds {
		f, err := read("templates/" + k.name + ".html")
		if err != nil {
			if k.optional {
				continue
			}
			return fmt.Errorf("theme: %w", err)
		}
		pages[k.name] = f
		r.has[k.name] = true
	}
	r.tmpl = map[string]map[string]*template.Template{}
	r.pristine = map[string]map[string]*template.Template{}
	r.layoutName = layout.name
	for _, lang := range r.languages() {
		fold := func(src string) string {
			src = foldT.ReplaceAllStringFunc(src, func(m string) string {
				return htmlEscape(r.cat.T(lang, foldT.FindStringSubmatch(m)[1]))
			})
			return foldURL.ReplaceAllStringFunc(src, func(m string) string {
				sm := foldURL.FindStringSubmatch(m)
				var u string
				switch sm[1] {
				case "URL":
					u = r.url(lang, sm[2])
				case "Root":
					u = r.basePath + sm[2]
				case "Asset":
					h, ok := r.assets.names[sm[2]]
					if !ok {
						return m // let the template report the missing file
					}
					u = r.basePath + h
				}
				if !safeURL.MatchString(u) {
					return m
				}
				return u
			})
		}
		base := template.New(layout.name).Option("missingkey=error").Funcs(funcs)
		if _, err := base.Parse(fold(layout.src)); err != nil {
			return err
		}
		for _, f := range partials {
			if _, err := base.New(f.name).Parse(fold(f.src)); err != nil {
				return err
			}
		}
		r.tmpl[lang] = map[string]*template.Template{}
		r.pristine[lang] = map[string]*template.Template{}
		for _, k := range kinds {
			f, ok := pages[k.name]
			if !ok {
				continue
			}
			t, err := base.Clone()
			if err != nil {
				return err
			}
			if _, err := t.New(f.name).Parse(fold(f.src)); err != nil {
				return err
			}
			r.pristine[lang][k.name] = t
			if r.tmpl[lang][k.name], err = t.Clone(); err != nil {
				return err
			}
		}
	}
	return nil
}

// foldT matches {{.T "key"}} and {{$.T "key"}} without trim markers.
var foldT = regexp.MustCompile(`\{\{\$?\.T "([a-zA-Z0-9_.\-]+)"\}\}`)

// foldURL matches {{.URL "path"}}, {{.Root "path"}} and {{.Asset "name"}}
// (with or without $) without trim markers; their results are the same on
// every page of a language.
var foldURL = regexp.MustCompile(`\{\{\$?\.(URL|Root|Asset) "([a-zA-Z0-9_./\-]*)"\}\}`)

// safeURL matches paths that html/template's URL normaliser and attribute
// escaper leave as they are, so folding them changes no byte.
var safeURL = regexp.MustCompile(`^[A-Za-z0-9/._~\-]*$`)

// htmlEscape escapes s as html/template escapes a string in HTML text and
// quoted attribute values.
func htmlEscape(s string) string {
	return htmlEscaper.Replace(s)
}

var htmlEscaper = strings.NewReplacer(
	"\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;",
)

// funcs are the few template functions that are not Page methods.
var funcs = template.FuncMap{
	"add":  func(a, b int) int { return a + b },
	"list": func(s ...string) []string { return s },
	// versionData pairs a page with a version of its history.
	"versionData": versionData,
	"changeData":  changeData,
}

// direct are the receiver types whose methods compiled templates call
// without reflection (the ones a page calls most often).
var direct = []tmplc.Direct{tmplc.DirectCalls[*Page](), tmplc.DirectCalls[*List](), tmplc.DirectCalls[*FacetValue]()}

// job is one page to render.
type job struct {
	kind, lang, path, out, title string
	crumbs                       []Crumb
	data                         any
}

func (r *renderer) exec(buf *bytes.Buffer, j job) error { return r.execWith(buf, j, nil) }

// execWith is exec with a cache of Markdown shared with other pages.
func (r *renderer) execWith(buf *bytes.Buffer, j job, md *mdCache) error {
	p := r.page(j)
	p.md = md
	if c, _ := r.chrome(j.lang, j.kind); c != nil {
		start := buf.Len()
		if c.prog != nil && !r.std {
			if err := c.prog.Execute(buf, p); err == nil {
				replaceControls(buf)
				return nil
			}
			// Anything the compiled template does not handle, an
			// error included: html/template renders the page.
			buf.Truncate(start)
			r.fallbacks.Add(1)
		}
		if err := c.exec(buf, p); err == nil {
			replaceControls(buf)
			return nil
		}
		buf.Truncate(start) // the whole layout reports the error as before
	}
	t := r.tmpl[j.lang][j.kind]
	slot := r.chromes[j.lang][j.kind]
	if slot != nil && !r.std {
		if prog := slot.whole.Load(); prog != nil {
			start := buf.Len()
			if err := prog.Execute(buf, p); err == nil {
				replaceControls(buf)
				return nil
			}
			buf.Truncate(start)
			r.fallbacks.Add(1)
		}
	}
	if err := t.ExecuteTemplate(buf, t.Name(), p); err != nil {
		return err
	}
	if slot != nil && !r.noCompile {
		// html/template has escaped the whole template now.
		slot.wholeOnce.Do(func() {
			if prog, err := tmplc.Compile(t, t.Name(), funcs, direct...); err == nil {
				slot.whole.Store(prog)
			}
		})
	}
	replaceControls(buf)
	return nil
}

// page is the dot of the templates for a job.
func (r *renderer) page(j job) *Page {
	p := &Page{
		Lang: j.lang, Site: r.reg.Site, Reg: r.reg, Stats: r.cfg.Stats,
		Path: j.path, Kind: j.kind, Title: j.title, Crumbs: j.crumbs, Data: j.data, r: r,
	}
	if langs := r.languages(); len(langs) > 1 {
		for _, l := range langs {
			if l != j.lang {
				p.Other = l
				break
			}
		}
	}
	if s, ok := j.data.(*register.System); ok && j.kind == "system" {
		p.Sheet = p.sheet(s)
	}
	return p
}

// languages lists the site's languages, German first (register.Site.Langs).
func (r *renderer) languages() []string { return r.langs }

// outPath turns a page path into its file: "systeme/x/" → "systeme/x/index.html".
func outPath(lang, p string) string {
	prefix := ""
	if lang != "de" {
		prefix = lang + "/"
	}
	return prefix + p + "index.html"
}

// renderCards renders the "system-card" template of every system in every
// language once, on all cores; list pages reuse the results.
func (r *renderer) renderCards(ctx context.Context) error {
	r.cards = map[string]map[*register.System]card{}
	for _, lang := range r.languages() {
		t := r.tmpl[lang]["list"].Lookup("system-card")
		if t == nil {
			return fmt.Errorf("theme: no template \"system-card\" in templates/partials")
		}
		out := make([]card, len(r.reg.Systems))
		errs := make([]error, len(r.reg.Systems))
		prev := r.prevCards[lang]
		prog := r.compileCard(t, lang)
		var wg sync.WaitGroup
		workers := runtime.GOMAXPROCS(0)
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf bytes.Buffer
				for i := w; i < len(r.reg.Systems); i += workers {
					if ctx.Err() != nil {
						return
					}
					if c, ok := prev[r.reg.Systems[i]]; ok {
						out[i] = c
						continue
					}
					buf.Reset()
					p := &Page{Lang: lang, Site: r.reg.Site, Reg: r.reg, Kind: "card", Data: r.reg.Systems[i], r: r}
					if prog == nil || prog.Execute(&buf, p) != nil {
						if prog != nil {
							buf.Reset()
							r.fallbacks.Add(1)
						}
						errs[i] = t.Execute(&buf, p)
					}
					out[i] = newCard(buf.String())
				}
			}()
		}
		wg.Wait()
		if err := ctx.Err(); err != nil {
			return err
		}
		m := make(map[*register.System]card, len(out))
		for i, s := range r.reg.Systems {
			if errs[i] != nil {
				return errs[i]
			}
			m[s] = out[i]
		}
		r.cards[lang] = m
	}
	return nil
}

// compileCard compiles the template system-card t of a language (package
// tmplc), having html/template escape it first by executing it once for
// the first system; nil when compiled templates are off, the register
// has no systems or the card is not compiled.
func (r *renderer) compileCard(t *template.Template, lang string) *tmplc.Program {
	if r.std || len(r.reg.Systems) == 0 {
		return nil
	}
	p := &Page{Lang: lang, Site: r.reg.Site, Reg: r.reg, Kind: "card", Data: r.reg.Systems[0], r: r}
	if err := t.Execute(io.Discard, p); err != nil {
		return nil // the card's error is reported where it is rendered
	}
	prog, err := tmplc.Compile(t, t.Name(), funcs, direct...)
	if err != nil {
		return nil
	}
	r.cardsCompiled.Add(1)
	return prog
}

// replaceControls replaces the control characters in a rendered page by
// U+FFFD, as html/template does with NUL: C0 controls other than tab, line
// feed and carriage return, DEL, and the C1 controls U+0080–U+009F. Content
// cannot hold them (the loader rejects them); this is defence in depth, so
// that no template, function or Markdown path can put a raw control
// character (a terminal escape, a byte the HTML parser reports as an error)
// into a page. A page without one is left as it is after one scan.
func replaceControls(buf *bytes.Buffer) {
	b := buf.Bytes()
	i := controlIndex(b)
	if i < 0 {
		return
	}
	out := make([]byte, 0, len(b)+16)
	for i >= 0 {
		out = append(out, b[:i]...)
		out = append(out, "\uFFFD"...)
		if b[i] == 0xC2 {
			i++ // a C1 control is two bytes
		}
		b = b[i+1:]
		i = controlIndex(b)
	}
	out = append(out, b...)
	buf.Reset()
	buf.Write(out)
}

// controlIndex returns the index of the first control character that
// replaceControls replaces, or -1. It tests eight bytes at a time for a
// byte below 0x20, 0x7F or 0xC2 (the first byte of a C1 control), and
// looks at single bytes only in words that have one: about 4 GB/s on
// HTML, where line feeds are frequent.
func controlIndex(b []byte) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	hasZero := func(x uint64) bool { return (x-ones)&^x&highs != 0 }
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		if (x-ones*0x20)&^x&highs == 0 && !hasZero(x^ones*0x7F) && !hasZero(x^ones*0xC2) {
			continue
		}
		if j := controlIndexSlow(b, i, i+8); j >= 0 {
			return j
		}
	}
	return controlIndexSlow(b, i, len(b))
}

// controlIndexSlow is controlIndex over b[from:to], a byte at a time (it
// may look at b[to] for the second byte of a C1 control).
func controlIndexSlow(b []byte, from, to int) int {
	for i := from; i < to; i++ {
		if !controlStart[b[i]] {
			continue
		}
		if b[i] != 0xC2 || i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9F {
			return i
		}
	}
	return -1
}

// controlStart marks the bytes that start a control character for
// controlIndex (0xC2 only when a C1 continuation byte follows).
var controlStart = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = c != '\t' && c != '\n' && c != '\r'
	}
	t[0x7F], t[0xC2] = true, true
	return t
}()
