//go:build linux

package fdtable

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// boundedSource is a channel fed with "one\ntwo\nthree\n" and closed,
// and a way to read what is left straight from the OS object, past the
// channel's buffer (nil when the channel keeps read-ahead).
type boundedSource struct {
	name     string
	buffered bool // the channel may hold read-ahead
	open     func(t *testing.T) (c *Channel, rawRest func() string)
}

const boundedText = "one\ntwo\nthree\n"

var boundedSources = []boundedSource{
	{"owned tcp (peeked)", false, func(t *testing.T) (*Channel, func() string) {
		client, server := tcpPair(t)
		server.Write([]byte(boundedText))
		server.CloseWrite()
		time.Sleep(20 * time.Millisecond)
		return NewConn(client, "tcp"), func() string { b, _ := io.ReadAll(client); return string(b) }
	}},
	{"owned pipe (buffered)", true, func(t *testing.T) (*Channel, func() string) {
		r, w := pollablePipe(t)
		w.Write([]byte(boundedText))
		w.Close()
		return NewFile(r, Read, "pipe", true), nil
	}},
	{"inherited pipe (byte-wise)", false, func(t *testing.T) (*Channel, func() string) {
		r, w := blockingPipe(t)
		w.Write([]byte(boundedText))
		w.Close()
		return NewFile(r, Read, "", false), func() string { b, _ := io.ReadAll(r); return string(b) }
	}},
	{"inherited file (seek back)", false, func(t *testing.T) (*Channel, func() string) {
		f, err := os.Open(tempFile(t, boundedText))
		require.NoError(t, err)
		return NewFile(f, Read, "", false), func() string { b, _ := io.ReadAll(f); return string(b) }
	}},
	{"owned file (buffered)", true, func(t *testing.T) (*Channel, func() string) {
		c, err := OpenFile(tempFile(t, boundedText), os.O_RDONLY, 0)
		require.NoError(t, err)
		return c, nil
	}},
}

// firstLine is a Consume callback that takes up to the first newline.
func firstLine(got *[]byte) func([]byte) (int, bool) {
	return func(b []byte) (int, bool) {
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			*got = append(*got, b[:i+1]...)
			return i + 1, true
		}
		*got = append(*got, b...)
		return len(b), false
	}
}

// restOf reads what a source has left: from the OS object when the
// channel must not hold any, else through the channel.
func restOf(t *testing.T, c *Channel, raw func() string, buffered bool) string {
	t.Helper()
	if !buffered {
		assert.Equal(t, 0, c.Buffered(), "nothing read ahead")
		return raw()
	}
	b, err := io.ReadAll(c)
	require.NoError(t, err)
	return string(b)
}

func TestConsumeTakesOnlyWhatIsUsed(t *testing.T) {
	for _, src := range boundedSources {
		t.Run(src.name, func(t *testing.T) {
			c, raw := src.open(t)
			defer c.Release()
			var got []byte
			require.NoError(t, c.Consume(context.Background(), firstLine(&got)))
			assert.Equal(t, "one\n", string(got))
			got = nil
			require.NoError(t, c.Consume(context.Background(), firstLine(&got)))
			assert.Equal(t, "two\n", string(got))
			assert.Equal(t, "three\n", restOf(t, c, raw, src.buffered))
		})
	}
}

func TestConsumeEndOfInputAndBufferFirst(t *testing.T) {
	r, w := pollablePipe(t)
	w.Write([]byte("tail"))
	w.Close()
	c := NewFile(r, Read, "pipe", true)
	defer c.Release()
	c.Unread([]byte("head "))
	var blocks []string
	err := c.Consume(context.Background(), func(b []byte) (int, bool) {
		blocks = append(blocks, string(b))
		return len(b), false
	})
	require.NoError(t, err, "end of input is not an error")
	assert.Equal(t, []string{"head ", "tail"}, blocks)
}

func TestConsumeStopsOnCancel(t *testing.T) {
	for name, s := range map[string]func(testing.TB) source{"tcp": tcpSource, "inherited pipe": blockingPipeSource} {
		t.Run(name, func(t *testing.T) {
			src := s(t)
			defer src.c.Release()
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			within(t, 3*time.Second, "Consume to give up", func() {
				err := src.c.Consume(ctx, func(b []byte) (int, bool) { return len(b), false })
				assert.ErrorIs(t, err, context.DeadlineExceeded)
			})
		})
	}
}

