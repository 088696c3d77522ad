//go:build linux

package shell

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// closeInherited closes numbers the test process may have inherited
// from whoever ran it, so that listen's numbers from 10 up are known.
const closeInherited = "exec 10<&- 11<&- 12<&- 13<&-; "

// freePort returns a port that was free a moment ago.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return portOf(ln.Addr())
}

// A client in the test talks to a tcpsh server made with listen and
// accept, on a port the script chose (port 0).
func TestListenAcceptTCP(t *testing.T) {
	s := newSession(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.Equal(t, 0, s.r.RunString(ctx, closeInherited+`listen -p port 0 && lfd=$REPLY`))
	port := s.r.getString("port")
	assert.Equal(t, "10", s.r.getString("lfd"))
	clientDone := make(chan string, 1)
	go func() {
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+port, 5*time.Second)
		if err != nil {
			clientDone <- err.Error()
			return
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(5 * time.Second))
		io.WriteString(c, "你好\n")
		reply, _ := bufio.NewReader(c).ReadString('\n')
		clientDone <- reply
	}()
	st := s.r.RunString(ctx, `accept -v c -a peer "$lfd" || exit
read -r msg <&$c
echo "got $msg from ${peer%:*} on fd $c"
echo "你好，我是服务器" >&$c
exec {c}>&- {lfd}>&-`)
	assert.Equal(t, 0, st)
	assert.Equal(t, "你好，我是服务器\n", <-clientDone)
	s.done()
	assert.Equal(t, "got 你好 from 127.0.0.1 on fd 11\n", s.stdout.String())
	assert.Equal(t, "", s.stderr.String())
}

// A tcpsh UDP socket bound with listen -u reads one datagram and answers
// its sender.
func TestListenUDP(t *testing.T) {
	s := newSession(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.Equal(t, 0, s.r.RunString(ctx, `listen -u -v u -p port 0`))
	port := s.r.getString("port")
	c, err := net.Dial("udp", "127.0.0.1:"+port)
	require.NoError(t, err)
	defer c.Close()
	_, err = io.WriteString(c, "no newline")
	require.NoError(t, err)
	st := s.r.RunString(ctx, `read -r msg <&$u; echo "st=$? msg=$msg"; echo "同学，你也好" >&$u; exec {u}>&-`)
	assert.Equal(t, 0, st)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 100)
	n, err := c.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, "同学，你也好\n", string(buf[:n]))
	s.done()
	assert.Equal(t, "st=0 msg=no newline\n", s.stdout.String())
	assert.Equal(t, "", s.stderr.String())
}

