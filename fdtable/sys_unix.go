//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fdtable

import (
	"context"
	"errors"
	"io"
	"math"
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
			// The null device first: it needs no ioctl.
			if rdev, ok := nullRdev(); ok && uint64(st.Rdev) == rdev {
				kind = KindNull
			} else if isatty(fd) {
				kind = KindTTY
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

// pollRead reads p with pollWait: used when the descriptor may be in
// blocking mode (an external command holds it) or does not support
// deadlines. Sockets are then read with MSG_DONTWAIT so that a reader that
// lost a race goes back to polling.
func (c *Channel) pollRead(ctx context.Context, p []byte) (int, error) {
	if c.kind.datagram() && c.dgramPending() {
		return c.nbRead(p) // the rest of a datagram read earlier: no wait
	}
	return c.pollWait(ctx, func() (int, error) { return c.nbRead(p) })
}

// pollWait waits with poll(2) until the descriptor is readable and then
// calls op, which must not block; while op fails with EAGAIN (another
// reader was quicker) it waits again. It gives up with ctx.Err() soon after
// ctx is done (the reader's waker interrupts the poll) and with an error
// wrapping os.ErrDeadlineExceeded once the read deadline has passed. The
// caller holds the read slot.
func (c *Channel) pollWait(ctx context.Context, op func() (int, error)) (int, error) {
	for {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		timeout, err := c.pollTimeout()
		if err != nil {
			return 0, err
		}
		ready, err := c.waitIn(ctx, timeout)
		if err == unix.EINTR || err == nil && !ready {
			continue
		}
		if err != nil {
			return 0, err
		}
		n, err := op()
		if !errors.Is(err, unix.EAGAIN) {
			return n, err
		}
	}
}

// waitIn polls for input for up to timeout milliseconds, or until ctx is
// done. Input that is already queued needs no wake-up pipe: without a
// waker for ctx it first looks without waiting, and makes one only to
// wait.
func (c *Channel) waitIn(ctx context.Context, timeout int) (bool, error) {
	if ctx.Done() == nil {
		return c.pollIn(-1, timeout)
	}
	if c.wake == nil || c.wake.ctx != ctx {
		if ready, err := c.pollIn(-1, 0); ready || err != nil || timeout == 0 {
			return ready, err
		}
	}
	w, err := c.wakerFor(ctx)
	if err != nil {
		return false, err
	}
	return c.pollIn(w.r, timeout)
}

// pollIn polls the descriptor, and wakeFD if >= 0, for input for up to
// timeout milliseconds (-1: no limit) and reports whether the descriptor
// is readable (which includes end of file and errors). EINTR is returned
// bare.
func (c *Channel) pollIn(wakeFD, timeout int) (ready bool, err error) {
	var perr error
	if err := c.control(func(fd uintptr) {
		// poll(2) ignores entries with a negative descriptor.
		fds := [2]unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}, {Fd: int32(wakeFD), Events: unix.POLLIN}}
		_, perr = unix.Poll(fds[:], timeout)
		ready = fds[0].Revents != 0
	}); err != nil {
		return false, c.pathError("read", err)
	}
	if perr != nil && perr != unix.EINTR {
		return false, c.pathError("read", os.NewSyscallError("poll", perr))
	}
	return ready, perr
}

// pollTimeout returns the poll(2) timeout in milliseconds until the read
// deadline (-1 when there is none), or an error wrapping
// os.ErrDeadlineExceeded once it has passed.
func (c *Channel) pollTimeout() (int, error) {
	c.mu.Lock()
	dl := c.rdeadline
	c.mu.Unlock()
	if dl.IsZero() {
		return -1, nil
	}
	d := time.Until(dl)
	if d <= 0 {
		return 0, c.pathError("read", os.ErrDeadlineExceeded)
	}
	// Rounded up, and capped to what every poll(2) takes; a far deadline
	// is looked at again after the cap.
	return int(min((d+time.Millisecond-1)/time.Millisecond, math.MaxInt32)), nil
}

