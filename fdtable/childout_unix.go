//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fdtable

import (
	"os"
	"sync"
)

// ChildOutputFile is ChildFile for a number at which the child is not
// expected to read: where ChildFile would attach a socketpair bridge (a
// TLS connection, which has no descriptor of its own), the bridge only
// carries what the child writes to the channel; the child reads end of
// file at once, and nothing is taken from the channel's input. Other
// channels get ChildFile's file.
//
// The shell uses it for a TLS connection that a command inherits at a
// number other than its stdin: every command started while the fd is
// open inherits it (each element of `cat <&3 | tr -d '\r'`), and a full
// bridge would hold the channel's input for as long as the command runs,
// starving the builtin that reads it.
func (c *Channel) ChildOutputFile() (f *os.File, release func(), err error) {
	if c.raw != nil && !c.Traced() { // a traced channel is bridged too (trace.go)
		return c.ChildFile()
	}
	if !c.tryRef() {
		return nil, nil, c.pathError("dup", os.ErrClosed)
	}
	b, err := c.newBridge()
	if err != nil {
		c.Release()
		return nil, nil, err
	}
	b.shutdownWrite() // the child reads end of file
	c.mu.Lock()
	c.bridges++
	c.mu.Unlock()
	go b.back()
	return b.child, sync.OnceFunc(b.releaseOutput), nil
}

// releaseOutput detaches an output-only bridge after the child has
// exited: it flushes what the child wrote and gives the reference back.
func (b *bridge) releaseOutput() {
	b.detach()
	b.c.Release()
}
