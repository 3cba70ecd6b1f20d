package load

import (
	"strings"
	"sync"

	"maki/internal/register"
)

// Cache keeps what RegisterCached parsed from each organisation and system
// file, so that a reload after an edit parses only the edited files. The
// caller says what changed with Forget; a file the cache still holds is
// not read again. It is safe for use by one RegisterCached at a time.
type Cache struct {
	mu    sync.Mutex
	files map[string]*parsed // content-relative slash path → its result
}

// parsed is the result of one entry file: its entry (none when it could
// not be read) and its errors.
type parsed struct {
	systems []*register.System
	orgs    []*register.Organisation
	errs    register.ErrorList
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]*parsed{}} }

// Forget drops the results of the named files (content-relative, slash
// separated, like "systeme/chatbot.yaml"); a name that is a directory
// drops every file below it. Unknown names are ignored.
func (c *Cache) Forget(names ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, name := range names {
		name = strings.TrimSuffix(name, "/")
		delete(c.files, name)
		prefix := name + "/"
		for f := range c.files {
			if strings.HasPrefix(f, prefix) || name == "." || name == "" {
				delete(c.files, f)
			}
		}
	}
}

// Len returns the number of files the cache holds.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.files)
}

func (c *Cache) get(name string) *parsed {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.files[name]
}

func (c *Cache) put(name string, p *parsed) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[name] = p
}
