//go:build linux

package shell

import (
	"bufio"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// fdServers are the ports of the loopback servers of the fd/lsof tests:
// a TCP server that answers each line with "pong\n" (tport), one that
// closes every connection at once (cport), and a UDP socket that receives
// (uport).
type fdServers struct {
	tport, cport, uport string
}

func startFdServers(t *testing.T) *fdServers {
	t.Helper()
	udp, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { udp.Close() })
	return &fdServers{
		tport: sockServer(t, func(c net.Conn) {
			sc := bufio.NewScanner(c)
			for sc.Scan() {
				io.WriteString(c, "pong\n")
			}
		}),
		cport: sockServer(t, func(net.Conn) {}),
		uport: portOf(udp.LocalAddr()),
	}
}

// env is the session's extra environment: the servers' ports and extra
// pairs.
func (s *fdServers) env(extra ...string) []string {
	return append([]string{"TPORT=" + s.tport, "CPORT=" + s.cport, "UPORT=" + s.uport}, extra...)
}

// fdSetup opens, in order: a TCP socket (3), a UDP socket (4), a dup of
// the TCP socket (5), a file (6) and a closed fd (7); it sends "ping" over
// TCP and reads the reply, sends a datagram and reads a file line. fds 0,
// 1 and 2 are /dev/null and two pipes.
const fdSetup = `exec 3<>/dev/tcp/localhost/$TPORT
exec 4<>/dev/udp/127.0.0.1/$UPORT
exec 5>&3
exec 6<"$FILE"
exec 7>/dev/null
exec 7>&-
printf 'ping\n' >&3
read -r reply <&3
printf dgram >&4
read -r line <&6
`

// normalizer rewrites the parts of a listing that change from run to run.
type normalizer struct {
	subst []string // old, new pairs, applied first
	pid   string
}

var (
	reEphemeral = regexp.MustCompile(`:\d{4,5}\b`)
	reObject    = regexp.MustCompile(`\[\d+\]`)
	reAge       = regexp.MustCompile(`^\d+s$`)
	reNumber    = regexp.MustCompile(`^\d+$`)
	reDevice    = regexp.MustCompile(`^\d+,\d+$`)
	reFDCell    = regexp.MustCompile(`^(\d+)[rwu]$`)
)

// text normalises fd's and lsof's tables: known values by name, other
// ports as PORT, and column by column (kind "fd", "fd-l" or "lsof") the
// ages, OS fds, inodes and device numbers; spaces are squeezed. Rows of
// fds >= 10 (inherited by the test process) are dropped.
func (n *normalizer) text(kind, out string) string {
	if out == "" {
		return ""
	}
	var lines []string
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		for i := 0; i+1 < len(n.subst); i += 2 {
			line = strings.ReplaceAll(line, n.subst[i], n.subst[i+1])
		}
		line = reEphemeral.ReplaceAllString(line, ":PORT")
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch kind {
		case "fd", "fd-l":
			if fd, err := strconv.Atoi(f[0]); err == nil && fd >= 10 {
				continue
			}
			last := len(f) - 1
			if kind == "fd-l" && f[0] != "FD" {
				f[last] = reObject.ReplaceAllString(f[last], "[INODE]")
				if reNumber.MatchString(f[last-1]) {
					f[last-1] = "INODE"
				}
				f[last-2] = "OSFD"
				last -= 3
			}
			if reAge.MatchString(f[last]) {
				f[last] = "AGE"
			}
		case "lsof":
			if len(f) < 9 || f[0] == "COMMAND" {
				break
			}
			if m := reFDCell.FindStringSubmatch(f[3]); m != nil {
				if fd, _ := strconv.Atoi(m[1]); fd >= 10 {
					continue
				}
			}
			if f[1] == n.pid {
				f[1] = "PID"
			}
			f[2] = "USER"
			if reDevice.MatchString(f[5]) {
				f[5] = "DEV"
			} else if reNumber.MatchString(f[5]) {
				f[5] = "INODE"
			}
			if f[3] == "cwd" || f[3] == "rtd" || f[3] == "txt" {
				f[6] = "SIZE"
			}
			if reNumber.MatchString(f[7]) {
				f[7] = "INODE"
			}
			if f[3] == "txt" {
				f[8] = "BINARY"
			}
		}
		lines = append(lines, strings.Join(f, " "))
	}
	return strings.Join(lines, "\n") + "\n"
}

// checkLeaks fails the test if goroutines started during it are still
// running after its cleanups.
func checkLeaks(t *testing.T) {
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
}

// fdFixture is a started set of servers, a directory with a file, and
// the normaliser for them.
type fdFixture struct {
	srv  *fdServers
	dir  string
	file string
	norm *normalizer
}

func newFdFixture(t *testing.T) *fdFixture {
	dir := t.TempDir()
	file := filepath.Join(dir, "data.txt")
	require.NoError(t, os.WriteFile(file, []byte("hello world\n"), 0o644))
	srv := startFdServers(t)
	return &fdFixture{srv: srv, dir: dir, file: file, norm: &normalizer{
		subst: []string{
			dir, "$DIR",
			":" + srv.tport, ":$TPORT",
			":" + srv.cport, ":$CPORT",
			":" + srv.uport, ":$UPORT",
			"/" + srv.tport, "/$TPORT",
		},
		pid: strconv.Itoa(os.Getpid()),
	}}
}

