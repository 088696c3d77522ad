//go:build linux

package fdtable

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// idleOps are the ways a builtin reads a channel: each returns what it
// read and whether it ended as at end of file.
var idleOps = []struct {
	name string
	read func(c *Channel) (string, bool)
}{
	{"ReadContext", func(c *Channel) (string, bool) {
		var got []byte
		buf := make([]byte, 64)
		for {
			n, err := c.ReadContext(context.Background(), buf)
			got = append(got, buf[:n]...)
			if err != nil {
				return string(got), err == io.EOF
			}
		}
	}},
	{"ReadDelim", func(c *Channel) (string, bool) {
		var got []byte
		for {
			b, err := c.ReadDelim('\n', 0)
			got = append(got, b...)
			if err != nil {
				return string(got), err == io.EOF
			}
		}
	}},
	{"WriteToContext", func(c *Channel) (string, bool) {
		var out bytes.Buffer
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_, err := c.WriteToContext(ctx, &out)
		return out.String(), err == nil
	}},
	{"ReadFrom", func(c *Channel) (string, bool) {
		r, w, err := Pipe()
		if err != nil {
			return err.Error(), false
		}
		defer r.Release()
		_, err = w.ReadFrom(c)
		w.Release()
		got, _ := io.ReadAll(r)
		return string(got), err == nil
	}},
}

// TestIdleTimeoutEndsReadsAsAtEOF: a server replies and stays silent;
// every way of reading ends after the idle time with what arrived, the
// channel is not at end of file, and the next request on it works.
func TestIdleTimeoutEndsReadsAsAtEOF(t *testing.T) {
	checkFDs(t)
	const idle = 150 * time.Millisecond
	sources := []struct {
		name string
		src  func(testing.TB) source
	}{
		{"tcp", tcpSource},
		{"owned pipe", ownedPipeSource},
		{"inherited blocking pipe", blockingPipeSource},
	}
	for _, sc := range sources {
		for _, op := range idleOps {
			t.Run(sc.name+"/"+op.name, func(t *testing.T) {
				s := sc.src(t)
				defer s.c.Release()
				s.c.SetIdleTimeout(idle)
				for _, reply := range []string{"first\n", "second\n"} {
					s.feed(reply)
					start := time.Now()
					var got string
					var eof bool
					within(t, 5*time.Second, op.name, func() { got, eof = op.read(s.c) })
					took := time.Since(start)
					assert.Equal(t, reply, got)
					assert.True(t, eof, "ends as at end of file")
					assert.GreaterOrEqual(t, took, idle)
					assert.Less(t, took, idle+2*time.Second)
					in := s.c.Info()
					assert.NotEqual(t, "CLOSE_WAIT", in.State)
					assert.NotEqual(t, "EOF", in.State)
					assert.Equal(t, idle, in.IdleTimeout)
					assert.WithinDuration(t, time.Now(), in.IdleFired, 2*time.Second)
				}
			})
		}
	}
}

// TestIdleTimeoutKeepsArrivingData: the timeout is per wait, so a
// trickle that never pauses that long is read to the real end.
func TestIdleTimeoutKeepsArrivingData(t *testing.T) {
	checkFDs(t)
	client, server := tcpPair(t)
	c := NewConn(client, "tcp")
	defer c.Release()
	c.SetIdleTimeout(300 * time.Millisecond)
	go func() {
		for i := 0; i < 5; i++ {
			server.Write([]byte("x"))
			time.Sleep(100 * time.Millisecond)
		}
		server.CloseWrite()
	}()
	var out bytes.Buffer
	_, err := c.WriteToContext(context.Background(), &out)
	require.NoError(t, err)
	assert.Equal(t, "xxxxx", out.String())
	assert.Equal(t, "CLOSE_WAIT", c.Info().State, "a real end of file")
	assert.True(t, c.IdleFired().IsZero(), "never fired")
}

// TestIdleTimeoutCancelAndClear: cancelling still gives the context's
// error; 0 clears the timeout; regular files are not affected.
func TestIdleTimeoutCancelAndClear(t *testing.T) {
	checkFDs(t)
	s := tcpSource(t)
	defer s.c.Release()
	s.c.SetIdleTimeout(time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := s.c.ReadContext(ctx, make([]byte, 8))
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.True(t, s.c.IdleFired().IsZero())

	s.c.SetIdleTimeout(0)
	assert.Equal(t, time.Duration(0), s.c.IdleTimeout())
	ctx2, cancel2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel2()
	_, err = s.c.ReadDelimContext(ctx2, '\n', 0, false)
	assert.ErrorIs(t, err, context.DeadlineExceeded, "no idle timeout any more")

	f, err := OpenFile(tempFile(t, "data\n"), 0, 0)
	require.NoError(t, err)
	defer f.Release()
	f.SetIdleTimeout(time.Nanosecond)
	b, err := f.ReadDelim('\n', 0)
	require.NoError(t, err)
	assert.Equal(t, "data\n", string(b))
	assert.True(t, f.IdleFired().IsZero())
}
