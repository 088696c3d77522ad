//go:build linux

package fdtable

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixedClock starts at 2026/11/30 10:17:04 UTC and moves 1ms per call.
func fixedClock() func() time.Time {
	var n atomic.Int64
	start := time.Date(2026, 11, 30, 10, 17, 4, 0, time.UTC)
	return func() time.Time { return start.Add(time.Duration(n.Add(1)-1) * time.Millisecond) }
}

// syncBuffer is a bytes.Buffer safe for the trace's writes from the
// bridge's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

const traceTextGolden = `> 2026/11/30 10:17:04.000000 fd 3 length=18 from=0 to=17
GET / HTTP/1.0\r\n
\r\n
< 2026/11/30 10:17:04.001000 fd 3 length=11 from=0 to=10
hi\tthere\\\x01\xff
< 2026/11/30 10:17:04.002000 fd 3 length=3 from=11 to=13
ok\n
< 2026/11/30 10:17:04.003000 fd 3 EOF
> 2026/11/30 10:17:04.004000 fd 3 length=3 from=18 to=20
bye
`

const traceHexGolden = `> 2026/11/30 10:17:04.000000 fd 3 length=18 from=0 to=17
  0000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 30 0d 0a  |GET / HTTP/1.0..|
  0010  0d 0a                                             |..|
< 2026/11/30 10:17:04.001000 fd 3 length=11 from=0 to=10
  0000  68 69 09 74 68 65 72 65  5c 01 ff                 |hi.there\..|
< 2026/11/30 10:17:04.002000 fd 3 length=3 from=11 to=13
  0000  6f 6b 0a                                          |ok.|
< 2026/11/30 10:17:04.003000 fd 3 EOF
> 2026/11/30 10:17:04.004000 fd 3 length=3 from=18 to=20
  0000  62 79 65                                          |bye|
`

// TestTraceGolden traces a request, two replies and the peer's close,
// read in each of the ways builtins read, in text and in hex.
func TestTraceGolden(t *testing.T) {
	checkFDs(t)
	reads := []struct {
		name string
		read func(t *testing.T, c *Channel) string
	}{
		{"ReadDelim", func(t *testing.T, c *Channel) string {
			return strings.Join(readToEOF(t, c, '\n', 0, false), "")
		}},
		{"WriteToContext", func(t *testing.T, c *Channel) string {
			var out bytes.Buffer
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			_, err := c.WriteToContext(ctx, &out)
			require.NoError(t, err)
			return out.String()
		}},
		{"Read", func(t *testing.T, c *Channel) string {
			b, err := io.ReadAll(c)
			require.NoError(t, err)
			return string(b)
		}},
		{"Consume", func(t *testing.T, c *Channel) string {
			var got []byte
			require.NoError(t, c.Consume(context.Background(), func(block []byte) (int, bool) {
				got = append(got, block...)
				return len(block), false
			}))
			return string(got)
		}},
	}
	for _, hex := range []bool{false, true} {
		for _, rd := range reads {
			name := rd.name + "/text"
			if hex {
				name = rd.name + "/hex"
			}
			t.Run(name, func(t *testing.T) {
				client, server := tcpPair(t)
				c := NewConn(client, "tcp")
				defer c.Release()
				var out syncBuffer
				done := false
				tr := NewTracer(&out, TraceConfig{Hex: hex, Now: fixedClock(), Done: func() { done = true }})
				c.SetTrace(tr, "fd 3")
				tr.Release()

				_, err := c.Write([]byte("GET / HTTP/1.0\r\n\r\n"))
				require.NoError(t, err)
				req := make([]byte, 18)
				_, err = io.ReadFull(server, req)
				require.NoError(t, err)
				server.Write([]byte("hi\tthere\\\x01\xff"))
				// Wait for the first reply to be read, so that the second
				// is a record of its own.
				first := make([]byte, 11)
				_, err = io.ReadFull(c, first)
				require.NoError(t, err)
				server.Write([]byte("ok\n"))
				server.CloseWrite()
				var got string
				within(t, 5*time.Second, rd.name, func() { got = rd.read(t, c) })
				assert.Equal(t, "ok\n", got)
				c.Write([]byte("bye"))

				want := traceTextGolden
				if hex {
					want = traceHexGolden
				}
				assert.Equal(t, want, out.String())
				assert.True(t, c.Info().Traced)
				c.SetTrace(nil, "")
				assert.True(t, done, "the last release runs Done")
				assert.False(t, c.Info().Traced)
			})
		}
	}
}

