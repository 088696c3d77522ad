package redirect

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"syscall"

	"tcpsh/fdtable"
)

// ErrInvalidPort is wrapped by the *Error that ParsePath and Dial return for
// a numeric port above 65535.
var ErrInvalidPort = errors.New("invalid port number")

// ErrNotNetwork is wrapped by the *Error that Dial returns for a Target
// whose Kind is not TCP or UDP.
var ErrNotNetwork = errors.New("not a network path")

// Error is a failure to open a special path, worded as bash 5.2 words it.
//
// The shell prints up to two lines. If Notice is not empty it comes first:
// "tcpsh: line N: " + Notice when NoticeHasLine, else "tcpsh: " + Notice
// (bash reports connect and socket failures with perror, which has no line
// number). Then "tcpsh: line N: " + Error(). For example, for a refused
// connection:
//
//	tcpsh: connect: Connection refused
//	tcpsh: line 1: /dev/tcp/127.0.0.1/1: Connection refused
type Error struct {
	// Path is the redirection path as written.
	Path string
	// Notice is the first, explanatory line without the "tcpsh: " prefix,
	// e.g. "connect: Connection refused" or
	// "abc: Servname not supported for ai_socktype"; it may be empty.
	Notice string
	// NoticeHasLine says whether Notice is printed with the line number.
	NoticeHasLine bool
	// Err is the cause; Errno(Err) is the text after the path.
	Err error
}

// Error returns the second line without its prefix: Path + ": " + Errno(Err),
// e.g. "/dev/tcp/127.0.0.1/1: Connection refused".
func (e *Error) Error() string { return e.Path + ": " + Errno(e.Err) }

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// errnoText holds glibc's strerror texts, which bash prints, for the errors
// a shell meets. Using a fixed table gives the same wording on every
// platform.
var errnoText = map[syscall.Errno]string{
	syscall.EPERM:           "Operation not permitted",
	syscall.ENOENT:          "No such file or directory",
	syscall.EINTR:           "Interrupted system call",
	syscall.EIO:             "Input/output error",
	syscall.ENXIO:           "No such device or address",
	syscall.E2BIG:           "Argument list too long",
	syscall.ENOEXEC:         "Exec format error",
	syscall.EBADF:           "Bad file descriptor",
	syscall.ECHILD:          "No child processes",
	syscall.EAGAIN:          "Resource temporarily unavailable",
	syscall.ENOMEM:          "Cannot allocate memory",
	syscall.EACCES:          "Permission denied",
	syscall.EFAULT:          "Bad address",
	syscall.EBUSY:           "Device or resource busy",
	syscall.EEXIST:          "File exists",
	syscall.EXDEV:           "Invalid cross-device link",
	syscall.ENODEV:          "No such device",
	syscall.ENOTDIR:         "Not a directory",
	syscall.EISDIR:          "Is a directory",
	syscall.EINVAL:          "Invalid argument",
	syscall.ENFILE:          "Too many open files in system",
	syscall.EMFILE:          "Too many open files",
	syscall.ENOTTY:          "Inappropriate ioctl for device",
	syscall.ETXTBSY:         "Text file busy",
	syscall.EFBIG:           "File too large",
	syscall.ENOSPC:          "No space left on device",
	syscall.ESPIPE:          "Illegal seek",
	syscall.EROFS:           "Read-only file system",
	syscall.EMLINK:          "Too many links",
	syscall.EPIPE:           "Broken pipe",
	syscall.ERANGE:          "Numerical result out of range",
	syscall.EDEADLK:         "Resource deadlock avoided",
	syscall.ENAMETOOLONG:    "File name too long",
	syscall.ENOSYS:          "Function not implemented",
	syscall.ENOTEMPTY:       "Directory not empty",
	syscall.ELOOP:           "Too many levels of symbolic links",
	syscall.ENOTSOCK:        "Socket operation on non-socket",
	syscall.EDESTADDRREQ:    "Destination address required",
	syscall.EMSGSIZE:        "Message too long",
	syscall.EPROTOTYPE:      "Protocol wrong type for socket",
	syscall.ENOPROTOOPT:     "Protocol not available",
	syscall.EPROTONOSUPPORT: "Protocol not supported",
	syscall.EOPNOTSUPP:      "Operation not supported",
	syscall.EAFNOSUPPORT:    "Address family not supported by protocol",
	syscall.EADDRINUSE:      "Address already in use",
	syscall.EADDRNOTAVAIL:   "Cannot assign requested address",
	syscall.ENETDOWN:        "Network is down",
	syscall.ENETUNREACH:     "Network is unreachable",
	syscall.ENETRESET:       "Network dropped connection on reset",
	syscall.ECONNABORTED:    "Software caused connection abort",
	syscall.ECONNRESET:      "Connection reset by peer",
	syscall.ENOBUFS:         "No buffer space available",
	syscall.EISCONN:         "Transport endpoint is already connected",
	syscall.ENOTCONN:        "Transport endpoint is not connected",
	syscall.ESHUTDOWN:       "Cannot send after transport endpoint shutdown",
	syscall.ETIMEDOUT:       "Connection timed out",
	syscall.ECONNREFUSED:    "Connection refused",
	syscall.EHOSTDOWN:       "Host is down",
	syscall.EHOSTUNREACH:    "No route to host",
	syscall.EALREADY:        "Operation already in progress",
	syscall.EINPROGRESS:     "Operation now in progress",
	syscall.EDQUOT:          "Disk quota exceeded",
	syscall.ESTALE:          "Stale file handle",
}

