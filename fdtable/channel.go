package fdtable

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Channel is one open description: what a kernel file table entry is to
// real descriptors. Several table entries (after Dup, Clone) point to the
// same Channel and share its offset, read-ahead buffer and counters.
//
// A Channel is reference counted. Every constructor returns it holding one
// reference that belongs to the caller; [Table.Set] takes that reference
// over, [Channel.Release] gives it up. The last Release closes the
// underlying file or connection (the process's own os.Stdin, os.Stdout and
// os.Stderr are never closed, so that several sessions can share them).
//
// All methods are safe for concurrent use. Reads are serialized (one
// reader at a time sees the buffer and the underlying object); writes go
// straight to the underlying object, which serializes them itself.
type Channel struct {
	kind   Kind
	mode   Mode
	path   string
	owned  bool
	opened time.Time

	file      *os.File        // set for file-backed channels
	conn      net.Conn        // set for connections
	raw       syscall.RawConn // nil when there is no OS descriptor
	noClose   bool            // process stdio: never closed
	deadlines bool            // the underlying object supports read deadlines
	accepted  bool            // taken from a listening socket (listen.go)

	refs atomic.Int32
	rsem chan struct{} // held by the one current reader
	wake *waker        // the current reader's poll wake-up pipe (only it touches this)

	bmu sync.Mutex
	buf []byte // read-ahead, consumed before the underlying object
	// dgram is the rest of a datagram larger than the read that took it,
	// handed out before the socket is read again (datagram.go). Unlike
	// buf, these bytes have not yet been counted or traced.
	dgram []byte

	bytesIn, bytesOut atomic.Int64

	pc peekCache // bytes a peek showed past a consumed line, still queued (peek_unix.go); read slot only

	insp inspect // idle timeout (idle.go) and wire trace (trace.go)

	mu        sync.Mutex
	rdeadline time.Time // the read deadline the user asked for
	children  int       // child processes holding a dup (description made blocking)
	bridges   int       // child processes attached through a bridge
	restoreNB bool      // O_NONBLOCK was set before the first child took it
	noSeek    bool      // a seek failed: treat as not seekable
	eof       bool
	reset     bool
	shut      Mode // halves shut by CloseRead and CloseWrite (halfclose.go)
	lastErr   error
	closed    bool
	peekGen   uint64 // bumped when a child takes the description: a cached peek may be stale (peek_unix.go)

	// Direct reads and the switch to blocking mode (blockmode.go).
	direct      int           // direct reads in progress (at most one holds the read slot)
	directCopy  int           // of which whole copies through the standard library
	kickGen     uint64        // counts childDup's kicks of direct reads
	kickPending bool          // the underlying read deadline is in the past until direct == 0
	directLeft  chan struct{} // closed when the kicked reads have left
	switching   chan struct{} // non-nil while childDup makes the description blocking; closed after
}

func newChannel(kind Kind, mode Mode, path string, owned bool) *Channel {
	c := &Channel{kind: kind, mode: mode, path: path, owned: owned, opened: time.Now(), rsem: make(chan struct{}, 1)}
	c.refs.Store(1)
	return c
}

// NewFile wraps f. The channel takes f over: the caller must not use or
// close f afterwards (the last Release closes it, unless it is os.Stdin,
// os.Stdout or os.Stderr). The kind is found with fstat: terminal, regular
// file, pipe/FIFO, socket (KindSocket), null device or other. owned says
// whether tcpsh opened f itself; pass false for the process's stdio and
// for inherited descriptors (it selects the careful ReadDelim strategy).
// The result holds one reference, owned by the caller.
func NewFile(f *os.File, mode Mode, path string, owned bool) *Channel {
	if path == "" {
		path = f.Name()
	}
	c := newChannel(KindOther, mode, path, owned)
	c.file = f
	c.noClose = f == os.Stdin || f == os.Stdout || f == os.Stderr
	if rc, err := f.SyscallConn(); err == nil {
		c.raw = rc
	}
	c.kind = detectKind(c)
	c.deadlines = f.SetReadDeadline(time.Time{}) == nil
	return c
}

