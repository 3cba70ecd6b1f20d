package scenario

import (
	"io/fs"
	"testing"

	"golang.org/x/tools/txtar"
)

func TestOverlay(t *testing.T) {
	base := txtar.Parse([]byte("-- a --\nA\n-- b --\nB\n-- c --\nC\n"))
	a := txtar.Parse([]byte("-- b --\nB2\n-- d --\nD\n-- base.remove --\nc\n-- want.errors --\nx:1:1: bad\n-- want.other --\nignored\n"))
	fsys, want, err := Overlay(base, a)
	if err != nil {
		t.Fatal(err)
	}
	if want != "x:1:1: bad\n" {
		t.Errorf("want = %q", want)
	}
	for name, data := range map[string]string{"a": "A\n", "b": "B2\n", "d": "D\n"} {
		if got, err := fs.ReadFile(fsys, name); err != nil || string(got) != data {
			t.Errorf("%s = %q, %v; want %q", name, got, err, data)
		}
	}
	for _, name := range []string{"c", "base.remove", "want.errors", "want.other"} {
		if _, err := fs.Stat(fsys, name); err == nil {
			t.Errorf("%s is in the overlay; want it gone", name)
		}
	}
}
