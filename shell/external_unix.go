//go:build unix

package shell

import (
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"syscall"
)

// prepareChild sets process attributes for a program about to start:
// background jobs of the interactive shell get their own process group.
func (r *Runner) prepareChild(cmd *exec.Cmd) {
	if r.bgJob && r.sess.interactive {
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	}
}

// asyncExecArg0 is the argv[0] with which tcpsh re-executes itself to
// start a program of a background job with SIGINT and SIGQUIT ignored.
const asyncExecArg0 = "tcpsh-async-exec"

// A process started as [asyncExecArg0, errfd, path, argv...] ignores
// SIGINT and SIGQUIT and executes path: a program inherits an ignored
// disposition, while Go gives every child of a shell that merely catches
// those signals their default action. A failed exec writes its errno to
// errfd.
func init() {
	if len(os.Args) >= 4 && os.Args[0] == asyncExecArg0 {
		asyncExec(os.Args[1], os.Args[2], os.Args[3:])
	}
}

func asyncExec(errFD, path string, argv []string) {
	fd, err := strconv.Atoi(errFD)
	if err != nil {
		os.Exit(127)
	}
	signal.Ignore(syscall.SIGINT, syscall.SIGQUIT)
	syscall.CloseOnExec(fd)
	err = syscall.Exec(path, argv, os.Environ())
	errno, ok := err.(syscall.Errno)
	if !ok {
		errno = syscall.EINVAL
	}
	syscall.Write(fd, []byte(strconv.Itoa(int(errno))))
	os.Exit(127)
}

// startChild starts cmd. Without job control, bash's background commands
// ignore SIGINT and SIGQUIT; such programs are started through
// asyncExecArg0, so that tcpsh itself never ignores the signals.
func (r *Runner) startChild(cmd *exec.Cmd) error {
	if !r.bgJob || r.sess.interactive {
		return cmd.Start()
	}
	self, err := os.Executable()
	if err != nil {
		return cmd.Start()
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		return cmd.Start()
	}
	defer pr.Close()
	path, args, extra := cmd.Path, cmd.Args, cmd.ExtraFiles
	fd := 3 + len(extra)
	cmd.ExtraFiles = append(extra[:len(extra):len(extra)], pw)
	cmd.Path = self
	cmd.Args = append([]string{asyncExecArg0, strconv.Itoa(fd), path}, args...)
	err = cmd.Start()
	pw.Close()
	cmd.Path, cmd.Args, cmd.ExtraFiles = path, args, extra
	if err != nil {
		return err
	}
	msg, _ := io.ReadAll(pr)
	if len(msg) == 0 {
		return nil // the pipe closed on exec
	}
	n, _ := strconv.Atoi(string(msg))
	cmd.Wait()
	return &os.PathError{Op: "fork/exec", Path: path, Err: syscall.Errno(n)}
}
