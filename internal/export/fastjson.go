package export

import (
	"encoding"
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// The snapshots of every version of every system (161,031 files at 10,000
// systems with 20 versions) and the systems' JSON are encoded here instead
// of by encoding/json, whose reflection per value cost 4.6 of the 20
// CPU-s of such a build. An encoder is compiled once per Go type from its
// struct fields (offsets, kinds, tags), so a field added to jSystem is
// encoded without touching this file. The bytes are those of marshal
// (compact, no HTML escaping): every kind handled here is encoded as
// encoding/json encodes it, and a type with anything else in it (a
// json.Marshaler or encoding.TextMarshaler, a map, an interface, a float,
// an array, []byte, an embedded field, a tag option other than
// omitempty, two fields of one name, a recursive type) is not compiled:
// its values go through marshal whole. fastjson_test.go compares the two
// byte for byte.

// appendFunc appends the JSON of the value at p to b.
type appendFunc func(b []byte, p unsafe.Pointer) []byte

// fastJSON encodes values of type T; the zero value is ready to use.
type fastJSON[T any] struct {
	once sync.Once
	enc  appendFunc // nil: T has something not handled; use marshal
	pool sync.Pool  // *[]byte scratch buffers
}

// The encoders of the export types encoded in bulk.
var (
	snapshotJSON fastJSON[jSnapshot]
	systemJSON   fastJSON[jSystem]
)

// compiled reports whether values of T are encoded without encoding/json.
func (f *fastJSON[T]) compiled() bool {
	f.once.Do(func() { f.enc, _ = compileJSON(reflect.TypeFor[T](), map[reflect.Type]bool{}) })
	return f.enc != nil
}

// marshal returns marshal(v): the same bytes, in a slice of their length.
func (f *fastJSON[T]) marshal(v *T) ([]byte, error) {
	if !f.compiled() || v == nil {
		return marshal(v)
	}
	bp, _ := f.pool.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	b := f.enc((*bp)[:0], unsafe.Pointer(v))
	out := make([]byte, len(b))
	copy(out, b)
	*bp = b
	f.pool.Put(bp)
	return out, nil
}

// appendJSON appends marshal(v) to b: for a caller that writes the bytes
// at once and can reuse b.
func (f *fastJSON[T]) appendJSON(b []byte, v *T) ([]byte, error) {
	if !f.compiled() || v == nil {
		j, err := marshal(v)
		return append(b, j...), err
	}
	return f.enc(b, unsafe.Pointer(v)), nil
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// compileJSON returns the encoder of t, or false when t (or a type in it)
// is not handled. open holds the types being compiled, to refuse
// recursive types.
func compileJSON(t reflect.Type, open map[reflect.Type]bool) (appendFunc, bool) {
	for _, m := range []reflect.Type{jsonMarshaler, textMarshaler} {
		if t.Implements(m) || reflect.PointerTo(t).Implements(m) {
			return nil, false
		}
	}
	if open[t] {
		return nil, false
	}
	switch t.Kind() {
	case reflect.Bool:
		return func(b []byte, p unsafe.Pointer) []byte {
			if *(*bool)(p) {
				return append(b, "true"...)
			}
			return append(b, "false"...)
		}, true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		get := intReader(t)
		return func(b []byte, p unsafe.Pointer) []byte { return strconv.AppendInt(b, get(p), 10) }, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		get := uintReader(t)
		return func(b []byte, p unsafe.Pointer) []byte { return strconv.AppendUint(b, get(p), 10) }, true
	case reflect.String:
		return func(b []byte, p unsafe.Pointer) []byte { return appendJSONString(b, *(*string)(p)) }, true
	case reflect.Pointer:
		open[t] = true
		defer delete(open, t)
		elem, ok := compileJSON(t.Elem(), open)
		if !ok {
			return nil, false
		}
		return func(b []byte, p unsafe.Pointer) []byte {
			q := *(*unsafe.Pointer)(p)
			if q == nil {
				return append(b, "null"...)
			}
			return elem(b, q)
		}, true
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil, false // base64, or a marshaler's bytes
		}
		open[t] = true
		defer delete(open, t)
		elem, ok := compileJSON(t.Elem(), open)
		if !ok {
			return nil, false
		}
		size := t.Elem().Size()
		return func(b []byte, p unsafe.Pointer) []byte {
			s := (*sliceHeader)(p)
			if s.data == nil {
				return append(b, "null"...)
			}
			b = append(b, '[')
			for i := range s.len {
				if i > 0 {
					b = append(b, ',')
				}
				b = elem(b, unsafe.Add(s.data, uintptr(i)*size))
			}
			return append(b, ']')
		}, true
	case reflect.Struct:
		open[t] = true
		defer delete(open, t)
		return compileStruct(t, open)
	}
	return nil, false
}

// sliceHeader is the layout of a slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

func intReader(t reflect.Type) func(unsafe.Pointer) int64 {
	switch t.Size() {
	case 1:
		return func(p unsafe.Pointer) int64 { return int64(*(*int8)(p)) }
	case 2:
		return func(p unsafe.Pointer) int64 { return int64(*(*int16)(p)) }
	case 4:
		return func(p unsafe.Pointer) int64 { return int64(*(*int32)(p)) }
	}
	return func(p unsafe.Pointer) int64 { return *(*int64)(p) }
}

func uintReader(t reflect.Type) func(unsafe.Pointer) uint64 {
	switch t.Size() {
	case 1:
		return func(p unsafe.Pointer) uint64 { return uint64(*(*uint8)(p)) }
	case 2:
		return func(p unsafe.Pointer) uint64 { return uint64(*(*uint16)(p)) }
	case 4:
		return func(p unsafe.Pointer) uint64 { return uint64(*(*uint32)(p)) }
	}
	return func(p unsafe.Pointer) uint64 { return *(*uint64)(p) }
}

// fieldCode is how one struct field is encoded.
type fieldCode struct {
	key    string // `,"name":`
	offset uintptr
	enc    appendFunc
	empty  func(p unsafe.Pointer) bool // omitempty: true when left out; nil without omitempty
}

func compileStruct(t reflect.Type, open map[reflect.Type]bool) (appendFunc, bool) {
	var fields []fieldCode
	names := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			return nil, false // embedded fields have their own rules
		}
		if !f.IsExported() {
			continue
		}
		tag, tagged := f.Tag.Lookup("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if !tagged || name == "" {
			name = f.Name
		}
		if !plainKey(name) || names[name] {
			return nil, false
		}
		names[name] = true
		omit := false
		if opts != "" {
			for _, o := range strings.Split(opts, ",") {
				if o != "omitempty" {
					return nil, false // string, omitzero, or one not known
				}
				omit = true
			}
		}
		enc, ok := compileJSON(f.Type, open)
		if !ok {
			return nil, false
		}
		fc := fieldCode{key: `,"` + name + `":`, offset: f.Offset, enc: enc}
		if omit {
			if fc.empty = emptyTest(f.Type); fc.empty == nil {
				return nil, false
			}
		}
		fields = append(fields, fc)
	}
	return func(b []byte, p unsafe.Pointer) []byte {
		b = append(b, '{')
		first := true
		for i := range fields {
			f := &fields[i]
			q := unsafe.Add(p, f.offset)
			if f.empty != nil && f.empty(q) {
				continue
			}
			if first {
				b = append(b, f.key[1:]...)
				first = false
			} else {
				b = append(b, f.key...)
			}
			b = f.enc(b, q)
		}
		return append(b, '}')
	}, true
}

