package tmplc

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	texttemplate "text/template"
	"text/template/parse"
	"unsafe"
)

// Compile compiles the template named name of set and every template it
// calls. set must have been executed once (html/template escapes a
// template on its first execution; Compile refuses a set it cannot see
// escaped). funcs are the functions the set was given (template.Funcs);
// direct makes methods of the receiver types they name callable without
// reflection (DirectCalls).
//
// Compile fails, and the template stays html/template's alone, on any
// node, function, escaper or construct it does not compile.
func Compile(set *template.Template, name string, funcs template.FuncMap, direct ...Direct) (prog *Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog, err = nil, notCompiled("%s: panic while compiling: %v", name, r)
		}
	}()
	t := set.Lookup(name)
	if t == nil {
		return nil, fmt.Errorf("no template %q", name)
	}
	// html/template refuses to clone a template it has escaped: the one
	// sign of escaping it shows (a template it failed to escape has no
	// tree, which compiling refuses as well).
	if _, err := t.Clone(); err == nil {
		return nil, fmt.Errorf("template %q is not escaped yet: execute it first", name)
	}
	text := textOf(set)
	if text == nil {
		return nil, notCompiled("html/template's text/template is out of reach")
	}
	c := &compiler{set: text, funcs: map[string]reflect.Value{}, tmpls: map[string]*tmpl{}, direct: direct}
	for n, f := range funcs {
		v := reflect.ValueOf(f)
		if v.Kind() != reflect.Func {
			return nil, fmt.Errorf("function %s is not a function", n)
		}
		c.funcs[n] = v
	}
	root, err := c.template(name)
	if err != nil {
		return nil, err
	}
	return &Program{root: root}, nil
}

type compiler struct {
	set    *texttemplate.Template // the escaped set: html/template's text/template
	funcs  map[string]reflect.Value
	tmpls  map[string]*tmpl
	direct []Direct
}

// unsupported is the error of a construct Compile leaves to html/template.
type unsupported struct{ what string }

func (u unsupported) Error() string { return "not compiled: " + u.what }

func notCompiled(format string, args ...any) error {
	return unsupported{fmt.Sprintf(format, args...)}
}

// IsUnsupported reports whether err is Compile's refusal of a construct
// (rather than a broken template).
func IsUnsupported(err error) bool {
	var u unsupported
	return errors.As(err, &u)
}

func (c *compiler) template(name string) (*tmpl, error) {
	if t, ok := c.tmpls[name]; ok {
		return t, nil
	}
	ht := c.set.Lookup(name)
	if ht == nil || ht.Tree == nil || ht.Tree.Root == nil {
		return nil, notCompiled("template %q: not defined", name)
	}
	t := &tmpl{name: name}
	c.tmpls[name] = t // before compiling the body: recursive calls
	run, err := c.list(ht.Tree.Root)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t.run = run
	return t, nil
}

func (c *compiler) list(l *parse.ListNode) (runFn, error) {
	if l == nil {
		return func(*state, reflect.Value) {}, nil
	}
	var fns []runFn
	for _, n := range l.Nodes {
		fn, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if fn != nil {
			fns = append(fns, fn)
		}
	}
	switch len(fns) {
	case 0:
		return func(*state, reflect.Value) {}, nil
	case 1:
		return fns[0], nil
	}
	return func(s *state, dot reflect.Value) {
		for _, fn := range fns {
			fn(s, dot)
		}
	}, nil
}

func (c *compiler) node(n parse.Node) (runFn, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		text := n.Text
		return func(s *state, _ reflect.Value) { s.buf.Write(text) }, nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.ifOrWith(n.Pipe, n.List, n.ElseList, false)
	case *parse.WithNode:
		return c.ifOrWith(n.Pipe, n.List, n.ElseList, true)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.templateNode(n)
	case *parse.ListNode:
		return c.list(n)
	}
	return nil, notCompiled("%s node %s", nodeKind(n), n)
}

func nodeKind(n parse.Node) string {
	return strings.TrimPrefix(fmt.Sprintf("%T", n), "*parse.")
}

