package corpus

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing/fstest"
)

// Write generates a content tree with n systems into dir, which must not
// exist or be empty. The same n and seed always give the same bytes.
func Write(dir string, n int, seed int64) error {
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return fmt.Errorf("corpus: %s is not empty", dir)
	}
	g := newGen(n, seed)
	mk := map[string]bool{}
	write := func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if d := filepath.Dir(p); !mk[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			mk[d] = true
		}
		return os.WriteFile(p, data, 0o644)
	}
	if err := os.MkdirAll(filepath.Join(dir, "systeme"), 0o755); err != nil {
		return err
	}
	mk[filepath.Join(dir, "systeme")] = true
	if err := g.fixed(write); err != nil {
		return err
	}
	// Systems are independent of each other, so write them in parallel.
	workers := runtime.GOMAXPROCS(0)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		next = make(chan int, 256)
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				name, data := g.system(i)
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), data, 0o644); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// FS returns the content tree with n systems in memory, for tests and
// benchmarks of the stages. Paths are relative to the content directory
// ("site.yaml", "systeme/<id>.md").
func FS(n int, seed int64) fstest.MapFS {
	m := fstest.MapFS{}
	Generate(n, seed, func(name string, data []byte) error {
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
	return m
}

// Generate calls emit for every file of the content tree with n systems,
// in a fixed order (settings, topics, pages, organisations, then systems
// by number). It stops at the first error emit returns.
func Generate(n int, seed int64, emit func(name string, data []byte) error) error {
	g := newGen(n, seed)
	if err := g.fixed(emit); err != nil {
		return err
	}
	for i := range n {
		if err := emit(g.system(i)); err != nil {
			return err
		}
	}
	return nil
}

// Counts reports how many organisations of each level (bund, land, kommune)
// a corpus with n systems has.
func Counts(n int, seed int64) map[string]int {
	g := newGen(n, seed)
	c := map[string]int{}
	for _, o := range g.orgs {
		c[o.level]++
	}
	return c
}

// SystemID returns the id of the i-th system (0-based) of a corpus.
func SystemID(n int, seed int64, i int) string {
	g := newGen(n, seed)
	return g.head(i).id
}

// gen holds what all files share: the organisations and the seed.
type gen struct {
	n       int
	seed    uint64
	orgs    []*org
	byLevel map[string]*picker
}

type org struct {
	id     string
	name   pair
	short  string
	level  string
	state  string
	ags    string
	url    string
	mail   string
	parent string
	domain string
	weight int
}

// picker draws organisations with probability proportional to weight.
type picker struct {
	orgs []*org
	cum  []int
}

func (p *picker) add(o *org) {
	t := 0
	if len(p.cum) > 0 {
		t = p.cum[len(p.cum)-1]
	}
	p.orgs = append(p.orgs, o)
	p.cum = append(p.cum, t+o.weight)
}

func (p *picker) pick(r *rand.Rand) *org {
	x := r.IntN(p.cum[len(p.cum)-1])
	return p.orgs[sort.SearchInts(p.cum, x+1)]
}

func newGen(n int, seed int64) *gen {
	g := &gen{n: n, seed: uint64(seed), byLevel: map[string]*picker{}}
	g.makeOrgs()
	for _, o := range g.orgs {
		p := g.byLevel[o.level]
		if p == nil {
			p = &picker{}
			g.byLevel[o.level] = p
		}
		p.add(o)
	}
	return g
}

// rng returns the random stream for stream number i of this seed.
func (g *gen) rng(i uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed^0x9e3779b97f4a7c15, i))
}

const orgStream = 1 << 62 // stream of the organisations; systems use 0..n-1

