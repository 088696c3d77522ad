package fdtable

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"os"
	"sync"
	"syscall"
	"time"
)

// Listening sockets: what the shell's listen and accept builtins put in
// the table.
//
// A TCP listener is a channel of kind KindListen. It cannot be read or
// written (both fail with ENOTCONN, "Transport endpoint is not
// connected"); Accept takes the next connection from it as a new
// KindTCP channel. A UDP "listener" (KindBound) is a bound socket
// with no peer: each read takes one datagram and remembers its sender,
// and each write is one datagram sent to the last sender (EDESTADDRREQ,
// "Destination address required", before anything has arrived).
// ReadDelim stops at the end of a datagram as at a delimiter, so the
// shell's read takes one datagram (or one line of it).

// ErrNotListening is the error of Accept on a channel that is not a
// listening TCP socket.
var ErrNotListening = errors.New("not a listening TCP socket")

// IsListener reports whether k is a listening socket made by Listen.
func (k Kind) IsListener() bool { return k == KindListen || k == KindBound }

// Listen opens a socket bound to addr ("127.0.0.1:0" picks a free port):
// network "tcp", "tcp4" or "tcp6" gives a listening TCP socket
// (KindListen), "udp", "udp4" or "udp6" a bound UDP socket
// (KindBound). The path is "tcp-listen:ADDR" or "udp-listen:ADDR"
// with the bound address. The error is the net package's (*net.OpError,
// wrapping the errno, e.g. EADDRINUSE). The result is owned and holds one
// reference, owned by the caller.
func Listen(ctx context.Context, network, addr string) (*Channel, error) {
	var lc net.ListenConfig
	switch network {
	case "tcp", "tcp4", "tcp6":
		ln, err := lc.Listen(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		tl, ok := ln.(*net.TCPListener)
		if !ok {
			ln.Close()
			return nil, &net.OpError{Op: "listen", Net: network, Err: errors.ErrUnsupported}
		}
		return newListenChannel(KindListen, &tcpListenConn{ln: tl}, tl, "tcp-listen:"+tl.Addr().String()), nil
	case "udp", "udp4", "udp6":
		pc, err := lc.ListenPacket(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		uc, ok := pc.(*net.UDPConn)
		if !ok {
			pc.Close()
			return nil, &net.OpError{Op: "listen", Net: network, Err: errors.ErrUnsupported}
		}
		return newListenChannel(KindBound, &udpListenConn{pc: uc}, uc, "udp-listen:"+uc.LocalAddr().String()), nil
	}
	return nil, &net.OpError{Op: "listen", Net: network, Err: net.UnknownNetworkError(network)}
}

// newListenChannel wraps a listener adapter; sock is the socket behind
// it, whose descriptor Info and ChildFile use. The adapter itself does not
// offer its descriptor (syscall.Conn): the standard library's zero-copy
// paths would then bypass it (splice(2) from a listening socket).
func newListenChannel(kind Kind, conn net.Conn, sock syscall.Conn, path string) *Channel {
	c := newChannel(kind, Read|Write, path, true)
	c.conn = conn
	if rc, err := sock.SyscallConn(); err == nil {
		c.raw = rc
	}
	c.deadlines = true
	return c
}

// Accept waits for the next connection on a listening TCP socket and
// returns it as a new owned KindTCP channel (path "tcp-accept:PEER",
// Info.Accepted true) holding one reference, owned by the caller. It
// gives up with ctx.Err() soon after ctx is done (a timeout is a context
// deadline). Accepts on one channel are serialized (they take the read
// slot), so background subshells sharing the listener take turns. On a
// channel that is not a TCP listener it fails with ErrNotListening.
func (c *Channel) Accept(ctx context.Context) (*Channel, error) {
	lc, ok := c.conn.(*tcpListenConn)
	if !ok || c.kind != KindListen {
		return nil, c.pathError("accept", ErrNotListening)
	}
	if err := c.lockRead(ctx); err != nil {
		return nil, err
	}
	defer c.unlockRead()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var conn *net.TCPConn
	var err error
	for kicked := true; kicked; {
		conn, kicked, err = c.acceptTry(ctx, lc)
	}
	if err != nil {
		c.note(err)
		return nil, err
	}
	ch := NewConn(conn, "tcp-accept:"+conn.RemoteAddr().String())
	ch.accepted = true
	return ch, nil
}

// acceptTry is one try of Accept (caller holds the read slot). An
// accept(2) in the runtime's poller is registered as a direct read
// (blockmode.go): kicked says a child interrupted it to make the socket
// blocking, and the caller tries again (then waiting with poll(2) first).
func (c *Channel) acceptTry(ctx context.Context, lc *tcpListenConn) (conn *net.TCPConn, kicked bool, err error) {
	c.mu.Lock()
	gen, direct := c.beginDirectLocked(false)
	c.mu.Unlock()
	if !direct {
		if err := c.acceptWait(ctx); err != nil {
			return nil, false, err
		}
	} else if directHook != nil {
		directHook(c)
	}
	finish := c.interruptOn(ctx) // through tcpListenConn.SetReadDeadline
	conn, err = lc.ln.AcceptTCP()
	err = finish(err)
	if direct {
		kicked = c.endDirect(gen, false, err)
	}
	return conn, kicked, err
}

// delimDatagram is ReadDelim on a UDP listener: the end of a datagram
// ends the read as the delimiter would. What follows the delimiter in the
// datagram stays buffered; a leftover without a delimiter is returned on
// its own by the next read (caller holds the read slot).
func (c *Channel) delimDatagram(ctx context.Context, out []byte, d delimiter) ([]byte, error) {
	if len(out) > 0 {
		return out, nil // the rest of the previous datagram
	}
	buf := make([]byte, 64*1024)
	n, err := c.readUnder(ctx, buf)
	if err != nil {
		return out, err
	}
	lim, _ := d.cut(buf[:n], 0)
	c.pushBack(buf[lim:n], false)
	return append(out, buf[:lim]...), nil
}

// notConnected is the error of reading or writing a TCP listener.
func notConnected(op string, addr net.Addr) error {
	return &net.OpError{Op: op, Net: "tcp", Addr: addr, Err: os.NewSyscallError(op, syscall.ENOTCONN)}
}

// tcpListenConn lets a *net.TCPListener sit in a Channel: reads and
// writes fail, deadlines bound Accept, Close closes the listener.
type tcpListenConn struct{ ln *net.TCPListener }

func (l *tcpListenConn) Read([]byte) (int, error)  { return 0, notConnected("read", l.ln.Addr()) }
func (l *tcpListenConn) Write([]byte) (int, error) { return 0, notConnected("write", l.ln.Addr()) }
func (l *tcpListenConn) Close() error              { return l.ln.Close() }
func (l *tcpListenConn) LocalAddr() net.Addr       { return l.ln.Addr() }

// RemoteAddr is nil: a listener has no peer.
func (l *tcpListenConn) RemoteAddr() net.Addr               { return nil }
func (l *tcpListenConn) SetDeadline(t time.Time) error      { return l.ln.SetDeadline(t) }
func (l *tcpListenConn) SetReadDeadline(t time.Time) error  { return l.ln.SetDeadline(t) }
func (l *tcpListenConn) SetWriteDeadline(t time.Time) error { return nil }

// udpListenConn is a bound UDP socket that replies to whoever sent the
// last datagram.
type udpListenConn struct {
	pc   *net.UDPConn
	mu   sync.Mutex
	last netip.AddrPort // sender of the last datagram read; invalid before
}

// Read reads one datagram (truncated to len(p), as recvfrom(2) does) and
// remembers its sender.
func (u *udpListenConn) Read(p []byte) (int, error) {
	n, from, err := u.pc.ReadFromUDPAddrPort(p)
	if from.IsValid() {
		u.mu.Lock()
		u.last = from
		u.mu.Unlock()
	}
	return n, err
}

// Write sends p as one datagram to the sender of the last datagram read.
func (u *udpListenConn) Write(p []byte) (int, error) {
	u.mu.Lock()
	to := u.last
	u.mu.Unlock()
	if !to.IsValid() {
		return 0, &net.OpError{Op: "write", Net: "udp", Source: u.pc.LocalAddr(),
			Err: os.NewSyscallError("sendto", syscall.EDESTADDRREQ)}
	}
	return u.pc.WriteToUDPAddrPort(p, to)
}

func (u *udpListenConn) Close() error        { return u.pc.Close() }
func (u *udpListenConn) LocalAddr() net.Addr { return u.pc.LocalAddr() }

// RemoteAddr is the sender of the last datagram read, nil before any.
func (u *udpListenConn) RemoteAddr() net.Addr {
	u.mu.Lock()
	defer u.mu.Unlock()
	if !u.last.IsValid() {
		return nil
	}
	return net.UDPAddrFromAddrPort(u.last)
}

func (u *udpListenConn) SetDeadline(t time.Time) error      { return u.pc.SetDeadline(t) }
func (u *udpListenConn) SetReadDeadline(t time.Time) error  { return u.pc.SetReadDeadline(t) }
func (u *udpListenConn) SetWriteDeadline(t time.Time) error { return u.pc.SetWriteDeadline(t) }
