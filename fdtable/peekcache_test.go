//go:build linux

package fdtable

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// peekInput is what the peek cache tests' server sends, in one write.
const peekInput = "a1\nb22\nc333\nd4444\n"

// peekChannel connects a channel to a server that has sent input in one
// write and, with closeW, shut its side. With noCache the channel never
// caches peeks, which gives the behaviour to compare with.
func peekChannel(t *testing.T, input string, closeW, noCache bool) *Channel {
	t.Helper()
	client, server := tcpPair(t)
	c := NewConn(client, "/dev/tcp/127.0.0.1/x")
	t.Cleanup(c.Release)
	c.pc.off = noCache
	_, err := server.Write([]byte(input))
	require.NoError(t, err)
	if closeW {
		require.NoError(t, server.CloseWrite())
	}
	return c
}

// TestPeekCacheInterleaved: after a line read with ReadDelim (which
// caches what its peek showed past the line), every other way of reading
// takes the same bytes with the cache as without it, and the lines after
// it stay exact.
func TestPeekCacheInterleaved(t *testing.T) {
	checkFDs(t)
	cases := []struct {
		name  string
		op    func(t *testing.T, c *Channel) string // reads after the first line
		got   string                                // what op returns
		lines []string                              // the ReadDelim results after op
	}{
		{"nothing", func(*testing.T, *Channel) string { return "" }, "",
			[]string{"b22\n", "c333\n", "d4444\n"}},
		{"Read", func(t *testing.T, c *Channel) string {
			b := make([]byte, 3)
			_, err := io.ReadFull(c, b)
			require.NoError(t, err)
			return string(b)
		}, "b22", []string{"\n", "c333\n", "d4444\n"}},
		{"Consume a line (head -n)", func(t *testing.T, c *Channel) string {
			var got []byte
			require.NoError(t, c.Consume(context.Background(), firstLine(&got)))
			return string(got)
		}, "b22\n", []string{"c333\n", "d4444\n"}},
		{"WriteToN (head -c)", func(t *testing.T, c *Channel) string {
			var out bytes.Buffer
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			_, err := c.WriteToN(ctx, &out, 6)
			require.NoError(t, err)
			return out.String()
		}, "b22\nc3", []string{"33\n", "d4444\n"}},
		{"WriteTo (cat)", func(t *testing.T, c *Channel) string {
			var out bytes.Buffer
			_, err := c.WriteTo(&out)
			require.NoError(t, err)
			return out.String()
		}, "b22\nc333\nd4444\n", nil},
		{"read -N", func(t *testing.T, c *Channel) string {
			b, err := c.ReadDelimContext(context.Background(), 0, 6, true)
			require.NoError(t, err)
			return string(b)
		}, "b22\nc3", []string{"33\n", "d4444\n"}},
		{"read -n", func(t *testing.T, c *Channel) string {
			b, err := c.ReadDelimContext(context.Background(), '\n', 2, false)
			require.NoError(t, err)
			return string(b)
		}, "b2", []string{"2\n", "c333\n", "d4444\n"}},
		{"Unread", func(t *testing.T, c *Channel) string {
			c.Unread([]byte("X\n"))
			return ""
		}, "", []string{"X\n", "b22\n", "c333\n", "d4444\n"}},
		{"halfclose -r", func(t *testing.T, c *Channel) string {
			require.NoError(t, c.CloseRead())
			return ""
		}, "", []string{"b22\n", "c333\n", "d4444\n"}}, // Linux still hands out what was queued
		{"external command between two reads", func(t *testing.T, c *Channel) string {
			f, release, err := c.ChildFile()
			require.NoError(t, err)
			defer release()
			return runChild(t, "head -c 6 <&3", nil, f)
		}, "b22\nc3", []string{"33\n", "d4444\n"}},
		{"external command reading nothing", func(t *testing.T, c *Channel) string {
			f, release, err := c.ChildFile()
			require.NoError(t, err)
			defer release()
			return runChild(t, "true", nil, f)
		}, "", []string{"b22\n", "c333\n", "d4444\n"}},
		{"bridged external command", func(t *testing.T, c *Channel) string {
			c.Unread([]byte("X\n")) // buffered bytes: the child gets a bridge
			f, release, err := c.ChildFile()
			require.NoError(t, err)
			defer release()
			return runChild(t, "head -c 6 <&3", nil, f)
		}, "X\nb22\n", []string{"c333\n", "d4444\n"}},
	}
	for _, tc := range cases {
		for _, noCache := range []bool{false, true} {
			name := tc.name
			if noCache {
				name += "/without cache"
			}
			t.Run(name, func(t *testing.T) {
				c := peekChannel(t, peekInput, true, noCache)
				first, err := c.ReadDelim('\n', 0)
				require.NoError(t, err)
				assert.Equal(t, "a1\n", string(first))
				if !noCache {
					assert.Equal(t, peekInput[3:], string(c.pc.data), "cached")
				}
				var got string
				within(t, 10*time.Second, tc.name, func() { got = tc.op(t, c) })
				assert.Equal(t, tc.got, got)
				assert.Equal(t, tc.lines, readToEOF(t, c, '\n', 0, false))
				assert.Equal(t, 0, c.Buffered())
				assert.Equal(t, noCache, c.pc.off, "the cache never disagreed with a read")
			})
		}
	}
}

