//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"
)

// replDeadline bounds every wait for the shell's output.
const replDeadline = 10 * time.Second

// defaultPrompt is PS1's default, `\s-\v\$ `.
func defaultPrompt() string {
	if os.Geteuid() == 0 {
		return "tcpsh-0.1# "
	}
	return "tcpsh-0.1$ "
}

// ptyShell is tcpsh running interactively on a pseudo-terminal, driven
// by a test as a user at a keyboard would.
type ptyShell struct {
	t    *testing.T
	cmd  *exec.Cmd
	ptm  *os.File // the terminal's master side, which the test types on
	tty  *os.File // the slave side, kept to inspect the terminal's modes
	home string

	mu       sync.Mutex
	out      bytes.Buffer // all output, carriage returns removed
	mark     int          // where the next expect starts looking
	change   chan struct{}
	readDone chan struct{}
	waitErr  error
	exited   chan struct{}
}

// startREPL starts tcpsh -i-less (stdin and stderr are the terminal)
// with HOME in a temporary directory holding the given files, and waits
// for the first prompt.
func startREPL(t *testing.T, home string, env []string, args ...string) *ptyShell {
	t.Helper()
	needShells(t)
	if home == "" {
		home = t.TempDir()
	}
	ptm, tty, err := pty.Open()
	require.NoError(t, err)
	// A master in non-blocking mode is served by Go's poller, so that
	// Close ends a pending Read and really closes it (a hangup).
	mfd, err := unix.FcntlInt(ptm.Fd(), unix.F_DUPFD_CLOEXEC, 0)
	require.NoError(t, err)
	ptm.Close()
	require.NoError(t, unix.SetNonblock(mfd, true))
	ptm = os.NewFile(uintptr(mfd), "/dev/ptmx")
	require.NoError(t, pty.Setsize(ptm, &pty.Winsize{Rows: 40, Cols: 200}))
	cmd := exec.Command(shellUnderTest, args...)
	cmd.Env = append([]string{"HOME=" + home, "TERM=xterm", "PATH=" + os.Getenv("PATH"), "LC_ALL=C"}, env...)
	cmd.Dir = home
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	require.NoError(t, cmd.Start())
	s := &ptyShell{t: t, cmd: cmd, ptm: ptm, tty: tty, home: home,
		change: make(chan struct{}, 1), readDone: make(chan struct{}), exited: make(chan struct{})}
	go s.readLoop()
	go func() {
		s.waitErr = cmd.Wait()
		close(s.exited)
	}()
	t.Cleanup(s.stop)
	return s
}

func (s *ptyShell) readLoop() {
	defer close(s.readDone)
	buf := make([]byte, 4096)
	for {
		n, err := s.ptm.Read(buf)
		if n > 0 {
			s.mu.Lock()
			s.out.Write(bytes.ReplaceAll(buf[:n], []byte("\r"), nil))
			s.mu.Unlock()
			select {
			case s.change <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

// stop kills the shell if it is still running and releases the terminal.
func (s *ptyShell) stop() {
	select {
	case <-s.exited:
	default:
		s.cmd.Process.Kill()
		<-s.exited
	}
	s.tty.Close()
	s.ptm.Close()
	<-s.readDone
}

// send types text on the terminal.
func (s *ptyShell) send(text string) {
	s.t.Helper()
	_, err := s.ptm.WriteString(text)
	require.NoError(s.t, err)
}

// expect waits until want appears in the output after the previous
// match and returns the output up to and including it.
func (s *ptyShell) expect(want string) string {
	s.t.Helper()
	deadline := time.After(replDeadline)
	for {
		s.mu.Lock()
		all := s.out.String()
		rest := all[s.mark:]
		if i := strings.Index(rest, want); i >= 0 {
			s.mark += i + len(want)
			s.mu.Unlock()
			return rest[:i+len(want)]
		}
		s.mu.Unlock()
		select {
		case <-s.change:
		case <-deadline:
			s.t.Fatalf("timed out waiting for %q; output since last match:\n%s", want, rest)
		}
	}
}

// run types a command line and waits for the next prompt; it returns
// the output in between (the echoed line included).
func (s *ptyShell) run(line string) string {
	s.t.Helper()
	s.send(line + "\r")
	s.expect(line + "\n")
	return s.expect(defaultPrompt())
}

// wait waits for the shell to end and returns how.
func (s *ptyShell) wait() *os.ProcessState {
	s.t.Helper()
	select {
	case <-s.exited:
	case <-time.After(replDeadline):
		s.t.Fatal("the shell did not exit")
	}
	return s.cmd.ProcessState
}

// cooked tells whether the terminal is back in its normal mode.
func (s *ptyShell) cooked() bool {
	tio, err := unix.IoctlGetTermios(int(s.tty.Fd()), unix.TCGETS)
	require.NoError(s.t, err)
	return tio.Lflag&unix.ICANON != 0 && tio.Lflag&unix.ECHO != 0 && tio.Lflag&unix.ISIG != 0
}

// waitCooked waits until the shell has left the editor's raw mode, so
// that what is typed next goes to the running command as a line.
func (s *ptyShell) waitCooked() {
	s.t.Helper()
	deadline := time.Now().Add(replDeadline)
	for !s.cooked() {
		if time.Now().After(deadline) {
			s.t.Fatal("the terminal stayed raw")
		}
		time.Sleep(time.Millisecond)
	}
}

// writeHome writes files into a home directory.
func writeHome(t *testing.T, files map[string]string) string {
	t.Helper()
	home := t.TempDir()
	for name, text := range files {
		require.NoError(t, os.WriteFile(filepath.Join(home, name), []byte(text), 0o644))
	}
	return home
}