// getaddrinfo's messages (gai_strerror), which bash prints for name and
// service lookup failures.
const (
	gaiNoName  = "Name or service not known"
	gaiAgain   = "Temporary failure in name resolution"
	gaiService = "Servname not supported for ai_socktype"
)

// Errno returns the text bash would print for err: the C library's strerror
// wording ("Connection refused", "No such file or directory", ...) for
// system errors and their Go equivalents, getaddrinfo's wording for name
// lookup failures, and err.Error() for anything else. For an *Error it
// words the cause, not the path. It returns "" for a nil error.
func Errno(err error) string {
	if err == nil {
		return ""
	}
	var rerr *Error
	if errors.As(err, &rerr) {
		return Errno(rerr.Err)
	}
	var errno syscall.Errno
	hasErrno := errors.As(err, &errno)
	if hasErrno {
		if s, ok := errnoText[errno]; ok {
			return s
		}
		if s, ok := platformErrnoText(errno); ok {
			return s
		}
	}
	if s, ok := sentinelText(err); ok {
		return s
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsText(dnsErr)
	}
	if hasErrno {
		return fdtable.Strerror(errno)
	}
	return err.Error()
}

// sentinelText words Go's portable error values as strerror would.
func sentinelText(err error) (string, bool) {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errnoText[syscall.ENOENT], true
	case errors.Is(err, fs.ErrPermission):
		return errnoText[syscall.EACCES], true
	case errors.Is(err, fs.ErrExist):
		return errnoText[syscall.EEXIST], true
	case errors.Is(err, net.ErrClosed), errors.Is(err, fs.ErrClosed):
		return errnoText[syscall.EBADF], true
	case errors.Is(err, io.ErrClosedPipe):
		return errnoText[syscall.EPIPE], true
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return errnoText[syscall.ETIMEDOUT], true
	case errors.Is(err, context.Canceled):
		return errnoText[syscall.EINTR], true
	case errors.Is(err, fs.ErrInvalid):
		return errnoText[syscall.EINVAL], true
	}
	return "", false
}

// dnsText words a lookup failure as gai_strerror would.
func dnsText(e *net.DNSError) string {
	switch {
	case e.IsNotFound && e.Err == "unknown port":
		return gaiService
	case e.IsNotFound:
		return gaiNoName
	case e.IsTimeout, e.IsTemporary:
		return gaiAgain
	}
	return gaiNoName
}
