//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fdtable

import "context"

// acceptWait waits, while an external command holds the listening socket
// (which is then in blocking mode, so that accept(2) would block the
// thread where no deadline can reach it), until a connection is waiting,
// with poll(2) and the read slot's waker, so that ctx still ends the wait.
// The caller holds the read slot.
func (c *Channel) acceptWait(ctx context.Context) error {
	c.mu.Lock()
	held := c.children > 0
	c.mu.Unlock()
	if !held {
		return nil
	}
	_, err := c.pollWait(ctx, func() (int, error) { return 0, nil })
	return err
}
