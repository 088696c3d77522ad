//go:build linux

package fdtable

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// childDuringRead makes an external command take c (ChildFile) at the
// worst moment: after a read has decided to read the non-blocking
// descriptor directly and before it starts. It returns a function that
// waits for ChildFile and releases the child.
func childDuringRead(t *testing.T, c *Channel) (release func()) {
	type child struct {
		release func()
		err     error
	}
	got := make(chan child, 1)
	var once sync.Once
	directHook = func(hc *Channel) {
		if hc != c {
			return
		}
		once.Do(func() {
			go func() {
				_, rel, err := c.ChildFile()
				got <- child{rel, err}
			}()
			// Wait until the child is counted: from then on the
			// description is blocking, or about to be once this read
			// has left.
			deadline := time.Now().Add(2 * time.Second)
			for time.Now().Before(deadline) {
				c.mu.Lock()
				n := c.children
				c.mu.Unlock()
				if n > 0 {
					return
				}
				time.Sleep(time.Millisecond)
			}
		})
	}
	t.Cleanup(func() { directHook = nil })
	return func() {
		select {
		case ch := <-got:
			require.NoError(t, ch.err)
			ch.release()
		case <-time.After(5 * time.Second):
			t.Fatal("ChildFile did not return")
		}
	}
}

// TestChildTakesDescriptionDuringRead: a read that has chosen to read the
// non-blocking descriptor directly is still interrupted by ctx, the idle
// timeout and the read deadline when an external command takes the
// description (making it blocking) just before the read starts. Before
// the fix the read blocked in read(2) until data came (the hang of
// `cat <&3 | wc -l` under TCPSH_IDLE_TIMEOUT).
func TestChildTakesDescriptionDuringRead(t *testing.T) {
	cases := []struct {
		name string
		src  func(t testing.TB) source
		read func(c *Channel) error
		want error
	}{
		{"ReadContext on a socket", tcpSource, func(c *Channel) error {
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			_, err := c.ReadContext(ctx, make([]byte, 10))
			return err
		}, context.DeadlineExceeded},
		{"ReadContext on a pipe", ownedPipeSource, func(c *Channel) error {
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			_, err := c.ReadContext(ctx, make([]byte, 10))
			return err
		}, context.DeadlineExceeded},
		{"idle timeout", tcpSource, func(c *Channel) error {
			c.SetIdleTimeout(100 * time.Millisecond)
			_, err := c.Read(make([]byte, 10))
			return err
		}, io.EOF},
		{"idle timeout in WriteTo (cat)", tcpSource, func(c *Channel) error {
			c.SetIdleTimeout(100 * time.Millisecond)
			_, err := c.WriteTo(io.Discard)
			return err
		}, nil},
		{"read deadline", tcpSource, func(c *Channel) error {
			c.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
			_, err := c.Read(make([]byte, 10))
			return err
		}, os.ErrDeadlineExceeded},
		{"peeking ReadDelim", tcpSource, func(c *Channel) error {
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			_, err := c.ReadDelimContext(ctx, '\n', 0, false)
			return err
		}, context.DeadlineExceeded},
		{"Consume (head -c)", tcpSource, func(c *Channel) error {
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			return c.Consume(ctx, func(b []byte) (int, bool) { return len(b), false })
		}, context.DeadlineExceeded},
		{"Accept", listenerSource, func(c *Channel) error {
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			conn, err := c.Accept(ctx)
			conn.Release()
			return err
		}, context.DeadlineExceeded},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkFDs(t)
			s := tc.src(t)
			c := s.c
			defer c.Release()
			release := childDuringRead(t, c)
			var err error
			start := time.Now()
			done := make(chan struct{})
			go func() {
				defer close(done)
				err = tc.read(c)
			}()
			select {
			case <-done:
			case <-time.After(3 * time.Second):
				s.feed("x") // unblock the stuck read so the test can end
				<-done
				t.Fatal("the read was not interrupted: it blocked in the kernel")
			}
			assert.Less(t, time.Since(start), 2*time.Second)
			if tc.want == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, tc.want)
			}
			release()
			assert.True(t, nonblocking(t, c), "non-blocking again after the child")
			assert.Equal(t, 0, c.Info().Children)

			directHook = nil
			if c.Kind() == KindListen {
				return
			}
			// The channel still works: the next read gets what comes.
			require.NoError(t, c.SetReadDeadline(time.Time{}))
			s.feed("more\n")
			b, err := c.ReadDelimContext(context.Background(), '\n', 0, false)
			require.NoError(t, err)
			assert.Equal(t, "more\n", string(b))
		})
	}
}

// listenerSource is a TCP listener; feeding it connects to it.
func listenerSource(t testing.TB) source {
	c, err := Listen(context.Background(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	return source{c, func(string) {
		conn, err := net.Dial("tcp", c.conn.LocalAddr().String())
		if err == nil {
			t.Cleanup(func() { conn.Close() })
		}
	}}
}

// TestChildTakesDescriptionDuringCopy: a cancellable zero-copy copy
// (cat's WriteToContext, head -c's WriteToN) that an external command's
// ChildFile makes blocking once it has started still ends when its
// context is cancelled, and passes on everything that came before and
// after the child arrived.
func TestChildTakesDescriptionDuringCopy(t *testing.T) {
	cases := []struct {
		name string
		copy func(ctx context.Context, c *Channel, w io.Writer) (int64, error)
	}{
		{"WriteToContext", func(ctx context.Context, c *Channel, w io.Writer) (int64, error) {
			return c.WriteToContext(ctx, w)
		}},
		{"WriteToN", func(ctx context.Context, c *Channel, w io.Writer) (int64, error) {
			return c.WriteToN(ctx, w, 1000)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkFDs(t)
			client, server := tcpPair(t)
			c := NewConn(client, "tcp")
			defer c.Release()
			var out bytes.Buffer
			w := &lockedWriter{w: &out}
			hooked := make(chan struct{})
			copyHook = func(dst io.Writer, src io.Reader) {
				if src == io.Reader(client) || isLimitedFrom(src, client) {
					close(hooked)
				}
			}
			t.Cleanup(func() { copyHook = nil })
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var n int64
			var err error
			done := make(chan struct{})
			go func() {
				defer close(done)
				n, err = tc.copy(ctx, c, w)
			}()
			select {
			case <-hooked:
			case <-time.After(3 * time.Second):
				t.Fatal("the copy did not take the zero-copy path")
			}
			_, werr := server.Write([]byte("before "))
			require.NoError(t, werr)
			time.Sleep(50 * time.Millisecond) // the copy is waiting for more
			_, release, cerr := c.ChildFile()
			require.NoError(t, cerr)
			_, werr = server.Write([]byte("after "))
			require.NoError(t, werr)
			time.Sleep(50 * time.Millisecond)
			cancel()
			select {
			case <-done:
			case <-time.After(3 * time.Second):
				server.Write([]byte("x")) // unblock the stuck copy
				<-done
				t.Fatal("the copy was not interrupted: it blocked in the kernel")
			}
			release()
			assert.ErrorIs(t, err, context.Canceled)
			assert.Equal(t, int64(len("before after ")), n)
			assert.Equal(t, "before after ", w.String())
			assert.True(t, nonblocking(t, c))
		})
	}
}

// isLimitedFrom reports whether r is an io.LimitedReader over conn.
func isLimitedFrom(r io.Reader, conn net.Conn) bool {
	lr, ok := r.(*io.LimitedReader)
	return ok && lr.R == io.Reader(conn)
}

// lockedWriter is a bytes.Buffer safe to read while a copy writes to it.
type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.String()
}
