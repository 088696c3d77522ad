//go:build linux

package fdtable

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadDelimOwnedSocketLeavesRestBuffered(t *testing.T) {
	checkFDs(t)
	cases := []struct {
		name string
		next func(t *testing.T, c *Channel) string
	}{
		{"Read", func(t *testing.T, c *Channel) string {
			b, err := io.ReadAll(c)
			require.NoError(t, err)
			return string(b)
		}},
		{"WriteTo", func(t *testing.T, c *Channel) string {
			var b bytes.Buffer
			n, err := c.WriteTo(&b)
			require.NoError(t, err)
			assert.Equal(t, int64(b.Len()), n)
			return b.String()
		}},
		{"ReadDelim", func(t *testing.T, c *Channel) string {
			return strings.Join(readToEOF(t, c, '\n', 0, false), "")
		}},
		{"external cat", func(t *testing.T, c *Channel) string {
			f, release, err := c.ChildFile()
			require.NoError(t, err)
			defer release()
			return runChild(t, "cat <&3", nil, f)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			client, server := tcpPair(t)
			_, err := server.Write([]byte("one\ntwo\nthree"))
			require.NoError(t, err)
			require.NoError(t, server.CloseWrite())
			c := NewConn(client, "/dev/tcp/127.0.0.1/x")
			defer c.Release()
			line, err := c.ReadDelim('\n', 0)
			require.NoError(t, err)
			assert.Equal(t, "one\n", string(line))
			assert.Equal(t, 0, c.Buffered(), "a TCP socket is peeked: nothing read ahead")
			assert.Equal(t, "two\nthree", tc.next(t, c))
			assert.Equal(t, 0, c.Buffered())
			if tc.name != "external cat" { // a child's reads are its own
				assert.Equal(t, int64(13), c.Info().BytesIn)
			}
		})
	}
}

func TestReadDelimMaxAndEOF(t *testing.T) {
	checkFDs(t)
	cases := []struct {
		name  string
		owned bool
	}{{"owned", true}, {"not owned", false}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pr, pw := pollablePipe(t)
			_, err := pw.Write([]byte("one\nxyz"))
			require.NoError(t, err)
			pw.Close()
			c := NewFile(pr, Read, "", tc.owned)
			defer c.Release()
			b, err := c.ReadDelim('\n', 2)
			require.NoError(t, err)
			assert.Equal(t, "on", string(b))
			b, err = c.ReadDelim('\n', 0)
			require.NoError(t, err)
			assert.Equal(t, "e\n", string(b))
			b, err = c.ReadDelim('\n', 0)
			assert.Equal(t, io.EOF, err)
			assert.Equal(t, "xyz", string(b))
			assert.Equal(t, "EOF", c.Info().State)
		})
	}
}

func TestReadDelimNotOwnedPipeReadsBytewise(t *testing.T) {
	checkFDs(t)
	cases := []struct {
		name string
		pipe func(t testing.TB) (r, w *os.File)
	}{
		{"os.Pipe (pollable)", pollablePipe},
		{"blocking pipe", blockingPipe},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pr, pw := tc.pipe(t)
			_, err := pw.Write([]byte("a\nb\nc"))
			require.NoError(t, err)
			pw.Close()
			c := NewFile(pr, Read, "", false)
			defer c.Release()
			assert.Equal(t, KindPipe, c.Kind())
			line, err := c.ReadDelim('\n', 0)
			require.NoError(t, err)
			assert.Equal(t, "a\n", string(line))
			assert.Equal(t, 0, c.Buffered())
			rest, err := io.ReadAll(pr) // straight from the OS pipe
			require.NoError(t, err)
			assert.Equal(t, "b\nc", string(rest))
		})
	}
}

func TestReadDelimSeekBackOnNotOwnedFile(t *testing.T) {
	checkFDs(t)
	path := tempFile(t, "line1\nline2\n")
	f, err := os.Open(path)
	require.NoError(t, err)
	c := NewFile(f, Read, path, false)
	defer c.Release()
	assert.Equal(t, KindFile, c.Kind())
	line, err := c.ReadDelim('\n', 0)
	require.NoError(t, err)
	assert.Equal(t, "line1\n", string(line))
	pos, err := f.Seek(0, io.SeekCurrent)
	require.NoError(t, err)
	assert.Equal(t, int64(6), pos)
	info := c.Info()
	assert.Equal(t, int64(6), info.Offset)
	assert.Equal(t, int64(12), info.Size)
	assert.Equal(t, int64(6), info.BytesIn)
	rest, err := io.ReadAll(f)
	require.NoError(t, err)
	assert.Equal(t, "line2\n", string(rest))
}

func TestReadDelimSeekBackStopsAtMax(t *testing.T) {
	checkFDs(t)
	path := tempFile(t, "a\nbcdef\ng")
	f, err := os.Open(path)
	require.NoError(t, err)
	c := NewFile(f, Read, path, false)
	defer c.Release()
	steps := []struct {
		name    string
		max     int
		noDelim bool
		want    string
		offset  int64
	}{
		{"delimiter before max", 3, false, "a\n", 2},
		{"max before delimiter", 3, false, "bcd", 5},
		{"no delimiter, max", 2, true, "ef", 7},
		{"to the delimiter", 0, false, "\n", 8},
	}
	for _, st := range steps {
		got, err := c.ReadDelimContext(context.Background(), '\n', st.max, st.noDelim)
		require.NoError(t, err, st.name)
		assert.Equal(t, st.want, string(got), st.name)
		pos, err := f.Seek(0, io.SeekCurrent)
		require.NoError(t, err)
		assert.Equal(t, st.offset, pos, "%s: the OS offset is right after what was returned", st.name)
	}
	got, err := c.ReadDelim('\n', 0)
	assert.Equal(t, io.EOF, err)
	assert.Equal(t, "g", string(got))
	assert.Equal(t, int64(9), c.Info().BytesIn)
}

