package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"tcpsh/fdtable"
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
	if found := r.searchPath(pathVar, name, false); len(found) > 0 {
		r.pathCache[name] = found[0]
		return found[0], nil
	}
	return "", errNotFound
}

// searchPath returns the executable files called name in the directories
// of pathVar, in order: the first one, or with all every one (type -a).
func (r *Runner) searchPath(pathVar, name string, all bool) []string {
	var found []string
	for _, dir := range filepath.SplitList(pathVar) {
		if dir == "" {
			dir = "."
		}
		p := filepath.Join(r.absPath(dir), name)
		st, err := os.Stat(p)
		if err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
			continue
		}
		found = append(found, p)
		if !all {
			break
		}
	}
	return found
}

var errNotFound = errors.New("command not found")

// external runs a program with the session's fds as its own.
func (r *Runner) external(ctx context.Context, args []string) int {
	return r.runProgram(ctx, args, nil)
}

// execFlags are the exec builtin's options for the program it runs.
type execFlags struct {
	argv0    string // -a: the program's argument zero
	login    bool   // -l: a dash before argument zero
	clearEnv bool   // -c: an empty environment
}

// apply sets cmd's argument zero and environment as the flags say.
func (ex *execFlags) apply(cmd *exec.Cmd) {
	argv0 := cmd.Args[0]
	if ex.argv0 != "" {
		argv0 = ex.argv0
	}
	if ex.login {
		argv0 = "-" + argv0
	}
	if argv0 != cmd.Args[0] {
		cmd.Args = append([]string{argv0}, cmd.Args[1:]...)
	}
	if ex.clearEnv {
		cmd.Env = []string{} // nil would mean the process's environment
	}
}

// newChild prepares the command that runs the program at path with the
// session's environment, directory and fds. release gives back what the
// fds lent to the child; call it after the child has exited (also when
// err is not nil).
func (r *Runner) newChild(path string, args []string) (cmd *exec.Cmd, release func(), err error) {
	cmd = &exec.Cmd{Path: path, Args: args, Env: r.exportedEnv(), Dir: r.dir}
	releases, err := r.childFiles(cmd)
	release = func() {
		for _, rel := range releases {
			rel()
		}
	}
	if err == nil {
		r.prepareChild(cmd)
	}
	return cmd, release, err
}

// runProgram runs a program; ex, set for the exec builtin, words the
// errors as exec does and applies its options.
func (r *Runner) runProgram(ctx context.Context, args []string, ex *execFlags) int {
	forExec := ex != nil
	defer r.closeProcFDs()
	if r.sess.noExternal {
		r.errf("%s: command not found", args[0])
		return 127
	}
	path, err := r.programPath(args[0])
	if err != nil {
		return r.lookupFailed(args[0], err, forExec)
	}
	cmd, release, err := r.newChild(path, args)
	defer release()
	if err != nil {
		r.errf("%s: %s", args[0], errnoText(err))
		return 1
	}
	if ex != nil {
		ex.apply(cmd)
	}
	r.watchForChild()
	if err := r.startChild(cmd); err != nil {
		return r.startFailed(ctx, path, args, err, forExec)
	}
	if r.job != nil {
		r.job.reportPID(cmd.Process.Pid)
		r.job.addProc(cmd.Process)
	}
	stop := context.AfterFunc(ctx, func() {
		cmd.Process.Signal(interruptSignal(ctx)) // SIGINT, or timeout's signal (builtin_timeout.go)
		time.AfterFunc(2*time.Second, func() { cmd.Process.Kill() })
	})
	err = cmd.Wait()
	stop()
	r.awaitOwnSigint(ctx, cmd.ProcessState)
	r.reportSignalDeath(cmd.ProcessState)
	return exitStatus(cmd.ProcessState, err)
}

// lookupFailed reports a program that cannot be found and returns the
// status: 127, or 126 for a directory.
func (r *Runner) lookupFailed(name string, err error, forExec bool) int {
	switch {
	case errors.Is(err, errNotFound):
		if forExec {
			r.errf("exec: %s: not found", name)
		} else {
			r.errf("%s: command not found", name)
		}
		return 127
	case errors.Is(err, fs.ErrNotExist):
		r.errf("%s: No such file or directory", name)
		return 127
	case errors.Is(err, syscall.EISDIR):
		r.errf("%s: Is a directory", name)
		if forExec {
			r.errf("exec: %s: cannot execute: Is a directory", name)
		}
		return 126
	}
	r.errf("%s: %s", name, errnoText(err))
	return 126
}

