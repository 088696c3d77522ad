package fdtable

import (
	"crypto/tls"
	"errors"
	"net"
)

// ErrNoHalfClose is the error of CloseRead and CloseWrite on a channel
// that is not a TCP connection tcpsh opened (UDP, files, pipes, inherited
// descriptors): a stream has halves, a datagram socket or a file has not.
var ErrNoHalfClose = errors.New("not a TCP or TLS connection")

// CloseWrite shuts the writing half of a TCP connection: the peer reads
// end of file (shutdown(2) SHUT_WR, which sends FIN), and reading goes
// on. On TLS, a close_notify alert goes first. Later writes fail with
// EPIPE. Info's Shut then includes Write. Repeating it is harmless.
func (c *Channel) CloseWrite() error { return c.shutdown(Write) }

// CloseRead shuts the reading half of a TCP connection (shutdown(2)
// SHUT_RD): on Linux the bytes that had already arrived can still be
// read, then reads give end of file; writing goes on. Info's Shut then includes Read.
func (c *Channel) CloseRead() error { return c.shutdown(Read) }

// shutdown shuts one half (Read or Write).
func (c *Channel) shutdown(half Mode) error {
	var tcp *net.TCPConn
	var tc *tls.Conn
	switch conn := c.conn.(type) {
	case *net.TCPConn:
		tcp = conn
	case *tls.Conn:
		tc = conn
		tcp, _ = conn.NetConn().(*net.TCPConn)
	}
	if tcp == nil || c.kind != KindTCP {
		return c.pathError("shutdown", ErrNoHalfClose)
	}
	var err error
	switch {
	case half == Write && tc != nil:
		// tls.Conn.CloseWrite sends close_notify but leaves the socket
		// open: the FIN is ours to send.
		err = tc.CloseWrite()
		if werr := tcp.CloseWrite(); err == nil {
			err = werr
		}
	case half == Write:
		err = tcp.CloseWrite()
	default:
		err = tcp.CloseRead()
	}
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.shut |= half
	c.mu.Unlock()
	return nil
}