func TestWriteToNCopiesExactly(t *testing.T) {
	for _, src := range boundedSources {
		t.Run(src.name, func(t *testing.T) {
			c, raw := src.open(t)
			defer c.Release()
			var got []byte
			require.NoError(t, c.Consume(context.Background(), firstLine(&got))) // may leave read-ahead
			var out bytes.Buffer
			n, err := c.WriteToN(context.Background(), &out, 5)
			require.NoError(t, err)
			assert.Equal(t, int64(5), n)
			assert.Equal(t, "two\nt", out.String())
			assert.Equal(t, "hree\n", restOf(t, c, raw, src.buffered))
			out.Reset()
			n, err = c.WriteToN(context.Background(), &out, 100)
			require.NoError(t, err, "end of input is not an error")
			assert.Equal(t, int64(0), n)
		})
	}
}

// recordLimitedCopies captures the concrete destination and the reader
// inside the io.LimitedReader handed to io.Copy.
func recordLimitedCopies(t *testing.T) *[]string {
	var seen []string
	copyHook = func(dst io.Writer, src io.Reader) {
		s := fmt.Sprintf("%T<-%T", dst, src)
		if lr, ok := src.(*io.LimitedReader); ok {
			s += fmt.Sprintf("(%T)", lr.R)
		}
		seen = append(seen, s)
	}
	t.Cleanup(func() { copyHook = nil })
	return &seen
}

func TestWriteToNKeepsZeroCopyPath(t *testing.T) {
	checkFDs(t)
	payload := randomBytes(t, 3<<20)
	t.Run("socket to file channel", func(t *testing.T) {
		seen := recordLimitedCopies(t)
		client, server := tcpPair(t)
		go func() { server.Write(payload); server.CloseWrite() }()
		src := NewConn(client, "tcp")
		defer src.Release()
		path := t.TempDir() + "/out"
		dst, err := OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o600)
		require.NoError(t, err)
		n, err := src.WriteToN(context.Background(), dst, 2<<20)
		dst.Release()
		require.NoError(t, err)
		assert.Equal(t, int64(2<<20), n)
		got, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.True(t, bytes.Equal(payload[:2<<20], got))
		assert.Equal(t, []string{"*os.File<-*io.LimitedReader(*net.TCPConn)"}, *seen)
		rest, err := io.ReadAll(src)
		require.NoError(t, err)
		assert.Equal(t, len(payload)-2<<20, len(rest))
	})
	t.Run("file to socket channel, interruptible in steps", func(t *testing.T) {
		seen := recordLimitedCopies(t)
		client, server := tcpPair(t)
		done := make(chan int64)
		go func() { n, _ := io.Copy(io.Discard, server); done <- n }()
		big := bytes.Repeat([]byte("0123456789abcdef"), 10<<16) // 10 MiB
		f, err := os.Open(tempFile(t, string(big)))
		require.NoError(t, err)
		src := NewFile(f, Read, "", false)
		defer src.Release()
		dst := NewConn(client, "tcp")
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		n, err := src.WriteToN(ctx, dst, 9<<20)
		require.NoError(t, err)
		assert.Equal(t, int64(9<<20), n)
		assert.Equal(t, int64(9<<20), dst.Info().BytesOut)
		dst.Release()
		assert.Equal(t, int64(9<<20), <-done)
		assert.Equal(t, []string{"*net.TCPConn<-*io.LimitedReader(*os.File)", "*net.TCPConn<-*io.LimitedReader(*os.File)", "*net.TCPConn<-*io.LimitedReader(*os.File)"}, *seen)
		off, err := src.Seek(0, io.SeekCurrent)
		require.NoError(t, err)
		assert.Equal(t, int64(9<<20), off, "exactly what was copied")
	})
	t.Run("device to socket channel, in blocks", func(t *testing.T) {
		seen := recordLimitedCopies(t)
		client, server := tcpPair(t)
		done := make(chan int64)
		go func() { n, _ := io.Copy(io.Discard, server); done <- n }()
		src, err := OpenFile("/dev/zero", os.O_RDONLY, 0)
		require.NoError(t, err)
		defer src.Release()
		dst := NewConn(client, "tcp")
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		n, err := src.WriteToN(ctx, dst, 3<<20+5)
		require.NoError(t, err)
		assert.Equal(t, int64(3<<20+5), n)
		dst.Release()
		assert.Equal(t, int64(3<<20+5), <-done)
		assert.Empty(t, *seen, "no io.Copy")
	})
}

