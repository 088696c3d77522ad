//go:build linux

package main

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Servers that misbehave, for the fault tests.

// rstAfterHandler sends data, waits, then aborts with a RST.
func rstAfterHandler(data string) func(c *net.TCPConn) {
	return func(c *net.TCPConn) {
		c.Write([]byte(data))
		time.Sleep(100 * time.Millisecond)
		c.SetLinger(0)
	}
}

// tricklingHandler sends data one byte at a time with a pause after each.
func tricklingHandler(data string, pause time.Duration) func(c *net.TCPConn) {
	return func(c *net.TCPConn) {
		for i := 0; i < len(data); i++ {
			if _, err := c.Write([]byte{data[i]}); err != nil {
				return
			}
			time.Sleep(pause)
		}
	}
}

// hangingHandler accepts and then neither sends nor closes until the
// client goes away (or 30 s pass).
func hangingHandler(c *net.TCPConn) {
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	var b [1]byte
	for {
		if _, err := c.Read(b[:]); err != nil {
			return
		}
	}
}

// Each fault under tcpsh -c gives bash's messages and statuses (compared
// with bash 5.2 on the same server), the session goes on after it (every
// script ends with `echo next`), and it is over well within the bound.
func TestFaults(t *testing.T) {
	binary := "a\x00b\xff\xfec\xc3\n\x00d\xe9\xa9\n\xc3\xa9\x00\xff"
	cases := []struct {
		name    string
		script  string
		handler func(c *net.TCPConn)
		want    string // stdout, when it is fixed
		bound   time.Duration
	}{
		{name: "rst mid-transfer: read loop", handler: rstAfterHandler("one\ntwo\npart"),
			script: `exec 3<>/dev/tcp/127.0.0.1/$P; sleep 0.5; while read -r l <&3; do echo "got $l"; done; echo "st=$? l=$l"; echo next`},
		{name: "rst mid-transfer: cat", handler: rstAfterHandler("one\ntwo\npart"),
			script: `exec 3<>/dev/tcp/127.0.0.1/$P; sleep 0.5; cat <&3; echo "st=$?"; echo next`},
		{name: "rst mid-transfer: external cat", handler: rstAfterHandler("one\ntwo\npart"),
			script: `exec 3<>/dev/tcp/127.0.0.1/$P; sleep 0.5; /bin/cat <&3; echo "st=$?"; echo next`},
		{name: "rst while reading", handler: rstAfterHandler("one\n"),
			script: `exec 3<>/dev/tcp/127.0.0.1/$P; read -r a <&3; read -r b <&3; echo "st=$? a=$a b=$b"; echo next`},
		{name: "closed before the request", handler: closeHandler,
			script: `exec 3<>/dev/tcp/127.0.0.1/$P; sleep 0.3; read -r x <&3; echo "read=$? x=[$x]"; cat <&3; echo "cat=$?"; echo next`,
			want:   "read=1 x=[]\ncat=0\nnext\n"},
		{name: "one byte at a time: read", handler: tricklingHandler("hello world\nsecond\nrest", 10*time.Millisecond),
			script: `exec 3<>/dev/tcp/127.0.0.1/$P; read -r a <&3; read -r b <&3; echo "[$a][$b]"; cat <&3; echo; echo next`,
			want:   "[hello world][second]\nrest\nnext\n"},
		{name: "one byte at a time: read -n and -d", handler: tricklingHandler("abcdef:ghi\n", 10*time.Millisecond),
			script: `exec 3<>/dev/tcp/127.0.0.1/$P; read -r -n 3 a <&3; read -r -d : b <&3; read -r c <&3; echo "[$a][$b][$c]"; echo next`,
			want:   "[abc][def][ghi]\nnext\n"},
		{name: "one byte at a time: external head then builtin", handler: tricklingHandler("l1\nl2\nl3\n", 10*time.Millisecond),
			script: `exec 3<>/dev/tcp/127.0.0.1/$P; read -r a <&3; head -n 1 <&3; read -r c <&3; echo "[$a][$c]"; echo next`,
			want:   "l2\n[l1][l3]\nnext\n"},
		{name: "accepts then hangs: read -t", handler: hangingHandler,
			script: `exec 3<>/dev/tcp/127.0.0.1/$P; read -t 0.5 x <&3; echo "st=$?"; read -t 0 x <&3; echo "st0=$?"; echo next`,
			want:   "st=142\nst0=1\nnext\n", bound: 5 * time.Second},
		{name: "accepts then hangs: timeout", handler: hangingHandler,
			script: `exec 3<>/dev/tcp/127.0.0.1/$P; timeout 0.5 cat <&3; echo "st=$?"; echo next`,
			want:   "st=124\nnext\n", bound: 5 * time.Second},
		{name: "nul and invalid utf-8: cat passes through", handler: sendHandler(binary),
			script: `exec 3<>/dev/tcp/127.0.0.1/$P; cat <&3 | od -An -c; echo next`},
		{name: "nul and invalid utf-8: read", handler: sendHandler(binary),
			script: `exec 3<>/dev/tcp/127.0.0.1/$P; while IFS= read -r l <&3 || [ -n "$l" ]; do printf '%s' "$l" | od -An -c; echo "len=${#l}"; done; echo next`},
		{name: "nul and invalid utf-8: read in utf-8 locale", handler: sendHandler(binary),
			script: `export LC_ALL=C.UTF-8; exec 3<>/dev/tcp/127.0.0.1/$P; while IFS= read -r l <&3 || [ -n "$l" ]; do printf '%s' "$l" | od -An -c; echo "len=${#l}"; done; echo next`},
		{name: "nul and invalid utf-8: read -N and -d ''", handler: sendHandler(binary),
			script: `exec 3<>/dev/tcp/127.0.0.1/$P; read -r -N 4 a <&3; read -r -d '' b <&3; printf '%s|%s' "$a" "$b" | od -An -c; echo next`},
		{name: "nul and invalid utf-8: mapfile", handler: sendHandler(binary),
			script: `exec 3<>/dev/tcp/127.0.0.1/$P; mapfile -t a <&3; echo "n=${#a[@]}"; printf '%s|' "${a[@]}" | od -An -c; echo next`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bound := tc.bound
			if bound == 0 {
				bound = 8 * time.Second
			}
			port := startTCP(t, tc.handler)
			needShells(t)
			want := runSockShell(t, refBash, t.TempDir(), script(tc.script, "P="+port))
			start := time.Now()
			got := runSockShell(t, shellUnderTest, t.TempDir(), script(tc.script, "P="+port))
			assert.Less(t, time.Since(start), bound)
			assert.Equal(t, want, got, "same as bash")
			assert.True(t, strings.HasSuffix(got.stdout, "next\n"), "the session goes on: %q", got.stdout)
			if tc.want != "" {
				assert.Equal(t, tc.want, got.stdout)
			}
		})
	}
}

