//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// A program started by tcpsh sees only 0-2 and the fds of the table: none
// of tcpsh's own descriptors (Go's epoll and eventfd, wake-up pipes,
// sockets behind other numbers, the script file, the history file) leak
// into children, in any mode. `ls /proc/self/fd` lists its own directory
// fd (3) too, as under bash.
func TestChildSeesOnlyTableFDs(t *testing.T) {
	port := startTCP(t, hangingHandler)
	body := `exec 5<>/dev/tcp/127.0.0.1/$P 7>/dev/null; read -t 0.1 x <&5
ls /proc/self/fd | tr '\n' ' '; echo
{ ls /proc/self/fd | tr '\n' ' '; echo; } &
wait
exec 5>&-; ls /proc/self/fd | tr '\n' ' '; echo
`
	want := "0 1 2 3 5 7 \n0 1 2 3 5 7 \n0 1 2 3 7 \n"
	dir := t.TempDir()
	scriptFile := filepath.Join(dir, "fds.sh")
	require.NoError(t, os.WriteFile(scriptFile, []byte(body), 0o644))
	cases := []struct {
		name string
		sc   sockCase
	}{
		{"-c", script(body)},
		{"script file", sockCase{args: []string{scriptFile}}},
		{"script on stdin", sockCase{stdin: []byte(body)}},
		{"interactive with a history file", sockCase{args: []string{"-i"}, stdin: []byte(body), env: []string{"HISTFILE=" + filepath.Join(dir, "hist")}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.sc.env = append(tc.sc.env, "P="+port)
			got := tcpshRun(t, tc.sc)
			b := runSockShell(t, refBash, t.TempDir(), tc.sc)
			// Fds the test process itself passes down (the go tool's)
			// show under both shells.
			assert.Equal(t, b.stdout, got.stdout, got.stderr)
			assert.Equal(t, want, dropInherited(got.stdout))
		})
	}
}

// A text file without #! is run by tcpsh itself (as bash runs it), never
// handed to /bin/sh: $TCPSH_VERSION is set inside it. tcpsh never builds
// an `sh -c` command line from user data (its only /bin/sh child is
// fdtable's fixed `ulimit -Sn` probe).
func TestNoShebangRunsInTcpsh(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "prog")
	require.NoError(t, os.WriteFile(prog, []byte("echo \"in tcpsh: ${TCPSH_VERSION:+yes}\"; echo \"$0 $1\"\n"), 0o755))
	got := tcpshRun(t, sockCase{args: []string{"-c", `"$0" 'a;b $(x)'`, prog}})
	assert.Equal(t, runResult{"in tcpsh: yes\n" + prog + " a;b $(x)\n", "", 0}, got)
}

// dropInherited removes from ls output the fds that the test process
// itself passes to its children (inheritedHere).
func dropInherited(out string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(out, "\n") {
		for _, f := range strings.Fields(line) {
			if n, err := strconv.Atoi(f); err == nil && n > 2 && inheritedHere[n] {
				continue
			}
			b.WriteString(f + " ")
		}
		if strings.HasSuffix(line, "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// inheritedHere is the set of fds above 2 the test process has open
// without close-on-exec: its children inherit them.
var inheritedHere = func() map[int]bool {
	m := map[int]bool{}
	ents, _ := os.ReadDir("/proc/self/fd")
	for _, e := range ents {
		n, err := strconv.Atoi(e.Name())
		if err != nil || n < 3 {
			continue
		}
		if fl, err := unix.FcntlInt(uintptr(n), unix.F_GETFD, 0); err == nil && fl&unix.FD_CLOEXEC == 0 {
			m[n] = true
		}
	}
	return m
}()
