//go:build windows

package redirect

import (
	"syscall"

	"golang.org/x/sys/windows"
)

// winsockErrno maps Winsock error codes, which Windows returns for socket
// operations, to the errno with the same meaning.
var winsockErrno = map[syscall.Errno]syscall.Errno{
	windows.WSAECONNREFUSED: syscall.ECONNREFUSED,
	windows.WSAECONNRESET:   syscall.ECONNRESET,
	windows.WSAECONNABORTED: syscall.ECONNABORTED,
	windows.WSAETIMEDOUT:    syscall.ETIMEDOUT,
	windows.WSAENETUNREACH:  syscall.ENETUNREACH,
	windows.WSAEHOSTUNREACH: syscall.EHOSTUNREACH,
	windows.WSAEADDRINUSE:   syscall.EADDRINUSE,
	windows.WSAEACCES:       syscall.EACCES,
	windows.WSAEMFILE:       syscall.EMFILE,
	windows.WSAENOTCONN:     syscall.ENOTCONN,
	windows.WSAESHUTDOWN:    syscall.EPIPE,
}

// platformErrnoText words Windows error codes that have no entry in
// errnoText.
func platformErrnoText(e syscall.Errno) (string, bool) {
	if u, ok := winsockErrno[e]; ok {
		return errnoText[u], true
	}
	switch e {
	case windows.ERROR_BROKEN_PIPE, windows.ERROR_NO_DATA:
		return errnoText[syscall.EPIPE], true
	case windows.ERROR_INVALID_HANDLE:
		return errnoText[syscall.EBADF], true
	case windows.ERROR_TOO_MANY_OPEN_FILES:
		return errnoText[syscall.EMFILE], true
	}
	return "", false
}
