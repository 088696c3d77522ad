//go:build linux

package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// headPayload is deterministic test data: numbered lines, then random
// bytes (newlines included).
func headPayload(size int) []byte {
	var b bytes.Buffer
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(&b, "line %d\n", i)
	}
	r := rand.New(rand.NewPCG(9, 9))
	for b.Len() < size {
		b.WriteByte(byte(r.IntN(256)))
	}
	return b.Bytes()[:size]
}

// TestHeadSocketKeepsTheRest checks that head on a socket tcpsh opened
// consumes only what it prints: whoever reads next gets every byte that
// follows, whether a builtin or an external command.
func TestHeadSocketKeepsTheRest(t *testing.T) {
	data := headPayload(300 * 1024)
	port := startTCP(t, sendHandler(string(data)))
	cases := []struct{ name, src string }{
		{"head -n 1 then cat", `head -n 1 <&3; cat <&3`},
		{"head -n 3 then external cat", `head -n 3 <&3; /bin/cat <&3`},
		{"head -c then cat", `head -c 5 <&3; head -c 70000 <&3; cat <&3`},
		{"read, head, read, cat", `IFS= read -r a <&3; printf '%s\n' "$a"; head -n 2 <&3; IFS= read -r b <&3; printf '%s\n' "$b"; cat <&3`},
		{"head -n after data is buffered", `sleep 0.2; head -n 1 <&3; head -n 1 <&3; cat <&3`},
		{"header then rest", `head -v -n 1 - <&3 | tail -n +2; cat <&3`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := tcpshRun(t, script(`exec 3<>/dev/tcp/127.0.0.1/`+port+`; `+tc.src))
			assert.Empty(t, res.stderr)
			assert.Equal(t, 0, res.status)
			assert.Equal(t, sha256Hex(data), sha256Hex([]byte(res.stdout)), "every byte, in order (got %d of %d)", len(res.stdout), len(data))
		})
	}
}

// TestHeadInheritedFDs checks descriptors tcpsh did not open: byte reads
// on pipes and sockets, seeking back on files, so that the next reader
// (here a builtin, then an external command) gets the rest.
func TestHeadInheritedFDs(t *testing.T) {
	data := headPayload(20 * 1024)
	dir := t.TempDir()
	file := filepath.Join(dir, "data")
	require.NoError(t, os.WriteFile(file, data, 0o644))
	const src = `head -n 1; head -c 3; echo; head -n 2 | cat; cat`
	want := "line 1\nlin\ne 2\nline 3\n" + string(data[len("line 1\nline 2\nline 3\n"):])

	t.Run("stdin is a file", func(t *testing.T) {
		res := sameAsBashFile(t, file, src)
		assert.Equal(t, want, res.stdout)
	})
	t.Run("stdin is a pipe", func(t *testing.T) {
		res := tcpshRun(t, sockCase{args: []string{"-c", src}, stdin: data})
		assert.Empty(t, res.stderr)
		assert.Equal(t, want, res.stdout)
	})
	t.Run("the issue's examples", func(t *testing.T) {
		res := tcpshRun(t, sockCase{args: []string{"-c", `{ head -n 1; cat; } < ` + file + ` | head -n 2; printf 'a\nb\n' | { head -n 1; cat; }`}})
		assert.Equal(t, "line 1\nline 2\na\nb\n", res.stdout)
		res = tcpshRun(t, sockCase{args: []string{"-c", `{ head -n 1; cat; }`}, stdin: []byte("a\nb\n")})
		assert.Equal(t, "a\nb\n", res.stdout)
	})
	t.Run("fd 3 is a socket", func(t *testing.T) {
		port := startTCP(t, sendHandler(string(data)))
		conn, err := net.Dial("tcp", "127.0.0.1:"+port)
		require.NoError(t, err)
		f, err := conn.(*net.TCPConn).File()
		require.NoError(t, err)
		conn.Close()
		defer f.Close()
		time.Sleep(100 * time.Millisecond) // let the data arrive: a head that over-read would now lose it
		res := tcpshRun(t, sockCase{args: []string{"-c", `head -n 1 <&3; head -c 3 <&3; echo; head -n 2 <&3 | cat; cat <&3`}, extra: []*os.File{f}})
		assert.Empty(t, res.stderr)
		assert.Equal(t, want, res.stdout)
	})
}

