//go:build !unix

package shell

import "syscall"

const (
	sigUSR1  = syscall.Signal(10)
	sigUSR2  = syscall.Signal(12)
	sigCHLD  = syscall.Signal(17)
	sigCONT  = syscall.Signal(18)
	sigSTOP  = syscall.Signal(19)
	sigTSTP  = syscall.Signal(20)
	sigWINCH = syscall.Signal(28)
)

var umask = 0o022

func getUmask() int  { return umask }
func setUmask(m int) { umask = m }
