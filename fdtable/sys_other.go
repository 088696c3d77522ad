//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package fdtable

import (
	"context"
	"io"
	"io/fs"
	"strings"
)

// pollSupported is false: reads cannot be interrupted on this system
// unless the object supports deadlines.
const pollSupported = false

// waker has nothing to do on this system, which does not poll.
type waker struct{}

func (w *waker) close() {}

func (c *Channel) pollRead(ctx context.Context, p []byte) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return c.rawRead(p)
}

// detectKind classifies a file-backed channel from its FileInfo.
func detectKind(c *Channel) Kind {
	if strings.EqualFold(c.file.Name(), "NUL") || c.file.Name() == "/dev/null" {
		return KindNull
	}
	st, err := c.file.Stat()
	if err != nil {
		return KindOther
	}
	m := st.Mode()
	switch {
	case m.IsRegular():
		return KindFile
	case m&fs.ModeNamedPipe != 0:
		return KindPipe
	case m&fs.ModeCharDevice != 0:
		return KindTTY
	}
	return KindOther
}

func sysInfo(c *Channel, in *Info) {
	if c.kind != KindFile || c.file == nil {
		return
	}
	if st, err := c.file.Stat(); err == nil {
		in.Size = st.Size()
	}
	if off, err := c.file.Seek(0, io.SeekCurrent); err == nil {
		in.Offset = off
	}
}

// Ready reports whether a read would not block: bytes are buffered, or the
// channel is a file or the null device. Other channels report false on
// this system.
func (c *Channel) Ready() bool {
	return c.Buffered() > 0 || c.kind == KindFile || c.kind == KindNull
}
