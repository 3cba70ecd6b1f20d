package validate

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"maki/internal/register"
)

func TestLoops(t *testing.T) {
	long := map[string]string{}
	for i := range 1000 {
		long[fmt.Sprintf("l%04d", i)] = fmt.Sprintf("l%04d", (i+1)%1000)
	}
	for _, tt := range []struct {
		name string
		next map[string]string // id → the id it points to
		want string            // loops, "a b; c d e"
	}{
		{"none", map[string]string{"a": "", "b": "a", "c": "b"}, ""},
		{"self", map[string]string{"a": "a", "b": "a"}, "a"},
		{"two", map[string]string{"b": "a", "a": "b"}, "a b"},
		{"starts at the smallest id", map[string]string{"c": "a", "a": "b", "b": "c"}, "a b c"},
		{"chain into a loop", map[string]string{"x": "y", "y": "d", "d": "e", "e": "d"}, "d e"},
		{"two chains into one loop", map[string]string{"p": "m", "q": "n", "m": "n", "n": "m"}, "m n"},
		{"unknown target", map[string]string{"a": "gone", "b": "a"}, ""},
		{"two loops", map[string]string{"z": "y", "y": "z", "b": "a", "a": "b", "c": "c"}, "a b; c; y z"},
		{"long", long, "l0000 l0001 … l0999"},
	} {
		var ids, next []string
		for id := range tt.next {
			ids = append(ids, id)
		}
		for _, id := range ids {
			next = append(next, tt.next[id])
		}
		var got []string
		for _, l := range loops(ids, next) {
			var names []string
			for _, e := range l {
				names = append(names, ids[e])
			}
			if len(names) > 3 {
				names = []string{names[0], names[1], "…", names[len(names)-1]}
			}
			got = append(got, strings.Join(names, " "))
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("%s: loops = %q; want %q", tt.name, g, tt.want)
		}
	}
}

func TestChain(t *testing.T) {
	ids := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	for _, tt := range []struct {
		loop []int
		want string
	}{
		{[]int{0}, "a → a"},
		{[]int{0, 1}, "a → b → a"},
		{[]int{0, 1, 2, 3, 4, 5}, "a → b → c → d → e → f → a"},
		{[]int{0, 1, 2, 3, 4, 5, 6, 7}, "of 8 systems a → b → c → d → … → h → a"},
	} {
		if got := chain(ids, tt.loop, "systems"); got != tt.want {
			t.Errorf("chain(%v) = %q; want %q", tt.loop, got, tt.want)
		}
	}
}

// chainRegister returns n systems, each based on the next; with loop the
// last is based on the first.
func chainRegister(n int, loop bool) *register.Register {
	r := &register.Register{}
	o := &register.Organisation{Name: register.Text{De: "Amt"}, Level: "bund"}
	o.ID = "amt"
	r.Organisations = []*register.Organisation{o}
	tp := &register.Topic{ID: "thema", Label: register.Text{De: "Thema"}}
	r.Topics = []*register.Topic{tp}
	for _, id := range RequiredPages {
		p := &register.Page{Title: register.Text{De: id}, Slug: id}
		p.ID = id
		r.Pages = append(r.Pages, p)
	}
	for i := range n {
		s := &register.System{Name: register.Text{De: "System"}, Summary: register.Text{De: "Kurz."},
			Organisation: "amt", Status: "planned", Topics: []string{"thema"}, Techniques: []register.Technique{"generative_ai"},
			Users: "public", Purpose: register.Text{De: "Zweck."}, RiskClass: "minimal", PersonalData: "none",
			ContactEmail: "ki@amt.example.de", Published: "2025-01-01", Updated: "2025-01-01"}
		s.ID = "s" + strconv.Itoa(i)
		s.File = "content/systeme/" + s.ID + ".yaml"
		var b register.PosBuilder
		b.Value("based_on", 2, 11)
		s.Positions = b.Positions()
		if i+1 < n {
			s.BasedOn = "s" + strconv.Itoa(i+1)
		} else if loop {
			s.BasedOn = "s0"
		}
		r.Systems = append(r.Systems, s)
	}
	return r
}

// TestBasedOnChainLinear: a 100,000-long based_on chain, and one closed
// into a loop, are checked in one pass each (the old check walked the rest
// of the chain from every system: minutes at this length). The loop is
// reported once, with an excerpt of its members.
func TestBasedOnChainLinear(t *testing.T) {
	v := &validator{r: chainRegister(100_000, false)}
	v.cycles()
	if len(v.errs) != 0 {
		t.Errorf("open chain: %v; want no errors", v.errs)
	}
	v = &validator{r: chainRegister(100_000, true)}
	v.cycles()
	want := `content/systeme/s0.yaml:2:11: field "based_on": cycle of 100000 systems s0 → s1 → s2 → s3 → … → s99999 → s0; want a chain that ends in a system not based on another`
	if len(v.errs) != 1 || v.errs[0].Error() != want {
		t.Errorf("closed chain: %v; want one error:\n%s", v.errs, want)
	}
}

// BenchmarkBasedOnChain checks a register of 100,000 systems each based
// on the next: "cycles" runs the loop rule alone, "register" every rule
// (most of its time is the per-field rules of 100,000 systems).
func BenchmarkBasedOnChain(b *testing.B) {
	r := chainRegister(100_000, false)
	b.Run("cycles", func(b *testing.B) {
		for b.Loop() {
			v := &validator{r: r}
			if v.cycles(); len(v.errs) != 0 {
				b.Fatal(v.errs[0])
			}
		}
	})
	b.Run("register", func(b *testing.B) {
		now := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
		for b.Loop() {
			if errs := Register(r, now); len(errs) != 0 {
				b.Fatal(errs[0])
			}
		}
	})
}
