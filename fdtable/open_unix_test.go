//go:build linux

package fdtable

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// TestOpenFileKinds: Table.OpenFile's fast open gives each kind of file
// the state os.OpenFile gives it: regular files, directories and the null
// device blocking and without read deadlines, a FIFO non-blocking with
// them; and the same *os.PathError when the open fails.
func TestOpenFileKinds(t *testing.T) {
	checkFDs(t)
	dir := t.TempDir()
	reg := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(reg, []byte("data\n"), 0o600))
	fifo := filepath.Join(dir, "fifo")
	require.NoError(t, unix.Mkfifo(fifo, 0o600))
	cases := []struct {
		name      string
		path      string
		flag      int
		kind      Kind
		deadlines bool
		errno     syscall.Errno
	}{
		{"regular file", reg, os.O_RDONLY, KindFile, false, 0},
		{"new file", filepath.Join(dir, "new"), os.O_WRONLY | os.O_CREATE | os.O_TRUNC, KindFile, false, 0},
		{"null device", os.DevNull, os.O_WRONLY | os.O_CREATE | os.O_TRUNC, KindNull, false, 0},
		{"directory", dir, os.O_RDONLY, KindOther, false, 0},
		{"fifo (read-write, so open does not wait)", fifo, os.O_RDWR, KindPipe, true, 0},
		{"missing", filepath.Join(dir, "nope"), os.O_RDONLY, 0, false, syscall.ENOENT},
		{"directory for writing", dir, os.O_WRONLY, 0, false, syscall.EISDIR},
	}
	tab := NewTable()
	defer tab.ReleaseAll()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := tab.OpenFile(tc.path, tc.flag, 0o666)
			if tc.errno != 0 {
				_, stdErr := os.OpenFile(tc.path, tc.flag, 0o666)
				require.Error(t, err)
				assert.ErrorIs(t, err, tc.errno)
				require.Error(t, stdErr)
				assert.Equal(t, stdErr.Error(), err.Error())
				return
			}
			require.NoError(t, err)
			defer c.Release()
			assert.Equal(t, tc.kind, c.Kind())
			assert.Equal(t, tc.deadlines, c.deadlines, "read deadlines")
			var flags int
			require.NoError(t, c.control(func(fd uintptr) { flags, err = unix.FcntlInt(fd, unix.F_GETFL, 0) }))
			require.NoError(t, err)
			assert.Equal(t, tc.deadlines, flags&unix.O_NONBLOCK != 0, "O_NONBLOCK")
		})
	}
}

// TestOpenNullShared: redirections to /dev/null get Channels of their
// own over one descriptor per access mode, opened once: no descriptor is
// opened or closed per open, a Release leaves the others working, and
// flags the null device cannot ignore (O_EXCL) take the ordinary path.
func TestOpenNullShared(t *testing.T) {
	checkFDs(t)
	cases := []struct {
		name   string
		flag   int
		mode   Mode
		shared bool
	}{
		{"write truncate", os.O_WRONLY | os.O_CREATE | os.O_TRUNC, Write, true},
		{"append", os.O_WRONLY | os.O_CREATE | os.O_APPEND, Write, true},
		{"read", os.O_RDONLY, Read, true},
		{"read-write", os.O_RDWR | os.O_CREATE, Read | Write, true},
		{"exclusive", os.O_WRONLY | os.O_CREATE | os.O_EXCL, Write, false},
	}
	tab := NewTable()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := countFDs(t)
			a, err := tab.OpenFile(os.DevNull, tc.flag, 0o666)
			if !tc.shared {
				// O_EXCL on an existing path fails, as open(2) does.
				assert.ErrorIs(t, err, syscall.EEXIST)
				return
			}
			require.NoError(t, err)
			b, err := tab.OpenFile(os.DevNull, tc.flag, 0o666)
			require.NoError(t, err)
			assert.Equal(t, before, countFDs(t), "descriptors opened")
			assert.NotSame(t, a, b)
			assert.Equal(t, KindNull, a.Kind())
			assert.Equal(t, tc.mode, a.Mode())
			assert.Equal(t, a.Info().OSFD, b.Info().OSFD)
			a.Release()
			if tc.mode&Write != 0 {
				n, err := b.Write([]byte("data"))
				require.NoError(t, err)
				assert.Equal(t, 4, n)
			} else {
				n, err := b.Read(make([]byte, 4))
				assert.Equal(t, 0, n)
				assert.Error(t, err) // end of file
			}
			b.Release()
			assert.Equal(t, before, countFDs(t), "descriptors closed")
			c, err := tab.OpenFile(os.DevNull, tc.flag, 0o666)
			require.NoError(t, err)
			defer c.Release()
			assert.Equal(t, KindNull, c.Kind())
		})
	}
}
