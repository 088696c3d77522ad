//go:build linux || openbsd || dragonfly || solaris || illumos

package testexpr

import (
	"io/fs"
	"time"
)

// accessTime returns the file's last access time, if known.
func accessTime(fi fs.FileInfo) (time.Time, bool) {
	st, ok := sysStat(fi)
	if !ok {
		return time.Time{}, false
	}
	return time.Unix(st.Atim.Unix()), true
}
