//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fdtable

import (
	"bytes"
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
// read overwrites them with the same bytes. What the peek showed past the
// line is kept in the peek cache: a following line found whole there
// costs a single read (readCached). read -N needs no peek (delimExact).
func (c *Channel) delimPeek(ctx context.Context, out []byte, d delimiter) ([]byte, error) {
	if d.none && d.max > 0 {
		return c.delimExact(ctx, out, d)
	}
	size := peekFirst
	for {
		have := len(out)
		if cached := c.cachedPeek(); len(cached) > 0 {
			if err := ctx.Err(); err != nil {
				return out, err // as a peek would
			}
			if lim, done := d.cut(cached, have); done {
				var n int
				var hit bool
				var err error
				out, n, hit, err = c.readCached(out, lim)
				if hit || err != nil {
					return out, err
				}
				if n > 0 {
					// The cache was stale and the read took other bytes:
					// they are input all the same.
					if out, done = c.cutFresh(out, have, n, d); done {
						return out, nil
					}
					continue
				}
			}
			c.pc.data = c.pc.data[:0] // no whole line there: peek afresh
		}
		gen, cacheable := c.peekState()
		if d.max > 0 {
			size = min(size, d.max-have)
		}
		out = slices.Grow(out, size)
		win := out[have : have+size]
		c.pc.peeks++
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
			if cacheable && lim < n {
				c.fillPeek(win[lim:n], gen)
			}
			return out, nil
		}
		size = peekFirst
	}
}

// delimExact is ReadDelim without a delimiter and with a count (read -N)
// on a stream socket: every byte up to the count is wanted, so reads of at
// most the missing count consume exactly what they return, and no peek is
// needed. Bytes the peek cache shows queued are read without waiting.
func (c *Channel) delimExact(ctx context.Context, out []byte, d delimiter) ([]byte, error) {
	for {
		have := len(out)
		want := d.max - have
		if cached := c.cachedPeek(); len(cached) >= want {
			if err := ctx.Err(); err != nil {
				return out, err // as a read would
			}
			var n int
			var hit bool
			var err error
			out, n, hit, err = c.readCached(out, want)
			if hit || err != nil || n == want {
				return out, err
			}
			if n > 0 {
				continue // the cache was stale, but the bytes are input
			}
		}
		c.pc.data = c.pc.data[:0]
		want = min(want, peekMax)
		out = slices.Grow(out, want)
		c.pc.reads++
		n, err := c.readUnder(ctx, out[have:have+want])
		out = out[:have+n]
		if err != nil || len(out) == d.max {
			return out, err
		}
	}
}

// cutFresh handles n bytes just read into out after its first have bytes
// as new input: it keeps them up to where d stops, and pushes the rest
// back to the channel's buffer (where the next read of any kind finds
// it).
func (c *Channel) cutFresh(out []byte, have, n int, d delimiter) ([]byte, bool) {
	lim, done := d.cut(out[have:have+n], have)
	if lim < n {
		c.Unread(out[have+lim : have+n])
	}
	return out[:have+lim], done
}

// peekState reports the generation a cache filled now must carry, and
// whether the cache may be used at all: no external command holds the
// description, no bridge reads it, the read half is open.
func (c *Channel) peekState() (gen uint64, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.peekGen, c.children == 0 && c.bridges == 0 && c.shut&Read == 0 && !c.closed && !c.pc.off
}

// cachedPeek returns the cached peeked bytes if they are still the front
// of the receive queue: nothing was read since (BytesIn unchanged) and no
// child has taken the description (peekGen unchanged). Otherwise it drops
// them.
func (c *Channel) cachedPeek() []byte {
	if len(c.pc.data) == 0 {
		return nil
	}
	gen, ok := c.peekState()
	if !ok || gen != c.pc.gen || c.bytesIn.Load() != c.pc.in {
		c.pc.data = c.pc.data[:0]
		return nil
	}
	return c.pc.data
}

