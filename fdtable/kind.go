package fdtable

import (
	"errors"
	"strconv"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"
)

// Kind says what sort of object a [Channel] refers to.
type Kind uint8

// The kinds of channel. New kinds (TLS, listening sockets) are added at the
// end so existing values keep their meaning.
const (
	KindTTY    Kind = iota // a terminal
	KindFile               // a regular file
	KindPipe               // a pipe or FIFO
	KindNull               // the null device (/dev/null, NUL)
	KindTCP                // a TCP connection tcpsh opened
	KindUDP                // a connected UDP socket tcpsh opened
	KindSocket             // any other socket, e.g. one inherited from the caller
	KindOther              // anything else (directory, other character device, ...)
	KindListen             // a listening TCP socket (the listen builtin)
	KindBound              // a bound UDP socket without a peer (listen -u)
)

var kindNames = [...]string{"tty", "file", "pipe", "null", "tcp", "udp", "socket", "other", "tcp-listen", "udp-listen"}

// String returns the lower-case name used by the fd and lsof builtins:
// "tty", "file", "pipe", "null", "tcp", "udp", "socket", "other",
// "tcp-listen" or "udp-listen".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// socketish reports whether k is a socket of some sort.
func (k Kind) socketish() bool { return k == KindTCP || k == KindUDP || k == KindSocket }

// Mode is the access mode of a channel: Read, Write or both.
type Mode uint8

// Access modes; combine with |.
const (
	Read Mode = 1 << iota
	Write
)

// String returns "r", "w", "rw", or "-" for no access.
func (m Mode) String() string {
	switch m & (Read | Write) {
	case Read:
		return "r"
	case Write:
		return "w"
	case Read | Write:
		return "rw"
	}
	return "-"
}

// Info is a snapshot of a channel for listings such as the fd and lsof
// builtins. It shares nothing with the channel.
type Info struct {
	Kind  Kind
	Mode  Mode
	Path  string // as the user wrote it, or what the OS calls it for inherited fds
	Owned bool   // false for stdio and inherited descriptors

	Local  string // local address of a socket ("127.0.0.1:4321"), else ""
	Remote string // peer address of a socket, else ""
	// Accepted is true for a connection taken from a listening socket
	// (Channel.Accept): Remote is then the client that connected.
	Accepted bool

	// State is "ESTABLISHED" (TCP) or "CONNECTED" (UDP, other connected
	// sockets) while healthy, "CLOSE_WAIT" once end of file was read from a
	// socket ("EOF" for pipes and terminals), "RESET" after ECONNRESET,
	// "CLOSED" after the last reference was released, or the text of the
	// last I/O error ("Broken pipe"). Empty for files in good health.
	State string
	// TCPState is the kernel's state of a TCP socket from TCP_INFO
	// ("ESTABLISHED", "CLOSE_WAIT", "LISTEN", ...; the names lsof prints),
	// which knows that the peer closed before anything was read. "" when
	// not a TCP socket or not known (only Linux reports it).
	TCPState string

	BytesIn  int64 // bytes read from the underlying file or socket
	BytesOut int64 // bytes written to it
	Opened   time.Time

	OSFD  int    // the real OS descriptor behind the channel, -1 if none
	Dev   uint64 // device number from fstat (0 if unknown)
	Inode uint64 // inode from fstat; the socket inode for sockets
	Rdev  uint64 // device number of a character or block device (/dev/null), else 0
	Size  int64  // size of a regular file, -1 otherwise
	// Offset is the logical offset of a seekable file: the OS offset less
	// any read-ahead still buffered in the channel; -1 if not seekable.
	Offset int64

	Buffered int // read-ahead bytes held in the channel
	Refs     int // references: table entries, clones and pending children
	Children int // external commands currently holding it via ChildFile

	// TLSVersion is the negotiated version of a TLS connection ("TLS 1.3"),
	// "" for other channels (tls.go).
	TLSVersion string
	// TLSSubject is the subject of the peer's leaf certificate
	// ("CN=localhost,O=tcpsh test"), "" when not TLS or none was sent.
	TLSSubject string
	// TLSVerified says the peer's certificate chain was verified (false
	// when verification was skipped).
	TLSVerified bool
	// Shut holds the halves shut with CloseRead (Read) and CloseWrite
	// (Write) (halfclose.go).
	Shut Mode

	// IdleTimeout is the channel's idle timeout (0: none): a read that
	// waits that long with nothing arriving ends as at end of file
	// (idle.go). IdleFired is when that last happened (zero: never).
	IdleTimeout time.Duration
	IdleFired   time.Time
	// Traced says the channel's traffic is being traced (trace.go).
	Traced bool
}

// FDError is the error for an operation on a bad descriptor number, e.g.
// reading fd 9 when it is not open. Err is normally syscall.EBADF (or
// syscall.EMFILE, with FD -1, when no number is free).
type FDError struct {
	FD  int
	Err error
}

// Error returns bash's wording, e.g. "9: Bad file descriptor"; with FD < 0
// just the error text ("Too many open files").
func (e *FDError) Error() string {
	if e.FD < 0 {
		return Strerror(e.Err)
	}
	return strconv.Itoa(e.FD) + ": " + Strerror(e.Err)
}

// Unwrap returns Err, so errors.Is(err, syscall.EBADF) works.
func (e *FDError) Unwrap() error { return e.Err }

func badFD(fd int) error { return &FDError{FD: fd, Err: syscall.EBADF} }

// Strerror returns the C library's text for the errno inside err
// ("Bad file descriptor", "Broken pipe", "Connection reset by peer"), as
// bash prints it. Go's own texts are the same with a lower-case first
// letter. Errors without an errno give err.Error().
func Strerror(err error) string {
	if err == nil {
		return ""
	}
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return err.Error()
	}
	s := errno.Error()
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// IsBrokenPipe reports whether err is a write to a pipe or socket whose
// reader is gone (EPIPE). Where a C program such as bash would have been
// killed by SIGPIPE (exit status 141) the shell sees this error instead.
func IsBrokenPipe(err error) bool { return errors.Is(err, syscall.EPIPE) }

// IsReset reports whether err is a connection reset by the peer.
func IsReset(err error) bool { return errors.Is(err, syscall.ECONNRESET) }
