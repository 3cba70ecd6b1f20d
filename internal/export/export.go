package export

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"maki/internal/register"
)

// Config is what the exports need besides the register.
type Config struct {
	// BaseURL is the absolute URL the site is served from, ending in "/";
	// it may have a path. Empty means the site.yaml base_url.
	BaseURL string
	// Now is the build time (injected; never the clock). Only
	// security.txt's Expires and an empty register's feed use it.
	Now time.Time
	// Catalog holds the UI strings (chart titles and labels).
	Catalog register.Catalog
	// Pages lists every HTML page the renderer produced, relative to
	// public/ ("systeme/foo/index.html", "en/systeme/foo/index.html").
	Pages []string
	// ContributorID is the DCAT-AP.de contributor URI of the operator
	// (dcatde:contributorID, http://dcat-ap.de/def/contributors/…), when
	// it has one; optional in DCAT-AP.de 3.0.
	ContributorID string
	// SnapshotsWritten says that the history's snapshot files were
	// written already (Snapshots), so Write leaves them out.
	SnapshotsWritten bool
}

// SchemaVersion is the version of the register.json format. It changes
// only when a field is renamed, removed or changes type; new fields keep it.
const SchemaVersion = "1"

// Writer receives the exports: small files whole, large ones (register.json
// and register.csv hold every system) in pieces through Create, so that
// they need not be held in memory. Both methods may be called from several
// goroutines at once.
type Writer interface {
	Write(name string, data []byte) error
	Create(name string) (io.WriteCloser, error)
}

// Write writes every export to w, names relative to public/.
func Write(r *register.Register, cfg Config, w Writer) error {
	x, err := newExporter(r, cfg)
	if err != nil {
		return err
	}
	out := &sink{w: w, sizes: map[string]int{}}
	// The formats are independent of each other: they are made at the same
	// time, at most GOMAXPROCS at once, the costliest first (measured at
	// 10,000 systems), each into its own files, so the bytes do not depend
	// on the order. The catalogue comes last: it gives the sizes of the
	// files it describes.
	steps := []func(*sink) error{
		x.xlsxFile,
		x.feeds,
		x.jsonFiles,
		x.eurocitiesFile,
		x.charts,
		x.csvFile,
		x.sitemap,
		x.euAIActFile,
		x.wellKnown,
	}
	if err := parallel(steps, out); err != nil {
		return err
	}
	return x.dcatFile(out)
}

// parallel runs the steps on up to GOMAXPROCS goroutines and returns the
// error of the first step in the list that failed.
func parallel(steps []func(*sink) error, out *sink) error {
	errs := make([]error, len(steps))
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), len(steps)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(steps) {
					return
				}
				errs[i] = steps[i](out)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Files returns every export as path (relative to public/) → content.
func Files(r *register.Register, cfg Config) (map[string][]byte, error) {
	files := map[string][]byte{}
	keep := func(name string, data []byte) error {
		files[name] = bytes.Clone(data)
		return nil
	}
	if err := Write(r, cfg, FuncWriter(keep)); err != nil {
		return nil, err
	}
	return files, nil
}

// sink passes the files of the exports to a Writer and remembers their
// sizes, for the catalogue.
type sink struct {
	w     Writer
	mu    sync.Mutex
	sizes map[string]int
}

// write writes one whole file.
func (s *sink) write(name string, data []byte) error {
	if err := s.w.Write(name, data); err != nil {
		return err
	}
	s.sized(name, len(data))
	return nil
}

func (s *sink) sized(name string, n int) {
	s.mu.Lock()
	s.sizes[name] = n
	s.mu.Unlock()
}

// size returns the size of a file written so far.
func (s *sink) size(name string) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, ok := s.sizes[name]
	return n, ok
}

