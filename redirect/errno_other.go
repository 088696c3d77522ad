//go:build !windows

package redirect

import "syscall"

// platformErrnoText has nothing to add on Unix: errnoText covers the errno
// values, and others are worded by capitalizing Go's text.
func platformErrnoText(syscall.Errno) (string, bool) { return "", false }
