//go:build linux

package fdtable

import (
	"crypto/tls"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tcpsh/redirect/tlstest"
)

// tlsPair connects a TLS client to a TLS server over a loopback TCP
// connection and returns both ends after the handshake. The client
// verifies the server (name "localhost") unless insecure. The server end
// is closed at cleanup; the client is the caller's.
func tlsPair(t *testing.T, pki *tlstest.PKI, insecure bool) (client, server *tls.Conn) {
	t.Helper()
	cc, sc := tcpPair(t)
	conf := pki.ClientConfig()
	conf.ServerName = "localhost"
	conf.InsecureSkipVerify = insecure
	client = tls.Client(cc, conf)
	server = tls.Server(sc, pki.ServerConfig())
	t.Cleanup(func() { server.Close() })
	errc := make(chan error, 1)
	go func() { errc <- server.Handshake() }()
	require.NoError(t, client.Handshake())
	require.NoError(t, <-errc)
	return client, server
}

func TestTLSChannelInfo(t *testing.T) {
	checkFDs(t)
	pki := tlstest.New(t)
	cases := []struct {
		name     string
		insecure bool
	}{
		{"verified", false},
		{"insecure", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			client, server := tlsPair(t, pki, tc.insecure)
			c := NewConn(client, "/dev/tls/localhost/443")
			defer c.Release()
			assert.True(t, c.IsTLS())
			in := c.Info()
			assert.Equal(t, KindTCP, in.Kind)
			assert.Equal(t, "TLS 1.3", in.TLSVersion)
			assert.Equal(t, tlstest.Subject, in.TLSSubject)
			assert.Equal(t, !tc.insecure, in.TLSVerified)
			assert.Equal(t, "ESTABLISHED", in.State)
			assert.Equal(t, "ESTABLISHED", in.TCPState)
			assert.Equal(t, server.RemoteAddr().String(), in.Local)
			assert.Equal(t, server.LocalAddr().String(), in.Remote)
			assert.Greater(t, in.OSFD, 2, "the socket under the TLS connection")
			assert.NotZero(t, in.Inode)
			assert.Equal(t, Mode(0), in.Shut)
		})
	}
	// Plain TCP channels have no TLS fields.
	client, _ := tcpPair(t)
	c := NewConn(client, "/dev/tcp/127.0.0.1/80")
	defer c.Release()
	assert.False(t, c.IsTLS())
	in := c.Info()
	assert.Empty(t, in.TLSVersion)
	assert.Empty(t, in.TLSSubject)
}

// External commands reach a TLS channel through the bridge: they read
// the plaintext, bytes buffered by a builtin's read first, and what they
// leave unread is still the channel's.
func TestTLSChildFileBridge(t *testing.T) {
	checkFDs(t)
	pki := tlstest.New(t)
	client, server := tlsPair(t, pki, false)
	c := NewConn(client, "/dev/tls/localhost/443")
	defer c.Release()
	_, err := server.Write([]byte("hello\nworld\nmore\n"))
	require.NoError(t, err)
	require.Equal(t, "hello\n", string(readAhead(t, c, 17)))

	got := make(chan string, 1)
	go func() {
		buf := make([]byte, 10)
		_, _ = io.ReadFull(server, buf)
		got <- string(buf)
	}()
	f, release, err := c.ChildFile()
	require.NoError(t, err)
	out := runChild(t, `IFS= read -r x <&3; echo "got $x" >&3; echo "$x"`, nil, f)
	release()
	assert.Equal(t, "world\n", out)
	assert.Equal(t, "got world\n", <-got)
	rest := make([]byte, 5)
	_, err = io.ReadFull(c, rest)
	require.NoError(t, err)
	assert.Equal(t, "more\n", string(rest))
	assert.Equal(t, 1, c.Info().Refs)
}

// cat reads a large body to the server's close, nothing lost.
func TestTLSChildFileCatToEOF(t *testing.T) {
	checkFDs(t)
	pki := tlstest.New(t)
	client, server := tlsPair(t, pki, false)
	c := NewConn(client, "/dev/tls/localhost/443")
	defer c.Release()
	body := strings.Repeat("0123456789abcdef", 1<<14) // 256 KiB
	go func() {
		_, _ = io.WriteString(server, body)
		server.Close()
	}()
	f, release, err := c.ChildFile()
	require.NoError(t, err)
	out := runChild(t, `cat <&3 | wc -c; echo end`, nil, f)
	release()
	assert.Equal(t, "262144\nend\n", strings.TrimLeft(out, " "))
	assert.Equal(t, int64(len(body)), c.Info().BytesIn)
}