func TestWriteToNStopsOnCancel(t *testing.T) {
	for name, s := range map[string]func(testing.TB) source{"tcp": tcpSource, "inherited pipe": blockingPipeSource} {
		t.Run(name, func(t *testing.T) {
			src := s(t)
			defer src.c.Release()
			src.feed("abc")
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			var out bytes.Buffer
			within(t, 3*time.Second, "WriteToN to give up", func() {
				n, err := src.c.WriteToN(ctx, &out, 10)
				assert.ErrorIs(t, err, context.DeadlineExceeded)
				assert.Equal(t, int64(3), n)
			})
			assert.Equal(t, "abc", out.String())
		})
	}
}

func TestSeekAndStat(t *testing.T) {
	c, err := OpenFile(tempFile(t, boundedText), os.O_RDONLY, 0)
	require.NoError(t, err)
	defer c.Release()
	line, err := c.ReadDelim('\n', 0)
	require.NoError(t, err)
	require.Equal(t, "one\n", string(line))
	require.Greater(t, c.Buffered(), 0, "an owned file reads ahead")
	off, err := c.Seek(0, io.SeekCurrent)
	require.NoError(t, err)
	assert.Equal(t, int64(4), off, "the logical offset")
	assert.Equal(t, 0, c.Buffered())
	_, err = c.Seek(-6, io.SeekEnd)
	require.NoError(t, err)
	rest, err := io.ReadAll(c)
	require.NoError(t, err)
	assert.Equal(t, "three\n", string(rest))
	fi, err := c.Stat()
	require.NoError(t, err)
	assert.Equal(t, int64(len(boundedText)), fi.Size())

	r, w, err := Pipe()
	require.NoError(t, err)
	defer r.Release()
	defer w.Release()
	_, err = r.Seek(0, io.SeekCurrent)
	assert.True(t, errors.Is(err, syscall.ESPIPE), "%v", err)
	client, _ := tcpPair(t)
	conn := NewConn(client, "tcp")
	defer conn.Release()
	_, err = conn.Stat()
	assert.Error(t, err)
	var _ io.ReadSeeker = c
	var _ net.Conn = client
}

// writerFunc is an io.Writer made of a function.
type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestCopiesGiveBackWhatTheWriterRefused checks the read-and-write copies
// (copyBlocks): bytes read but not taken by a failing writer go back to
// the channel, and a device copy stops between blocks once ctx is done.
func TestCopiesGiveBackWhatTheWriterRefused(t *testing.T) {
	checkFDs(t)
	errFull := errors.New("full")
	takeThree := writerFunc(func(p []byte) (int, error) { return min(len(p), 3), errFull })
	cases := []struct {
		name     string
		copy     func(ctx context.Context, c *Channel) (int64, error)
		wantRest string
	}{
		{"WriteToN", func(ctx context.Context, c *Channel) (int64, error) { return c.WriteToN(ctx, takeThree, 5) }, "de"},
		{"WriteToContext", func(ctx context.Context, c *Channel) (int64, error) { return c.WriteToContext(ctx, takeThree) }, "defgh"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := blockingPipeSource(t)
			defer src.c.Release()
			src.feed("abcdefgh")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			n, err := tc.copy(ctx, src.c)
			assert.ErrorIs(t, err, errFull)
			assert.Equal(t, int64(3), n)
			got := make([]byte, 16)
			k, err := src.c.Read(got)
			require.NoError(t, err)
			assert.Equal(t, tc.wantRest, string(got[:k]))
		})
	}
	t.Run("WriteToN from a device", func(t *testing.T) {
		c, err := OpenFile("/dev/zero", os.O_RDONLY, 0)
		require.NoError(t, err)
		defer c.Release()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		n, err := c.WriteToN(ctx, takeThree, 10)
		assert.ErrorIs(t, err, errFull)
		assert.Equal(t, int64(3), n)
		assert.Equal(t, 7, c.Buffered())
	})
	t.Run("WriteToN from a device stops between blocks", func(t *testing.T) {
		c, err := OpenFile("/dev/zero", os.O_RDONLY, 0)
		require.NoError(t, err)
		defer c.Release()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		cancelling := writerFunc(func(p []byte) (int, error) { cancel(); return len(p), nil })
		n, err := c.WriteToN(ctx, cancelling, 4*deviceBlock)
		assert.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, int64(deviceBlock), n)
		assert.Equal(t, 0, c.Buffered())
	})
}
