package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"github.com/chzyer/readline"

	"tcpsh/shell"
)

// cliOpts is what the command line asked for.
type cliOpts struct {
	command     string
	hasCommand  bool
	stdinScript bool
	noExec      bool
	interactive bool
	forceInter  bool
	norc        bool
	rcfile      string
	setOpts     []setOpt
	listOpts    string // "-o" or "+o" given without a name: list the options
	args        []string
}

type setOpt struct {
	name string
	on   bool
}

var letterOpts = map[byte]string{
	'e': "errexit", 'u': "nounset", 'x': "xtrace", 'f': "noglob", 'C': "noclobber",
	'a': "allexport", 'v': "verbose", 'm': "monitor",
}

const usage = `Usage:	tcpsh [option] ...
	tcpsh [option] script-file [argument ...]
	tcpsh [option] -c command-string [name [argument ...]]
Options:
	-c	read commands from the first argument
	-s	read commands from standard input (arguments become $1...)
	-i	interactive
	-n	check syntax only
	-e -u -x -f -C -a -v	as set -e, -u, ...
	-o option	as set -o option
	--norc, --rcfile FILE, --version, --help
`

// parseArgs parses bash's command line.
func parseArgs(args []string) (cliOpts, error) {
	var o cliOpts
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--" || a == "-":
			args = args[1:]
			o.args = args
			return o, nil
		case a == "--version", a == "--help", a == "--norc", a == "--noprofile", a == "--login", a == "--posix":
			switch a {
			case "--norc":
				o.norc = true
			case "--version":
				return o, errVersion
			case "--help":
				return o, errHelp
			}
			args = args[1:]
		case a == "--rcfile" || a == "--init-file":
			if len(args) < 2 {
				// bash names the option without its dashes and prints
				// no usage here.
				return o, plainError(strings.TrimLeft(a, "-") + ": option requires an argument")
			}
			o.rcfile = args[1]
			args = args[2:]
		case strings.HasPrefix(a, "--"):
			return o, fmt.Errorf("%s: invalid option", a)
		case len(a) > 1 && (a[0] == '-' || a[0] == '+'):
			on := a[0] == '-'
			args = args[1:]
			for i := 1; i < len(a); i++ {
				switch c := a[i]; c {
				case 'c':
					o.hasCommand = true
				case 's':
					o.stdinScript = true
				case 'n':
					o.noExec = true
				case 'i':
					o.forceInter = true
				case 'l', 'r', 'p', 'h', 'B', 'H', 'P', 'T', 'E', 'b', 'k', 't':
				case 'o':
					if len(args) == 0 {
						// bash lists the options, as `set -o` or `set +o`.
						o.listOpts = string(a[0]) + "o"
						continue
					}
					if !shell.IsOption(args[0]) {
						return o, plainError(args[0] + ": invalid option name")
					}
					o.setOpts = append(o.setOpts, setOpt{args[0], on})
					args = args[1:]
				default:
					name, ok := letterOpts[c]
					if !ok {
						return o, fmt.Errorf("-%c: invalid option", c)
					}
					o.setOpts = append(o.setOpts, setOpt{name, on})
				}
			}
		default:
			o.args = args
			return o, nil
		}
	}
	return o, nil
}

// plainError is a command-line error that bash reports without the
// usage text.
type plainError string

func (e plainError) Error() string { return string(e) }

var (
	errVersion = fmt.Errorf("version")
	errHelp    = fmt.Errorf("help")
)

// run is tcpsh's main: it returns the exit status.
func run(args []string, stdin, stdout, stderr *os.File) int {
	o, err := parseArgs(args)
	switch err {
	case nil:
	case errVersion:
		fmt.Fprintf(stdout, "tcpsh, version %s\n", shell.Version)
		return 0
	case errHelp:
		io.WriteString(stdout, usage)
		return 0
	default:
		if _, ok := err.(plainError); ok {
			fmt.Fprintf(stderr, "tcpsh: %v\n", err)
			return 2
		}
		fmt.Fprintf(stderr, "tcpsh: %v\n%s", err, usage)
		return 2
	}
	if o.hasCommand {
		if len(o.args) == 0 {
			fmt.Fprintln(stderr, "tcpsh: -c: option requires an argument")
			return 2
		}
		o.command, o.args = o.args[0], o.args[1:]
	}

	opts := []shell.Option{shell.Stdio(stdin, stdout, stderr)}
	var script string
	var scriptName string
	switch {
	case o.hasCommand:
		name0 := "tcpsh"
		params := o.args
		if len(params) > 0 {
			name0, params = params[0], params[1:]
		}
		opts = append(opts, shell.Params(name0, params...), shell.ErrorName(name0, true))
	case len(o.args) > 0 && !o.stdinScript:
		scriptName = o.args[0]
		data, err := os.ReadFile(scriptName)
		switch {
		case errors.Is(err, syscall.EISDIR):
			// bash names the script twice here.
			fmt.Fprintf(stderr, "%s: %s: %s\n", scriptName, scriptName, shell.Strerror(err))
			return 126
		case errors.Is(err, fs.ErrPermission):
			fmt.Fprintf(stderr, "tcpsh: %s: %s\n", scriptName, shell.Strerror(err))
			return 126
		case err != nil:
			fmt.Fprintf(stderr, "tcpsh: %s: %s\n", scriptName, shell.Strerror(err))
			return 127
		}
		script = string(data)
		opts = append(opts, shell.Params(scriptName, o.args[1:]...), shell.ErrorName(scriptName, true))
	default:
		o.interactive = o.forceInter || (isTerminal(stdin) && isTerminal(stderr))
		opts = append(opts, shell.Params("tcpsh", o.args...))
		if o.interactive {
			opts = append(opts, shell.Interactive(true))
		}
	}
	for _, so := range o.setOpts {
		opts = append(opts, shell.SetOption(so.name, so.on))
	}
	r, err := shell.New(opts...)
	if err != nil {
		fmt.Fprintf(stderr, "tcpsh: %v\n", err)
		return 2
	}

	ctx, stop := signalContext(r, o.interactive)
	defer stop()
	if o.listOpts != "" {
		r.ListOptions(stdout, o.listOpts == "-o")
	}
	var status int
	switch {
	case o.noExec:
		src := o.command
		mode := shell.ModeString
		if !o.hasCommand {
			src, mode = script, shell.ModeScript
			if scriptName == "" {
				data, _ := io.ReadAll(stdin)
				src = string(data)
			}
		}
		status = r.CheckSyntax(src, mode)
		return status
	case o.hasCommand:
		status = r.RunString(ctx.current(), o.command)
	case scriptName != "":
		status = r.RunScript(ctx.current(), script)
	case o.interactive:
		status = repl(ctx, r, o, stdin, stderr)
	default:
		status = r.RunStdin(ctx.current())
	}
	// Close runs the EXIT trap, whose exit may change the status; an exit
	// before it stays in force otherwise.
	r.Close()
	if exited, code := r.Exited(); exited {
		status = code
	}
	if sig := r.FatalSignal(); sig != 0 {
		// Die of the signal, as bash does, so that callers see it.
		stop()
		raise(sig)
	}
	return status
}

