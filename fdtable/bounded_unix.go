//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fdtable

import (
	"context"
	"io"
)

// consumePeek is Consume on a stream socket: peek, let fn choose, read
// exactly what it used (caller holds the read slot).
func (c *Channel) consumePeek(ctx context.Context, fn func([]byte) (int, bool)) error {
	win := make([]byte, bufferedChunk)
	for {
		n, err := c.peekIdle(ctx, win) // under the idle timeout (idle.go)
		if err == errIdle {
			c.traceRead(nil, err)
			return nil // as at end of input, but not noted
		}
		if n == 0 && err == nil {
			err = io.EOF
		}
		if err != nil {
			c.note(err)
			c.traceRead(nil, err) // as delimPeek does
			if err == io.EOF {
				return nil
			}
			return err
		}
		used, done := fn(win[:n])
		if used > 0 {
			if _, err := c.consume(win[:used]); err != nil {
				return err
			}
		}
		if used < n || done {
			return nil
		}
	}
}
