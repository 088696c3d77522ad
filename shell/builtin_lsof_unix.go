//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package shell

import (
	"os"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// statIDs returns the device and inode numbers of a stat result.
func statIDs(fi os.FileInfo) (dev, ino uint64) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev), uint64(st.Ino)
	}
	return 0, 0
}

// devString prints a device number as lsof does: "major,minor".
func devString(dev uint64) string {
	return strconv.FormatUint(uint64(unix.Major(dev)), 10) + "," + strconv.FormatUint(uint64(unix.Minor(dev)), 10)
}
