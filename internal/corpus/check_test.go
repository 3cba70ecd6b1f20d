package corpus_test

import (
	"context"
	"testing"
	"time"

	"maki/internal/build"
	"maki/internal/corpus"
)

// TestChecks generates a corpus and runs "maki check" over it: the
// generated content must have no errors and no warnings.
func TestChecks(t *testing.T) {
	for _, seed := range []int64{1, 2} {
		dir := t.TempDir()
		if err := corpus.Write(dir, 300, seed); err != nil {
			t.Fatal(err)
		}
		reg, errs := build.Check(context.Background(), build.Config{Content: dir, Now: time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)})
		for i, e := range errs {
			if i == 20 {
				t.Errorf("(and %d more)", len(errs)-20)
				break
			}
			t.Errorf("seed %d: %v", seed, e)
		}
		if got := len(reg.Systems); got != 300 {
			t.Errorf("seed %d: loaded %d systems; want 300", seed, got)
		}
	}
}
