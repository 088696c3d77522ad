//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package fdtable

import "os"

// ChildOutputFile is ChildFile on this system, which has no bridges.
func (c *Channel) ChildOutputFile() (f *os.File, release func(), err error) {
	return c.ChildFile()
}
