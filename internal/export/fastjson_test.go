package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"maki/internal/corpus"
	"maki/internal/history"
	"maki/internal/load"
	"maki/internal/register"
)

// sameJSON fails when f's bytes for v differ from marshal's.
func sameJSON[T any](t testing.TB, f *fastJSON[T], v *T, what string) {
	t.Helper()
	want, werr := marshal(v)
	got, gerr := f.marshal(v)
	if (werr != nil) != (gerr != nil) || !bytes.Equal(got, want) {
		t.Fatalf("%s: fast JSON (%d bytes, error %v) differs from encoding/json (%d bytes, error %v): %s", what, len(got), gerr, len(want), werr, firstDiff(got, want))
	}
}

func mustMarshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-40)
	return fmt.Sprintf("first difference at byte %d: got …%q…, want …%q…", i, a[lo:min(len(a), i+40)], b[lo:min(len(b), i+40)])
}

// snapshotValues are the snapshots encodeSnapshots encodes, built as it
// builds them (checkExports fails when the two drift apart), their
// systems by system (jSystemOnly or referenceJSystem).
func snapshotValues(x *exporter, id string, sh *register.SystemHistory, system func(*exporter, *register.System) *jSystem) []jSnapshot {
	var out []jSnapshot
	for _, v := range sh.Versions {
		snap := jSnapshot{Changes: []jChange{}, Commit: v.Commit, Date: v.Date.Format("2006-01-02"), ID: id, Version: v.N}
		if !sh.Removed.IsZero() {
			snap.Removed = str(sh.Removed.Format("2006-01-02"))
		}
		if v.System != nil {
			snap.System = system(x, v.System)
		}
		for _, c := range v.Changes {
			snap.Changes = append(snap.Changes, jChange{Added: c.Added, Field: c.Field, Kind: string(c.Kind), New: str(c.New), Old: str(c.Old), Removed: c.Removed})
		}
		out = append(out, snap)
	}
	return out
}

// withHistory gives every system of r a history of n versions: the
// first is the system, each later one mutate's change of the one before
// (history.Changes says what changed); every fifth system has a version
// that could not be read, every seventh was removed.
func withHistory(r *register.Register, n int, mutate func(k int, s *register.System) *register.System) *register.Register {
	h := &register.History{Systems: map[string]*register.SystemHistory{}}
	day := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	for i, s := range r.Systems {
		sh := &register.SystemHistory{ID: s.ID}
		var prev *register.System
		for k := 1; k <= n; k++ {
			v := &register.Version{N: k, Commit: fmt.Sprintf("%040x", i*1000+k), Date: day.AddDate(0, 0, i+k), Path: "systeme/" + s.ID + ".yaml"}
			switch {
			case k == 1:
				v.System = s
				v.Changes = []register.Change{{Field: "file", Kind: register.ChangeCreated}}
			case i%5 == 0 && k == 2:
				v.Changes = []register.Change{{Field: "file", Kind: register.ChangeInvalid}}
			default:
				v.System = mutate(k, prev)
				v.Changes = history.Changes(prev, v.System)
			}
			if v.System != nil {
				prev = v.System
			}
			sh.Versions = append(sh.Versions, v)
		}
		if i%7 == 3 {
			sh.Removed = day.AddDate(1, 0, i)
		}
		h.Systems[s.ID] = sh
	}
	r.History = h
	return r
}

// editPurpose is the benchmark repository's edit (GitHistoryRepo): a line
// "Fassung <k>." before the purpose; every third version also changes the
// risk class, the tags and the status.
func editPurpose(k int, s *register.System) *register.System {
	c := *s
	c.Purpose.De = fmt.Sprintf("Fassung %d.\n", k) + strings.TrimPrefix(s.Purpose.De, fmt.Sprintf("Fassung %d.\n", k-1))
	if k%3 == 0 {
		c.RiskClass = []register.RiskClass{"minimal", "high_risk", "transparency"}[k%3]
		c.Tags = append(append([]string{}, s.Tags...), fmt.Sprintf("tag %d", k))
		c.Status = "retired"
		c.EUDatabase = nil
	}
	return &c
}

