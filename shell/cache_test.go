package shell

import (
	"errors"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPatternCache(t *testing.T) {
	var c patternCache[string, int]
	compiles := 0
	compile := func(v int) func() (int, error) {
		return func() (int, error) { compiles++; return v, nil }
	}
	v, err := c.get("a", compile(1))
	require.NoError(t, err)
	assert.Equal(t, 1, v)
	v, _ = c.get("a", compile(2))
	assert.Equal(t, 1, v, "a cached value is reused")
	assert.Equal(t, 1, compiles)

	_, err = c.get("bad", func() (int, error) { return 0, errors.New("no") })
	assert.EqualError(t, err, "no")
	v, err = c.get("bad", compile(3))
	require.NoError(t, err, "errors are not cached")
	assert.Equal(t, 3, v)

	for i := range maxCached + 10 {
		c.get("k"+strconv.Itoa(i), compile(i))
	}
	assert.LessOrEqual(t, c.n.Load(), int64(maxCached), "the cache stays bounded")
}