// fixed emits everything but the systems.
func (g *gen) fixed(emit func(string, []byte) error) error {
	if err := emit("site.yaml", g.site()); err != nil {
		return err
	}
	if err := emit("themen.yaml", g.topics()); err != nil {
		return err
	}
	for _, p := range pageTexts {
		var w yw
		w.b = append(w.b, "---\n"...)
		w.key(0, "title")
		w.str(2, "de", p.title.de)
		w.str(2, "en", p.title.en)
		w.raw(0, "menu", p.menu)
		w.raw(0, "weight", fmt.Sprint(p.weight))
		if p.slug == "gebaerdensprache" {
			// a stand-in video and its captions (BITV 2.0 § 4)
			w.b = append(w.b, "video:\n  src: medien/gebaerdensprache.webm\n  captions: medien/gebaerdensprache.vtt\n  duration: \"3:20\"\n"...)
			if err := emit("medien/gebaerdensprache.webm", []byte("stand-in for the operator's sign-language video\n")); err != nil {
				return err
			}
			if err := emit("medien/gebaerdensprache.vtt", []byte("WEBVTT\n\n00:00.000 --> 00:05.000\nDas KI-Transparenzregister in Gebärdensprache.\n")); err != nil {
				return err
			}
		}
		w.b = append(w.b, "---\n\n"...)
		w.b = append(w.b, p.body...)
		if err := emit("seiten/"+p.slug+".md", w.b); err != nil {
			return err
		}
		if p.enBody != "" {
			if err := emit("seiten/"+p.slug+".en.md", []byte(p.enBody)); err != nil {
				return err
			}
		}
	}
	for _, o := range g.orgs {
		if err := emit("organisationen/"+o.id+".yaml", o.yaml()); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) site() []byte {
	var w yw
	w.b = append(w.b, "# Einstellungen des KI-Transparenzregisters (synthetischer Bestand)\n"...)
	w.key(0, "title")
	w.str(2, "de", "KI-Transparenzregister")
	w.str(2, "en", "AI Transparency Register")
	w.raw(0, "base_url", "https://ki-register.example.de/register/")
	w.flowList(0, "languages", []string{"de", "en"})
	w.key(0, "operator")
	w.key(2, "name")
	w.str(4, "de", "Bundesministerium für Digitales und Staatsmodernisierung")
	w.str(4, "en", "Federal Ministry for Digital Transformation and Government Modernisation")
	w.str(2, "address", "Alexanderstraße 3, 10178 Berlin")
	w.str(2, "email", "poststelle@ki-register.example.de")
	w.str(2, "url", "https://ki-register.example.de/")
	w.str(0, "accessibility_contact", "barrierefreiheit@ki-register.example.de")
	w.key(0, "repository")
	w.str(2, "url", "https://gitlab.opencode.de/ki-register/inhalte")
	w.str(2, "edit_url", "https://gitlab.opencode.de/ki-register/inhalte/-/edit/main/content/{path}")
	w.str(0, "security_contact", "security@ki-register.example.de")
	w.str(0, "license", "DL-DE-BY-2.0")
	if g.n >= 3 {
		w.key(0, "redirects")
		for i := range 3 {
			id := g.head(i).id
			w.str(2, "alt-"+id, id)
		}
	}
	return w.b
}

func (g *gen) topics() []byte {
	var w yw
	w.b = append(w.b, "# Themen des Registers\n"...)
	for _, t := range topics {
		w.item(0)
		w.raw(0, "id", t.id)
		w.key(2, "label")
		w.str(4, "de", t.label.de)
		w.str(4, "en", t.label.en)
		w.key(2, "description")
		w.str(4, "de", t.desc.de)
		w.str(4, "en", t.desc.en)
	}
	return w.b
}

func (o *org) yaml() []byte {
	var w yw
	w.text(0, "name", o.name, o.name.en != "", false)
	if o.short != "" {
		w.str(0, "short_name", o.short)
	}
	w.raw(0, "level", o.level)
	if o.state != "" {
		w.raw(0, "state", o.state)
	}
	if o.ags != "" {
		w.raw(0, "ags", quote(o.ags))
	}
	w.str(0, "url", o.url)
	w.str(0, "contact_email", o.mail)
	if o.parent != "" {
		w.raw(0, "parent", o.parent)
	}
	return w.b
}

// makeOrgs builds the Bund, Länder and Kommunen.
func (g *gen) makeOrgs() {
	r := g.rng(orgStream)
	ids := map[string]bool{}
	addOrg := func(o *org) {
		ids[o.id] = true
		g.orgs = append(g.orgs, o)
	}
	for _, f := range federal {
		w := 3
		switch f[0] {
		case "bundesagentur-fuer-arbeit", "drv-bund", "itzbund", "bamf":
			w = 8
		case "bkamt", "auswaertiges-amt":
			w = 1
		}
		// A national register has a body that runs far more systems than
		// the rest (the federal IT service provider): from 1,000 systems
		// on, ITZBund draws about two thirds of the federal ones, so its
		// page needs a second page (more than 100 systems at 1,600).
		if f[0] == "itzbund" && g.n >= 1000 {
			w = 200
		}
		addOrg(&org{id: f[0], name: pair{f[1], f[2]}, short: f[3], level: "bund", parent: f[4],
			url: "https://www." + f[0] + ".bund.de", domain: f[0] + ".bund.de", weight: w})
	}
	for _, s := range states {
		low := strings.ToLower(s.code[3:])
		for _, lo := range landOffices {
			name := fmt.Sprintf(lo.de, s.de)
			if s.cityWide && lo.city != "" {
				name = fmt.Sprintf(lo.city, s.de)
			}
			o := &org{id: lo.id + "-" + low, name: pair{de: name}, short: lo.short + " " + s.code[3:],
				level: "land", state: s.code, domain: lo.domainPart + "." + s.domain, weight: 3}
			if r.IntN(2) == 0 {
				o.name.en = fmt.Sprintf(lo.en, s.en)
			}
			if lo.parent != "" {
				o.parent = lo.parent + "-" + low
			}
			if lo.id == "itdl" {
				o.weight = 6
			}
			o.url = "https://" + o.domain
			addOrg(o)
		}
	}
	// Kommunen: Bremen's two cities, then the rest spread over the
	// territorial states by their number of municipalities.
	m := g.n / 8
	if m >= 2 {
		addOrg(&org{id: "stadtgemeinde-bremen", name: pair{"Stadtgemeinde Bremen", "Municipality of Bremen"}, level: "kommune",
			state: "DE-HB", ags: "04011000", domain: "bremen.de", weight: 12})
		addOrg(&org{id: "stadt-bremerhaven", name: pair{de: "Stadt Bremerhaven"}, level: "kommune",
			state: "DE-HB", ags: "04012000", domain: "bremerhaven.de", weight: 8})
		m -= 2
	}
	total := 0
	for _, s := range states {
		total += s.weight
	}
	for _, s := range states {
		if s.weight == 0 || m <= 0 {
			continue
		}
		quota := (m*s.weight + total/2) / total
		g.kommunen(r, s, quota, ids, addOrg)
	}
	for _, o := range g.orgs {
		if o.url == "" {
			o.url = "https://www." + o.domain
		}
		if o.mail == "" {
			o.mail = []string{"poststelle", "digitalisierung", "ki", "info", "buergerservice"}[r.IntN(5)] + "@" + o.domain
		}
	}
}

// kommunen adds quota municipalities of state s: kreisfreie Städte and
// Landkreise with their Gemeinden, with AGS SS R KK GGG.
func (g *gen) kommunen(r *rand.Rand, s state, quota int, ids map[string]bool, add func(*org)) {
	used := map[string]bool{}
	place := func() string {
		for try := 0; ; try++ {
			name := placeName(r)
			if try > 4 {
				name += placeRivers[r.IntN(len(placeRivers))]
			}
			if !used[name] || try > 20 {
				used[name] = true
				return name
			}
		}
	}
	uniq := func(id, ags string) string {
		if !ids[id] {
			return id
		}
		if id2 := id + "-" + strings.ToLower(s.code[3:]); !ids[id2] {
			return id2
		}
		return id + "-" + ags
	}
	count := 0
	for k := 0; count < quota && k < 990; k++ {
		kreisAGS := fmt.Sprintf("%s%d%02d", s.ags, k/99, k%99+1)
		if r.IntN(5) == 0 {
			name := place()
			o := &org{name: pair{de: "Stadt " + name}, level: "kommune", state: s.code, ags: kreisAGS + "000",
				domain: slug(name) + ".de", weight: 10}
			if r.IntN(10) == 0 {
				o.name.en = "City of " + name
			}
			o.id = uniq("stadt-"+slug(name), o.ags)
			add(o)
			count++
			continue
		}
		kname := place()
		kreis := &org{name: pair{de: s.kreis + " " + kname}, level: "kommune", state: s.code, ags: kreisAGS + "000",
			domain: strings.ToLower(s.kreis) + "-" + slug(kname) + ".de", weight: 5}
		if r.IntN(10) == 0 {
			kreis.name.en = "District of " + kname
		}
		kreis.id = uniq(slug(s.kreis+" "+kname), kreis.ags)
		add(kreis)
		count++
		nGem := 5 + r.IntN(30)
		for gi := 1; gi <= nGem && count < quota; gi++ {
			name := place()
			kind, en, w := "Gemeinde", "Municipality of ", 1
			switch x := r.IntN(20); {
			case x < 5:
				kind, en, w = "Stadt", "Town of ", 4
			case x < 7 && s.code == "DE-BY":
				kind, en = "Markt", "Market town of "
			case x < 7 && s.code == "DE-RP":
				kind, en = "Verbandsgemeinde", "Collective municipality of "
			case x < 7 && s.code == "DE-NI":
				kind, en = "Samtgemeinde", "Joint municipality of "
			}
			o := &org{name: pair{de: kind + " " + name}, level: "kommune", state: s.code,
				ags: fmt.Sprintf("%s%03d", kreisAGS, gi), domain: slug(name) + ".de", parent: kreis.id, weight: w}
			if r.IntN(10) == 0 {
				o.name.en = en + name
			}
			o.id = uniq(slug(kind+" "+name), o.ags)
			add(o)
			count++
		}
	}
}

func placeName(r *rand.Rand) string {
	root := placeRoots[r.IntN(len(placeRoots))]
	suf := placeSuffixes[r.IntN(len(placeSuffixes))]
	switch x := r.IntN(10); {
	case x < 3:
		return placePrefixes[r.IntN(len(placePrefixes))] + strings.ToLower(root) + suf
	case x == 3:
		return "Bad " + root + suf
	default:
		return root + suf
	}
}

// slug turns a German name into an id part: lower case, umlauts spelt out,
// everything else but letters and digits a single hyphen.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		var rep string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			rep = string(r)
		case r == 'ä':
			rep = "ae"
		case r == 'ö':
			rep = "oe"
		case r == 'ü':
			rep = "ue"
		case r == 'ß':
			rep = "ss"
		case r == 'é' || r == 'è':
			rep = "e"
		default:
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(rep)
	}
	return b.String()
}

// BenchSize returns the corpus size benchmarks should use: the number in
// the environment variable MAKI_BENCH_N (set by bench/stages.sh -n), or def.
func BenchSize(def int) int {
	if v, err := strconv.Atoi(os.Getenv("MAKI_BENCH_N")); err == nil && v > 0 {
		return v
	}
	return def
}
