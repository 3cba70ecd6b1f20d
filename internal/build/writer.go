package build

import (
	"runtime"
	"sync"
)

// writeBehind writes the rendered pages on goroutines of its own, so that
// the renderer's workers — one per core — never wait in a system call:
// creating a file and its folder on ext4 blocks for 0.1–0.3 ms, and a
// worker blocked there left its core idle (the renderer has no other work
// to give it). Write copies the page into a pooled buffer and queues it;
// Wait waits for the queue to drain and returns the first error.
type writeBehind struct {
	write func(name string, data []byte) error
	queue chan page
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error
	bufs  sync.Pool
}

type page struct {
	name string
	data *[]byte
}

// newWriteBehind starts writers goroutines that pass each queued page to
// write. At most 2×writers pages wait in the queue, so the pages in
// memory at once stay few however fast the renderer is.
func newWriteBehind(write func(name string, data []byte) error, writers int) *writeBehind {
	w := &writeBehind{write: write, queue: make(chan page, 2*writers)}
	w.bufs.New = func() any { return new([]byte) }
	for range writers {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for p := range w.queue {
				if err := w.write(p.name, *p.data); err != nil {
					w.mu.Lock()
					if w.err == nil {
						w.err = err
					}
					w.mu.Unlock()
				}
				w.bufs.Put(p.data)
			}
		}()
	}
	return w
}

// writers is the number of goroutines that write the rendered pages: as
// many as cores, so that one in a system call on each core still leaves
// the renderer's workers a core each.
func writers() int { return runtime.GOMAXPROCS(0) }

// Write queues a copy of data for name (a render.Emit: data is the
// caller's again when Write returns). It returns the first error of an
// earlier write, so that rendering stops soon after a write fails.
func (w *writeBehind) Write(name string, data []byte) error {
	if err := w.firstErr(); err != nil {
		return err
	}
	b := w.bufs.Get().(*[]byte)
	*b = append((*b)[:0], data...)
	w.queue <- page{name, b}
	return nil
}

// Wait writes what is queued, stops the writers and returns the first
// error of any write. Write must not be called after Wait.
func (w *writeBehind) Wait() error {
	close(w.queue)
	w.wg.Wait()
	return w.firstErr()
}

func (w *writeBehind) firstErr() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}