// TestTraceZeroCopyPathsAreTraced: copies into and out of a traced
// channel (cat file >&3, cat <&3 >file) go through the trace.
func TestTraceZeroCopyPathsAreTraced(t *testing.T) {
	checkFDs(t)
	client, server := tcpPair(t)
	c := NewConn(client, "tcp")
	defer c.Release()
	var out syncBuffer
	tr := NewTracer(&out, TraceConfig{Now: fixedClock()})
	c.SetTrace(tr, "up")
	tr.Release()

	f, err := OpenFile(tempFile(t, "body\n"), os.O_RDONLY, 0)
	require.NoError(t, err)
	defer f.Release()
	n, err := c.ReadFrom(f)
	require.NoError(t, err)
	assert.Equal(t, int64(5), n)
	assert.Equal(t, int64(5), c.Info().BytesOut, "counted once")

	r, w, err := Pipe()
	require.NoError(t, err)
	defer r.Release()
	server.Write([]byte("reply"))
	server.CloseWrite()
	_, err = w.ReadFrom(c)
	require.NoError(t, err)
	w.Release()
	got, _ := io.ReadAll(r)
	assert.Equal(t, "reply", string(got))
	assert.Equal(t, "> 2026/11/30 10:17:04.000000 up length=5 from=0 to=4\nbody\\n\n"+
		"< 2026/11/30 10:17:04.001000 up length=5 from=0 to=4\nreply\n"+
		"< 2026/11/30 10:17:04.002000 up EOF\n", out.String())
}

// TestTraceExternalCommandThroughBridge: an external command's traffic
// on a traced channel is traced, and the sink may itself be a traced
// channel without the trace tracing itself.
func TestTraceExternalCommandThroughBridge(t *testing.T) {
	checkFDs(t)
	client, server := tcpPair(t)
	c := NewConn(client, "tcp")
	defer c.Release()
	sr, sw, err := Pipe()
	require.NoError(t, err)
	defer sr.Release()
	tr := NewTracer(sw, TraceConfig{Now: fixedClock(), Done: sw.Release})
	c.SetTrace(tr, "fd 3")
	sw.SetTrace(tr, "sink") // the sink's own records are not traced
	tr.Release()

	f, release, err := c.ChildFile()
	require.NoError(t, err)
	assert.Equal(t, 1, c.Info().Children)
	go func() {
		b := make([]byte, 4)
		io.ReadFull(server, b)
		server.Write([]byte("pong\n"))
	}()
	got := runChild(t, `printf ping >&3; read -r line <&3; echo "$line"`, nil, f)
	release()
	assert.Equal(t, "pong\n", got)
	c.SetTrace(nil, "")
	sw.SetTrace(nil, "") // the last reference: closes the sink
	trace, err := io.ReadAll(sr)
	require.NoError(t, err)
	assert.Equal(t, "> 2026/11/30 10:17:04.000000 fd 3 length=4 from=0 to=3\nping\n"+
		"< 2026/11/30 10:17:04.001000 fd 3 length=5 from=0 to=4\npong\\n\n", string(trace))
}

// TestTraceIdleRecord: an idle timeout shows in the trace.
func TestTraceIdleRecord(t *testing.T) {
	checkFDs(t)
	s := tcpSource(t)
	defer s.c.Release()
	var out syncBuffer
	tr := NewTracer(&out, TraceConfig{Now: fixedClock()})
	s.c.SetTrace(tr, "fd 3")
	tr.Release()
	s.c.SetIdleTimeout(50 * time.Millisecond)
	s.feed("x\n")
	var got []byte
	within(t, 5*time.Second, "read", func() {
		for {
			b, err := s.c.ReadDelim('\n', 0)
			got = append(got, b...)
			if err != nil {
				assert.Equal(t, io.EOF, err)
				return
			}
		}
	})
	assert.Equal(t, "x\n", string(got))
	assert.Equal(t, "< 2026/11/30 10:17:04.000000 fd 3 length=2 from=0 to=1\nx\\n\n"+
		"< 2026/11/30 10:17:04.001000 fd 3 idle timeout 50ms\n", out.String())
}

// TestTraceWriteError: a failed write is recorded after its data.
func TestTraceWriteError(t *testing.T) {
	checkFDs(t)
	r, w, err := Pipe()
	require.NoError(t, err)
	r.Release()
	defer w.Release()
	var out syncBuffer
	tr := NewTracer(&out, TraceConfig{Now: fixedClock()})
	w.SetTrace(tr, "fd 1")
	tr.Release()
	_, err = w.Write([]byte("lost\n"))
	assert.True(t, IsBrokenPipe(err))
	assert.Equal(t, "> 2026/11/30 10:17:04.000000 fd 1 length=5 from=0 to=4\nlost\\n\n"+
		"> 2026/11/30 10:17:04.001000 fd 1 error after 0 bytes: Broken pipe\n", out.String())
}
