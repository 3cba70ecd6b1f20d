package register

import (
	"maps"
	"slices"
	"testing"
	"unsafe"
)

func TestPositions(t *testing.T) {
	var b PosBuilder
	b.Key("status", 3, 1)
	b.Value("status", 3, 9)
	b.Key("name", 1, 1)
	b.Value("name.de", 1, 8)
	b.Key("description", 5, 1)
	b.Value("description", 6, 3)
	b.Block("description")
	b.Key("topics", 9, 1)
	b.Value("topics", 9, 9)
	b.Forget("topics") // a rejected value: the key stays
	if !b.HasValue("status") || b.HasValue("topics") || !b.IsBlock("description") {
		t.Fatal("builder lost what was recorded")
	}
	if line, col, ok := b.KeyOf("topics"); !ok || line != 9 || col != 1 {
		t.Fatalf("KeyOf(topics) = %d, %d, %v; want 9, 1, true", line, col, ok)
	}
	m := Meta{File: "content/systeme/a.yaml", Positions: b.Positions()}

	tests := []struct {
		name, got, want string
	}{
		{"PosOf value", m.PosOf("status").String(), "content/systeme/a.yaml:3:9"},
		{"PosOf falls back to the parent", m.PosOf("name.de.x").String(), "content/systeme/a.yaml:1:8"},
		{"PosOf of a missing field is the file start", m.PosOf("purpose").String(), "content/systeme/a.yaml:1:1"},
		{"PosOf of a rejected value falls back", m.PosOf("topics").String(), "content/systeme/a.yaml:1:1"},
		{"KeyPosOf key", m.KeyPosOf("topics").String(), "content/systeme/a.yaml:9:1"},
		{"KeyPosOf without a key is PosOf", m.KeyPosOf("name.de").String(), "content/systeme/a.yaml:1:8"},
		{"TextPos in a block scalar", m.TextPos("description", 1, 4).String(), "content/systeme/a.yaml:6:6"},
		{"TextPos in a plain scalar", m.TextPos("status", 1, 4).String(), "content/systeme/a.yaml:3:12"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %s; want %s", tt.name, tt.got, tt.want)
		}
	}
	if !m.Has("status") || m.Has("topics") || m.Has("name") || !m.HasKey("topics") || m.HasKey("name.de") {
		t.Error("Has/HasKey disagree with what was recorded")
	}
	if !m.IsBlock("description") || m.IsBlock("status") {
		t.Error("IsBlock disagrees with what was recorded")
	}
	values := maps.Collect(m.ValuePositions())
	if want := []string{"description", "name.de", "status"}; !slices.Equal(slices.Sorted(maps.Keys(values)), want) {
		t.Errorf("ValuePositions paths = %v; want %v", slices.Sorted(maps.Keys(values)), want)
	}
	keys := maps.Collect(m.KeyPositions())
	if got := keys["topics"]; got != (Pos{File: m.File, Line: 9, Col: 1}) {
		t.Errorf("KeyPositions[topics] = %v; want %s:9:1", got, m.File)
	}
	if !m.Decoded() {
		t.Error("Decoded = false after the builder ran")
	}
	m.ForgetPositions()
	if !m.Decoded() || m.Has("status") || m.PosOf("status").String() != "content/systeme/a.yaml:1:1" {
		t.Error("ForgetPositions kept positions or lost Decoded")
	}
	if (&Meta{}).Decoded() {
		t.Error("Decoded = true for a zero Meta")
	}
}

// TestPositionsShared: entries with the same fields share one sorted path
// list, so that their paths are held once however many entries there are.
func TestPositionsShared(t *testing.T) {
	var b PosBuilder
	build := func(paths ...string) Positions {
		for i, p := range paths {
			b.Value(p, i+1, 1)
		}
		return b.Positions()
	}
	x := build("status", "name.de", "topics.0")
	y := build("topics.0", "status", "name.de")
	z := build("status", "name.de")
	if unsafe.SliceData(x.paths) != unsafe.SliceData(y.paths) {
		t.Error("same fields, different path lists; want one shared list")
	}
	if unsafe.SliceData(x.paths) == unsafe.SliceData(z.paths) {
		t.Error("different fields share a path list")
	}
	if unsafe.StringData(x.paths[0]) != unsafe.StringData(z.paths[0]) {
		t.Error("path string not interned")
	}
	m := Meta{File: "f", Positions: y}
	if got := m.PosOf("topics.0").String(); got != "f:1:1" {
		t.Errorf("PosOf(topics.0) = %s; want f:1:1 (its own position, not the first entry's)", got)
	}
}

// TestPositionsClamp: lines and columns beyond 31 bits are clamped rather
// than wrapping into the flag bits.
func TestPositionsClamp(t *testing.T) {
	var b PosBuilder
	b.Value("x", 1<<40, -5)
	m := Meta{File: "f", Positions: b.Positions()}
	if p := m.PosOf("x"); p.Line != 1<<31-1 || p.Col != 0 || m.IsBlock("x") {
		t.Errorf("PosOf = %+v, block %v; want line 2147483647, col 0, no block", p, m.IsBlock("x"))
	}
}

// TestPositionsWide: a file with a line or column beyond 16 bits keeps
// every position exact (the table is then stored in 32 bits).
func TestPositionsWide(t *testing.T) {
	for _, far := range []int{1<<15 - 1, 1 << 15, 70000} {
		var b PosBuilder
		b.Key("a", 1, 1)
		b.Value("a", 1, 4)
		b.Block("a")
		b.Key("b", far, 2)
		b.Value("b", far, far)
		m := Meta{File: "f", Positions: b.Positions()}
		if got, want := m.PosOf("a"), (Pos{File: "f", Line: 1, Col: 4}); got != want || !m.IsBlock("a") {
			t.Errorf("far %d: PosOf(a) = %v, block %v; want %v, block", far, got, m.IsBlock("a"), want)
		}
		if got, want := m.PosOf("b"), (Pos{File: "f", Line: far, Col: far}); got != want || m.IsBlock("b") {
			t.Errorf("far %d: PosOf(b) = %v, block %v; want %v, no block", far, got, m.IsBlock("b"), want)
		}
		if got, want := m.KeyPosOf("b"), (Pos{File: "f", Line: far, Col: 2}); got != want {
			t.Errorf("far %d: KeyPosOf(b) = %v; want %v", far, got, want)
		}
		if wide := m.Positions.at != nil; wide != (far >= 1<<15) {
			t.Errorf("far %d: wide table = %v", far, wide)
		}
	}
}
