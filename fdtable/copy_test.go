//go:build linux

package fdtable

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordCopies captures the concrete types ReadFrom/WriteTo pass to the
// standard library's copy.
func recordCopies(t *testing.T) *[]string {
	var mu sync.Mutex
	var seen []string
	copyHook = func(dst io.Writer, src io.Reader) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, fmt.Sprintf("%T<-%T", dst, src))
	}
	t.Cleanup(func() { copyHook = nil })
	return &seen
}

func randomBytes(t *testing.T, n int) []byte {
	b := make([]byte, n)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return b
}

func TestWriteToKeepsZeroCopyPath(t *testing.T) {
	checkFDs(t)
	payload := randomBytes(t, 4<<20)
	cases := []struct {
		name   string
		prefix bool // read a line first, so bytes are buffered
		dst    string
	}{
		{"to file channel", false, "channel"},
		{"to file channel with buffered prefix", true, "channel"},
		{"to os.File", false, "file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			seen := recordCopies(t)
			client, server := tcpPair(t)
			go func() {
				server.Write(payload)
				server.CloseWrite()
			}()
			src := NewConn(client, "tcp")
			defer src.Release()
			var first []byte
			if tc.prefix {
				var err error
				first, err = src.ReadDelim(payload[100], 0)
				require.NoError(t, err)
			}
			path := t.TempDir() + "/out"
			var n int64
			var err error
			if tc.dst == "channel" {
				dst, oerr := OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
				require.NoError(t, oerr)
				n, err = src.WriteTo(dst)
				assert.Equal(t, int64(len(payload)-len(first)), dst.Info().BytesOut)
				dst.Release()
			} else {
				f, oerr := os.Create(path)
				require.NoError(t, oerr)
				n, err = src.WriteTo(f)
				f.Close()
			}
			require.NoError(t, err)
			assert.Equal(t, int64(len(payload)-len(first)), n)
			got, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.True(t, bytes.Equal(payload, append(first, got...)), "payload intact")
			assert.Equal(t, []string{"*os.File<-*net.TCPConn"}, *seen)
			assert.Equal(t, int64(len(payload)), src.Info().BytesIn)
			assert.Equal(t, "CLOSE_WAIT", src.Info().State)
		})
	}
}

func TestReadFromKeepsZeroCopyPath(t *testing.T) {
	checkFDs(t)
	payload := randomBytes(t, 3<<20)
	path := t.TempDir() + "/in"
	require.NoError(t, os.WriteFile(path, payload, 0o600))
	seen := recordCopies(t)
	client, server := tcpPair(t)
	dst := NewConn(client, "tcp")
	src, err := OpenFile(path, os.O_RDONLY, 0)
	require.NoError(t, err)
	defer src.Release()
	got := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(server)
		got <- b
	}()
	n, err := dst.ReadFrom(src)
	require.NoError(t, err)
	assert.Equal(t, int64(len(payload)), n)
	assert.Equal(t, int64(len(payload)), dst.Info().BytesOut)
	assert.Equal(t, int64(len(payload)), src.Info().BytesIn)
	dst.Release()
	assert.True(t, bytes.Equal(payload, <-got))
	assert.Equal(t, []string{"*net.TCPConn<-*os.File"}, *seen)
}

func TestUDPWriteIsOneDatagram(t *testing.T) {
	checkFDs(t)
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer pc.Close()
	conn, err := net.Dial("udp", pc.LocalAddr().String())
	require.NoError(t, err)
	c := NewConn(conn, "/dev/udp/127.0.0.1/x")
	defer c.Release()
	assert.Equal(t, KindUDP, c.Kind())
	for _, m := range []string{"a", "bc", "def"} {
		_, err := c.Write([]byte(m))
		require.NoError(t, err)
	}
	require.NoError(t, pc.SetReadDeadline(time.Now().Add(5*time.Second)))
	buf := make([]byte, 100)
	var from net.Addr
	for _, want := range []string{"a", "bc", "def"} {
		var n int
		n, from, err = pc.ReadFrom(buf)
		require.NoError(t, err)
		assert.Equal(t, want, string(buf[:n]))
	}
	_, err = pc.WriteTo([]byte("reply"), from)
	require.NoError(t, err)
	n, err := c.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, "reply", string(buf[:n]))
	info := c.Info()
	assert.Equal(t, "CONNECTED", info.State)
	assert.Equal(t, pc.LocalAddr().String(), info.Remote)
	assert.Equal(t, int64(6), info.BytesOut)
	assert.NotZero(t, info.Inode)
	assert.Greater(t, info.OSFD, 2)
}