// TestPeekCacheChildHolding: while an external command holds the
// description, lines are read as before, one peek each, and nothing is
// cached (the command may read the queue at any time).
func TestPeekCacheChildHolding(t *testing.T) {
	checkFDs(t)
	c := peekChannel(t, peekInput, true, false)
	_, release, err := c.ChildFile()
	require.NoError(t, err)
	assert.Equal(t, []string{"a1\n", "b22\n", "c333\n", "d4444\n"}, readToEOF(t, c, '\n', 0, false))
	release()
	assert.Equal(t, 5, c.pc.peeks, "a peek per line and one for EOF")
	assert.Empty(t, c.pc.data)
}

// TestPeekCacheReadBehindItsBack: if the queue is read without the
// channel knowing (a grandchild that outlived its command), the read
// that should take a cached line sees other bytes; they are input all
// the same, nothing is lost, and the channel stops caching.
func TestPeekCacheReadBehindItsBack(t *testing.T) {
	checkFDs(t)
	c := peekChannel(t, peekInput, true, false)
	first, err := c.ReadDelim('\n', 0)
	require.NoError(t, err)
	assert.Equal(t, "a1\n", string(first))
	require.NotEmpty(t, c.pc.data)
	var stolen [2]byte
	require.NoError(t, c.control(func(fd uintptr) { _, err = unix.Read(int(fd), stolen[:]) }))
	require.NoError(t, err)
	assert.Equal(t, "b2", string(stolen[:]))
	assert.Equal(t, []string{"2\n", "c333\n", "d4444\n"}, readToEOF(t, c, '\n', 0, false))
	assert.True(t, c.pc.off)
}

// TestPeekCacheTrickle: a server sending one byte per write gives the
// same lines (the cache then rarely holds a whole line).
func TestPeekCacheTrickle(t *testing.T) {
	checkFDs(t)
	client, server := tcpPair(t)
	c := NewConn(client, "/dev/tcp/127.0.0.1/x")
	defer c.Release()
	require.NoError(t, server.SetNoDelay(true))
	input := "GET / HTTP/1.1\r\nHost: x\r\n\r\nbody"
	go func() {
		for i := range len(input) {
			server.Write([]byte{input[i]})
			time.Sleep(time.Millisecond)
		}
		server.CloseWrite()
	}()
	var got []string
	within(t, 10*time.Second, "reads", func() {
		for range 3 {
			b, err := c.ReadDelim('\n', 0)
			require.NoError(t, err)
			got = append(got, string(b))
		}
		b, err := c.ReadDelimContext(context.Background(), 0, 4, true)
		require.NoError(t, err)
		got = append(got, string(b))
		b, err = c.ReadDelim('\n', 0)
		assert.Equal(t, io.EOF, err)
		got = append(got, string(b))
	})
	assert.Equal(t, []string{"GET / HTTP/1.1\r\n", "Host: x\r\n", "\r\n", "body", ""}, got)
	assert.Equal(t, int64(len(input)), c.Info().BytesIn)
	assert.False(t, c.pc.off)
}

