package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchRestrictedVendor: a restricted system (AI Act Art. 49(4)) is
// not found by its withheld vendor, neither by maki search nor in the
// built site, and the vendor appears in no file of the site.
func TestSearchRestrictedVendor(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	const id = "datentraeger-vorsortierung-polizei"
	file := filepath.Join(content, "systeme", id+".md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(src, []byte("\nrestricted: true\n")) {
		t.Fatalf("%s is no longer restricted; pick another restricted system", id)
	}
	src = bytes.Replace(src, []byte("\nrestricted: true\n"), []byte("\nvendor: Zylophonwerke Quastberg GmbH\nrestricted: true\n"), 1)
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}

	for _, q := range []string{"Zylophonwerke", "Quastberg", "zylophon"} {
		var out, errOut bytes.Buffer
		_ = run(context.Background(), []string{"search", "--content", content, q}, &out, &errOut)
		if strings.Contains(out.String(), id) {
			t.Errorf("maki search %s finds the restricted system by its withheld vendor:\n%s", q, out.String())
		}
	}
	// The open fields still find it.
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"search", "--content", content, "Vorsortierung"}, &out, &errOut); err != nil || !strings.Contains(out.String(), id) {
		t.Errorf("maki search Vorsortierung = %v, %q; want %s", err, out.String(), id)
	}

	public := filepath.Join(dir, "public")
	errOut.Reset()
	if err := run(context.Background(), []string{"build", "--quiet", "--content", content, "--theme", "../../themes/default", "--out", public}, &out, &errOut); err != nil {
		t.Fatalf("maki build: %v\n%s", err, errOut.String())
	}
	err = filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, w := range []string{"zylophon", "quastberg"} {
			if bytes.Contains(bytes.ToLower(data), []byte(w)) {
				t.Errorf("%s contains %q from the withheld vendor", p, w)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
