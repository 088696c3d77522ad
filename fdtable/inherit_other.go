//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package fdtable

import "os"

// importInherited finds nothing on this system.
func importInherited() map[int]*Channel { return nil }

func stdMode(f *os.File, def Mode) Mode { return def }

func stdPath(f *os.File) string { return f.Name() }
