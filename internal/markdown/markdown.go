package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Converter renders and checks Markdown. Build one and share it; it is
// safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

// New returns a Converter with the register's settings.
func New() *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(&linkRenderer{}, 100)),
		),
	)
	return &Converter{md: md}
}

var offsetKey = parser.NewContextKey()

// headingShift moves headings down so that a "# " in an entry never becomes
// a second h1 on the page.
type headingShift struct{}

func (headingShift) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	off, _ := pc.Get(offsetKey).(int)
	if off == 0 {
		return
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(h.Level+off, 6)
		}
		return ast.WalkContinue, nil
	})
}

// HTML renders src. The first heading level in src becomes level
// 1+headingOffset. Raw HTML is dropped; external images become their
// alternative text.
func (c *Converter) HTML(src string, headingOffset int) template.HTML {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	b := []byte(src) // one copy for the parser, the links and the renderer; none changes it
	ctx := parser.NewContext()
	ctx.Set(offsetKey, headingOffset)
	doc := c.md.Parser().Parse(text.NewReader(b), parser.WithContext(ctx))
	if headingOffset != 0 {
		headingShift{}.Transform(doc.(*ast.Document), nil, ctx)
	}
	wwwHTTPS(doc, b)
	w := bufWriters.Get().(*bufWriter)
	defer bufWriters.Put(w)
	w.Reset()
	if err := c.md.Renderer().Render(w, b, doc); err != nil {
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(w.String()) // goldmark escapes text and omits raw HTML
}

// bufWriter is the util.BufWriter goldmark's renderer writes to: given
// any other io.Writer it wraps it in a new 4 KB bufio.Writer per call,
// which was a third of the bytes a build allocated for Markdown. Writes go
// straight into the buffer, so Flush has nothing to do.
type bufWriter struct{ bytes.Buffer }

// Flush does nothing: the bytes are in the buffer already.
func (*bufWriter) Flush() error { return nil }

// Buffered is the number of bytes written since the last Reset.
func (w *bufWriter) Buffered() int { return w.Len() }

// bufWriters keeps the renderer's buffers between conversions (their
// String is a copy, so a buffer is free again when HTML returns).
var bufWriters = sync.Pool{New: func() any { return new(bufWriter) }}

var _ util.BufWriter = (*bufWriter)(nil)

// Problem is one rule the Markdown breaks, at a line and column of the text.
type Problem struct {
	Line, Col int
	Rule, Msg string
}

// Check returns what src does that the content rules forbid: raw HTML,
// images from other hosts, and links other than https:, mailto: and
// relative ones.
func (c *Converter) Check(src string) []Problem {
	if strings.TrimSpace(src) == "" {
		return nil
	}
	source := []byte(src)
	doc := c.md.Parser().Parse(text.NewReader(source))
	var out []Problem
	pos := &lineCounter{src: source, line: 1, col: 1}
	add := func(off int, rule, format string, args ...any) {
		line, col := pos.at(off)
		out = append(out, Problem{Line: line, Col: col, Rule: rule, Msg: fmt.Sprintf(format, args...)})
	}
	wwwHTTPS(doc, source) // as HTML does, so both judge the same URLs
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			add(blockStart(n), "raw-html", "raw HTML %q; want Markdown only", firstLine(n, source))
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				seg := n.Segments.At(0)
				add(seg.Start, "raw-html", "raw HTML %q; want Markdown only", string(seg.Value(source)))
			}
		case *ast.Image:
			if src, msg := imageSrc(n); msg != "" {
				add(inlineStart(n, source), "image", "image from %s; %s", written(n.Destination, src), msg)
			}
		case *ast.Link:
			if href, msg := linkHref(n, source); msg != "" {
				add(inlineStart(n, source), "link", "link %s: %s", written(n.Destination, href), msg)
			}
		case *ast.AutoLink:
			if href, msg := linkHref(n, source); msg != "" {
				add(inlineStart(n, source), "link", "link %s: %s", written(n.URL(source), href), msg)
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// written quotes a destination as written and, when the page would get
// another string (character references resolved, percent-escaped), that too.
func written(dest, href []byte) string {
	if bytes.Equal(dest, href) {
		return fmt.Sprintf("%q", dest)
	}
	return fmt.Sprintf("%q (as %q)", dest, href)
}

// linkHref returns the href of a link or autolink exactly as goldmark's
// HTML renderer computes it (backslash escapes and character references
// resolved, then percent-escaped; "mailto:" before an e-mail address), and
// why the register refuses it, "" if it does not. Check and the link
// renderer both call it, so a link the check accepts is rendered with this
// href and a link it refuses is rendered as its text, never as href="".
func linkHref(n ast.Node, source []byte) (href []byte, problem string) {
	switch n := n.(type) {
	case *ast.Link:
		href = util.URLEscape(n.Destination, true)
	case *ast.AutoLink:
		href = util.URLEscape(n.URL(source), false)
		if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(href), []byte("mailto:")) {
			href = append([]byte("mailto:"), href...)
		}
	default:
		return nil, "not a link"
	}
	return href, checkLink(href)
}

// imageSrc is linkHref for an image: its src as goldmark computes it, and
// why it is shown as its alternative text instead.
func imageSrc(n *ast.Image) (src []byte, problem string) {
	src = util.URLEscape(n.Destination, true)
	if external(src) || html.IsDangerousURL(src) {
		return src, "want no images from other hosts (privacy)"
	}
	return src, ""
}

// checkLink judges href, the string a page's href attribute holds: https:
// with a host, mailto: or relative; nothing goldmark would blank.
func checkLink(href []byte) string {
	if html.IsDangerousURL(href) {
		if u, err := url.Parse(string(href)); err == nil && u.Scheme != "" {
			return fmt.Sprintf("scheme %q; want https:, mailto: or a relative link", strings.ToLower(u.Scheme))
		}
		return "a script or data URL; want https:, mailto: or a relative link"
	}
	u, err := url.Parse(string(href))
	if err != nil {
		return "not a valid URL; want https:, mailto: or a relative link"
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		if u.Host == "" {
			return "no host; want https://host/…"
		}
		return ""
	case "mailto":
		return ""
	case "":
		if bytes.HasPrefix(href, []byte("//")) {
			return "protocol-relative; want https:"
		}
		return ""
	case "http":
		return "plain http; want https:"
	}
	return fmt.Sprintf("scheme %q; want https:, mailto: or a relative link", strings.ToLower(u.Scheme))
}

// external reports whether an image src would load from another host (or
// is no URL at all).
func external(src []byte) bool {
	u, err := url.Parse(string(src))
	return err != nil || u.Scheme != "" || u.Host != "" || bytes.HasPrefix(src, []byte("//"))
}

// lineCounter turns byte offsets into lines and columns (in characters),
// both from 1. Problems come mostly in document order, so it counts on from
// the previous offset instead of from the start each time: an input with
// thousands of problems on one long line stays linear.
type lineCounter struct {
	src            []byte
	off, line, col int
}

func (c *lineCounter) at(off int) (int, int) {
	off = min(max(off, 0), len(c.src))
	if off < c.off {
		c.off, c.line, c.col = 0, 1, 1
	}
	for c.off < off {
		r, n := utf8.DecodeRune(c.src[c.off:])
		if r == '\n' {
			c.line, c.col = c.line+1, 1
		} else {
			c.col++
		}
		c.off += n
	}
	return c.line, c.col
}

func blockStart(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}

func firstLine(n ast.Node, src []byte) string {
	if n.Lines().Len() == 0 {
		return ""
	}
	seg := n.Lines().At(0)
	return strings.TrimSpace(string(seg.Value(src)))
}

// isWWW reports whether n is a bare "www." address found by the Linkify
// extension, which gives it the protocol http.
func isWWW(n *ast.AutoLink, src []byte) bool {
	return n.AutoLinkType == ast.AutoLinkURL && bytes.HasPrefix(n.Label(src), []byte("www."))
}

// wwwHTTPS makes bare "www." addresses https: links (Linkify makes them http:).
func wwwHTTPS(doc ast.Node, src []byte) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if a, ok := n.(*ast.AutoLink); ok && entering && isWWW(a, src) {
			a.Protocol = []byte("https")
		}
		return ast.WalkContinue, nil
	})
}

