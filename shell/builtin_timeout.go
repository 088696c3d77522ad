package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"tcpsh/shell/internal/duration"
)

func init() {
	registerBuiltin("timeout", bTimeout,
		"timeout [-s SIG] [-k DUR] [-v] [--preserve-status] [--foreground] DURATION COMMAND [ARG...]",
		"Run COMMAND and stop it if it still runs after DURATION, with coreutils 9's options, messages "+
			"and statuses. DURATION and DUR are numbers with an optional s, m, h or d suffix (fractions "+
			"allowed; 0 means no limit). On expiry SIG (default TERM) is sent; -k sends KILL DUR later "+
			"if it still runs; -v says so on stderr. Status: 124 on expiry (COMMAND's own with "+
			"--preserve-status; 137 when KILL was sent), 125 for bad usage, 126 when COMMAND cannot "+
			"run, 127 when it is not found, else COMMAND's. Unlike coreutils' timeout, COMMAND may be a "+
			"shell function or a builtin (`timeout 2 cat <&3', `timeout 5 my_fn'): it runs in the "+
			"current shell and expiry cancels it as if by the signal, leaving its fds open with any "+
			"unread input still readable. A program is started in its own process group (unless "+
			"--foreground) and the signal goes to that group.")
}

// timeoutOpts is a parsed timeout command line.
type timeoutOpts struct {
	sig        syscall.Signal
	killAfter  time.Duration // 0: no KILL follows
	verbose    bool
	preserve   bool
	foreground bool
	limit      time.Duration // 0: no limit
	args       []string      // COMMAND [ARG...]
}

// timeoutLong are timeout's long options in coreutils' order (which is
// the order an ambiguity lists them in).
var timeoutLong = []struct {
	name   string
	hasArg bool
}{
	{"kill-after", true}, {"signal", true}, {"verbose", false}, {"foreground", false},
	{"preserve-status", false}, {"help", false}, {"version", false},
}

// timeoutStatus are coreutils' exit statuses.
const (
	timeoutExpired  = 124
	timeoutCanceled = 125
	timeoutCannot   = 126
	timeoutNotFound = 127
)

// notUnderTimeout are builtins that make no sense as a timed command:
// timeout looks for a program of that name, as coreutils' would.
var notUnderTimeout = map[string]bool{
	"exit": true, "return": true, "break": true, "continue": true, "exec": true,
}

func bTimeout(ctx context.Context, c *Call) int {
	r := c.r
	stderr := c.Stderr()
	o, status, ok := r.parseTimeout(c, stderr)
	if !ok {
		return status
	}
	t := &timedRun{r: r, o: o, stderr: stderr, callText: r.callText()}
	name := o.args[0]
	if _, isFunc := r.funcs[name]; isFunc || r.builtin(name) != nil && !notUnderTimeout[name] {
		return t.inProcess(ctx, func(ctx context.Context) int { return r.dispatch(ctx, o.args) })
	}
	return t.program(ctx)
}

