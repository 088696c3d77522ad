package redirect

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Dialer opens sockets. The zero value works.
type Dialer struct {
	// DialContext, if nil, means (&net.Dialer{}).DialContext. It is called
	// with network "tcp" or "udp" and an address "host:port" whose port is
	// already numeric (service names are resolved before), and whose host
	// is as written: resolving it is DialContext's job, so a sandbox can
	// refuse a host before any name lookup.
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)
	// ConnectTimeout bounds connect (name lookup included, and the TLS
	// handshake of /dev/tls); 0 means the OS default, as in bash.
	ConnectTimeout time.Duration
	// TLSConfig, if not nil, is called at each /dev/tls open for the
	// client configuration (see NewTLSConfig, which reads the session's
	// TCPSH_TLS_INSECURE and SSL_CERT_FILE); its error fails the open
	// before any connection is made. nil means NewTLSConfig(nil, ""): system
	// roots, certificate verified. Dial fills in ServerName (from HOST)
	// and NextProtos (http/1.1) when they are empty.
	TLSConfig func() (*tls.Config, error)
}

// errConnectTimeout is the context cause set when ConnectTimeout expires.
var errConnectTimeout = errors.New("connect timeout")

// defaultDialer connects when Dialer.DialContext is nil. Like bash it sets
// no TCP keep-alive: Go's default would enable probes after 15 s idle,
// four setsockopt calls per connect (W6 opens 1000 sockets); dead peers
// are the idle timeout's business (TCPSH_IDLE_TIMEOUT). It keeps Go's
// TCP_NODELAY, which bash does not set: a small write goes out at once
// instead of waiting for the ACK of the previous one, which is what a
// request written line by line wants (under Nagle and delayed ACKs bash's
// printf of a request stalls 40 ms per line on a kept-alive connection).
var defaultDialer = &net.Dialer{KeepAlive: -1}

// portResolver looks up service names in /etc/services (and Go's built-in
// table) only; it never asks the network.
var portResolver = &net.Resolver{PreferGo: true}

// Dial opens the socket a TCP, UDP or TLS Target names: a TCP connection,
// tried on every address the host resolves to as net.Dialer does, a
// connected UDP socket, or a *tls.Conn whose handshake is done. A nil
// *Dialer works like the zero value.
//
// Errors are *Error values worded as bash 5.2 words them:
//
//   - refused: Notice "connect: Connection refused", Error
//     "PATH: Connection refused" (likewise for other connect errors);
//   - timeout: Notice "connect: Connection timed out", Error
//     "PATH: Connection timed out";
//   - unknown or empty host: Notice "HOST: Name or service not known" (with
//     line), Error "PATH: Invalid argument";
//   - unknown service: Notice "PORT: Servname not supported for ai_socktype"
//     (with line), Error "PATH: Invalid argument";
//   - port above 65535: Error "PATH: invalid port number", no Notice;
//   - TLS: a bad TLSConfig ("PATH: SSL_CERT_FILE=x: No such file or
//     directory") or a failed handshake, no Notice, with the reason in a
//     *TLSError ("PATH: x509: certificate signed by unknown authority");
//     a handshake that times out or is interrupted is worded as connect.
func (d *Dialer) Dial(ctx context.Context, t Target) (net.Conn, error) {
	var network string
	var tlsConf *tls.Config
	switch t.Kind {
	case TCP:
		network = "tcp"
	case TLS:
		network = "tcp"
		var err error
		if tlsConf, err = d.tlsConfig(t); err != nil {
			return nil, err
		}
	case UDP:
		network = "udp"
	default:
		return nil, &Error{Path: t.Path, Err: ErrNotNetwork}
	}
	// getaddrinfo checks the service before the host; so do we.
	port, err := resolvePort(ctx, network, t)
	if err != nil {
		return nil, err
	}
	if t.Host == "" {
		// net.Dial would take "" as the local system; getaddrinfo fails.
		notFound := &net.DNSError{Err: "no such host", Name: "", IsNotFound: true}
		return nil, gaiError(t, t.Host, gaiNoName, notFound)
	}
	dial := defaultDialer.DialContext
	var timeout time.Duration
	if d != nil {
		timeout = d.ConnectTimeout
		if d.DialContext != nil {
			dial = d.DialContext
		}
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, timeout, errConnectTimeout)
		defer cancel()
	}
	conn, err := dial(ctx, network, net.JoinHostPort(t.Host, strconv.Itoa(port)))
	if err != nil {
		if conn != nil {
			_ = conn.Close()
		}
		return nil, dialError(ctx, t, err)
	}
	if tlsConf != nil {
		return handshake(ctx, t, conn, tlsConf)
	}
	return conn, nil
}

