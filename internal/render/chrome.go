package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"

	"maki/internal/render/tmplc"
)

// The chrome of a page — head, header, navigation, footer: everything of
// layout.html that is not the page's own — is the same on every page of a
// language and page type but for a few values (title, canonical address,
// breadcrumbs, the current menu item, the main content). Executing all of
// layout.html for every page repeats its dozens of actions; instead the
// layout is partially evaluated once per language and page type:
//
//  1. Its parse tree is split into static nodes, which read only what is
//     the same on every page of the kind (the language, the site, the
//     catalogue, menus, assets: pageStatic), and holes: the smallest
//     nodes that read anything else (.Path, .Title, .Crumbs, .Data, the
//     page itself passed to a template, a method not known to be static).
//     An {{if}} whose condition is static is looked into; any other node
//     with a hole in it is a hole as a whole.
//  2. Each hole is replaced by a call of a template of its own. The layout
//     so rewritten is executed once with a probe page on which every hole
//     prints nothing but records where it is; the output, cut there, is
//     the chrome's static text.
//  3. The page template is that static text, as text nodes, with the
//     calls of the holes between: per page one execution, which writes the
//     static text as it is and executes the holes, each escaped by
//     html/template for the context it has there — text, quoted attribute,
//     URL, script string, whatever html/template derives.
//
// Exactness is checked, not assumed: html/template names the copy of a
// template it escapes for a context after that context, so each hole's
// call must name the same copy in the page template as in the rewritten
// layout with the holes' nodes (which html/template escapes as the layout
// itself), and a call placed right after the hole must show that the hole
// ends in the context it starts in (in the probe it does nothing, so the
// static text after it was escaped in that context). html/template must
// leave the static text as it is. A layout that fails a check — a hole
// that changes the context (an unquoted attribute value, a value in a
// script expression), a hole in an HTML comment, a hole reading a
// variable declared outside it, an escaping error — is rendered as a whole
// for every page, as before; the reason is kept (renderer.chrome).

// chrome is the layout of one language and page type, evaluated but for
// its holes: a template of its static text with the holes' calls between.
type chrome struct {
	page *template.Template
	segs []string // the static texts
	// prog is page compiled (package tmplc), nil when it is not (progErr
	// says why) or when compiled templates are off (renderer.std).
	prog    *tmplc.Program
	progErr error
}

// pageStatic are the fields and methods of Page whose value is the same on
// every page of a language and page type (given the same arguments). A
// method reading Path, Title, Crumbs or Data must not be listed.
var pageStatic = map[string]bool{
	"Lang": true, "Other": true, "Site": true, "Reg": true, "Stats": true, "Kind": true,
	"T": true, "Tf": true, "TIn": true, "Label": true, "URL": true, "URLIn": true, "HasLang": true,
	"Root": true, "Abs": true, "AbsIn": true, "Asset": true, "HasAsset": true, "Tx": true, "Text": true,
	"Date": true, "Month": true, "Plural": true, "Num": true, "LetterLabel": true,
	"Org": true, "Sys": true, "Topic": true, "Menu": true, "Facets": true, "Enum": true, "Count": true,
	"SearchPage": true, "HasPage": true, "PageOf": true, "EditURL": true, "StateSlug": true,
	"PageLinks": true, "MenuLinks": true,
}

const (
	holeName   = "maki-hole-"
	holeEnd    = "maki-end-"
	chromeName = "maki-chrome"
	pageName   = "maki-page"
)

