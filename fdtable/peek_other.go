//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package fdtable

import "context"

// canPeek is false: this system reads sockets with a buffer.
func (c *Channel) canPeek() bool { return false }

func (c *Channel) delimPeek(ctx context.Context, out []byte, d delimiter) ([]byte, error) {
	return c.delimBuffered(ctx, out, d)
}
