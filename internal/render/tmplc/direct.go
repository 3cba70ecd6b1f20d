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
			return func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool) {
				if !arity(args, final, 0) {
					return reflect.Value{}, false
				}
				return reflect.ValueOf(f(recv.Interface().(R))), true
			}
		case func(R, string) string:
			return func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool) {
				if !arity(args, final, 1) {
					return reflect.Value{}, false
				}
				a := s.argAt(dot, args, final, 0, tString).String()
				return reflect.ValueOf(f(recv.Interface().(R), a)), true
			}
		case func(R, string, string) string:
			return func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool) {
				if !arity(args, final, 2) {
					return reflect.Value{}, false
				}
				a := s.argAt(dot, args, final, 0, tString).String()
				b := s.argAt(dot, args, final, 1, tString).String()
				return reflect.ValueOf(f(recv.Interface().(R), a, b)), true
			}
		case func(R, int) string:
			return func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool) {
				if !arity(args, final, 1) {
					return reflect.Value{}, false
				}
				a := int(s.argAt(dot, args, final, 0, tInt).Int())
				return reflect.ValueOf(f(recv.Interface().(R), a)), true
			}
		case func(R) template.HTML:
			return func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool) {
				if !arity(args, final, 0) {
					return reflect.Value{}, false
				}
				return reflect.ValueOf(f(recv.Interface().(R))), true
			}
		case func(R, string) template.HTML:
			return func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool) {
				if !arity(args, final, 1) {
					return reflect.Value{}, false
				}
				a := s.argAt(dot, args, final, 0, tString).String()
				return reflect.ValueOf(f(recv.Interface().(R), a)), true
			}
		case func(R) bool:
			return func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool) {
				if !arity(args, final, 0) {
					return reflect.Value{}, false
				}
				return reflect.ValueOf(f(recv.Interface().(R))), true
			}
		case func(R, string) bool:
			return func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool) {
				if !arity(args, final, 1) {
					return reflect.Value{}, false
				}
				a := s.argAt(dot, args, final, 0, tString).String()
				return reflect.ValueOf(f(recv.Interface().(R), a)), true
			}
		case func(R) int:
			return func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool) {
				if !arity(args, final, 0) {
					return reflect.Value{}, false
				}
				return reflect.ValueOf(f(recv.Interface().(R))), true
			}
		case func(R, string, string) int:
			return func(s *state, dot, recv reflect.Value, args []operand, final reflect.Value) (reflect.Value, bool) {
				if !arity(args, final, 2) {
					return reflect.Value{}, false
				}
				a := s.argAt(dot, args, final, 0, tString).String()
				b := s.argAt(dot, args, final, 1, tString).String()
				return reflect.ValueOf(f(recv.Interface().(R), a, b)), true
			}
		}
		return nil
	}}
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
