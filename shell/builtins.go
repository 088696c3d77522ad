package shell

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"strconv"
	"syscall"

	"tcpsh/fdtable"
	"tcpsh/redirect"
)

// builtinFunc is the one signature of every builtin: it returns the exit
// status and prints its own messages through c.
type builtinFunc func(ctx context.Context, c *Call) int

// builtins is the registry of builtin commands. Implementations live in
// the builtin_*.go files by topic; the core ones are listed in init below,
// and a topic file may add its own with registerBuiltin.
var builtins = map[string]builtinFunc{}

// registerBuiltin adds a builtin and its help entry to the registries.
// It is called from init functions only.
func registerBuiltin(name string, fn builtinFunc, synopsis, text string) {
	if _, dup := builtins[name]; dup {
		panic("shell: builtin " + name + " registered twice")
	}
	builtins[name] = fn
	builtinHelp[name] = helpEntry{synopsis, text}
}

func init() {
	for name, fn := range map[string]builtinFunc{
		":":         bTrue,
		"true":      bTrue,
		"false":     bFalse,
		".":         bSource,
		"source":    bSource,
		"[":         bTest,
		"test":      bTest,
		"alias":     bAlias,
		"unalias":   bUnalias,
		"break":     bBreak,
		"continue":  bContinue,
		"builtin":   bBuiltin,
		"command":   bCommand,
		"enable":    bEnable,
		"type":      bType,
		"cd":        bCd,
		"pwd":       bPwd,
		"echo":      bEcho,
		"printf":    bPrintf,
		"read":      bRead,
		"mapfile":   bMapfile,
		"readarray": bMapfile,
		"cat":       bCat,
		"eval":      bEval,
		"exec":      bExec,
		"exit":      bExit,
		"return":    bReturn,
		"export":    bExport,
		"readonly":  bReadonly,
		"declare":   bDeclare,
		"typeset":   bDeclare,
		"local":     bLocal,
		"unset":     bUnset,
		"set":       bSet,
		"shopt":     bShopt,
		"shift":     bShift,
		"getopts":   bGetopts,
		"let":       bLet,
		"wait":      bWait,
		"jobs":      bJobs,
		"kill":      bKill,
		"sleep":     bSleep,
		"trap":      bTrap,
		"ulimit":    bUlimit,
		"umask":     bUmask,
		"help":      bHelp,
		"caller":    bCaller,
		"compgen":   bCompgen,
		"pushd":     bPushd,
		"popd":      bPopd,
		"dirs":      bDirs,
		"fd":        bFd,
		"lsof":      bLsof,
	} {
		builtins[name] = fn
	}
}

// specialBuiltins are POSIX special builtins: their prefix assignments
// persist.
var specialBuiltins = map[string]bool{
	":": true, ".": true, "break": true, "continue": true, "eval": true, "exec": true,
	"exit": true, "export": true, "readonly": true, "return": true, "set": true,
	"shift": true, "trap": true, "unset": true, "source": false,
}

func isSpecialBuiltin(name string) bool { return specialBuiltins[name] }

// builtin returns the enabled builtin called name, or nil.
func (r *Runner) builtin(name string) builtinFunc {
	if r.disabled[name] {
		return nil
	}
	return builtins[name]
}

func (r *Runner) isBuiltinActive(name string) bool { return r.builtin(name) != nil }

// Call is one invocation of a builtin: its arguments and access to the
// session. It is valid only during the call.
type Call struct {
	r    *Runner
	Name string
	// Args are the arguments after the name.
	Args []string

	writeErr error
}

// Write writes to the builtin's stdout (fd 1), remembering the first
// error so that the call can report it as bash does.
func (c *Call) Write(p []byte) (int, error) {
	if c.writeErr != nil {
		return 0, c.writeErr
	}
	n, err := c.r.out(1).Write(p)
	if err != nil {
		c.writeErr = err
	}
	return n, err
}

// WriteString writes s to stdout.
func (c *Call) WriteString(s string) (int, error) { return c.Write([]byte(s)) }

// Stderr returns the builtin's fd 2.
func (c *Call) Stderr() io.Writer { return c.r.out(2) }

// Stdout returns the channel at fd 1 (for zero-copy io.Copy), or an error.
func (c *Call) Stdout() (*fdtable.Channel, error) { return c.r.fds.Get(1) }

// Stdin returns the channel at fd 0.
func (c *Call) Stdin() (*fdtable.Channel, error) { return c.r.fds.Get(0) }

// fdOperand returns the channel at the fd number a names, or prints
// bash's message for a malformed number or a closed fd and returns nil.
func (c *Call) fdOperand(a string) (*fdtable.Channel, int) {
	n, err := strconv.Atoi(a)
	if err != nil || n < 0 {
		c.Errorf("%s: invalid file descriptor specification", a)
		return nil, -1
	}
	ch, err := c.r.fds.Get(n)
	if err != nil {
		c.Errorf("%d: %s", n, fdtable.Strerror(syscall.EBADF))
		return nil, n
	}
	return ch, n
}

// Errorf prints "prefix: name: msg" to stderr.
func (c *Call) Errorf(format string, args ...any) {
	c.r.errf("%s: %s", c.Name, fmt.Sprintf(format, args...))
}

// Usage prints bash's "name: usage: ..." line and returns 2.
func (c *Call) Usage(usage string) int {
	// bash prints the usage line without its "NAME: line N: " prefix.
	fmt.Fprintf(c.r.out(2), "%s: usage: %s\n", c.Name, usage)
	return 2
}

// runBuiltin runs fn, turns a panic into an internal error, and reports
// write errors the way bash does.
func (r *Runner) runBuiltin(ctx context.Context, name string, fn builtinFunc, args []string) (status int) {
	defer r.closeProcFDs()
	c := &Call{r: r, Name: name, Args: args[1:]}
	savedCtx := r.curCtx
	r.curCtx = ctx
	defer func() { r.curCtx = savedCtx }()
	defer func() {
		if p := recover(); p != nil {
			r.errf("%s: internal error: %v", name, p)
			if r.debugPanics {
				r.out(2).Write(debug.Stack())
			}
			status = 2
		}
	}()
	status = fn(ctx, c)
	if c.writeErr != nil {
		return r.writeFailed(name, 1, c.writeErr)
	}
	return status
}

// writeFailed reports a builtin's failed write to fd. A broken pipe on a
// channel other than a socket tcpsh opened ends the current shell with
// 141, as SIGPIPE ends bash; everywhere else bash prints a write error.
func (r *Runner) writeFailed(name string, fd int, err error) int {
	if r.sigpipe(fd, err) {
		return 141
	}
	r.errf("%s: write error: %s", name, redirect.Errno(err))
	return 1
}

func isOwnedSocket(ch *fdtable.Channel) bool {
	if !ch.Owned() {
		return false
	}
	switch ch.Kind() {
	case fdtable.KindTCP, fdtable.KindUDP:
		return true
	}
	return false
}