// resolvePort turns t.Port into a number, looking up service names locally.
func resolvePort(ctx context.Context, network string, t Target) (int, error) {
	n, numeric, err := numericPort(t.Port)
	if numeric {
		if err != nil {
			return 0, &Error{Path: t.Path, Err: err}
		}
		return n, nil
	}
	if strings.ContainsAny(t.Port, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		// glibc matches service names case-sensitively; Go does not.
		unknown := &net.DNSError{Err: "unknown port", Name: network + "/" + t.Port, IsNotFound: true}
		return 0, gaiError(t, t.Port, gaiService, unknown)
	}
	n, err = portResolver.LookupPort(ctx, network, t.Port)
	if err != nil {
		return 0, gaiError(t, t.Port, gaiService, err)
	}
	return n, nil
}

// gaiError is bash's report of a getaddrinfo failure: a notice naming what
// failed, then the path with EINVAL.
func gaiError(t Target, what, text string, cause error) *Error {
	return &Error{
		Path:          t.Path,
		Notice:        what + ": " + text,
		NoticeHasLine: true,
		Err:           errors.Join(syscall.EINVAL, cause),
	}
}

// dialError words a failed dial; ctx is the context the dial ran under.
func dialError(ctx context.Context, t Target, err error) *Error {
	timedOut := func(cause error) *Error {
		return &Error{
			Path:   t.Path,
			Notice: "connect: " + errnoText[syscall.ETIMEDOUT],
			Err:    errors.Join(syscall.ETIMEDOUT, cause),
		}
	}
	if errors.Is(context.Cause(ctx), errConnectTimeout) && isTimeout(err) {
		return timedOut(err)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return gaiError(t, t.Host, dnsText(dnsErr), err)
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.Is(err, syscall.ETIMEDOUT):
		return timedOut(err)
	case errors.Is(err, context.Canceled):
		return &Error{
			Path:   t.Path,
			Notice: "connect: " + errnoText[syscall.EINTR],
			Err:    errors.Join(syscall.EINTR, err),
		}
	}
	op := "connect"
	var sysErr *os.SyscallError
	if errors.As(err, &sysErr) && sysErr.Syscall == "socket" {
		op = "socket"
	}
	return &Error{Path: t.Path, Notice: op + ": " + Errno(err), Err: err}
}

// isTimeout reports whether err says a deadline passed.
func isTimeout(err error) bool {
	var netErr net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) ||
		errors.As(err, &netErr) && netErr.Timeout()
}

// maxTimeoutSeconds is the largest whole number of seconds a
// time.Duration holds.
const maxTimeoutSeconds = int64(1<<63-1) / int64(time.Second)

// ParseTimeout parses a connect timeout such as TCPSH_CONNECT_TIMEOUT's
// value: a non-negative decimal number of seconds, fractions allowed ("2",
// "0.5", ".25"). Digits beyond nanoseconds are ignored. "0" means no
// timeout. Anything else (empty, signs, exponents, spaces, units,
// overflow) is an error.
func ParseTimeout(s string) (time.Duration, error) {
	bad := func() (time.Duration, error) {
		return 0, fmt.Errorf("invalid timeout %q: want seconds, e.g. 2 or 0.5", s)
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || !allDigits(whole) || !allDigits(frac) {
		return bad()
	}
	var secs int64
	for i := 0; i < len(whole); i++ {
		secs = secs*10 + int64(whole[i]-'0')
		if secs > maxTimeoutSeconds {
			return bad()
		}
	}
	var nanos int64
	for i := 0; i < 9; i++ {
		nanos *= 10
		if i < len(frac) {
			nanos += int64(frac[i] - '0')
		}
	}
	d := time.Duration(secs) * time.Second
	if d > time.Duration(1<<63-1)-time.Duration(nanos) {
		return bad()
	}
	return d + time.Duration(nanos), nil
}

// allDigits reports whether s is made of ASCII decimal digits only (true for
// "").
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