// newChrome builds the chrome of set (a page type's templates in one
// language, not yet executed) whose layout is the template named layout;
// probe is a page of that language and type. It returns nil with the
// reason when the layout cannot be evaluated exactly this way.
func newChrome(set *template.Template, layout string, probe *Page) (*chrome, error) {
	lt := set.Lookup(layout)
	if lt == nil || lt.Tree == nil {
		return nil, fmt.Errorf("no template %q", layout)
	}
	tree := lt.Tree.Copy()
	a := &holeFinder{parseName: lt.Tree.ParseName}
	if err := a.list(tree.Root, nil); err != nil {
		return nil, err
	}
	if len(a.holes) == 0 {
		return nil, fmt.Errorf("no holes")
	}
	// Set A: the rewritten layout, each hole doing nothing but record where
	// it is ({{if maki_probe . n}}{{end}}: no output, no change of context).
	setA, err := set.Clone()
	if err != nil {
		return nil, err
	}
	setA.Funcs(template.FuncMap{"maki_probe": isProbe})
	for n := range a.holes {
		ns := strconv.Itoa(n)
		if _, err := setA.New(holeName + ns).Parse("{{if maki_probe . " + ns + "}}{{end}}"); err != nil {
			return nil, err
		}
		if _, err := setA.New(holeEnd + ns).Parse(""); err != nil {
			return nil, err
		}
	}
	treeB := tree.Copy() // escaping renames the calls in place
	if _, err := setA.AddParseTree(chromeName, tree); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	probe.probe = &probeRecord{w: &out}
	defer func() { probe.probe = nil }()
	if err := setA.ExecuteTemplate(&out, chromeName, probe); err != nil {
		return nil, fmt.Errorf("the layout without its holes: %w", err)
	}
	startA, _ := calls(setA.Lookup(chromeName).Tree.Root)
	// Cut the output where the holes were.
	c := &chrome{}
	s := out.String()
	pos := 0
	var order []int
	for _, at := range probe.probe.at {
		if len(order) > 0 && at.hole <= order[len(order)-1] || at.pos < pos {
			return nil, fmt.Errorf("hole %d executed out of order", at.hole)
		}
		c.segs = append(c.segs, s[pos:at.pos])
		order = append(order, at.hole)
		pos = at.pos
	}
	c.segs = append(c.segs, s[pos:])
	// Set B: the rewritten layout with the holes' own nodes in the calls,
	// which html/template escapes as the layout itself (maki-chrome), and
	// the page: A's static text with the calls of the holes between
	// (maki-page), what is executed per page.
	setB, err := set.Clone()
	if err != nil {
		return nil, err
	}
	for n, h := range a.holes {
		ns := strconv.Itoa(n)
		body := &parse.Tree{Name: holeName + ns, ParseName: h.parseName, Root: &parse.ListNode{NodeType: parse.NodeList, Nodes: []parse.Node{h.node.Copy()}}}
		if _, err := setB.AddParseTree(body.Name, body); err != nil {
			return nil, err
		}
		if _, err := setB.New(holeEnd + ns).Parse(""); err != nil {
			return nil, err
		}
	}
	if _, err := setB.AddParseTree(chromeName, treeB); err != nil {
		return nil, err
	}
	var src strings.Builder
	for _, n := range order {
		ns := strconv.Itoa(n)
		src.WriteString(`{{template "` + holeName + ns + `" .}}{{template "` + holeEnd + ns + `"}}`)
	}
	page, err := setB.New(pageName).Parse(src.String())
	if err != nil {
		return nil, err
	}
	var nodes []parse.Node
	var texts []*parse.TextNode
	for k, seg := range c.segs {
		t := &parse.TextNode{NodeType: parse.NodeText, Text: []byte(seg)}
		nodes, texts = append(nodes, t), append(texts, t)
		if k < len(order) {
			nodes = append(nodes, page.Tree.Root.Nodes[2*k], page.Tree.Root.Nodes[2*k+1])
		}
	}
	page.Tree.Root.Nodes = nodes
	c.page = page
	// Escape set B (the probe's per-page values are empty: executing may
	// fail after escaping, which is all that is wanted here). Each hole
	// must start and end in the same context in the page as in the layout
	// and as in A (where it changes nothing), and the static text must be
	// left as it is (html/template drops comments from text).
	if err := setB.ExecuteTemplate(io.Discard, chromeName, probe); isEscapeErr(err) {
		return nil, err
	}
	if err := page.Execute(io.Discard, probe); isEscapeErr(err) {
		return nil, err
	}
	startL, endL := calls(setB.Lookup(chromeName).Tree.Root)
	startP, endP := calls(page.Tree.Root)
	for _, n := range order {
		switch {
		case ctxOf(startA[n]) != ctxOf(startL[n]) || ctxOf(endL[n]) != ctxOf(startL[n]):
			return nil, fmt.Errorf("hole %d (%s) changes the escaping context (from %s to %s)", n, a.holes[n].node, ctxName(startL[n]), ctxName(endL[n]))
		case startP[n] != startL[n] || ctxOf(endP[n]) != ctxOf(endL[n]):
			return nil, fmt.Errorf("hole %d (%s) is escaped in another context between the static text", n, a.holes[n].node)
		}
	}
	for k, t := range texts {
		if string(t.Text) != c.segs[k] {
			return nil, fmt.Errorf("html/template changes the static text (a comment in it?)")
		}
	}
	return c, nil
}