func (c *compiler) action(n *parse.ActionNode) (runFn, error) {
	if len(n.Pipe.Decl) > 0 {
		pipe, err := c.pipe(n.Pipe)
		if err != nil {
			return nil, err
		}
		return func(s *state, dot reflect.Value) { pipe(s, dot) }, nil
	}
	// The common escaped action: a pipeline ending in escapers, whose
	// string is written as it is (what printing a string does).
	if k := len(n.Pipe.Cmds); k > 0 {
		if esc, ok := c.escaperCmd(n.Pipe.Cmds[k-1]); ok {
			head := &parse.PipeNode{NodeType: parse.NodePipe, Pos: n.Pipe.Pos, Line: n.Pipe.Line, Cmds: n.Pipe.Cmds[:k-1]}
			var prev valFn
			if k > 1 {
				var err error
				if prev, err = c.pipe(head); err != nil {
					return nil, err
				}
			}
			last := esc
			return func(s *state, dot reflect.Value) {
				final := noFinal
				if prev != nil {
					final = prev(s, dot)
				}
				s.buf.WriteString(last(s, dot, final))
			}, nil
		}
	}
	pipe, err := c.pipe(n.Pipe)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value) { s.print(pipe(s, dot)) }, nil
}

func (c *compiler) ifOrWith(p *parse.PipeNode, list, elseList *parse.ListNode, with bool) (runFn, error) {
	pipe, err := c.pipe(p)
	if err != nil {
		return nil, err
	}
	body, err := c.list(list)
	if err != nil {
		return nil, err
	}
	var other runFn
	if elseList != nil {
		if other, err = c.list(elseList); err != nil {
			return nil, err
		}
	}
	return func(s *state, dot reflect.Value) {
		mark := len(s.vars)
		val := pipe(s, dot)
		if truth(val) {
			if with {
				body(s, val)
			} else {
				body(s, dot)
			}
		} else if other != nil {
			other(s, dot)
		}
		s.vars = s.vars[:mark]
	}, nil
}

func (c *compiler) rangeNode(r *parse.RangeNode) (runFn, error) {
	pipe, err := c.pipe(r.Pipe)
	if err != nil {
		return nil, err
	}
	if hasBreak(r.List) {
		return nil, notCompiled("break or continue in %s", r)
	}
	body, err := c.list(r.List)
	if err != nil {
		return nil, err
	}
	var other runFn
	if r.ElseList != nil {
		if other, err = c.list(r.ElseList); err != nil {
			return nil, err
		}
	}
	decl := r.Pipe.Decl
	var names [2]string
	for i, d := range decl {
		if i < 2 {
			names[i] = d.Ident[0]
		}
	}
	assign := r.Pipe.IsAssign
	return func(s *state, dot reflect.Value) {
		outer := len(s.vars)
		val, _ := follow(pipe(s, dot))
		mark := len(s.vars)
		ran := rangeOver(val, len(decl), func(index, elem reflect.Value) {
			if len(decl) > 0 {
				if assign {
					if len(decl) > 1 {
						s.setVar(names[0], index)
					} else {
						s.setVar(names[0], elem)
					}
				} else {
					s.setTopVar(1, elem)
				}
			}
			if len(decl) > 1 {
				if assign {
					s.setVar(names[1], elem)
				} else {
					s.setTopVar(2, index)
				}
			}
			body(s, elem)
			s.vars = s.vars[:mark]
		})
		if !ran && other != nil {
			other(s, dot)
		}
		s.vars = s.vars[:outer]
	}, nil
}

// hasBreak reports whether a range body has a break or continue of its
// own (not of a range inside it).
func hasBreak(l *parse.ListNode) bool {
	if l == nil {
		return false
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.BreakNode, *parse.ContinueNode:
			return true
		case *parse.IfNode:
			if hasBreak(n.List) || hasBreak(n.ElseList) {
				return true
			}
		case *parse.WithNode:
			if hasBreak(n.List) || hasBreak(n.ElseList) {
				return true
			}
		case *parse.RangeNode:
			if hasBreak(n.ElseList) {
				return true
			}
		case *parse.ListNode:
			if hasBreak(n) {
				return true
			}
		}
	}
	return false
}

func (c *compiler) templateNode(n *parse.TemplateNode) (runFn, error) {
	t, err := c.template(n.Name)
	if err != nil {
		return nil, err
	}
	var pipe valFn
	if n.Pipe != nil {
		if pipe, err = c.pipe(n.Pipe); err != nil {
			return nil, err
		}
	}
	return func(s *state, dot reflect.Value) {
		if s.depth >= maxDepth {
			abortf("exceeded maximum template depth")
		}
		var nd reflect.Value
		if pipe != nil {
			nd = pipe(s, dot)
		}
		frame, top := s.frame, len(s.vars)
		s.frame = top
		s.push("$", nd)
		s.depth++
		t.run(s, nd)
		s.depth--
		s.vars = s.vars[:top]
		s.frame = frame
	}, nil
}

