package fdtable

import (
	"context"
	"io"
	"os"
	"syscall"
)

// Block sizes of Consume and WriteToN.
const (
	consumeSeekBlock = 8 * 1024        // non-owned regular files (GNU head's block)
	boundedChunk     = 4 * 1024 * 1024 // one zero-copy step from a source that cannot be interrupted
	deviceBlock      = 256 * 1024      // read-and-write block for devices
	slowCopyBlock    = 64 * 1024       // read-and-write copies
)

// Consume reads the channel and hands what it reads to fn, block by
// block, until fn reports done, end of input (Consume then returns nil),
// or a read error (returned after fn has seen the bytes read before it).
// fn returns how many bytes at the front of block it used; using fewer
// than all of them also ends Consume. block is valid only during the call.
//
// Only the used bytes leave the open description; the rest is given back
// so that the next reader, builtin or external command, starts right
// after them. Bytes the channel holds in its buffer are handed over
// first. Then, as ReadDelim does:
//   - owned TCP sockets are peeked (MSG_PEEK) and only the used bytes are
//     read;
//   - other owned channels read big blocks and keep the unused bytes in
//     the channel's buffer;
//   - non-owned regular files read blocks and seek back over the unused
//     bytes;
//   - other non-owned channels (pipes, terminals, sockets) are read one
//     byte per read(2).
func (c *Channel) Consume(ctx context.Context, fn func(block []byte) (used int, done bool)) error {
	if err := c.lockRead(ctx); err != nil {
		return err
	}
	defer c.unlockRead()
	if b := c.takeBuf(-1); len(b) > 0 {
		used, done := fn(b)
		if used < len(b) {
			c.pushBack(b[used:], true) // takeBuf's slice is ours alone
			return nil
		}
		if done {
			return nil
		}
	}
	switch {
	case c.owned && c.canPeek():
		return c.consumePeek(ctx, fn)
	case c.owned:
		return c.consumeBlocks(ctx, fn, bufferedChunk, func(rest []byte) { c.pushBack(rest, true) })
	case c.seekable():
		return c.consumeBlocks(ctx, fn, consumeSeekBlock, c.seekBack)
	default:
		return c.consumeBlocks(ctx, fn, 1, nil)
	}
}

