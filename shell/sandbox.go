package shell

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"tcpsh/fdtable"
)

// sandbox is a session's confinement (see Sandbox). Its fields are set by
// New and read-only afterwards, except umask, which subshells share as
// they share the process umask otherwise.
type sandbox struct {
	root  *os.Root
	dir   string          // root's absolute path
	allow map[string]bool // "host:port" strings the dialer may connect to
	umask atomic.Int32
}

// Sandbox confines the session, for running scripts that must not touch
// the machine (the fuzz tests use it):
//
//   - files are opened through an os.Root at dir: redirections, source and
//     cat see only what lies under dir ("/dev/null" excepted); a path
//     outside fails with "Permission denied", and so does cd; the session
//     starts in dir;
//   - /dev/tcp and /dev/udp connect only to the "host:port" strings in
//     allow, compared as written before any name lookup (so "localhost:80"
//     must be listed as such and no DNS query is ever made); any other
//     address fails with "Connection refused";
//   - programs from PATH are disabled (NoExternal);
//   - the fd table holds the Stdio files at 0-2 and nothing else: the
//     descriptors the process inherited are not imported;
//   - listen and history -r/-w/-a fail with "Permission denied";
//   - kill reaches only the session's own jobs and $$ (other pids:
//     "Operation not permitted"); ulimit cannot change the process's
//     limit; umask changes a session value, not the process's. exit, exec
//     and trap act on the session already: the shell package never exits
//     the process or calls signal.Notify (the front end does).
//
// Sandbox overrides Dialer's DialContext and sets the working directory to
// dir; a Dir option given after it must name a directory inside dir.
// Runner.Close cancels the session's background jobs (they run in
// goroutines) and releases the root.
func Sandbox(dir string, allow ...string) Option {
	return func(r *Runner) error {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		root, err := os.OpenRoot(abs)
		if err != nil {
			return err
		}
		if r.sess.sandbox != nil {
			r.sess.sandbox.root.Close()
		}
		sb := &sandbox{root: root, dir: abs, allow: map[string]bool{}}
		sb.umask.Store(0o022)
		for _, a := range allow {
			sb.allow[a] = true
		}
		r.sess.sandbox = sb
		r.dir = abs
		return nil
	}
}

// applySandbox enforces the sandbox after every Option ran, so that a
// later Dialer, Dir or missing NoExternal cannot undo it.
func (s *session) applySandbox(r *Runner) error {
	sb := s.sandbox
	if sb == nil {
		return nil
	}
	s.noExternal = true
	s.dialer.DialContext = sb.dial
	if r.dir == "" {
		r.dir = sb.dir
	}
	if _, err := sb.rel(r.dir); err != nil {
		sb.root.Close()
		return errors.New("sandbox: working directory " + r.dir + " is outside " + sb.dir)
	}
	if r.fds == nil {
		// Only 0-2: the descriptors the process inherited (a fuzzing
		// worker's pipes to its coordinator, say) stay out of reach.
		t := fdtable.NewTable()
		for fd, f := range s.stdio {
			if f == nil {
				continue
			}
			mode := fdtable.Read
			if fd > 0 {
				mode = fdtable.Write
			}
			if err := t.Set(fd, fdtable.NewFile(f, mode, f.Name(), false)); err != nil {
				return err
			}
		}
		r.fds = t
	}
	return nil
}

// sandboxJobWait bounds how long Close waits for a cancelled job.
const sandboxJobWait = 5 * time.Second

// closeSandbox ends a sandboxed session: background jobs, which run in
// goroutines (no program can be started), are cancelled and waited for, so
// that the session leaves nothing running; then the root is released.
// Outside a sandbox jobs outlive the shell, as bash's children do.
func (s *session) closeSandbox() {
	if s.sandbox == nil {
		return
	}
	for _, j := range s.jobs.list() {
		j.cancel()
		select {
		case <-j.done:
		case <-time.After(sandboxJobWait):
		}
	}
	s.sandbox.root.Close()
}

// dial connects only to the allowed addresses, refusing the others before
// any name lookup.
func (sb *sandbox) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	if !sb.allow[addr] {
		return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	}
	return (&net.Dialer{}).DialContext(ctx, network, addr)
}

// rel returns full (an absolute path) relative to the root, or EACCES
// when it lies outside.
func (sb *sandbox) rel(full string) (string, error) {
	rel, err := filepath.Rel(sb.dir, filepath.Clean(full))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", syscall.EACCES
	}
	return rel, nil
}

// openFile opens full, an absolute path, for a redirection or builtin:
// through the sandbox's root when there is one.
func (s *session) openFile(full string, flag int, perm os.FileMode) (*os.File, error) {
	sb := s.sandbox
	if sb == nil || full == os.DevNull {
		return os.OpenFile(full, flag, perm)
	}
	rel, err := sb.rel(full)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: full, Err: err}
	}
	return sb.root.OpenFile(rel, flag, perm)
}

// openChannel is Table.OpenFile through the sandbox.
func (s *session) openChannel(fds *fdtable.Table, full string, flag int, perm os.FileMode) (*fdtable.Channel, error) {
	if err := fds.CanOpen(1); err != nil {
		return nil, &os.PathError{Op: "open", Path: full, Err: syscall.EMFILE}
	}
	f, err := s.openFile(full, flag, perm)
	if err != nil {
		return nil, err
	}
	return fdtable.NewFile(f, modeOf(flag), full, true), nil
}

// readFile reads a whole file (source), through the sandbox's root.
func (s *session) readFile(full string) ([]byte, error) {
	if s.sandbox == nil {
		return os.ReadFile(full)
	}
	rel, err := s.sandbox.rel(full)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: full, Err: err}
	}
	return s.sandbox.root.ReadFile(rel)
}

// stat is os.Stat through the sandbox's root (cd).
func (s *session) stat(full string) (fs.FileInfo, error) {
	if s.sandbox == nil {
		return os.Stat(full)
	}
	rel, err := s.sandbox.rel(full)
	if err != nil {
		return nil, &os.PathError{Op: "stat", Path: full, Err: err}
	}
	return s.sandbox.root.Stat(rel)
}

// denyInSandbox is EACCES in a sandbox, for what it never allows: listen
// (binding a port of the machine) and history -r/-w/-a (files by path).
func (s *session) denyInSandbox() error {
	if s.sandbox != nil {
		return syscall.EACCES
	}
	return nil
}

// kill sends sig to a process outside the session; the sandbox allows
// none.
func (s *session) kill(pid int, sig syscall.Signal) error {
	if s.sandbox != nil {
		return syscall.EPERM
	}
	return killPID(pid, sig)
}

// setNoFileLimit is ulimit -n's setrlimit; the sandbox refuses it.
func (s *session) setNoFileLimit(soft, hard uint64) error {
	if s.sandbox != nil {
		return syscall.EPERM
	}
	return fdtable.SetNoFileLimit(soft, hard)
}

// getUmask and setUmask are the process umask, or the sandbox's own.
func (s *session) getUmask() int {
	if s.sandbox != nil {
		return int(s.sandbox.umask.Load())
	}
	return getUmask()
}

func (s *session) setUmask(m int) {
	if s.sandbox != nil {
		s.sandbox.umask.Store(int32(m))
		return
	}
	setUmask(m)
}
