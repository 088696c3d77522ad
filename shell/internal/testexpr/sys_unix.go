//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly || solaris || illumos

package testexpr

import (
	"io/fs"
	"os"
	"slices"
	"syscall"

	"golang.org/x/sys/unix"
)

func euid() int { return os.Geteuid() }
func egid() int { return os.Getegid() }

// sysStat returns the raw stat of fi, if it has one.
func sysStat(fi fs.FileInfo) (*syscall.Stat_t, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return st, ok && st != nil
}

// owner returns the file's user and group ids.
func owner(fi fs.FileInfo) (uid, gid int, ok bool) {
	st, ok := sysStat(fi)
	if !ok {
		return 0, 0, false
	}
	return int(st.Uid), int(st.Gid), true
}

// eaccess checks access to path with the effective ids, like bash's
// faccessat(..., AT_EACCESS).
func eaccess(path string, mode uint32) bool {
	return unix.Faccessat(unix.AT_FDCWD, path, mode, unix.AT_EACCESS) == nil
}

// statAccess decides access from the mode bits alone, as bash does for
// /dev/fd/N: root may read and write anything and execute anything with
// an execute bit; others use the owner, group or other bits.
func statAccess(fi fs.FileInfo, mode uint32) bool {
	perm := uint32(fi.Mode().Perm())
	uid, gid, ok := owner(fi)
	if euid() == 0 {
		return mode&accessExec == 0 || perm&0o111 != 0
	}
	if !ok {
		return perm&mode != 0
	}
	switch {
	case uid == euid():
		mode <<= 6
	case isGroupMember(gid):
		mode <<= 3
	}
	return perm&mode != 0
}

func isGroupMember(gid int) bool {
	if gid == egid() {
		return true
	}
	groups, err := os.Getgroups()
	return err == nil && slices.Contains(groups, gid)
}
