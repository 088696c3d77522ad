//go:build linux

package main

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// longLabel is a host label over 63 characters: Go rejects it before any
// DNS query, as getaddrinfo fails on it.
var longLabel = strings.Repeat("x", 70) + ".invalid"

// Every error of the Errors section under tcpsh -c, word for word;
// bash: true also compares with bash 5.2.
func TestSocketErrors(t *testing.T) {
	refused := serverEnvValue("REFUSED_PORT")
	cases := []struct {
		name   string
		script string
		env    func(t *testing.T) []string
		out    string
		err    string
		status int
		bash   bool
	}{
		{name: "refused", script: `exec 3<>/dev/tcp/127.0.0.1/` + refused + `; echo "st=$?"`,
			out: "st=1\n", err: "tcpsh: connect: Connection refused\ntcpsh: line 1: /dev/tcp/127.0.0.1/" + refused + ": Connection refused\n", bash: true},
		{name: "unknown host", script: `exec 3<>/dev/tcp/` + longLabel + `/80; echo "st=$?"`,
			out: "st=1\n", err: "tcpsh: line 1: " + longLabel + ": Name or service not known\ntcpsh: line 1: /dev/tcp/" + longLabel + "/80: Invalid argument\n", bash: true},
		{name: "unknown service", script: `exec 3<>/dev/tcp/127.0.0.1/abc; echo "st=$?"`,
			out: "st=1\n", err: "tcpsh: line 1: abc: Servname not supported for ai_socktype\ntcpsh: line 1: /dev/tcp/127.0.0.1/abc: Invalid argument\n", bash: true},
		{name: "missing port", script: `exec 3<>/dev/tcp/127.0.0.1; echo "st=$?"`,
			out: "st=1\n", err: "tcpsh: line 1: /dev/tcp/127.0.0.1: No such file or directory\n", bash: true},
		{name: "failed command does not run", script: `echo hi >/dev/tcp/127.0.0.1/` + refused + `; echo "st=$?"`,
			out: "st=1\n", err: "tcpsh: connect: Connection refused\ntcpsh: line 1: /dev/tcp/127.0.0.1/" + refused + ": Connection refused\n", bash: true},
		{name: "closed fd", script: `echo x >&9; echo "st=$?"`,
			out: "st=1\n", err: "tcpsh: line 1: 9: Bad file descriptor\n", bash: true},
		{name: "read -u closed fd", script: `read -u 9 x; echo "st=$?"`,
			out: "st=1\n", err: "tcpsh: line 1: read: 9: invalid file descriptor: Bad file descriptor\n", bash: true},
		{name: "closing a closed fd is silent", script: `exec 9<&-; echo "st=$?"; exec 9>&-; echo "st=$?"`,
			out: "st=0\nst=0\n", bash: true},
		{name: "reset on write", script: `exec 3<>/dev/tcp/127.0.0.1/$P; sleep 0.3; echo hi >&3; echo "st=$?"`, env: resetServer,
			out: "st=1\n", err: "tcpsh: line 1: echo: write error: Connection reset by peer\n", bash: true},
		{name: "reset on read: cat", script: `exec 3<>/dev/tcp/127.0.0.1/$P; sleep 0.3; cat <&3; echo "st=$?"`, env: resetServer,
			out: "st=1\n", err: "cat: -: Connection reset by peer\n", bash: true},
		{name: "reset on read: external cat", script: `exec 3<>/dev/tcp/127.0.0.1/$P; sleep 0.3; /bin/cat <&3; echo "st=$?"`, env: resetServer,
			out: "st=1\n", err: "/bin/cat: -: Connection reset by peer\n", bash: true},
		{name: "reset on read: read", script: `exec 3<>/dev/tcp/127.0.0.1/$P; sleep 0.3; read -r x <&3; echo "st=$?"`, env: resetServer,
			out: "st=1\n", err: "tcpsh: line 1: read: read error: 0: Connection reset by peer\n", bash: true},
		{name: "reset on read: head", script: `exec 3<>/dev/tcp/127.0.0.1/$P; sleep 0.3; head -c 5 <&3; echo "st=$?"`, env: resetServer,
			out: "st=1\n", err: "head: error reading 'standard input': Connection reset by peer\n", bash: true},

		// Deliberate differences from bash.
		{name: "timeout", script: `TCPSH_CONNECT_TIMEOUT=0.5; exec 3<>/dev/tcp/127.0.0.1/$P; echo "st=$?"`, env: backlogServer,
			out: "st=1\n", err: "tcpsh: connect: Connection timed out\ntcpsh: line 1: /dev/tcp/127.0.0.1/$P: Connection timed out\n"},
		{name: "timeout as prefix assignment does not apply to exec", script: `TCPSH_CONNECT_TIMEOUT=0.5 exec 3<>/dev/tcp/127.0.0.1/$P`, env: func(t *testing.T) []string {
			return append(backlogServer(t), "TCPSH_CONNECT_TIMEOUT=0.3")
		}, status: 1, err: "tcpsh: connect: Connection timed out\ntcpsh: line 1: /dev/tcp/127.0.0.1/$P: Connection timed out\n"},
		{name: "port above 65535", script: `exec 3<>/dev/tcp/127.0.0.1/70000; echo "st=$?"`,
			out: "st=1\n", err: "tcpsh: line 1: /dev/tcp/127.0.0.1/70000: invalid port number\n"},
		{name: "bracketed IPv6", script: `exec 3<>/dev/tcp/[::1]/$P; echo hi >&3; read -r x <&3; echo "$x"`, env: echoServer6,
			out: "hi\n"},
		{name: "broken pipe on an owned socket goes on", script: `exec 3<>/dev/tcp/127.0.0.1/$P; sleep 0.3; echo a >&3; sleep 0.3; echo b >&3; echo "st=$?"; echo next`, env: closeServer,
			out: "st=1\nnext\n", err: "tcpsh: line 1: echo: write error: Broken pipe\n"},
		{name: "broken pipe on an owned socket in a pipeline element", script: `exec 3<>/dev/tcp/127.0.0.1/$P; sleep 0.3; { echo a >&3; sleep 0.3; echo b >&3; echo "st=$?"; } | cat; echo "ps=${PIPESTATUS[*]}"`, env: closeServer,
			out: "st=1\nps=0 0\n", err: "tcpsh: line 1: echo: write error: Broken pipe\n"},
		{name: "broken pipe on a pipe ends the element with 141", script: `{ sleep 0.3; echo y; echo "not reached" >&2; } | true; echo "ps=${PIPESTATUS[*]}"`,
			out: "ps=141 0\n", bash: true},
		{name: "udp: one datagram per builtin invocation", script: `exec 3<>/dev/udp/127.0.0.1/$P; printf '%s\n' a b c >&3; read -r x <&3; echo "[$x]"; read -r y <&3; echo "[$y]"; cat <&3 & sleep 0.3; kill $! 2>/dev/null`, env: udpEcho,
			out: "[a]\n[b]\nc\n"},
		{name: "/dev/fd/N on a socket duplicates it", script: `exec 3<>/dev/tcp/127.0.0.1/$ECHO_PORT; echo viafd >/dev/fd/3; read -r x </dev/fd/3; echo "$x"`,
			out: "viafd\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var env []string
			if tc.env != nil {
				env = tc.env(t)
			}
			p := ""
			for _, kv := range env {
				if v, ok := strings.CutPrefix(kv, "P="); ok {
					p = v
				}
			}
			start := time.Now()
			got := tcpshRun(t, script(tc.script, env...))
			assert.Less(t, time.Since(start), 8*time.Second)
			want := runResult{tc.out, strings.ReplaceAll(tc.err, "$P", p), tc.status}
			assert.Equal(t, want, got)
			if tc.bash {
				b := runSockShell(t, refBash, t.TempDir(), script(tc.script, env...))
				assert.Equal(t, want, b, "bash")
			}
		})
	}
}

