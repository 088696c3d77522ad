//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fdtable

import (
	"context"
	"errors"
	"io"
	"os"
	"time"

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
// consume exactly up to it (caller holds the read slot).
func (c *Channel) delimPeek(ctx context.Context, out []byte, d delimiter) ([]byte, error) {
	size := peekFirst
	buf := make([]byte, peekMax)
	for {
		n, err := c.peekUnder(ctx, buf[:size])
		if n == 0 {
			if err == nil {
				err = io.EOF
			}
			c.note(err)
			return out, err
		}
		lim, done := d.cut(buf[:n], len(out))
		if !done && n == size && size < peekMax {
			size *= 2 // the delimiter may be further on: look again, wider
			continue
		}
		got, rerr := c.consume(buf[:lim])
		out = append(out, buf[:got]...)
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
		total += n
		c.bytesIn.Add(int64(n))
		if err != nil {
			c.note(err)
			return total, err
		}
	}
	return total, nil
}

// peekUnder waits until the socket is readable (honouring ctx and the read
// deadline, also while a child holds the socket in blocking mode) and
// peeks at up to len(p) queued bytes. n == 0 with a nil error is end of
// stream.
func (c *Channel) peekUnder(ctx context.Context, p []byte) (n int, err error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	c.mu.Lock()
	usePoll := c.children > 0
	c.mu.Unlock()
	if usePoll {
		return c.peekPoll(ctx, p)
	}
	var stop func() bool
	done := make(chan struct{})
	if ctx.Done() != nil {
		stop = context.AfterFunc(ctx, func() {
			defer close(done)
			c.setUnderlyingDeadline(aLongTimeAgo)
		})
	}
	var perr error
	rerr := c.raw.Read(func(fd uintptr) bool {
		for {
			n, _, perr = unix.Recvfrom(int(fd), p, unix.MSG_PEEK|unix.MSG_DONTWAIT)
			if perr != unix.EINTR {
				break
			}
		}
		return perr != unix.EAGAIN
	})
	if stop != nil && !stop() {
		<-done
		c.mu.Lock()
		c.setUnderlyingDeadline(c.rdeadline)
		c.mu.Unlock()
		if rerr != nil && errors.Is(rerr, os.ErrDeadlineExceeded) {
			return 0, ctx.Err()
		}
	}
	if rerr != nil {
		return 0, rerr
	}
	if perr != nil {
		return 0, os.NewSyscallError("recvfrom", perr)
	}
	return n, nil
}

// peekPoll is peekUnder for a socket in blocking mode: poll(2) on it and a
// wake-up pipe, then peek without waiting.
func (c *Channel) peekPoll(ctx context.Context, p []byte) (int, error) {
	wakeFD := -1
	if ctx.Done() != nil {
		wr, ww, err := os.Pipe()
		if err != nil {
			return 0, err
		}
		defer wr.Close()
		defer ww.Close()
		if rc, err := wr.SyscallConn(); err == nil {
			rc.Control(func(fd uintptr) { wakeFD = int(fd) })
		}
		stop := context.AfterFunc(ctx, func() { ww.Write([]byte{0}) })
		defer stop()
	}
	for {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		timeout := -1
		c.mu.Lock()
		dl := c.rdeadline
		c.mu.Unlock()
		if !dl.IsZero() {
			d := time.Until(dl)
			if d <= 0 {
				return 0, os.ErrDeadlineExceeded
			}
			timeout = int((d + time.Millisecond - 1) / time.Millisecond)
		}
		var n int
		var perr, cerr error
		again := true
		cerr = c.control(func(fd uintptr) {
			fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
			if wakeFD >= 0 {
				fds = append(fds, unix.PollFd{Fd: int32(wakeFD), Events: unix.POLLIN})
			}
			if _, err := unix.Poll(fds, timeout); err != nil && err != unix.EINTR {
				perr = os.NewSyscallError("poll", err)
				again = false
				return
			}
			if fds[0].Revents == 0 {
				return
			}
			for {
				n, _, perr = unix.Recvfrom(int(fd), p, unix.MSG_PEEK|unix.MSG_DONTWAIT)
				if perr != unix.EINTR {
					break
				}
			}
			switch {
			case perr == unix.EAGAIN:
				perr = nil
			case perr != nil:
				perr = os.NewSyscallError("recvfrom", perr)
				again = false
			default:
				again = false
			}
		})
		if cerr != nil {
			return 0, cerr
		}
		if !again {
			return n, perr
		}
	}
}