// sameAsBashFile runs src under bash and tcpsh with stdin the file path
// and compares everything.
func sameAsBashFile(t *testing.T, path, src string) runResult {
	t.Helper()
	needShells(t)
	run := func(shell string) runResult {
		return runShell(t, runSpec{shell: shell, args: []string{"-c", src}, stdin: path, dir: t.TempDir(), env: scriptEnv(t.TempDir(), os.TempDir(), "C")})
	}
	want, got := run(refBash), run(shellUnderTest)
	assert.Equal(t, want, got)
	return got
}

// TestHeadKeepAlive reads two bodies on one HTTP/1.1 connection with
// head -c $len, as bash does with GNU head (which reads exactly -c N
// bytes too).
func TestHeadKeepAlive(t *testing.T) {
	port := startHTTP(t, func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		w.Header().Set("Content-Length", strconv.Itoa(n))
		_, _ = io.WriteString(w, strings.Repeat(string(rune('a'+n%26)), n))
	})
	src := `exec 3<>/dev/tcp/127.0.0.1/` + port + `
for p in 3 70000 5 0 12; do
  printf 'GET /%s HTTP/1.1\r\nHost: localhost\r\n\r\n' "$p" >&3
  len=0
  while IFS= read -r line <&3; do
    line=${line%$'\r'}
    [ -z "$line" ] && break
    case $line in Content-Length:*) len=${line#*: } ;; esac
  done
  body=$(head -c "$len" <&3)
  echo "$p ${#body} ${body:0:3}"
done`
	res := sameAsBash(t, script(src))
	assert.Equal(t, "3 3 ddd\n70000 70000 iii\n5 5 fff\n0 0 \n12 12 mmm\n", res.stdout)
}

// sinkResult is what a hashing sink received on one connection.
type sinkResult struct {
	n   int64
	sum string
}

// startHashSink serves connections that are read to EOF and hashed.
func startHashSink(t *testing.T) (string, chan sinkResult) {
	results := make(chan sinkResult, 4)
	port := startTCP(t, func(c *net.TCPConn) {
		h := sha256.New()
		n, _ := io.Copy(h, c)
		results <- sinkResult{n, hex.EncodeToString(h.Sum(nil))}
	})
	return port, results
}

// TestHeadBigUpload sends head -c N of /dev/zero and of a file to a
// socket and checks the server's count and hash.
func TestHeadBigUpload(t *testing.T) {
	n := bigSize()
	zeros := &bigBody{block: make([]byte, 1<<20), n: n}
	port, results := startHashSink(t)
	res := tcpshRun(t, sockCase{args: []string{"-c", `exec 3<>/dev/tcp/127.0.0.1/` + port + `; head -c ` + strconv.FormatInt(n, 10) + ` /dev/zero >&3; echo "st=$?"; exec 3>&-`}, timeout: 2 * time.Minute})
	assert.Equal(t, "st=0\n", res.stdout)
	assert.Empty(t, res.stderr)
	select {
	case got := <-results:
		assert.Equal(t, sinkResult{n, zeros.sha256()}, got)
	case <-time.After(time.Minute):
		t.Fatal("the sink got no end of stream")
	}

	// From a file bigger than what is sent: the copy stops exactly.
	data := headPayload(3 << 20)
	file := filepath.Join(t.TempDir(), "data")
	require.NoError(t, os.WriteFile(file, data, 0o644))
	res = tcpshRun(t, script(`exec 3<>/dev/tcp/127.0.0.1/`+port+`; { head -c 1000001 >&3; head -c 5; } < `+file+`; exec 3>&-`))
	assert.Equal(t, string(data[1000001:1000006]), res.stdout)
	select {
	case got := <-results:
		assert.Equal(t, sinkResult{1000001, sha256Hex(data[:1000001])}, got)
	case <-time.After(time.Minute):
		t.Fatal("the sink got no end of stream")
	}
}

// TestHeadBigDownload copies head -c N of a socket into a file; the
// server sends more, which stays for the next reader.
func TestHeadBigDownload(t *testing.T) {
	n := bigSize()
	const extra = 1000
	body := newBigBody(n)
	port := startTCP(t, func(c *net.TCPConn) { (&bigBody{block: body.block, n: n + extra}).writeTo(c) })
	res := tcpshRun(t, sockCase{args: []string{"-c", `exec 3<>/dev/tcp/127.0.0.1/` + port + `; head -c ` + strconv.FormatInt(n, 10) + ` <&3 > out; echo "st=$?"; cat <&3 | wc -c; sha256sum < out`}, timeout: 2 * time.Minute})
	assert.Empty(t, res.stderr)
	assert.Equal(t, "st=0\n"+strconv.Itoa(extra)+"\n"+body.sha256()+"  -\n", res.stdout)
}
