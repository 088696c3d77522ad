//go:build linux

package shell

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// Each confinement of the Sandbox option, with the message a script sees.
func TestSandbox(t *testing.T) {
	addr := fuzzServer(t)
	_, port, _ := net.SplitHostPort(addr)
	cases := []struct {
		name, src, out, err string
	}{
		{name: "files inside the root",
			src: `echo x >f; cat f; echo y >>./f; cat <f; echo 'echo sourced' >s; . ./s; cd .; [ "$PWD" = "$HOME" ] && echo same`,
			out: "x\nx\ny\nsourced\nsame\n"},
		{name: "files outside the root",
			src: `echo x >../escape; echo "st=$?"; cat </etc/hostname; echo "st=$?"; exec 3>/tmp/tcpsh-sandbox-test; echo "st=$?"; . /etc/profile; echo "st=$?"; cat /etc/hostname; echo "st=$?"`,
			out: "st=1\nst=1\nst=1\nst=1\nst=1\n",
			err: "tcpsh: line 1: ../escape: Permission denied\ntcpsh: line 1: /etc/hostname: Permission denied\ntcpsh: line 1: /tmp/tcpsh-sandbox-test: Permission denied\ntcpsh: line 1: /etc/profile: Permission denied\ncat: /etc/hostname: Permission denied\n"},
		{name: "/dev/null is allowed", src: `echo x >/dev/null; cat </dev/null; echo "st=$?"`, out: "st=0\n"},
		{name: "cd outside", src: `cd /; echo "st=$?"; cd ..; echo "st=$?"`,
			out: "st=1\nst=1\n", err: "tcpsh: line 1: cd: /: Permission denied\ntcpsh: line 1: cd: ..: Permission denied\n"},
		{name: "the allowed address", src: `exec 3<>/dev/tcp/127.0.0.1/$P; echo hi >&3; read -r x <&3; echo "$x"`, out: "hi\n"},
		{name: "other addresses are refused before any lookup",
			src: `exec 3<>/dev/tcp/localhost/$P; echo "st=$?"; exec 3<>/dev/tcp/example.com/80; echo "st=$?"`,
			out: "st=1\nst=1\n",
			err: "tcpsh: connect: Connection refused\ntcpsh: line 1: /dev/tcp/localhost/$P: Connection refused\ntcpsh: connect: Connection refused\ntcpsh: line 1: /dev/tcp/example.com/80: Connection refused\n"},
		{name: "no programs", src: `ls; echo "st=$?"; exec /bin/true; echo "st=$?"`, out: "st=127\n",
			err: "tcpsh: line 1: ls: command not found\ntcpsh: line 1: /bin/true: command not found\n"},
		{name: "kill reaches the session only", src: `kill -0 1; echo "st=$?"; sleep 5 & kill $!; wait $!; echo "job=$?"; trap 'echo trapped' USR1; kill -USR1 $$; echo after`,
			out: "st=1\njob=143\ntrapped\nafter\n", err: "tcpsh: line 1: kill: (1) - Operation not permitted\n"},
		{name: "ulimit cannot change the process", src: `ulimit -n 8; echo "st=$?"`, out: "st=1\n",
			err: "tcpsh: line 1: ulimit: open files: cannot modify limit: Operation not permitted\n"},
		{name: "umask is the session's", src: `umask 077; umask; echo x >u; cat u`, out: "0077\nx\n"},
		{name: "listen and history files are refused", src: `listen -p P 0; echo "st=$?"; history -w h; echo "st=$?"`, out: "st=1\nst=1\n",
			err: "tcpsh: line 1: listen: 0: Permission denied\ntcpsh: line 1: history: h: Permission denied\n"},
		{name: "exit ends the session only", src: `exit 7; echo not reached`},
		{name: "no inherited fds", src: `echo x >&3; echo "st=$?"`, out: "st=1\n", err: "tcpsh: line 1: 3: Bad file descriptor\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			umask := syscall.Umask(0o022)
			syscall.Umask(umask)
			var rl syscall.Rlimit
			require.NoError(t, syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl))
			// A descriptor of the test process at 3 must stay out of reach.
			base := t.TempDir()
			root := filepath.Join(base, "root")
			require.NoError(t, os.Mkdir(root, 0o755))
			out, errOut, _ := runInProcess(t, tc.src, Sandbox(root, addr), Env([]string{"P=" + port, "HOME=" + root, "PATH=/nonexistent"}))
			assert.Equal(t, replacePort(tc.err, port), errOut)
			assert.Equal(t, tc.out, out)
			ents, _ := os.ReadDir(base)
			assert.Len(t, ents, 1, "nothing created beside the root")
			_, err := os.Stat("/tmp/tcpsh-sandbox-test")
			assert.True(t, os.IsNotExist(err))
			var rl2 syscall.Rlimit
			require.NoError(t, syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl2))
			assert.Equal(t, rl, rl2, "process limit unchanged")
			assert.Equal(t, umask, syscall.Umask(umask), "process umask unchanged")
		})
	}
}

// Close cancels the background jobs of a sandboxed session, which leaves
// no goroutine behind.
func TestSandboxCloseEndsJobs(t *testing.T) {
	leak := goleak.IgnoreCurrent()
	s := newSession(t, Sandbox(t.TempDir()))
	s.r.RunString(context.Background(), `sleep 100 & { while :; do :; done; } & echo started`)
	start := time.Now()
	s.done()
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, "started\n", s.stdout.String())
	goleak.VerifyNone(t, leak)
}

// A Dir outside the root is refused.
func TestSandboxDirOutside(t *testing.T) {
	_, err := New(Sandbox(t.TempDir()), Dir(os.TempDir()))
	assert.ErrorContains(t, err, "outside")
}

func replacePort(s, port string) string {
	out := []byte{}
	for i := 0; i < len(s); i++ {
		if i+1 < len(s) && s[i] == '$' && s[i+1] == 'P' {
			out = append(out, port...)
			i++
			continue
		}
		out = append(out, s[i])
	}
	return string(out)
}
