//go:build linux

package fdtable

import (
	"net"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

func TestInfoTCPState(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	conn, err := net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	srv, err := ln.Accept()
	require.NoError(t, err)
	c := NewConn(conn, "/dev/tcp/127.0.0.1/"+strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
	defer c.Release()

	in := c.Info()
	assert.Equal(t, "ESTABLISHED", in.TCPState)
	assert.Equal(t, "ESTABLISHED", in.State)
	link, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(in.OSFD))
	require.NoError(t, err)
	assert.Equal(t, "socket:["+strconv.FormatUint(in.Inode, 10)+"]", link)

	require.NoError(t, srv.Close())
	require.Eventually(t, func() bool { return c.Info().TCPState == "CLOSE_WAIT" },
		5*time.Second, 10*time.Millisecond)
	// Nothing was read yet: the channel itself has not seen EOF.
	assert.Equal(t, "ESTABLISHED", c.Info().State)

	u, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	require.NoError(t, err)
	uc := NewConn(u, "udp")
	defer uc.Release()
	assert.Equal(t, "", uc.Info().TCPState)
}

func TestInfoRdev(t *testing.T) {
	var st unix.Stat_t
	require.NoError(t, unix.Stat("/dev/null", &st))
	null := openNull(t, os.O_RDONLY)
	defer null.Release()
	f, err := OpenFile(t.TempDir()+"/f", os.O_CREATE|os.O_WRONLY, 0o600)
	require.NoError(t, err)
	defer f.Release()

	tests := []struct {
		name string
		ch   *Channel
		want uint64
	}{
		{"null device", null, uint64(st.Rdev)},
		{"regular file", f, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.ch.Info().Rdev)
		})
	}
}
