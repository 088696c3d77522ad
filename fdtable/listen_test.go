//go:build linux

package fdtable

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListenTCPAccept(t *testing.T) {
	checkFDs(t)
	ln, err := Listen(context.Background(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Release()
	in := ln.Info()
	assert.Equal(t, KindListen, in.Kind)
	assert.Equal(t, "tcp-listen", in.Kind.String())
	assert.Equal(t, "LISTEN", in.State)
	assert.Equal(t, "", in.Remote)
	assert.Equal(t, "tcp-listen:"+in.Local, in.Path)
	assert.NotZero(t, in.Inode)
	assert.True(t, in.Kind.IsListener())

	client, err := net.Dial("tcp", in.Local)
	require.NoError(t, err)
	defer client.Close()
	var conn *Channel
	within(t, 5*time.Second, "Accept", func() { conn, err = ln.Accept(context.Background()) })
	require.NoError(t, err)
	defer conn.Release()
	ci := conn.Info()
	assert.Equal(t, KindTCP, ci.Kind)
	assert.True(t, ci.Accepted)
	assert.Equal(t, client.LocalAddr().String(), ci.Remote)
	assert.Equal(t, in.Local, ci.Local)
	assert.Equal(t, "tcp-accept:"+client.LocalAddr().String(), ci.Path)
	assert.Equal(t, "ESTABLISHED", ci.State)

	// Both directions work, and read's line discipline applies.
	_, err = io.WriteString(client, "hello\nrest")
	require.NoError(t, err)
	line, err := conn.ReadDelim('\n', 0)
	require.NoError(t, err)
	assert.Equal(t, "hello\n", string(line))
	_, err = io.WriteString(conn, "reply\n")
	require.NoError(t, err)
	buf := make([]byte, 16)
	n, err := client.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, "reply\n", string(buf[:n]))
}

func TestListenerReadWriteFail(t *testing.T) {
	checkFDs(t)
	ln, err := Listen(context.Background(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Release()
	_, err = ln.Read(make([]byte, 4))
	assert.ErrorIs(t, err, syscall.ENOTCONN)
	_, err = ln.Write([]byte("x"))
	assert.ErrorIs(t, err, syscall.ENOTCONN)
	assert.Equal(t, "Transport endpoint is not connected", Strerror(err))
	// A copy to a file reads the listener (no splice from it): a read
	// error, as cat reports it.
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	require.NoError(t, err)
	defer f.Close()
	_, err = ln.WriteTo(f)
	var oe *net.OpError
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, "read", oe.Op)
	assert.ErrorIs(t, err, syscall.ENOTCONN)
}

func TestAcceptCancelAndTimeout(t *testing.T) {
	checkFDs(t)
	ln, err := Listen(context.Background(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Release()
	tests := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"timeout", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, context.DeadlineExceeded},
		{"cancel", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel)
			return ctx, cancel
		}, context.Canceled},
		{"already done", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, context.Canceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := tc.ctx()
			defer cancel()
			var got error
			within(t, 5*time.Second, "Accept", func() { _, got = ln.Accept(ctx) })
			assert.ErrorIs(t, got, tc.want)
		})
	}
	// The listener still works afterwards (the deadline was put back).
	client, err := net.Dial("tcp", ln.Info().Local)
	require.NoError(t, err)
	defer client.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := ln.Accept(ctx)
	require.NoError(t, err)
	conn.Release()
}