// checkExports compares every system's JSON and every snapshot of r with
// encoding/json's, and the snapshots with encodeSnapshots' output.
func checkExports(t *testing.T, r *register.Register) (systems, snapshots int) {
	t.Helper()
	x, err := newExporter(r, fixtureConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range x.systems {
		j := x.jSystem(s)
		sameJSON(t, &systemJSON, j, "system "+s.ID)
		ref := referenceJSystem(x, s)
		x.addHistory(ref, s.ID)
		if a, b := mustMarshal(t, j), mustMarshal(t, ref); !bytes.Equal(a, b) {
			t.Fatalf("system %s: jSystem differs from referenceJSystem: %s", s.ID, firstDiff(a, b))
		}
		systems++
	}
	for _, id := range sortedHistoryIDs(r.History) {
		sh := r.History.Systems[id]
		files, err := x.encodeSnapshots(id, sh)
		if err != nil {
			t.Fatal(err)
		}
		snaps := snapshotValues(x, id, sh, (*exporter).jSystemOnly)
		if len(files) != len(snaps) {
			t.Fatalf("%s: encodeSnapshots gave %d files; want %d", id, len(files), len(snaps))
		}
		ref := snapshotValues(x, id, sh, referenceJSystem)
		for k := range snaps {
			sameJSON(t, &snapshotJSON, &snaps[k], fmt.Sprintf("snapshot %s/%d", id, k+1))
			if a, b := mustMarshal(t, snaps[k].System), mustMarshal(t, ref[k].System); !bytes.Equal(a, b) {
				t.Fatalf("snapshot %s/%d: jSystemOnly differs from referenceJSystem: %s", id, k+1, firstDiff(a, b))
			}
			want, err := marshal(snaps[k])
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(files[k], want) {
				t.Fatalf("snapshot %s/%d: encodeSnapshots differs from encoding/json of snapshotValues: %s", id, k+1, firstDiff(files[k], want))
			}
			snapshots++
		}
	}
	return systems, snapshots
}

func TestFastJSONExample(t *testing.T) {
	r, errs := load.Register(os.DirFS("../../content"), "content")
	if errs.Err() != nil {
		t.Fatal(errs.Err())
	}
	n, m := checkExports(t, withHistory(r.Public(), 4, editPurpose))
	if n == 0 || m < 4*n {
		t.Errorf("checked %d systems, %d snapshots; want some, 4 each", n, m)
	}
}

func TestFastJSONCorpus(t *testing.T) {
	// corpus.FS holds the files corpus.Write writes (TestWriteMatchesFS).
	r, errs := load.Register(corpus.FS(300, 7), "content")
	if errs.Err() != nil {
		t.Fatal(errs.Err())
	}
	checkExports(t, withHistory(r.Public(), 5, editPurpose))
}

func TestFastJSONFixture(t *testing.T) {
	checkExports(t, withHistory(fixtureRegister().Public(), 6, editPurpose))
	// A German-only site has no English page URLs.
	r := fixtureRegister()
	r.Site.Languages = []register.Language{"de"}
	checkExports(t, withHistory(r.Public(), 2, editPurpose))
}

// hostileStrings have every kind of character JSON escapes or keeps: HTML
// markup, quotes, backslashes, control characters, invalid UTF-8 (cut
// runes, surrogates, beyond U+10FFFF), U+2028 and U+2029, emoji.
var hostileStrings = []string{
	"", " ", "<script>alert(1)</script>", "</script><!--", "a&b<c>d", `"quoted" and \backslash\`,
	"\x00\x01\x02\x1f\x7f", "\b\f\n\r\t\v", "line\u2028sep\u2029para", "\u2027\u202a\u202f", "\xe2\x80", "\xe2\x80\xa8x\xe2",
	"\xff\xfe", "\xc3\x28", "\xed\xa0\x80", "\xf4\x90\x80\x80", "ok\xe2\x80\xa8\xffend", "Grüße, Straße ½ €",
	"emoji 😀 👩‍👩‍👧 🇩🇪", "\ufffd", "\u00e9\u0301", "a\x00b", "https://example.org/?a=1&b=<2>", "{}[],:",
	strings.Repeat("lang ", 300) + "\n## Überschrift\n\n* Punkt\u2028",
}

// randString is a hostile string, a string of random bytes, or one of
// random runes.
func randString(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return string(b)
	case 1:
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteRune([]rune{0, 0x1f, '"', '\\', 'a', 'ß', 0x2028, 0x2029, 0xfffd, 0x1f600, utf8.MaxRune, rune(r.IntN(0x110000))}[r.IntN(12)])
		}
		return b.String()
	}
	return hostileStrings[r.IntN(len(hostileStrings))]
}

// fill sets v and everything in it at random: pointers and slices nil,
// empty or filled, strings from str, numbers including 0 and the
// extremes. Fields of type register.Meta and unexported fields are left.
func fill(v reflect.Value, r *rand.Rand, str func() string, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(str())
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		ints := []int64{0, 1, -1, 8, math.MaxInt64, math.MinInt64, r.Int64() - r.Int64()}
		n := ints[r.IntN(len(ints))]
		if v.OverflowInt(n) {
			n = int64(int8(n))
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n := []uint64{0, 1, math.MaxUint64, r.Uint64()}[r.IntN(4)]
		if v.OverflowUint(n) {
			n = uint64(uint8(n))
		}
		v.SetUint(n)
	case reflect.Pointer:
		if r.IntN(4) == 0 || depth > 6 {
			v.SetZero()
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), r, str, depth+1)
	case reflect.Slice:
		switch k := r.IntN(5); {
		case k == 0 || depth > 6:
			v.SetZero()
		case k == 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, r.IntN(3)))
		default:
			v.Set(reflect.MakeSlice(v.Type(), 1+r.IntN(3), 4))
			for i := range v.Len() {
				fill(v.Index(i), r, str, depth+1)
			}
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[register.Meta]() {
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), r, str, depth+1)
			}
		}
	}
}

// hostileRegister is the fixture's site with n systems, organisations and
// topics whose every field is filled at random with hostile strings,
// empty or nil; systems point at the organisations and topics by id.
func hostileRegister(seed uint64, n int) *register.Register {
	rnd := rand.New(rand.NewPCG(seed, 1))
	str := func() string { return randString(rnd) }
	r := fixtureRegister()
	r.Systems, r.Organisations, r.Topics = nil, nil, nil
	for i := range n {
		o := &register.Organisation{}
		fill(reflect.ValueOf(o).Elem(), rnd, str, 0)
		o.ID = fmt.Sprintf("org-%d", i)
		r.Organisations = append(r.Organisations, o)
		tp := &register.Topic{}
		fill(reflect.ValueOf(tp).Elem(), rnd, str, 0)
		tp.ID = fmt.Sprintf("topic-%d", i)
		tp.Meta.ID = tp.ID
		r.Topics = append(r.Topics, tp)
	}
	for i := range n {
		s := &register.System{}
		fill(reflect.ValueOf(s).Elem(), rnd, str, 0)
		s.ID = fmt.Sprintf("sys-%d", i)
		if rnd.IntN(2) == 0 {
			s.Organisation = fmt.Sprintf("org-%d", rnd.IntN(n))
		}
		for k := range s.Partners {
			if rnd.IntN(2) == 0 {
				s.Partners[k] = fmt.Sprintf("org-%d", rnd.IntN(n))
			}
		}
		for k := range s.Topics {
			if rnd.IntN(2) == 0 {
				s.Topics[k] = fmt.Sprintf("topic-%d", rnd.IntN(n))
			}
		}
		r.Systems = append(r.Systems, s)
	}
	r.Index()
	return withHistory(r, 4, func(_ int, s *register.System) *register.System {
		c := &register.System{}
		fill(reflect.ValueOf(c).Elem(), rnd, str, 0)
		c.Meta = s.Meta
		return c
	})
}

func TestFastJSONHostile(t *testing.T) {
	for seed := range uint64(8) {
		checkExports(t, hostileRegister(seed, 40))
	}
	// The files, encoded on all cores, are encoding/json's bytes too.
	r := hostileRegister(9, 40)
	files := mustFiles(t, r, fixtureConfig())
	x, err := newExporter(r, fixtureConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range x.systems {
		if got, want := files["daten/systeme/"+s.ID+".json"], mustMarshal(t, x.jSystem(s)); !bytes.Equal(got, want) {
			t.Errorf("daten/systeme/%s.json: %s", s.ID, firstDiff(got, want))
		}
		for k, snap := range snapshotValues(x, s.ID, r.History.Systems[s.ID], referenceJSystem) {
			p := fmt.Sprintf("daten/systeme/%s/%d.json", s.ID, k+1)
			if got, want := files[p], mustMarshal(t, snap); !bytes.Equal(got, want) {
				t.Errorf("%s: %s", p, firstDiff(got, want))
			}
		}
	}
}

// TestFastJSONRandom fills every field of jSnapshot (with its jSystem)
// and of jSystem at random and compares the bytes.
func TestFastJSONRandom(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	str := func() string { return randString(rnd) }
	for i := range 3000 {
		var s jSnapshot
		fill(reflect.ValueOf(&s).Elem(), rnd, str, 0)
		sameJSON(t, &snapshotJSON, &s, fmt.Sprintf("random snapshot %d", i))
		if s.System != nil {
			sameJSON(t, &systemJSON, s.System, fmt.Sprintf("random system %d", i))
		}
	}
	sameJSON(t, &snapshotJSON, &jSnapshot{}, "zero snapshot")
	sameJSON(t, &systemJSON, &jSystem{}, "zero system")
	sameJSON(t, &systemJSON, nil, "nil system")
}

func TestAppendJSONString(t *testing.T) {
	check := func(s string) {
		t.Helper()
		want, _ := marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendJSONString(%q) = %s; want %s", s, got, want)
		}
	}
	for _, s := range hostileStrings {
		check(s)
	}
	// Every string of one and two bytes, and each with valid text around.
	for a := range 256 {
		check(string([]byte{byte(a)}))
		for b := range 256 {
			check(string([]byte{byte(a), byte(b)}))
		}
	}
	// Every three-byte sequence that starts like U+2028 and U+2029.
	for b := range 256 {
		for c := range 256 {
			check(string([]byte{0xE2, byte(b), byte(c)}))
			check("ä" + string([]byte{0xE2, byte(b), byte(c)}) + "x")
		}
	}
	// Each byte at each place of the first two eight-byte words, among
	// ASCII and among multi-byte runes.
	for c := range 256 {
		for at := range 18 {
			for _, fill := range []string{"a", "ü", "\u2027"} {
				pre := strings.Repeat(fill, 20)
				check(pre[:at] + string([]byte{byte(c)}) + pre[at:])
				check(pre[:at] + string([]byte{byte(c)}) + "\u2028" + pre)
			}
		}
	}
	for r := rune(0); r <= utf8.MaxRune+1; r += 1 + r/64 {
		check("a" + string(r) + "\"b")
	}
}

// FuzzSnapshotJSON puts the fuzzed strings into every string field of a
// snapshot; the bits of shape choose nil, empty or filled pointers and
// slices.
func FuzzSnapshotJSON(f *testing.F) {
	for i, s := range hostileStrings {
		f.Add(s, hostileStrings[(i+1)%len(hostileStrings)], uint64(i))
	}
	f.Fuzz(func(t *testing.T, a, b string, shape uint64) {
		rnd := rand.New(rand.NewPCG(shape, shape>>32))
		n := 0
		str := func() string {
			n++
			if n%2 == 0 {
				return a
			}
			return b
		}
		var s jSnapshot
		fill(reflect.ValueOf(&s).Elem(), rnd, str, 0)
		sameJSON(t, &snapshotJSON, &s, "fuzzed snapshot")
		if s.System != nil {
			sameJSON(t, &systemJSON, s.System, "fuzzed system")
		}
	})
}

// TestFastJSONCompiles fails when a type the exports encode in bulk gets
// something the compiled encoder does not handle: its values would go
// through encoding/json again (correct, but slow).
func TestFastJSONCompiles(t *testing.T) {
	if !snapshotJSON.compiled() {
		t.Error("jSnapshot is not compiled: a field has a type fastjson.go does not handle; add the kind there or change the field")
	}
	if !systemJSON.compiled() {
		t.Error("jSystem is not compiled: a field has a type fastjson.go does not handle; add the kind there or change the field")
	}
}

// Types with something the compiled encoder does not handle, and one
// that has only handled kinds in every form.
type (
	withMap       struct{ M map[string]int }
	withFloat     struct{ F float64 }
	withInterface struct{ I any }
	withBytes     struct{ B []byte }
	withArray     struct{ A [2]string }
	withTime      struct{ T time.Time }
	withRaw       struct{ R json.RawMessage }
	withText      struct{ T textOnly }
	withPtrMarsh  struct{ P ptrMarshaler }
	withEmbedded  struct {
		jText
		X string
	}
	withStringOpt struct {
		N int `json:",string"`
	}
	withOmitZero struct {
		T jText `json:"t,omitzero"`
	}
	withDuplicate struct {
		A string `json:"B"`
		B string
	}
	withOddKey struct {
		A string `json:"a b"`
	}
	withUnicodeName struct{ Größe string }
	recursive       struct {
		Name string
		Next *recursive
	}
	textOnly     struct{ s string }
	ptrMarshaler struct{ s string }

	allHandled struct {
		I        int
		I8       int8
		I16      int16 `json:"i16,omitempty"`
		I32      int32
		I64      int64 `json:",omitempty"`
		U        uint
		U8       uint8 `json:"u8,omitempty"`
		U16      uint16
		U32      uint32
		U64      uint64 `json:"u64,omitempty"`
		UP       uintptr
		B        bool `json:"b,omitempty"`
		B2       bool
		S        string `json:"s,omitempty"`
		Named    register.Status
		hidden   string
		Skipped  string `json:"-"`
		Dash     string `json:"-,"`
		Untagged string `json:",omitempty"`
		Other    string `yaml:"other"`
		P        *string
		PP       **int `json:"pp,omitempty"`
		Sl       []string
		SlE      []string `json:"sle,omitempty"`
		SlP      []*jText
		SlSl     [][]int
		St       jText `json:"st,omitempty"`
		StP      *jText
		Deep     []struct {
			A *allHandledLeaf `json:"a,omitempty"`
		}
	}
	allHandledLeaf struct {
		Z bool   `json:"z"`
		Y string `json:"y,omitempty"`
	}
)

func (textOnly) MarshalText() ([]byte, error)      { return []byte("text"), nil }
func (*ptrMarshaler) MarshalJSON() ([]byte, error) { return []byte(`{ "by": "pointer" }`), nil }
func fallback[T any](t *testing.T, v *T, compiled bool) {
	t.Helper()
	var f fastJSON[T]
	if f.compiled() != compiled {
		t.Errorf("%T: compiled = %v; want %v", *v, !compiled, compiled)
	}
	sameJSON(t, &f, v, fmt.Sprintf("%T", *v))
	got, _ := f.appendJSON([]byte("x"), v)
	want, _ := marshal(v)
	if !bytes.Equal(got, append([]byte("x"), want...)) {
		t.Errorf("%T: appendJSON = %s; want x%s", *v, got, want)
	}
}

// TestFastJSONFallback checks that a type with something not handled is
// not compiled and still gets encoding/json's bytes, and that one with
// every handled kind is compiled.
func TestFastJSONFallback(t *testing.T) {
	fallback(t, &withMap{M: map[string]int{"b": 1, "a": 2}}, false)
	fallback(t, &withFloat{F: 1e21}, false)
	fallback(t, &withInterface{I: []any{1.5, "<x>"}}, false)
	fallback(t, &withBytes{B: []byte("hi")}, false)
	fallback(t, &withArray{A: [2]string{"a", "b"}}, false)
	fallback(t, &withTime{T: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}, false)
	fallback(t, &withRaw{R: json.RawMessage(`{ "a" : 1 }`)}, false)
	fallback(t, &withText{}, false)
	fallback(t, &withPtrMarsh{}, false)
	fallback(t, &withEmbedded{jText: jText{De: str("d")}, X: "x"}, false)
	fallback(t, &withStringOpt{N: 5}, false)
	fallback(t, &withOmitZero{}, false)
	fallback(t, &withDuplicate{A: "a", B: "b"}, false)
	fallback(t, &withOddKey{A: "a"}, false)
	fallback(t, &withUnicodeName{Größe: "1"}, false)
	fallback(t, &recursive{Name: "a", Next: &recursive{Name: "b"}}, false)

	fallback(t, &allHandled{}, true)
	rnd := rand.New(rand.NewPCG(3, 4))
	str := func() string { return randString(rnd) }
	for range 2000 {
		var v allHandled
		fill(reflect.ValueOf(&v).Elem(), rnd, str, 0)
		v.hidden = "never"
		fallback(t, &v, true)
	}
}

// BenchmarkSnapshots encodes every snapshot of corpus.BenchSize(200)
// systems (MAKI_BENCH_N) with 20 versions each, the old way
// (referenceJSystem and encoding/json) and the new one (encodeSnapshots:
// jSystemOnly and fastJSON); the encode sub-benchmarks encode snapshots
// built beforehand, to tell building from encoding. cpu-ns/op is the
// process's CPU time (with the garbage collector's):
//
//	go test ./internal/export -run '^$' -bench Snapshots -benchmem -count 5
func BenchmarkSnapshots(b *testing.B) {
	r, errs := load.Register(corpus.FS(corpus.BenchSize(200), 1), "content")
	if errs.Err() != nil {
		b.Fatal(errs.Err())
	}
	r = withHistory(r.Public(), 20, editPurpose)
	x, err := newExporter(r, fixtureConfig())
	if err != nil {
		b.Fatal(err)
	}
	ids := sortedHistoryIDs(r.History)
	var built [][]jSnapshot
	size := 0
	for _, id := range ids {
		snaps := snapshotValues(x, id, r.History.Systems[id], referenceJSystem)
		built = append(built, snaps)
		for k := range snaps {
			j, _ := marshal(&snaps[k])
			size += len(j)
		}
	}
	run := func(name string, encode func()) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(size))
			cpu := cpuTime()
			for b.Loop() {
				encode()
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
	must := func(_ any, err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	// The old way: the old jSystemOnly and encoding/json.
	run("build+encode/encoding-json", func() {
		for _, id := range ids {
			for _, s := range snapshotValues(x, id, r.History.Systems[id], referenceJSystem) {
				must(marshal(s))
			}
		}
	})
	run("build+encode/fastjson", func() {
		for _, id := range ids {
			must(x.encodeSnapshots(id, r.History.Systems[id]))
		}
	})
	run("encode/encoding-json", func() {
		for _, snaps := range built {
			for k := range snaps {
				must(marshal(snaps[k]))
			}
		}
	})
	run("encode/fastjson", func() {
		for _, snaps := range built {
			for k := range snaps {
				must(snapshotJSON.marshal(&snaps[k]))
			}
		}
	})
}

// referenceJSystem is jSystemOnly as it was before it took its values
// from blocks and shared the organisations (one allocation per value):
// the reference its values are compared with, and the benchmarks' old
// way.
func referenceJSystem(x *exporter, s *register.System) *jSystem {
	s = Public(s)
	j := &jSystem{
		Alternatives:   mkText(s.Alternatives),
		DecisionRole:   str(string(s.DecisionRole)),
		Performance:    mkText(s.Performance),
		Redress:        mkText(s.Redress),
		SourceURL:      str(s.SourceURL),
		Art63Grounds:   mkText(s.Art63Grounds),
		Assessments:    []jAssessment{},
		BasedOn:        str(s.BasedOn),
		ContactEmail:   str(s.ContactEmail),
		ContactURL:     str(s.ContactURL),
		Cooperation:    mkText(s.Cooperation),
		Data:           []jDataSet{},
		Description:    mkText(s.Description),
		Development:    str(string(s.Development)),
		End:            str(string(s.End)),
		Hosting:        str(string(s.Hosting)),
		HumanOversight: mkText(s.HumanOversight),
		ID:             s.ID,
		LegalBasis:     []jLegalBasis{},
		License:        str(s.License),
		Models:         []jModel{},
		Name:           mkText(s.Name),
		NextReview:     str(string(s.NextReview)),
		OperatingLogic: mkText(s.OperatingLogic),
		Organisation:   x.jOrg(s.Organisation),
		PageURL:        x.pageURLs(x.pageURL, s.ID),
		Partners:       []jOrganisation{},
		PersonalData:   str(string(s.PersonalData)),
		Published:      str(string(s.Published)),
		Purpose:        mkText(s.Purpose),
		Restricted:     s.Restricted,
		Reuse:          str(string(s.Reuse)),
		RiskClass:      str(string(s.RiskClass)),
		Risks:          mkText(s.Risks),
		SourceCodeURL:  str(s.SourceCodeURL),
		Start:          str(string(s.Start)),
		Status:         str(string(s.Status)),
		Summary:        mkText(s.Summary),
		Tags:           append([]string{}, s.Tags...),
		Techniques:     []string{},
		Topics:         []jTopic{},
		Updated:        str(string(s.Updated)),
		Users:          str(string(s.Users)),
		Vendor:         str(s.Vendor),
	}
	if s.AnnexIIIArea != 0 {
		a := s.AnnexIIIArea
		j.AnnexIIIArea = &a
	}
	if s.EUDatabase != nil {
		j.EUDatabase = &jEUDatabase{ID: str(s.EUDatabase.ID), URL: str(s.EUDatabase.URL)}
	}
	for _, a := range s.Assessments {
		j.Assessments = append(j.Assessments, jAssessment{Date: str(string(a.Date)), Summary: mkText(a.Summary), Type: string(a.Type), URL: str(a.URL)})
	}
	for _, d := range s.Data {
		j.Data = append(j.Data, jDataSet{Description: mkText(d.Description), Phase: str(string(d.Phase)), Title: mkText(d.Title), URL: str(d.URL)})
	}
	for _, l := range s.LegalBasis {
		j.LegalBasis = append(j.LegalBasis, jLegalBasis{Title: mkText(l.Title), URL: str(l.URL)})
	}
	for _, m := range s.Models {
		j.Models = append(j.Models, jModel{Name: m.Name, OpenWeights: m.OpenWeights, Provider: str(m.Provider), Version: str(m.Version)})
	}
	for _, p := range s.Partners {
		o := x.jOrg(p)
		if o == nil {
			continue // it panicked here
		}
		j.Partners = append(j.Partners, *o)
	}
	for _, t := range s.Techniques {
		j.Techniques = append(j.Techniques, string(t))
	}
	for _, id := range s.Topics {
		jt := jTopic{ID: id}
		if t := x.r.Topic(id); t != nil {
			jt.Label = mkText(t.Label)
		}
		j.Topics = append(j.Topics, jt)
	}
	return j
}
