//go:build unix

package main

import (
	"os/signal"
	"syscall"
	"time"
)

// raise makes the process die of sig, with its default action restored.
// The signal is delivered asynchronously; if it has not ended the process
// within a second, the caller goes on to exit with 128+n.
func raise(sig syscall.Signal) {
	signal.Reset(sig)
	// The Go runtime's own handler ignores signals such as USR1 and ALRM
	// when nothing is notified of them; the kernel's default ends the
	// process, as it ends bash.
	setDefaultAction(sig)
	syscall.Kill(syscall.Getpid(), sig)
	time.Sleep(time.Second)
}
