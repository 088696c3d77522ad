//go:build unix

package shell

import (
	"syscall"
	"time"
)

const (
	sigUSR1  = syscall.SIGUSR1
	sigUSR2  = syscall.SIGUSR2
	sigCHLD  = syscall.SIGCHLD
	sigCONT  = syscall.SIGCONT
	sigSTOP  = syscall.SIGSTOP
	sigTSTP  = syscall.SIGTSTP
	sigWINCH = syscall.SIGWINCH
)

// getUmask reads the process umask (there is no way to read it without
// setting it).
func getUmask() int {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return m
}

func setUmask(m int) { syscall.Umask(m) }

// cpuTimes returns the user and system CPU time of the shell and its
// waited-for children so far.
func cpuTimes() (user, sys time.Duration) {
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) == nil {
			user += time.Duration(ru.Utime.Nano())
			sys += time.Duration(ru.Stime.Nano())
		}
	}
	return user, sys
}

// killPID sends sig to a process (kill(2)).
func killPID(pid int, sig syscall.Signal) error { return syscall.Kill(pid, sig) }
