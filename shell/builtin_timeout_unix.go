//go:build unix

package shell

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// ownGroup starts cmd in a process group of its own when own is set, so
// that timeout's signal reaches the programs it starts too.
func ownGroup(cmd *exec.Cmd, own bool) {
	if !own {
		return
	}
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
}

// signalProcess sends sig to p, and to its process group when group is
// set (p leads it).
func signalProcess(p *os.Process, sig syscall.Signal, group bool) {
	if sig == 0 {
		return
	}
	if group {
		syscall.Kill(-p.Pid, sig)
	}
	p.Signal(sig)
}

// maxSignal is the largest signal number timeout accepts.
const maxSignal = 64

// timeoutSignalNum parses a signal as coreutils does: a number, or a
// name with or without SIG, in any case.
func timeoutSignalNum(s string) (syscall.Signal, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return syscall.Signal(n), n >= 0 && n <= maxSignal && (n == 0 || n >= 32 || unix.SignalName(syscall.Signal(n)) != "")
	}
	name := strings.ToUpper(s)
	if name == "EXIT" {
		return 0, true
	}
	if !strings.HasPrefix(name, "SIG") {
		name = "SIG" + name
	}
	sig := unix.SignalNum(name)
	return sig, sig != 0
}

// timeoutSignalName is the name coreutils prints: "TERM", "EXIT" for 0,
// else the number.
func timeoutSignalName(sig syscall.Signal) string {
	if sig == 0 {
		return "EXIT"
	}
	if n := unix.SignalName(sig); n != "" {
		return strings.TrimPrefix(n, "SIG")
	}
	return strconv.Itoa(int(sig))
}
