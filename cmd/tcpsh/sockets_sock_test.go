//go:build linux

package main

import (
	"bytes"
	"io"
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

// The course exercise, verbatim but for host and port, at fd 8 and 22, and
// other socket behaviour that is bash's: compared with bash 5.2.
func TestSocketsLikeBash(t *testing.T) {
	cases := []struct {
		name   string
		script string
		env    func(t *testing.T) []string
	}{
		{"course exercise fd 8", `exec 8<> /dev/tcp/127.0.0.1/$HTTP_PORT; echo -e "GET / HTTP/1.0\n" 1>& 8; cat 0<& 8; exec 8<&-`, nil},
		{"course exercise fd 22", `exec 22<> /dev/tcp/127.0.0.1/$HTTP_PORT; echo -e "GET / HTTP/1.0\n" 1>& 22; cat 0<& 22; exec 22<&-`, nil},
		{"keep-alive: two requests on one connection", `
exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT
get() {
	printf 'GET %s HTTP/1.1\r\nHost: localhost\r\n\r\n' "$1" >&3
	len=0
	while IFS= read -r line <&3; do
		line=${line%$'\r'}
		[ -z "$line" ] && break
		case $line in Content-Length:*) len=${line#*: } ;; esac
		echo "h: $line"
	done
	head -c "$len" <&3
}
get /; get /lines/3; get /len/40; echo
exec 3<&-`, nil},
		{"dup, close, move", `
exec 3<>/dev/tcp/127.0.0.1/$ECHO_PORT
exec 4>&3; exec 3>&-
echo through4 >&4; read -r l <&4; echo "$l"
echo x >&3; echo "3 closed: $?"
exec 5>&4-
echo x >&4; echo "4 moved: $?"
echo through5 >&5; read -r l <&5; echo "$l"
exec 5>&-; echo y >&5; echo "5 closed: $?"
exec 5>&-; echo "close again: $?"`, nil},
		{"external command inherits the socket", `exec 8<>/dev/tcp/127.0.0.1/$LINE_PORT; sh -c 'echo hi >&8; cat <&8'; echo "st=$?"`,
			func(t *testing.T) []string { return []string{"LINE_PORT=" + startTCP(t, lineEchoHandler)} }},
		{"read then external readers get every byte", `exec 3<>/dev/tcp/127.0.0.1/$DATA_PORT; read -r line <&3; echo "[$line]"; head -c 1 <&3; echo; cat <&3`,
			func(t *testing.T) []string {
				return []string{"DATA_PORT=" + startTCP(t, sendHandler("first\nABCDEFG\nlast\n"))}
			}},
		{"builtin read then cat in a pipeline", `exec 3</dev/tcp/127.0.0.1/$BANNER_PORT; read -r first <&3; echo "${first%$'\r'}"; cat <&3 | tr -d '\r'; exec 3<&-`, nil},
		{"pipe bridge with an early-exiting reader", `printf 'first\nabcdef\nlast\n' | { read -r line; echo "[$line]"; head -c 1; echo; cat; }`, nil},
		{"while read over a socket", `exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT; printf 'GET /lines/200 HTTP/1.0\r\n\r\n' >&3; n=0; while IFS= read -r l <&3; do n=$((n+1)); last=$l; done; echo "$n $last"`, nil},
		{"redirections one-shot and exec", `echo hi >/dev/tcp/127.0.0.1/$ECHO_PORT; echo "st=$?"; cat </dev/tcp/127.0.0.1/$BANNER_PORT | tr -d '\r'`, nil},
		{"varfd", `exec {s}<>/dev/tcp/127.0.0.1/$ECHO_PORT; echo "s=$s"; echo v >&$s; read -r x <&$s; echo $x; exec {s}>&-`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var env []string
			if tc.env != nil {
				env = tc.env(t)
			}
			sameAsBash(t, script(tc.script, env...))
		})
	}
}

// The socket closes when its last number closes, not before: after fd 3
// is closed, a line still goes through its dup fd 4; after fd 4 is closed,
// and before the shell ends, the server sees end of file (it tells so on a
// second connection, waiting up to 5 s for it).
func TestSocketClosesWithLastNumber(t *testing.T) {
	eofs := make(chan struct{}, 4)
	port := startTCP(t, func(c *net.TCPConn) {
		echoConn(c) // until end of file
		eofs <- struct{}{}
	})
	report := startTCP(t, func(c *net.TCPConn) {
		select {
		case <-eofs:
			io.WriteString(c, "eof\n")
		case <-time.After(5 * time.Second):
			io.WriteString(c, "no eof\n")
		}
	})
	got := sameAsBash(t, script(`exec 3<>/dev/tcp/127.0.0.1/$P; exec 4>&3; exec 3>&-
echo x >&4; read -r x <&4; echo "through 4: $x"
exec 4>&-
read -r seen </dev/tcp/127.0.0.1/$Q; echo "server: $seen"`, "P="+port, "Q="+report))
	assert.Equal(t, runResult{"through 4: x\nserver: eof\n", "", 0}, got)
}