// `tcpsh -c 'while :; do echo y; done' | head -1` ends, with 141.
func TestSigpipeOnStdout(t *testing.T) {
	needShells(t)
	res := runSockShell(t, "/bin/sh", t.TempDir(), sockCase{
		args: []string{"-c", `"$1" -c 'while :; do echo y; done' | head -1; echo "st=$?"`, "sh", shellUnderTest},
	})
	assert.Equal(t, runResult{"y\nst=0\n", "", 0}, res)
	res = runSockShell(t, "/bin/bash", t.TempDir(), sockCase{
		args: []string{"-c", `"$1" -c 'while :; do echo y; done' | head -1; echo "st=${PIPESTATUS[0]}"`, "sh", shellUnderTest},
	})
	assert.Equal(t, runResult{"y\nst=141\n", "", 0}, res)
}

// serverEnvValue is the value of name in serverEnv.
func serverEnvValue(name string) string {
	for _, kv := range serverEnv {
		if v, ok := strings.CutPrefix(kv, name+"="); ok {
			return v
		}
	}
	return ""
}

func resetServer(t *testing.T) []string { return []string{"P=" + startTCP(t, resetHandler)} }
func closeServer(t *testing.T) []string { return []string{"P=" + startTCP(t, closeHandler)} }
func backlogServer(t *testing.T) []string {
	return []string{"P=" + fullBacklog(t)}
}

func echoServer6(t *testing.T) []string {
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skip("no IPv6 loopback:", err)
	}
	return []string{"P=" + serveUntilCleanup(t, ln, echoConn)}
}

// udpEcho echoes every datagram back as it came.
func udpEcho(t *testing.T) []string {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan struct{})
	go func() {
		defer close(done)
		echoPackets(pc)
	}()
	t.Cleanup(func() { pc.Close(); <-done })
	return []string{"P=" + portOf(pc.LocalAddr())}
}
