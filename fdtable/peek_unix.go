//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fdtable

import (
	"context"
	"io"
	"os"
	"slices"

	"golang.org/x/sys/unix"
)

// First and largest peek sizes of delimPeek: a short line costs one small
// peek, a long one doubles the window until the delimiter shows up.
const (
	peekFirst = 512
	peekMax   = bufferedChunk
)

// canPeek says ReadDelim can look at a stream socket's queue with
// MSG_PEEK and then consume exactly what it returns, as bash's byte-wise
// read does, so that nothing is left in the channel's buffer for the next
// reader (an external command then gets the real socket, not a bridge).
func (c *Channel) canPeek() bool { return c.kind == KindTCP && c.raw != nil }

// delimPeek is ReadDelim on a stream socket: peek, find the delimiter,
// consume exactly up to it (caller holds the read slot). A line that fits
// the first peek costs two system calls, one recvfrom(MSG_PEEK) and one
// read. The peeks go straight into out's spare capacity, and the consuming
// read overwrites them with the same bytes.
func (c *Channel) delimPeek(ctx context.Context, out []byte, d delimiter) ([]byte, error) {
	size := peekFirst
	for {
		have := len(out)
		if d.max > 0 {
			size = min(size, d.max-have)
		}
		out = slices.Grow(out, size)
		win := out[have : have+size]
		n, err := c.peekIdle(ctx, win)
		if err == errIdle {
			c.traceRead(nil, err)
			return out, io.EOF // the idle timeout: as at EOF, but not noted
		}
		if n == 0 {
			if err == nil {
				err = io.EOF
			}
			c.note(err)
			c.traceRead(nil, err)
			return out, err
		}
		lim, done := d.cut(win[:n], have)
		if !done && n == size && size < peekMax {
			size *= 2 // the delimiter may be further on: look again, wider
			continue
		}
		got, rerr := c.consume(win[:lim])
		out = out[:have+got]
		if rerr != nil {
			return out, rerr
		}
		if done {
			return out, nil
		}
		size = peekFirst
	}
}

// consume reads len(p) bytes that a peek has shown to be queued.
func (c *Channel) consume(p []byte) (int, error) {
	total := 0
	for total < len(p) {
		n, err := c.rawRead(p[total:])
		c.traceRead(p[total:total+n], err)
		total += n
		c.bytesIn.Add(int64(n))
		if err != nil {
			c.note(err)
			return total, err
		}
	}
	return total, nil
}

// peekIdle is peekUnder under the channel's idle timeout, which ends it
// with errIdle.
func (c *Channel) peekIdle(ctx context.Context, p []byte) (int, error) {
	if idle := c.idleFor(); idle > 0 {
		return c.idleRead(ctx, idle, func(ctx context.Context) (int, error) { return c.peekUnder(ctx, p) })
	}
	return c.peekUnder(ctx, p)
}

// peekUnder waits until the socket is readable (honouring ctx and the read
// deadline, also while a child holds the socket in blocking mode) and
// peeks at up to len(p) queued bytes. n == 0 with a nil error is end of
// stream.
func (c *Channel) peekUnder(ctx context.Context, p []byte) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	c.mu.Lock()
	blocking := c.children > 0
	noDeadline := c.rdeadline.IsZero()
	c.mu.Unlock()
	if blocking {
		return c.pollWait(ctx, func() (int, error) { return c.peekNoWait(p) })
	}
	// Input already queued needs no interrupt hook (a context.AfterFunc
	// and a channel per call): look once without waiting. With a read
	// deadline set, the runtime's deadline check comes first, as before.
	if noDeadline {
		if n, err := c.peekNoWait(p); err != unix.EAGAIN {
			return n, err
		}
	}
	var n int
	var perr error
	finish := c.interruptOn(ctx)
	rerr := c.raw.Read(func(fd uintptr) bool {
		n, perr = recvNoWait(fd, p, unix.MSG_PEEK)
		return perr != unix.EAGAIN
	})
	if rerr = finish(rerr); rerr != nil {
		return 0, rerr
	}
	if perr != nil {
		return 0, c.pathError("read", os.NewSyscallError("recvfrom", perr))
	}
	return n, nil
}

// peekNoWait peeks at the queued bytes without waiting; the error is a
// bare EAGAIN when nothing is queued.
func (c *Channel) peekNoWait(p []byte) (int, error) {
	var n int
	var err error
	if cerr := c.control(func(fd uintptr) { n, err = recvNoWait(fd, p, unix.MSG_PEEK) }); cerr != nil {
		return 0, c.pathError("read", cerr)
	}
	switch {
	case err == unix.EAGAIN:
		return 0, err
	case err != nil:
		return 0, c.pathError("read", os.NewSyscallError("recvfrom", err))
	}
	return n, nil
}
