//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREPLHistory: commands typed in one session are in the next one's
// history (`history`, the up arrow), in a file of mode 0600, a command
// of several lines being one entry; HISTFILE and HISTSIZE are honoured.
func TestREPLHistory(t *testing.T) {
	cases := []struct {
		name    string
		env     []string
		file    string // relative to HOME
		typed   []string
		want    []string // `history` in the second session, minus its own line
		premode os.FileMode
	}{
		{
			name:  "default file",
			file:  ".tcpsh_history",
			typed: []string{"echo one", "if true", "then echo two", "fi", " echo three"},
			want:  []string{"echo one", "if true; then echo two; fi", " echo three"},
		},
		{
			name:    "HISTFILE and HISTSIZE, existing file made private",
			env:     []string{"HISTSIZE=2"},
			file:    "hist",
			typed:   []string{"echo one", "echo two", "echo three"},
			premode: 0o644,
		},
		{
			name:  "HISTCONTROL",
			env:   []string{"HISTCONTROL=ignoreboth"},
			file:  ".tcpsh_history",
			typed: []string{"echo one", "echo one", " echo secret"},
			want:  []string{"echo one"},
		},
		{
			name:  "here-document kept as typed",
			file:  ".tcpsh_history",
			typed: []string{"cat <<EOF", "body", "EOF"},
			want:  []string{"cat <<EOF\nbody\nEOF"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			path := filepath.Join(home, tc.file)
			env := tc.env
			if tc.file != ".tcpsh_history" {
				env = append(env, "HISTFILE="+path)
			}
			if tc.premode != 0 {
				require.NoError(t, os.WriteFile(path, nil, tc.premode))
				require.NoError(t, os.Chmod(path, tc.premode))
			}
			s := startREPL(t, home, env)
			s.expect(defaultPrompt())
			for _, l := range tc.typed {
				s.send(l + "\r")
				s.expect(l + "\n")
				s.expect(" ") // PS1 or PS2
			}
			s.send("exit\r")
			require.Equal(t, 0, s.wait().ExitCode())
			st, err := os.Stat(path)
			require.NoError(t, err)
			assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())

			s = startREPL(t, home, env)
			s.expect(defaultPrompt())
			out := s.run("history")
			var got []string
			for _, l := range strings.Split(trimEditing(out), "\n") {
				if len(l) > 7 && strings.TrimSpace(l[:5]) != "" && l[5:7] == "  " {
					got = append(got, l[7:])
				} else if len(got) > 0 && l != "" && !strings.HasPrefix(l, "tcpsh") {
					got[len(got)-1] += "\n" + l // an entry of several lines
				}
			}
			want := append(tc.want, "exit", "history")
			if len(tc.env) > 0 && tc.env[0] == "HISTSIZE=2" {
				want = []string{"exit", "history"}
			}
			assert.Equal(t, want, got)
			s.send("exit\r")
			s.wait()
		})
	}
}

// TestREPLHistoryKeys: the up arrow recalls the previous command and
// Ctrl-R finds an older one.
func TestREPLHistoryKeys(t *testing.T) {
	s := startREPL(t, "", nil)
	s.expect(defaultPrompt())
	s.run("echo first")
	s.run("echo second")
	s.send("\x1b[A\r")
	s.expect("second\n")
	s.expect("second\n") // the output
	s.expect(defaultPrompt())
	s.send("\x12fir")
	s.expect("fir")
	s.send("\r")
	s.expect("first\n")
	s.send("exit\r")
	assert.Equal(t, 0, s.wait().ExitCode())
}

// TestREPLHangup: SIGHUP at the prompt, or while a command runs, ends
// the session: the history is saved, the terminal restored, and the shell
// dies of the signal as bash does.
func TestREPLHangup(t *testing.T) {
	cases := []struct {
		name    string
		running string // a command running when the signal comes
		// closeTTY hangs up the terminal (the kernel sends SIGHUP)
		// instead of signalling the shell.
		closeTTY bool
	}{
		{name: "at the prompt"},
		{name: "during a command", running: "sh -c 'echo started; exec sleep 60'"},
		{name: "terminal closed", closeTTY: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := startREPL(t, "", nil)
			s.expect(defaultPrompt())
			s.run("echo before hangup")
			if tc.running != "" {
				s.send(tc.running + "\r")
				s.expect("started\n")
			} else {
				s.send("echo half-typed")
				s.expect("half-typed")
			}
			if tc.closeTTY {
				require.NoError(t, s.ptm.Close())
			} else {
				require.NoError(t, s.cmd.Process.Signal(syscall.SIGHUP))
			}
			st := s.wait()
			ws := st.Sys().(syscall.WaitStatus)
			assert.True(t, ws.Signaled() && ws.Signal() == syscall.SIGHUP, "status %v", st)
			if !tc.closeTTY { // a hung-up terminal has no modes left
				assert.True(t, s.cooked(), "terminal restored")
			}
			data, err := os.ReadFile(filepath.Join(s.home, ".tcpsh_history"))
			require.NoError(t, err)
			assert.Contains(t, string(data), "echo before hangup\n")
			assert.NotContains(t, string(data), "half-typed")
		})
	}
}
