package shell

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"mvdan.cc/sh/v3/syntax"

	"tcpsh/redirect"
)

// lookPath finds a program as bash does: names with a slash are used as
// they are (relative to the shell's directory); others are searched in
// the session's PATH.
func (r *Runner) lookPath(name string) (string, error) {
	if strings.Contains(name, "/") {
		p := r.absPath(name)
		st, err := os.Stat(p)
		if err != nil {
			return "", err
		}
		if st.IsDir() {
			return "", syscall.EISDIR
		}
		return p, nil
	}
	pathVar := r.getString("PATH")
	if r.pathCache != nil && r.pathCacheKey == pathVar {
		if p, ok := r.pathCache[name]; ok {
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
	} else {
		r.pathCache = map[string]string{}
		r.pathCacheKey = pathVar
	}
	for _, dir := range filepath.SplitList(pathVar) {
		if dir == "" {
			dir = "."
		}
		p := filepath.Join(r.absPath(dir), name)
		st, err := os.Stat(p)
		if err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
			continue
		}
		r.pathCache[name] = p
		return p, nil
	}
	return "", errNotFound
}

var errNotFound = errors.New("command not found")

// external runs a program with the session's fds as its own.
func (r *Runner) external(ctx context.Context, args []string) int {
	defer r.closeProcFDs()
	if r.sess.noExternal {
		r.errf("%s: command not found", args[0])
		return 127
	}
	path, err := r.lookPath(args[0])
	if err != nil {
		switch {
		case errors.Is(err, errNotFound):
			r.errf("%s: command not found", args[0])
			return 127
		case errors.Is(err, fs.ErrNotExist):
			r.errf("%s: No such file or directory", args[0])
			return 127
		case errors.Is(err, syscall.EISDIR):
			r.errf("%s: Is a directory", args[0])
			return 126
		}
		r.errf("%s: %s", args[0], errnoText(err))
		return 126
	}
	cmd := &exec.Cmd{
		Path: path,
		Args: args,
		Env:  r.exportedEnv(),
		Dir:  r.dir,
	}
	releases, err := r.childFiles(cmd)
	defer func() {
		for _, rel := range releases {
			rel()
		}
	}()
	if err != nil {
		r.errf("%s: %v", args[0], err)
		return 1
	}
	r.prepareChild(cmd)
	if err := cmd.Start(); err != nil {
		if errors.Is(err, syscall.ENOEXEC) {
			return r.runAsScript(ctx, path, args)
		}
		if errors.Is(err, fs.ErrPermission) {
			r.errf("%s: Permission denied", args[0])
			return 126
		}
		r.errf("%s: %s", args[0], errnoText(err))
		return 126
	}
	if r.job != nil {
		r.job.reportPID(cmd.Process.Pid)
		r.job.addProc(cmd.Process)
	}
	stop := context.AfterFunc(ctx, func() {
		cmd.Process.Signal(os.Interrupt)
		time.AfterFunc(2*time.Second, func() { cmd.Process.Kill() })
	})
	err = cmd.Wait()
	stop()
	return exitStatus(cmd.ProcessState, err)
}

// childFiles gives cmd a real OS file for every open fd of the session.
// The returned funcs must run after the child has exited.
func (r *Runner) childFiles(cmd *exec.Cmd) ([]func(), error) {
	var releases []func()
	fds := r.fds.FDs()
	max := -1
	for _, fd := range fds {
		if fd > max {
			max = fd
		}
	}
	if max >= 3 {
		cmd.ExtraFiles = make([]*os.File, max-2)
	}
	for _, fd := range fds {
		ch, err := r.fds.Get(fd)
		if err != nil {
			continue
		}
		f, rel, err := ch.ChildFile()
		if err != nil {
			return releases, err
		}
		if rel != nil {
			releases = append(releases, rel)
		}
		switch fd {
		case 0:
			cmd.Stdin = f
		case 1:
			cmd.Stdout = f
		case 2:
			cmd.Stderr = f
		default:
			cmd.ExtraFiles[fd-3] = f
		}
	}
	if cmd.Stdin == nil {
		// A closed fd 0 stays closed for bash's children; os/exec would
		// give /dev/null, which is the closest it can do.
		cmd.Stdin = nil
	}
	return releases, nil
}

// exitStatus maps a finished process to a shell status: its exit code,
// or 128+n when killed by signal n.
func exitStatus(ps *os.ProcessState, err error) int {
	if ps == nil {
		if err != nil {
			return 1
		}
		return 0
	}
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ps.ExitCode()
}

// runAsScript runs an executable text file without a #! line with tcpsh
// itself, as bash runs such files with bash.
func (r *Runner) runAsScript(ctx context.Context, path string, args []string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		r.errf("%s: %s", args[0], errnoText(err))
		return 126
	}
	s := r.subshell()
	s.params = args[1:]
	s.name0 = args[0]
	s.errName = args[0]
	s.funcs = map[string]*syntax.Stmt{}
	status := s.RunScript(ctx, string(data))
	s.endSubshell(ctx)
	return status
}

// errnoText words an error as strerror does.
func errnoText(err error) string {
	return redirect.Errno(err)
}
