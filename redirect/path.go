// Package redirect knows the special file names that bash handles itself in
// redirections (/dev/tcp/HOST/PORT, /dev/udp/HOST/PORT, /dev/stdin,
// /dev/stdout, /dev/stderr and /dev/fd/N), and tcpsh's own
// /dev/tls/HOST/PORT, and opens the sockets behind the network ones.
//
// It returns plain net.Conn values; keeping them in a descriptor table is the
// caller's business. Its errors reproduce bash 5.2's wording (see Error and
// Errno).
package redirect

import (
	"net/netip"
	"strconv"
	"strings"
)

// Kind says what a redirection target names.
type Kind uint8

// The kinds of redirection target. New kinds are appended at the end, so
// the values of the existing ones never change.
const (
	// NotSpecial is an ordinary file path, opened by the operating system.
	NotSpecial Kind = iota
	// TCP is /dev/tcp/HOST/PORT: a TCP connection.
	TCP
	// UDP is /dev/udp/HOST/PORT: a connected UDP socket.
	UDP
	// Stdin is /dev/stdin: a duplicate of descriptor 0.
	Stdin
	// Stdout is /dev/stdout: a duplicate of descriptor 1.
	Stdout
	// Stderr is /dev/stderr: a duplicate of descriptor 2.
	Stderr
	// FD is /dev/fd/N: a duplicate of descriptor N.
	FD
	// TLS is /dev/tls/HOST/PORT: a TLS client connection over TCP (not
	// in bash).
	TLS
)

var kindNames = [...]string{
	NotSpecial: "NotSpecial",
	TCP:        "TCP",
	UDP:        "UDP",
	Stdin:      "Stdin",
	Stdout:     "Stdout",
	Stderr:     "Stderr",
	FD:         "FD",
	TLS:        "TLS",
}

// String returns the constant's name, e.g. "TCP".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// IsNetwork reports whether the kind is opened by Dialer.Dial.
func (k Kind) IsNetwork() bool { return k == TCP || k == UDP || k == TLS }

// IsDup reports whether the kind duplicates an existing descriptor
// (Target.FD).
func (k Kind) IsDup() bool { return k == Stdin || k == Stdout || k == Stderr || k == FD }

// Target is a parsed redirection path.
type Target struct {
	// Kind says what the path names.
	Kind Kind
	// Host is the host of a TCP, UDP or TLS target, as written except that
	// the brackets around an IPv6 literal ("[::1]") are removed.
	Host string
	// Port is the port of a TCP, UDP or TLS target as written: a number or a
	// service name. It may contain slashes ("80/x"), which later fail as an
	// unknown service, as in bash.
	Port string
	// FD is the descriptor duplicated by Stdin (0), Stdout (1), Stderr (2)
	// and FD (N) targets.
	FD int
	// Path is the path as written.
	Path string
}

const (
	tcpPrefix = "/dev/tcp/"
	udpPrefix = "/dev/udp/"
	tlsPrefix = "/dev/tls/"
	fdPrefix  = "/dev/fd/"
	// maxFD bounds /dev/fd/N; larger numbers are left to the operating
	// system, which has no such descriptor either.
	maxFD = 1<<31 - 1
)

// ParsePath classifies a redirection path the way bash does. It does no I/O.
//
// /dev/tcp/HOST/PORT and /dev/udp/HOST/PORT are special when the path has a
// slash after the host: HOST runs up to that slash and PORT is everything
// after it (possibly empty, which means port 0, or containing more
// slashes). A path with no such slash, like /dev/tcp/127.0.0.1, is an
// ordinary file (Kind NotSpecial), as in bash. /dev/tls/HOST/PORT (not
// in bash) follows the same rules. "[::1]" is accepted as a host
// (bash rejects it). A numeric port above 65535 is an error (bash silently
// reduces it modulo 65536); the error is an *Error wrapping ErrInvalidPort,
// returned together with the otherwise parsed Target.
//
// /dev/stdin, /dev/stdout, /dev/stderr and /dev/fd/N (N decimal, no leading
// zeros) are special too. Other paths, including "/dev/fd/01" and
// "/dev/stdout/", are NotSpecial, as they are for bash on Linux.
func ParsePath(path string) (Target, error) {
	t := Target{Path: path}
	switch {
	case strings.HasPrefix(path, tcpPrefix):
		return parseNet(t, TCP, path[len(tcpPrefix):])
	case strings.HasPrefix(path, udpPrefix):
		return parseNet(t, UDP, path[len(udpPrefix):])
	case strings.HasPrefix(path, tlsPrefix):
		return parseNet(t, TLS, path[len(tlsPrefix):])
	case path == "/dev/stdin":
		t.Kind, t.FD = Stdin, 0
	case path == "/dev/stdout":
		t.Kind, t.FD = Stdout, 1
	case path == "/dev/stderr":
		t.Kind, t.FD = Stderr, 2
	case strings.HasPrefix(path, fdPrefix):
		if n, ok := parseFD(path[len(fdPrefix):]); ok {
			t.Kind, t.FD = FD, n
		}
	}
	return t, nil
}

// parseNet fills t from rest, the part of a /dev/tcp/, /dev/udp/ or
// /dev/tls/ path after the prefix.
func parseNet(t Target, kind Kind, rest string) (Target, error) {
	host, port, ok := strings.Cut(rest, "/")
	if !ok {
		return t, nil // bash: an ordinary (and nonexistent) file
	}
	t.Kind, t.Host, t.Port = kind, unbracket(host), port
	if _, numeric, err := numericPort(port); numeric && err != nil {
		return t, &Error{Path: t.Path, Err: err}
	}
	return t, nil
}

// unbracket removes the brackets around an IPv6 literal, leaving any other
// host as written.
func unbracket(host string) string {
	if len(host) < 2 || host[0] != '[' || host[len(host)-1] != ']' {
		return host
	}
	inner := host[1 : len(host)-1]
	if a, err := netip.ParseAddr(inner); err == nil && a.Is6() {
		return inner
	}
	return host
}

// parseFD parses the N of /dev/fd/N: decimal digits without leading zeros.
func parseFD(s string) (int, bool) {
	if s == "" || (s[0] == '0' && len(s) > 1) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
		if n > maxFD {
			return 0, false
		}
	}
	return n, true
}

// numericPort parses port the way glibc's getaddrinfo recognizes a numeric
// service: optional leading white space, an optional '+', then decimal
// digits. The empty string is port 0. numeric is false when port is to be
// looked up as a service name; err is ErrInvalidPort for a number above
// 65535.
func numericPort(port string) (n int, numeric bool, err error) {
	if port == "" {
		return 0, true, nil
	}
	s := strings.TrimLeft(port, " \t\n\v\f\r")
	s = strings.TrimPrefix(s, "+")
	if s == "" {
		return 0, false, nil
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false, nil
		}
		if n <= 65535 {
			n = n*10 + int(c-'0')
		}
	}
	if n > 65535 {
		return 0, true, ErrInvalidPort
	}
	return n, true, nil
}
