//go:build linux

package shell

import (
	"bufio"
	"context"
	"net"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// fixTraceClock makes traces start at 2026/11/30 10:17:04 UTC and move
// 1ms per record, for the test's duration.
func fixTraceClock(t *testing.T) {
	var n atomic.Int64
	start := time.Date(2026, 11, 30, 10, 17, 4, 0, time.UTC)
	traceClock = func() time.Time { return start.Add(time.Duration(n.Add(1)-1) * time.Millisecond) }
	t.Cleanup(func() { traceClock = nil })
}

// pongServer answers one line with "pong\r\n" and closes.
func pongServer(t *testing.T) string {
	return sockServer(t, func(c net.Conn) {
		if _, err := bufio.NewReader(c).ReadString('\n'); err == nil {
			c.Write([]byte("pong\r\n"))
		}
	})
}

const pongTrace = `> 2026/11/30 10:17:04.000000 fd 3 length=5 from=0 to=4
ping\n
< 2026/11/30 10:17:04.001000 fd 3 length=6 from=0 to=5
pong\r\n
< 2026/11/30 10:17:04.002000 fd 3 EOF
`

const pongTraceHex = `> 2026/11/30 10:17:04.000000 fd 3 length=5 from=0 to=4
  0000  70 69 6e 67 0a                                    |ping.|
< 2026/11/30 10:17:04.001000 fd 3 length=6 from=0 to=5
  0000  70 6f 6e 67 0d 0a                                 |pong..|
< 2026/11/30 10:17:04.002000 fd 3 EOF
`

// TestTraceGolden traces one request and reply made by builtins and by
// external commands (through the bridge), to stderr and to a file.
func TestTraceGolden(t *testing.T) {
	cases := []struct {
		name, cmds string
		file, hex  bool
	}{
		{"builtins", `echo ping >&3; cat <&3`, false, false},
		{"external commands", `/usr/bin/printf 'ping\n' >&3; /bin/cat <&3`, false, false},
		{"builtins, hex", `echo ping >&3; cat <&3`, false, true},
		{"external commands, hex, file", `/usr/bin/printf 'ping\n' >&3; /bin/cat <&3`, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fixTraceClock(t)
			port := pongServer(t)
			file := filepath.Join(t.TempDir(), "trace.txt")
			opts, listed := "", ""
			if tc.hex {
				opts, listed = "-x ", "-x "
			}
			if tc.file {
				opts += "-o " + file + " "
				listed += "-o " + shellQuoteAlias(file) + " "
			}
			src := `exec 3<>/dev/tcp/127.0.0.1/` + port + `; trace ` + opts + `3; trace; ` + tc.cmds + `; trace -d 3; trace`
			out, errOut, status := runInProcess(t, src)
			assert.Equal(t, 0, status)
			want := pongTrace
			if tc.hex {
				want = pongTraceHex
			}
			assert.Equal(t, "trace "+listed+"3\npong\r\n", out)
			if tc.file {
				assert.Equal(t, "", errOut)
				got, err := os.ReadFile(file)
				require.NoError(t, err)
				assert.Equal(t, want, string(got))
			} else {
				assert.Equal(t, want, errOut)
			}
		})
	}
}

// TestWiretrace: set -o wiretrace traces every socket opened after it,
// labelled with its path; sockets opened before are not traced.
func TestWiretrace(t *testing.T) {
	fixTraceClock(t)
	port := pongServer(t)
	path := "/dev/tcp/127.0.0.1/" + port
	src := `exec 4<>` + path + `; set -o wiretrace; exec 3<>` + path + `; echo ping >&3; echo ping >&4; read -r x <&3; set +o wiretrace; exec 5<>` + path + `; fd 3 4 5 | grep -c traced`
	out, errOut, _ := runInProcess(t, src)
	assert.Equal(t, "1\n", out)
	assert.Equal(t, "> 2026/11/30 10:17:04.000000 "+path+" length=5 from=0 to=4\nping\\n\n"+
		"< 2026/11/30 10:17:04.001000 "+path+" length=6 from=0 to=5\npong\\r\\n\n", errOut)
}

// TestTraceErrors: trace's usage and fd errors.
func TestTraceErrors(t *testing.T) {
	cases := []struct{ name, src, stderr string }{
		{"bad fd", `trace 9; echo "status=$?"`, "tcpsh: line 1: trace: 9: Bad file descriptor\n"},
		{"bad number", `trace x; echo "status=$?"`, "tcpsh: line 1: trace: x: invalid file descriptor specification\n"},
		{"bad option", `trace -q 1; echo "status=$?"`, "tcpsh: line 1: trace: -q: invalid option\ntrace: usage: " + traceUsage + "\n"},
		{"no fd", `trace -d; echo "status=$?"`, "trace: usage: " + traceUsage + "\n"},
		{"bad file", `trace -o /nonexistent/f 1; echo "status=$?"`, "tcpsh: line 1: /nonexistent/f: No such file or directory\n"},
		{"bad file grouped", `trace -xo/nonexistent/f -- 1; echo "status=$?"`, "tcpsh: line 1: /nonexistent/f: No such file or directory\n"},
		{"no file", `trace -o; echo "status=$?"`, "tcpsh: line 1: trace: -o: option requires an argument\ntrace: usage: " + traceUsage + "\n"},
	}
	want := map[string]string{"bad fd": "status=1\n", "bad number": "status=1\n", "bad option": "status=2\n",
		"no fd": "status=2\n", "bad file": "status=1\n", "bad file grouped": "status=1\n", "no file": "status=2\n"}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, _ := runInProcess(t, tc.src)
			assert.Equal(t, tc.stderr, errOut)
			assert.Equal(t, want[tc.name], out)
		})
	}
}

// TestTraceIdleTimeoutNoLeaks: tracing (to stderr and a file), idle
// timeouts and timeout runs leave no descriptor or goroutine behind.
func TestTraceIdleTimeoutNoLeaks(t *testing.T) {
	port := lineServer(t, func(line string) string { return line + "\n" })
	opt := goleak.IgnoreCurrent()
	before := osFDCount(t)
	s := newSession(t)
	st := s.r.RunString(context.Background(), `exec 3<>/dev/tcp/127.0.0.1/`+port+`
trace 3; trace -x -o trace.txt 3; fd -T 0.05 3
echo a >&3; cat <&3 >/dev/null; /usr/bin/printf 'b\n' >&3; /bin/cat <&3 >/dev/null & sleep 0.2; kill %1; wait
timeout 0.1 /bin/sleep 1; timeout 0.1 sleep 1
set -o wiretrace; exec 4<>/dev/tcp/127.0.0.1/`+port+`; echo c >&4; read -r x <&4
exec 3>&- 4>&-`)
	s.done()
	assert.Equal(t, 0, st)
	deadline := time.Now().Add(3 * time.Second)
	for osFDCount(t) > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	assert.LessOrEqual(t, osFDCount(t), before, "OS fds:\n%s", listFDs())
	goleak.VerifyNone(t, opt)
}
