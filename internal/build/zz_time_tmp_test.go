package build

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestZZTime(t *testing.T) {
	dir := os.Getenv("ZZ_DIR")
	if dir == "" {
		t.Skip()
	}
	cfg := benchConfig(dir, "")
	cfg.History = true
	start := time.Now()
	reg, errs := Check(context.Background(), cfg)
	if errs.Err() != nil {
		t.Fatal(errs.Err())
	}
	t.Logf("check %v", time.Since(start))
	start = time.Now()
	if _, err := readHistory(context.Background(), cfg, reg); err != nil {
		t.Fatal(err)
	}
	t.Logf("history %v", time.Since(start))
}
