//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package gnuhead

import (
	"os"
	"syscall"
)

// BlockSize is the st_blksize of fi (GNU head reads a regular file no
// larger than this as a stream), or 512 if fi does not tell.
func BlockSize(fi os.FileInfo) int64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Blksize > 0 {
		return int64(st.Blksize)
	}
	return 512
}
