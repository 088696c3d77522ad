//go:build linux

package fdtable

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFileToConnUnderCancellableContext: a regular file copied to a TCP
// channel under a context that can be cancelled (as the cat builtin
// copies) goes from the *os.File to the *net.TCPConn in one copy loop,
// and a copy blocked by a peer that does not read stops soon after the
// context ends, leaving the connection usable.
func TestFileToConnUnderCancellableContext(t *testing.T) {
	checkFDs(t)
	cases := []struct {
		name      string
		size      int
		peerReads bool
		timeout   time.Duration
		wantErr   error
	}{
		{"peer reads everything", 3 << 20, true, 10 * time.Second, nil},
		{"peer never reads: cancelled", 64 << 20, false, 300 * time.Millisecond, context.DeadlineExceeded},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			payload := randomBytes(t, tc.size)
			path := t.TempDir() + "/in"
			require.NoError(t, os.WriteFile(path, payload, 0o600))
			src, err := OpenFile(path, os.O_RDONLY, 0)
			require.NoError(t, err)
			defer src.Release()
			client, server := tcpPair(t)
			dst := NewConn(client, "/dev/tcp/127.0.0.1/0")
			defer dst.Release()
			got := make(chan []byte, 1)
			if tc.peerReads {
				go func() {
					b, _ := io.ReadAll(server)
					got <- b
				}()
			}
			seen := recordCopies(t)
			ctx, cancel := context.WithTimeout(context.Background(), tc.timeout)
			defer cancel()
			var n int64
			within(t, 5*time.Second, "WriteToContext", func() { n, err = src.WriteToContext(ctx, dst) })
			assert.Equal(t, []string{"*net.TCPConn<-*os.File"}, *seen)
			if tc.wantErr != nil {
				assert.ErrorIs(t, err, tc.wantErr)
				assert.Less(t, n, int64(tc.size))
				// The write deadline is cleared: the connection still writes.
				_, werr := dst.Write([]byte("x"))
				assert.NoError(t, werr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, int64(tc.size), n)
			require.NoError(t, client.CloseWrite())
			assert.True(t, bytes.Equal(payload, <-got), "payload intact")
			assert.Equal(t, int64(tc.size), dst.Info().BytesOut)
		})
	}
}