// run runs script as a script file in a session in the fixture's
// directory, with the servers' ports and FILE in the environment, and
// returns stdout, stderr and the status.
func (f *fdFixture) run(t *testing.T, script string, extraEnv ...string) (string, string, int) {
	t.Helper()
	s := f.session(t, extraEnv...)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	st := s.r.RunScript(ctx, script)
	s.done()
	return s.stdout.String(), s.stderr.String(), st
}

// session starts a session as run does.
func (f *fdFixture) session(t *testing.T, extraEnv ...string) *testSession {
	t.Helper()
	return newSession(t, Dir(f.dir), Env(f.srv.env(append([]string{"FILE=" + f.file}, extraEnv...)...)))
}

func TestFdBuiltinGolden(t *testing.T) {
	checkLeaks(t)
	fx := newFdFixture(t)
	tests := []struct {
		name       string
		kind       string
		script     string
		wantOut    string
		wantErr    string
		wantStatus int
	}{
		{
			name:   "all",
			kind:   "fd",
			script: "fd",
			wantOut: `FD MODE TYPE TARGET STATE IN OUT AGE
0 r null /dev/null 0 0 AGE
1 w pipe pipe 0 0 AGE
2 w pipe pipe 0 0 AGE
3 rw tcp 127.0.0.1:PORT -> 127.0.0.1:$TPORT (localhost) ESTABLISHED 5 5 AGE
4 rw udp 127.0.0.1:PORT -> 127.0.0.1:$UPORT CONNECTED 0 5 AGE
5 rw tcp = 3 ESTABLISHED 5 5 AGE
6 r file $DIR/data.txt 12 0 AGE
`,
		},
		{
			name:   "selected with a closed one",
			kind:   "fd",
			script: "fd 5 7 6",
			wantOut: `FD MODE TYPE TARGET STATE IN OUT AGE
5 rw tcp 127.0.0.1:PORT -> 127.0.0.1:$TPORT (localhost) (= 3) ESTABLISHED 5 5 AGE
6 r file $DIR/data.txt 12 0 AGE
`,
			wantErr:    "tcpsh: line 11: fd: 7: Bad file descriptor\n",
			wantStatus: 1,
		},
		{
			name:       "only a closed one",
			kind:       "fd",
			script:     "fd 7",
			wantOut:    "",
			wantErr:    "tcpsh: line 11: fd: 7: Bad file descriptor\n",
			wantStatus: 1,
		},
		{
			name:   "long",
			kind:   "fd-l",
			script: "fd -l",
			wantOut: `FD MODE TYPE TARGET STATE IN OUT AGE OSFD INODE OBJECT
0 r null /dev/null 0 0 AGE OSFD INODE /dev/null
1 w pipe pipe 0 0 AGE OSFD INODE pipe:[INODE]
2 w pipe pipe 0 0 AGE OSFD INODE pipe:[INODE]
3 rw tcp 127.0.0.1:PORT -> 127.0.0.1:$TPORT (localhost) ESTABLISHED 5 5 AGE OSFD INODE socket:[INODE]
4 rw udp 127.0.0.1:PORT -> 127.0.0.1:$UPORT CONNECTED 0 5 AGE OSFD INODE socket:[INODE]
5 rw tcp = 3 ESTABLISHED 5 5 AGE OSFD INODE socket:[INODE]
6 r file $DIR/data.txt 12 0 AGE OSFD INODE $DIR/data.txt
`,
		},
		{
			name:    "json has the object",
			kind:    "fd",
			script:  `fd --json 0 | grep -o '"object":"[^"]*"'`,
			wantOut: `"object":"/dev/null"` + "\n",
		},
		{
			name:   "subshell sees its own table",
			kind:   "fd",
			script: "(exec 3<&- 5<&-; fd 3 4)",
			wantOut: `FD MODE TYPE TARGET STATE IN OUT AGE
4 rw udp 127.0.0.1:PORT -> 127.0.0.1:$UPORT CONNECTED 0 5 AGE
`,
			wantErr:    "tcpsh: line 11: fd: 3: Bad file descriptor\n",
			wantStatus: 1,
		},
		{
			name:   "pipeline lists the parent's sockets",
			kind:   "fd",
			script: "fd | while read -r n m t rest; do if [[ $t == tcp ]]; then echo \"$n $m $t\"; fi; done",
			wantOut: `3 rw tcp
5 rw tcp
`,
		},
		{
			name:   "function with a redirection",
			kind:   "fd",
			script: "f() { fd 3 1; }\nf 3>&-",
			wantOut: `FD MODE TYPE TARGET STATE IN OUT AGE
1 w pipe pipe 0 0 AGE
`,
			wantErr:    "tcpsh: line 11: fd: 3: Bad file descriptor\n",
			wantStatus: 1,
		},
		{
			name:       "bad option",
			kind:       "fd",
			script:     "fd -x",
			wantOut:    "",
			wantErr:    "tcpsh: line 11: fd: -x: invalid option\nfd: usage: fd [-l] [--json] [fd ...] or fd -T secs fd ...\n",
			wantStatus: 2,
		},
		{
			name:       "bad number",
			kind:       "fd",
			script:     "fd x",
			wantOut:    "",
			wantErr:    "tcpsh: line 11: fd: x: invalid file descriptor specification\n",
			wantStatus: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, st := fx.run(t, fdSetup+tt.script)
			assert.Equal(t, tt.wantOut, fx.norm.text(tt.kind, out))
			assert.Equal(t, tt.wantErr, errOut)
			assert.Equal(t, tt.wantStatus, st)
		})
	}
}
