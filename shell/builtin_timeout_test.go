//go:build linux

package shell

import (
	"bufio"
	"net"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// killedLine matches the shell's report of a process killed by a signal,
// whose name, line and pid differ between bash and tcpsh.
var killedLine = regexp.MustCompile(`(?m)^(bash|tcpsh): (line \d+: )? *\d+ `)

// TestTimeoutLikeCoreutils runs the same timeout command lines under
// tcpsh's builtin and under bash with coreutils' timeout (LC_ALL=C) and
// compares output, messages and status. `sleep' is tcpsh's builtin (run
// in-process and cancelled) but coreutils' program under bash;
// /bin/sleep is a program for both.
func TestTimeoutLikeCoreutils(t *testing.T) {
	if _, err := exec.LookPath("timeout"); err != nil {
		t.Skip("coreutils timeout is not installed")
	}
	cases := []struct{ name, args string }{
		{"no operand", ""},
		{"no command", "5"},
		{"bad interval", "0.2x 1"},
		{"bad kill interval", "-k 0.2x 1 true"},
		{"bad signal", "-s FOO 1 true"},
		{"bad signal number", "-s 99 1 true"},
		{"bad short option", "-x 1 true"},
		{"bad long option", "--foo 1 true"},
		{"ambiguous long option", "--v 1 true"},
		{"argument not allowed", "--foreground=x 1 true"},
		{"missing long argument", "--kill-after"},
		{"missing short argument", "-vk"},
		{"not found", "1 /nonexistent/cmd"},
		{"not found in PATH", "1 no-such-command-tcpsh"},
		{"directory", "1 /tmp"},
		{"not executable", "1 /etc/passwd"},
		{"finishes", "1 true"},
		{"own status", "1 /bin/sh -c 'exit 3'"},
		{"disabled", "0 /bin/sh -c 'exit 4'"},
		{"infinite", "inf true"},
		{"end of options", "-- 1 true"},
		{"expires: program", "-v 0.1 /bin/sleep 3"},
		{"expires: builtin", "-v 0.1 sleep 3"},
		{"preserve: program", "--preserve-status 0.1 /bin/sleep 3"},
		{"preserve: builtin", "--preserve-status 0.1 sleep 3"},
		{"preserve HUP", "--pres -s HUP 0.1 sleep 3"},
		{"KILL: program", "-s KILL 0.1 /bin/sleep 3"},
		{"KILL: builtin", "-sKILL 0.1 sleep 3"},
		{"KILL foreground", "--foreground -s 9 0.1 /bin/sleep 3"},
		{"kill after", "-v -k 0.1 -s CONT 0.1 /bin/sleep 3"},
		{"kill after foreground", "--fore -k 0.1 -s CONT 0.1 /bin/sleep 3"},
		{"signal 0", "-v -s 0 0.1 /bin/sleep 0.3"},
		{"signal by number", "-v -s 7 0.1 /bin/sleep 3"},
		{"group gets it", "0.2 /bin/sh -c '/bin/sleep 3; echo not reached'"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := "timeout " + tc.args + "; echo status=$?"
			wantOut, wantErr, _ := runBash(t, src)
			gotOut, gotErr, _ := runInProcess(t, src)
			assert.Equal(t, wantOut, gotOut)
			assert.Equal(t, killedLine.ReplaceAllString(wantErr, "SHELL: PID "), killedLine.ReplaceAllString(gotErr, "SHELL: PID "))
		})
	}
}

// lineServer answers each line it reads with replies(line), then stays
// silent until the next line; it returns the port.
func lineServer(t *testing.T, replies func(line string) string) string {
	return sockServer(t, func(c net.Conn) {
		sc := bufio.NewScanner(c)
		for sc.Scan() {
			if _, err := c.Write([]byte(replies(sc.Text()))); err != nil {
				return
			}
		}
	})
}

// TestTimeoutBuiltinOnSilentServer: `timeout N cat <&3' on a server that
// replies and then stays silent ends with 124, the connection stays open
// and usable, and what arrives later is read by the next command.
func TestTimeoutBuiltinOnSilentServer(t *testing.T) {
	port := sockServer(t, func(c net.Conn) {
		sc := bufio.NewScanner(c)
		for sc.Scan() {
			switch sc.Text() {
			case "first":
				c.Write([]byte("reply one\npartial"))
			case "late":
				time.Sleep(400 * time.Millisecond) // after the timeout
				c.Write([]byte("late reply\n"))
			default:
				c.Write([]byte("echo " + sc.Text() + "\n"))
			}
		}
	})
	src := `exec 3<>/dev/tcp/127.0.0.1/` + port + `
echo first >&3
timeout 0.3 cat <&3; echo " status=$?"
echo late >&3
timeout 0.1 read -r line <&3; echo "status=$? line=$line"
read -r line <&3; echo "then: $line"
f() { while read -r l <&3; do echo "f got $l"; done; return 9; }
echo again >&3
timeout 0.3 f; echo "f status=$?"
timeout --preserve-status 0.2 f; echo "preserve status=$?"
timeout --foreground -s KILL 0.2 f; echo "KILL status=$?"
g() { return 5; }
timeout 5 g; echo "g status=$?"
echo last >&3; read -r line <&3; echo "$line"
fd 3 | tail -n 1 | grep -c ESTABLISHED`
	start := time.Now()
	out, errOut, status := runInProcess(t, src)
	assert.Less(t, time.Since(start), 10*time.Second)
	assert.Equal(t, "", errOut)
	assert.Equal(t, 0, status)
	assert.Equal(t, "reply one\npartial status=124\n"+
		"status=124 line=\n"+
		"then: late reply\n"+
		"f got echo again\nf status=124\n"+
		"preserve status=143\n"+
		"KILL status=137\n"+
		"g status=5\n"+
		"echo last\n"+
		"1\n", out)
}

// TestTimeoutSignalsProgramsInFunction: a program a timed function runs
// gets timeout's signal.
func TestTimeoutSignalsProgramsInFunction(t *testing.T) {
	src := `f() { /bin/sh -c 'trap "echo got HUP; exit 7" HUP; while :; do /bin/sleep 0.05; done'; }
timeout -s HUP --preserve-status 0.3 f; echo "status=$?"`
	out, errOut, _ := runInProcess(t, src)
	assert.Equal(t, "", errOut)
	assert.Equal(t, "got HUP\nstatus=129\n", out)
}

// TestTimeoutHelpAndVersion: --help and --version print and return 0.
func TestTimeoutHelpAndVersion(t *testing.T) {
	out, errOut, status := runInProcess(t, `timeout --help | head -n 1; timeout --vers`)
	assert.Equal(t, "", errOut)
	assert.Equal(t, 0, status)
	require.True(t, strings.HasPrefix(out, "Usage: timeout [OPTION] DURATION COMMAND [ARG]...\n"), out)
	assert.Contains(t, out, "timeout (tcpsh "+Version+")\n")
}
