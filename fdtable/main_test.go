//go:build linux

package fdtable

import (
	"context"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
	"golang.org/x/sys/unix"
)

// helperEnv selects a helper mode when the test binary runs as a child.
const helperEnv = "FDTABLE_TEST_HELPER"

func TestMain(m *testing.M) {
	if h := os.Getenv(helperEnv); h != "" {
		os.Exit(runHelper(h))
	}
	// Warm up the runtime's poller so its descriptors are not counted as
	// leaks of the first test.
	if r, w, err := os.Pipe(); err == nil {
		r.Close()
		w.Close()
	}
	prepareNull() // and the null device templates (open_unix.go)
	goleak.VerifyTestMain(m)
}

// countFDs counts the process's open descriptors.
func countFDs(t *testing.T) int {
	ents, err := os.ReadDir("/proc/self/fd")
	require.NoError(t, err)
	return len(ents)
}

// checkFDs fails the test if it leaves more descriptors open than it found.
// Call it first, so that its cleanup runs last.
func checkFDs(t *testing.T) {
	before := countFDs(t)
	t.Cleanup(func() {
		deadline := time.Now().Add(3 * time.Second)
		for {
			n := countFDs(t)
			if n <= before || time.Now().After(deadline) {
				assert.LessOrEqual(t, n, before, "descriptors leaked")
				return
			}
			// Go caches splice pipes in a sync.Pool; collecting twice
			// runs their finalizers.
			runtime.GC()
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// tcpPair connects a client to a server on 127.0.0.1:0 and returns both
// ends. The server end is closed at cleanup; the client is the caller's.
func tcpPair(t testing.TB) (client, server *net.TCPConn) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	acc := make(chan net.Conn, 1)
	go func() {
		c, _ := ln.Accept()
		acc <- c
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	require.NoError(t, err)
	s := <-acc
	require.NotNil(t, s)
	t.Cleanup(func() { s.Close() })
	return c.(*net.TCPConn), s.(*net.TCPConn)
}

// within runs fn and fails the test if it takes longer than d.
func within(t *testing.T, d time.Duration, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not return within %v", what, d)
	}
}

// nonblocking reports O_NONBLOCK on the channel's description.
func nonblocking(t *testing.T, c *Channel) bool {
	var fl int
	var err error
	require.NoError(t, c.control(func(fd uintptr) { fl, err = unix.FcntlInt(fd, unix.F_GETFL, 0) }))
	require.NoError(t, err)
	return fl&unix.O_NONBLOCK != 0
}

// runChild runs an sh script with the files at 3, 4, ...
func runChild(t *testing.T, script string, stdin io.Reader, files ...*os.File) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", script)
	cmd.ExtraFiles = files
	cmd.Stdin = stdin
	out, err := cmd.Output()
	require.NoError(t, err, "sh -c %q", script)
	return string(out)
}

// pollablePipe makes a pipe with os.Pipe: registered with the runtime's
// poller, so deadlines work.
func pollablePipe(t testing.TB) (r, w *os.File) {
	r, w, err := os.Pipe()
	require.NoError(t, err)
	return r, w
}

// blockingPipe makes a pipe in blocking mode, which os.NewFile does not
// register with the poller (no deadlines), like an inherited stdin.
func blockingPipe(t testing.TB) (r, w *os.File) {
	var p [2]int
	require.NoError(t, unix.Pipe2(p[:], unix.O_CLOEXEC))
	return os.NewFile(uintptr(p[0]), "r"), os.NewFile(uintptr(p[1]), "w")
}

// pipeCase is a sort of pipe that reads treat differently.
type pipeCase struct {
	name  string
	owned bool
	pipe  func(t testing.TB) (r, w *os.File)
}

// ownedAndInheritedPipes are a pipe tcpsh made itself (pollable: read
// with deadlines and a buffer) and one it inherited (blocking: polled,
// read byte-wise).
var ownedAndInheritedPipes = []pipeCase{
	{"owned pollable pipe", true, pollablePipe},
	{"inherited blocking pipe", false, blockingPipe},
}

// source is a readable channel and a function that writes to its other
// end.
type source struct {
	c    *Channel
	feed func(string)
}

// tcpSource is an owned TCP connection (read with deadlines).
func tcpSource(t testing.TB) source {
	client, server := tcpPair(t)
	return source{NewConn(client, "tcp"), func(s string) { server.Write([]byte(s)) }}
}

// ownedPipeSource is the read end of Pipe (read with deadlines).
func ownedPipeSource(t testing.TB) source {
	r, w, err := Pipe()
	require.NoError(t, err)
	t.Cleanup(w.Release)
	return source{r, func(s string) { w.Write([]byte(s)) }}
}

// blockingPipeSource is an inherited blocking pipe (read with poll).
func blockingPipeSource(t testing.TB) source {
	r, w := blockingPipe(t)
	t.Cleanup(func() { w.Close() })
	return source{NewFile(r, Read, "", false), func(s string) { w.Write([]byte(s)) }}
}

// readToEOF calls ReadDelimContext until end of file and returns the
// non-empty pieces.
func readToEOF(t *testing.T, c *Channel, delim byte, max int, noDelim bool) []string {
	t.Helper()
	var got []string
	for {
		b, err := c.ReadDelimContext(context.Background(), delim, max, noDelim)
		if len(b) > 0 {
			got = append(got, string(b))
		}
		if err == io.EOF {
			return got
		}
		require.NoError(t, err)
	}
}

// openNull opens /dev/null with flag; the channel is the caller's.
func openNull(t testing.TB, flag int) *Channel {
	t.Helper()
	c, err := OpenFile("/dev/null", flag, 0)
	require.NoError(t, err)
	return c
}

// tempFile creates a file with content and returns its path.
func tempFile(t *testing.T, content string) string {
	p := t.TempDir() + "/f"
	require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	return p
}
