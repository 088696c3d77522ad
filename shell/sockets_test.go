//go:build linux

package shell

import (
	"context"
	"io"
	"net"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// sockServer accepts on 127.0.0.1:0 and runs handle per connection,
// closing the connection after it, until the test ends; then it closes the
// listener and every open connection and waits for the handlers. It
// returns the port.
func sockServer(t *testing.T, handle func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var wg sync.WaitGroup
	var mu sync.Mutex
	conns := map[net.Conn]bool{}
	closed := false
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			if closed {
				mu.Unlock()
				c.Close()
				return
			}
			conns[c] = true
			wg.Add(1)
			mu.Unlock()
			go func() {
				defer wg.Done()
				handle(c)
				c.Close()
				mu.Lock()
				delete(conns, c)
				mu.Unlock()
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		closed = true
		for c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return portOf(ln.Addr())
}

// portOf is the port of a TCP or UDP address.
func portOf(a net.Addr) string {
	_, p, _ := net.SplitHostPort(a.String())
	return p
}

// refusedPort returns a loopback port that was just free: connecting to it
// is refused.
func refusedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := portOf(ln.Addr())
	require.NoError(t, ln.Close())
	return port
}

// stdinFrom makes f the session's stdin instead of /dev/null.
func stdinFrom(f *os.File) Option {
	return func(r *Runner) error {
		r.sess.stdio[0] = f
		return nil
	}
}

func silent(c net.Conn) { io.Copy(io.Discard, c) }

func echoConn(c net.Conn) { io.Copy(c, c) }

// A builtin read on a socket that a background child holds (so the socket
// is in blocking mode) is still interrupted by cancelling the context,
// as Ctrl-C does.
func TestSockCancelReadHeldByChild(t *testing.T) {
	port := sockServer(t, silent)
	s := newSession(t, Env([]string{"P=" + port}))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	start := time.Now()
	s.r.RunString(ctx, `exec 3<>/dev/tcp/127.0.0.1/$P; sleep 1 <&3 & read -r x <&3; echo "read returned"`)
	assert.Less(t, time.Since(start), 5*time.Second, "returned within 5 s")
	s.r.RunString(context.Background(), "wait")
	// After the child has gone, read -t works again (non-blocking mode
	// restored: the deadline fires).
	start = time.Now()
	st := s.r.RunString(context.Background(), `read -t 0.2 -r x <&3; echo "st=$?"`)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, 0, st)
	s.done()
	assert.Contains(t, s.stdout.String(), "st=142\n")
}

// Background external commands get /dev/null as stdin.
func TestSockBackgroundStdinDevNull(t *testing.T) {
	pr, pw, err := os.Pipe()
	require.NoError(t, err)
	defer pr.Close()
	defer pw.Close()
	s := newSession(t, stdinFrom(pr))
	s.r.RunString(context.Background(), `readlink /proc/self/fd/0 & wait; readlink /proc/self/fd/0 </dev/null & wait; { readlink /proc/self/fd/0; } & wait`)
	s.done()
	assert.Equal(t, "/dev/null\n/dev/null\n/dev/null\n", s.stdout.String(), s.stderr.String())
}

// After any sequence of opens and closes, the OS fd count and the
// goroutine count return to where they were.
func TestSockNoLeaks(t *testing.T) {
	echo := sockServer(t, echoConn)
	banner := sockServer(t, func(c net.Conn) { io.WriteString(c, "banner\nmore\n") })
	udp, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer udp.Close()
	uport := portOf(udp.LocalAddr())
	refused := refusedPort(t)
	scripts := []struct {
		name, src string
	}{
		{"open dup close move", `exec 3<>/dev/tcp/127.0.0.1/$E; exec 4>&3; exec 3>&-; exec 5>&4-; echo hi >&5; read -r x <&5; exec 5>&-`},
		{"one-shot redirections", `echo hi >/dev/tcp/127.0.0.1/$E; cat </dev/tcp/127.0.0.1/$B >/dev/null`},
		{"external child holds socket", `exec 3<>/dev/tcp/127.0.0.1/$E; sh -c 'echo x >&3; head -n1 <&3' >/dev/null; exec 3>&-`},
		{"read then external", `exec 3</dev/tcp/127.0.0.1/$B; read -r x <&3; cat <&3 >/dev/null; exec 3<&-`},
		{"pipe bridge", `printf 'a\nb\nc\n' | { read -r x; head -c 1 >/dev/null; cat >/dev/null; }`},
		{"udp", `exec 3<>/dev/udp/127.0.0.1/$U; echo hi >&3; exec 3>&-`},
		{"failed opens", `exec 2>/dev/null; exec 3<>/dev/tcp/127.0.0.1/$R; cat </nonexistent; true`},
		{"varfd", `exec {v}<>/dev/tcp/127.0.0.1/$E; exec {v}>&-`},
		{"background job", `exec 3<>/dev/tcp/127.0.0.1/$E; { echo bg >&3; } & wait; exec 3>&-`},
	}
	for _, sc := range scripts {
		t.Run(sc.name, func(t *testing.T) {
			opt := goleak.IgnoreCurrent()
			before := osFDCount(t)
			s := newSession(t, Env([]string{"E=" + echo, "B=" + banner, "U=" + uport, "R=" + refused}))
			st := s.r.RunString(context.Background(), sc.src)
			s.done()
			assert.Equal(t, "", s.stderr.String())
			assert.Equal(t, 0, st)
			deadline := time.Now().Add(3 * time.Second)
			for osFDCount(t) != before && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			assert.Equal(t, before, osFDCount(t), "OS fds:\n%s", listFDs())
			goleak.VerifyNone(t, opt)
		})
	}
}

func osFDCount(t *testing.T) int {
	// Two collections empty Go's sync.Pool of splice(2) pipes (earlier
	// tests fill it); their finalizers then close the pipes.
	runtime.GC()
	runtime.GC()
	time.Sleep(5 * time.Millisecond)
	ents, err := os.ReadDir("/proc/self/fd")
	require.NoError(t, err)
	return len(ents)
}

func listFDs() string {
	ents, _ := os.ReadDir("/proc/self/fd")
	var sb strings.Builder
	for _, e := range ents {
		l, _ := os.Readlink("/proc/self/fd/" + e.Name())
		sb.WriteString(e.Name() + " -> " + l + "\n")
	}
	return sb.String()
}
