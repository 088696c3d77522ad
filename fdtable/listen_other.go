//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package fdtable

import "context"

// acceptWait has nothing to do on this system: descriptors handed to
// children keep their mode, and Accept's deadline works.
func (c *Channel) acceptWait(ctx context.Context) error { return nil }
