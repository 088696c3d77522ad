//go:build linux

package fdtable

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChildFileDupWhenNothingBuffered(t *testing.T) {
	checkFDs(t)
	client, server := tcpPair(t)
	c := NewConn(client, "/dev/tcp/127.0.0.1/x")
	defer c.Release()
	_, err := server.Write([]byte("xyz"))
	require.NoError(t, err)
	require.True(t, nonblocking(t, c))

	f, release, err := c.ChildFile()
	require.NoError(t, err)
	assert.False(t, nonblocking(t, c), "blocking while a child holds it")
	assert.Equal(t, 1, c.Info().Children)
	assert.Equal(t, "xyz", runChild(t, "head -c 3 <&3; echo back >&3", nil, f))
	release()
	release() // idempotent
	assert.True(t, nonblocking(t, c), "non-blocking again after the last child")
	assert.Equal(t, 0, c.Info().Children)
	assert.Equal(t, 1, c.Info().Refs)

	buf := make([]byte, 5)
	_, err = io.ReadFull(server, buf)
	require.NoError(t, err)
	assert.Equal(t, "back\n", string(buf))
}

func TestChildFileBridgeRestoresUnreadBytes(t *testing.T) {
	checkFDs(t)
	cases := []struct {
		name   string
		script string
		out    string
		left   string
	}{
		{"head -c 1 stops early", "head -c 1 <&3", "w", "orld\nmore\n"},
		{"sh read takes one line", `IFS= read -r x <&3; echo "$x"`, "world\n", "more\n"},
		{"reads nothing", "true", "", "world\nmore\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			client, server := tcpPair(t)
			c := NewConn(client, "/dev/tcp/127.0.0.1/x")
			defer c.Release()
			_, err := server.Write([]byte("hello\nworld\nmore\n"))
			require.NoError(t, err)
			line := readAhead(t, c, 17)
			require.Equal(t, "hello\n", string(line))
			require.Equal(t, 11, c.Buffered())

			f, release, err := c.ChildFile()
			require.NoError(t, err)
			assert.True(t, nonblocking(t, c), "a bridge leaves the socket alone")
			assert.Equal(t, tc.out, runChild(t, tc.script, nil, f))
			release()
			assert.Equal(t, len(tc.left), c.Buffered())
			got := make([]byte, len(tc.left))
			_, err = io.ReadFull(c, got)
			require.NoError(t, err)
			assert.Equal(t, tc.left, string(got))

			// Later data still arrives, after the restored bytes.
			_, err = server.Write([]byte("tail"))
			require.NoError(t, err)
			got = make([]byte, 4)
			_, err = io.ReadFull(c, got)
			require.NoError(t, err)
			assert.Equal(t, "tail", string(got))
			assert.Equal(t, 1, c.Info().Refs)
		})
	}
}

func TestChildFileBridgeCarriesBothWays(t *testing.T) {
	checkFDs(t)
	client, server := tcpPair(t)
	c := NewConn(client, "/dev/tcp/127.0.0.1/x")
	defer c.Release()
	_, err := server.Write([]byte("hello\nworld\n"))
	require.NoError(t, err)
	readAhead(t, c, 12)
	require.Equal(t, 6, c.Buffered())

	f, release, err := c.ChildFile()
	require.NoError(t, err)
	// The child reads the buffered line, answers, then reads what the
	// server sends after the answer.
	done := make(chan string, 1)
	go func() {
		buf := make([]byte, 10)
		io.ReadFull(server, buf)
		server.Write([]byte("late\n"))
		done <- string(buf)
	}()
	out := runChild(t, `read x <&3; echo "got $x" >&3; read y <&3; echo "$x $y"`, nil, f)
	release()
	assert.Equal(t, "world late\n", out)
	assert.Equal(t, "got world\n", <-done)
	assert.Equal(t, 0, c.Buffered())
	info := c.Info()
	assert.Equal(t, int64(10), info.BytesOut)
	assert.Equal(t, int64(17), info.BytesIn)
}

func TestChildFileSeeksOwnedFileBack(t *testing.T) {
	checkFDs(t)
	path := tempFile(t, "line1\nline2\nline3\n")
	c, err := OpenFile(path, os.O_RDONLY, 0)
	require.NoError(t, err)
	defer c.Release()
	_, err = c.ReadDelim('\n', 0)
	require.NoError(t, err)
	require.Equal(t, 12, c.Buffered())
	f, release, err := c.ChildFile()
	require.NoError(t, err)
	assert.Equal(t, 0, c.Buffered())
	assert.Equal(t, "line2\n", runChild(t, "head -n 1 <&3", nil, f))
	release()
	// head reads a block but seeks back on a regular file, like bash.
	b, err := c.ReadDelim('\n', 0)
	require.NoError(t, err)
	assert.Equal(t, "line3\n", string(b))
}

