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

func (s *state) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= s.frame; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	abortf("undefined variable: %s", name)
	return reflect.Value{}
}

func (s *state) setVar(name string, v reflect.Value) {
	for i := len(s.vars) - 1; i >= s.frame; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return
		}
	}
	abortf("undefined variable: %s", name)
}

func (s *state) setTopVar(n int, v reflect.Value) {
	s.vars[len(s.vars)-n].value = v
}

// print writes a value as text/template's printValue does.
func (s *state) print(v reflect.Value) {
	if v.Kind() == reflect.String && v.Type() == tString {
		s.buf.WriteString(v.String())
		return
	}
	iface, ok := printableValue(v)
	if !ok {
		abortf("can't print value of type %s", v.Type())
	}
	switch x := iface.(type) {
	case string:
		s.buf.WriteString(x)
	case template.HTML:
		s.buf.WriteString(string(x))
	default:
		fmt.Fprint(s.buf, iface)
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
	receiver, isNil := indirect(receiver)
	if isNil {
		abortf("nil pointer evaluating %s", f.name)
	}
	e := f.lookup(receiver.Type(), receiver.CanAddr())
	hasArgs := len(args) > 0 || !isMissing(final)
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

// call is text/template's evalCall for a function or bound method (not a
// builtin) of type typ.
func (s *state) call(dot, fun reflect.Value, typ reflect.Type, args []operand, final reflect.Value) reflect.Value {
	numIn := len(args)
	if !isMissing(final) {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			abortf("wrong number of args")
		}
	} else if numIn != typ.NumIn() {
		abortf("wrong number of args")
	}
	if !goodFunc(typ) {
		abortf("bad function signature")
	}
	argv := make([]reflect.Value, numIn)
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		argv[i] = args[i].arg(s, dot, typ.In(i))
	}
	if typ.IsVariadic() {
		argType := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			argv[i] = args[i].arg(s, dot, argType)
		}
	}
	if !isMissing(final) {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		argv[i] = validateType(final, t)
	}
	ret := fun.Call(argv)
	if len(ret) == 2 && !ret[1].IsNil() {
		abortf("error calling function: %v", ret[1].Interface())
	}
	v := ret[0]
	if v.Type() == tReflectValue {
		v = v.Interface().(reflect.Value)
	}
	return v
}

// rangeOver runs one iteration per element of val (text/template's
// walkRange after the pipeline); it reports whether there was any.
func rangeOver(val reflect.Value, vars int, each func(index, elem reflect.Value)) bool {
	switch val.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if vars > 1 {
			abortf("can't use %v to iterate over more than one variable", val)
		}
		run := false
		for v := range val.Seq() {
			run = true
			each(reflect.Value{}, v)
		}
		return run
	case reflect.Array, reflect.Slice:
		n := val.Len()
		for i := 0; i < n; i++ {
			each(reflect.ValueOf(i), val.Index(i))
		}
		return n > 0
	case reflect.Map:
		if val.Len() == 0 {
			return false
		}
		keys := val.MapKeys()
		switch val.Type().Key().Kind() {
		case reflect.String:
			sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			sort.Slice(keys, func(i, j int) bool { return keys[i].Int() < keys[j].Int() })
		default:
			abortf("range over a map with keys of type %s", val.Type().Key())
		}
		for _, k := range keys {
			each(k, val.MapIndex(k))
		}
		return true
	case reflect.Invalid:
		return false
	}
	abortf("range over %s", val.Type())
	return false
}

// fastMethod calls a method without reflect.Value.Call; ok is false when
// it does not apply to these arguments (the caller then calls it as
// text/template does).
type fastMethod func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool)
