package tmplc

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"sort"
	"sync/atomic"
)

// maxDepth bounds nested template calls; deeper recursion aborts, and
// html/template reports it (its own limit is higher).
const maxDepth = 10000

// Program is a compiled template: its escaped parse tree and those of
// the templates it calls, as Go closures. It is safe for concurrent use.
type Program struct {
	root *tmpl
}

// tmpl is one compiled template of the set.
type tmpl struct {
	name string
	run  runFn
}

type (
	runFn  func(s *state, dot reflect.Value)
	valFn  func(s *state, dot reflect.Value) reflect.Value
	evalFn func(s *state, dot, final reflect.Value) reflect.Value
)

type variable struct {
	name  string
	value reflect.Value
}

// state is one execution.
type state struct {
	buf   *bytes.Buffer
	vars  []variable
	frame int // where the running template's variables start
	depth int
}

// abort is the panic value of an execution that cannot go on; Execute
// returns it as an error.
type abort struct{ msg string }

func abortf(format string, args ...any) {
	panic(abort{fmt.Sprintf(format, args...)})
}

// Execute runs the program with data as dot, appending the output to buf.
// On any error — one html/template would report, or anything the
// executor does not handle — it returns an error and buf holds a partial
// output: the caller truncates it and executes the html/template
// template instead, which gives the canonical output or error.
func (p *Program) Execute(buf *bytes.Buffer, data any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if a, ok := r.(abort); ok {
				err = fmt.Errorf("tmplc: %s: %s", p.root.name, a.msg)
				return
			}
			err = fmt.Errorf("tmplc: %s: panic: %v", p.root.name, r)
		}
	}()
	dot, ok := data.(reflect.Value)
	if !ok {
		dot = reflect.ValueOf(data)
	}
	s := &state{buf: buf, vars: make([]variable, 1, 16)}
	s.vars[0] = variable{"$", dot}
	p.root.run(s, dot)
	return nil
}

func (s *state) push(name string, v reflect.Value) {
	s.vars = append(s.vars, variable{name, v})
}

// variable is the innermost variable called name that the running
// template sees (the parser has made sure there is one).
func (s *state) variable(name string) *variable {
	for i := len(s.vars); i > s.frame; {
		i--
		if v := &s.vars[i]; v.name == name {
			return v
		}
	}
	abortf("no variable %s", name)
	return nil
}

func (s *state) setVar(name string, v reflect.Value) {
	s.variable(name).value = v
}

func (s *state) setTopVar(n int, v reflect.Value) {
	s.vars[len(s.vars)-n].value = v
}

// print writes a value as an action without escapers writes it: the
// value printable gives, formatted by fmt; a string as it is.
func (s *state) print(v reflect.Value) {
	if v.Kind() == reflect.String && v.Type() == tString {
		s.buf.WriteString(v.String())
		return
	}
	x, ok := printable(v)
	if !ok {
		abortf("printing a %s", v.Type())
	}
	switch x := x.(type) {
	case string:
		s.buf.WriteString(x)
	case template.HTML:
		s.buf.WriteString(string(x))
	default:
		fmt.Fprint(s.buf, x)
	}
}

// fieldSite is one field or method name of a chain, with an inline cache
// of what the name is in the last receiver type seen.
type fieldSite struct {
	name   string
	cache  atomic.Pointer[fieldEntry]
	direct []Direct // the direct calls Compile was given
}

type fieldEntry struct {
	typ    reflect.Type
	addr   bool // the receiver was addressable
	access int
	index  []int        // access field: the field's index
	method int          // access method: index in the method set of the receiver (or its pointer if addr)
	fast   fastMethod   // access method: a direct call, or nil
	mtype  reflect.Type // access method: the method's type without receiver
}

const (
	accessNone = iota
	accessMethod
	accessField
	accessMap
)

// lookup returns what the name is for a receiver of type t.
func (f *fieldSite) lookup(t reflect.Type, addr bool) *fieldEntry {
	if e := f.cache.Load(); e != nil && e.typ == t && e.addr == addr {
		return e
	}
	e := &fieldEntry{typ: t, addr: addr}
	pt := t
	if addr {
		pt = reflect.PointerTo(t)
	}
	if m, ok := pt.MethodByName(f.name); ok {
		e.access, e.method = accessMethod, m.Index
		for _, d := range f.direct {
			if e.fast = d.adapt(m.Func.Interface()); e.fast != nil {
				break
			}
		}
		e.mtype = reflect.Zero(pt).Method(m.Index).Type()
	} else {
		switch t.Kind() {
		case reflect.Struct:
			if sf, ok := t.FieldByName(f.name); ok && sf.IsExported() {
				e.access, e.index = accessField, sf.Index
			}
		case reflect.Map:
			if tString.AssignableTo(t.Key()) {
				e.access = accessMap
			}
		}
	}
	f.cache.Store(e)
	return e
}

