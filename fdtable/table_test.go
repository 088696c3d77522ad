//go:build linux

package fdtable

import (
	"errors"
	"io"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRefcountSocketClosedByLastReference(t *testing.T) {
	checkFDs(t)
	client, server := tcpPair(t)
	tb := NewTable()
	defer tb.ReleaseAll()
	require.NoError(t, tb.Set(3, NewConn(client, "/dev/tcp/127.0.0.1/x")))
	require.NoError(t, tb.Dup(3, 4))
	c, err := tb.Get(4)
	require.NoError(t, err)
	assert.Equal(t, 2, c.Info().Refs)

	tb.Close(3)
	assert.Equal(t, 1, c.Info().Refs)
	_, err = c.Write([]byte("ping"))
	require.NoError(t, err)
	buf := make([]byte, 4)
	_, err = io.ReadFull(server, buf)
	require.NoError(t, err)
	assert.Equal(t, "ping", string(buf))

	// Still open: the server sees no EOF.
	require.NoError(t, server.SetReadDeadline(time.Now().Add(100*time.Millisecond)))
	_, err = server.Read(buf)
	assert.ErrorIs(t, err, os.ErrDeadlineExceeded)

	tb.Close(4)
	require.NoError(t, server.SetReadDeadline(time.Now().Add(5*time.Second)))
	_, err = server.Read(buf)
	assert.ErrorIs(t, err, io.EOF)
	assert.Equal(t, "CLOSED", c.Info().State)
	assert.Equal(t, 0, c.Info().Refs)
}

func TestBadFileDescriptor(t *testing.T) {
	soft, _, err := NoFileLimit()
	require.NoError(t, err)
	tb := NewTable()
	defer tb.ReleaseAll()
	null := openNull(t, os.O_RDWR)
	require.NoError(t, tb.Set(3, null))
	extra := openNull(t, os.O_RDWR)
	defer extra.Release()

	cases := []struct {
		name string
		op   func() error
		fd   int
	}{
		{"get closed", func() error { _, err := tb.Get(9); return err }, 9},
		{"acquire closed", func() error { _, err := tb.Acquire(9); return err }, 9},
		{"dup from closed", func() error { return tb.Dup(9, 4) }, 9},
		{"dup closed onto itself", func() error { return tb.Dup(9, 9) }, 9},
		{"move from closed", func() error { return tb.Move(8, 4) }, 8},
		{"dup to negative", func() error { return tb.Dup(3, -1) }, -1},
		{"set negative", func() error { return tb.Set(-2, extra) }, -2},
		{"set at limit", func() error { return tb.Set(int(soft), extra) }, int(soft)},
		{"dup to limit", func() error { return tb.Dup(3, int(soft)) }, int(soft)},
		{"CheckFD at limit", func() error { return tb.CheckFD(int(soft)) }, int(soft)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.op()
			require.Error(t, err)
			assert.ErrorIs(t, err, syscall.EBADF)
			var fe *FDError
			require.True(t, errors.As(err, &fe))
			assert.Equal(t, tc.fd, fe.FD)
		})
	}
	_, err = tb.Get(9)
	assert.Equal(t, "9: Bad file descriptor", err.Error())
	assert.Equal(t, 1, extra.Info().Refs, "failed Set must not take the reference")
	assert.Equal(t, []int{3}, tb.FDs())
}

func TestDupMoveClose(t *testing.T) {
	checkFDs(t)
	tb := NewTable()
	defer tb.ReleaseAll()
	c := openNull(t, os.O_WRONLY)
	assert.Equal(t, KindNull, c.Kind())
	assert.Equal(t, Write, c.Mode())
	require.NoError(t, tb.Set(5, c))
	require.NoError(t, tb.Dup(5, 5))
	assert.Equal(t, 1, c.Info().Refs)
	require.NoError(t, tb.Move(5, 7))
	assert.Equal(t, []int{7}, tb.FDs())
	assert.Equal(t, 1, c.Info().Refs)
	tb.Close(7)
	tb.Close(7) // silent when closed
	assert.Empty(t, tb.FDs())
	assert.Equal(t, "CLOSED", c.Info().State)
}

func TestCloneIsolation(t *testing.T) {
	checkFDs(t)
	path := tempFile(t, "")
	parent := NewTable()
	defer parent.ReleaseAll()
	c, err := OpenFile(path, os.O_WRONLY, 0)
	require.NoError(t, err)
	require.NoError(t, parent.Set(3, c))

	child := parent.Clone()
	assert.Equal(t, 2, c.Info().Refs)
	cc, err := child.Get(3)
	require.NoError(t, err)
	assert.Same(t, c, cc, "clones share channels")

	// Writes through either share the offset.
	_, err = cc.Write([]byte("a"))
	require.NoError(t, err)
	_, err = c.Write([]byte("b"))
	require.NoError(t, err)

	// Opens and closes do not cross.
	n := openNull(t, os.O_RDONLY)
	require.NoError(t, child.Set(5, n))
	child.Close(3)
	assert.Equal(t, []int{5}, child.FDs())
	assert.Equal(t, []int{3}, parent.FDs())
	assert.Equal(t, 1, c.Info().Refs)
	child.ReleaseAll()
	assert.Equal(t, "CLOSED", n.Info().State)

	// What was inherited stays so in clones (Std fills it; set by hand
	// here, as Std would import this process's own inherited fds).
	parent.inherited = map[int]bool{0: true}
	clone := parent.Clone()
	defer clone.ReleaseAll()
	assert.True(t, clone.Inherited(0))
	assert.False(t, clone.Inherited(3))

	_, err = c.Write([]byte("c"))
	require.NoError(t, err)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "abc", string(got))
}