func TestListenAcceptMessages(t *testing.T) {
	busy := freePort(t)
	ln, err := net.Listen("tcp", "127.0.0.1:"+busy)
	require.NoError(t, err)
	defer ln.Close()
	tests := []struct {
		name, src      string
		stdout, stderr string
		status         int
	}{
		{"default REPLY and fd 10", `listen 0; echo $REPLY`, "10\n", "", 0},
		{"lowest free from 10", `exec 10</dev/null 12</dev/null; listen -v a 0; listen -v b 0; echo $a $b`, "11 13\n", "", 0},
		{"grouped options", `listen -uvx -pP 0; echo $x ${P:+port}`, "10 port\n", "", 0},
		{"fd shows LISTEN", `listen -p p 0; fd $REPLY | sed "s/$p/PORT/; s/  *[0-9]*s$//"`,
			"FD  MODE  TYPE        TARGET           STATE   IN  OUT  AGE\n10  rw    tcp-listen  127.0.0.1:PORT  LISTEN   0    0\n", "", 0},
		{"fd shows UDP", `listen -u -p p 0; fd --json $REPLY | grep -o '"type":"[^"]*","target":"[^"]*"' | sed "s/$p/PORT/"`,
			`"type":"udp-listen","target":"127.0.0.1:PORT"` + "\n", "", 0},
		{"lsof LISTEN row", `listen -p p 0; lsof -nP -p $$ -a -i TCP | sed 1d | awk '{print $4, $5, $8, $9, $10}' | sed "s/$p/PORT/"`,
			"10u IPv4 TCP 127.0.0.1:PORT (LISTEN)\n", "", 0},
		{"lsof UDP row has no state", `listen -u -p p 0; lsof -nP -p $$ -a -i UDP | sed 1d | awk '{print $4, $8, $9, $10}' | sed "s/$p/PORT/"`,
			"10u UDP 127.0.0.1:PORT \n", "", 0},
		{"accept timeout", `listen 0; accept -t 0.1 $REPLY; echo st=$?`, "st=1\n", "", 0},
		{"accept -t 0 with nothing waiting", `listen 0; accept -t 0 $REPLY; echo st=$?`, "st=1\n", "", 0},
		{"accept -t 0 with a client waiting", `listen -p p 0; l=$REPLY; exec 3<>/dev/tcp/127.0.0.1/$p; accept -t 0 -v c $l; echo st=$? c=$c`, "st=0 c=11\n", "", 0},
		{"accept -t while a program holds the listener", `listen -v l 0; /bin/sleep 2 & /bin/sleep 0.2; accept -t 0.2 $l; echo st=$?; kill %1; wait`, "st=1\n", "", 0},
		{"accepted connection gets TCPSH_IDLE_TIMEOUT", `TCPSH_IDLE_TIMEOUT=0.2; listen -v l -p p 0; exec 3<>/dev/tcp/127.0.0.1/$p; echo hi >&3; accept -v c $l; cat <&$c; echo st=$?`, "hi\nst=0\n", "", 0},
		{"accepted connection is traced under wiretrace", `set -o wiretrace; listen -v l -p p 0; exec 3<>/dev/tcp/127.0.0.1/$p; accept -v c $l; fd --json $c | grep -o '"traced":true'`, `"traced":true` + "\n", "", 0},
		{"busy port", `listen ` + busy, "", "tcpsh: line 1: listen: 127.0.0.1:" + busy + ": Address already in use\n", 1},
		{"port out of range", `listen 70000`, "", "tcpsh: line 1: listen: 70000: invalid port number\n", 1},
		{"unknown service", `listen nosuchservice`, "", "tcpsh: line 1: listen: nosuchservice: invalid port number\n", 1},
		{"service name", `listen -p p echo 2>/dev/null || listen -p p 0; [ -n "$p" ] && echo ok`, "ok\n", "", 0},
		{"invalid option", `listen -x 0`, "", "tcpsh: line 1: listen: -x: invalid option\nlisten: usage: " + listenUsage + "\n", 2},
		{"missing option argument", `listen 0 -v; listen -v`, "", "listen: usage: " + listenUsage + "\ntcpsh: line 1: listen: -v: option requires an argument\nlisten: usage: " + listenUsage + "\n", 2},
		{"no port", `listen`, "", "listen: usage: " + listenUsage + "\n", 2},
		{"bad identifier", `listen -v 1x 0`, "", "tcpsh: line 1: listen: `1x': not a valid identifier\n", 1},
		{"readonly variable", `readonly R; listen -v R 0; echo st=$?; fd 10`, "st=1\n", "tcpsh: line 1: R: readonly variable\ntcpsh: line 1: fd: 10: Bad file descriptor\n", 1},
		{"accept on closed fd", `accept 9`, "", "tcpsh: line 1: accept: 9: Bad file descriptor\n", 1},
		{"accept on a file", `accept 0`, "", "tcpsh: line 1: accept: 0: not a listening TCP socket\n", 1},
		{"accept on UDP", `listen -u 0; accept $REPLY`, "", "tcpsh: line 1: accept: 10: not a listening TCP socket\n", 1},
		{"accept bad fd word", `accept x`, "", "tcpsh: line 1: accept: x: invalid file descriptor specification\n", 1},
		{"accept bad timeout", `accept -t x 10`, "", "tcpsh: line 1: accept: x: invalid timeout specification\n", 1},
		{"accept usage", `accept`, "", "accept: usage: " + acceptUsage + "\n", 2},
		{"read a listener", `listen 0; read -r x <&$REPLY; echo st=$?`, "st=1\n", "tcpsh: line 1: read: read error: 0: Transport endpoint is not connected\n", 0},
		{"cat a listener", `listen 0; cat <&$REPLY >/dev/null; echo st=$?`, "st=1\n", "cat: -: Transport endpoint is not connected\n", 0},
		{"write to a UDP socket before any datagram", `listen -u 0; echo hi >&$REPLY; echo st=$?`, "st=1\n", "tcpsh: line 1: echo: write error: Destination address required\n", 0},
		{"closed with exec", `listen -v l 0; exec {l}>&-; fd $l 2>&1 | sed 's/.*: //'`, "Bad file descriptor\n", "", 0},
		{"help", `help -s listen accept`, "listen: " + listenUsage + "\naccept: " + acceptUsage + "\n", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, status := runInProcess(t, closeInherited+tc.src)
			assert.Equal(t, tc.stdout, stdout, "stdout")
			assert.Equal(t, tc.stderr, stderr, "stderr")
			assert.Equal(t, tc.status, status, "status")
		})
	}
}