// startFailed handles a program that was found but could not start: a
// text file without #! runs as a tcpsh script; a missing interpreter is
// 127; anything else 126.
func (r *Runner) startFailed(ctx context.Context, path string, args []string, err error, forExec bool) int {
	name := args[0]
	switch {
	case errors.Is(err, syscall.ENOEXEC):
		return r.runAsScript(ctx, path, args)
	case errors.Is(err, fs.ErrNotExist):
		// The file exists (lookPath saw it): its #! interpreter does not.
		if forExec {
			name = path
		}
		r.errf("%s: cannot execute: required file not found", name)
		return 127
	case errors.Is(err, fs.ErrPermission):
		r.errf("%s: Permission denied", name)
		if forExec {
			r.errf("exec: %s: cannot execute: Permission denied", name)
		}
		return 126
	}
	r.errf("%s: %s", name, errnoText(err))
	return 126
}

// reportSignalDeath prints what bash prints when a foreground program is
// killed by a signal: nothing for SIGINT and SIGPIPE, "Terminated" for
// SIGTERM (and the description alone for a signal the shell traps),
// "NAME: line N: PID Description  command" for the others.
func (r *Runner) reportSignalDeath(ps *os.ProcessState) {
	if ps == nil || r.bgJob {
		return
	}
	ws, ok := ps.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() {
		return
	}
	sig := ws.Signal()
	if sig == syscall.SIGINT || sig == syscall.SIGPIPE || r.dyingWith(sig) {
		return
	}
	desc := signalDescription(sig)
	if ws.CoreDump() {
		desc += " (core dumped)"
	}
	if _, trapped := r.traps[signalName(sig)]; sig == syscall.SIGTERM || trapped || r.sess.interactive {
		io.WriteString(r.out(2), desc+"\n")
		return
	}
	prefix := r.errPrefix()
	if r.sess.cMode {
		prefix = r.errName + ": " // bash -c shows no line here
	}
	fmt.Fprintf(r.out(2), "%s%d %-24s%s\n", prefix, ps.Pid(), desc, r.callText())
}

// signalDescription is strsignal(3)'s text for sig.
func signalDescription(sig syscall.Signal) string {
	s := sig.String()
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// callText prints the simple command being run, as bash's job messages
// show it.
func (r *Runner) callText() string {
	if r.curCall == nil {
		return ""
	}
	var sb strings.Builder
	syntax.NewPrinter(syntax.SingleLine(true)).Print(&sb, r.curCall)
	return sb.String()
}

// childFiles gives cmd a real OS file for every open fd of the session.
// The returned funcs must run after the child has exited.
func (r *Runner) childFiles(cmd *exec.Cmd) ([]func(), error) {
	var releases []func()
	fds := r.fds.FDs()
	// A child cannot be given a number at or above the open-files limit
	// (an fd inherited before `ulimit -n` lowered it): os/exec would fail
	// the whole start with EBADF, so such fds are left out.
	for len(fds) > 0 && r.fds.CheckFD(fds[len(fds)-1]) != nil {
		fds = fds[:len(fds)-1]
	}
	max := -1
	if len(fds) > 0 {
		max = fds[len(fds)-1]
	}
	if max >= 3 {
		cmd.ExtraFiles = make([]*os.File, max-2)
	}
	// One file per channel: a channel at several numbers (fd 0 and 3
	// after <&3) is one description for the child too, and a second
	// socketpair bridge (TLS, read-ahead) would wait for the first.
	given := map[*fdtable.Channel]*os.File{}
	stdin, _ := r.fds.Get(0)
	for _, fd := range fds {
		ch, err := r.fds.Get(fd)
		if err != nil {
			continue
		}
		f, ok := given[ch]
		if !ok {
			var rel func()
			if (ch.IsTLS() || ch.Traced()) && ch != stdin { // traced: builtin_trace.go
				// Read only as stdin (tls.go): a TLS fd merely inherited
				// must not take the connection's input.
				f, rel, err = ch.ChildOutputFile()
			} else {
				f, rel, err = ch.ChildFile()
			}
			if err != nil {
				return releases, err
			}
			if rel != nil {
				releases = append(releases, rel)
			}
			given[ch] = f
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
	// Like bash, run it in a fresh shell that keeps only what a child
	// process would get: exported variables and the open fds.
	s := r.subshell()
	s.params = args[1:]
	s.name0 = args[0]
	s.errName = args[0]
	s.funcs = map[string]*funcDef{}
	s.aliases = map[string]string{}
	s.intVars = map[string]bool{}
	s.opts, s.shopts = shellOpts{}, shellShopts{}
	s.vars = newVarStore()
	r.vars.each(func(name string, vr expand.Variable) bool {
		if vr.Exported && vr.IsSet() {
			s.vars.global[name] = expand.Variable{Set: true, Exported: true, Kind: expand.String, Str: vr.String()}
		}
		return true
	})
	s.initVars()
	status := s.RunScript(ctx, string(data))
	s.endSubshell(ctx)
	return status
}

// Strerror words an error as the C library's strerror does ("No such file
// or directory"), for messages printed the way bash prints them.
func Strerror(err error) string { return redirect.Errno(err) }

// errnoText words an error as strerror does.
func errnoText(err error) string {
	return redirect.Errno(err)
}
