//go:build !(linux || openbsd || dragonfly || solaris || illumos || darwin || freebsd || netbsd)

package testexpr

import (
	"io/fs"
	"time"
)

// accessTime is unknown on this platform, so -N is always false.
func accessTime(fs.FileInfo) (time.Time, bool) { return time.Time{}, false }
