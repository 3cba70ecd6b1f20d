package history

import (
	"context"
	"sync"

	"maki/internal/register"
)

// Current holds the systems a build loads from the working tree while the
// history is read, so that a system whose newest version is the file on
// disk starts from the system the build decoded (its newest version) and
// reads its older versions back from there, instead of decoding its first
// version in full: that would be loading the whole register a second time.
// The loader Adds from several goroutines; Done says it has ended.
type Current struct {
	mu    sync.Mutex
	files map[string]currentFile
	waits map[string]chan struct{}
	done  chan struct{}
	once  sync.Once
	// unused: the reading has ended (or failed, as without git): what is
	// added is dropped.
	unused bool
}

type currentFile struct {
	data []byte
	sys  *register.System
}

// NewCurrent returns an empty Current.
func NewCurrent() *Current {
	return &Current{files: map[string]currentFile{}, waits: map[string]chan struct{}{}, done: make(chan struct{})}
}

// Add records s, the system decoded from data (the file's text as decoded)
// at the content-relative path name. s is the history's from then on: the
// caller passes its own copy and does not change it.
func (c *Current) Add(name string, data []byte, s *register.System) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.unused {
		return
	}
	c.files[name] = currentFile{data: data, sys: s}
	if w := c.waits[name]; w != nil {
		close(w)
		delete(c.waits, name)
	}
}

// Done says that nothing more will be added. It may be called more than
// once.
func (c *Current) Done() { c.once.Do(func() { close(c.done) }) }

// get returns the file at name and forgets it, waiting until it is added,
// Done is called or ctx is done; ok is false when it was not added.
func (c *Current) get(ctx context.Context, name string) (data []byte, s *register.System, ok bool) {
	for {
		c.mu.Lock()
		if f, found := c.files[name]; found {
			delete(c.files, name) // each file starts one lineage
			c.mu.Unlock()
			return f.data, f.sys, true
		}
		w := c.waits[name]
		if w == nil {
			w = make(chan struct{})
			c.waits[name] = w
		}
		c.mu.Unlock()
		select {
		case <-w:
		case <-c.done:
			c.mu.Lock()
			f, found := c.files[name]
			c.mu.Unlock()
			return f.data, f.sys, found
		case <-ctx.Done():
			return nil, nil, false
		}
	}
}

// stop drops what was added and what will be: the reading has ended.
func (c *Current) stop() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.unused = true
	c.files = nil
}
