//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fdtable

import (
	"os"
	"runtime"
	"strconv"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// inherit records the descriptors the process inherited from its caller.
var inherit struct {
	mu    sync.Mutex
	fds   []int            // found at start-up: open, >= 3, not close-on-exec
	chans map[int]*Channel // imported so far (may since have been closed)
}

func init() { inherit.fds = scanInherited() }

// scanInherited lists open descriptors >= 3 without close-on-exec. Every
// descriptor Go opens is close-on-exec, so these came from the caller.
func scanInherited() []int {
	var cands []int
	dir := "/dev/fd"
	if runtime.GOOS == "linux" {
		dir = "/proc/self/fd"
	}
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			if fd, err := strconv.Atoi(e.Name()); err == nil && fd >= 3 {
				cands = append(cands, fd)
			}
		}
	} else {
		for fd := 3; fd < 1024; fd++ {
			cands = append(cands, fd)
		}
	}
	var fds []int
	for _, fd := range cands {
		fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		if err == nil && fl&unix.FD_CLOEXEC == 0 {
			fds = append(fds, fd)
		}
	}
	return fds
}

// importInherited returns a new reference to the channel of each
// inherited descriptor that is still open, creating channels on first use.
func importInherited() map[int]*Channel {
	inherit.mu.Lock()
	defer inherit.mu.Unlock()
	if inherit.chans == nil {
		inherit.chans = map[int]*Channel{}
	}
	out := map[int]*Channel{}
	for _, fd := range inherit.fds {
		if c, ok := inherit.chans[fd]; ok {
			if c.tryRef() {
				out[fd] = c
			}
			continue
		}
		fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		if err != nil || fl&unix.FD_CLOEXEC != 0 {
			continue // closed, or reused by Go since start-up
		}
		syscall.CloseOnExec(fd)
		path := fdPath(fd)
		c := NewFile(os.NewFile(uintptr(fd), path), accMode(uintptr(fd), Read|Write), path, false)
		inherit.chans[fd] = c // no reference: closed once every table lets go
		out[fd] = c
	}
	return out
}

// fdPath names an OS descriptor: the /proc link target on Linux
// ("/dev/pts/0", "pipe:[1234]", "socket:[5678]"), else /dev/fd/N.
func fdPath(fd int) string {
	if runtime.GOOS == "linux" {
		if p, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(fd)); err == nil {
			return p
		}
	}
	return "/dev/fd/" + strconv.Itoa(fd)
}

// accMode returns the access mode of an OS descriptor.
func accMode(fd uintptr, def Mode) Mode {
	fl, err := unix.FcntlInt(fd, unix.F_GETFL, 0)
	if err != nil {
		return def
	}
	switch fl & unix.O_ACCMODE {
	case unix.O_RDONLY:
		return Read
	case unix.O_WRONLY:
		return Write
	case unix.O_RDWR:
		return Read | Write
	}
	return def
}

func stdMode(f *os.File, def Mode) Mode {
	m := def
	if rc, err := f.SyscallConn(); err == nil {
		rc.Control(func(fd uintptr) { m = accMode(fd, def) })
	}
	return m
}

func stdPath(f *os.File) string {
	p := f.Name()
	if rc, err := f.SyscallConn(); err == nil && runtime.GOOS == "linux" {
		rc.Control(func(fd uintptr) { p = fdPath(int(fd)) })
	}
	return p
}
