//go:build !unix

package main

import "syscall"

// raise is a no-op where signals cannot be sent: the exit status (128+n)
// stands for the signal.
func raise(sig syscall.Signal) {}