func isTerminal(f *os.File) bool { return readline.IsTerminal(int(f.Fd())) }

// sigContext hands out the context of the command being run. Signals go
// to the shell (Runner.Signal), which runs traps; when it says so, the
// running program is interrupted by cancelling the context.
type sigContext struct {
	mu     sync.Mutex
	cancel context.CancelFunc
	ctx    context.Context
	sigs   chan os.Signal
	// onSignal, when set, is called after each signal went to the
	// shell (the REPL closes its prompt on SIGHUP).
	onSignal func(sig os.Signal, interrupted bool)
}

// signalContext starts passing signals to r. Signals are handled, never
// ignored (children would inherit that). SIGPIPE is handled so that a
// write to a closed pipe returns EPIPE, which the shell turns into bash's
// behaviour per channel. A non-interactive shell starts with
// shell.StartSignals and adds the others when the shell says so (its first
// trap, its first foreground program: Runner.OnWatchSignals): each
// signal costs a round trip to the runtime's signal thread at start-up,
// and until then INT, TERM and HUP keep their default action (the process
// dies of them), which is bash's. Where it can (kernelDefaults), it gives
// the start signals other than SIGPIPE bash's disposition in the kernel
// instead of notifying them, and starts the goroutine that passes
// signals on only when there is one to pass. The returned stop ends that
// goroutine; it leaves the signals registered (signal.Stop would wait for
// the runtime's signal thread once more per signal), so that the process,
// about to exit, still ignores SIGPIPE.
func signalContext(r *shell.Runner, interactive bool) (*sigContext, func()) {
	s := &sigContext{sigs: make(chan os.Signal, 8)}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	done := make(chan struct{})
	var loopOnce sync.Once
	startLoop := func(stale bool) {
		loopOnce.Do(func() {
			// SIGPIPEs notified before the first trap are stale: a PIPE
			// trap set now must not run for them.
			for stale && len(s.sigs) > 0 {
				<-s.sigs
			}
			go s.loop(r, done)
		})
	}
	if interactive {
		startLoop(false)
		signal.Notify(s.sigs, append([]os.Signal{syscall.SIGPIPE}, shell.WatchedSignals...)...)
	} else {
		rest, restore := kernelDefaults(shell.StartSignals)
		if len(rest) > 1 || len(rest) == 1 && rest[0] != syscall.SIGPIPE {
			startLoop(false)
		}
		// Until then only SIGPIPE is notified, and Runner.Signal does
		// nothing with it: the channel may fill up and drop it.
		signal.Notify(s.sigs, rest...)
		r.OnWatchSignals(func() {
			startLoop(true)
			if restore != nil {
				restore()
			}
			signal.Notify(s.sigs, shell.WatchedSignals...)
		})
	}
	var once sync.Once
	return s, func() {
		once.Do(func() { close(done) })
	}
}

// loop passes signals to r until done is closed.
func (s *sigContext) loop(r *shell.Runner, done chan struct{}) {
	for {
		select {
		case sig := <-s.sigs:
			interrupted := r.Signal(sig)
			s.mu.Lock()
			if interrupted {
				s.cancel()
			}
			hook := s.onSignal
			s.mu.Unlock()
			if hook != nil {
				hook(sig, interrupted)
			}
		case <-done:
			return
		}
	}
}

// current returns a context for the next command.
func (s *sigContext) current() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ctx
}

// reset makes a fresh context after an interrupt (REPL only).
func (s *sigContext) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ctx.Err() != nil {
		s.ctx, s.cancel = context.WithCancel(context.Background())
	}
}
