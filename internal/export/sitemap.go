package export

import (
	"sort"
	"strconv"
	"strings"
)

// SitemapMaxURLs is the most URLs one sitemap file may list (sitemaps.org).
// Larger sites get sitemap.xml as a sitemap index over sitemap-1.xml, ….
const SitemapMaxURLs = 50000

const (
	nsSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9"
	nsXHTML   = "http://www.w3.org/1999/xhtml"
)

// pageURLPath turns a page file ("systeme/foo/index.html") into its URL
// path relative to the base ("systeme/foo/"); ok is false for pages that do
// not belong in a sitemap (404.html, non-HTML).
func pageURLPath(p string) (string, bool) {
	p = strings.TrimPrefix(p, "/")
	if !strings.HasSuffix(p, ".html") {
		return "", false
	}
	base := p[strings.LastIndex(p, "/")+1:]
	if base == "404.html" {
		return "", false
	}
	if base == "index.html" {
		return strings.TrimSuffix(p, "index.html"), true
	}
	return p, true
}

type sitemapURL struct {
	loc     string
	lastmod string
	alt     [][2]string // hreflang, href
}

func (x *exporter) sitemapURLs() []sitemapURL {
	paths := map[string]bool{}
	var list []string
	for _, p := range x.cfg.Pages {
		u, ok := pageURLPath(p)
		if !ok || paths[u] {
			continue
		}
		paths[u] = true
		list = append(list, u)
	}
	sort.Strings(list)
	updated := map[string]string{}
	for _, s := range x.systems {
		updated["systeme/"+s.ID+"/"] = string(s.Updated)
	}
	out := make([]sitemapURL, 0, len(list))
	for _, u := range list {
		de, isEn := strings.CutPrefix(u, "en/")
		if !isEn {
			de = u
		}
		su := sitemapURL{loc: x.abs(u), lastmod: updated[de]}
		if paths[de] && paths["en/"+de] {
			su.alt = [][2]string{{"de", x.abs(de)}, {"en", x.abs("en/" + de)}, {"x-default", x.abs(de)}}
		}
		out = append(out, su)
	}
	return out
}

func (x *exporter) sitemapFile(urls []sitemapURL) []byte {
	w := newXML()
	w.b.Grow(len(urls) * 420)
	w.open("urlset", "xmlns", nsSitemap, "xmlns:xhtml", nsXHTML)
	for _, u := range urls {
		w.open("url")
		w.elem("loc", u.loc)
		if u.lastmod != "" {
			w.elem("lastmod", u.lastmod)
		}
		for _, a := range u.alt {
			w.empty("xhtml:link", "rel", "alternate", "hreflang", a[0], "href", a[1])
		}
		w.close("url")
	}
	w.close("urlset")
	return w.bytes()
}

// sitemap writes sitemap.xml (or a sitemap index with its parts) and
// robots.txt.
func (x *exporter) sitemap(out *sink) error {
	urls := x.sitemapURLs()
	if len(urls) <= SitemapMaxURLs {
		if err := out.write("sitemap.xml", x.sitemapFile(urls)); err != nil {
			return err
		}
	} else {
		w := newXML()
		w.open("sitemapindex", "xmlns", nsSitemap)
		for i, n := 0, 1; i < len(urls); i, n = i+SitemapMaxURLs, n+1 {
			part := urls[i:min(i+SitemapMaxURLs, len(urls))]
			name := "sitemap-" + strconv.Itoa(n) + ".xml"
			if err := out.write(name, x.sitemapFile(part)); err != nil {
				return err
			}
			w.open("sitemap")
			w.elem("loc", x.abs(name))
			w.close("sitemap")
		}
		w.close("sitemapindex")
		if err := out.write("sitemap.xml", w.bytes()); err != nil {
			return err
		}
	}
	return out.write("robots.txt", []byte("# "+x.abs("")+"\nUser-agent: *\nAllow: /\n\nSitemap: "+x.abs("sitemap.xml")+"\n"))
}
