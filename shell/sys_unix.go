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

// splitCPUTimes is cpuTimes for the shell and for its waited-for
// children apart (the times builtin).
func splitCPUTimes() (selfUser, selfSys, kidsUser, kidsSys time.Duration) {
	var self, kids syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &kids)
	return time.Duration(self.Utime.Nano()), time.Duration(self.Stime.Nano()),
		time.Duration(kids.Utime.Nano()), time.Duration(kids.Stime.Nano())
}

// killPID sends sig to a process (kill(2)).
func killPID(pid int, sig syscall.Signal) error { return syscall.Kill(pid, sig) }
