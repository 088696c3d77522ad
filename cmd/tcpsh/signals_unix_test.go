//go:build unix

package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSignalsFromOutside sends real signals to a running tcpsh script,
// as a terminal or `kill` would, once the script says it is ready. The
// expectations are bash's: a trapped signal runs its trap and the script
// goes on; an ignored one does nothing; an untrapped one runs the EXIT
// trap and the shell dies of the signal. The first case is tcpsh's reading
// of a terminal's Ctrl-C: the terminal sends INT to bash's foreground
// child too, and a builtin has no child, so tcpsh interrupts it; the other
// cases also pass with TCPSH_CORPUS_SHELL=/bin/bash.
func TestSignalsFromOutside(t *testing.T) {
	needShells(t)
	cases := []struct {
		name       string
		script     string
		sig        syscall.Signal
		wantOut    string
		wantSignal syscall.Signal // 0: exits normally with wantStatus
		wantStatus int
	}{
		{
			// cat prints "ready" and then blocks on fd 3, a pipe the test
			// holds open: the signal cannot arrive before the builtin runs.
			name:    "trapped INT interrupts the builtin and the script goes on",
			script:  `trap 'echo got INT' INT; cat - /dev/fd/3 <<< ready; echo "after $? $(echo subst)"; exit 3`,
			sig:     syscall.SIGINT,
			wantOut: "got INT\nafter 130 subst\n", wantStatus: 3,
		},
		{
			name:    "trapped TERM runs after the command",
			script:  `trap 'echo got TERM' TERM; echo ready; sleep 1; echo "after"`,
			sig:     syscall.SIGTERM,
			wantOut: "got TERM\nafter\n",
		},
		{
			name:    "ignored TERM",
			script:  `trap '' TERM; echo ready; sleep 0.5; echo done`,
			sig:     syscall.SIGTERM,
			wantOut: "done\n",
		},
		{
			name:       "untrapped TERM runs the EXIT trap and kills the shell",
			script:     `trap 'echo bye' EXIT; echo ready; sleep 30; echo not reached`,
			sig:        syscall.SIGTERM,
			wantOut:    "bye\n",
			wantSignal: syscall.SIGTERM,
		},
		{
			// tcpsh leaves USR1 to the kernel until a trap needs it.
			name:       "untrapped USR1 kills the shell",
			script:     `echo ready; read -r x <&3; echo not reached`,
			sig:        syscall.SIGUSR1,
			wantSignal: syscall.SIGUSR1,
		},
		{
			name:       "untrapped ALRM runs the EXIT trap and kills the shell",
			script:     `trap 'echo bye' EXIT; echo ready; read -r x <&3; echo not reached`,
			sig:        syscall.SIGALRM,
			wantOut:    "bye\n",
			wantSignal: syscall.SIGALRM,
		},
		{
			name:    "untrapped QUIT is ignored",
			script:  `trap 'echo bye' EXIT; echo ready; sleep 0.5; echo done`,
			sig:     syscall.SIGQUIT,
			wantOut: "done\nbye\n",
		},
		{
			name:    "trapped USR2 after the first trap was set",
			script:  `trap 'echo bye' EXIT; trap 'echo got USR2' USR2; echo ready; sleep 1; echo after`,
			sig:     syscall.SIGUSR2,
			wantOut: "got USR2\nafter\nbye\n",
		},
		{
			name:       "untrapped INT ends the script",
			script:     `echo ready; while :; do sleep 30; done; echo not reached`,
			sig:        syscall.SIGINT,
			wantSignal: syscall.SIGINT,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(shellUnderTest, "-c", tc.script)
			pr, pw, err := os.Pipe() // fd 3 of the script: never written
			require.NoError(t, err)
			defer pw.Close()
			cmd.ExtraFiles = []*os.File{pr}
			stdout, err := cmd.StdoutPipe()
			require.NoError(t, err)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			pr.Close()
			t.Cleanup(func() { cmd.Process.Kill() })
			rd := bufio.NewReader(stdout)
			line, err := rd.ReadString('\n')
			require.NoError(t, err)
			require.Equal(t, "ready\n", line)
			start := time.Now()
			require.NoError(t, cmd.Process.Signal(tc.sig))
			var rest strings.Builder
			_, _ = rd.WriteTo(&rest)
			err = cmd.Wait()
			assert.Less(t, time.Since(start), 10*time.Second, "the signal was acted on")
			assert.Equal(t, tc.wantOut, rest.String(), "stderr: %s", stderr.String())
			ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if tc.wantSignal != 0 {
				require.Error(t, err)
				assert.True(t, ws.Signaled(), "status %v", ws)
				assert.Equal(t, tc.wantSignal, ws.Signal())
				return
			}
			assert.False(t, ws.Signaled(), "killed by %v", ws.Signal())
			assert.Equal(t, tc.wantStatus, ws.ExitStatus())
		})
	}
}

// When a signal reaches the whole process group, as timeout(1) and
// service managers send it, bash dies of it while it waits and says
// nothing of the program that died with it; tcpsh used to report the
// program ("Terminated") and then die.
func TestGroupSignalWhileWaiting(t *testing.T) {
	needShells(t)
	if _, err := exec.LookPath("timeout"); err != nil {
		t.Skip("no timeout(1)")
	}
	for _, src := range []string{"sleep 5; echo after", "/bin/sleep 5 | cat; echo after"} {
		t.Run(src, func(t *testing.T) {
			run := func(shell string) (string, int) {
				cmd := exec.Command("timeout", "-s", "TERM", "0.5", shell, "-c", src)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				err := cmd.Run()
				status := 0
				if ee, ok := err.(*exec.ExitError); ok {
					status = ee.ExitCode()
				}
				return stderr.String(), status
			}
			wantErr, wantStatus := run(refBash)
			gotErr, gotStatus := run(shellUnderTest)
			assert.Equal(t, 124, wantStatus, "bash under timeout")
			assert.Equal(t, wantStatus, gotStatus)
			assert.Equal(t, wantErr, gotErr)
		})
	}
}