// Cancelling the context (what Ctrl-C does) ends a waiting accept with
// status 130, and the listener still works afterwards.
func TestAcceptInterrupted(t *testing.T) {
	s := newSession(t)
	require.Equal(t, 0, s.r.RunString(context.Background(), closeInherited+`listen -p port 0`))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	st := s.r.RunString(ctx, `accept 10`)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, 130, st)
	c, err := net.Dial("tcp", "127.0.0.1:"+s.r.getString("port"))
	require.NoError(t, err)
	defer c.Close()
	ctx2, cancel2 := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel2()
	assert.Equal(t, 0, s.r.RunString(ctx2, `accept -t 5 10 && echo "accepted on $REPLY"`))
	s.done()
	assert.Equal(t, "accepted on 11\n", s.stdout.String())
}

// A server loop handing each connection to a background subshell serves
// every client, counts them, and leaks nothing once closed.
func TestListenServerLoopNoLeaks(t *testing.T) {
	opt := goleak.IgnoreCurrent()
	before := osFDCount(t)
	s := newSession(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.Equal(t, 0, s.r.RunString(ctx, `listen -v lfd -p port 0`))
	port := s.r.getString("port")
	const clients = 5
	replies := make(chan string, clients)
	for i := range clients {
		go func() {
			c, err := net.DialTimeout("tcp", "127.0.0.1:"+port, 5*time.Second)
			if err != nil {
				replies <- err.Error()
				return
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(5 * time.Second))
			fmt.Fprintf(c, "client%d\n", i)
			b, _ := io.ReadAll(c)
			replies <- string(b)
		}()
	}
	st := s.r.RunString(ctx, `n=0
while [ $n -lt `+fmt.Sprint(clients)+` ] && accept -t 5 -v c $lfd; do
	n=$((n+1))
	{ read -r name; echo "hello $name, you are $n"; } <&$c >&$c &
	exec {c}>&-
done
wait
exec {lfd}>&-
echo "served $n"`)
	assert.Equal(t, 0, st)
	var got []string
	for range clients {
		got = append(got, <-replies)
	}
	s.done()
	assert.Equal(t, "served 5\n", s.stdout.String())
	assert.Equal(t, "", s.stderr.String())
	assert.Len(t, got, clients)
	for _, g := range got {
		assert.Regexp(t, `^hello client\d, you are \d\n$`, g)
	}
	deadline := time.Now().Add(3 * time.Second)
	// Fewer is fine: the session closes what the test process inherited.
	for osFDCount(t) > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	assert.LessOrEqual(t, osFDCount(t), before, "OS fds:\n%s", listFDs())
	goleak.VerifyNone(t, opt)
	assert.False(t, strings.Contains(s.stderr.String(), "panic"))
}

// A sandboxed session opens no ports.
func TestListenSandboxed(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, status := runInProcess(t, `listen 0; echo st=$?; listen -u 0`, Sandbox(dir), Dir(dir))
	assert.Equal(t, "st=1\n", stdout)
	assert.Equal(t, "tcpsh: line 1: listen: 0: Permission denied\ntcpsh: line 1: listen: 0: Permission denied\n", stderr)
	assert.Equal(t, 1, status)
}
