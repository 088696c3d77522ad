//go:build unix

package shell

import "syscall"

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
