package tmplc

import (
	"html/template"
	"reflect"
)

// Direct makes the methods of one receiver type callable without
// reflect.Value.Call (see DirectCalls).
type Direct struct {
	adapt func(fn any) fastMethod
}

// DirectCalls returns the direct calls of the methods of receiver type R
// that have one of the signatures themes use most: a string, bool or int
// from no argument, one or two strings, or an int; template.HTML from no
// argument or a string. Other methods are called by reflection. The
// arguments are converted as text/template converts them, and a call that
// does not fit (the number of arguments) is left to the reflective path,
// which reports it.
func DirectCalls[R any]() Direct {
	return Direct{adapt: func(fn any) fastMethod {
		switch f := fn.(type) {
		case func(R) string:
			return call0(f)
		case func(R, string) string:
			return call1(f, tString, reflect.Value.String)
		case func(R, string, string) string:
			return call2(f)
		case func(R, int) string:
			return call1(f, tInt, func(v reflect.Value) int { return int(v.Int()) })
		case func(R) template.HTML:
			return call0(f)
		case func(R, string) template.HTML:
			return call1(f, tString, reflect.Value.String)
		case func(R) bool:
			return call0(f)
		case func(R, string) bool:
			return call1(f, tString, reflect.Value.String)
		case func(R) int:
			return call0(f)
		case func(R, string, string) int:
			return call2(f)
		}
		return nil
	}}
}

// call0 calls a method of no argument.
func call0[R, T any](f func(R) T) fastMethod {
	return func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool) {
		if !arity(args, final, 0) {
			return reflect.Value{}, false
		}
		return reflect.ValueOf(f(recv.Interface().(R))), true
	}
}

// call1 calls a method of one argument, converted to typ and taken out of
// its reflect.Value by get.
func call1[R, A, T any](f func(R, A) T, typ reflect.Type, get func(reflect.Value) A) fastMethod {
	return func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool) {
		if !arity(args, final, 1) {
			return reflect.Value{}, false
		}
		a := get(s.argAt(dot, args, final, 0, typ))
		return reflect.ValueOf(f(recv.Interface().(R), a)), true
	}
}

// call2 calls a method of two strings.
func call2[R, T any](f func(R, string, string) T) fastMethod {
	return func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool) {
		if !arity(args, final, 2) {
			return reflect.Value{}, false
		}
		a := s.argAt(dot, args, final, 0, tString).String()
		b := s.argAt(dot, args, final, 1, tString).String()
		return reflect.ValueOf(f(recv.Interface().(R), a, b)), true
	}
}

var tInt = reflect.TypeFor[int]()

// arity reports whether a call has n arguments, the final value counted.
func arity(args []operand, final reflect.Value, n int) bool {
	k := len(args)
	if hasFinal(final) {
		k++
	}
	return k == n
}

// argAt is the i-th argument of a call as arg and assign convert it to
// typ: an operand, or the final value after them.
func (s *state) argAt(dot reflect.Value, args []operand, final reflect.Value, i int, typ reflect.Type) reflect.Value {
	if i < len(args) {
		return args[i].arg(s, dot, typ)
	}
	return assign(final, typ)
}
