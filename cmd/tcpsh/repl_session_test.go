//go:build linux

package main

import (
	"io"
	"net"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// closedPort returns a loopback port where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := portOf(ln.Addr())
	require.NoError(t, ln.Close())
	return port
}

// TestREPLCommands types lines at the prompt and reads the screen: output,
// continuation prompts for incomplete input, errors that leave the
// session running, and the rc file's aliases.
func TestREPLCommands(t *testing.T) {
	refused := closedPort(t)
	cases := []struct {
		name  string
		rc    string
		args  []string // tcpsh's arguments (a relative --rcfile is in HOME)
		lines []string // each typed, then the prompt awaited
		// prompts are the prompts after each line (default: PS1's default)
		prompts []string
		want    []string // in the output, in this order
	}{
		{
			name:  "output",
			lines: []string{"echo hello $((1+2))", "x=5; echo ${x}0"},
			want:  []string{"hello 3\n", "50\n"},
		},
		{
			name:  "output without a final newline is kept",
			lines: []string{"printf abc"},
			want:  []string{"abc\x1b[7m%\x1b[27m" + strings.Repeat(" ", 199)},
		},
		{
			name:  "rc alias",
			rc:    "alias ll='echo listing'\n",
			lines: []string{"ll here"},
			want:  []string{"listing here\n"},
		},
		{
			name:  "--norc",
			rc:    "alias ll='echo listing'\n",
			args:  []string{"--norc"},
			lines: []string{"ll here"},
			want:  []string{"ll: command not found"},
		},
		{
			name:  "--rcfile",
			args:  []string{"--rcfile", "other-rc"},
			lines: []string{"echo $FROM_RC"},
			want:  []string{"other\n"},
		},
		{
			name: "errors never end the session",
			lines: []string{
				"cat < /nonexistent/file",
				"exec 4<>/dev/tcp/127.0.0.1/" + refused,
				"if then",
				"echo alive $?",
			},
			want: []string{"/nonexistent/file: No such file or directory", "Connection refused",
				"syntax error", "alive 2\n"},
		},
		{
			name:    "PS1 escapes",
			lines:   []string{`PS1='[\W|\w]\n\$$ '`, "cd /", `PS1='\s \v\[\]> '; echo set`},
			prompts: []string{"|~]\n", "[/|/]\n", "tcpsh 0.1> "},
			want:    []string{"[", "|~]\n", "[/|/]\n", "set\n", "tcpsh 0.1> "},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			home := writeHome(t, map[string]string{".tcpshrc": tc.rc, "other-rc": "FROM_RC=other\n"})
			s := startREPL(t, home, nil, tc.args...)
			s.expect(defaultPrompt())
			var out strings.Builder
			for i, l := range tc.lines {
				s.send(l + "\r")
				out.WriteString(s.expect(l + "\n"))
				prompt := defaultPrompt()
				if i < len(tc.prompts) {
					prompt = tc.prompts[i]
				}
				out.WriteString(s.expect(prompt))
			}
			s.send("exit 0\r")
			assert.Equal(t, 0, s.wait().ExitCode())
			text := out.String()
			for _, w := range tc.want {
				i := strings.Index(text, w)
				if !assert.GreaterOrEqual(t, i, 0, "%q missing from %q", w, text) {
					break
				}
				text = text[i+len(w):]
			}
		})
	}
}