func TestDeadlineWorksAfterChildExit(t *testing.T) {
	checkFDs(t)
	client, _ := tcpPair(t) // the server stays silent
	c := NewConn(client, "/dev/tcp/127.0.0.1/x")
	defer c.Release()
	f, release, err := c.ChildFile()
	require.NoError(t, err)
	runChild(t, "true", nil, f)
	release()

	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	within(t, 5*time.Second, "ReadContext", func() {
		_, err = c.ReadContext(ctx, make([]byte, 1))
	})
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	require.NoError(t, c.SetReadDeadline(time.Now().Add(200*time.Millisecond)))
	within(t, 5*time.Second, "Read with deadline", func() {
		_, err = c.Read(make([]byte, 1))
	})
	assert.ErrorIs(t, err, os.ErrDeadlineExceeded)
	assert.Equal(t, "ESTABLISHED", c.Info().State)
}

func TestCancelWhileChildHolds(t *testing.T) {
	checkFDs(t)
	cases := []struct {
		name string
		make func(t testing.TB) source
	}{
		{"tcp", tcpSource},
		{"pipe", ownedPipeSource},
		{"inherited blocking pipe", blockingPipeSource},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.make(t)
			c := src.c
			defer c.Release()
			f, release, err := c.ChildFile()
			require.NoError(t, err)
			ctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
			defer stop()
			cmd := exec.CommandContext(ctx, "sleep", "10")
			cmd.ExtraFiles = []*os.File{f}
			require.NoError(t, cmd.Start())
			defer func() {
				cmd.Process.Kill()
				cmd.Wait()
				release()
				assert.Equal(t, 0, c.Info().Children)
			}()
			assert.False(t, nonblocking(t, c))

			rctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			within(t, 5*time.Second, "ReadContext", func() {
				_, err = c.ReadContext(rctx, make([]byte, 1))
			})
			assert.ErrorIs(t, err, context.Canceled)

			require.NoError(t, c.SetReadDeadline(time.Now().Add(100*time.Millisecond)))
			within(t, 5*time.Second, "Read with deadline", func() {
				_, err = c.Read(make([]byte, 1))
			})
			assert.ErrorIs(t, err, os.ErrDeadlineExceeded)
			require.NoError(t, c.SetReadDeadline(time.Time{}))

			src.feed("data")
			buf := make([]byte, 4)
			within(t, 5*time.Second, "ReadFull", func() {
				_, err = io.ReadFull(c, buf)
			})
			require.NoError(t, err)
			assert.Equal(t, "data", string(buf))
		})
	}
}

func TestChildFileUsedAsStdin(t *testing.T) {
	checkFDs(t)
	r, w, err := Pipe()
	require.NoError(t, err)
	defer r.Release()
	_, err = w.Write([]byte("one\ntwo\n"))
	require.NoError(t, err)
	w.Release()
	_, err = r.ReadDelim('\n', 0)
	require.NoError(t, err)
	f, release, err := r.ChildFile()
	require.NoError(t, err)
	cmd := exec.Command("cat")
	cmd.Stdin = f
	var out bytes.Buffer
	cmd.Stdout = &out
	require.NoError(t, cmd.Run())
	release()
	assert.Equal(t, "two\n", out.String())
}

func TestChildFileBridgeOnPipes(t *testing.T) {
	checkFDs(t)
	for _, tc := range ownedAndInheritedPipes {
		t.Run(tc.name, func(t *testing.T) {
			pr, pw := tc.pipe(t)
			defer pw.Close()
			c := NewFile(pr, Read, "", tc.owned)
			defer c.Release()
			c.Unread([]byte("zero\n"))
			_, err := pw.Write([]byte("one\n"))
			require.NoError(t, err)
			f, release, err := c.ChildFile()
			require.NoError(t, err)
			assert.Equal(t, "zero\n", runChild(t, "head -c 5 <&3", nil, f))
			within(t, 5*time.Second, "release", release)
			buf := make([]byte, 4)
			_, err = io.ReadFull(c, buf)
			require.NoError(t, err)
			assert.Equal(t, "one\n", string(buf))
		})
	}
}
