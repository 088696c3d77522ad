//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package fdtable

import "context"

// consumePeek is not used: canPeek is false on this system.
func (c *Channel) consumePeek(ctx context.Context, fn func([]byte) (int, bool)) error {
	return c.consumeBlocks(ctx, fn, bufferedChunk, func(rest []byte) { c.pushBack(rest, true) })
}
