package fdtable

import (
	"context"
	"errors"
	"io"
	"math"
	"os"
	"time"
)

// aLongTimeAgo is a deadline in the past, used to interrupt a read.
var aLongTimeAgo = time.Unix(1, 0)

// copyHook, when set (by tests), sees the concrete writer and reader that
// ReadFrom/WriteTo hand to the standard library's copy.
var copyHook func(dst io.Writer, src io.Reader)

func (c *Channel) reader() io.Reader {
	if c.conn != nil {
		if c.kind.datagram() {
			return datagramReader{c}
		}
		return c.conn
	}
	return c.file
}

func (c *Channel) writer() io.Writer {
	if c.conn != nil {
		return c.conn
	}
	return c.file
}

func (c *Channel) rawRead(p []byte) (int, error) {
	if c.conn != nil {
		if c.kind.datagram() {
			return c.readDatagram(p, c.conn.Read)
		}
		return c.conn.Read(p)
	}
	return c.file.Read(p)
}

// Read reads into p: bytes from the read-ahead buffer if there are any,
// otherwise from the underlying file or socket. It honours the deadline
// set with SetReadDeadline. Bytes read from the underlying object are
// counted in BytesIn.
func (c *Channel) Read(p []byte) (int, error) {
	return c.ReadContext(context.Background(), p)
}

// ReadContext is Read that gives up with ctx.Err() soon after ctx is
// done. Sockets and pollable files are interrupted with a read deadline;
// descriptors without deadline support, and any descriptor while an
// external command holds it (it is then in blocking mode), are waited on
// with poll(2) together with a wake-up pipe. Regular files and the null
// device never block and are just read. Not prompt on non-unix systems.
func (c *Channel) ReadContext(ctx context.Context, p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if err := c.lockRead(ctx); err != nil {
		return 0, err
	}
	defer c.unlockRead()
	if b := c.takeBuf(len(p)); len(b) > 0 {
		return copy(p, b), nil
	}
	return c.readUnder(ctx, p)
}

// readUnder reads the underlying object (the caller holds the read slot),
// counting, tracing and noting errors. Under an idle timeout, a read that
// waits that long returns io.EOF without marking the channel at EOF.
func (c *Channel) readUnder(ctx context.Context, p []byte) (n int, err error) {
	if idle := c.idleFor(); idle > 0 {
		n, err = c.idleRead(ctx, idle, func(ctx context.Context) (int, error) { return c.readOnce(ctx, p) })
	} else {
		n, err = c.readOnce(ctx, p)
	}
	c.traceRead(p[:n], err)
	if err == errIdle {
		err = io.EOF
	}
	return n, err
}

// readBridged is readUnder for the bridge of an external command, which
// has no idle timeout: the command's own reads have none either.
func (c *Channel) readBridged(ctx context.Context, p []byte) (int, error) {
	n, err := c.readOnce(ctx, p)
	c.traceRead(p[:n], err)
	return n, err
}

// readOnce is one read of the underlying object, counted and noted.
func (c *Channel) readOnce(ctx context.Context, p []byte) (n int, err error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	for {
		var kicked bool
		n, kicked, err = c.readTry(ctx, p)
		if !kicked {
			break
		}
	}
	c.bytesIn.Add(int64(n))
	c.note(err)
	return n, err
}

// readTry is readOnce's read. A read of the descriptor itself (not with
// poll(2)) is registered as direct (blockmode.go) in the same critical
// section that sees no child holding the description; kicked says a child
// interrupted it to make the description blocking, and the caller tries
// again (then with poll(2)).
func (c *Channel) readTry(ctx context.Context, p []byte) (n int, kicked bool, err error) {
	if c.kind == KindFile || c.kind == KindNull {
		// Never blocks: nothing to wait for or interrupt.
		n, err = c.rawRead(p)
		return n, false, err
	}
	c.mu.Lock()
	gen, direct := c.beginDirectLocked(false)
	dl := c.rdeadline
	c.mu.Unlock()
	cancellable := ctx.Done() != nil
	switch {
	case !direct && (cancellable || !dl.IsZero()) && c.raw != nil && pollSupported:
		n, err = c.pollRead(ctx, p)
	case direct && cancellable:
		if directHook != nil {
			directHook(c)
		}
		finish := c.interruptOn(ctx)
		n, err = c.rawRead(p)
		err = finish(err)
	default:
		if direct && directHook != nil {
			directHook(c)
		}
		n, err = c.rawRead(p)
	}
	if direct {
		kicked = c.endDirect(gen, false, err) && n == 0
	}
	return n, kicked, err
}