// A command substitution drops NUL bytes with bash's warning.
func TestFaultNulInCommandSubstitution(t *testing.T) {
	port := startTCP(t, sendHandler("a\x00b\n"))
	got := sameAsBash(t, script(`x=$(cat </dev/tcp/127.0.0.1/$P); echo "[$x] ${#x}"; echo next`, "P="+port))
	assert.Equal(t, "[ab] 2\nnext\n", got.stdout)
	assert.Contains(t, got.stderr, "ignored null byte")
}

// 64 MiB sent as fast as the server can to a reader that starts late and
// reads slowly arrives whole (the sender is held back, nothing dropped).
func TestFaultFastSenderSlowReader(t *testing.T) {
	body := newBigBody(64 << 20)
	port := startTCP(t, func(c *net.TCPConn) { body.writeTo(c) })
	res := tcpshRun(t, sockCase{
		args: []string{"-c", `exec 3<>/dev/tcp/127.0.0.1/$P; sleep 1
cat <&3 | { sleep 1; dd bs=4096 status=none | sha256sum; }; echo next`},
		env:     []string{"P=" + port},
		timeout: 120 * time.Second,
	})
	assert.Equal(t, runResult{body.sha256() + "  -\nnext\n", "", 0}, res)
}

// A connect that gets no answer ends with TCPSH_CONNECT_TIMEOUT (within a
// wide bound) and the session goes on; read -t on a silent peer ends with
// 142; both measured.
func TestFaultNeverAnswers(t *testing.T) {
	port := fullBacklog(t)
	start := time.Now()
	res := tcpshRun(t, script(`TCPSH_CONNECT_TIMEOUT=0.5; exec 3<>/dev/tcp/127.0.0.1/$P; echo "st=$?"; echo next`, "P="+port))
	elapsed := time.Since(start)
	assert.Equal(t, runResult{"st=1\nnext\n", "tcpsh: connect: Connection timed out\ntcpsh: line 1: /dev/tcp/127.0.0.1/" + port + ": Connection timed out\n", 0}, res)
	assert.Less(t, elapsed, 5*time.Second)
	assert.GreaterOrEqual(t, elapsed, 400*time.Millisecond)
}

