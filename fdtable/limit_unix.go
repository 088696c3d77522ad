//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fdtable

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

var limState struct {
	mu                 sync.Mutex
	known              bool   // osCur/osMax hold the process's RLIMIT_NOFILE
	osCur, osMax       uint64 // cached: only SetNoFileLimit changes them
	set                bool   // SetNoFileLimit succeeded: the OS values are the user's
	probed             bool   // soft holds a child's answer for probeCur/probeMax
	probeCur, probeMax uint64 // the OS values when probed
	soft               uint64
}

func fromSys(v uint64) uint64 {
	if v == unix.RLIM_INFINITY {
		return Unlimited
	}
	return v
}

func toSys(v uint64) uint64 {
	if v == Unlimited {
		return unix.RLIM_INFINITY
	}
	return v
}

// goMayHaveRaised reports whether the current soft limit may be the one
// the Go runtime set for itself before main (hard-1 on most systems,
// capped by kern.maxfilesperproc on darwin) rather than the user's.
func goMayHaveRaised(cur, max uint64) bool {
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return cur != max
	}
	return max > 0 && cur == max-1
}

// NoFileLimit returns the user's RLIMIT_NOFILE: the soft limit the shell
// had when it started (or set later with SetNoFileLimit) and the hard
// limit; Unlimited stands for RLIM_INFINITY. The Go runtime raises its own
// soft limit before main and hides the original, restoring it only in
// child processes; when the current value looks like Go's, NoFileLimit
// asks a child (`/bin/sh -c 'ulimit -Sn'`) once and caches the answer. On
// error the current OS values are returned with it.
func NoFileLimit() (soft, hard uint64, err error) {
	limState.mu.Lock()
	defer limState.mu.Unlock()
	// Every open asks (the tables enforce the limit), so the OS values are
	// read once: the process's own limit changes only by SetNoFileLimit.
	if !limState.known {
		var rl syscall.Rlimit
		if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
			return 0, 0, os.NewSyscallError("getrlimit", err)
		}
		limState.known, limState.osCur, limState.osMax = true, uint64(rl.Cur), uint64(rl.Max)
	}
	cur, max := limState.osCur, limState.osMax
	if limState.set || !goMayHaveRaised(cur, max) {
		return fromSys(cur), fromSys(max), nil
	}
	if limState.probed && limState.probeCur == cur && limState.probeMax == max {
		return limState.soft, fromSys(max), nil
	}
	s, err := probeSoftLimit()
	if err != nil {
		return fromSys(cur), fromSys(max), err
	}
	limState.probed, limState.probeCur, limState.probeMax, limState.soft = true, cur, max, s
	return s, fromSys(max), nil
}

// probeSoftLimit asks a child, which gets the original limit back.
func probeSoftLimit() (uint64, error) {
	cmd := exec.Command("/bin/sh", "-c", "ulimit -Sn")
	cmd.Env = []string{"PATH=/usr/bin:/bin", "LC_ALL=C"}
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("fdtable: asking sh for the open files limit: %w", err)
	}
	s := strings.TrimSpace(string(out))
	if s == "unlimited" {
		return Unlimited, nil
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("fdtable: open files limit from sh: %w", err)
	}
	return v, nil
}

// startPoller makes the Go runtime create its network poller (an epoll
// descriptor and an eventfd on Linux) now, by opening a pipe, which the
// runtime registers with it, and closing it. The runtime creates the
// poller at the first pollable descriptor and treats a failure there as
// fatal: under a lowered limit with every number in use, the first socket
// or pipe would crash the process ("runtime: eventfd failed") instead of
// failing with EMFILE.
var startPoller = sync.OnceFunc(func() {
	if r, w, err := os.Pipe(); err == nil {
		r.Close()
		w.Close()
	}
})

// SetNoFileLimit sets RLIMIT_NOFILE for tcpsh itself (setrlimit), which
// child processes then inherit, and makes it the value NoFileLimit and
// the tables enforce. The error wraps the errno (EINVAL, EPERM).
func SetNoFileLimit(soft, hard uint64) error {
	var rl syscall.Rlimit
	setRlim(&rl.Cur, toSys(soft))
	setRlim(&rl.Max, toSys(hard))
	limState.mu.Lock()
	defer limState.mu.Unlock()
	startPoller()
	// syscall.Setrlimit (not x/sys) also tells os/exec to stop restoring
	// the limit Go hid, so children get this one.
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
		return os.NewSyscallError("setrlimit", err)
	}
	limState.set, limState.known = true, false
	return nil
}

// setRlim stores v in an Rlimit field (uint64 on most systems, int64 on
// some BSDs).
func setRlim[T int64 | uint64](p *T, v uint64) { *p = T(v) }