func TestHalfClose(t *testing.T) {
	checkFDs(t)
	pki := tlstest.New(t)
	cases := []struct {
		name string
		open func(t *testing.T) (c *Channel, server net.Conn)
	}{
		{"tcp", func(t *testing.T) (*Channel, net.Conn) {
			client, server := tcpPair(t)
			return NewConn(client, "/dev/tcp/127.0.0.1/80"), server
		}},
		{"tls", func(t *testing.T) (*Channel, net.Conn) {
			client, server := tlsPair(t, pki, false)
			return NewConn(client, "/dev/tls/localhost/443"), server
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name+" write half", func(t *testing.T) {
			c, server := tc.open(t)
			defer c.Release()
			_, err := c.Write([]byte("request\n"))
			require.NoError(t, err)
			require.NoError(t, c.CloseWrite())
			require.NoError(t, c.CloseWrite(), "again")
			assert.Equal(t, Write, c.Info().Shut)
			// The server reads the request and then end of file...
			require.NoError(t, server.SetReadDeadline(time.Now().Add(5*time.Second)))
			req, err := io.ReadAll(server)
			require.NoError(t, err)
			assert.Equal(t, "request\n", string(req))
			// ...and its answer still arrives.
			_, err = server.Write([]byte("answer\n"))
			require.NoError(t, err)
			server.Close()
			within(t, 5*time.Second, "reading the answer", func() {
				ans, err := io.ReadAll(c)
				assert.NoError(t, err)
				assert.Equal(t, "answer\n", string(ans))
			})
			_, err = c.Write([]byte("late"))
			assert.Error(t, err, "writing after CloseWrite")
		})
		t.Run(tc.name+" read half", func(t *testing.T) {
			c, server := tc.open(t)
			defer c.Release()
			require.NoError(t, c.CloseRead())
			assert.Equal(t, Read, c.Info().Shut)
			within(t, 5*time.Second, "reading", func() {
				n, err := c.Read(make([]byte, 10))
				assert.Equal(t, 0, n)
				assert.ErrorIs(t, err, io.EOF)
			})
			_, err := c.Write([]byte("still\n"))
			require.NoError(t, err)
			require.NoError(t, c.CloseWrite())
			assert.Equal(t, Read|Write, c.Info().Shut)
			require.NoError(t, server.SetReadDeadline(time.Now().Add(5*time.Second)))
			got, err := io.ReadAll(server)
			require.NoError(t, err)
			assert.Equal(t, "still\n", string(got))
		})
	}
}

func TestHalfCloseNotAStream(t *testing.T) {
	checkFDs(t)
	udpSrv, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer udpSrv.Close()
	uc, err := net.Dial("udp", udpSrv.LocalAddr().String())
	require.NoError(t, err)
	udp := NewConn(uc, "/dev/udp/127.0.0.1/9")
	defer udp.Release()
	r, w, err := Pipe()
	require.NoError(t, err)
	defer r.Release()
	defer w.Release()
	file, err := OpenFile(tempFile(t, "x"), os.O_RDONLY, 0)
	require.NoError(t, err)
	defer file.Release()
	cases := []struct {
		name string
		c    *Channel
	}{
		{"udp", udp},
		{"pipe", w},
		{"file", file},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.ErrorIs(t, tc.c.CloseWrite(), ErrNoHalfClose)
			assert.ErrorIs(t, tc.c.CloseRead(), ErrNoHalfClose)
			assert.Equal(t, Mode(0), tc.c.Info().Shut)
		})
	}
}

// An output-only bridge carries the child's writes and leaves the
// channel's input alone: the child reads end of file, a builtin reads
// the channel meanwhile.
func TestTLSChildOutputFile(t *testing.T) {
	checkFDs(t)
	pki := tlstest.New(t)
	client, server := tlsPair(t, pki, false)
	c := NewConn(client, "/dev/tls/localhost/443")
	defer c.Release()
	_, err := server.Write([]byte("for the builtin\n"))
	require.NoError(t, err)

	f, release, err := c.ChildOutputFile()
	require.NoError(t, err)
	got := make(chan string, 1)
	go func() {
		buf := make([]byte, 6)
		_, _ = io.ReadFull(server, buf)
		got <- string(buf)
	}()
	within(t, 5*time.Second, "a builtin read while the child holds the fd", func() {
		line, err := c.ReadDelim('\n', 0)
		assert.NoError(t, err)
		assert.Equal(t, "for the builtin\n", string(line))
	})
	out := runChild(t, `echo "child" >&3; cat <&3; echo "eof"`, nil, f)
	release()
	assert.Equal(t, "eof\n", out)
	assert.Equal(t, "child\n", <-got)
	assert.Equal(t, 0, c.Info().Children)
	assert.Equal(t, 1, c.Info().Refs)

	// A plain TCP channel gets ChildFile's duplicate.
	tcp, _ := tcpPair(t)
	pc := NewConn(tcp, "/dev/tcp/127.0.0.1/80")
	defer pc.Release()
	_, release, err = pc.ChildOutputFile()
	require.NoError(t, err)
	assert.Equal(t, 1, pc.Info().Children)
	release()
}