// interruptOn makes a pending read of the underlying object (which
// supports deadlines) fail soon after ctx is done, by setting a read
// deadline in the past. Call finish with the read's error once the read
// has returned: it puts the user's deadline back and turns the deadline
// error it caused into ctx.Err().
func (c *Channel) interruptOn(ctx context.Context) (finish func(error) error) {
	if ctx.Done() == nil {
		return keepErr
	}
	done := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(done)
		c.setUnderlyingDeadline(aLongTimeAgo)
	})
	return func(err error) error {
		if stop() {
			return err
		}
		<-done
		c.mu.Lock()
		c.restoreDeadlineLocked() // unless a child's kick is pending (blockmode.go)
		c.mu.Unlock()
		if err != nil && errors.Is(err, os.ErrDeadlineExceeded) {
			return ctx.Err()
		}
		return err
	}
}

func keepErr(err error) error { return err }

func (c *Channel) setUnderlyingDeadline(t time.Time) error {
	if c.conn != nil {
		return c.conn.SetReadDeadline(t)
	}
	return c.file.SetReadDeadline(t)
}

// SetReadDeadline sets the deadline for future and pending reads; a read
// past it fails with an error wrapping os.ErrDeadlineExceeded. The zero
// time means no deadline. On descriptors without deadline support the
// deadline is honoured by polling (unix only); reads of regular files and
// the null device, which never block, do not look at it.
func (c *Channel) SetReadDeadline(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rdeadline = t
	if !c.deadlines || c.kickPending { // a pending kick puts it back when done (blockmode.go)
		return nil
	}
	return c.setUnderlyingDeadline(t)
}

// Write writes p to the underlying object, counting BytesOut. On UDP each
// Write is one datagram. A write to a pipe or socket whose reader has gone
// returns an error wrapping syscall.EPIPE (see IsBrokenPipe); no signal is
// raised. A reset connection gives an error wrapping syscall.ECONNRESET
// and the State becomes "RESET". On a regular file with read-ahead
// buffered, the file offset is first moved back to the logical offset.
func (c *Channel) Write(p []byte) (int, error) {
	c.traceWrite(p) // before: a reply it causes is traced after it
	n, err := c.writeUntraced(p)
	c.traceWriteErr(n, err)
	return n, err
}

// writeUntraced is Write without the trace: what a Tracer uses to write
// its records to a channel.
func (c *Channel) writeUntraced(p []byte) (int, error) {
	if c.kind == KindFile {
		c.syncOffset()
	}
	n, err := c.writer().Write(p)
	c.bytesOut.Add(int64(n))
	c.note(err)
	return n, err
}

// chanWriter hides a Channel's ReadFrom from io.Copy, so that every
// write goes through Channel.Write.
type chanWriter struct{ c *Channel }

func (w chanWriter) Write(p []byte) (int, error) { return w.c.Write(p) }

// syncOffset gives buffered read-ahead of a regular file back to the file
// by seeking, so that the OS offset is the logical one. It reports false
// if bytes remain buffered. It does not take the read slot (the caller
// may hold it).
func (c *Channel) syncOffset() bool {
	c.bmu.Lock()
	defer c.bmu.Unlock()
	if len(c.buf) == 0 {
		return true
	}
	if _, err := c.file.Seek(-int64(len(c.buf)), io.SeekCurrent); err != nil {
		return false
	}
	c.buf = nil
	return true
}

// ReadFrom copies r to the channel until EOF, keeping the kernel's
// zero-copy paths: it calls the underlying *os.File's or *net.TCPConn's
// ReadFrom (sendfile, splice, copy_file_range) with r, or, when r is a
// *Channel, with that channel's buffered bytes first and then its
// underlying file or connection. Counts BytesOut here and BytesIn on a
// source channel. A channel that is traced, or a source with an idle
// timeout or a trace, is copied with the channels' own reads and writes.
func (c *Channel) ReadFrom(r io.Reader) (int64, error) {
	src, ok := r.(*Channel)
	if !ok {
		return c.readFromReader(r)
	}
	if err := src.lockRead(context.Background()); err != nil {
		return 0, err
	}
	defer src.unlockRead()
	total, err := src.writeBuffered(c, -1)
	if err != nil {
		return total, err
	}
	if src.inspected() {
		n, err := src.slowCopy(context.Background(), chanWriter{c})
		return total + n, err
	}
	n, err := c.readFromReader(src.reader())
	src.bytesIn.Add(n)
	total += n
	if err == nil {
		src.note(io.EOF)
	} else if IsReset(err) {
		src.note(err)
	}
	return total, err
}

func (c *Channel) readFromReader(r io.Reader) (int64, error) {
	if c.insp.trace.Load() != nil {
		return io.Copy(chanWriter{c}, r) // counted and traced by Write
	}
	if c.kind == KindFile {
		c.syncOffset()
	}
	dst := c.writer()
	if copyHook != nil {
		copyHook(dst, r)
	}
	var n int64
	var err error
	if rf, ok := dst.(io.ReaderFrom); ok {
		n, err = rf.ReadFrom(r)
	} else {
		n, err = io.Copy(dst, r)
	}
	c.bytesOut.Add(n)
	if err != nil && !IsReset(err) {
		c.note(err)
	}
	return n, err
}

