package tmplc

import (
	"cmp"
	"fmt"
	"reflect"
	"strings"
	"text/template/parse"
)

// What a value means to a template — its truth, how it compares, what len,
// index and slice do with it, how it is passed to a parameter — is
// text/template's (documented under "Actions", "Arguments" and "Functions"
// of package text/template). This file implements those rules for the
// values themes use, sorted by a value's class (below); for every other
// case, and wherever text/template reports an error, it aborts: the
// execution stops, and the caller renders the page with html/template,
// which gives the canonical output or error. So nothing here needs to
// reproduce text/template's error cases, only to agree with it where it
// returns a value.

var (
	tError        = reflect.TypeFor[error]()
	tStringer     = reflect.TypeFor[fmt.Stringer]()
	tReflectValue = reflect.TypeFor[reflect.Value]()
	tString       = reflect.TypeFor[string]()
)

// noFinal is the final value of a command that has none: the first
// command of a pipeline.
var (
	noFinal  = reflect.ValueOf(finalAbsent{})
	tNoFinal = noFinal.Type()
)

type finalAbsent struct{}

// hasFinal reports whether v is a pipeline's value passed on to the next
// command.
func hasFinal(v reflect.Value) bool {
	return !v.IsValid() || v.Type() != tNoFinal
}

// class groups the reflect kinds by what the builtins do with them.
type class uint8

const (
	cNone    class = iota // no value: untyped nil, a nil interface unwrapped
	cBool                 // bool
	cInt                  // signed integers
	cUint                 // unsigned integers and uintptr
	cFloat                // float32, float64
	cComplex              // complex64, complex128
	cString               // strings
	cList                 // arrays and slices
	cMap                  // maps
	cChan                 // channels
	cRef                  // pointers, interfaces, functions, unsafe pointers
	cStruct               // structs
)

var kindClass = [reflect.UnsafePointer + 1]class{
	reflect.Invalid: cNone,
	reflect.Bool:    cBool,
	reflect.Int:     cInt, reflect.Int8: cInt, reflect.Int16: cInt, reflect.Int32: cInt, reflect.Int64: cInt,
	reflect.Uint: cUint, reflect.Uint8: cUint, reflect.Uint16: cUint, reflect.Uint32: cUint, reflect.Uint64: cUint,
	reflect.Uintptr: cUint,
	reflect.Float32: cFloat, reflect.Float64: cFloat,
	reflect.Complex64: cComplex, reflect.Complex128: cComplex,
	reflect.String: cString,
	reflect.Array:  cList, reflect.Slice: cList,
	reflect.Map:     cMap,
	reflect.Chan:    cChan,
	reflect.Pointer: cRef, reflect.Interface: cRef, reflect.Func: cRef, reflect.UnsafePointer: cRef,
	reflect.Struct: cStruct,
}

func classOfKind(k reflect.Kind) class {
	if int(k) >= len(kindClass) {
		abortf("value of unknown kind %s", k)
	}
	return kindClass[k]
}

func classOf(v reflect.Value) class { return classOfKind(v.Kind()) }

func integer(c class) bool { return c == cInt || c == cUint }

// nilable reports whether nil is a value of the kind (as text/template
// counts: unsafe pointers are not).
func nilable(k reflect.Kind) bool {
	switch k {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return true
	}
	return false
}

// isNilValue reports whether v is nil: untyped or of a nilable kind.
func isNilValue(v reflect.Value) bool {
	return !v.IsValid() || nilable(v.Kind()) && v.IsNil()
}

// unwrap is the value an interface holds (no value for a nil interface),
// or v itself.
func unwrap(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Interface {
		return v.Elem() // the zero Value when v is nil
	}
	return v
}

// follow follows pointers and interfaces to the value at their end. If one
// of them is nil, it returns that one and false.
func follow(v reflect.Value) (reflect.Value, bool) {
	for {
		if k := v.Kind(); k != reflect.Pointer && k != reflect.Interface {
			return v, true
		}
		if v.IsNil() {
			return v, false
		}
		v = v.Elem()
	}
}

// isEmptyIface reports whether v is held in a variable of an interface
// type without methods (which a pipeline looks through).
func isEmptyIface(v reflect.Value) bool {
	return v.Kind() == reflect.Interface && v.Type().NumMethod() == 0
}

// truth is a value's truth for if, with, and, or and not: the zero values
// (false, 0, nil, empty strings, arrays, slices and maps) are false,
// everything else, every struct included, is true. An interface counts as
// the value it holds.
func truth(v reflect.Value) bool {
	v = unwrap(v)
	switch classOf(v) {
	case cNone:
		return false
	case cBool:
		return v.Bool()
	case cInt:
		return v.Int() != 0
	case cUint:
		return v.Uint() != 0
	case cFloat:
		return v.Float() != 0
	case cComplex:
		return v.Complex() != 0
	case cString, cList, cMap:
		return v.Len() != 0
	case cChan, cRef:
		return !v.IsNil()
	}
	return true
}