// fillPeek caches rest, what a peek showed past the bytes just consumed.
func (c *Channel) fillPeek(rest []byte, gen uint64) {
	if cap(c.pc.data) > peekCacheKeep && len(rest) <= peekCacheKeep {
		c.pc.data = nil // do not hold a big window for small lines
	}
	c.pc.data = append(c.pc.data[:0], rest...)
	c.pc.gen, c.pc.in = gen, c.bytesIn.Load()
}

// peekCacheKeep bounds the cache's capacity kept after a long line.
const peekCacheKeep = 4 * 1024

// readCached consumes want bytes that the peek cache holds, with one
// read that does not wait, into out's spare capacity. hit says they were
// the cached bytes (the cache then loses them). Otherwise the cache was
// stale and is dropped for good: n bytes were read (out includes them;
// the caller treats them as new input) or none (n == 0; the caller peeks
// as usual). A read error is returned with the bytes read before it.
func (c *Channel) readCached(out []byte, want int) (_ []byte, n int, hit bool, err error) {
	have := len(out)
	out = slices.Grow(out, want)
	p := out[have : have+want]
	c.pc.reads++
	if n, err = c.recvNow(p, 0); err == unix.EAGAIN {
		err = nil // nothing queued: the cache lied
	}
	out = out[:have+n]
	c.traceRead(p[:n], err)
	c.bytesIn.Add(int64(n))
	if err != nil {
		c.pc.data = c.pc.data[:0]
		c.note(err)
		return out, n, false, err
	}
	if n == want && bytes.Equal(p, c.pc.data[:want]) {
		c.pc.data = c.pc.data[:copy(c.pc.data, c.pc.data[want:])]
		c.pc.in = c.bytesIn.Load()
		return out, n, true, nil
	}
	// Someone read the queue behind our back (a grandchild that outlived
	// its command?): stop trusting peeks on this channel.
	c.pc.data = c.pc.data[:0]
	c.pc.off = true
	// n == 0 is end of stream where the cache had bytes: the peek will say.
	return out, n, false, nil
}

// consume reads len(p) bytes that a peek has shown to be queued.
func (c *Channel) consume(p []byte) (int, error) {
	total := 0
	for total < len(p) {
		c.pc.reads++
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
	for {
		n, kicked, err := c.peekTry(ctx, p)
		if !kicked {
			return n, err
		}
	}
}

// peekTry is one try of peekUnder. The wait in the runtime's poller is
// registered as a direct read (blockmode.go): the peek itself never
// blocks (MSG_DONTWAIT), but a child's kick ends the wait, and then
// kicked is true and the caller tries again.
func (c *Channel) peekTry(ctx context.Context, p []byte) (n int, kicked bool, err error) {
	if err := ctx.Err(); err != nil {
		return 0, false, err
	}
	c.mu.Lock()
	gen, direct := c.beginDirectLocked(false)
	noDeadline := c.rdeadline.IsZero()
	c.mu.Unlock()
	if !direct {
		n, err = c.pollWait(ctx, func() (int, error) { return c.recvNow(p, unix.MSG_PEEK) })
		return n, false, err
	}
	n, err = c.peekDirect(ctx, p, noDeadline)
	kicked = c.endDirect(gen, false, err)
	return n, kicked, err
}

// peekDirect waits in the runtime's poller (ctx and the read deadline
// interrupt it) and peeks.
func (c *Channel) peekDirect(ctx context.Context, p []byte, noDeadline bool) (int, error) {
	// Input already queued needs no interrupt hook (a context.AfterFunc
	// and a channel per call): look once without waiting. With a read
	// deadline set, the runtime's deadline check comes first, as before.
	if noDeadline {
		if n, err := c.recvNow(p, unix.MSG_PEEK); err != unix.EAGAIN {
			return n, err
		}
	}
	if directHook != nil {
		directHook(c)
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
