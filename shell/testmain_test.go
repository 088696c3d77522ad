package shell

import (
	"os"
	"testing"

	"tcpsh/fdtable"
)

// TestMain opens the null device once in each access mode before any
// test runs: fdtable then keeps one descriptor per mode for good
// (fdtable/open_unix.go), which tests that count the process's
// descriptors around their work would otherwise take for a leak.
func TestMain(m *testing.M) {
	tab := fdtable.NewTable()
	for _, flag := range []int{os.O_RDONLY, os.O_WRONLY, os.O_RDWR} {
		if c, err := tab.OpenFile(os.DevNull, flag, 0); err == nil {
			c.Release()
		}
	}
	os.Exit(m.Run())
}
