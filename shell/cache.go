package shell

import (
	"sync"
	"sync/atomic"
)

// maxCached bounds each compiled-pattern cache: when it is reached the
// cache starts over, so that a long-running script that keeps making new
// patterns cannot grow it without limit.
const maxCached = 1024

// patternCache memoizes compiled patterns (globs, =~ expressions,
// parameter-expansion matchers). It is safe for concurrent use by the
// goroutines of pipelines and background jobs.
type patternCache[K comparable, V any] struct {
	m sync.Map
	n atomic.Int64
}

// get returns the value cached for k, compiling and storing it first if
// needed. Errors are not cached.
func (c *patternCache[K, V]) get(k K, compile func() (V, error)) (V, error) {
	if v, ok := c.m.Load(k); ok {
		return v.(V), nil
	}
	v, err := compile()
	if err != nil {
		return v, err
	}
	if c.n.Add(1) > maxCached {
		c.m.Clear()
		c.n.Store(1)
	}
	c.m.Store(k, v)
	return v, nil
}