// TestREPLContinuation: an open `if`, quote, pipe or here-document asks
// for more lines with PS2 and runs as one command.
func TestREPLContinuation(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		want  string
	}{
		{"if", []string{"if true", "then echo yes", "fi"}, "yes\n"},
		{"quote", []string{"echo 'a", "b'"}, "a\nb\n"},
		{"pipe", []string{"echo piped |", "tr a-z A-Z"}, "PIPED\n"},
		{"and", []string{"true &&", "echo and"}, "and\n"},
		{"backslash", []string{`echo back\`, "slash"}, "backslash\n"},
		{"here-document", []string{"cat <<EOF", "body", "EOF"}, "body\n"},
	}
	s := startREPL(t, "", nil)
	s.expect(defaultPrompt())
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, l := range tc.lines[:len(tc.lines)-1] {
				s.send(l + "\r")
				s.expect(l + "\n")
				s.expect("> ")
			}
			last := tc.lines[len(tc.lines)-1]
			s.send(last + "\r")
			s.expect(last + "\n")
			assert.Equal(t, tc.want+defaultPrompt(), trimEditing(s.expect(defaultPrompt())))
		})
	}
}

// partialLineMark is what the editor prints before each prompt to keep
// a last line without a newline (carriage returns are already gone).
var partialLineMark = regexp.MustCompile(`\x1b\[7m%\x1b\[27m +`)

// trimEditing drops the line editor's screen-control sequences.
func trimEditing(s string) string {
	s = partialLineMark.ReplaceAllString(s, "")
	for _, seq := range []string{"\x1b[J", "\x1b[2K", " \b"} {
		s = strings.ReplaceAll(s, seq, "")
	}
	return s
}

// TestREPLKeys: Ctrl-C at the prompt drops the line, Ctrl-D on an empty
// line leaves with status 0 and the terminal as it was, SIGTERM is
// ignored.
func TestREPLKeys(t *testing.T) {
	s := startREPL(t, "", nil)
	s.expect(defaultPrompt())
	s.send("echo partial")
	s.expect("echo partial")
	s.send("\x03")
	s.expect("^C\n")
	s.expect(defaultPrompt())
	out := s.run("echo status $?")
	assert.Contains(t, out, "status 130\n")
	assert.NotContains(t, out, "partial")

	s.send("if true\r")
	s.expect("> ")
	s.send("echo dropped\x03")
	s.expect(defaultPrompt())
	assert.NotContains(t, s.run("echo after"), "dropped\n")

	require.NoError(t, s.cmd.Process.Signal(syscall.SIGTERM))
	assert.Contains(t, s.run("echo still here"), "still here\n")

	s.send("false\r")
	s.expect(defaultPrompt())
	s.send("\x04")
	s.expect("exit\n")
	assert.Equal(t, 1, s.wait().ExitCode(), "Ctrl-D exits with $?")
	assert.True(t, s.cooked(), "terminal restored")

	s = startREPL(t, "", nil)
	s.expect(defaultPrompt())
	s.send("\x04")
	assert.Equal(t, 0, s.wait().ExitCode())
}

// silentServer accepts connections, says "ready" and then says nothing
// until the test ends.
func silentServer(t *testing.T) string {
	return startTCP(t, func(c *net.TCPConn) {
		io.WriteString(c, "ready\n")
		io.Copy(io.Discard, c)
	})
}

// TestREPLInterrupt: Ctrl-C while a builtin waits on a socket returns to
// the prompt with status 130 and the socket still open, also when a
// background program holds the same socket; Ctrl-C stops a foreground
// program but not a background job.
func TestREPLInterrupt(t *testing.T) {
	cases := []struct {
		name  string
		setup []string
	}{
		{"builtin on a socket", nil},
		{"socket shared with a background child", []string{"sleep 60 <&3 &"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			port := silentServer(t)
			s := startREPL(t, "", nil)
			s.expect(defaultPrompt())
			s.run("exec 3<>/dev/tcp/127.0.0.1/" + port)
			for _, l := range tc.setup {
				s.run(l)
			}
			s.send("cat <&3\r")
			s.expect("ready\n") // cat runs: the terminal is no longer raw
			s.send("\x03")
			s.expect(defaultPrompt())
			assert.Contains(t, s.run("echo status $?"), "status 130\n")
			fds := s.run("fd")
			assert.Regexp(t, `(?m)^3 .*127\.0\.0\.1:`+port, fds)
			s.run("kill %1 2>/dev/null; wait")
			s.send("exit\r")
			assert.Equal(t, 0, s.wait().ExitCode())
		})
	}

	t.Run("foreground program and background job", func(t *testing.T) {
		s := startREPL(t, "", nil)
		s.expect(defaultPrompt())
		s.run("sleep 60 &")
		s.send("sh -c 'echo started; exec sleep 60'\r")
		s.expect("started\n")
		s.send("\x03")
		s.expect(defaultPrompt())
		assert.Contains(t, s.run("echo status $?"), "status 130\n")
		assert.Regexp(t, `Running +sleep 60`, s.run("jobs"))
		s.run("kill %1; wait")
		s.send("exit\r")
		assert.Equal(t, 0, s.wait().ExitCode())
	})
}

// TestREPLReadsTerminal: commands read what is typed after them, the
// builtin read and an external program alike.
func TestREPLReadsTerminal(t *testing.T) {
	s := startREPL(t, "", nil)
	s.expect(defaultPrompt())
	s.send("read -r x\r")
	s.expect("read -r x\n")
	s.waitCooked() // what is typed before would be read raw, as in bash
	s.send("typed line\r")
	s.expect("typed line\n") // the terminal's echo
	s.expect(defaultPrompt())
	assert.Contains(t, s.run(`echo "got [$x]"`), "got [typed line]\n")
	s.send("tr a-z A-Z\r")
	s.expect("tr a-z A-Z\n")
	s.waitCooked()
	s.send("shout\r\x04")
	s.expect("SHOUT\n")
	s.expect(defaultPrompt())
	s.send("exit 3\r")
	assert.Equal(t, 3, s.wait().ExitCode())
}

// TestREPLNoFDLeak: the editor's and the history's descriptors are
// close-on-exec: a program sees only what the shell was given.
func TestREPLNoFDLeak(t *testing.T) {
	own, err := os.ReadDir("/proc/self/fd")
	require.NoError(t, err)
	ours := map[string]bool{"0": true, "1": true, "2": true, "3": true} // 3: ls's own
	for _, e := range own {
		ours[e.Name()] = true // inherited by the test from its environment
	}
	s := startREPL(t, "", nil)
	s.expect(defaultPrompt())
	out := trimEditing(s.run("ls /proc/self/fd | tr '\\n' ' '; echo"))
	lines := strings.Split(out, "\n")
	require.GreaterOrEqual(t, len(lines), 2)
	fds := strings.Fields(lines[len(lines)-2])
	assert.Contains(t, fds, "0")
	for _, fd := range fds {
		assert.True(t, ours[fd], "fd %s leaked to a program: %v", fd, fds)
	}
	s.send("exit\r")
	s.wait()
}
