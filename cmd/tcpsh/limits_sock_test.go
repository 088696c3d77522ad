//go:build linux

package main

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// With `ulimit -n 64` (in the child: the test process keeps its limit),
// opening sockets, files and pipes past the limit fails with bash's
// "Too many open files" messages, nothing crashes, and closing them brings
// the process's fd count back and lets the script open again. Only files
// and sockets are counted: Go keeps pipes for splice(2) in a pool and a
// pidfd per running child. (While the table is full, tcpsh cannot start
// programs even where bash could: its OS descriptors are all used even
// when low table numbers are free.)
func TestFDExhaustion(t *testing.T) {
	port := startTCP(t, func(c *net.TCPConn) { time.Sleep(20 * time.Second) })
	cases := []struct{ name, open string }{
		{"sockets", `exec {v}<>/dev/tcp/127.0.0.1/$P`},
		{"files", `exec {v}>f`},
		{"process substitutions", `exec {v}< <(:)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := `ulimit -n 64
count() { ls -l /proc/$$/fd 2>/dev/null | grep -c ' -> \(/\|socket:\)'; }
before=$(count 2>/dev/null)
fds=()
for ((i=0; i<100; i++)); do { ` + tc.open + `; } 2>>err || break; fds+=($v); done
echo "stopped=$(( ${#fds[@]} < 100 ))"
for v in "${fds[@]}"; do exec {v}>&-; done
# closing is asynchronous for process substitutions: give it 2 s
for ((k=0; k<20; k++)); do after=$(count 2>/dev/null); (( after == before )) && break; sleep 0.1; done
sort -u err | sed 's/[0-9][0-9]*: Too/N: Too/'
echo "count back: $(( before == after ))"
` + tc.open + `; echo "again=$?"; exec {v}>&-
echo next`
			want := runSockShell(t, refBash, t.TempDir(), script(src, "P="+port))
			start := time.Now()
			got := tcpshRun(t, script(src, "P="+port))
			assert.Less(t, time.Since(start), 20*time.Second)
			assert.Equal(t, want, got, "same as bash")
			assert.Contains(t, got.stdout, "Too many open files")
			assert.True(t, strings.HasSuffix(got.stdout, "count back: 1\nagain=0\nnext\n"), got.stdout)
		})
	}
}

// Lowering the limit below the number of descriptors tcpsh holds (its
// sockets sit at OS numbers of their own, and the Go runtime keeps a few)
// makes later opens and program starts fail with "Too many open files";
// bash, whose fds 3-9 are free, can still start the program. Nothing
// crashes and the session goes on.
func TestFDLimitLoweredWithSocketsOpen(t *testing.T) {
	port := startTCP(t, func(c *net.TCPConn) { time.Sleep(20 * time.Second) })
	src := `for i in 1 2 3 4 5 6 7 8; do exec {v}<>/dev/tcp/127.0.0.1/$P; done; ulimit -n 16; echo "st=$?"; /bin/echo child; echo "child=$?"; exec 30>/dev/null; echo "30=$?"; echo next`
	got := tcpshRun(t, script(src, "P="+port))
	assert.Equal(t, 0, got.status)
	assert.True(t, strings.HasPrefix(got.stdout, "st=0\n"), got.stdout)
	assert.True(t, strings.HasSuffix(got.stdout, "30=1\nnext\n"), got.stdout)
	assert.NotContains(t, got.stderr, "panic")
}

// Under a limit so low that every number is in use, the first socket,
// listener or pipe used to crash the process: the Go runtime creates its
// poller (epoll and eventfd) at the first pollable descriptor and treats a
// failure there as fatal. `ulimit -n` now starts the poller before it
// lowers the limit, so each open fails with EMFILE and the script goes on.
func TestTinyFileLimitNoCrash(t *testing.T) {
	port := startTCP(t, func(c *net.TCPConn) { time.Sleep(5 * time.Second) })
	for _, limit := range []string{"4", "5", "6", "7", "8", "9", "10"} {
		t.Run(limit, func(t *testing.T) {
			src := `exec 10<&- 11<&- 12<&-; ulimit -n ` + limit + `
listen 0; echo "listen=$?"
exec 3<>/dev/tcp/127.0.0.1/$P; echo "tcp=$?"
echo x | cat; echo "pipe=$?"
echo end`
			got := tcpshRun(t, script(src, "P="+port))
			assert.NotContains(t, got.stderr, "fatal error")
			assert.NotContains(t, got.stderr, "runtime:")
			assert.Regexp(t, `^listen=[01]\ntcp=[01]\n(x\n)?pipe=[01]\nend\n$`, got.stdout)
			for _, line := range strings.Split(strings.TrimSpace(got.stderr), "\n") {
				if line != "" {
					assert.Contains(t, line, "Too many open files")
				}
			}
			assert.Equal(t, 0, got.status)
		})
	}
}