// stream writes one file in pieces: fill writes it to a buffered writer.
func (s *sink) stream(name string, fill func(w *bufio.Writer) error) error {
	f, err := s.w.Create(name)
	if err != nil {
		return err
	}
	cw := &countWriter{w: f}
	bw := bufio.NewWriterSize(cw, 64<<10)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	s.sized(name, int(cw.n))
	return nil
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// FuncWriter is a Writer over a function that takes whole files: Create
// collects the file in memory and passes it on when it is closed. The
// function is called from one goroutine at a time; it must not keep data.
func FuncWriter(write func(name string, data []byte) error) Writer {
	return &funcWriter{write: write}
}

type funcWriter struct {
	mu    sync.Mutex
	write func(name string, data []byte) error
}

func (w *funcWriter) Write(name string, data []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.write(name, data)
}

func (w *funcWriter) Create(name string) (io.WriteCloser, error) {
	return &funcFile{w: w, name: name}, nil
}

// funcFile is a file of a funcWriter being written.
type funcFile struct {
	bytes.Buffer
	w    *funcWriter
	name string
}

func (f *funcFile) Close() error { return f.w.Write(f.name, f.Bytes()) }

// exporter carries the register and the resolved settings through the
// individual formats.
type exporter struct {
	r    *register.Register
	cfg  Config
	base string // absolute, ends in "/"
	host string // host name of base, for tag: URIs
	site *register.Site
	// systems is r.Systems sorted by id.
	systems []*register.System
	// langs are the site's languages, German first; en is true when
	// English is among them. Nothing English (feed, OpenSearch, charts,
	// page URLs, catalogue texts) is written for a German-only site.
	langs []string
	en    bool
	// feedSorted is systems in feed order (byFeedOrder), made once.
	feedOnce   sync.Once
	feedSorted []*register.System
	// orgJSON is the JSON of every organisation, made once (sharedOrg).
	orgOnce sync.Once
	orgJSON map[string]*jOrganisation
}

func newExporter(r *register.Register, cfg Config) (*exporter, error) {
	site := r.Site
	if site == nil {
		site = &register.Site{}
	}
	base := cfg.BaseURL
	if base == "" {
		base = site.BaseURL
	}
	if base == "" {
		return nil, fmt.Errorf("export: no base URL (site.yaml base_url or --base-url)")
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	u, err := url.Parse(base)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return nil, fmt.Errorf("export: base URL %q is not an absolute URL", base)
	}
	// Build the register's lookups now, before the exports use them from
	// several goroutines.
	r.Organisation("")
	systems := append([]*register.System(nil), r.Systems...)
	sort.Slice(systems, func(i, j int) bool { return systems[i].ID < systems[j].ID })
	return &exporter{r: r, cfg: cfg, base: base, host: u.Hostname(), site: site, systems: systems,
		langs: site.Langs(), en: site.HasLang("en")}, nil
}

// abs returns the absolute URL of a site path ("systeme/foo/").
func (x *exporter) abs(path string) string { return x.base + path }

// pageURL returns the absolute URL of a system's page in lang.
func (x *exporter) pageURL(lang, id string) string {
	return x.abs(langPrefix(lang) + "systeme/" + id + "/")
}

// orgURL returns the absolute URL of an organisation's page in lang.
func (x *exporter) orgURL(lang, id string) string {
	return x.abs(langPrefix(lang) + "organisationen/" + id + "/")
}

// pageURLs returns a page's absolute URLs, English null when the site
// has no English pages.
func (x *exporter) pageURLs(url func(lang, id string) string, id string) jText {
	j := jText{De: str(url("de", id))}
	if x.en {
		j.En = str(url("en", id))
	}
	return j
}

func langPrefix(lang string) string {
	if lang == "de" || lang == "" {
		return ""
	}
	return lang + "/"
}

// label returns the UI string for key in lang (German when the language
// lacks it), or def when the catalog has neither, so machine formats never
// carry the "[key]" marker of a missing string.
func (x *exporter) label(lang, key, def string) string {
	if s, ok := x.cfg.Catalog[lang][key]; ok && s != "" {
		return s
	}
	if s, ok := x.cfg.Catalog["de"][key]; ok && s != "" {
		return s
	}
	return def
}

// text returns t in lang with the German fallback.
func text(t register.Text, lang string) string {
	s, _ := t.In(lang)
	return s
}

// latestUpdate returns the newest updated date of the systems ("" when
// there are none).
func (x *exporter) latestUpdate() string {
	d := ""
	for _, s := range x.systems {
		if string(s.Updated) > d {
			d = string(s.Updated)
		}
	}
	return d
}

// earliestPublished returns the oldest published date of the systems.
func (x *exporter) earliestPublished() string {
	d := ""
	for _, s := range x.systems {
		if p := string(s.Published); p != "" && (d == "" || p < d) {
			d = p
		}
	}
	return d
}

// licenseURI maps site.yaml's license to a DCAT-AP.de licence URI
// (register.LicenseURI): an id of the dcat-ap.de vocabulary, its URI or a
// known other spelling; empty means dl-by-de/2.0. A licence outside the
// vocabulary, which "maki check" rejects, gives "" (no licence statement)
// rather than an invalid IRI.
func licenseURI(l string) string {
	uri, _ := register.LicenseURI(l)
	return uri
}

// licenseText is the human name of licenseURI's licence, for the
// attribution text and the data page.
func licenseName(uri string) string {
	switch strings.TrimPrefix(uri, "http://dcat-ap.de/def/licenses/") {
	case "dl-by-de/2.0":
		return "Datenlizenz Deutschland – Namensnennung – Version 2.0"
	case "dl-zero-de/2.0":
		return "Datenlizenz Deutschland – Zero – Version 2.0"
	case "cc-by/4.0":
		return "Creative Commons Namensnennung – 4.0 International (CC BY 4.0)"
	case "cc-zero":
		return "Creative Commons Zero (CC0 1.0)"
	}
	return uri
}

// LicenseURI returns the DCAT-AP.de URI of the site's data licence, for
// the data page.
func LicenseURI(site *register.Site) string {
	if site == nil {
		return licenseURI("")
	}
	return licenseURI(site.License)
}

// LicenseName returns the name of the site's data licence.
func LicenseName(site *register.Site) string { return licenseName(LicenseURI(site)) }

// Public returns the system as it may be published (register.System.Public).
func Public(s *register.System) *register.System { return s.Public() }
