package validate

import (
	"crypto/sha256"

	"maki/internal/register"
)

// Cache keeps the errors RegisterCached found per system, for a dev
// server that re-checks the register after every save.
type Cache struct {
	key     [sha256.Size]byte // date and id sets the results hold for
	systems map[*register.System]register.ErrorList
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{systems: map[*register.System]register.ErrorList{}} }

// reset empties the cache unless the date and every id a system may refer
// to are those of the last call, and drops systems no longer in r.
func (c *Cache) reset(today string, r *register.Register) {
	if c == nil {
		return
	}
	h := sha256.New()
	add := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	add(today)
	if r.Site != nil && r.Site.Editor != nil { // the plain-string hint (validator.editor)
		add("editor")
	}
	for _, o := range r.Organisations {
		add(o.ID)
		if o.ContactEmail == "" { // a system may leave its address out when its organisation has one
			add("")
		} else {
			add("@")
		}
	}
	add("")
	for _, t := range r.Topics {
		add(t.ID)
	}
	add("")
	for _, s := range r.Systems {
		add(s.ID)
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	if key != c.key {
		c.key = key
		clear(c.systems)
		return
	}
	if len(c.systems) > len(r.Systems) {
		keep := make(map[*register.System]bool, len(r.Systems))
		for _, s := range r.Systems {
			keep[s] = true
		}
		for s := range c.systems {
			if !keep[s] {
				delete(c.systems, s)
			}
		}
	}
}

func (c *Cache) get(s *register.System) (register.ErrorList, bool) {
	if c == nil {
		return nil, false
	}
	errs, ok := c.systems[s]
	return errs, ok
}

func (c *Cache) put(s *register.System, errs register.ErrorList) {
	if c != nil {
		c.systems[s] = errs
	}
}
