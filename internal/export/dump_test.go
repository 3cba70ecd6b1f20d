package export

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDump(t *testing.T) {
	dir := os.Getenv("MAKI_DUMP")
	if dir == "" {
		t.Skip("set MAKI_DUMP=dir to write the fixture exports there")
	}
	files, err := Files(fixtureRegister(), fixtureConfig())
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), b, 0o644)
	}
}
