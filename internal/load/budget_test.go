package load_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"maki/internal/load"
)

// assessment is one 2 KB assessment, the block the attack repeats.
var assessment = "{type: dpia, date: 2024-02-01, url: https://example.org/dsfa, summary: " + strings.Repeat("Sehr gründlich geprüft. ", 84) + "}"

// TestAliasAmplification is the attack of issue 11: a 205 KB system file
// with 50,000 aliases of one 2 KB assessment once built a 502 MB site with
// 1.1 GB of memory. Now it is one error at the first alias over the
// budget, found quickly and with little memory, and nothing is decoded.
func TestAliasAmplification(t *testing.T) {
	var b strings.Builder
	b.WriteString(string(baseTree(t)["systeme/chatbot-buergeramt.yaml"].Data))
	b.WriteString("assessments: [&a " + assessment)
	for range 50000 {
		b.WriteString(", *a")
	}
	b.WriteString("]\n")
	fsys := baseTree(t)
	fsys["systeme/verstaerker.yaml"] = &fstest.MapFile{Data: []byte(b.String())}
	if n := b.Len(); n < 195_000 || n > 215_000 {
		t.Fatalf("file is %d bytes; want about 205 KB", n)
	}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	reg, errs := load.Register(fsys, "content")
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)

	// 2,248 an alias (1 + the keys and values of the assessment): the
	// budget, 4 × the file's 203 KB, is crossed at the 360th alias (the
	// list's item 360), column 3,544 of line 15.
	want := fmt.Sprintf(`content/systeme/verstaerker.yaml:15:3544: field "assessments.360": alias "*a" makes the file expand to more than %d bytes, its budget (4 × its %d bytes, at least 256 KiB, at most 16 MiB); want fewer or smaller aliases`, 4*b.Len(), b.Len())
	if len(errs) != 1 || errs[0].Error() != want {
		t.Fatalf("errors %v; want\n%s", errs, want)
	}
	for _, s := range reg.Systems {
		if s.ID == "verstaerker" {
			t.Errorf("the file over budget was decoded: %d assessments", len(s.Assessments))
		}
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("loading allocated %d MB; want under 64 MB", alloc>>20)
	}
	if elapsed > 5*time.Second {
		t.Errorf("loading took %v; want well under a second", elapsed)
	}
	t.Logf("%d bytes, %v, %d KB allocated: %v", b.Len(), elapsed, (after.TotalAlloc-before.TotalAlloc)>>10, errs[0])
}

// TestAliasesDecoded: ordinary anchors and aliases give their values at
// every use.
func TestAliasesDecoded(t *testing.T) {
	fsys := baseTree(t)
	fsys["systeme/anker.yaml"] = &fstest.MapFile{Data: []byte(`name: &n Anker
summary: *n
organisation: stadt-musterstadt
status: production
topics: &t [buergerservice]
techniques: [generative_ai]
users: public
purpose: {de: *n, en: Anchor}
risk_class: minimal
personal_data: none
contact_email: ki@musterstadt.example.de
published: 2024-04-01
updated: 2025-01-15
tags: *t
assessments:
  - &a {type: dpia, summary: Geprüft.}
  - *a
`)}
	reg, errs := load.Register(fsys, "content")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	s := reg.System("anker")
	if s == nil {
		t.Fatal("system anker not loaded")
	}
	got := fmt.Sprintf("%s|%s|%s|%s|%v|%v|%d|%s|%s", s.Name.De, s.Summary.De, s.Purpose.De, s.Purpose.En, s.Topics, s.Tags, len(s.Assessments), s.Assessments[1].Type, s.Assessments[1].Summary.De)
	if want := "Anker|Anker|Anker|Anchor|[buergerservice]|[buergerservice]|2|dpia|Geprüft."; got != want {
		t.Errorf("decoded %q; want %q", got, want)
	}
}

// TestDuplicateKeyFirstKept: after a key given twice is reported, the first
// value counts, in a text, in redirects and at the top of an entry.
func TestDuplicateKeyFirstKept(t *testing.T) {
	fsys := baseTree(t)
	fsys["organisationen/bundesamt-test.yaml"] = &fstest.MapFile{Data: []byte("name: {de: Erster, en: First, de: Zweiter}\nlevel: bund\nlevel: land\n")}
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte(string(fsys["site.yaml"].Data) + "redirects:\n  alt: chatbot-buergeramt\n  alt: anderes\n")}
	reg, errs := load.Register(fsys, "content")
	if len(errs) != 6 {
		t.Errorf("errors %v; want 6 (both keys of 3 pairs)", errs)
	}
	o := reg.Organisation("bundesamt-test")
	if o == nil || o.Name.De != "Erster" || o.Name.En != "First" || o.Level != "bund" {
		t.Errorf("organisation %+v; want the first values", o)
	}
	if got := reg.Site.Redirects["alt"]; got != "chatbot-buergeramt" {
		t.Errorf("redirect alt = %q; want the first, chatbot-buergeramt", got)
	}
}
