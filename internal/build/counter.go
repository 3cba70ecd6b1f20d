package build

import "sync/atomic"

type counter struct{ v atomic.Int64 }

func (c *counter) add()   { c.v.Add(1) }
func (c *counter) n() int { return int(c.v.Load()) }
