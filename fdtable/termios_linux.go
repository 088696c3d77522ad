package fdtable

import "golang.org/x/sys/unix"

// ioctlGetTermios is the request that isatty uses.
const ioctlGetTermios = unix.TCGETS