// TestPeekCacheSyscalls counts the system calls of reading an HTTP-like
// response queued whole: one peek, then one read per line, and one read
// for the body (read -N), where each line used to cost a peek and a read.
func TestPeekCacheSyscalls(t *testing.T) {
	checkFDs(t)
	headers := "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nServer: x\r\n\r\n"
	cases := []struct {
		name         string
		noCache      bool
		peeks, reads int
	}{
		{"cached", false, 1, 5},
		{"without cache", true, 4, 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := peekChannel(t, headers+"0123456789", false, tc.noCache)
			var lines []string
			for {
				b, err := c.ReadDelim('\n', 0)
				require.NoError(t, err)
				lines = append(lines, string(b))
				if string(b) == "\r\n" {
					break
				}
			}
			body, err := c.ReadDelimContext(context.Background(), 0, 10, true)
			require.NoError(t, err)
			assert.Equal(t, headers, strings.Join(lines, ""))
			assert.Equal(t, "0123456789", string(body))
			assert.Equal(t, tc.peeks, c.pc.peeks, "peeks")
			assert.Equal(t, tc.reads, c.pc.reads, "reads")
		})
	}
}

// TestPeekCacheIdleTimeout: lines found in the cache come at once; the
// idle timeout applies only when a read has to wait.
func TestPeekCacheIdleTimeout(t *testing.T) {
	checkFDs(t)
	client, server := tcpPair(t)
	c := NewConn(client, "/dev/tcp/127.0.0.1/x")
	defer c.Release()
	c.SetIdleTimeout(100 * time.Millisecond)
	_, err := server.Write([]byte("a\nb\n"))
	require.NoError(t, err)
	for _, want := range []string{"a\n", "b\n"} {
		got, err := c.ReadDelim('\n', 0)
		require.NoError(t, err)
		assert.Equal(t, want, string(got))
	}
	assert.Equal(t, 1, c.pc.peeks)
	start := time.Now()
	got, err := c.ReadDelim('\n', 0)
	assert.Equal(t, io.EOF, err)
	assert.Empty(t, got)
	assert.GreaterOrEqual(t, time.Since(start), 90*time.Millisecond)
	_, err = server.Write([]byte("c\n"))
	require.NoError(t, err)
	got, err = c.ReadDelim('\n', 0)
	require.NoError(t, err)
	assert.Equal(t, "c\n", string(got))
}

// TestPeekCacheTraced: a traced channel records every consumed byte
// once, whether its line came from a peek or from the cache.
func TestPeekCacheTraced(t *testing.T) {
	checkFDs(t)
	c := peekChannel(t, peekInput, true, false)
	var out syncBuffer
	tr := NewTracer(&out, TraceConfig{Now: fixedClock()})
	c.SetTrace(tr, "fd 3")
	tr.Release()
	assert.Equal(t, []string{"a1\n", "b22\n", "c333\n", "d4444\n"}, readToEOF(t, c, '\n', 0, false))
	c.SetTrace(nil, "")
	for _, line := range []string{"a1", "b22", "c333", "d4444"} {
		assert.Equal(t, 1, strings.Count(out.String(), line), "%q traced once", line)
	}
	assert.Equal(t, 4, strings.Count(out.String(), "length="))
	assert.Equal(t, 1, strings.Count(out.String(), "EOF"))
}

// TestPeekCacheCancelled: a read under a cancelled context returns the
// context's error and consumes nothing, even with its line cached.
func TestPeekCacheCancelled(t *testing.T) {
	checkFDs(t)
	c := peekChannel(t, peekInput, true, false)
	_, err := c.ReadDelim('\n', 0)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, noDelim := range []bool{false, true} {
		got, err := c.ReadDelimContext(ctx, '\n', 3, noDelim)
		assert.ErrorIs(t, err, context.Canceled)
		assert.Empty(t, got)
	}
	assert.Equal(t, []string{"b22\n", "c333\n", "d4444\n"}, readToEOF(t, c, '\n', 0, false))
}
