//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package fdtable

import "os"

// openFile is OpenFile (the unix version saves system calls).
func openFile(path string, flag int, perm os.FileMode) (*Channel, error) {
	return OpenFile(path, flag, perm)
}

// prepareNull does nothing here: openFile keeps no descriptors.
func prepareNull() {}