// parseTimeout parses timeout's arguments as coreutils does (options
// only before DURATION) and reports errors in its words. ok false means
// the builtin is done, with status.
func (r *Runner) parseTimeout(c *Call, stderr io.Writer) (o timeoutOpts, status int, ok bool) {
	o.sig = syscall.SIGTERM
	fail := func(msg string) (timeoutOpts, int, bool) {
		if msg != "" {
			io.WriteString(stderr, "timeout: "+msg+"\n")
		}
		io.WriteString(stderr, "Try 'timeout --help' for more information.\n")
		return o, timeoutCanceled, false
	}
	quote := func(s string) string { return duration.QuoteArg(s, r.utf8) }
	parseDur := func(s string) (time.Duration, string) {
		d, inf, err := duration.Parse(s)
		if err != nil {
			var pe *duration.ParseError
			if errors.As(err, &pe) {
				return 0, strings.TrimPrefix(pe.Message("timeout", r.utf8), "timeout: ")
			}
			return 0, err.Error()
		}
		if inf {
			return 0, ""
		}
		return d, ""
	}
	// apply handles one option with its argument.
	apply := func(name, arg string) string {
		switch name {
		case "kill-after":
			d, msg := parseDur(arg)
			o.killAfter = d
			return msg
		case "signal":
			sig, ok := timeoutSignalNum(arg)
			if !ok {
				return quote(arg) + ": invalid signal"
			}
			o.sig = sig
		case "verbose":
			o.verbose = true
		case "foreground":
			o.foreground = true
		case "preserve-status":
			o.preserve = true
		}
		return ""
	}
	args := c.Args
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		a := args[0]
		args = args[1:]
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "--") {
			name, arg, hasArg := strings.Cut(a[2:], "=")
			var matches []string
			full := ""
			for _, l := range timeoutLong {
				if l.name == name {
					matches, full = []string{l.name}, l.name
					break
				}
				if strings.HasPrefix(l.name, name) {
					matches = append(matches, l.name)
					full = l.name
				}
			}
			switch {
			case len(matches) == 0:
				return fail("unrecognized option '" + a + "'")
			case len(matches) > 1:
				return fail("option '" + a[:2+len(name)] + "' is ambiguous; possibilities: '--" + strings.Join(matches, "' '--") + "'")
			}
			needs := full == "kill-after" || full == "signal"
			switch {
			case hasArg && !needs:
				return fail("option '--" + full + "' doesn't allow an argument")
			case !hasArg && needs && len(args) == 0:
				return fail("option '--" + full + "' requires an argument")
			case !hasArg && needs:
				arg, args = args[0], args[1:]
			}
			switch full {
			case "help":
				io.WriteString(c, timeoutHelp)
				return o, 0, false
			case "version":
				fmt.Fprintf(c, "timeout (tcpsh %s)\n", Version)
				return o, 0, false
			}
			if msg := apply(full, arg); msg != "" {
				return fail(msg)
			}
			continue
		}
		for i := 1; i < len(a); i++ {
			switch f := a[i]; f {
			case 'v':
				o.verbose = true
			case 'k', 's':
				arg := a[i+1:]
				if arg == "" {
					if len(args) == 0 {
						return fail("option requires an argument -- '" + string(f) + "'")
					}
					arg, args = args[0], args[1:]
				}
				name := "kill-after"
				if f == 's' {
					name = "signal"
				}
				if msg := apply(name, arg); msg != "" {
					return fail(msg)
				}
				i = len(a)
			default:
				return fail("invalid option -- '" + string(f) + "'")
			}
		}
	}
	if len(args) < 2 {
		return fail("")
	}
	d, msg := parseDur(args[0])
	if msg != "" {
		return fail(msg)
	}
	o.limit, o.args = d, args[1:]
	return o, 0, true
}

// timeoutHelp is what timeout --help prints.
const timeoutHelp = `Usage: timeout [OPTION] DURATION COMMAND [ARG]...
Run COMMAND, and stop it if it is still running after DURATION.
COMMAND may be a program, a builtin or a shell function.

  -k, --kill-after=DUR   also send KILL if COMMAND still runs DUR after the signal
  -s, --signal=SIG       the signal to send on expiry (default TERM)
  -v, --verbose          say on stderr when a signal is sent
      --preserve-status  exit with COMMAND's status even when it timed out
      --foreground       do not start a program in a process group of its own
      --help             show this help and exit
      --version          show the version and exit

DURATION and DUR are numbers with an optional suffix s (seconds, the
default), m, h or d; 0 disables the limit.
Exit status: 124 when COMMAND timed out (unless --preserve-status; 137
when KILL was sent), 125 when timeout itself failed, 126 when COMMAND
cannot run, 127 when it is not found, else COMMAND's status.
`

// timedRun is one timeout run: the timers and what they did.
type timedRun struct {
	r        *Runner
	o        timeoutOpts
	stderr   io.Writer
	callText string // the timeout command line, for the "Killed" report

	mu       sync.Mutex
	finished bool           // the command is over: timers do nothing
	timedOut bool           // DURATION passed
	sentKill bool           // KILL was sent (-s KILL or -k)
	cancelBy syscall.Signal // the signal that cancelled an in-process command
	kill     *time.Timer
}

// start arms the timers: on expiry, signal is called with -s's signal,
// and with KILL after -k's delay. The returned func disarms them.
func (t *timedRun) start(signal func(syscall.Signal)) (stop func()) {
	if t.o.limit <= 0 {
		return func() {}
	}
	fire := func(sig syscall.Signal) bool {
		t.mu.Lock()
		defer t.mu.Unlock()
		if t.finished {
			return false
		}
		t.timedOut = true
		if sig == syscall.SIGKILL {
			t.sentKill = true
		}
		if t.o.verbose {
			io.WriteString(t.stderr, "timeout: sending signal "+timeoutSignalName(sig)+" to command "+
				duration.QuoteArg(t.o.args[0], t.r.utf8)+"\n")
		}
		signal(sig)
		return true
	}
	first := time.AfterFunc(t.o.limit, func() {
		if !fire(t.o.sig) || t.o.killAfter <= 0 {
			return
		}
		t.mu.Lock()
		if !t.finished {
			t.kill = time.AfterFunc(t.o.killAfter, func() { fire(syscall.SIGKILL) })
		}
		t.mu.Unlock()
	})
	return func() {
		first.Stop()
		t.mu.Lock()
		t.finished = true
		if t.kill != nil {
			t.kill.Stop()
		}
		t.mu.Unlock()
	}
}

// signalCause is the cause of a context cancelled by timeout's signal:
// programs started under it get that signal (see interruptSignal).
type signalCause struct{ sig syscall.Signal }

