//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fdtable

import (
	"context"
	"errors"
	"os"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// ChildFile returns a real *os.File to give an external command at this
// channel's number (os/exec Stdin, Stdout, Stderr or ExtraFiles). The
// caller starts the command, and calls release once the command has
// exited (release is idempotent). Until then the channel keeps an extra
// reference, so it stays open even if every table entry for it is closed.
// The *os.File belongs to the channel: the caller must not close it.
//
// How the child gets the description:
//   - no read-ahead buffered (after seeking a regular file back to its
//     logical offset): a duplicate descriptor sharing the description,
//     put in blocking mode as children expect. While any child holds it,
//     the channel's own reads wait with poll(2) (deadlines cannot work on
//     a blocking descriptor); when the last holder is released,
//     O_NONBLOCK is restored if it was set before.
//   - read-ahead buffered on a socket, pipe or terminal: a socketpair
//     bridge. The child gets one end (read-write); goroutines feed it the
//     buffered bytes and then what arrives on the channel, and copy what
//     the child writes to the channel (if it is writable). On release, the
//     bytes the bridge took that the child never read go back to the front
//     of the channel's buffer. While a bridge is attached, the channel's
//     other readers wait.
//   - a traced channel (SetTrace) is always bridged, so that the trace
//     sees what the child reads and writes.
func (c *Channel) ChildFile() (f *os.File, release func(), err error) {
	if !c.tryRef() {
		return nil, nil, c.pathError("dup", os.ErrClosed)
	}
	defer func() {
		if err != nil {
			c.Release()
		}
	}()
	if c.raw == nil || c.kind == KindFile && !c.syncOffset() || c.Buffered() > 0 || c.insp.trace.Load() != nil {
		return c.childBridge()
	}
	if (c.kind == KindFile || c.kind == KindNull) && c.file != nil {
		// Regular files and /dev/null are never polled, so os/exec
		// making them blocking changes nothing: hand out the file itself
		// (kept open by the reference taken above) instead of a dup,
		// which saves a descriptor per fd per program started.
		return c.file, sync.OnceFunc(c.Release), nil
	}
	return c.childDup()
}

// childDup hands out a blocking duplicate descriptor. The caller's extra
// reference is dropped by release.
//
// The first child counts itself in c.children before the mode changes, so
// that readers starting meanwhile wait with poll(2), and kicks out a read
// already in progress on the non-blocking descriptor first (blockmode.go).
func (c *Channel) childDup() (*os.File, func(), error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.switching != nil { // another first child is switching the mode
		sw := c.switching
		c.mu.Unlock()
		<-sw
		c.mu.Lock()
	}
	first := c.children == 0
	c.children++
	c.peekGen++ // the child reads the queue too: drop cached peeks (peek_unix.go)
	if first {
		sw := make(chan struct{})
		c.switching = sw
		defer func() {
			c.switching = nil
			close(sw)
		}()
		c.kickDirectLocked()
	}
	dupfd := -1
	var derr error
	if err := c.control(func(fd uintptr) {
		if first {
			c.restoreNB = setBlocking(fd, true)
		}
		dupfd, derr = unix.FcntlInt(fd, unix.F_DUPFD_CLOEXEC, 3)
		if derr != nil && first && c.restoreNB {
			setBlocking(fd, false)
		}
	}); err != nil {
		c.children--
		return nil, nil, c.pathError("dup", err)
	}
	if derr != nil {
		c.children--
		return nil, nil, c.pathError("dup", os.NewSyscallError("fcntl", derr))
	}
	f := os.NewFile(uintptr(dupfd), c.path)
	release := sync.OnceFunc(func() {
		f.Close()
		c.mu.Lock()
		c.children--
		if c.children == 0 && c.restoreNB {
			c.control(func(fd uintptr) { setBlocking(fd, false) })
		}
		c.mu.Unlock()
		c.Release()
	})
	return f, release, nil
}

// bridge connects a child to a channel through a socketpair.
type bridge struct {
	c        *Channel
	our      *os.File // our end, non-blocking, pollable
	child    *os.File // the child's end, blocking
	cancel   context.CancelFunc
	pumpDone chan []byte   // bytes the pump read but could not pass on
	backDone chan struct{} // the copy from the child has finished
}

// newBridge makes the socketpair of a bridge for c: our end non-blocking,
// the child's blocking, both close-on-exec (taken under ForkLock so that
// no concurrent fork inherits them).
func (c *Channel) newBridge() (*bridge, error) {
	syscall.ForkLock.RLock()
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	if err == nil {
		unix.CloseOnExec(fds[0])
		unix.CloseOnExec(fds[1])
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return nil, c.pathError("dup", os.NewSyscallError("socketpair", err))
	}
	unix.SetNonblock(fds[0], true)
	return &bridge{
		c:        c,
		our:      os.NewFile(uintptr(fds[0]), "bridge"),
		child:    os.NewFile(uintptr(fds[1]), c.path),
		backDone: make(chan struct{}),
	}, nil
}

func (c *Channel) childBridge() (*os.File, func(), error) {
	if err := c.lockRead(context.Background()); err != nil {
		return nil, nil, err
	}
	b, err := c.newBridge()
	if err != nil {
		c.unlockRead()
		return nil, nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	b.cancel = cancel
	b.pumpDone = make(chan []byte, 1)
	c.mu.Lock()
	c.bridges++
	c.mu.Unlock()
	go b.pump(ctx, c.takeBuf(-1))
	go b.back()
	return b.child, sync.OnceFunc(b.release), nil
}

// pump feeds the child: first the buffered bytes, then whatever the
// channel delivers, until EOF (then it shuts down the child's input) or
// until it is cancelled. It hands back the bytes it could not write.
func (b *bridge) pump(ctx context.Context, pending []byte) {
	stop := context.AfterFunc(ctx, func() { b.our.SetWriteDeadline(aLongTimeAgo) })
	defer stop()
	chunk := make([]byte, 32*1024)
	for {
		for len(pending) > 0 {
			n, err := b.our.Write(pending)
			pending = pending[n:]
			if err != nil {
				b.pumpDone <- pending
				return
			}
		}
		n, err := b.c.readBridged(ctx, chunk)
		pending = chunk[:n] // written out (or handed back on return) before chunk is read into again
		if err != nil && ctx.Err() == nil {
			// End of input (or an error): pass on what we have, then EOF.
			if _, werr := b.our.Write(pending); werr == nil {
				pending = nil
			}
			b.shutdownWrite()
			<-ctx.Done()
			b.pumpDone <- pending
			return
		}
		if ctx.Err() != nil {
			b.pumpDone <- pending
			return
		}
	}
}

func (b *bridge) shutdownWrite() {
	if rc, err := b.our.SyscallConn(); err == nil {
		rc.Control(func(fd uintptr) { unix.Shutdown(int(fd), unix.SHUT_WR) })
	}
}

// back copies what the child writes to the channel (or drops it when the
// channel is not writable). Stopped by a past read deadline, it then
// drains what is already queued.
func (b *bridge) back() {
	defer close(b.backDone)
	buf := make([]byte, 32*1024)
	forward := func(p []byte) {
		if b.c.mode&Write != 0 && len(p) > 0 {
			b.c.Write(p)
		}
	}
	for {
		n, err := b.our.Read(buf)
		forward(buf[:n])
		if err == nil {
			continue
		}
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			return
		}
		for {
			n := drainOnce(b.our, buf)
			if n <= 0 {
				return
			}
			forward(buf[:n])
		}
	}
}

// drainOnce reads what is queued on a socket without waiting.
func drainOnce(f *os.File, buf []byte) int {
	rc, err := f.SyscallConn()
	if err != nil {
		return 0
	}
	n := 0
	rc.Control(func(fd uintptr) {
		if m, err := recvNoWait(fd, buf, 0); err == nil {
			n = m
		}
	})
	return n
}

// release detaches the bridge after the child has exited: it stops the
// pump, takes back what the child never read, flushes what the child
// wrote, and gives the channel's reader slot and reference back.
func (b *bridge) release() {
	c := b.c
	b.cancel()
	pending := <-b.pumpDone
	var left []byte
	buf := make([]byte, 32*1024)
	for {
		n := drainOnce(b.child, buf)
		if n <= 0 {
			break
		}
		left = append(left, buf[:n]...)
	}
	b.detach()
	c.Unread(append(left, pending...))
	c.unlockRead()
	c.Release()
}

// detach closes the child's end, waits for back to flush what the child
// wrote, closes our end and unregisters the bridge.
func (b *bridge) detach() {
	b.child.Close()
	b.our.SetReadDeadline(aLongTimeAgo)
	<-b.backDone
	b.our.Close()
	b.c.mu.Lock()
	b.c.bridges--
	b.c.mu.Unlock()
}
