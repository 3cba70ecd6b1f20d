package markdown

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

func TestCheck(t *testing.T) {
	c := New()
	for _, tt := range []struct {
		src  string
		want []string // "line:col rule msg"
	}{
		{"", nil},
		{"   \n", nil},
		{"Nur Text mit **fett** und `code`.", nil},
		{"[a](https://example.de) [b](mailto:x@example.de) [c](/systeme/x/) [d](../x) [e](#anker) [f](?q=1)", nil},
		{"<https://example.de> und https://example.de/x und www.example.de", nil},
		{"Mail: <ki@example.de> oder ki@example.de", nil},
		{"![Ablauf](bilder/ablauf.png) ![Abs](/bild.png)", nil},
		{"3 < 4 und a<b", nil},
		{"```\n<script>im Code</script>\n```", nil},
		{"`<b>code</b>`", nil},
		{"<script>alert(1)</script>", []string{`1:1 raw-html raw HTML "<script>alert(1)</script>"; want Markdown only`}},
		{"Text\n\n<div>\nx\n</div>", []string{`3:1 raw-html raw HTML "<div>"; want Markdown only`}},
		{"Ein <b>x</b>.", []string{
			`1:5 raw-html raw HTML "<b>"; want Markdown only`,
			`1:9 raw-html raw HTML "</b>"; want Markdown only`}},
		{"<!-- Kommentar -->", []string{`1:1 raw-html raw HTML "<!-- Kommentar -->"; want Markdown only`}},
		{"x <img src=x onerror=alert(1)>", []string{`1:3 raw-html raw HTML "<img src=x onerror=alert(1)>"; want Markdown only`}},
		{"Zeile\n  ![Logo](https://cdn.example.com/l.png)", []string{`2:3 image image from "https://cdn.example.com/l.png"; want no images from other hosts (privacy)`}},
		{"![p](//tracker.example/p.gif)", []string{`1:1 image image from "//tracker.example/p.gif"; want no images from other hosts (privacy)`}},
		{"![p](data:image/png;base64,AAAA)", []string{`1:1 image image from "data:image/png;base64,AAAA"; want no images from other hosts (privacy)`}},
		{"Äöü [x](javascript:alert(1))", []string{`1:5 link link "javascript:alert(1)": scheme "javascript"; want https:, mailto: or a relative link`}},
		{"[x](JavaScript:alert(1))", []string{`1:1 link link "JavaScript:alert(1)": scheme "javascript"; want https:, mailto: or a relative link`}},
		{"[x](http://example.de)", []string{`1:1 link link "http://example.de": plain http; want https:`}},
		{"[x](HTTP://example.de)", []string{`1:1 link link "HTTP://example.de": plain http; want https:`}},
		{"[x](//example.de)", []string{`1:1 link link "//example.de": protocol-relative; want https:`}},
		{"a <http://example.de>", []string{`1:3 link link "http://example.de": plain http; want https:`}},
		{"a\nb http://example.de/x", []string{`2:3 link link "http://example.de/x": plain http; want https:`}},
		{"[x](ftp://example.de)", []string{`1:1 link link "ftp://example.de": scheme "ftp"; want https:, mailto: or a relative link`}},
		{"[x][r]\n\n[r]: http://example.de", []string{`1:1 link link "http://example.de": plain http; want https:`}},
		{"[**fett**](http://example.de)", []string{`1:1 link link "http://example.de": plain http; want https:`}},
		{"[](http://example.de)", []string{`1:1 link link "http://example.de": plain http; want https:`}},
		{"> Zitat [x](http://e.de)", []string{`1:9 link link "http://e.de": plain http; want https:`}},
		{"- a\n- b [x](http://e.de)", []string{`2:5 link link "http://e.de": plain http; want https:`}},
	} {
		var got []string
		for _, p := range c.Check(tt.src) {
			got = append(got, fmt.Sprintf("%d:%d %s %s", p.Line, p.Col, p.Rule, p.Msg))
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("Check(%q) =\n%s\nwant\n%s", tt.src, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

// relative reports whether a browser would load u from the page's own
// host: no scheme, no host, also after it drops tabs and newlines, trims
// spaces and turns backslashes into slashes.
func relative(u string) bool {
	u = strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r':
			return -1
		case '\\':
			return '/'
		}
		return r
	}, strings.TrimSpace(u))
	p, err := url.Parse(u)
	return err == nil && p.Scheme == "" && p.Host == "" && !strings.HasPrefix(u, "//")
}

func TestUnsafe(t *testing.T) {
	for _, tt := range []struct {
		out  string
		want bool
	}{
		{"<p>0 onA=</p>\n", false},
		{"<p>a &lt;script&gt;</p>", false},
		{`<p><a href="https://x.de">x</a> <img src="a.png" alt="on=x"></p>`, false},
		{"<p><!-- raw HTML omitted --></p>", false},
		{"<script>x</script>", true},
		{`<p onclick="x">`, true},
		{`<a href="javascript:x">`, true},
		{`<a href="&#x6A;avascript:x">`, true},
		{`<img src="https://x.de/a.png" alt="">`, true},
		{`<img src="//x.de/a.png" alt="">`, true},
		{`<img src="/\\x.de/a.png" alt="">`, true},
		{`<img src="A#00://000" alt="">`, false},
	} {
		if got := unsafe(tt.out) != ""; got != tt.want {
			t.Errorf("unsafe(%q) = %v; want %v", tt.out, got, tt.want)
		}
	}
}

func TestHTML(t *testing.T) {
	c := New()
	for _, tt := range []struct {
		src    string
		offset int
		want   string
	}{
		{"", 0, ""},
		{"Text", 0, "<p>Text</p>\n"},
		{"# Titel\n## Unter", 1, "<h2>Titel</h2>\n<h3>Unter</h3>\n"},
		{"# Titel", 2, "<h3>Titel</h3>\n"},
		{"##### a\n###### b", 2, "<h6>a</h6>\n<h6>b</h6>\n"},
		{"# Titel", 0, "<h1>Titel</h1>\n"},
		{"<script>alert(1)</script>", 0, "<!-- raw HTML omitted -->\n"},
		{"a <b>x</b> c", 0, "<p>a <!-- raw HTML omitted -->x<!-- raw HTML omitted --> c</p>\n"},
		{"[x](javascript:alert(1))", 0, "<p>x</p>\n"}, // refused by Check: text, not href=""
		{"[x](https://example.de/?a=1&b=2)", 0, "<p><a href=\"https://example.de/?a=1&amp;b=2\">x</a></p>\n"},
		{"![Logo der Stadt](https://cdn.example.com/l.png)", 0, "<p>Logo der Stadt</p>\n"},
		{"![a <b> & \"c\"](https://cdn.example.com/l.png)", 0, "<p>a  &amp; &quot;c&quot;</p>\n"},
		{"![Ablauf](bilder/ablauf.png)", 0, "<p><img src=\"bilder/ablauf.png\" alt=\"Ablauf\"></p>\n"},
		{"![x](javascript:alert(1))", 0, "<p>x</p>\n"},
		{"www.example.de", 0, "<p><a href=\"https://www.example.de\">www.example.de</a></p>\n"},
		{"3 < 4 & 5 > 2", 0, "<p>3 &lt; 4 &amp; 5 &gt; 2</p>\n"},
		{"| a |\n|---|\n| 1 |", 0, "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n"},
	} {
		if got := string(c.HTML(tt.src, tt.offset)); got != tt.want {
			t.Errorf("HTML(%q, %d) = %q; want %q", tt.src, tt.offset, got, tt.want)
		}
	}
}

// TestHTMLConcurrent: conversions on many goroutines at once, sharing the
// pooled output buffers, give each text its own HTML, the same as one at a
// time, and a long text after a short one (a reused, larger buffer) keeps
// nothing of the one before.
func TestHTMLConcurrent(t *testing.T) {
	c := New()
	srcs := []string{"Text", "# Titel\n\n" + strings.Repeat("Ein langer Absatz mit [Link](https://example.de/). ", 200), "*kurz*", "| a |\n|---|\n| 1 |", "www.example.de"}
	want := make([]string, len(srcs))
	for i, s := range srcs {
		want[i] = string(c.HTML(s, 1))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*100)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 100; k++ {
				i := (g + k) % len(srcs)
				if got := string(c.HTML(srcs[i], 1)); got != want[i] {
					errs <- fmt.Sprintf("HTML(%.20q) = %.60q; want %.60q", srcs[i], got, want[i])
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestHTMLAllocates: a short text costs far less than the 4 KB
// bufio.Writer goldmark makes for a writer that is not a util.BufWriter.
func TestHTMLAllocates(t *testing.T) {
	c := New()
	const src = "Ein *kurzer* Text mit [Link](https://example.de/)."
	c.HTML(src, 0)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	const n = 200
	for i := 0; i < n; i++ {
		c.HTML(src, 0)
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / n; per >= 4096 {
		t.Errorf("HTML of %d bytes allocates %d bytes a call; want < 4096", len(src), per)
	}
}

// BenchmarkHTML converts a description of typical length.
func BenchmarkHTML(b *testing.B) {
	c := New()
	src := "## Zweck\n\n" + strings.Repeat("Das System unterstützt die *Sachbearbeitung* bei [Anträgen](https://example.de/a). ", 8) + "\n\n- eins\n- zwei\n"
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c.HTML(src, 1)
	}
}

// TestLinksAgree: for tricky destinations, Check's verdict and the
// rendered page agree. A link Check accepts is rendered with the href
// written (character references resolved, percent-escaped as goldmark
// does); one it refuses is an error at the link and is rendered as its
// text, never as href="" or a live link.
func TestLinksAgree(t *testing.T) {
	c := New()
	for _, tt := range []struct {
		src  string
		href string // the rendered href; "" refused: an error, and no link
	}{
		{"[x](https://example.de/a?b=1&c=2)", "https://example.de/a?b=1&amp;c=2"},
		{"[x](HTTPS://example.de)", "HTTPS://example.de"},
		{"[x](https:&#47;&#47;example.de)", "https://example.de"},
		{"[x](mailto:ki@example.de)", "mailto:ki@example.de"},
		{"[x](MailTo:ki@example.de)", "MailTo:ki@example.de"},
		{"[x](/systeme/chatbot/)", "/systeme/chatbot/"},
		{"[x](../chatbot/#abschnitt)", "../chatbot/#abschnitt"},
		{"[x](<a b>)", "a%20b"},
		{"[x](#&#x41;nker)", "#Anker"},
		{"[x](Stra%C3%9Fe)", "Stra%C3%9Fe"},
		{"[x](Straße)", "Stra%C3%9Fe"},
		{"<https://example.de/x>", "https://example.de/x"},
		{"https://example.de/y", "https://example.de/y"},
		{"www.example.de", "https://www.example.de"},
		{"<ki@example.de>", "mailto:ki@example.de"},
		{"[x](javascript:alert(1))", ""},
		{"[x](&#106;avascript:alert(1))", ""},
		{"[x](&#x6A;avascript:alert(1))", ""},
		{"[x](&#X6a;avascript&colon;alert(1))", ""},
		{"[x](JaVaScRiPt:alert(1))", ""},
		{"[x](<java\tscript:alert(1)>)", ""},
		{"[x](<java	script:alert(1)>)", ""},
		{"[x](java&#x09;script:alert(1))", ""},
		{"[x](java&#x0A;script:alert(1))", ""},
		{"[x](&#32;javascript:alert(1))", ""},
		{"[x](&#0;javascript:alert(1))", ""},
		{"[x](\\javascript:alert(1))", ""},
		{"[x](%6Aavascript:alert(1))", ""},
		{"[x](data:text/html,<script>alert(1)</script>)", ""},
		{"[x](data:image/png;base64,AAAA)", ""},
		{"[x](DATA:text/html,x)", ""},
		{"[x](vbscript:msgbox(1))", ""},
		{"[x](file:///etc/passwd)", ""},
		{"[x](//evil.example/)", ""},
		{"[x](&#47;/evil.example/)", ""},
		{"[x](http://example.de)", ""},
		{"[x](https:evil.example)", ""},
		{"[x](ftp://example.de)", ""},
		{"<javascript:alert(1)>", ""},
		{"<http://example.de>", ""},
		{"[x][r]\n\n[r]: &#106;avascript:alert(1)", ""},
	} {
		problems := c.Check(tt.src)
		out := string(c.HTML(tt.src, 0))
		hrefs := attrURL.FindAllStringSubmatch(out, -1)
		if tt.href == "" {
			if len(problems) != 1 || problems[0].Rule != "link" || problems[0].Line != 1 || problems[0].Col != 1 {
				t.Errorf("Check(%q) = %v; want one link error at 1:1", tt.src, problems)
			}
			if strings.Contains(out, "<a") {
				t.Errorf("HTML(%q) = %q; want the link as text", tt.src, out)
			}
			continue
		}
		if len(problems) != 0 {
			t.Errorf("Check(%q) = %v; want none", tt.src, problems)
		}
		if len(hrefs) != 1 || hrefs[0][2] != tt.href {
			t.Errorf("HTML(%q) = %q; want href=%q", tt.src, out, tt.href)
		}
	}
}

// TestImagesAgree: an image Check accepts loads from the site itself; one
// it refuses is rendered as its alternative text.
func TestImagesAgree(t *testing.T) {
	c := New()
	for _, tt := range []struct {
		src, img string // img: the rendered src; "" refused
	}{
		{"![a](bilder/a.png)", "bilder/a.png"},
		{"![a](/bilder/a&#46;png)", "/bilder/a.png"},
		{"![a](https://cdn.example/a.png)", ""},
		{"![a](&#47;/cdn.example/a.png)", ""},
		{"![a](&#104;ttps://cdn.example/a.png)", ""},
		{"![a](data:image/png;base64,AAAA)", ""},
		{"![a](&#106;avascript:alert(1))", ""},
	} {
		problems := c.Check(tt.src)
		out := string(c.HTML(tt.src, 0))
		srcs := attrURL.FindAllStringSubmatch(out, -1)
		if tt.img == "" {
			if len(problems) != 1 || problems[0].Rule != "image" {
				t.Errorf("Check(%q) = %v; want one image error", tt.src, problems)
			}
			if out != "<p>a</p>\n" {
				t.Errorf("HTML(%q) = %q; want the alternative text", tt.src, out)
			}
			continue
		}
		if len(problems) != 0 {
			t.Errorf("Check(%q) = %v; want none", tt.src, problems)
		}
		if len(srcs) != 1 || srcs[0][2] != tt.img {
			t.Errorf("HTML(%q) = %q; want src=%q", tt.src, out, tt.img)
		}
	}
}

var (
	// tagPattern finds the tags in rendered HTML: text is escaped, so every
	// "<" starts a tag goldmark wrote (or its "raw HTML omitted" comment).
	tagPattern = regexp.MustCompile(`<[^>]*>`)
	allowedTag = regexp.MustCompile(`^</?(p|h[1-6]|a|img|em|strong|code|pre|blockquote|ul|ol|li|table|thead|tbody|tr|th|td|del|hr|br)\b|^<!-- raw HTML omitted -->$`)
	quoted     = regexp.MustCompile(`"[^"]*"`)
	handler    = regexp.MustCompile(`(?i)\son[a-z]*\s*=`)
	badURL     = regexp.MustCompile(`(?i)^\s*(javascript|vbscript|data|file):`)
	attrURL    = regexp.MustCompile(`\s(href|src)="([^"]*)"`)
)

// unsafe returns what in rendered HTML could come from content markup:
// a tag goldmark does not write, an event handler, a dangerous URL, or an
// image from another host.
func unsafe(out string) string {
	for _, tag := range tagPattern.FindAllString(out, -1) {
		if !allowedTag.MatchString(tag) {
			return tag
		}
		if handler.MatchString(quoted.ReplaceAllString(tag, `""`)) {
			return tag
		}
		for _, m := range attrURL.FindAllStringSubmatch(tag, -1) {
			u := html.UnescapeString(m[2])
			if badURL.MatchString(u) {
				return tag
			}
			if m[1] == "src" && !relative(u) {
				return tag
			}
		}
	}
	return ""
}

// FuzzMarkdown: Check and HTML never panic, and HTML never lets through
// markup from the source (script, event handlers, dangerous or external
// URLs). Text goldmark escapes is fine.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# Titel\n\nText mit **fett** und [Link](https://example.de).",
		"<script>alert(1)</script>",
		"a <img src=x onerror=alert(1)> b",
		"[x](javascript:alert(1)) ![y](https://cdn.example/p.png) <http://x.de> www.x.de",
		"| a | b |\n|---|---|\n| <b>1</b> | ~~2~~ |",
		"```html\n<script>\n```\n\n    <iframe>",
		"[x][r]\n\n[r]: javascript:alert(1)",
		"![a](//x.example/a.png \"t\") ![b](DATA:image/svg+xml,<svg onload=alert(1)>)",
		"<a href=\"javascript:x\">x</a>",
		"* a\n  > b <style>x</style>\n1. c",
		"[a](&#106;avascript:alert(1)) [b](&#x6A;avascript&colon;x) [c](java&#x09;script:x) [d](%6Aavascript:x)",
		"[a](JaVaScRiPt:x) [b](<java\tscript:x>) [c](vbscript:x) [d](data:text/html,x) [e](&#47;/evil.example)",
		"![a](&#47;/cdn.example/p.png) ![b](&#104;ttps://cdn.example/p.png) [c](https:evil) [d](mailto:a@b.de)",
	} {
		f.Add(s, 1)
	}
	c := New()
	f.Fuzz(func(t *testing.T, src string, offset int) {
		offset = min(max(offset, 0), 5)
		_ = c.Check(src)
		out := string(c.HTML(src, offset))
		if bad := unsafe(out); bad != "" {
			t.Errorf("HTML(%q) = %q: unsafe %q", src, out, bad)
		}
		linkErrs := 0
		for _, p := range c.Check(src) {
			if p.Line < 1 || p.Col < 1 {
				t.Errorf("Check(%q): position %d:%d", src, p.Line, p.Col)
			}
			if p.Rule == "link" {
				linkErrs++
			}
		}
		// Check and HTML agree: every href on the page is one Check
		// accepts, and with no link errors every link is rendered.
		for _, m := range attrURL.FindAllStringSubmatch(out, -1) {
			if m[1] == "href" && m[2] != "" {
				if msg := checkLink([]byte(html.UnescapeString(m[2]))); msg != "" {
					t.Errorf("HTML(%q) = %q: href %q, which Check refuses: %s", src, out, m[2], msg)
				}
			}
		}
		if linkErrs == 0 {
			links := 0
			ast.Walk(c.md.Parser().Parse(text.NewReader([]byte(src))), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if k := n.Kind(); entering && (k == ast.KindLink || k == ast.KindAutoLink) {
					links++
				}
				return ast.WalkContinue, nil
			})
			if got := strings.Count(out, "<a href="); got != links {
				t.Errorf("HTML(%q) = %q: %d links; want all %d, Check accepted them", src, out, got, links)
			}
		}
	})
}