// NewConn wraps a socket tcpsh opened (owned). The kind is KindTCP for a
// *net.TCPConn or a *tls.Conn over one, KindUDP for a *net.UDPConn,
// KindSocket otherwise. A *tls.Conn has no OS descriptor of its own, so
// external commands get it through the socketpair bridge (see ChildFile)
// and Info reports its TLS version and peer. path is
// the path as the user wrote it, e.g. "/dev/tcp/localhost/80". The channel
// takes conn over (the last Release closes it). The result holds one
// reference, owned by the caller.
func NewConn(conn net.Conn, path string) *Channel {
	kind := KindSocket
	// The concrete cases call SyscallConn directly: asserting
	// syscall.Conn would make the runtime build an itab at the first
	// socket of every start (W4b: 13 µs).
	var sc syscall.Conn
	switch cc := conn.(type) {
	case *net.TCPConn:
		kind, sc = KindTCP, cc
	case *net.UDPConn:
		kind, sc = KindUDP, cc
	default:
		kind = wrappedKind(conn) // a *tls.Conn over TCP is KindTCP (tls.go)
		sc, _ = conn.(syscall.Conn)
	}
	c := newChannel(kind, Read|Write, path, true)
	c.conn = conn
	if sc != nil {
		if rc, err := sc.SyscallConn(); err == nil {
			c.raw = rc
		}
	}
	c.deadlines = true
	return c
}

// OpenFile opens path with os.OpenFile (owned, mode taken from flag, kind
// detected, so "/dev/null" gives KindNull). The error is os.OpenFile's
// *os.PathError, unchanged. The result holds one reference, owned by the
// caller.
func OpenFile(path string, flag int, perm os.FileMode) (*Channel, error) {
	f, err := os.OpenFile(path, flag, perm)
	if err != nil {
		return nil, err
	}
	return NewFile(f, modeFromFlag(flag), path, true), nil
}

func modeFromFlag(flag int) Mode {
	switch flag & (os.O_RDONLY | os.O_WRONLY | os.O_RDWR) {
	case os.O_WRONLY:
		return Write
	case os.O_RDWR:
		return Read | Write
	}
	return Read
}

// Pipe makes an OS pipe (os.Pipe): r is the read end, w the write end,
// both owned and KindPipe. Each holds one reference, owned by the caller.
func Pipe() (r, w *Channel, err error) {
	fr, fw, err := os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	r = NewFile(fr, Read, "pipe", true)
	w = NewFile(fw, Write, "pipe", true)
	r.kind, w.kind = KindPipe, KindPipe
	return r, w, nil
}

// ref adds a reference for the caller.
func (c *Channel) ref() { c.refs.Add(1) }

// Ref adds a reference, owned by the caller (who passes it to a Table or
// gives it up with Release). Use it to install one channel at several
// numbers. Ref on a channel whose last reference is already gone does not
// revive it.
func (c *Channel) Ref() { c.tryRef() }