// While an external command holds the listener (blocking mode), Accept
// still gives up on time and still takes connections.
func TestAcceptWhileChildHolds(t *testing.T) {
	checkFDs(t)
	ln, err := Listen(context.Background(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Release()
	_, release, err := ln.ChildFile()
	require.NoError(t, err)
	defer release()
	require.False(t, nonblocking(t, ln), "a child's listener is blocking")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	within(t, 5*time.Second, "Accept with a timeout", func() { _, err = ln.Accept(ctx) })
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	client, err := net.Dial("tcp", ln.Info().Local)
	require.NoError(t, err)
	defer client.Close()
	var conn *Channel
	within(t, 5*time.Second, "Accept", func() { conn, err = ln.Accept(context.Background()) })
	require.NoError(t, err)
	conn.Release()
	release()
	assert.True(t, nonblocking(t, ln), "non-blocking again after the child")
}

func TestAcceptErrors(t *testing.T) {
	checkFDs(t)
	udp, err := Listen(context.Background(), "udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer udp.Release()
	f := openNull(t, 0)
	tests := []struct {
		name string
		ch   *Channel
		want error
	}{
		{"udp listener", udp, ErrNotListening},
		{"null device", f, ErrNotListening},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.ch.Accept(context.Background())
			assert.ErrorIs(t, err, tc.want)
		})
	}
	closed, err := Listen(context.Background(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closed.Release()
	_, err = closed.Accept(context.Background())
	assert.ErrorIs(t, err, net.ErrClosed)
}

func TestListenErrors(t *testing.T) {
	checkFDs(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	tests := []struct {
		name, network, addr string
		want                error
	}{
		{"address in use", "tcp", busy.Addr().String(), syscall.EADDRINUSE},
		{"unknown network", "sctp", "127.0.0.1:0", net.UnknownNetworkError("sctp")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ch, err := Listen(context.Background(), tc.network, tc.addr)
			assert.Nil(t, ch)
			assert.ErrorIs(t, err, tc.want)
		})
	}
}

func TestUDPListener(t *testing.T) {
	checkFDs(t)
	ln, err := Listen(context.Background(), "udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Release()
	in := ln.Info()
	assert.Equal(t, KindBound, in.Kind)
	assert.Equal(t, "udp-listen", in.Kind.String())
	assert.Equal(t, "LISTEN", in.State)
	assert.Equal(t, "", in.Remote)

	// No sender yet: nowhere to reply.
	_, err = ln.Write([]byte("x"))
	assert.ErrorIs(t, err, syscall.EDESTADDRREQ)

	client, err := net.Dial("udp", in.Local)
	require.NoError(t, err)
	defer client.Close()
	for _, d := range []string{"no newline", "two\nlines\n", "", "last\n"} {
		_, err := client.Write([]byte(d))
		require.NoError(t, err)
	}
	// Each read ends at the end of its datagram; a line is a line.
	tests := []struct{ name, want string }{
		{"datagram without newline", "no newline"},
		{"first line of a datagram", "two\n"},
		{"second line, from the buffer", "lines\n"},
		{"empty datagram", ""},
		{"datagram with newline", "last\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			got, err := ln.ReadDelimContext(ctx, '\n', 0, false)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))
		})
	}
	assert.Equal(t, client.LocalAddr().String(), ln.Info().Remote)

	// A write goes to the last sender, one datagram.
	_, err = ln.Write([]byte("reply\n"))
	require.NoError(t, err)
	require.NoError(t, client.SetReadDeadline(time.Now().Add(5*time.Second)))
	buf := make([]byte, 64)
	n, err := client.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, "reply\n", string(buf[:n]))

	// A read past the deadline is cancelled.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = ln.ReadDelimContext(ctx, '\n', 0, false)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestUDPListenerPartialLine(t *testing.T) {
	checkFDs(t)
	ln, err := Listen(context.Background(), "udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Release()
	client, err := net.Dial("udp", ln.Info().Local)
	require.NoError(t, err)
	defer client.Close()
	for _, d := range []string{"a\nb", "c\n"} {
		_, err := client.Write([]byte(d))
		require.NoError(t, err)
	}
	var got []string
	for range 3 {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		b, err := ln.ReadDelimContext(ctx, '\n', 0, false)
		cancel()
		require.NoError(t, err)
		got = append(got, string(b))
	}
	// "b" ends with its datagram and is not joined to "c".
	assert.Equal(t, []string{"a\n", "b", "c\n"}, got)
	assert.False(t, strings.Contains(ln.Info().Path, "tcp"))
}