// A TLS handshake with a peer that accepts and then says nothing is
// bounded by TCPSH_CONNECT_TIMEOUT and interrupted by Ctrl-C (without
// either it waits, as a connect to a silent address does). bash has no
// /dev/tls; on a /dev/tcp connect that hangs, an untrapped Ctrl-C kills
// it at once, without a message, and so it kills tcpsh.
func TestFaultTLSHandshakeHangs(t *testing.T) {
	port := startTCP(t, hangingHandler)
	start := time.Now()
	res := tcpshRun(t, script(`TCPSH_CONNECT_TIMEOUT=0.5; exec 3<>/dev/tls/127.0.0.1/$P; echo "st=$?"; echo next`, "P="+port))
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, runResult{"st=1\nnext\n", "tcpsh: connect: Connection timed out\ntcpsh: line 1: /dev/tls/127.0.0.1/" + port + ": Connection timed out\n", 0}, res)

	cmd, out, errb := startShell(t, shellUnderTest, `exec 3<>/dev/tls/127.0.0.1/$P; echo "st=$?"`, "P="+port)
	time.Sleep(500 * time.Millisecond)
	require.NoError(t, syscall.Kill(-cmd.Process.Pid, syscall.SIGINT))
	st := waitShell(t, cmd, 10*time.Second)
	assert.Equal(t, runResult{"", "", 130}, runResult{out.String(), errb.String(), st})
}

// startShell starts shell -c src in its own process group with env added
// to scriptEnv's; the caller waits with waitShell.
func startShell(t *testing.T, shell, src string, env ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(shell, "-c", src)
	cmd.Args[0] = "tcpsh"
	if strings.HasSuffix(shell, "bash") {
		cmd.Args[0] = "bash"
	}
	cmd.Dir = dir
	cmd.Env = append(scriptEnv(dir, os.TempDir(), "C"), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) })
	return cmd, &out, &errb
}

// waitShell waits for cmd up to bound and returns its status (128+n for a
// signal).
func waitShell(t *testing.T, cmd *exec.Cmd, bound time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(bound):
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
		t.Fatalf("still running after %v", bound)
	}
	ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ws.ExitStatus()
}

// Ctrl-C (SIGINT to the foreground process group, as the terminal sends
// it) while a read waits on a silent peer: without a trap the shell dies
// of SIGINT, as bash does; with an INT trap and an external cat, the trap
// runs and the script goes on, as in bash. With a trap and the read
// builtin, bash restarts the read and waits on; tcpsh interrupts it
// (status 130) and goes on: a documented difference (help trap).
func TestFaultInterruptBlockedRead(t *testing.T) {
	needShells(t)
	port := startTCP(t, hangingHandler)
	interrupt := func(t *testing.T, sh, src string) runResult {
		cmd, out, errb := startShell(t, sh, src, "P="+port)
		time.Sleep(500 * time.Millisecond)
		start := time.Now()
		require.NoError(t, syscall.Kill(-cmd.Process.Pid, syscall.SIGINT))
		st := waitShell(t, cmd, 10*time.Second)
		assert.Less(t, time.Since(start), 5*time.Second, sh)
		return runResult{out.String(), normaliseBash(errb.String()), st}
	}
	for _, tc := range []struct{ name, src string }{
		{"untrapped read", `exec 3<>/dev/tcp/127.0.0.1/$P; read -r x <&3; echo after`},
		{"untrapped cat", `exec 3<>/dev/tcp/127.0.0.1/$P; cat <&3; echo after`},
		{"trapped external cat", `trap 'echo caught' INT; exec 3<>/dev/tcp/127.0.0.1/$P; /bin/cat <&3; echo "st=$?"; echo next`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, interrupt(t, refBash, tc.src), interrupt(t, shellUnderTest, tc.src))
		})
	}
	t.Run("trapped builtin read", func(t *testing.T) {
		got := interrupt(t, shellUnderTest, `trap 'echo caught' INT; exec 3<>/dev/tcp/127.0.0.1/$P; read -r x <&3; echo "st=$?"; echo next`)
		assert.Equal(t, runResult{"caught\nst=130\nnext\n", "", 0}, got)
	})
}

// An unresolvable name fails without a DNS query and the session goes on;
// TestSocketErrors checks the words against bash ("unknown host").
func TestFaultUnresolvableGoesOn(t *testing.T) {
	res := tcpshRun(t, script(`for i in 1 2; do exec 3<>/dev/tcp/`+longLabel+`/80; echo "st=$?"; done; echo next`))
	assert.Equal(t, "st=1\nst=1\nnext\n", res.stdout)
	assert.Equal(t, 0, res.status)
	assert.Equal(t, 4, strings.Count(res.stderr, "\n"), res.stderr)
}
