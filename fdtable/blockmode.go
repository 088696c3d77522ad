package fdtable

import (
	"errors"
	"os"
	"time"
)

// Direct reads and the switch to blocking mode.
//
// A "direct" read is one that reads the descriptor itself and relies on
// the runtime's poller and read deadlines to be interrupted (ctx, the
// idle timeout, read -t): it is correct only while the description is
// non-blocking. Once an external command holds the description
// (childDup), it is blocking, and a read(2), recvfrom(2) without
// MSG_DONTWAIT, splice(2) or accept(2) that starts then waits in the
// kernel, where no deadline reaches it.
//
// Deciding "non-blocking, read directly" and starting the system call are
// two steps, so a child could switch the mode between them. To close that
// window a direct reader registers itself (beginDirect) in the same
// critical section in which it looks at c.children, and unregisters when
// its read has returned (endDirect). The first child (childDup) counts
// itself in c.children first, so that later readers wait with poll(2),
// then kicks out a registered reader by setting the underlying read
// deadline in the past, and waits for it to leave before making the
// description blocking. The kicked reader sees a deadline error it did
// not ask for (endDirect reports it) and retries, now with poll(2).
//
// A copy through the standard library (io.Copy, splice) may be waiting to
// write rather than to read, for instance into the pipe of the very
// command being started: childDup waits for it at most copyKickWait. The
// read deadline stays in the past until it has left (kickPending), so its
// next read fails at once instead of blocking.

// copyKickWait bounds how long childDup waits for a kicked copy to leave.
const copyKickWait = 200 * time.Millisecond

// directHook, when set (by tests), runs after a direct read has
// registered and before it reads.
var directHook func(c *Channel)

// beginDirectLocked decides, with c.mu held, whether a read may go to the
// descriptor directly (non-blocking mode, deadlines work) and if so
// registers it; copying says the read is a whole copy that may also
// wait to write. It returns the kick generation to give endDirect. While
// a kick is pending (the deadline is in the past) reads use poll(2) too.
func (c *Channel) beginDirectLocked(copying bool) (gen uint64, ok bool) {
	if !c.deadlines || c.children > 0 || c.kickPending {
		return 0, false
	}
	c.direct++
	if copying {
		c.directCopy++
	}
	return c.kickGen, true
}

// endDirect unregisters a direct read that returned err and reports
// whether err is only childDup's kick: the caller then retries.
func (c *Channel) endDirect(gen uint64, copying bool, err error) (kicked bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.direct--
	if copying {
		c.directCopy--
	}
	if c.direct == 0 && c.kickPending {
		c.kickPending = false
		c.setUnderlyingDeadline(c.rdeadline)
		close(c.directLeft)
		c.directLeft = nil
	}
	return gen != c.kickGen && err != nil && errors.Is(err, os.ErrDeadlineExceeded)
}

// kickDirectLocked is called by childDup with c.mu held when the first
// child takes the description: it interrupts a direct read in progress
// and waits for it to leave (see above), with c.mu released meanwhile.
// Other callers of childDup wait on c.switching in the meantime.
func (c *Channel) kickDirectLocked() {
	if c.direct == 0 {
		return
	}
	c.kickGen++
	if !c.kickPending {
		c.kickPending = true
		c.directLeft = make(chan struct{})
		c.setUnderlyingDeadline(aLongTimeAgo)
	}
	left, copying := c.directLeft, c.directCopy > 0
	c.mu.Unlock()
	if copying {
		t := time.NewTimer(copyKickWait)
		select {
		case <-left:
		case <-t.C:
		}
		t.Stop()
	} else {
		<-left
	}
	c.mu.Lock()
}

// restoreDeadlineLocked puts the user's read deadline back on the
// underlying object after an interrupt, unless a kick is pending (then
// endDirect does it).
func (c *Channel) restoreDeadlineLocked() {
	if !c.kickPending {
		c.setUnderlyingDeadline(c.rdeadline)
	}
}