func TestSwapRestore(t *testing.T) {
	checkFDs(t)
	tb := NewTable()
	defer tb.ReleaseAll()
	orig := openNull(t, os.O_WRONLY)
	require.NoError(t, tb.Set(1, orig))

	cases := []struct {
		name string
		fd   int
		with func() *Channel
		prev *Channel
	}{
		{"replace open fd", 1, func() *Channel { return openNull(t, os.O_WRONLY) }, orig},
		{"close open fd", 1, func() *Channel { return nil }, orig},
		{"fill closed fd", 6, func() *Channel { return openNull(t, os.O_RDONLY) }, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tmp := tc.with()
			prev := tb.Swap(tc.fd, tmp)
			assert.Same(t, tc.prev, prev)
			got, err := tb.Get(tc.fd)
			if tmp == nil {
				assert.ErrorIs(t, err, syscall.EBADF)
			} else {
				assert.Same(t, tmp, got)
			}
			tb.Restore(tc.fd, prev)
			got, err = tb.Get(tc.fd)
			if tc.prev == nil {
				assert.ErrorIs(t, err, syscall.EBADF)
			} else {
				assert.Same(t, tc.prev, got)
			}
			if tmp != nil {
				assert.Equal(t, "CLOSED", tmp.Info().State, "Restore releases the temporary")
			}
			assert.Equal(t, 1, orig.Info().Refs)
		})
	}
}

func TestLowestFreeAndAllocFD(t *testing.T) {
	checkFDs(t)
	tb := NewTable()
	defer tb.ReleaseAll()
	open := func(fd int) {
		c := openNull(t, os.O_RDONLY)
		require.NoError(t, tb.Set(fd, c))
	}
	open(10)
	open(11)
	assert.Equal(t, 12, tb.LowestFree(10))
	assert.Equal(t, 0, tb.LowestFree(0))
	c := openNull(t, os.O_RDONLY)
	fd, err := tb.AllocFD(10, c)
	require.NoError(t, err)
	assert.Equal(t, 12, fd)
	tb.Close(10)
	assert.Equal(t, 10, tb.LowestFree(10), "closed numbers are reused, as in bash")
	assert.Equal(t, []int{11, 12}, tb.FDs())
	assert.NoError(t, tb.CanOpen(2))
}

func TestUnreadBuffered(t *testing.T) {
	checkFDs(t)
	r, w, err := Pipe()
	require.NoError(t, err)
	defer r.Release()
	defer w.Release()
	_, err = w.Write([]byte("world"))
	require.NoError(t, err)
	r.Unread([]byte("hello "))
	assert.Equal(t, 6, r.Buffered())
	buf := make([]byte, 64)
	n, err := r.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, "hello ", string(buf[:n]), "Read returns buffered bytes first")
	n, err = r.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, "world", string(buf[:n]))
	assert.Equal(t, int64(5), r.Info().BytesIn)
	assert.Equal(t, int64(5), w.Info().BytesOut)
}

func TestKindAndModeStrings(t *testing.T) {
	cases := []struct {
		name string
		got  string
		want string
	}{
		{"tty", KindTTY.String(), "tty"},
		{"file", KindFile.String(), "file"},
		{"pipe", KindPipe.String(), "pipe"},
		{"null", KindNull.String(), "null"},
		{"tcp", KindTCP.String(), "tcp"},
		{"udp", KindUDP.String(), "udp"},
		{"socket", KindSocket.String(), "socket"},
		{"other", KindOther.String(), "other"},
		{"unknown", Kind(42).String(), "kind(42)"},
		{"r", Read.String(), "r"},
		{"w", Write.String(), "w"},
		{"rw", (Read | Write).String(), "rw"},
		{"none", Mode(0).String(), "-"},
		{"strerror", Strerror(syscall.EMFILE), "Too many open files"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, tc.got) })
	}
}

func TestOpenFileErrorUnchanged(t *testing.T) {
	_, err := OpenFile("/nonexistent/dir/x", os.O_RDONLY, 0)
	var pe *os.PathError
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, "/nonexistent/dir/x", pe.Path)
	assert.ErrorIs(t, err, syscall.ENOENT)
}

func TestRefAndHighestFree(t *testing.T) {
	checkFDs(t)
	tb := NewTable()
	defer tb.ReleaseAll()
	c := openNull(t, os.O_RDONLY)
	for _, fd := range []int{63, 61} {
		c.Ref()
		require.NoError(t, tb.Set(fd, c))
	}
	c.Release() // the constructor's reference
	assert.Equal(t, 2, c.Info().Refs)
	assert.Equal(t, 62, tb.HighestFree(63))
	assert.Equal(t, 60, tb.HighestFree(61))
	assert.Equal(t, 64, tb.HighestFree(64))
	assert.Equal(t, -1, tb.HighestFree(-1))
	tb.ReleaseAll()
	c.Ref() // a released channel is not revived
	assert.Equal(t, 0, c.Info().Refs)
}