// calls returns, by hole number, the names html/template gave to the calls
// of maki-hole-n and maki-end-n in an escaped tree: the name followed by
// the mangled context, or the bare name in HTML text.
func calls(l *parse.ListNode) (start, end map[int]string) {
	start, end = map[int]string{}, map[int]string{}
	var walk func(l *parse.ListNode)
	walk = func(l *parse.ListNode) {
		if l == nil {
			return
		}
		for _, n := range l.Nodes {
			switch n := n.(type) {
			case *parse.TemplateNode:
				for prefix, m := range map[string]map[int]string{holeName: start, holeEnd: end} {
					if rest, ok := strings.CutPrefix(n.Name, prefix); ok {
						num, _, _ := strings.Cut(rest, "$")
						if k, err := strconv.Atoi(num); err == nil {
							m[k] = n.Name
						}
					}
				}
			case *parse.IfNode:
				walk(n.List)
				walk(n.ElseList)
			case *parse.ListNode:
				walk(n)
			}
		}
	}
	walk(l)
	return start, end
}

// isEscapeErr reports whether err is html/template's: a template it
// cannot escape (not one failing while executing).
func isEscapeErr(err error) bool {
	var e *template.Error
	return errors.As(err, &e)
}

// ctxName names the context of a derived template name for a message.
func ctxName(name string) string {
	if c := ctxOf(name); c != "" {
		return strings.TrimPrefix(c, "htmltemplate_")
	}
	return "stateText"
}

// ctxOf is the context part of a template name html/template derived.
func ctxOf(name string) string {
	_, c, _ := strings.Cut(name, "$")
	return c
}

// hole is a node of the layout that reads a per-page value.
type hole struct {
	node      parse.Node
	parseName string
}

// holeFinder finds the holes of a layout tree and replaces each by a call
// of maki-hole-n followed by a call of maki-end-n.
type holeFinder struct {
	holes     []hole
	parseName string
}

// dep is what a pipeline depends on.
type dep int

const (
	static dep = iota // the same on every page of the language and type
	paged             // differs from page to page
)

// scope maps variables to their dependence; "$" is the page.
type scope map[string]dep

func (a *holeFinder) list(l *parse.ListNode, sc scope) error {
	if l == nil {
		return nil
	}
	if sc == nil {
		sc = scope{}
	}
	var out []parse.Node
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.IfNode:
			if d, err := a.pipe(n.Pipe, sc, true); err == nil && d == static {
				if err := a.list(n.List, sc); err != nil {
					return err
				}
				if err := a.list(n.ElseList, sc); err != nil {
					return err
				}
				out = append(out, n)
				continue
			}
		case *parse.TextNode, *parse.CommentNode:
			out = append(out, n)
			continue
		}
		d, err := a.node(n, sc, true)
		if err != nil {
			return err
		}
		if d == static {
			out = append(out, n)
			continue
		}
		if err := a.free(n, sc); err != nil {
			return err
		}
		num := strconv.Itoa(len(a.holes))
		a.holes = append(a.holes, hole{node: n, parseName: a.parseName})
		calls, err := parse.Parse("x", `{{template "`+holeName+num+`" .}}{{template "`+holeEnd+num+`"}}`, "{{", "}}")
		if err != nil {
			return err
		}
		out = append(out, calls["x"].Root.Nodes...)
	}
	l.Nodes = out
	return nil
}

// isProbe reports whether the dot is a probe page (maki_probe), and
// records where in the output hole n is.
func isProbe(dot any, n int) bool {
	p, ok := dot.(*Page)
	if !ok || p.probe == nil {
		return false
	}
	p.probe.at = append(p.probe.at, holeAt{n, p.probe.w.Len()})
	return true
}

// probeRecord is where the holes were in a probe page's output.
type probeRecord struct {
	w  *bytes.Buffer
	at []holeAt
}

type holeAt struct{ hole, pos int }

// free fails when a hole reads a variable declared outside it (other than
// $): the hole runs as a template of its own, which cannot see it.
func (a *holeFinder) free(n parse.Node, outer scope) error {
	var err error
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.VariableNode:
			if v := n.Ident[0]; v != "$" {
				if _, ok := outer[v]; ok {
					err = fmt.Errorf("%s reads %s, declared outside it", n, v)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			for _, x := range n.Args {
				walk(x)
			}
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, x := range n.Nodes {
				walk(x)
			}
		}
	}
	walk(n)
	return err
}

// node returns the dependence of a node; atPage is whether dot is the
// page (else it is a value that is itself static).
func (a *holeFinder) node(n parse.Node, sc scope, atPage bool) (dep, error) {
	switch n := n.(type) {
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
		return static, nil
	case *parse.ActionNode:
		return a.pipe(n.Pipe, sc, atPage)
	case *parse.IfNode:
		return a.branch(n.Pipe, n.List, n.ElseList, sc, atPage, atPage)
	case *parse.WithNode:
		return a.branch(n.Pipe, n.List, n.ElseList, sc, atPage, false)
	case *parse.RangeNode:
		return a.branch(n.Pipe, n.List, n.ElseList, sc, atPage, false)
	case *parse.TemplateNode:
		if n.Pipe == nil {
			return static, nil
		}
		return a.pipe(n.Pipe, sc, atPage)
	case *parse.ListNode:
		return a.nodes(n, sc, atPage)
	}
	return paged, nil
}

