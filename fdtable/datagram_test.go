package fdtable

import (
	"bytes"
	"context"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A datagram larger than the caller's buffer (io.Copy reads 32 KiB, a
// line reader less) reaches the caller whole and in order, on a
// connected UDP socket and on a UDP listener, whichever way it is read:
// recvfrom(2) into less room would drop the rest of the datagram.
func TestLargeDatagramsLoseNothing(t *testing.T) {
	checkFDs(t)
	// Three datagrams: larger than io.Copy's buffer, the largest UDP
	// payload over IPv4, and a small one after them.
	sizes := []int{40000, 65507, 10}
	var want []byte
	var grams [][]byte
	for i, n := range sizes {
		g := bytes.Repeat([]byte{byte('a' + i)}, n)
		grams = append(grams, g)
		want = append(want, g...)
	}
	reads := []struct {
		name string
		read func(t *testing.T, c *Channel) []byte
	}{
		{"WriteTo (cat)", func(t *testing.T, c *Channel) []byte {
			var out bytes.Buffer
			ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
			defer cancel()
			_, err := c.WriteToContext(ctx, &out)
			assert.ErrorIs(t, err, context.DeadlineExceeded) // UDP has no end
			return out.Bytes()
		}},
		{"Read, 1 KiB at a time", func(t *testing.T, c *Channel) []byte {
			require.NoError(t, c.SetReadDeadline(time.Now().Add(time.Second)))
			var out []byte
			buf := make([]byte, 1024)
			for len(out) < len(want) {
				n, err := c.Read(buf)
				out = append(out, buf[:n]...)
				if err != nil {
					break // lost bytes: the deadline ends the wait
				}
			}
			return out
		}},
		{"ReadDelim with no delimiter (read -N)", func(t *testing.T, c *Channel) []byte {
			// A listener's read ends with its datagram (listen.go).
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			var out []byte
			for len(out) < len(want) {
				b, err := c.ReadDelimContext(ctx, 0, len(want)-len(out), true)
				out = append(out, b...)
				if err != nil {
					break // lost bytes: the timeout ends the wait
				}
			}
			return out
		}},
	}
	peers := []struct {
		name string
		open func(t *testing.T) (c *Channel, send func([]byte))
	}{
		{"connected", func(t *testing.T) (*Channel, func([]byte)) {
			pc, err := net.ListenPacket("udp", "127.0.0.1:0")
			require.NoError(t, err)
			t.Cleanup(func() { pc.Close() })
			conn, err := net.Dial("udp", pc.LocalAddr().String())
			require.NoError(t, err)
			return NewConn(conn, "/dev/udp/127.0.0.1/x"), func(b []byte) {
				_, err := pc.WriteTo(b, conn.LocalAddr())
				require.NoError(t, err)
			}
		}},
		{"listener", func(t *testing.T) (*Channel, func([]byte)) {
			ln, err := Listen(context.Background(), "udp", "127.0.0.1:0")
			require.NoError(t, err)
			client, err := net.Dial("udp", ln.Info().Local)
			require.NoError(t, err)
			t.Cleanup(func() { client.Close() })
			return ln, func(b []byte) {
				_, err := client.Write(b)
				require.NoError(t, err)
			}
		}},
	}
	for _, p := range peers {
		for _, r := range reads {
			t.Run(p.name+"/"+r.name, func(t *testing.T) {
				c, send := p.open(t)
				defer c.Release()
				for _, g := range grams {
					send(g)
				}
				got := r.read(t, c)
				assert.Equal(t, len(want), len(got))
				assert.True(t, bytes.Equal(want, got), "bytes in order")
				assert.Equal(t, int64(len(want)), c.Info().BytesIn)
			})
		}
	}
}