// pipe compiles a pipeline (text/template's evalPipeline).
func (c *compiler) pipe(p *parse.PipeNode) (valFn, error) {
	if p == nil {
		return func(*state, reflect.Value) reflect.Value { return reflect.Value{} }, nil
	}
	if len(p.Cmds) == 0 {
		return nil, notCompiled("empty pipeline %s", p)
	}
	cmds := make([]evalFn, len(p.Cmds))
	for i, cmd := range p.Cmds {
		fn, err := c.command(cmd)
		if err != nil {
			return nil, err
		}
		cmds[i] = fn
	}
	var names []string
	for _, d := range p.Decl {
		names = append(names, d.Ident[0])
	}
	assign := p.IsAssign
	return func(s *state, dot reflect.Value) reflect.Value {
		value := noFinal
		for _, cmd := range cmds {
			value = cmd(s, dot, value)
			if isEmptyIface(value) {
				value = value.Elem()
			}
		}
		for _, name := range names {
			if assign {
				s.setVar(name, value)
			} else {
				s.push(name, value)
			}
		}
		return value
	}, nil
}

// operand is an argument of a call.
type operand struct {
	node  parse.Node
	kind  int
	val   valFn         // opValue: the value
	konst reflect.Value // opConst: the value as an empty interface argument (invalid: none)
}

const (
	opDot = iota
	opNil
	opValue
	opConst
)

func (c *compiler) operand(n parse.Node) (operand, error) {
	o := operand{node: n}
	switch n := n.(type) {
	case *parse.DotNode:
		o.kind = opDot
	case *parse.NilNode:
		o.kind = opNil
	case *parse.BoolNode:
		o.kind, o.konst = opConst, reflect.ValueOf(n.True)
	case *parse.StringNode:
		o.kind, o.konst = opConst, reflect.ValueOf(n.Text)
	case *parse.NumberNode:
		o.kind = opConst
		o.konst, _ = numberConst(n)
	case *parse.FieldNode, *parse.VariableNode, *parse.PipeNode, *parse.IdentifierNode, *parse.ChainNode:
		fn, err := c.value(n)
		if err != nil {
			return o, err
		}
		o.kind, o.val = opValue, fn
	default:
		return o, notCompiled("operand %s", n)
	}
	return o, nil
}

// value compiles an operand that is not a constant.
func (c *compiler) value(n parse.Node) (valFn, error) {
	switch n := n.(type) {
	case *parse.FieldNode:
		chain := c.fieldChain(n.Ident, nil)
		return func(s *state, dot reflect.Value) reflect.Value { return chain(s, dot, dot, noFinal) }, nil
	case *parse.VariableNode:
		name := n.Ident[0]
		if len(n.Ident) == 1 {
			return func(s *state, _ reflect.Value) reflect.Value { return s.variable(name).value }, nil
		}
		chain := c.fieldChain(n.Ident[1:], nil)
		return func(s *state, dot reflect.Value) reflect.Value { return chain(s, dot, s.variable(name).value, noFinal) }, nil
	case *parse.PipeNode:
		return c.pipe(n)
	case *parse.IdentifierNode:
		fn, err := c.function(n.Ident, nil)
		if err != nil {
			return nil, err
		}
		return func(s *state, dot reflect.Value) reflect.Value { return fn(s, dot, noFinal) }, nil
	case *parse.ChainNode:
		fn, err := c.chain(n, nil)
		if err != nil {
			return nil, err
		}
		return func(s *state, dot reflect.Value) reflect.Value { return fn(s, dot, noFinal) }, nil
	}
	return nil, notCompiled("operand %s", n)
}

// arg is the operand passed to a parameter of type typ. A value is
// passed as assign passes it; a constant is converted to the parameter's
// type when they are of the same sort (a bool, a string, a signed or an
// unsigned integer, a float), or is its untyped value for a parameter of
// an empty interface type.
func (o *operand) arg(s *state, dot reflect.Value, typ reflect.Type) reflect.Value {
	switch o.kind {
	case opDot:
		return assign(dot, typ)
	case opNil:
		return assign(reflect.Value{}, typ)
	case opValue:
		return assign(o.val(s, dot), typ)
	}
	switch n := o.node.(type) {
	case *parse.StringNode:
		if typ == tString {
			return o.konst
		}
		if typ.Kind() == reflect.String {
			v := reflect.New(typ).Elem()
			v.SetString(n.Text)
			return v
		}
	case *parse.BoolNode:
		if typ.Kind() == reflect.Bool {
			v := reflect.New(typ).Elem()
			v.SetBool(n.True)
			return v
		}
	case *parse.NumberNode:
		c := classOfKind(typ.Kind())
		if c == cInt && n.IsInt || c == cUint && n.IsUint || c == cFloat && n.IsFloat {
			v := reflect.New(typ).Elem()
			switch c {
			case cInt:
				v.SetInt(n.Int64)
			case cUint:
				v.SetUint(n.Uint64)
			default:
				v.SetFloat(n.Float64)
			}
			return v
		}
	}
	if typ.Kind() == reflect.Interface && typ.NumMethod() == 0 {
		return o.empty()
	}
	abortf("constant %s for a parameter of type %s", o.node, typ)
	return reflect.Value{}
}

