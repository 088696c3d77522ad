//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package gnuhead

import "os"

// BlockSize is GNU's fallback block size (512): this system's FileInfo
// does not carry st_blksize.
func BlockSize(fi os.FileInfo) int64 { return 512 }
