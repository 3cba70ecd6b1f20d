package build

import (
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestGroupFeedsInBuild builds the example content and checks that every
// organisation, topic and Land page, in both languages, has an Atom feed
// beside it that the page links (in the head and visibly), that parses,
// and whose entries link to fact sheets of the build.
func TestGroupFeedsInBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), exampleConfig(t, out), nil); err != nil {
		t.Fatal(err)
	}
	files := tree(t, out)
	group := regexp.MustCompile(`^(en/)?(organisationen|themen|laender)/[^/]+/index\.html$`)
	kinds := map[string]int{}
	entries := 0
	for name := range files {
		m := group.FindStringSubmatch(name)
		if m == nil {
			continue
		}
		kinds[m[1]+m[2]]++
		dir := strings.TrimSuffix(name, "index.html")
		feed := dir + "feed.xml"
		b, err := os.ReadFile(filepath.Join(out, feed))
		if err != nil {
			t.Errorf("%s: no feed: %v", name, err)
			continue
		}
		page, _ := os.ReadFile(filepath.Join(out, name))
		if n := strings.Count(string(page), `href="/`+feed+`"`); n != 2 {
			t.Errorf("%s: links its feed %d times; want 2 (head and visible)", name, n)
		}
		var f struct {
			Entries []struct {
				Links []struct {
					Type string `xml:"type,attr"`
					Href string `xml:"href,attr"`
				} `xml:"link"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(b, &f); err != nil {
			t.Errorf("%s: %v", feed, err)
			continue
		}
		for _, e := range f.Entries {
			entries++
			for _, l := range e.Links {
				if !fileOf(files, strings.TrimPrefix(l.Href, "https://register.example.org/")) {
					t.Errorf("%s: entry link %s points at no file", feed, l.Href)
				}
			}
		}
	}
	for _, k := range []string{"organisationen", "themen", "laender", "en/organisationen", "en/themen", "en/laender"} {
		if kinds[k] == 0 {
			t.Errorf("no %s pages with feeds", k)
		}
	}
	if entries == 0 {
		t.Error("group feeds have no entries")
	}
}