// A 64 MiB download (1 GiB with TCPSH_TEST_BIG=1) arrives intact.
func TestSocketBigDownload(t *testing.T) {
	size := int64(64 << 20)
	if os.Getenv("TCPSH_TEST_BIG") == "1" {
		size = 1 << 30
	}
	body := newBigBody(size)
	port := startBigHTTP(t, body)
	res := tcpshRun(t, sockCase{
		args: []string{"-c", `exec 3<>/dev/tcp/127.0.0.1/$P
printf 'GET /big HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
while IFS= read -r l <&3; do [ "$l" = $'\r' ] && break; done
cat <&3 > body; exec 3<&-; wc -c < body; sha256sum < body`},
		env:     []string{"P=" + port},
		timeout: 120 * time.Second,
	})
	assert.Equal(t, "", res.stderr)
	assert.Equal(t, 0, res.status)
	assert.Equal(t, strconv.FormatInt(size, 10)+"\n"+body.sha256()+"  -\n", res.stdout)
}

// Fds >= 3 inherited from the caller work, and {var} skips them as in bash.
func TestInheritedFDs(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "in.txt")
	require.NoError(t, os.WriteFile(p, []byte("from fd 3\n"), 0o644))
	open := func(t *testing.T, n int) []*os.File {
		var fs []*os.File
		for i := 0; i < n; i++ {
			f, err := os.Open(p)
			require.NoError(t, err)
			t.Cleanup(func() { f.Close() })
			fs = append(fs, f)
		}
		return fs
	}
	cases := []struct {
		name   string
		script string
		files  int
	}{
		{"cat from fd 3", `cat <&3; echo "st=$?"`, 1},
		{"read from fd 3, then an external", `read -r x <&3; echo "x=$x"; cat <&3; echo end`, 1},
		{"varfd skips inherited 10", `exec {v}>/dev/null; echo "v=$v"`, 8},
		{"close inherited, then reuse", `exec 10>&-; exec {v}>/dev/null; echo "v=$v"`, 8},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sc := script(tc.script)
			sc.extra = open(t, tc.files)
			want := runSockShell(t, refBash, t.TempDir(), sc)
			sc.extra = open(t, tc.files)
			needShells(t)
			got := runSockShell(t, shellUnderTest, t.TempDir(), sc)
			assert.Equal(t, want, got)
		})
	}
}

// http-get.sh under tcpsh and bash alike.
// TestInheritedFDAboveLoweredLimit: an fd inherited at a number that a
// later `ulimit -n` puts out of range must not stop programs from
// starting (os/exec cannot place it in the child, so tcpsh leaves it out;
// bash's children inherit it).
func TestInheritedFDAboveLoweredLimit(t *testing.T) {
	f, err := os.Open(os.DevNull)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	extra := make([]*os.File, 38) // fd 40 open, 3..39 closed
	extra[37] = f
	sc := script(`ulimit -n 24; seq 1 2; echo "st=$?"`)
	sc.extra = extra
	want := runSockShell(t, refBash, t.TempDir(), sc)
	needShells(t)
	got := runSockShell(t, shellUnderTest, t.TempDir(), sc)
	assert.Equal(t, "1\n2\nst=0\n", want.stdout)
	assert.Equal(t, want, got)
}

// chunkedBody is what getScriptHandler sends at /chunked, one flush per
// line, so that the response is chunked.
var chunkedBody = strings.Repeat("a", 5000) + "\n" + strings.Repeat("b", 5000) + "\n" + strings.Repeat("c", 5000) + "\n"

// getScriptHandler serves http-get.sh and https-get.sh: /info describes
// the request (and its TLS connection, if any), /chunked sends
// chunkedBody, anything else is 404.
func getScriptHandler(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/info":
		info := "host=" + r.Host + " close=" + strconv.FormatBool(r.Close) + " proto=" + r.Proto
		if r.TLS != nil {
			info += " alpn=" + r.TLS.NegotiatedProtocol + " sni=" + r.TLS.ServerName
		}
		io.WriteString(w, info+"\n")
	case "/chunked":
		for line := range strings.Lines(chunkedBody) {
			io.WriteString(w, line)
			w.(http.Flusher).Flush()
		}
	default:
		http.NotFound(w, r)
	}
}

