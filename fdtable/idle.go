package fdtable

import (
	"context"
	"errors"
	"sync/atomic"
	"time"
)

// inspect is a channel's idle timeout and wire trace. Both are looked at
// on every read and write, so they are atomics: a channel with neither
// pays two loads.
type inspect struct {
	idle  atomic.Int64 // idle timeout in nanoseconds; 0: none
	fired atomic.Int64 // when the idle timeout last ended a read (UnixNano); 0: never
	trace atomic.Pointer[traceState]
}

// errIdle is the cause of a read's context when the idle timeout ends it.
var errIdle = errors.New("idle timeout")

// SetIdleTimeout sets the channel's idle timeout; d <= 0 clears it. A
// read of the underlying object (by a builtin: Read, ReadContext,
// ReadDelim, WriteTo, ReadFrom) that waits d with nothing arriving then
// ends as at end of file: it returns io.EOF, but the channel is not
// marked as at EOF and the connection stays open, so the next read waits
// again. This is what socat -T, ncat --idle-timeout and nc -w give, for
// servers that never close after a reply (Redis, keep-alive HTTP).
// Regular files and the null device never wait and are not affected.
//
// External commands are not affected: they get the descriptor itself
// (see ChildFile), and a blocking read(2) of theirs has no idle timeout.
func (c *Channel) SetIdleTimeout(d time.Duration) {
	c.insp.idle.Store(int64(max(d, 0)))
}

// IdleTimeout returns the idle timeout set with SetIdleTimeout (0: none).
func (c *Channel) IdleTimeout() time.Duration {
	return time.Duration(c.insp.idle.Load())
}

// IdleFired returns when the idle timeout last ended a read, or the zero
// time if it never did.
func (c *Channel) IdleFired() time.Time {
	if ns := c.insp.fired.Load(); ns != 0 {
		return time.Unix(0, ns)
	}
	return time.Time{}
}

// IsSocket reports whether the channel is a network connection or socket
// of any kind (TCP, UDP, TLS, inherited sockets, listeners).
func (c *Channel) IsSocket() bool {
	return c.conn != nil || c.kind.socketish() || c.kind == KindListen || c.kind == KindBound
}

// inspected reports whether reads or writes must go through the
// channel's own loop rather than the kernel's zero-copy paths: an idle
// timeout needs a fresh wait per read, a trace must see the bytes.
func (c *Channel) inspected() bool {
	return c.insp.idle.Load() > 0 || c.insp.trace.Load() != nil
}

// idleFor returns the idle timeout that applies to reads of the
// underlying object: none for regular files and the null device.
func (c *Channel) idleFor() time.Duration {
	if c.kind == KindFile || c.kind == KindNull {
		return 0
	}
	return time.Duration(c.insp.idle.Load())
}

// idleRead runs op, a read of the underlying object that gives up when
// its context is done, under the idle timeout: when nothing arrives for
// idle, it returns errIdle (and records the time). Bytes that arrived as
// the timeout fired are returned without an error.
func (c *Channel) idleRead(ctx context.Context, idle time.Duration, op func(context.Context) (int, error)) (int, error) {
	ictx, cancel := context.WithTimeoutCause(ctx, idle, errIdle)
	defer cancel()
	n, err := op(ictx)
	if err == nil || ctx.Err() != nil || !errors.Is(context.Cause(ictx), errIdle) {
		return n, err
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		return n, err // a real error or end of file that came as it fired
	}
	if n > 0 {
		return n, nil
	}
	c.insp.fired.Store(time.Now().UnixNano())
	return 0, errIdle
}

// inspectInfo fills the Info fields of idle.go and trace.go.
func (c *Channel) inspectInfo(in *Info) {
	in.IdleTimeout = c.IdleTimeout()
	in.IdleFired = c.IdleFired()
	in.Traced = c.insp.trace.Load() != nil
}