// empty is a constant operand as an empty interface argument.
func (o *operand) empty() reflect.Value {
	if !o.konst.IsValid() {
		abortf("constant %s", o.node)
	}
	return o.konst
}

// raw is the operand as a builtin's reflect.Value parameter receives it.
func (o *operand) raw(s *state, dot reflect.Value) reflect.Value {
	switch o.kind {
	case opDot:
		return rawValue(dot)
	case opNil:
		return reflect.Value{}
	case opValue:
		return rawValue(o.val(s, dot))
	}
	return o.empty()
}

// iface is the operand as an argument of type any.
func (o *operand) iface(s *state, dot reflect.Value) any {
	var v reflect.Value
	switch o.kind {
	case opDot:
		v = dot
	case opNil:
		return nil
	case opValue:
		v = o.val(s, dot)
	default:
		v = o.empty()
	}
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

func finalIface(final reflect.Value) any {
	if !final.IsValid() {
		return nil
	}
	return final.Interface()
}

// command compiles a command (text/template's evalCommand).
func (c *compiler) command(cmd *parse.CommandNode) (evalFn, error) {
	first := cmd.Args[0]
	switch n := first.(type) {
	case *parse.FieldNode:
		args, err := c.operands(cmd.Args[1:])
		if err != nil {
			return nil, err
		}
		chain := c.fieldChain(n.Ident, args)
		return func(s *state, dot, final reflect.Value) reflect.Value { return chain(s, dot, dot, final) }, nil
	case *parse.ChainNode:
		args, err := c.operands(cmd.Args[1:])
		if err != nil {
			return nil, err
		}
		return c.chain(n, args)
	case *parse.IdentifierNode:
		args, err := c.operands(cmd.Args[1:])
		if err != nil {
			return nil, err
		}
		return c.function(n.Ident, args)
	case *parse.VariableNode:
		args, err := c.operands(cmd.Args[1:])
		if err != nil {
			return nil, err
		}
		name := n.Ident[0]
		if len(n.Ident) == 1 {
			if len(args) > 0 {
				return nil, notCompiled("arguments to a variable in %s", cmd)
			}
			return func(s *state, dot, final reflect.Value) reflect.Value {
				if hasFinal(final) {
					abortf("can't give argument to non-function %s", name)
				}
				return s.variable(name).value
			}, nil
		}
		chain := c.fieldChain(n.Ident[1:], args)
		return func(s *state, dot, final reflect.Value) reflect.Value {
			return chain(s, dot, s.variable(name).value, final)
		}, nil
	}
	if len(cmd.Args) > 1 {
		return nil, notCompiled("arguments to a non-function in %s", cmd)
	}
	var fn valFn
	switch n := first.(type) {
	case *parse.PipeNode:
		p, err := c.pipe(n)
		if err != nil {
			return nil, err
		}
		fn = p
	case *parse.BoolNode:
		v := reflect.ValueOf(n.True)
		fn = func(*state, reflect.Value) reflect.Value { return v }
	case *parse.DotNode:
		fn = func(_ *state, dot reflect.Value) reflect.Value { return dot }
	case *parse.NumberNode:
		v, ok := numberConst(n)
		if !ok {
			return nil, notCompiled("number %s", n)
		}
		fn = func(*state, reflect.Value) reflect.Value { return v }
	case *parse.StringNode:
		v := reflect.ValueOf(n.Text)
		fn = func(*state, reflect.Value) reflect.Value { return v }
	default:
		return nil, notCompiled("command %s", cmd)
	}
	return func(s *state, dot, final reflect.Value) reflect.Value {
		if hasFinal(final) {
			abortf("can't give argument to non-function")
		}
		return fn(s, dot)
	}, nil
}

func (c *compiler) operands(nodes []parse.Node) ([]operand, error) {
	if len(nodes) == 0 {
		return nil, nil
	}
	ops := make([]operand, len(nodes))
	for i, n := range nodes {
		o, err := c.operand(n)
		if err != nil {
			return nil, err
		}
		ops[i] = o
	}
	return ops, nil
}

// chainFn evaluates a chain of names on a receiver.
type chainFn func(s *state, dot, receiver, final reflect.Value) reflect.Value

// fieldChain compiles .A.B.C (text/template's evalFieldChain): the last
// name gets the arguments and the final value.
func (c *compiler) fieldChain(ident []string, args []operand) chainFn {
	sites := make([]*fieldSite, len(ident))
	for i, name := range ident {
		sites[i] = &fieldSite{name: name, direct: c.direct}
	}
	last := sites[len(sites)-1]
	inner := sites[:len(sites)-1]
	return func(s *state, dot, receiver, final reflect.Value) reflect.Value {
		for _, f := range inner {
			receiver = s.field(dot, f, nil, noFinal, receiver)
		}
		return s.field(dot, last, args, final, receiver)
	}
}

func (c *compiler) chain(n *parse.ChainNode, args []operand) (evalFn, error) {
	if len(n.Field) == 0 {
		return nil, notCompiled("chain %s", n)
	}
	switch n.Node.(type) {
	case *parse.FieldNode, *parse.VariableNode, *parse.PipeNode, *parse.IdentifierNode, *parse.ChainNode:
	default:
		return nil, notCompiled("chain %s", n)
	}
	head, err := c.value(n.Node)
	if err != nil {
		return nil, err
	}
	chain := c.fieldChain(n.Field, args)
	return func(s *state, dot, final reflect.Value) reflect.Value {
		return chain(s, dot, head(s, dot), final)
	}, nil
}

// escaperCmd returns the escaper a command calls, if it is one Escaper has.
func (c *compiler) escaperCmd(cmd *parse.CommandNode) (func(s *state, dot, final reflect.Value) string, bool) {
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok || !isEscaperName(id.Ident) {
		return nil, false
	}
	if _, user := c.funcs[id.Ident]; user {
		return nil, false
	}
	esc, ok := Escaper(id.Ident)
	if !ok {
		return nil, false
	}
	args, err := c.operands(cmd.Args[1:])
	if err != nil {
		return nil, false
	}
	if len(args) == 0 {
		return func(s *state, dot, final reflect.Value) string {
			if !hasFinal(final) {
				return esc()
			}
			return esc(finalIface(final))
		}, true
	}
	return func(s *state, dot, final reflect.Value) string {
		vals := make([]any, 0, len(args)+1)
		for i := range args {
			vals = append(vals, args[i].iface(s, dot))
		}
		if hasFinal(final) {
			vals = append(vals, finalIface(final))
		}
		return esc(vals...)
	}, true
}

func isEscaperName(name string) bool {
	return strings.HasPrefix(name, "_html_template_") || name == "_eval_args_"
}

// function compiles a call of a function (text/template's evalFunction):
// the set's own functions first, then html/template's escapers, then the
// builtins.
func (c *compiler) function(name string, args []operand) (evalFn, error) {
	if fn, ok := c.funcs[name]; ok && !isEscaperName(name) {
		typ := fn.Type()
		return func(s *state, dot, final reflect.Value) reflect.Value {
			return s.call(dot, fn, typ, args, final)
		}, nil
	}
	if isEscaperName(name) {
		cmd := &parse.CommandNode{NodeType: parse.NodeCommand, Args: append([]parse.Node{&parse.IdentifierNode{NodeType: parse.NodeIdentifier, Ident: name}}, nodesOf(args)...)}
		esc, ok := c.escaperCmd(cmd)
		if !ok {
			return nil, notCompiled("escaper %s", name)
		}
		return func(s *state, dot, final reflect.Value) reflect.Value {
			return reflect.ValueOf(esc(s, dot, final))
		}, nil
	}
	return c.builtin(name, args)
}

func nodesOf(ops []operand) []parse.Node {
	nodes := make([]parse.Node, len(ops))
	for i, o := range ops {
		nodes[i] = o.node
	}
	return nodes
}

// plainBuiltins are the builtins without reflect.Value parameters: called
// as any function.
var plainBuiltins = map[string]any{
	"html":     texttemplate.HTMLEscaper,
	"js":       texttemplate.JSEscaper,
	"urlquery": texttemplate.URLQueryEscaper,
	"print":    fmt.Sprint,
	"printf":   fmt.Sprintf,
	"println":  fmt.Sprintln,
}

func (c *compiler) builtin(name string, args []operand) (evalFn, error) {
	if f, ok := plainBuiltins[name]; ok {
		fn := reflect.ValueOf(f)
		typ := fn.Type()
		return func(s *state, dot, final reflect.Value) reflect.Value {
			return s.call(dot, fn, typ, args, final)
		}, nil
	}
	// raw evaluates the arguments as reflect.Value parameters receive
	// them, the final value last; it aborts unless there are between min
	// and max (max < 0: any number).
	raw := func(s *state, dot, final reflect.Value, min, max int) []reflect.Value {
		n := len(args)
		if hasFinal(final) {
			n++
		}
		if n < min || max >= 0 && n > max {
			abortf("wrong number of args for %s", name)
		}
		vals := make([]reflect.Value, 0, n)
		for i := range args {
			vals = append(vals, args[i].raw(s, dot))
		}
		if hasFinal(final) {
			vals = append(vals, rawValue(final))
		}
		return vals
	}
	switch name {
	case "and", "or":
		// The first operand that decides (a false one for and, a true
		// one for or), or the last.
		or := name == "or"
		return func(s *state, dot, final reflect.Value) reflect.Value {
			if len(args) == 0 && !hasFinal(final) {
				abortf("%s without arguments", name)
			}
			var v reflect.Value
			for i := range args {
				if v = args[i].raw(s, dot); truth(v) == or {
					return v
				}
			}
			if hasFinal(final) {
				v = rawValue(final)
			}
			return v
		}, nil
	case "not":
		if len(args) == 1 {
			a := &args[0]
			return func(s *state, dot, final reflect.Value) reflect.Value {
				if hasFinal(final) {
					abortf("not with two arguments")
				}
				return reflect.ValueOf(!truth(a.raw(s, dot)))
			}, nil
		}
		return func(s *state, dot, final reflect.Value) reflect.Value {
			return reflect.ValueOf(!truth(raw(s, dot, final, 1, 1)[0]))
		}, nil
	case "eq":
		// eq x y z is x == y || x == z.
		anyEqual := func(v []reflect.Value) reflect.Value {
			for _, w := range v[1:] {
				if equal(v[0], w) {
					return reflect.ValueOf(true)
				}
			}
			return reflect.ValueOf(false)
		}
		if len(args) == 2 {
			a, b := &args[0], &args[1]
			return func(s *state, dot, final reflect.Value) reflect.Value {
				if hasFinal(final) {
					return anyEqual(raw(s, dot, final, 2, -1))
				}
				x := a.raw(s, dot)
				return reflect.ValueOf(equal(x, b.raw(s, dot)))
			}, nil
		}
		return func(s *state, dot, final reflect.Value) reflect.Value {
			return anyEqual(raw(s, dot, final, 2, -1))
		}, nil
	case "ne", "lt", "le", "gt", "ge":
		return func(s *state, dot, final reflect.Value) reflect.Value {
			v := raw(s, dot, final, 2, 2)
			return reflect.ValueOf(compare(name, v[0], v[1]))
		}, nil
	case "len":
		return func(s *state, dot, final reflect.Value) reflect.Value {
			return reflect.ValueOf(length(raw(s, dot, final, 1, 1)[0]))
		}, nil
	case "slice":
		return func(s *state, dot, final reflect.Value) reflect.Value {
			v := raw(s, dot, final, 1, 4)
			return sliceOf(v[0], v[1:])
		}, nil
	case "index":
		return func(s *state, dot, final reflect.Value) reflect.Value {
			v := raw(s, dot, final, 1, -1)
			return indexOf(v[0], v[1:])
		}, nil
	}
	return nil, notCompiled("function %s", name)
}

// textOf returns the text/template html/template executes: the escaped
// trees of all templates of the set, the copies html/template derived
// for other contexts (a template called in an attribute) included, which
// html/template's own Lookup does not show. It reads html/template's
// unexported field text and returns nil when the field is not what it
// expects (another Go version), so that nothing is compiled.
func textOf(t *template.Template) *texttemplate.Template {
	v := reflect.ValueOf(t).Elem().FieldByName("text")
	if !v.IsValid() || v.Type() != reflect.TypeFor[*texttemplate.Template]() || v.IsNil() {
		return nil
	}
	return (*texttemplate.Template)(unsafe.Pointer(v.Pointer()))
}
