//go:build linux

package fdtable

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readAhead reads total bytes from c with Read, keeps the first line and
// pushes the rest back: the read-ahead state a buffered reader leaves
// (what a bridge must carry to a child).
func readAhead(t *testing.T, c *Channel, total int) []byte {
	t.Helper()
	all := make([]byte, total)
	_, err := io.ReadFull(c, all)
	require.NoError(t, err)
	i := bytes.IndexByte(all, '\n')
	require.GreaterOrEqual(t, i, 0)
	c.Unread(all[i+1:])
	return all[:i+1]
}

func TestReadDelimPeeksTCP(t *testing.T) {
	checkFDs(t)
	long := strings.Repeat("x", 3000) + "\n"
	cases := []struct {
		name  string
		input string
		delim byte
		max   int
		want  []string // successive ReadDelim results; the last ends at EOF
	}{
		{"short lines", "a\nbb\nccc\n", '\n', 0, []string{"a\n", "bb\n", "ccc\n", ""}},
		{"line longer than the first peek", long + "tail", '\n', 0, []string{long, "tail"}},
		{"max before delimiter", "abcdef\n", '\n', 4, []string{"abcd", "ef\n", ""}},
		{"other delimiter", "k=v;x", ';', 0, []string{"k=v;", "x"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			client, server := tcpPair(t)
			c := NewConn(client, "/dev/tcp/127.0.0.1/x")
			defer c.Release()
			_, err := server.Write([]byte(tc.input))
			require.NoError(t, err)
			require.NoError(t, server.CloseWrite())
			for i, want := range tc.want {
				got, err := c.ReadDelim(tc.delim, tc.max)
				if i == len(tc.want)-1 {
					assert.Equal(t, io.EOF, err)
				} else {
					require.NoError(t, err)
				}
				assert.Equal(t, want, string(got))
				assert.Equal(t, 0, c.Buffered(), "nothing read ahead")
			}
			assert.Equal(t, int64(len(tc.input)), c.Info().BytesIn)
		})
	}
}

func TestReadDelimPeekCancelWhileChildHolds(t *testing.T) {
	checkFDs(t)
	client, server := tcpPair(t)
	c := NewConn(client, "/dev/tcp/127.0.0.1/x")
	defer c.Release()
	_, release, err := c.ChildFile()
	require.NoError(t, err)
	defer release()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	within(t, 5*time.Second, "ReadDelimContext", func() { _, err = c.ReadDelimContext(ctx, '\n', 0, false) })
	assert.ErrorIs(t, err, context.Canceled)

	// With a deadline instead.
	require.NoError(t, c.SetReadDeadline(time.Now().Add(100*time.Millisecond)))
	within(t, 5*time.Second, "ReadDelim", func() { _, err = c.ReadDelim('\n', 0) })
	assert.ErrorIs(t, err, os.ErrDeadlineExceeded)
	require.NoError(t, c.SetReadDeadline(time.Time{}))

	// Data still arrives, whole.
	_, err = server.Write([]byte("late\n"))
	require.NoError(t, err)
	got, err := c.ReadDelim('\n', 0)
	require.NoError(t, err)
	assert.Equal(t, "late\n", string(got))
}
