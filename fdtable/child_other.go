//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package fdtable

import (
	"errors"
	"os"
	"sync"
)

// ChildFile returns a real *os.File to give an external command at this
// channel's number; call release after the command has exited. On this
// system only file-backed channels are supported: the channel's own file
// is handed out (after seeking a regular file back to its logical offset);
// sockets and channels with unread buffered input give an error. The
// channel keeps an extra reference until release.
func (c *Channel) ChildFile() (f *os.File, release func(), err error) {
	if c.file == nil || c.kind == KindFile && !c.syncOffset() || c.Buffered() > 0 {
		return nil, nil, c.pathError("dup", errors.ErrUnsupported)
	}
	if !c.tryRef() {
		return nil, nil, c.pathError("dup", os.ErrClosed)
	}
	return c.file, sync.OnceFunc(c.Release), nil
}
