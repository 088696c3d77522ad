//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || solaris || illumos)

package testexpr

import (
	"io/fs"
	"os"
)

// Without Unix ownership, -O and -G are always false.
func euid() int { return -1 }
func egid() int { return -1 }

func owner(fs.FileInfo) (uid, gid int, ok bool) { return 0, 0, false }

// eaccess approximates access(2) from the permission bits.
func eaccess(path string, mode uint32) bool {
	fi, err := os.Stat(path)
	return err == nil && statAccess(fi, mode)
}

// statAccess decides access from the owner permission bits; directories
// are always searchable.
func statAccess(fi fs.FileInfo, mode uint32) bool {
	if mode == accessExec && fi.IsDir() {
		return true
	}
	return uint32(fi.Mode().Perm())&(mode<<6) != 0
}
