//go:build !unix

package shell

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// ownGroup does nothing: there are no process groups here.
func ownGroup(cmd *exec.Cmd, own bool) {}

// signalProcess ends p for any signal but 0.
func signalProcess(p *os.Process, sig syscall.Signal, group bool) {
	if sig != 0 {
		p.Kill()
	}
}

// timeoutSignalNum parses a signal name or number.
func timeoutSignalNum(s string) (syscall.Signal, bool) {
	if s == "0" || s == "EXIT" {
		return 0, true
	}
	return parseSignal(s)
}

// timeoutSignalName is the signal's name without SIG, or "EXIT" for 0.
func timeoutSignalName(sig syscall.Signal) string {
	if sig == 0 {
		return "EXIT"
	}
	if n := signalName(sig); n != "" {
		return n
	}
	return strconv.Itoa(int(sig))
}
