//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package fdtable

import (
	"os"
	"sync"
	"syscall"
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
	if path == "/dev/null" {
		if c := sharedNull(flag); c != nil {
			return c, nil
		}
	}
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

// nullFlags is the flags that a redirection to /dev/null may carry for
// sharedNull to serve it: O_CREAT and O_TRUNC do nothing to the device.
const nullFlags = unix.O_ACCMODE | unix.O_APPEND | unix.O_CREAT | unix.O_TRUNC

// nullFile is the null device opened once in one access mode, shared by
// the Channels of every later redirection to it in that mode.
type nullFile struct {
	file      *os.File
	raw       syscall.RawConn
	deadlines bool
}

// nullFiles holds one nullFile per access mode (the key is
// flag&O_ACCMODE: O_APPEND, like O_TRUNC, does nothing to the device),
// opened on first use and kept for the life of the process
// (close-on-exec: no child sees them unless given one); nil when
// /dev/null could not be opened or is not the null device.
var nullFiles struct {
	sync.Mutex
	m map[int]*nullFile
}

// sharedNull serves `>/dev/null`, `</dev/null` and the like, which
// scripts run once per command, without a system call: the Channel it
// returns is a Channel of its own (its own reference count, mode, buffer
// and state, as after open(2)) over the descriptor of the null device
// opened once for the access mode, which it never closes (noClose, as
// for the process's stdio). What the Channels share, the open file
// description, the null device ignores (offset, O_APPEND); what a
// redirection used to cost was openat, two fstat, an fcntl and a close.
// The price is up to three descriptors kept open (see prepareNull), and
// all these Channels report the same OS descriptor in Info. It returns
// nil when it cannot serve flag, and the caller then opens the path.
func sharedNull(flag int) *Channel {
	if flag&^nullFlags != 0 {
		return nil
	}
	key := flag & unix.O_ACCMODE
	nullFiles.Lock()
	nf, ok := nullFiles.m[key]
	if !ok {
		nf = openNullFile(key)
		if nullFiles.m == nil {
			nullFiles.m = make(map[int]*nullFile)
		}
		nullFiles.m[key] = nf
	}
	nullFiles.Unlock()
	if nf == nil {
		return nil
	}
	c := newChannel(KindNull, modeFromFlag(flag), "/dev/null", true)
	c.file, c.raw, c.deadlines, c.noClose = nf.file, nf.raw, nf.deadlines, true
	return c
}

// prepareNull opens the shared null device descriptors now rather than
// at first use, so that a test counting the process's descriptors around
// its work does not take them for a leak.
func prepareNull() {
	for _, flag := range []int{unix.O_RDONLY, unix.O_WRONLY, unix.O_RDWR} {
		if c := sharedNull(flag); c != nil {
			c.Release()
		}
	}
}

// openNullFile opens /dev/null with flag and checks that it is the null
// device; nil if not.
func openNullFile(flag int) *nullFile {
	fd := openNullTemplate(flag)
	if fd < 0 {
		return nil
	}
	f := os.NewFile(uintptr(fd), "/dev/null")
	nf := &nullFile{file: f, deadlines: f.SetReadDeadline(time.Time{}) == nil}
	if rc, err := f.SyscallConn(); err == nil {
		nf.raw = rc
	}
	return nf
}

// openNullTemplate opens /dev/null with flag and checks that it is the
// null device; -1 if not.
func openNullTemplate(flag int) int {
	fd, err := unix.Open("/dev/null", flag|unix.O_CLOEXEC, 0)
	for err == unix.EINTR {
		fd, err = unix.Open("/dev/null", flag|unix.O_CLOEXEC, 0)
	}
	if err != nil {
		return -1
	}
	var st unix.Stat_t
	rdev, ok := nullRdev()
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFCHR || !ok || uint64(st.Rdev) != rdev {
		unix.Close(fd)
		return -1
	}
	return fd
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