// WriteTo copies the channel to w until EOF: the read-ahead buffer first,
// then io.Copy from the underlying object, so that splice/sendfile work
// when w is an *os.File, a socket, or a *Channel (whose underlying object
// is used directly). Counts BytesIn here and BytesOut on a destination
// channel. Returns a nil error at EOF.
func (c *Channel) WriteTo(w io.Writer) (int64, error) {
	return c.WriteToContext(context.Background(), w)
}

// WriteToContext is WriteTo that stops soon after ctx is done, returning
// ctx.Err(). Where the source supports deadlines (and no external command
// holds it) the zero-copy path is kept and interrupted with a read
// deadline; otherwise, and when the source has an idle timeout or either
// side is traced, it copies with ReadContext and Write.
func (c *Channel) WriteToContext(ctx context.Context, w io.Writer) (int64, error) {
	if err := c.lockRead(ctx); err != nil {
		return 0, err
	}
	defer c.unlockRead()
	dstCh, _ := w.(*Channel)
	total, err := c.writeBuffered(w, -1)
	if err != nil {
		return total, err
	}
	inspected, direct, gen := c.beginCopy(ctx, dstCh)
	cancellable := ctx.Done() != nil
	fileFast := !inspected && cancellable && !direct && c.fileToConn(dstCh) // see filecopy.go
	if inspected || cancellable && !direct && !fileFast {
		n, err := c.slowCopy(ctx, w)
		return total + n, err
	}
	dst := copyTarget(w, dstCh)
	src := c.reader()
	if copyHook != nil {
		copyHook(dst, src)
	}
	var finish func(error) error
	var n int64
	if fileFast {
		finish = dstCh.interruptWrite(ctx)
		n, err = copyFileToConn(dst, src) // see filecopy.go
	} else {
		finish = c.interruptOn(ctx)
		n, err = io.Copy(dst, src)
	}
	err = finish(err)
	kicked := direct && c.endDirect(gen, true, err)
	total += n
	c.bytesIn.Add(n)
	if dstCh != nil {
		dstCh.bytesOut.Add(n)
	}
	if kicked {
		// A child made the description blocking meanwhile: go on with
		// poll(2).
		m, err := c.slowCopy(ctx, w)
		return total + m, err
	}
	c.noteCopyEnd(err, err == nil, dstCh)
	return total, err
}

// writeBuffered writes up to n bytes of the read-ahead buffer (all of it
// when n < 0) to w (caller holds the read slot); what w does not take is
// given back.
func (c *Channel) writeBuffered(w io.Writer, n int) (int64, error) {
	b := c.takeBuf(n)
	if len(b) == 0 {
		return 0, nil
	}
	m, err := w.Write(b)
	if err != nil {
		c.Unread(b[m:])
	}
	return int64(m), err
}

// beginCopy starts a copy of c to a destination that is the channel dstCh,
// or not a channel (nil); the caller holds the read slot. inspected says
// an idle timeout or a trace (idle.go, trace.go) needs the channels' own
// reads and writes. Otherwise, when ctx can be done, it registers a
// cancellable copy from the descriptor itself if one may run (direct;
// gen is for endDirect, blockmode.go).
func (c *Channel) beginCopy(ctx context.Context, dstCh *Channel) (inspected, direct bool, gen uint64) {
	inspected = c.inspected() || dstCh != nil && dstCh.insp.trace.Load() != nil
	if ctx.Done() != nil && !inspected {
		c.mu.Lock()
		gen, direct = c.beginDirectLocked(true)
		c.mu.Unlock()
	}
	return inspected, direct, gen
}

// copyTarget is what a zero-copy path writes for w: the underlying file
// (its offset synced first) or connection when w is the channel dstCh,
// else w itself.
func copyTarget(w io.Writer, dstCh *Channel) io.Writer {
	if dstCh == nil {
		return w
	}
	if dstCh.kind == KindFile {
		dstCh.syncOffset()
	}
	return dstCh.writer()
}

// noteCopyEnd notes how a copy of c to the channel dstCh (nil when the
// destination is not a channel) ended: atEOF with a nil error is c's end
// of input; a broken pipe is the destination's error.
func (c *Channel) noteCopyEnd(err error, atEOF bool, dstCh *Channel) {
	switch {
	case err == nil && atEOF:
		c.note(io.EOF)
	case err == nil:
	case IsBrokenPipe(err) && dstCh != nil:
		dstCh.note(err)
	default:
		c.note(err)
	}
}

// slowCopy copies to end of input with cancellable reads (caller holds
// the read slot).
func (c *Channel) slowCopy(ctx context.Context, w io.Writer) (int64, error) {
	return c.copyBlocks(w, math.MaxInt64, 32*1024, func(p []byte) (int, error) { return c.readUnder(ctx, p) })
}
