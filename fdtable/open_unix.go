//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fdtable

import (
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// openFile is OpenFile with fewer system calls, for redirections such as
// `>/dev/null` and `<file` that run once per command. os.OpenFile puts
// every descriptor into non-blocking mode and tries to register it with
// the runtime's poller, which regular files and the null device refuse
// (two fcntl to set the flag, an epoll_ctl that fails, two fcntl to clear
// it). openFile looks with fstat first: a regular file, directory, block
// device or the null device is wrapped as it is, blocking and without
// the poller, which is where os.OpenFile ends up with them; anything else
// (a FIFO, a terminal, another device) is made non-blocking and offered
// to the poller, and put back into blocking mode if the poller refuses
// it, as os.OpenFile does. Errors are *os.PathError, as from os.OpenFile.
func openFile(path string, flag int, perm os.FileMode) (*Channel, error) {
	var fd int
	var err error
	for {
		fd, err = unix.Open(path, flag|unix.O_CLOEXEC, sysMode(perm))
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	plain := false
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG, unix.S_IFDIR, unix.S_IFBLK:
		plain = true
	case unix.S_IFCHR:
		rdev, ok := nullRdev()
		plain = ok && uint64(st.Rdev) == rdev
	}
	if plain {
		return NewFile(os.NewFile(uintptr(fd), path), modeFromFlag(flag), path, true), nil
	}
	if err := unix.SetNonblock(fd, true); err != nil {
		unix.Close(fd)
		return OpenFile(path, flag, perm)
	}
	f := os.NewFile(uintptr(fd), path) // non-blocking: offered to the poller
	if f.SetReadDeadline(time.Time{}) != nil {
		unix.SetNonblock(fd, false) // the poller refused it
	}
	return NewFile(f, modeFromFlag(flag), path, true), nil
}

// sysMode is perm as open(2) takes it (os.OpenFile's conversion).
func sysMode(perm os.FileMode) uint32 {
	m := uint32(perm.Perm())
	if perm&os.ModeSetuid != 0 {
		m |= unix.S_ISUID
	}
	if perm&os.ModeSetgid != 0 {
		m |= unix.S_ISGID
	}
	if perm&os.ModeSticky != 0 {
		m |= unix.S_ISVTX
	}
	return m
}
