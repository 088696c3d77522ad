package redirect

import (
	"net"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// sockOpt reads an int socket option of c.
func sockOpt(t *testing.T, c net.Conn, level, opt int) int {
	t.Helper()
	rc, err := c.(syscall.Conn).SyscallConn()
	require.NoError(t, err)
	var v int
	var gerr error
	require.NoError(t, rc.Control(func(fd uintptr) { v, gerr = unix.GetsockoptInt(int(fd), level, opt) }))
	require.NoError(t, gerr)
	return v
}

// TestDialSocketOptions: no keep-alive, as in bash; TCP_NODELAY on, as in
// Go (see defaultDialer).
func TestDialSocketOptions(t *testing.T) {
	t.Parallel()
	port := echoTCP(t, listenTCP(t, "tcp4", "127.0.0.1:0"))
	tests := []struct {
		name   string
		dialer *Dialer
	}{
		{name: "zero dialer", dialer: &Dialer{}},
		{name: "nil dialer"},
		{name: "with timeout", dialer: &Dialer{ConnectTimeout: testTimeout}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := tc.dialer.Dial(testCtx(t), mustParse(t, "/dev/tcp/127.0.0.1/"+port))
			require.NoError(t, err)
			defer c.Close()
			require.IsType(t, &net.TCPConn{}, c)
			assert.Equal(t, 0, sockOpt(t, c, unix.SOL_SOCKET, unix.SO_KEEPALIVE), "SO_KEEPALIVE")
			assert.NotEqual(t, 0, sockOpt(t, c, unix.IPPROTO_TCP, unix.TCP_NODELAY), "TCP_NODELAY")
			assert.Equal(t, "echo:"+tc.name+"\n", roundTrip(t, c, tc.name+"\n"))
		})
	}
}
