//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package shell

import (
	"os"
	"strconv"
)

// statIDs returns zeros: this system's stat has no device and inode
// numbers that lsof would show.
func statIDs(fi os.FileInfo) (dev, ino uint64) { return 0, 0 }

// devString prints a device number in decimal.
func devString(dev uint64) string { return strconv.FormatUint(dev, 10) }