// waker interrupts a poll(2) when a context is done: a pipe whose read end
// becomes readable when ctx's AfterFunc writes to it. The holder of the
// read slot makes one only when it has to wait (see waitIn) and keeps it
// until it gives the slot up (unlockRead), so a byte-wise ReadDelim makes
// at most one pipe, and none while input is queued.
type waker struct {
	ctx  context.Context
	stop func() bool
	mu   sync.Mutex // guards w against the AfterFunc
	r, w int
}

// wakerFor returns the read slot holder's waker for ctx, making it on
// first use.
func (c *Channel) wakerFor(ctx context.Context) (*waker, error) {
	if c.wake != nil && c.wake.ctx == ctx {
		return c.wake, nil
	}
	if c.wake != nil {
		c.wake.close()
		c.wake = nil
	}
	var p [2]int
	syscall.ForkLock.RLock()
	err := unix.Pipe(p[:])
	if err == nil {
		unix.CloseOnExec(p[0])
		unix.CloseOnExec(p[1])
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return nil, c.pathError("read", os.NewSyscallError("pipe", err))
	}
	w := &waker{ctx: ctx, r: p[0], w: p[1]}
	w.stop = context.AfterFunc(ctx, func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.w >= 0 {
			unix.Write(w.w, []byte{0})
		}
	})
	c.wake = w
	return w, nil
}

// close stops the waker and closes its pipe.
func (w *waker) close() {
	w.stop()
	w.mu.Lock()
	defer w.mu.Unlock()
	unix.Close(w.r)
	unix.Close(w.w)
	w.w = -1
}

// recvNoWait is recvfrom(2) with MSG_DONTWAIT added to flags, retried on
// EINTR. The error is the bare errno (EAGAIN: nothing queued).
func recvNoWait(fd uintptr, p []byte, flags int) (int, error) {
	for {
		n, _, err := unix.Recvfrom(int(fd), p, flags|unix.MSG_DONTWAIT)
		if err != unix.EINTR {
			return n, err
		}
	}
}

// nbRead reads after poll said the descriptor is readable. It returns a
// bare EAGAIN when a socket's input was taken by someone else meanwhile.
func (c *Channel) nbRead(p []byte) (int, error) {
	if !c.kind.socketish() {
		return c.rawRead(p)
	}
	if c.kind == KindUDP {
		return c.readDatagram(p, func(b []byte) (int, error) { return c.recvNow(b, 0) })
	}
	n, err := c.recvNow(p, 0)
	if err == nil && n == 0 && c.kind != KindUDP {
		return 0, io.EOF
	}
	return n, err
}

// recvNow is one recvfrom(2) of the socket that does not wait, with flags
// added. The error is a bare EAGAIN when nothing is queued; other errors
// name the channel.
func (c *Channel) recvNow(p []byte, flags int) (int, error) {
	var n int
	var err error
	if cerr := c.control(func(fd uintptr) { n, err = recvNoWait(fd, p, flags) }); cerr != nil {
		return 0, c.pathError("read", cerr)
	}
	switch {
	case err == unix.EAGAIN:
		return 0, err
	case err != nil:
		return 0, c.pathError("read", os.NewSyscallError("recvfrom", err))
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
	want := fl | unix.O_NONBLOCK
	if blocking {
		want = fl &^ unix.O_NONBLOCK
	}
	if want != fl {
		unix.FcntlInt(fd, unix.F_SETFL, want)
	}
	return fl&unix.O_NONBLOCK != 0
}

// Ready reports whether a read would not block: bytes are buffered, or
// poll(2) says the descriptor is readable (which includes end of file and
// errors). It is what bash's read -t 0 asks.
func (c *Channel) Ready() bool {
	if c.Buffered() > 0 {
		return true
	}
	for {
		ready, err := c.pollIn(-1, 0)
		if err != unix.EINTR {
			return ready
		}
	}
}
