//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fdtable

import (
	"context"
	"errors"
	"io"
	"net/netip"
	"os"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// pollSupported says pollRead can wait with poll(2).
const pollSupported = true

// nullRdev is the device number of /dev/null.
var nullRdev = sync.OnceValues(func() (uint64, bool) {
	var st unix.Stat_t
	if err := unix.Stat("/dev/null", &st); err != nil {
		return 0, false
	}
	return uint64(st.Rdev), true
})

func isatty(fd uintptr) bool {
	_, err := unix.IoctlGetTermios(int(fd), ioctlGetTermios)
	return err == nil
}

// detectKind classifies a file-backed channel with fstat.
func detectKind(c *Channel) Kind {
	kind := KindOther
	c.control(func(fd uintptr) {
		var st unix.Stat_t
		if unix.Fstat(int(fd), &st) != nil {
			return
		}
		switch st.Mode & unix.S_IFMT {
		case unix.S_IFREG:
			kind = KindFile
		case unix.S_IFIFO:
			kind = KindPipe
		case unix.S_IFSOCK:
			kind = KindSocket
		case unix.S_IFCHR:
			if isatty(fd) {
				kind = KindTTY
			} else if rdev, ok := nullRdev(); ok && uint64(st.Rdev) == rdev {
				kind = KindNull
			}
		}
	})
	return kind
}

// sysInfo fills the fields of in that need the OS descriptor.
func sysInfo(c *Channel, in *Info) {
	c.control(func(fd uintptr) {
		in.OSFD = int(fd)
		var st unix.Stat_t
		if unix.Fstat(int(fd), &st) == nil {
			in.Dev, in.Inode, in.Rdev = uint64(st.Dev), uint64(st.Ino), uint64(st.Rdev)
			if st.Mode&unix.S_IFMT == unix.S_IFREG {
				in.Size = st.Size
				if off, err := unix.Seek(int(fd), 0, io.SeekCurrent); err == nil {
					in.Offset = off
				}
			}
		}
		if c.kind == KindTCP || c.kind == KindSocket {
			in.TCPState = tcpState(int(fd))
		}
		if c.conn == nil && c.kind == KindSocket {
			if sa, err := unix.Getsockname(int(fd)); err == nil {
				in.Local = sockaddrString(sa)
			}
			if sa, err := unix.Getpeername(int(fd)); err == nil {
				in.Remote = sockaddrString(sa)
			}
		}
	})
}

func sockaddrString(sa unix.Sockaddr) string {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(a.Addr), uint16(a.Port)).String()
	case *unix.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(a.Addr), uint16(a.Port)).String()
	case *unix.SockaddrUnix:
		if a.Name == "" {
			return "@"
		}
		return a.Name
	}
	return ""
}

// pollRead waits for input with poll(2) on the descriptor and, when ctx
// can be cancelled, a wake-up pipe; it honours the read deadline. Used
// when the descriptor may be in blocking mode (an external command holds
// it) or does not support deadlines. Sockets are then read with
// MSG_DONTWAIT so that a reader that lost a race goes back to polling.
func (c *Channel) pollRead(ctx context.Context, p []byte) (int, error) {
	wakeFD := -1
	if ctx.Done() != nil {
		wr, ww, err := os.Pipe()
		if err != nil {
			return 0, err
		}
		defer wr.Close()
		defer ww.Close()
		if rc, err := wr.SyscallConn(); err == nil {
			rc.Control(func(fd uintptr) { wakeFD = int(fd) })
		}
		stop := context.AfterFunc(ctx, func() { ww.Write([]byte{0}) })
		defer stop()
	}
	for {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		timeout := -1
		c.mu.Lock()
		dl := c.rdeadline
		c.mu.Unlock()
		if !dl.IsZero() {
			d := time.Until(dl)
			if d <= 0 {
				return 0, os.ErrDeadlineExceeded
			}
			timeout = int((d + time.Millisecond - 1) / time.Millisecond)
		}
		ready := false
		var perr error
		if err := c.control(func(fd uintptr) {
			fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
			if wakeFD >= 0 {
				fds = append(fds, unix.PollFd{Fd: int32(wakeFD), Events: unix.POLLIN})
			}
			_, perr = unix.Poll(fds, timeout)
			ready = fds[0].Revents != 0
		}); err != nil {
			return 0, err
		}
		if perr != nil && perr != unix.EINTR {
			return 0, os.NewSyscallError("poll", perr)
		}
		if !ready {
			continue
		}
		n, err := c.nbRead(p)
		if errors.Is(err, syscall.EAGAIN) {
			continue
		}
		return n, err
	}
}

// nbRead reads after poll said the descriptor is readable.
func (c *Channel) nbRead(p []byte) (int, error) {
	if !c.kind.socketish() {
		return c.rawRead(p)
	}
	var n int
	var err error
	if cerr := c.control(func(fd uintptr) {
		for {
			n, _, err = unix.Recvfrom(int(fd), p, unix.MSG_DONTWAIT)
			if err != unix.EINTR {
				return
			}
		}
	}); cerr != nil {
		return 0, cerr
	}
	if err != nil {
		if err == unix.EAGAIN {
			return 0, err
		}
		return 0, os.NewSyscallError("recvfrom", err)
	}
	if n == 0 && c.kind != KindUDP {
		return 0, io.EOF
	}
	return n, nil
}

// setBlocking sets or clears O_NONBLOCK on the description behind fd and
// reports whether it was set before.
func setBlocking(fd uintptr, blocking bool) (wasNonblock bool) {
	fl, err := unix.FcntlInt(fd, unix.F_GETFL, 0)
	if err != nil {
		return false
	}
	unix.SetNonblock(int(fd), !blocking)
	return fl&unix.O_NONBLOCK != 0
}

// Ready reports whether a read would not block: bytes are buffered, or
// poll(2) says the descriptor is readable (which includes end of file and
// errors). It is what bash's read -t 0 asks.
func (c *Channel) Ready() bool {
	if c.Buffered() > 0 {
		return true
	}
	ready := false
	c.control(func(fd uintptr) {
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		for {
			_, err := unix.Poll(fds, 0)
			if err != unix.EINTR {
				break
			}
		}
		ready = fds[0].Revents != 0
	})
	return ready
}
