//go:build linux

package shell

import (
	"context"
	"io"
	"net"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// sockServer accepts on 127.0.0.1:0 and runs handle per connection until
// the test ends; it returns the port.
func sockServer(t *testing.T, handle func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan struct{})
	conns := make(chan net.Conn, 64)
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns <- c
			go func() { handle(c); c.Close() }()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		close(conns)
		for c := range conns {
			c.Close()
		}
	})
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// sockRunner is a session whose stdout and stderr go to files.
type sockRunner struct {
	r        *Runner
	out, err *os.File
}

func newSockRunner(t *testing.T, stdin *os.File, env ...string) *sockRunner {
	t.Helper()
	dir := t.TempDir()
	out, err := os.Create(dir + "/out")
	require.NoError(t, err)
	errf, err := os.Create(dir + "/err")
	require.NoError(t, err)
	t.Cleanup(func() { out.Close(); errf.Close() })
	env = append([]string{"PATH=/usr/bin:/bin", "LC_ALL=C"}, env...)
	r, err := New(Stdio(stdin, out, errf), Env(env), Dir(dir))
	require.NoError(t, err)
	return &sockRunner{r: r, out: out, err: errf}
}

func (s *sockRunner) output(t *testing.T) (string, string) {
	t.Helper()
	o, err := os.ReadFile(s.out.Name())
	require.NoError(t, err)
	e, err := os.ReadFile(s.err.Name())
	require.NoError(t, err)
	return string(o), string(e)
}

func silent(c net.Conn) { io.Copy(io.Discard, c) }

func echoConn(c net.Conn) { io.Copy(c, c) }

// A builtin read on a socket that a background child holds (so the socket
// is in blocking mode) is still interrupted by cancelling the context,
// as Ctrl-C does.
func TestSockCancelReadHeldByChild(t *testing.T) {
	port := sockServer(t, silent)
	s := newSockRunner(t, nil, "P="+port)
	defer s.r.Close()
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
	out, _ := s.output(t)
	assert.Contains(t, out, "st=142\n")
}

// Background external commands get /dev/null as stdin.
func TestSockBackgroundStdinDevNull(t *testing.T) {
	pr, pw, err := os.Pipe()
	require.NoError(t, err)
	defer pr.Close()
	defer pw.Close()
	s := newSockRunner(t, pr)
	defer s.r.Close()
	s.r.RunString(context.Background(), `readlink /proc/self/fd/0 & wait; readlink /proc/self/fd/0 </dev/null & wait; { readlink /proc/self/fd/0; } & wait`)
	out, errText := s.output(t)
	assert.Equal(t, "/dev/null\n/dev/null\n/dev/null\n", out, errText)
}

// After any sequence of opens and closes, the OS fd count and the
// goroutine count return to where they were.
func TestSockNoLeaks(t *testing.T) {
	echo := sockServer(t, echoConn)
	banner := sockServer(t, func(c net.Conn) { io.WriteString(c, "banner\nmore\n") })
	udp, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer udp.Close()
	_, uport, _ := net.SplitHostPort(udp.LocalAddr().String())
	scripts := []struct {
		name, src string
	}{
		{"open dup close move", `exec 3<>/dev/tcp/127.0.0.1/$E; exec 4>&3; exec 3>&-; exec 5>&4-; echo hi >&5; read -r x <&5; exec 5>&-`},
		{"one-shot redirections", `echo hi >/dev/tcp/127.0.0.1/$E; cat </dev/tcp/127.0.0.1/$B >/dev/null`},
		{"external child holds socket", `exec 3<>/dev/tcp/127.0.0.1/$E; sh -c 'echo x >&3; head -n1 <&3' >/dev/null; exec 3>&-`},
		{"read then external", `exec 3</dev/tcp/127.0.0.1/$B; read -r x <&3; cat <&3 >/dev/null; exec 3<&-`},
		{"pipe bridge", `printf 'a\nb\nc\n' | { read -r x; head -c 1 >/dev/null; cat >/dev/null; }`},
		{"udp", `exec 3<>/dev/udp/127.0.0.1/$U; echo hi >&3; exec 3>&-`},
		{"failed opens", `exec 2>/dev/null; exec 3<>/dev/tcp/127.0.0.1/1; cat </nonexistent; true`},
		{"varfd", `exec {v}<>/dev/tcp/127.0.0.1/$E; exec {v}>&-`},
		{"background job", `exec 3<>/dev/tcp/127.0.0.1/$E; { echo bg >&3; } & wait; exec 3>&-`},
	}
	for _, sc := range scripts {
		t.Run(sc.name, func(t *testing.T) {
			opt := goleak.IgnoreCurrent()
			before := osFDCount(t)
			s := newSockRunner(t, nil, "E="+echo, "B="+banner, "U="+uport)
			st := s.r.RunString(context.Background(), sc.src)
			s.r.Close()
			_, errText := s.output(t)
			assert.Equal(t, "", errText)
			assert.Equal(t, 0, st)
			s.out.Close()
			s.err.Close()
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
	runtime.GC()
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