// tryRef adds a reference unless the channel is already closed.
func (c *Channel) tryRef() bool {
	for {
		n := c.refs.Load()
		if n <= 0 {
			return false
		}
		if c.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// Release gives up one reference (the caller's). The last one closes the
// underlying file or connection and drops the read-ahead buffer. Releasing
// more often than referenced does nothing. Release on a nil channel is a
// no-op.
func (c *Channel) Release() {
	if c == nil {
		return
	}
	for {
		n := c.refs.Load()
		if n <= 0 {
			return
		}
		if c.refs.CompareAndSwap(n, n-1) {
			if n == 1 {
				c.close()
			}
			return
		}
	}
}

func (c *Channel) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.bmu.Lock()
	c.buf, c.dgram = nil, nil
	c.bmu.Unlock()
	c.SetTrace(nil, "")
	switch {
	case c.conn != nil:
		c.conn.Close()
	case c.file != nil && !c.noClose:
		c.file.Close()
	}
}

// Kind returns the channel's kind.
func (c *Channel) Kind() Kind { return c.kind }

// Mode returns the access mode.
func (c *Channel) Mode() Mode { return c.mode }

// Path returns the path the channel was opened with.
func (c *Channel) Path() string { return c.path }

// Owned reports whether tcpsh opened the underlying object (false for
// stdio and inherited descriptors).
func (c *Channel) Owned() bool { return c.owned }

// Buffered returns the number of read-ahead bytes held in the channel
// (with the rest of a datagram a read took in part).
func (c *Channel) Buffered() int {
	c.bmu.Lock()
	defer c.bmu.Unlock()
	return len(c.buf) + len(c.dgram)
}

// Unread pushes b back to the front of the read buffer: the next read of
// any kind returns it first. b should be bytes read from this channel; the
// channel keeps its own copy.
func (c *Channel) Unread(b []byte) {
	c.pushBack(b, false)
}

// pushBack puts b in front of the read buffer. With adopt (b is a fresh
// slice nobody else holds) an empty buffer takes b itself instead of a
// copy.
func (c *Channel) pushBack(b []byte, adopt bool) {
	if len(b) == 0 {
		return
	}
	c.bmu.Lock()
	defer c.bmu.Unlock()
	if adopt && len(c.buf) == 0 {
		c.buf = b
		return
	}
	nb := make([]byte, 0, len(b)+len(c.buf))
	c.buf = append(append(nb, b...), c.buf...)
}

// takeBuf removes up to n bytes (all if n < 0) from the front of the
// buffer.
func (c *Channel) takeBuf(n int) []byte {
	c.bmu.Lock()
	defer c.bmu.Unlock()
	if n < 0 || n > len(c.buf) {
		n = len(c.buf)
	}
	out := c.buf[:n:n]
	c.buf = c.buf[n:]
	if len(c.buf) == 0 {
		c.buf = nil
	}
	return out
}

// lockRead waits for the reader slot, or for ctx.
func (c *Channel) lockRead(ctx context.Context) error {
	select {
	case c.rsem <- struct{}{}:
		return nil
	default:
	}
	select {
	case c.rsem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// unlockRead gives the reader slot back, closing the slot holder's waker.
func (c *Channel) unlockRead() {
	if c.wake != nil {
		c.wake.close()
		c.wake = nil
	}
	<-c.rsem
}

// pathError wraps an error the channel itself produced (not one from the
// underlying *os.File or net.Conn, which carry their own context) as
// os.File does: "read /dev/tcp/host/80: i/o timeout".
func (c *Channel) pathError(op string, err error) error {
	return &os.PathError{Op: op, Path: c.path, Err: err}
}

// note records what an I/O error says about the channel's state.
func (c *Channel) note(err error) {
	if err == nil || errors.Is(err, os.ErrDeadlineExceeded) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, syscall.EAGAIN) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if errors.Is(err, io.EOF) {
		c.eof = true
		return
	}
	if errors.Is(err, syscall.ECONNRESET) {
		c.reset = true
	}
	c.lastErr = err
}

func (c *Channel) stateLocked() string {
	switch {
	case c.closed:
		return "CLOSED"
	case c.reset:
		return "RESET"
	case c.lastErr != nil:
		return Strerror(c.lastErr)
	case c.eof && c.kind.socketish():
		return "CLOSE_WAIT"
	case c.eof && (c.kind == KindPipe || c.kind == KindTTY):
		return "EOF"
	case c.kind == KindTCP:
		return "ESTABLISHED"
	case c.kind == KindUDP:
		return "CONNECTED"
	case c.kind == KindListen || c.kind == KindBound:
		return "LISTEN"
	}
	return ""
}

// Info returns a snapshot for listings.
func (c *Channel) Info() Info {
	c.mu.Lock()
	in := Info{
		Kind: c.kind, Mode: c.mode, Path: c.path, Owned: c.owned, Accepted: c.accepted,
		State: c.stateLocked(), Opened: c.opened,
		Children: c.children + c.bridges,
		OSFD:     -1, Size: -1, Offset: -1,
	}
	closed := c.closed
	c.mu.Unlock()
	in.BytesIn, in.BytesOut = c.bytesIn.Load(), c.bytesOut.Load()
	in.Buffered = c.Buffered()
	in.Refs = int(c.refs.Load())
	c.inspectInfo(&in) // idle timeout and trace (idle.go)
	if c.conn != nil {
		if a := c.conn.LocalAddr(); a != nil {
			in.Local = a.String()
		}
		if a := c.conn.RemoteAddr(); a != nil {
			in.Remote = a.String()
		}
	}
	if !closed {
		sysInfo(c, &in)
		c.connInfo(&in) // TLS and half-close (tls.go)
		if in.Offset >= 0 {
			in.Offset -= int64(in.Buffered)
		}
		if in.State == "" && c.kind == KindSocket && in.Remote != "" {
			in.State = "CONNECTED"
		}
	}
	return in
}

// control runs fn with the OS descriptor, which stays open meanwhile.
func (c *Channel) control(fn func(fd uintptr)) error {
	if c.raw == nil {
		return errNoFD
	}
	return c.raw.Control(fn)
}

var errNoFD = errors.New("channel has no OS descriptor")
