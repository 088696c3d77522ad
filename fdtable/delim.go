package fdtable

import (
	"bytes"
	"context"
	"slices"
)

// Sizes of the reads ReadDelim makes.
const (
	bufferedChunk = 64 * 1024 // owned channels: one big read, leftovers buffered
	seekBlock     = 4 * 1024  // non-owned seekable files: block, then seek back
)

// ReadDelim reads up to and including delim, or max bytes if max > 0,
// whichever comes first, or up to end of file (then it returns what it
// read with io.EOF; on any other error also what was read with the error).
// The returned slice belongs to the caller.
//
// It consumes from the open description exactly what it returns, so that
// whoever reads next (a builtin, or an external command sharing the
// description) starts right after it. As bash does:
//   - owned TCP sockets peek (MSG_PEEK) and consume exactly what they
//     return, so nothing is left buffered (see delimPeek); what a peek
//     showed past the line is remembered (not consumed), so that the next
//     line, if it is all there, costs one read and no peek (peekCache);
//     read -N (noDelim with max) needs no peek at all;
//   - other owned channels read one big block into the channel's buffer; what is
//     left there is returned first by the next read of any kind (Read,
//     ReadDelim, WriteTo, ChildFile);
//   - non-owned seekable files (regular files) read a block and seek back
//     to just after the returned bytes;
//   - other non-owned channels (pipes, terminals, sockets) read one byte
//     per read(2).
func (c *Channel) ReadDelim(delim byte, max int) ([]byte, error) {
	return c.ReadDelimContext(context.Background(), delim, max, false)
}

// ReadDelimContext is ReadDelim that gives up soon after ctx is done. It
// then returns what it had consumed so far together with ctx.Err() (bash's
// read -t keeps partial input too). With noDelim the delimiter is ignored:
// it reads max bytes (read -N), or up to EOF if max <= 0.
func (c *Channel) ReadDelimContext(ctx context.Context, delim byte, max int, noDelim bool) ([]byte, error) {
	if err := c.lockRead(ctx); err != nil {
		return nil, err
	}
	defer c.unlockRead()
	d := delimiter{b: delim, none: noDelim, max: max}
	out, done := c.takeUntil(d)
	if done {
		return out, nil
	}
	switch {
	case c.kind == KindBound:
		return c.delimDatagram(ctx, out, d)
	case c.owned && c.canPeek():
		return c.delimPeek(ctx, out, d)
	case c.owned:
		return c.delimBuffered(ctx, out, d)
	case c.seekable():
		return c.delimSeek(ctx, out, d)
	default:
		return c.delimBytewise(ctx, out, d)
	}
}

// delimiter says where a ReadDelim stops.
type delimiter struct {
	b    byte
	none bool // ignore b
	max  int  // stop after max bytes if > 0
}

// cut returns how much of data to take after already having n bytes, and
// whether that completes the request.
func (d delimiter) cut(data []byte, n int) (int, bool) {
	lim, done := len(data), false
	if d.max > 0 && d.max-n <= lim {
		lim, done = d.max-n, true
	}
	if !d.none {
		if i := bytes.IndexByte(data[:lim], d.b); i >= 0 {
			lim, done = i+1, true
		}
	}
	return lim, done
}

// takeUntil removes from the buffer the bytes up to and including the
// delimiter, or up to max bytes; done reports that either was reached.
func (c *Channel) takeUntil(d delimiter) (out []byte, done bool) {
	c.bmu.Lock()
	defer c.bmu.Unlock()
	lim, done := d.cut(c.buf, 0)
	out = append([]byte(nil), c.buf[:lim]...)
	c.buf = c.buf[lim:]
	if len(c.buf) == 0 {
		c.buf = nil
	}
	return out, done
}

// delimBuffered reads big blocks and keeps what follows the delimiter in
// the buffer (which takeUntil has emptied).
func (c *Channel) delimBuffered(ctx context.Context, out []byte, d delimiter) ([]byte, error) {
	chunk := make([]byte, bufferedChunk)
	for {
		n, err := c.readUnder(ctx, chunk)
		if n > 0 {
			lim, done := d.cut(chunk[:n], len(out))
			out = append(out, chunk[:lim]...)
			if done {
				c.pushBack(chunk[lim:n], true) // chunk is ours: no copy
				return out, nil
			}
		}
		if err != nil {
			return out, err
		}
	}
}

func (c *Channel) seekable() bool {
	if c.kind != KindFile || c.file == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.noSeek
}

// delimSeek reads a block straight into out's spare capacity and seeks
// back over what follows the delimiter: one read and one lseek per line,
// as bash does.
func (c *Channel) delimSeek(ctx context.Context, out []byte, d delimiter) ([]byte, error) {
	for {
		have, want := len(out), seekBlock
		if d.max > 0 {
			want = min(want, d.max-have)
		}
		out = slices.Grow(out, want)
		block := out[have : have+want]
		n, err := c.readUnder(ctx, block)
		lim, done := d.cut(block[:n], have)
		out = out[:have+lim]
		if lim < n {
			c.seekBack(block[lim:n])
		}
		if n > 0 && done {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}

func (c *Channel) delimBytewise(ctx context.Context, out []byte, d delimiter) ([]byte, error) {
	var b [1]byte
	for {
		n, err := c.readUnder(ctx, b[:])
		if n == 1 {
			out = append(out, b[0])
			if _, done := d.cut(b[:], len(out)-1); done {
				return out, nil
			}
		}
		if err != nil {
			return out, err
		}
	}
}

// peekCache holds what a peek of a stream socket showed past the line
// ReadDelim then consumed. Those bytes stay at the front of the kernel's
// receive queue as long as nobody else reads it: this channel's other
// reads all count BytesIn, and an external command can only get the
// description through childDup, which bumps peekGen. So the next line can
// be found in the cache and consumed with one read, without a peek; the
// read's bytes are compared with the cache all the same (peek_unix.go).
// Only the holder of the read slot touches it.
type peekCache struct {
	data []byte // the cached bytes
	in   int64  // c.bytesIn when data was the front of the queue
	gen  uint64 // c.peekGen then
	off  bool   // a read once disagreed with the cache: no more caching

	// Counts of system calls on the line-reading paths, for tests.
	peeks, reads int
}