// plainKey reports whether name is written as a key as it is: ASCII
// letters, digits, '_' and '-' (other names go through marshal).
func plainKey(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// emptyTest returns what omitempty leaves out for a field of type t:
// false, 0, "", a nil pointer, an empty slice; structs are never empty.
// It returns nil for a kind compileJSON does not handle.
func emptyTest(t reflect.Type) func(unsafe.Pointer) bool {
	switch t.Kind() {
	case reflect.Bool:
		return func(p unsafe.Pointer) bool { return !*(*bool)(p) }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		get := intReader(t)
		return func(p unsafe.Pointer) bool { return get(p) == 0 }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		get := uintReader(t)
		return func(p unsafe.Pointer) bool { return get(p) == 0 }
	case reflect.String:
		return func(p unsafe.Pointer) bool { return len(*(*string)(p)) == 0 }
	case reflect.Pointer:
		return func(p unsafe.Pointer) bool { return *(*unsafe.Pointer)(p) == nil }
	case reflect.Slice:
		return func(p unsafe.Pointer) bool { return (*sliceHeader)(p).len == 0 }
	case reflect.Struct:
		return func(unsafe.Pointer) bool { return false }
	}
	return nil
}

// asciiPlain[c] is true for the ASCII bytes written into a JSON string as
// they are: all but control characters, '"' and '\\'.
var asciiPlain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it without HTML escaping: '"' and '\\' with a backslash;
// \b, \f, \n, \r and \t; other control characters as \u00XX; each byte
// that is not part of valid UTF-8 as \ufffd; U+2028 and U+2029 as
// \u2028 and \u2029 (they end a line in JavaScript). Runs of eight plain
// ASCII bytes are skipped at once.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if i = skipPlain(s, i); i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if !asciiPlain[c] {
				b = append(b, s[start:i-1]...)
				b = appendEscape(b, c)
				start = i
			}
			continue
		}
		if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2 // a valid two-byte rune (ä, ß, é)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, `\u202`...)
			b = append(b, hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// load64 returns the eight bytes of s from i, the first in the lowest
// bits (one load).
func load64(s string, i int) uint64 {
	return binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s), len(s))[i : i+8])
}

// skipPlain returns the index of the first byte from i on that is not
// plain ASCII (asciiPlain), or of one of the last seven bytes of s.
func skipPlain(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if m := notPlain(load64(s, i)); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	return i
}

// notPlain has the high bit of each byte of x set that is not plain ASCII
// (asciiPlain), at least of the first (lowest) one, and nothing below
// it. (v - n*ones) &^ v sets the high bit of the lowest byte of v below n
// (n at most 0x80) and of none below it; bytes above it may be marked
// wrongly through the borrow.
func notPlain(x uint64) uint64 {
	below := func(v, n uint64) uint64 { return (v - n*ones) &^ v }
	return (x | below(x, 0x20) | below(x^'"'*ones, 1) | below(x^'\\'*ones, 1)) & highs
}

// appendEscape appends the escape of the ASCII byte c ('"', '\\' or a
// control character).
func appendEscape(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}
