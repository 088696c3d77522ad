//go:build !linux

package main

import (
	"os"
	"syscall"
)

// setDefaultAction does nothing here: raise falls back to exiting with
// 128+n when the Go runtime ignores sig.
func setDefaultAction(sig syscall.Signal) {}

// kernelDefaults changes nothing here: every signal is notified.
func kernelDefaults(sigs []os.Signal) (rest []os.Signal, restore func()) { return sigs, nil }