func (a *holeFinder) nodes(l *parse.ListNode, sc scope, atPage bool) (dep, error) {
	if l == nil {
		return static, nil
	}
	for _, n := range l.Nodes {
		if d, err := a.node(n, sc, atPage); err != nil || d != static {
			return d, err
		}
	}
	return static, nil
}

// branch is an if, with or range: static when its pipeline and both lists
// are; inside, dot is the pipeline's value (with, range) or stays (if).
func (a *holeFinder) branch(p *parse.PipeNode, list, elseList *parse.ListNode, sc scope, atPage, innerAtPage bool) (dep, error) {
	inner := scope{}
	for k, v := range sc {
		inner[k] = v
	}
	d, err := a.pipe(p, inner, atPage)
	if err != nil || d != static {
		return d, err
	}
	if d, err := a.nodes(list, inner, innerAtPage); err != nil || d != static {
		return d, err
	}
	return a.nodes(elseList, inner, atPage)
}

// pipe returns the dependence of a pipeline and declares its variables.
func (a *holeFinder) pipe(p *parse.PipeNode, sc scope, atPage bool) (dep, error) {
	if p == nil {
		return static, nil
	}
	d := static
	for _, c := range p.Cmds {
		for _, arg := range c.Args {
			if a.arg(arg, sc, atPage) != static {
				d = paged
			}
		}
	}
	for _, v := range p.Decl {
		sc[v.Ident[0]] = d
	}
	return d, nil
}

// arg returns the dependence of one operand.
func (a *holeFinder) arg(n parse.Node, sc scope, atPage bool) dep {
	switch n := n.(type) {
	case *parse.DotNode:
		if atPage {
			return paged // the whole page
		}
		return static
	case *parse.FieldNode:
		if atPage && !pageStatic[n.Ident[0]] {
			return paged
		}
		return static
	case *parse.VariableNode:
		if n.Ident[0] == "$" {
			if len(n.Ident) == 1 || !pageStatic[n.Ident[1]] {
				return paged
			}
			return static
		}
		if d, ok := sc[n.Ident[0]]; ok {
			return d
		}
		return paged
	case *parse.ChainNode:
		return a.arg(n.Node, sc, atPage)
	case *parse.PipeNode:
		d, _ := a.pipe(n, sc, atPage)
		return d
	case *parse.IdentifierNode, *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode:
		return static
	}
	return paged
}

// exec writes the page p with the chrome c.
func (c *chrome) exec(buf *bytes.Buffer, p *Page) error { return c.page.Execute(buf, p) }

// chromeSlot is the chrome of a language and page type, made on first
// use (a page type the site has no page of costs nothing).
type chromeSlot struct {
	once sync.Once
	c    *chrome
	err  error // why there is none
	// whole is the page type's whole template (renderer.tmpl) compiled,
	// for when there is no chrome: made after its first execution by
	// html/template (which escapes it).
	wholeOnce sync.Once
	whole     atomic.Pointer[tmplc.Program]
}

// prepareChromes makes a slot for the chrome of every language and page
// type.
func (r *renderer) prepareChromes() {
	r.chromes = map[string]map[string]*chromeSlot{}
	for lang, sets := range r.pristine {
		r.chromes[lang] = map[string]*chromeSlot{}
		for kind := range sets {
			r.chromes[lang][kind] = &chromeSlot{}
		}
	}
}

// chrome returns the chrome of a language and page type, or nil and the
// reason why the layout is rendered whole for it.
func (r *renderer) chrome(lang, kind string) (*chrome, error) {
	slot := r.chromes[lang][kind]
	if slot == nil {
		return nil, fmt.Errorf("no page type %s in %s", kind, lang)
	}
	slot.once.Do(func() {
		p := r.page(job{kind: kind, lang: lang})
		slot.c, slot.err = newChrome(r.pristine[lang][kind], r.layoutName, p)
		if slot.err != nil {
			slot.err = fmt.Errorf("%s %s: %w", lang, kind, slot.err)
			return
		}
		if !r.noCompile {
			// newChrome executed the page template: it is escaped.
			slot.c.prog, slot.c.progErr = tmplc.Compile(slot.c.page, pageName, funcs, direct...)
		}
	})
	return slot.c, slot.err
}
