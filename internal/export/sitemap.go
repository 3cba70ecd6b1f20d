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

// sitemapPages is what the sitemap lists: the URL paths of the pages,
// sorted, and what each entry needs besides. The absolute URLs are made
// while each file is written, so that at national scale (241,554 pages)
// they are not all held at once.
type sitemapPages struct {
	list    []string          // URL paths, sorted
	paths   map[string]bool   // the same, as a set
	updated map[string]string // system page path → updated date
}

func (x *exporter) sitemapPages() *sitemapPages {
	sp := &sitemapPages{paths: map[string]bool{}, updated: make(map[string]string, len(x.systems))}
	for _, p := range x.cfg.Pages {
		u, ok := pageURLPath(p)
		if !ok || sp.paths[u] {
			continue
		}
		sp.paths[u] = true
		sp.list = append(sp.list, u)
	}
	sort.Strings(sp.list)
	for _, s := range x.systems {
		sp.updated["systeme/"+s.ID+"/"] = string(s.Updated)
	}
	return sp
}

// sitemapFile returns a sitemap of the URL paths list (a part of sp.list).
func (x *exporter) sitemapFile(sp *sitemapPages, list []string) []byte {
	w := newXML()
	w.b.Grow(len(list) * 420)
	w.open("urlset", "xmlns", nsSitemap, "xmlns:xhtml", nsXHTML)
	for _, u := range list {
		de, isEn := strings.CutPrefix(u, "en/")
		if !isEn {
			de = u
		}
		w.open("url")
		w.elem("loc", x.abs(u))
		if lastmod := sp.updated[de]; lastmod != "" {
			w.elem("lastmod", lastmod)
		}
		if sp.paths[de] && sp.paths["en/"+de] {
			for _, a := range [][2]string{{"de", x.abs(de)}, {"en", x.abs("en/" + de)}, {"x-default", x.abs(de)}} {
				w.empty("xhtml:link", "rel", "alternate", "hreflang", a[0], "href", a[1])
			}
		}
		w.close("url")
	}
	w.close("urlset")
	return w.bytes()
}

// sitemap writes sitemap.xml (or a sitemap index with its parts) and
// robots.txt.
func (x *exporter) sitemap(out *sink) error {
	sp := x.sitemapPages()
	urls := sp.list
	if len(urls) <= SitemapMaxURLs {
		if err := out.write("sitemap.xml", x.sitemapFile(sp, urls)); err != nil {
			return err
		}
	} else {
		w := newXML()
		w.open("sitemapindex", "xmlns", nsSitemap)
		for i, n := 0, 1; i < len(urls); i, n = i+SitemapMaxURLs, n+1 {
			part := urls[i:min(i+SitemapMaxURLs, len(urls))]
			name := "sitemap-" + strconv.Itoa(n) + ".xml"
			if err := out.write(name, x.sitemapFile(sp, part)); err != nil {
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
