package export

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync/atomic"
	"testing"
)

// TestParallelFirstError: every step runs, and the error returned is the
// one of the first failing step in the list, whichever failed first in
// time.
func TestParallelFirstError(t *testing.T) {
	for _, procs := range []int{1, 2, 8} {
		t.Run(fmt.Sprint(procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			var ran atomic.Int64
			step := func(err error) func(*sink) error {
				return func(*sink) error { ran.Add(1); return err }
			}
			errA, errB := errors.New("a"), errors.New("b")
			steps := []func(*sink) error{step(nil), step(errA), step(nil), step(errB), step(nil)}
			err := parallel(steps, &sink{sizes: map[string]int{}})
			if err != errA {
				t.Errorf("parallel = %v; want %v", err, errA)
			}
			if n := ran.Load(); n != int64(len(steps)) {
				t.Errorf("%d steps ran; want %d", n, len(steps))
			}
		})
	}
}

// TestWriteSameOnAnyCores: the exports are the same bytes whether their
// formats are made one after the other or at the same time, and each file
// is written once.
func TestWriteSameOnAnyCores(t *testing.T) {
	files := func(procs int) map[string][]byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		w := &countingWriter{files: map[string][]byte{}, writes: map[string]int{}}
		if err := Write(fixtureRegister(), fixtureConfig(), FuncWriter(w.write)); err != nil {
			t.Fatal(err)
		}
		for name, n := range w.writes {
			if n != 1 {
				t.Errorf("%d cores: %s written %d times; want once", procs, name, n)
			}
		}
		return w.files
	}
	one, many := files(1), files(4)
	var names []string
	for name := range one {
		names = append(names, name)
	}
	sort.Strings(names)
	if len(one) != len(many) {
		t.Errorf("%d files on one core, %d on four", len(one), len(many))
	}
	for _, name := range names {
		if !bytes.Equal(one[name], many[name]) {
			t.Errorf("%s differs between one core and four", name)
		}
	}
	// The catalogue is made after the files it describes: it gives their sizes.
	for _, name := range []string{"daten/register.json", "daten/register.csv", "daten/register.xlsx"} {
		size := fmt.Sprintf(">%d</dcat:byteSize>", len(many[name]))
		if !bytes.Contains(many["daten/catalog.rdf"], []byte(size)) {
			t.Errorf("daten/catalog.rdf lacks the size of %s (%s)", name, size)
		}
	}
}

type countingWriter struct {
	files  map[string][]byte
	writes map[string]int
}

func (w *countingWriter) write(name string, data []byte) error {
	w.files[name] = bytes.Clone(data)
	w.writes[name]++
	return nil
}