// assign is v passed to a parameter of type t: v itself when its type is
// assignable to t, or the value behind v when v is a non-nil interface or
// pointer and that value's type is; nil when t can be nil and v is
// untyped nil. Anything else aborts (text/template converts a few more
// cases, such as taking the address of an addressable value, or reports
// an error).
func assign(v reflect.Value, t reflect.Type) reflect.Value {
	if !v.IsValid() {
		if nilable(t.Kind()) {
			return reflect.Zero(t)
		}
		abortf("nil for a parameter of type %s", t)
	}
	if v.Type().AssignableTo(t) {
		return v
	}
	if k := v.Kind(); (k == reflect.Pointer || k == reflect.Interface) && !v.IsNil() {
		if e := v.Elem(); e.Type().AssignableTo(t) {
			return e
		}
	}
	abortf("%s for a parameter of type %s", v.Type(), t)
	return reflect.Value{}
}

// rawValue is v as a builtin with a reflect.Value parameter receives it:
// a value that is itself a reflect.Value is the value it holds.
func rawValue(v reflect.Value) reflect.Value {
	if v.IsValid() && v.Type() == tReflectValue {
		return v.Interface().(reflect.Value)
	}
	return v
}

// numberConst is the value of a number constant where no type is asked
// for (an argument of type any, a command of its own): complex128 for an
// imaginary literal, float64 for a decimal literal with a point or an
// exponent, int for an integer or a rune literal. ok is false for the
// rest — hexadecimal floats and integers (whose typing text/template
// decides by their spelling), integers beyond int — which the caller
// leaves to html/template.
func numberConst(n *parse.NumberNode) (v reflect.Value, ok bool) {
	text := n.Text
	switch {
	case n.IsComplex:
		return reflect.ValueOf(n.Complex128), true
	case strings.HasPrefix(text, "'"):
		if n.IsInt {
			return reflect.ValueOf(int(n.Int64)), true
		}
	case strings.ContainsAny(text, "xXpP"):
	case strings.ContainsAny(text, ".eE"):
		if n.IsFloat {
			return reflect.ValueOf(n.Float64), true
		}
	case n.IsInt && int64(int(n.Int64)) == n.Int64:
		return reflect.ValueOf(int(n.Int64)), true
	}
	return reflect.Value{}, false
}

// printable is what printing v hands to fmt: pointers followed (up to a
// nil one), the address of an addressable value whose pointer type is an
// error or a Stringer (so that its method is used); ok is false for
// channels and functions, which text/template does not print.
func printable(v reflect.Value) (x any, ok bool) {
	if v.Kind() == reflect.Pointer {
		v, _ = follow(v)
	}
	if !v.IsValid() {
		return "<no value>", true
	}
	if !printsItself(v.Type()) {
		if v.CanAddr() && printsItself(reflect.PointerTo(v.Type())) {
			return v.Addr().Interface(), true
		}
		if k := v.Kind(); k == reflect.Chan || k == reflect.Func {
			return nil, false
		}
	}
	return v.Interface(), true
}

// printsItself reports whether fmt prints values of type t by a method.
func printsItself(t reflect.Type) bool {
	return t.Implements(tError) || t.Implements(tStringer)
}

// Comparison.
//
// eq and ne compare two values of one basic class (booleans, signed
// integers, unsigned integers, floats, complex numbers, strings), a
// signed with an unsigned integer (by their mathematical value), nil
// with anything (equal to nil only), or two other values of one kind
// (equal when both are nil, or with Go's == when both types are
// comparable). lt, le, gt and ge order integers (mixed signed and
// unsigned as well), floats and strings. Other pairs abort.

// mixedCompare compares a signed with an unsigned integer.
func mixedCompare(i int64, u uint64) int {
	if i < 0 {
		return -1
	}
	return cmp.Compare(uint64(i), u)
}

// equal is eq of two values.
func equal(a, b reflect.Value) bool {
	a, b = unwrap(a), unwrap(b)
	ca, cb := classOf(a), classOf(b)
	if ca == cNone || cb == cNone {
		return isNilValue(a) && isNilValue(b)
	}
	if ca == cb {
		switch ca {
		case cBool:
			return a.Bool() == b.Bool()
		case cInt:
			return a.Int() == b.Int()
		case cUint:
			return a.Uint() == b.Uint()
		case cFloat:
			return a.Float() == b.Float()
		case cComplex:
			return a.Complex() == b.Complex()
		case cString:
			return a.String() == b.String()
		}
		// Neither is of a basic class.
		if a.Kind() != b.Kind() {
			abortf("eq of %s and %s", a.Type(), b.Type())
		}
		if na, nb := isNilValue(a), isNilValue(b); na || nb {
			return na == nb
		}
		if !a.Type().Comparable() || !b.Type().Comparable() {
			abortf("eq of %s and %s", a.Type(), b.Type())
		}
		return a.Interface() == b.Interface()
	}
	switch {
	case ca == cInt && cb == cUint:
		return mixedCompare(a.Int(), b.Uint()) == 0
	case ca == cUint && cb == cInt:
		return mixedCompare(b.Int(), a.Uint()) == 0
	}
	abortf("eq of %s and %s", a.Type(), b.Type())
	return false
}