// field evaluates the name on receiver (text/template's evalField); args
// are the arguments after the name, final the pipeline's value.
func (s *state) field(dot reflect.Value, f *fieldSite, args []operand, final, receiver reflect.Value) reflect.Value {
	if !receiver.IsValid() {
		abortf("nil data; no entry for key %q", f.name)
	}
	receiver, ok := follow(receiver)
	if !ok {
		abortf("nil pointer evaluating %s", f.name)
	}
	e := f.lookup(receiver.Type(), receiver.CanAddr())
	hasArgs := len(args) > 0 || hasFinal(final)
	switch e.access {
	case accessMethod:
		ptr := receiver
		if e.addr {
			ptr = receiver.Addr()
		}
		if e.fast != nil {
			if v, ok := e.fast(s, dot, ptr, args, final); ok {
				return v
			}
		}
		return s.call(dot, ptr.Method(e.method), e.mtype, args, final)
	case accessField:
		if hasArgs {
			abortf("%s has arguments but cannot be invoked as function", f.name)
		}
		if len(e.index) == 1 {
			return receiver.Field(e.index[0])
		}
		v, err := receiver.FieldByIndexErr(e.index)
		if err != nil {
			abortf("%v", err)
		}
		return v
	case accessMap:
		if hasArgs {
			abortf("%s is not a method but has arguments", f.name)
		}
		v := receiver.MapIndex(reflect.ValueOf(f.name).Convert(receiver.Type().Key()))
		if !v.IsValid() {
			abortf("map has no entry for key %q", f.name)
		}
		return v
	}
	abortf("can't evaluate field %s in type %s", f.name, receiver.Type())
	return reflect.Value{}
}

// call calls a function or a bound method (not a builtin) of type typ
// with the operands and the final value, each passed to its parameter
// as arg and assign pass it. The function must return one value, or a
// value and an error; an error aborts. A reflect.Value result stands for
// the value it holds.
func (s *state) call(dot, fun reflect.Value, typ reflect.Type, args []operand, final reflect.Value) reflect.Value {
	if out := typ.NumOut(); out != 1 && !(out == 2 && typ.Out(1) == tError) {
		abortf("%s returns %d values", typ, out)
	}
	n := len(args)
	if hasFinal(final) {
		n++
	}
	if fixed := typ.NumIn(); n != fixed && !(typ.IsVariadic() && n >= fixed-1) {
		abortf("%d arguments for %s", n, typ)
	}
	in := make([]reflect.Value, n)
	for i := range in {
		if i < len(args) {
			in[i] = args[i].arg(s, dot, paramType(typ, i))
		} else {
			in[i] = assign(final, paramType(typ, i))
		}
	}
	out := fun.Call(in)
	if len(out) > 1 {
		if err := out[1]; !err.IsNil() {
			abortf("%v", err.Interface())
		}
	}
	return rawValue(out[0])
}

// paramType is the type of argument i of a call of a function of type t.
func paramType(t reflect.Type, i int) reflect.Type {
	if last := t.NumIn() - 1; t.IsVariadic() && i >= last {
		return t.In(last).Elem()
	}
	return t.In(i)
}

// rangeOver runs one iteration per element of val (text/template's
// walkRange after the pipeline); it reports whether there was any.
func rangeOver(val reflect.Value, vars int, each func(index, elem reflect.Value)) bool {
	switch classOf(val) {
	case cNone:
		return false
	case cInt, cUint:
		if vars > 1 {
			abortf("range over an integer with two variables")
		}
		ran := false
		for v := range val.Seq() {
			ran = true
			each(reflect.Value{}, v)
		}
		return ran
	case cList:
		n := val.Len()
		for i := range n {
			each(reflect.ValueOf(i), val.Index(i))
		}
		return n > 0
	case cMap:
		if val.Len() == 0 {
			return false
		}
		keys := val.MapKeys()
		// In the order of the keys, as text/template (fmt's ordering):
		// done here for strings and signed integers.
		switch classOfKind(val.Type().Key().Kind()) {
		case cString:
			sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		case cInt:
			sort.Slice(keys, func(i, j int) bool { return keys[i].Int() < keys[j].Int() })
		default:
			abortf("range over a map with keys of type %s", val.Type().Key())
		}
		for _, k := range keys {
			each(k, val.MapIndex(k))
		}
		return true
	}
	abortf("range over %s", val.Type())
	return false
}

// fastMethod calls a method without reflect.Value.Call; ok is false when
// it does not apply to these arguments (the caller then calls it as
// text/template does).
type fastMethod func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool)
