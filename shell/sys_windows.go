//go:build !unix

package shell

import (
	"os"
	"syscall"
	"time"
)

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

// cpuTimes returns zero: Windows times are not reported.
func cpuTimes() (user, sys time.Duration) { return 0, 0 }

// splitCPUTimes returns zeros too.
func splitCPUTimes() (selfUser, selfSys, kidsUser, kidsSys time.Duration) { return 0, 0, 0, 0 }

// killPID ends a process for any signal but 0, which only checks that
// it exists.
func killPID(pid int, sig syscall.Signal) error {
	p, err := os.FindProcess(pid)
	if err != nil {
		return err
	}
	if sig == 0 {
		return nil
	}
	return p.Kill()
}
