package main

import (
	"os"
	"runtime"
	"strings"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// sigaction is room for the kernel's struct sigaction on every
// architecture; only zeroed ones and ones the kernel filled are passed
// to rt_sigaction, so its layout does not matter. All zero is handler
// SIG_DFL, no flags, empty mask.
type sigaction [64]byte

// sigIgn is the struct sigaction of SIG_IGN: the handler comes first
// everywhere but on mips, where the flags (4 bytes) precede it.
func sigIgn() (a sigaction) {
	off := 0
	if strings.HasPrefix(runtime.GOARCH, "mips") {
		off = 4
		if unsafe.Sizeof(uintptr(0)) == 8 {
			off = 8 // the handler is aligned
		}
	}
	*(*uintptr)(unsafe.Pointer(&a[off])) = 1 // SIG_IGN
	return a
}

// rtSigaction swaps the disposition of sig behind the Go runtime's back.
func rtSigaction(sig syscall.Signal, act, old *sigaction) error {
	setSize := uintptr(8)
	if strings.HasPrefix(runtime.GOARCH, "mips") {
		setSize = 16 // _NSIG is 128 there
	}
	var oldp uintptr
	if old != nil {
		oldp = uintptr(unsafe.Pointer(old))
	}
	_, _, e := unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(act)), oldp, setSize, 0, 0)
	if e != 0 {
		return e
	}
	return nil
}

// setDefaultAction sets sig's disposition to SIG_DFL, for a process about
// to die of sig.
func setDefaultAction(sig syscall.Signal) {
	var dfl sigaction
	rtSigaction(sig, &dfl, nil)
}

// kernelDefaults gives the signals of shell.StartSignals other than
// SIGPIPE bash's disposition without a round trip to the Go runtime's
// signal thread (signal.Notify costs one per signal): QUIT is ignored,
// USR1, USR2 and ALRM end the process. Children are unaffected: in every
// child the runtime resets the signals it handled at start-up to
// SIG_DFL. It returns the signals it did not set, and a function that
// gives the runtime its handlers back, to be called before signal.Notify
// takes them; nil when nothing was changed.
func kernelDefaults(sigs []os.Signal) (rest []os.Signal, restore func()) {
	type saved struct {
		sig syscall.Signal
		old sigaction
	}
	var done []saved
	for _, s := range sigs {
		sig, ok := s.(syscall.Signal)
		var act sigaction
		switch {
		case !ok:
		case sig == syscall.SIGQUIT:
			act = sigIgn()
		case sig == syscall.SIGUSR1, sig == syscall.SIGUSR2, sig == syscall.SIGALRM:
		default:
			ok = false
		}
		if ok {
			done = append(done, saved{sig: sig})
			if rtSigaction(sig, &act, &done[len(done)-1].old) == nil {
				continue
			}
			done = done[:len(done)-1]
		}
		rest = append(rest, s)
	}
	if len(done) == 0 {
		return rest, nil
	}
	return rest, func() {
		for i := range done {
			rtSigaction(done[i].sig, &done[i].old, nil)
		}
	}
}