func TestBrokenPipeAndReset(t *testing.T) {
	checkFDs(t)
	t.Run("pipe without reader", func(t *testing.T) {
		r, w, err := Pipe()
		require.NoError(t, err)
		defer w.Release()
		r.Release()
		_, err = w.Write([]byte("x"))
		require.Error(t, err)
		assert.True(t, IsBrokenPipe(err))
		assert.Equal(t, "Broken pipe", w.Info().State)
	})
	t.Run("tcp reset by peer", func(t *testing.T) {
		client, server := tcpPair(t)
		c := NewConn(client, "tcp")
		defer c.Release()
		require.NoError(t, server.SetLinger(0))
		require.NoError(t, server.Close())
		var err error
		within(t, 5*time.Second, "Read", func() { _, err = c.Read(make([]byte, 1)) })
		require.Error(t, err)
		assert.True(t, IsReset(err), "got %v", err)
		assert.Equal(t, "RESET", c.Info().State)
		_, err = c.Write([]byte("x"))
		assert.True(t, IsBrokenPipe(err) || IsReset(err), "got %v", err)
	})
}

func TestConcurrentUseThroughClones(t *testing.T) {
	checkFDs(t)
	r, w, err := Pipe()
	require.NoError(t, err)
	defer r.Release()
	tb := NewTable()
	require.NoError(t, tb.Set(1, w))
	const writers, lines = 4, 50
	var wg sync.WaitGroup
	for i := 0; i < writers; i++ {
		clone := tb.Clone()
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer clone.ReleaseAll()
			c, err := clone.Get(1)
			if !assert.NoError(t, err) {
				return
			}
			for j := 0; j < lines; j++ {
				c.Write([]byte("line\n"))
				_ = c.Info()
			}
		}()
	}
	done := make(chan int)
	go func() {
		n := 0
		for {
			b, err := r.ReadDelim('\n', 0)
			if len(b) > 0 {
				n++
			}
			if err != nil {
				done <- n
				return
			}
		}
	}()
	wg.Wait()
	tb.ReleaseAll()
	assert.Equal(t, writers*lines, <-done)
}

func TestWriteToContextStopsOnCancel(t *testing.T) {
	checkFDs(t)
	cases := []struct {
		name string
		src  func(t testing.TB) source
	}{
		{"tcp (deadline path)", tcpSource},
		{"blocking pipe (poll path)", blockingPipeSource},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.src(t)
			c, feed := src.c, src.feed
			defer c.Release()
			feed("some")
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			var out bytes.Buffer
			var n int64
			var err error
			within(t, 5*time.Second, "WriteToContext", func() { n, err = c.WriteToContext(ctx, &out) })
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Equal(t, int64(4), n)
			assert.Equal(t, "some", out.String())
			// The channel still works afterwards.
			feed("more")
			buf := make([]byte, 4)
			_, err = io.ReadFull(c, buf)
			require.NoError(t, err)
			assert.Equal(t, "more", string(buf))
		})
	}
}

func TestInfo(t *testing.T) {
	checkFDs(t)
	client, server := tcpPair(t)
	tcp := NewConn(client, "/dev/tcp/127.0.0.1/80")
	defer tcp.Release()
	path := tempFile(t, "12345")
	file, err := OpenFile(path, os.O_RDONLY, 0)
	require.NoError(t, err)
	defer file.Release()
	null := openNull(t, os.O_WRONLY)
	defer null.Release()
	r, w, err := Pipe()
	require.NoError(t, err)
	defer r.Release()
	defer w.Release()

	cases := []struct {
		name                 string
		c                    *Channel
		kind                 Kind
		mode                 string
		state, local, remote string
		size                 int64
	}{
		{"tcp", tcp, KindTCP, "rw", "ESTABLISHED", client.LocalAddr().String(), server.LocalAddr().String(), -1},
		{"file", file, KindFile, "r", "", "", "", 5},
		{"null", null, KindNull, "w", "", "", "", -1},
		{"pipe", r, KindPipe, "r", "", "", "", -1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.c.Info()
			assert.Equal(t, tc.kind, in.Kind)
			assert.Equal(t, tc.mode, in.Mode.String())
			assert.Equal(t, tc.state, in.State)
			assert.Equal(t, tc.local, in.Local)
			assert.Equal(t, tc.remote, in.Remote)
			assert.Equal(t, tc.size, in.Size)
			assert.True(t, in.Owned)
			assert.Greater(t, in.OSFD, 2)
			assert.NotZero(t, in.Inode)
			assert.Equal(t, 1, in.Refs)
			assert.WithinDuration(t, time.Now(), in.Opened, time.Minute)
		})
	}
}