func TestOwnedFileWriteAfterReadLikeBash(t *testing.T) {
	checkFDs(t)
	bashPath := tempFile(t, "line1\nline2\n")
	out, err := exec.Command("/bin/bash", "-c", `exec 3<>"$1"; read -u3 x; echo X >&3; cat <&3`, "bash", bashPath).Output()
	require.NoError(t, err)
	want, err := os.ReadFile(bashPath)
	require.NoError(t, err)

	path := tempFile(t, "line1\nline2\n")
	c, err := OpenFile(path, os.O_RDWR, 0)
	require.NoError(t, err)
	defer c.Release()
	_, err = c.ReadDelim('\n', 0)
	require.NoError(t, err)
	assert.Equal(t, 6, c.Buffered(), "owned: read ahead")
	assert.Equal(t, int64(6), c.Info().Offset, "logical offset")
	_, err = c.Write([]byte("X\n"))
	require.NoError(t, err)
	var rest bytes.Buffer
	_, err = c.WriteTo(&rest)
	require.NoError(t, err)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	assert.Equal(t, string(out), rest.String())
}

func TestReadDelimLikeBash(t *testing.T) {
	checkFDs(t)
	file := tempFile(t, "a\nb\n")
	cases := []struct {
		name  string
		input string
	}{
		{"pipe", `printf 'a\nb\n' | `},
		{"file", `< "$1" `},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			run := func(reader string) string {
				var script string
				if tc.name == "pipe" {
					script = tc.input + "{ " + reader + "; cat; }"
				} else {
					script = "{ " + reader + "; cat; } " + tc.input
				}
				cmd := exec.Command("/bin/bash", "-c", script, os.Args[0], file)
				cmd.Env = append(os.Environ(), "GORACE=atexit_sleep_ms=0")
				out, err := cmd.Output()
				require.NoError(t, err, script)
				return string(out)
			}
			want := run(`bash -c 'IFS= read -r x; printf "got:%s\n" "$x"'`)
			got := run(helperEnv + `=readline "$0"`)
			assert.Equal(t, "got:a\nb\n", want)
			assert.Equal(t, want, got)
		})
	}
}

func TestReadDelimContextReturnsPartialOnCancel(t *testing.T) {
	checkFDs(t)
	for _, tc := range ownedAndInheritedPipes {
		t.Run(tc.name, func(t *testing.T) {
			pr, pw := tc.pipe(t)
			defer pw.Close()
			c := NewFile(pr, Read, "", tc.owned)
			defer c.Release()
			_, err := pw.Write([]byte("ab"))
			require.NoError(t, err)
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			var b []byte
			within(t, 5*time.Second, "ReadDelimContext", func() { b, err = c.ReadDelimContext(ctx, '\n', 0, false) })
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			assert.Equal(t, "ab", string(b))
			_, err = pw.Write([]byte("c\n"))
			require.NoError(t, err)
			b, err = c.ReadDelim('\n', 0)
			require.NoError(t, err)
			assert.Equal(t, "c\n", string(b))
		})
	}
}

func TestReadDelimNoDelim(t *testing.T) {
	checkFDs(t)
	cases := []struct {
		name  string
		owned bool
		max   int
		want  []string
	}{
		{"owned exact count", true, 3, []string{"a\nb", "\nc\n", "d"}},
		{"not owned exact count", false, 3, []string{"a\nb", "\nc\n", "d"}},
		{"owned to EOF", true, 0, []string{"a\nb\nc\nd"}},
		{"not owned to EOF", false, 0, []string{"a\nb\nc\nd"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pr, pw := pollablePipe(t)
			_, err := pw.Write([]byte("a\nb\nc\nd"))
			require.NoError(t, err)
			pw.Close()
			c := NewFile(pr, Read, "", tc.owned)
			defer c.Release()
			assert.Equal(t, tc.want, readToEOF(t, c, '\n', tc.max, true))
		})
	}
}

func TestReadyLikeReadT0(t *testing.T) {
	checkFDs(t)
	path := tempFile(t, "x")
	cases := []struct {
		name string
		make func(t *testing.T) *Channel
		want bool
	}{
		{"null", func(t *testing.T) *Channel {
			c := openNull(t, os.O_RDONLY)
			return c
		}, true},
		{"file", func(t *testing.T) *Channel {
			c, err := OpenFile(path, os.O_RDONLY, 0)
			require.NoError(t, err)
			return c
		}, true},
		{"empty pipe", func(t *testing.T) *Channel {
			r, w, err := Pipe()
			require.NoError(t, err)
			t.Cleanup(w.Release)
			return r
		}, false},
		{"pipe with data", func(t *testing.T) *Channel {
			r, w, err := Pipe()
			require.NoError(t, err)
			t.Cleanup(w.Release)
			w.Write([]byte("x"))
			return r
		}, true},
		{"pipe at EOF", func(t *testing.T) *Channel {
			r, w, err := Pipe()
			require.NoError(t, err)
			w.Release()
			return r
		}, true},
		{"buffered only", func(t *testing.T) *Channel {
			r, w, err := Pipe()
			require.NoError(t, err)
			t.Cleanup(w.Release)
			r.Unread([]byte("x"))
			return r
		}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.make(t)
			defer c.Release()
			assert.Equal(t, tc.want, c.Ready())
		})
	}
}
