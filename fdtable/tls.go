package fdtable

import (
	"crypto/tls"
	"net"
	"syscall"
)

// TLS channels.
//
// A /dev/tls channel wraps a *tls.Conn (see NewConn). Its kind is KindTCP,
// since that is what it is on the wire, and Info adds the TLS version,
// the peer certificate's subject and whether it was verified. The
// *tls.Conn has no OS descriptor of its own (what the socket carries is
// ciphertext), so the channel's raw descriptor is left unset: ChildFile
// then gives external commands the socketpair bridge, which carries the
// plaintext in both directions and hands back what the command did not
// read. Reads are interrupted with deadlines, which a *tls.Conn forwards
// to its socket (a read that timed out can be retried). Info still shows
// the socket's OS descriptor, inode and kernel TCP state.

// wrappedKind is the kind of a connection NewConn does not know by type:
// KindTCP for a *tls.Conn over TCP, else KindSocket.
func wrappedKind(conn net.Conn) Kind {
	if tc, ok := conn.(*tls.Conn); ok {
		if _, ok := tc.NetConn().(*net.TCPConn); ok {
			return KindTCP
		}
	}
	return KindSocket
}

// tlsConn returns the channel's *tls.Conn, or nil when it is not TLS.
func (c *Channel) tlsConn() *tls.Conn {
	tc, _ := c.conn.(*tls.Conn)
	return tc
}

// IsTLS reports whether the channel is a TLS connection.
func (c *Channel) IsTLS() bool { return c.tlsConn() != nil }

// connInfo adds to in what Info cannot see through the channel's own
// descriptor: the halves shut, and for TLS the session's version and peer
// and the OS view of the socket underneath.
func (c *Channel) connInfo(in *Info) {
	c.mu.Lock()
	in.Shut = c.shut
	c.mu.Unlock()
	tc := c.tlsConn()
	if tc == nil {
		return
	}
	st := tc.ConnectionState()
	in.TLSVersion = tls.VersionName(st.Version)
	if len(st.PeerCertificates) > 0 {
		in.TLSSubject = st.PeerCertificates[0].Subject.String()
	}
	in.TLSVerified = len(st.VerifiedChains) > 0
	if sc, ok := tc.NetConn().(syscall.Conn); ok {
		if rc, err := sc.SyscallConn(); err == nil {
			// A stand-in channel for the socket itself, for sysInfo.
			sysInfo(&Channel{kind: c.kind, raw: rc}, in)
		}
	}
}
