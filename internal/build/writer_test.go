package build

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

// TestWriteBehind: every page reaches the writer with the bytes it had
// when Write returned, although the caller reuses its buffer at once, from
// several goroutines; Wait returns only after the last write.
func TestWriteBehind(t *testing.T) {
	var mu sync.Mutex
	got := map[string]string{}
	w := newWriteBehind(func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := got[name]; dup {
			return fmt.Errorf("%s written twice", name)
		}
		got[name] = string(data)
		return nil
	}, 3)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 0, 64)
			for i := range 500 {
				buf = fmt.Appendf(buf[:0], "page %d of %d", i, g)
				if err := w.Write(fmt.Sprintf("%d/%d.html", g, i), buf); err != nil {
					t.Error(err)
				}
				clear(buf) // the caller's again
			}
		}()
	}
	wg.Wait()
	if err := w.Wait(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 4*500 {
		t.Fatalf("%d pages written; want %d", len(got), 4*500)
	}
	for g := range 4 {
		for i := range 500 {
			name, want := fmt.Sprintf("%d/%d.html", g, i), fmt.Sprintf("page %d of %d", i, g)
			if got[name] != want {
				t.Errorf("%s = %q; want %q", name, got[name], want)
			}
		}
	}
}

// TestWriteBehindError: a failed write is Wait's error, and the Writes
// after it return it, so that the renderer stops.
func TestWriteBehindError(t *testing.T) {
	full := errors.New("no space left on device")
	w := newWriteBehind(func(name string, data []byte) error {
		if name == "b" {
			return full
		}
		return nil
	}, 1)
	for _, name := range []string{"a", "b"} {
		if err := w.Write(name, []byte(name)); err != nil {
			t.Fatalf("Write(%s) = %v; want nil (queued)", name, err)
		}
	}
	var err error
	for i := 0; i < 1000000 && err == nil; i++ { // the writer gets to b eventually
		err = w.Write("c", nil)
	}
	if !errors.Is(err, full) {
		t.Errorf("Write after the failure = %v; want %v", err, full)
	}
	if err := w.Wait(); !errors.Is(err, full) {
		t.Errorf("Wait = %v; want %v", err, full)
	}
}