// less is lt of two values.
func less(a, b reflect.Value) bool {
	a, b = unwrap(a), unwrap(b)
	ca, cb := classOf(a), classOf(b)
	switch {
	case ca == cb && ca == cInt:
		return a.Int() < b.Int()
	case ca == cb && ca == cUint:
		return a.Uint() < b.Uint()
	case ca == cb && ca == cFloat:
		return a.Float() < b.Float()
	case ca == cb && ca == cString:
		return a.String() < b.String()
	case ca == cInt && cb == cUint:
		return mixedCompare(a.Int(), b.Uint()) < 0
	case ca == cUint && cb == cInt:
		return mixedCompare(b.Int(), a.Uint()) > 0
	}
	abortf("order of %v and %v", a, b)
	return false
}

// compare is the builtin comparison name of two values: ne, lt, le, gt or
// ge. (le is lt or eq, gt its negation and ge not lt, so that a float NaN
// is ordered as in text/template.)
func compare(name string, a, b reflect.Value) bool {
	switch name {
	case "ne":
		return !equal(a, b)
	case "lt":
		return less(a, b)
	case "le":
		return less(a, b) || equal(a, b)
	case "gt":
		return !less(a, b) && !equal(a, b)
	case "ge":
		return !less(a, b)
	}
	abortf("no comparison %s", name)
	return false
}

// length is the builtin len: of a string, array, slice, map or channel,
// behind pointers and interfaces.
func length(v reflect.Value) int {
	v, ok := follow(v)
	if !ok {
		abortf("len of nil")
	}
	switch classOf(v) {
	case cString, cList, cMap, cChan:
		return v.Len()
	}
	abortf("len of %v", v)
	return 0
}

// position is an integer argument of index or slice as an int from 0 to
// limit.
func position(x reflect.Value, limit int) int {
	x = unwrap(x)
	switch classOf(x) {
	case cInt:
		if n := x.Int(); n >= 0 && n <= int64(limit) {
			return int(n)
		}
	case cUint:
		if n := x.Uint(); n <= uint64(limit) {
			return int(n)
		}
	}
	abortf("position %v of %d", x, limit)
	return 0
}

// indexOf is the builtin index: item indexed by each key in turn — a
// string, array or slice by an integer in range, a map by a key of its key
// type (or an integer, converted to an integer key type), a missing key
// giving the zero element.
func indexOf(item reflect.Value, keys []reflect.Value) reflect.Value {
	item = unwrap(item)
	if !item.IsValid() {
		abortf("index of nil")
	}
	for _, key := range keys {
		v, ok := follow(item)
		if !ok {
			abortf("index of nil")
		}
		switch classOf(v) {
		case cString, cList:
			i := position(key, v.Len())
			if i == v.Len() {
				abortf("index %d of %d", i, v.Len())
			}
			item = v.Index(i)
		case cMap:
			item = mapEntry(v, unwrap(key))
		default:
			abortf("index of %s", v.Type())
		}
	}
	return item
}

// mapEntry is m[key], or the zero element when the key is missing.
func mapEntry(m, key reflect.Value) reflect.Value {
	kt := m.Type().Key()
	switch {
	case !key.IsValid():
		abortf("nil map key")
	case key.Type().AssignableTo(kt):
	case integer(classOf(key)) && integer(classOfKind(kt.Kind())):
		key = key.Convert(kt)
	default:
		abortf("map key %s for %s", key.Type(), kt)
	}
	if e := m.MapIndex(key); e.IsValid() {
		return e
	}
	return reflect.Zero(m.Type().Elem())
}

// sliceOf is the builtin slice: item[lo:hi] or item[lo:hi:max] of a
// string (two bounds at most), array or slice; bounds left out are 0 and
// the length.
func sliceOf(item reflect.Value, bounds []reflect.Value) reflect.Value {
	v, ok := follow(item)
	if !ok || !v.IsValid() || len(bounds) > 3 {
		abortf("slice of %v", item)
	}
	var room int // how far a bound may go
	switch classOf(v) {
	case cString:
		if len(bounds) == 3 {
			abortf("3-index slice of a string")
		}
		room = v.Len()
	case cList:
		room = v.Cap()
	default:
		abortf("slice of %s", v.Type())
	}
	b := [3]int{0, v.Len(), room}
	for i, x := range bounds {
		b[i] = position(x, room)
	}
	if b[0] > b[1] || b[1] > b[2] {
		abortf("slice bounds %v", b)
	}
	if len(bounds) == 3 {
		return v.Slice3(b[0], b[1], b[2])
	}
	return v.Slice(b[0], b[1])
}
