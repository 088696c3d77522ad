//go:build linux

package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// bigSize is 64 MiB, or 1 GiB when TCPSH_TEST_BIG=1.
func bigSize() int64 {
	if os.Getenv("TCPSH_TEST_BIG") == "1" {
		return 1 << 30
	}
	return 64 << 20
}

// A raw TCP transfer through `cat <&3 >file` and through
// `cat <&3 | sha256sum` matches the server's hash, byte count included.
func TestNothingLostBigTransfer(t *testing.T) {
	body := newBigBody(bigSize())
	port := startTCP(t, func(c *net.TCPConn) { body.writeTo(c) })
	want := fmt.Sprintf("%d\n%s  -\n", body.n, body.sha256())
	for _, tc := range []struct{ name, src string }{
		{"to a file", `exec 3<>/dev/tcp/127.0.0.1/$P; cat <&3 >body; exec 3<&-; wc -c <body; sha256sum <body`},
		{"through a pipe", `exec 3<>/dev/tcp/127.0.0.1/$P; cat <&3 | tee >(wc -c >n) | sha256sum >h; wait; sleep 0.2; cat n h`},
		{"one-shot redirection to an external", `sha256sum </dev/tcp/127.0.0.1/$P >h; cat </dev/tcp/127.0.0.1/$P | wc -c; cat h`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := tcpshRun(t, sockCase{args: []string{"-c", tc.src}, env: []string{"P=" + port}, timeout: 300 * time.Second})
			assert.Equal(t, runResult{want, "", 0}, res)
		})
	}
}

// Interleaved read, external head/dd and builtin cat on one socket take
// every byte once and in order: their outputs, concatenated, are the
// server's stream (80,000 bytes).
func TestNothingLostInterleaved(t *testing.T) {
	var stream bytes.Buffer
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&stream, "line %06d abc\n", i)
	}
	data := stream.Bytes()
	port := startTCP(t, func(c *net.TCPConn) { c.Write(data) })
	src := `exec 3<>/dev/tcp/127.0.0.1/$P
{
for ((k=0; k<150; k++)); do
	IFS= read -r l <&3; printf '%s\n' "$l"
	head -n 2 <&3
	IFS= read -r -N 7 c <&3; printf '%s' "$c"
	dd bs=1 count=5 status=none <&3
	IFS= read -r -d ' ' w <&3; printf '%s ' "$w"
	head -c 13 <&3
	IFS= read -r -n 3 x <&3; printf '%s' "$x"
done
cat <&3
} >out
sha256sum <out; wc -c <out`
	// bash fails this: an external head reads ahead and drops what it
	// does not print; tcpsh hands programs a bridge that returns the rest.
	res := tcpshRun(t, script(src, "P="+port))
	assert.Equal(t, runResult{fmt.Sprintf("%s  -\n%d\n", sha256Hex(data), len(data)), "", 0}, res)
}
