//go:build linux || openbsd || dragonfly || solaris || illumos

package testexpr

import (
	"io/fs"
	"syscall"
	"time"
)

// accessTime returns the file's last access time, if known.
func accessTime(fi fs.FileInfo) (time.Time, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || st == nil {
		return time.Time{}, false
	}
	return time.Unix(st.Atim.Unix()), true
}
