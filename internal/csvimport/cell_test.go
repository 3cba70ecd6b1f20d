package csvimport

import (
	"testing"

	"maki/internal/export"
)

// TestCellValue checks that the import takes off exactly the quote that
// export.CellValue takes off (the two sit in separate stages).
func TestCellValue(t *testing.T) {
	for _, cell := range []string{
		"'=a", "'+a", "'-a", "'@a", "'\ta", "'\ra", "''a", "'''a", "'a", "'s-Hertogenbosch",
		"'", "''", "", "a", "=a", "-", "'\n=a",
	} {
		if got, want := cellValue(cell), export.CellValue(cell); got != want {
			t.Errorf("cellValue(%q) = %q; want %q as export.CellValue", cell, got, want)
		}
	}
}