// inlineStart finds the source offset of an inline node: the position the
// parser recorded (the "[", "![" or "<"), else the start of its first text,
// less the opening bracket, or its block's start.
func inlineStart(n ast.Node, src []byte) int {
	if p := n.Pos(); p >= 0 && p < len(src) {
		for p < len(src) && (src[p] == ' ' || src[p] == '\t') {
			p++ // the parser may record the space an inline was found after
		}
		return p
	}
	var off = -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		return blockStart(n.Parent())
	}
	switch n.(type) {
	case *ast.Link:
		if off > 0 && src[off-1] == '[' {
			off--
		}
	case *ast.Image:
		if off > 1 && src[off-1] == '[' && src[off-2] == '!' {
			off -= 2
		}
	case *ast.AutoLink:
		if off > 0 && src[off-1] == '<' {
			off--
		}
	}
	return off
}

// linkRenderer renders links and images with the decisions Check makes:
// an accepted link gets the href linkHref computed, a refused one is
// rendered as its text; a relative image as usual, any other image as its
// alternative text, so no page ever loads one.
type linkRenderer struct{}

func (r *linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindAutoLink, r.autoLink)
}

func (r *linkRenderer) link(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	href, problem := linkHref(n, source)
	if problem != "" {
		return ast.WalkContinue, nil // the children, as text
	}
	if !entering {
		w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	w.WriteString(`<a href="`)
	w.Write(util.EscapeHTML(href))
	w.WriteByte('"')
	if n.Title != nil {
		w.WriteString(` title="`)
		html.DefaultWriter.Write(w, n.Title)
		w.WriteByte('"')
	}
	w.WriteByte('>')
	return ast.WalkContinue, nil
}

func (r *linkRenderer) autoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	label := util.EscapeHTML(n.Label(source))
	href, problem := linkHref(n, source)
	if problem != "" {
		w.Write(label)
		return ast.WalkContinue, nil
	}
	w.WriteString(`<a href="`)
	w.Write(util.EscapeHTML(href))
	w.WriteString(`">`)
	w.Write(label)
	w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}

func (r *linkRenderer) image(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	alt := nodeText(n, source)
	src, problem := imageSrc(n)
	if problem != "" {
		w.Write(util.EscapeHTML(alt))
		return ast.WalkSkipChildren, nil
	}
	w.WriteString(`<img src="`)
	w.Write(util.EscapeHTML(src))
	w.WriteString(`" alt="`)
	w.Write(util.EscapeHTML(alt))
	w.WriteString(`">`)
	return ast.WalkSkipChildren, nil
}

func nodeText(n ast.Node, source []byte) []byte {
	var b bytes.Buffer
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(source))
		}
		return ast.WalkContinue, nil
	})
	return b.Bytes()
}