// consumeBlocks reads blocks of size bytes and gives the unused part of
// the last one to giveBack (caller holds the read slot).
func (c *Channel) consumeBlocks(ctx context.Context, fn func([]byte) (int, bool), size int, giveBack func([]byte)) error {
	block := make([]byte, size)
	for {
		n, err := c.readUnder(ctx, block)
		if n > 0 {
			used, done := fn(block[:n])
			if used < n {
				giveBack(block[used:n])
				return nil
			}
			if done {
				return nil
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// seekBack moves a non-owned file's offset back over rest, or buffers
// rest if the file cannot seek.
func (c *Channel) seekBack(rest []byte) {
	if _, err := c.file.Seek(-int64(len(rest)), io.SeekCurrent); err != nil {
		c.mu.Lock()
		c.noSeek = true
		c.mu.Unlock()
		c.Unread(rest)
		return
	}
	c.bytesIn.Add(-int64(len(rest)))
}

// WriteToN copies up to n bytes of the channel to w and consumes exactly
// what it copies: the next reader starts right after them. It stops early
// at end of input, returning a nil error. Buffered bytes go first; then
// the kernel's zero-copy paths are kept: io.Copy from the underlying file
// or socket through an io.LimitedReader, which *os.File's and
// *net.TCPConn's ReadFrom see through (copy_file_range, splice,
// sendfile); when w is a *Channel its underlying object is written.
// Devices other than the null device (/dev/zero, /dev/urandom) are copied
// with big reads and writes instead, which is faster for them. It gives
// up with ctx.Err() soon after ctx is done (from a source that never
// blocks, between steps).
func (c *Channel) WriteToN(ctx context.Context, w io.Writer, n int64) (int64, error) {
	if n <= 0 {
		return 0, nil
	}
	if err := c.lockRead(ctx); err != nil {
		return 0, err
	}
	defer c.unlockRead()
	total, err := c.writeBuffered(w, int(min(n, int64(maxInt))))
	if err != nil || total == n {
		return total, err
	}
	dstCh, _ := w.(*Channel)
	dst := copyTarget(w, dstCh)
	inspected, interruptible, gen := c.beginCopy(ctx, dstCh) // interruptible: see blockmode.go
	var m int64
	switch {
	case inspected:
		// An idle timeout or a trace (idle.go, trace.go) needs the
		// channels' own reads and writes.
		m, err = c.slowCopyN(ctx, w, n-total)
		return total + m, err
	case ctx.Done() == nil || interruptible:
		finish := c.interruptOn(ctx)
		m, err = c.limitedCopy(dst, n-total)
		err = finish(err)
		if interruptible && c.endDirect(gen, true, err) {
			// A child made the description blocking meanwhile: go on
			// with poll(2).
			total += m
			if dstCh != nil {
				dstCh.bytesOut.Add(m)
			}
			k, err := c.slowCopyN(ctx, w, n-total)
			return total + k, err
		}
	case c.kind == KindOther:
		// Devices such as /dev/zero: sendfile would make them fill fresh
		// pages through a pipe; big reads and writes are faster.
		m, err = c.blockCopyN(ctx, dst, n-total)
	case c.kind == KindFile || c.kind == KindNull:
		// Reads never block: copy in steps, looking at ctx in between.
		for m < n-total && err == nil {
			if err = ctx.Err(); err != nil {
				break
			}
			step := min(n-total-m, boundedChunk)
			var k int64
			k, err = c.limitedCopy(dst, step)
			m += k
			if err == nil && k < step {
				break // end of input
			}
		}
	default:
		m, err = c.slowCopyN(ctx, w, n-total)
		total += m
		return total, err
	}
	total += m
	if dstCh != nil {
		dstCh.bytesOut.Add(m)
	}
	c.noteCopyEnd(err, total < n, dstCh)
	return total, err
}

const maxInt = int(^uint(0) >> 1)

// limitedCopy copies up to n bytes of the underlying object to dst
// (caller holds the read slot), counting BytesIn.
func (c *Channel) limitedCopy(dst io.Writer, n int64) (int64, error) {
	src := &io.LimitedReader{R: c.reader(), N: n}
	if copyHook != nil {
		copyHook(dst, src)
	}
	m, err := io.Copy(dst, src)
	c.bytesIn.Add(m)
	return m, err
}

// blockCopyN copies up to n bytes of a device that does not block
// (caller holds the read slot) with big reads and writes, looking at ctx
// between blocks.
func (c *Channel) blockCopyN(ctx context.Context, dst io.Writer, n int64) (int64, error) {
	return c.copyBlocks(dst, n, deviceBlock, func(p []byte) (int, error) {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		k, err := c.rawRead(p)
		c.bytesIn.Add(int64(k))
		return k, err
	})
}

// slowCopyN copies up to n bytes with cancellable reads (caller holds the
// read slot); w is written through its own Write.
func (c *Channel) slowCopyN(ctx context.Context, w io.Writer, n int64) (int64, error) {
	return c.copyBlocks(w, n, slowCopyBlock, func(p []byte) (int, error) { return c.readUnder(ctx, p) })
}

// copyBlocks copies up to n bytes read by read, in blocks of at most size
// bytes, to w (caller holds the read slot). End of input (also the end of
// an idle wait) ends it with a nil error; bytes w did not take are given
// back to the channel.
func (c *Channel) copyBlocks(w io.Writer, n int64, size int, read func([]byte) (int, error)) (int64, error) {
	buf := make([]byte, min(n, int64(size)))
	var total int64
	for total < n {
		k, err := read(buf[:min(n-total, int64(len(buf)))])
		if k > 0 {
			m, werr := w.Write(buf[:k])
			total += int64(m)
			if werr != nil {
				c.Unread(buf[m:k])
				return total, werr
			}
		}
		if err == io.EOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// Seek sets the offset of a channel on a regular file for the next read
// or write, as lseek(2) does: io.SeekCurrent is relative to the logical
// offset (after the bytes already handed out, not after the read-ahead
// still buffered), and the buffer is given back to the file first. It
// returns the new offset. Other channels fail with an error wrapping
// syscall.ESPIPE. With Read it makes the channel an io.ReadSeeker.
func (c *Channel) Seek(offset int64, whence int) (int64, error) {
	if c.kind != KindFile || c.file == nil {
		return 0, c.pathError("seek", syscall.ESPIPE)
	}
	if err := c.lockRead(context.Background()); err != nil {
		return 0, err
	}
	defer c.unlockRead()
	if !c.syncOffset() {
		return 0, c.pathError("seek", syscall.ESPIPE)
	}
	return c.file.Seek(offset, whence)
}

// Stat returns the file information of a channel on an OS file (see
// os.File.Stat); connections tcpsh opened fail with an error wrapping
// syscall.ENOTSUP.
func (c *Channel) Stat() (os.FileInfo, error) {
	if c.file == nil {
		return nil, c.pathError("stat", syscall.ENOTSUP)
	}
	return c.file.Stat()
}