func (s *signalCause) Error() string { return "timeout: " + timeoutSignalName(s.sig) }

// interruptSignal is the signal for a program whose context was
// cancelled: timeout's signal when it did it, else SIGINT (Ctrl-C).
func interruptSignal(ctx context.Context) os.Signal {
	var sc *signalCause
	if errors.As(context.Cause(ctx), &sc) {
		return sc.sig
	}
	return os.Interrupt
}

// inProcess runs a function or builtin under the timeout: a signal
// whose default action ends a process cancels it (KILL too).
func (t *timedRun) inProcess(ctx context.Context, run func(context.Context) int) int {
	cctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stop := t.start(func(sig syscall.Signal) {
		if terminates(sig) {
			if t.cancelBy == 0 || sig == syscall.SIGKILL {
				t.cancelBy = sig
			}
			cancel(&signalCause{sig})
		}
	})
	status := run(cctx)
	stop()
	if !t.timedOut {
		return status
	}
	switch {
	case t.cancelBy == syscall.SIGKILL:
		return t.killed(int(syntheticPID.Add(1)))
	case t.o.preserve && t.cancelBy != 0:
		return 128 + int(t.cancelBy)
	case t.o.preserve:
		return status
	}
	return timeoutExpired
}

// killed is the status when KILL was sent: 137. Without --foreground
// coreutils' timeout is killed along with its process group, and the
// shell reports that as it reports any program killed by a signal.
func (t *timedRun) killed(pid int) int {
	r := t.r
	if t.o.foreground || r.bgJob {
		return 128 + int(syscall.SIGKILL)
	}
	desc := signalDescription(syscall.SIGKILL)
	if _, trapped := r.traps["KILL"]; trapped || r.sess.interactive {
		io.WriteString(r.out(2), desc+"\n")
	} else {
		prefix := r.errPrefix()
		if r.sess.cMode {
			prefix = r.errName + ": "
		}
		fmt.Fprintf(r.out(2), "%s%5d %-24s%s\n", prefix, pid, desc, t.callText)
	}
	return 128 + int(syscall.SIGKILL)
}

// failedToRun reports a program that cannot be started, as coreutils
// does, and returns 127 for a missing file, else 126.
func (t *timedRun) failedToRun(err error) int {
	io.WriteString(t.stderr, "timeout: failed to run command "+duration.QuoteArg(t.o.args[0], t.r.utf8)+": "+errnoText(err)+"\n")
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, errNotFound) {
		return timeoutNotFound
	}
	return timeoutCannot
}

// program runs an external command under the timeout, signalling its
// process group.
func (t *timedRun) program(ctx context.Context) int {
	r := t.r
	defer r.closeProcFDs()
	args := t.o.args
	if r.sess.noExternal {
		return t.failedToRun(syscall.ENOENT)
	}
	path, err := r.lookPath(args[0])
	switch {
	case errors.Is(err, errNotFound):
		return t.failedToRun(syscall.ENOENT)
	case errors.Is(err, syscall.EISDIR):
		return t.failedToRun(syscall.EACCES)
	case err != nil:
		return t.failedToRun(err)
	}
	cmd, release, err := r.newChild(path, args)
	defer release()
	if err != nil {
		r.errf("%s: %s", args[0], errnoText(err))
		return timeoutCannot
	}
	ownGroup(cmd, !t.o.foreground)
	if err := r.startChild(cmd); err != nil {
		if errors.Is(err, syscall.ENOEXEC) {
			// A text file without #!: tcpsh runs it itself, as bash does
			// (and as execvp hands it to /bin/sh).
			return t.inProcess(ctx, func(ctx context.Context) int { return r.runAsScript(ctx, path, args) })
		}
		return t.failedToRun(err)
	}
	if r.job != nil {
		r.job.reportPID(cmd.Process.Pid)
		r.job.addProc(cmd.Process)
	}
	group := !t.o.foreground
	stop := t.start(func(sig syscall.Signal) { signalProcess(cmd.Process, sig, group) })
	stopInt := context.AfterFunc(ctx, func() {
		signalProcess(cmd.Process, syscall.SIGINT, group)
		time.AfterFunc(2*time.Second, func() { signalProcess(cmd.Process, syscall.SIGKILL, group) })
	})
	err = cmd.Wait()
	stop()
	stopInt()
	status := exitStatus(cmd.ProcessState, err)
	preserve := t.o.preserve
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		if t.timedOut && ws.Signal() == syscall.SIGKILL {
			preserve = true
		} else if !t.timedOut {
			r.reportSignalDeath(cmd.ProcessState)
		}
	}
	if t.sentKill {
		return t.killed(cmd.Process.Pid)
	}
	if t.timedOut && !preserve {
		return timeoutExpired
	}
	return status
}