func TestHTTPGetScript(t *testing.T) {
	port := startHTTP(t, getScriptHandler)
	cases := []struct {
		name    string
		args    []string
		out     string
		errText string
		status  int
	}{
		{"host header and close", []string{"127.0.0.1", port, "/info"}, "host=127.0.0.1:" + port + " close=true proto=HTTP/1.1\n", "", 0},
		{"path without slash", []string{"127.0.0.1", port, "info"}, "host=127.0.0.1:" + port + " close=true proto=HTTP/1.1\n", "", 0},
		{"chunked body", []string{"127.0.0.1", port, "/chunked"}, chunkedBody, "", 0},
		{"404", []string{"127.0.0.1", port, "/nope"}, "404 page not found\n", "http-get.sh: HTTP/1.1 404 Not Found\n", 1},
		{"usage", nil, "", "usage: http-get.sh HOST [PORT] [PATH]\n", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			needShells(t)
			for _, sh := range []string{shellUnderTest, refBash} {
				got := runSockShell(t, sh, t.TempDir(), sockCase{args: append([]string{scriptPath(t, "http-get.sh")}, tc.args...)})
				assert.Equal(t, runResult{tc.out, tc.errText, tc.status}, got, sh)
			}
		})
	}
}

// redis.sh against a tiny RESP server, under tcpsh and bash alike.
func TestRedisScript(t *testing.T) {
	steps := []struct {
		args   []string
		out    string
		status int
	}{
		{[]string{"PING"}, "PONG\n", 0},
		{[]string{"GET", "k"}, "(nil)\n", 0},
		{[]string{"SET", "k", "two words\nand a line"}, "OK\n", 0},
		{[]string{"GET", "k"}, "two words\nand a line\n", 0},
		{[]string{"SET", "u", "héllo"}, "OK\n", 0},
		{[]string{"GET", "u"}, "héllo\n", 0},
		{[]string{"INCR", "n"}, "(integer) 1\n", 0},
		{[]string{"INCR", "k"}, "(error) ERR value is not an integer or out of range\n", 1},
		{[]string{"LRANGE", "l", "0", "-1"}, "(empty array)\n", 0},
		{[]string{"LPUSH", "l", "x"}, "(integer) 1\n", 0},
		{[]string{"LPUSH", "l", ""}, "(integer) 2\n", 0},
		{[]string{"LRANGE", "l", "0", "-1"}, "1) \n2) x\n", 0},
		{[]string{"NOPE"}, "(error) ERR unknown command 'NOPE'\n", 1},
	}
	needShells(t)
	for _, sh := range []string{shellUnderTest, refBash} {
		t.Run(filepath.Base(sh), func(t *testing.T) {
			port := startRESP(t)
			for _, st := range steps {
				args := append([]string{scriptPath(t, "redis.sh"), "-p", port}, st.args...)
				got := runSockShell(t, sh, t.TempDir(), sockCase{args: args})
				assert.Equal(t, runResult{st.out, "", st.status}, got, "%v", st.args)
			}
		})
	}
}

// udpSizer answers a datagram "N" with one datagram of N bytes.
func udpSizer(t *testing.T) string {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 100)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			size, _ := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
			pc.WriteTo(bytes.Repeat([]byte{'u'}, size), from)
		}
	}()
	t.Cleanup(func() { pc.Close(); <-done })
	return "P=" + portOf(pc.LocalAddr())
}

// Datagrams larger than a 32 KiB read reach cat, read and head whole, as
// /bin/cat's 128 KiB reads get them under bash (recvfrom into less room
// drops the rest of a datagram).
func TestLargeDatagrams(t *testing.T) {
	env := udpSizer(t)
	sameAsBash(t, script(`exec 3<>/dev/udp/127.0.0.1/$P
for n in 100 40000 65507; do
	echo $n >&3
	timeout 1 cat <&3 | wc -c
done`, env))
	got := tcpshRun(t, script(`exec 3<>/dev/udp/127.0.0.1/$P
echo 40000 >&3; read -t 2 -r -N 40000 x <&3; echo "read ${#x}"
echo 65507 >&3; head -c 65507 <&3 | wc -c`, env))
	assert.Equal(t, "read 40000\n65507\n", got.stdout)
	assert.Empty(t, got.stderr)
}
