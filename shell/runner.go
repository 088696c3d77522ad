package shell

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"tcpsh/fdtable"
	"tcpsh/redirect"
)

// Version is tcpsh's version, reported by --version and $TCPSH_VERSION.
const Version = "0.1.0"

// session holds what every Runner of one tcpsh process shares: it is set
// up by New and read-only afterwards, except for the fields documented as
// guarded by mu.
type session struct {
	calls       atomic.Int64 // function calls so far: Runner.callID
	start       time.Time
	pid         int
	dialer      redirect.Dialer
	stdio       [3]*os.File
	noExternal  bool
	interactive bool
	// cMode is set when the program is the argument of -c, which changes
	// a few of bash's messages and statuses.
	cMode bool
	// topName is the error name of a -c or stdin program, whose functions
	// bash says come from anonSource ("environment" or "main").
	topName, anonSource string

	jobs *jobTable

	// sandbox, when set (Sandbox option), confines files, dials and
	// process-wide actions to the session.
	sandbox *sandbox

	sig   sigState
	fatal atomic.Int32 // the signal whose default action ended the shell

	hist History // commands typed at the prompt (history.go)
}

// Runner interprets parsed shell programs for one shell context: the
// top-level session or a subshell. All its fields are unexported; a Runner
// is configured by Options in New and must not be used by two goroutines at
// once. Subshells get their own Runner through subshell.
type Runner struct {
	sess *session

	vars     *varStore
	intVars  map[string]bool
	funcs    map[string]*funcDef
	aliases  map[string]string
	disabled map[string]bool
	traps    map[string]string
	fds      *fdtable.Table
	dir      string
	params   []string
	name0    string

	opts   shellOpts
	shopts shellShopts

	// errName is the prefix of error messages ($0 for -c, the script's
	// path for a script, "tcpsh" for stdin); errLine says whether a line
	// number follows it.
	errName string
	errLine bool
	line    uint

	lastStatus int
	lastBgPID  int
	utf8       bool
	envDirty   bool
	envCache   []string

	// control flow
	exiting   bool
	exitCode  int
	returning bool
	breakN    int
	contN     int
	// loopDepth counts the loops around the running command, which
	// bounds break and continue.
	loopDepth  int
	funcNames  []string
	noErrExit  int
	inSubshell bool
	// pipeStatus and pipeStatusList are the statuses last stored in
	// PIPESTATUS and the list stored, so that setPipeStatus can skip
	// rebuilding an unchanged variable after every command.
	pipeStatus     []int
	pipeStatusList []string
	// procWaits are the background goroutines of process substitutions;
	// procFDs their fds, closed after the command that used them.
	procWaits []func()
	procFDs   []int

	lineOff        int
	sourcing       bool
	inTrap         bool
	bgJob          bool
	job            *job
	debugPanics    bool
	curCtx         context.Context
	cmdSubstStatus int
	getoptsInd     int
	getoptsPos     int
	pathCache      map[string]string
	pathCacheKey   string
	// hashed is bash's table of remembered program locations (the hash
	// builtin; builtin_hash.go), valid for the PATH in hashedPATH.
	hashed     map[string]*hashEntry
	hashedPATH string
	// inHereDoc is set while a here-document's body is expanded.
	inHereDoc bool
	// callID numbers the running function call (0: none; from
	// session.calls); returnTrapCall is the call that last set the
	// RETURN trap, which runs it as it returns.
	callID, returnTrapCall int
	// bashCmd is the simple command being run, for $BASH_COMMAND
	// (bashCommand), with the text it comes from; trapRuns counts the
	// traps running, during which it stays.
	bashCmd    *syntax.Stmt
	bashCmdSrc *srcText
	trapRuns   int

	// curCall is the simple command being run, for job messages.
	curCall *syntax.CallExpr
	// docs collects the here-documents of the redirection list being
	// applied under set -o crlf (crlf.go).
	docs *docBatch
	// frames parallels funcNames: where each function was called from and
	// the file that defined it (BASH_LINENO, BASH_SOURCE, caller);
	// scriptSource is the script's own entry ("" for -c and stdin).
	frames       []callFrame
	scriptSource string
	// src is the text of the program being run; traceLevel the depth of
	// eval, source and $(...) for set -x's PS4 prefix.
	src        *srcText
	traceLevel int

	// lineAborted is set by a failglob error: the rest of the top-level
	// line is skipped, as bash does.
	lineAborted bool

	// tenv is the Env of test, [ and [[ (test.go), made on first use.
	tenv testEnvCache
}

type shellOpts struct {
	errexit, nounset, xtrace, pipefail, noclobber, noglob, allexport, verbose, noexec, monitor bool
	// errtrace and functrace are set -E and -T; other holds the set -o
	// options tcpsh only records (see setOptions), each bit XOR its default.
	errtrace, functrace bool
	other               uint32
}

type shellShopts struct {
	nullglob, dotglob, extglob, expandAliases, globstar, nocaseglob, nocasematch, lastpipe, failglob bool
	// inheritErrexit is shopt inherit_errexit; other holds the shopt
	// options tcpsh only records (see shoptOptions), each bit XOR its default.
	inheritErrexit bool
	other          uint64
}

// Option configures a Runner in New.
type Option func(*Runner) error

// Stdio sets the process files behind fds 0, 1 and 2. Fds above 2 that the
// process inherited are imported into the table as well.
func Stdio(stdin, stdout, stderr *os.File) Option {
	return func(r *Runner) error {
		r.sess.stdio = [3]*os.File{stdin, stdout, stderr}
		return nil
	}
}

// Params sets $0 and the positional parameters.
func Params(name0 string, args ...string) Option {
	return func(r *Runner) error {
		r.name0 = name0
		r.params = args
		return nil
	}
}

// Env sets the initial environment, as "NAME=value" pairs; nil means the
// process's own.
func Env(pairs []string) Option {
	return func(r *Runner) error {
		for _, kv := range pairs {
			name, val, ok := strings.Cut(kv, "=")
			if !ok || !syntax.ValidName(name) {
				continue
			}
			r.vars.global[name] = expand.Variable{Set: true, Exported: true, Kind: expand.String, Str: val}
		}
		r.envDirty = true
		return nil
	}
}

// Dir sets the working directory; the default is the process's.
func Dir(dir string) Option {
	return func(r *Runner) error {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		r.dir = abs
		return nil
	}
}

// Dialer sets how /dev/tcp and /dev/udp connect; the zero value dials
// with net.Dialer.
func Dialer(d redirect.Dialer) Option {
	return func(r *Runner) error {
		r.sess.dialer = d
		return nil
	}
}

// Interactive makes the session behave as bash's interactive shell: error
// messages carry no line numbers, aliases expand, SIGTERM is ignored.
func Interactive(on bool) Option {
	return func(r *Runner) error {
		r.sess.interactive = on
		r.shopts.expandAliases = r.shopts.expandAliases || on
		r.errLine = !on
		return nil
	}
}

// ErrorName sets the name that prefixes error messages and whether a
// "line N:" part follows it.
func ErrorName(name string, withLine bool) Option {
	return func(r *Runner) error {
		r.errName = name
		r.errLine = withLine
		return nil
	}
}

// NoExternal disables running programs from PATH (for sandboxes).
func NoExternal() Option {
	return func(r *Runner) error {
		r.sess.noExternal = true
		return nil
	}
}

// SetOption turns on a `set -o` option by name, as the command line does.
func SetOption(name string, on bool) Option {
	return func(r *Runner) error {
		if !r.setOpt(name, on) {
			return fmt.Errorf("%s: invalid option name", name)
		}
		return nil
	}
}

// New returns a Runner for a new session. The caller must call Close when
// done with it.
func New(opts ...Option) (*Runner, error) {
	r := &Runner{
		sess:     &session{start: time.Now(), pid: os.Getpid(), jobs: newJobTable()},
		vars:     newVarStore(),
		intVars:  map[string]bool{},
		funcs:    map[string]*funcDef{},
		aliases:  map[string]string{},
		disabled: map[string]bool{},
		traps:    map[string]string{},
		name0:    "tcpsh",
		errName:  "tcpsh",
		errLine:  true,
	}
	r.sess.stdio = [3]*os.File{os.Stdin, os.Stdout, os.Stderr}
	envSet := false
	for _, o := range opts {
		if err := o(r); err != nil {
			return nil, err
		}
	}
	if err := r.sess.applySandbox(r); err != nil {
		return nil, err
	}
	for name := range r.vars.global {
		envSet = envSet || name != ""
	}
	if !envSet {
		if err := Env(os.Environ())(r); err != nil {
			return nil, err
		}
	}
	if r.dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		r.dir = wd
	}
	r.initVars()
	if r.fds == nil {
		r.fds = fdtable.Std(r.sess.stdio[0], r.sess.stdio[1], r.sess.stdio[2])
	}
	return r, nil
}

func (r *Runner) initVars() {
	set := r.setDefault
	r.vars.global["PWD"] = expand.Variable{Set: true, Exported: true, Kind: expand.String, Str: r.dir}
	set("IFS", " \t\n")
	set("PS4", "+ ")
	set("OPTIND", "1")
	set("PS1", `\s-\v\$ `)
	set("PS2", "> ")
	r.vars.global["TCPSH_VERSION"] = strVar(Version)
	r.setSystemVars()
	// PPID, UID and EUID are readonly integers, as in bash (scripts test
	// "$EUID" -ne 0 for root).
	for name, id := range map[string]int{"PPID": os.Getppid(), "UID": os.Getuid(), "EUID": os.Geteuid()} {
		r.vars.global[name] = expand.Variable{Set: true, Kind: expand.String, Str: fmt.Sprint(id), ReadOnly: true}
		r.intVars[name] = true
	}
	// SHLVL counts nested shells, exported as bash does.
	lvl, _ := r.evalArith(r.vars.get("SHLVL").String())
	r.vars.global["SHLVL"] = expand.Variable{Set: true, Exported: true, Kind: expand.String, Str: fmt.Sprint(lvl + 1)}
	r.updateLocale()
}

// setDefault gives a variable the shell sets at start-up its value, unless
// the environment already did.
func (r *Runner) setDefault(name, val string) {
	if !r.vars.get(name).IsSet() {
		r.vars.global[name] = strVar(val)
	}
}

// Close ends the session: it runs the EXIT trap, waits for nothing, and
// releases every channel in the fd table.
func (r *Runner) Close() {
	r.runExitTrap(context.Background())
	r.fds.ReleaseAll()
	r.sess.closeSandbox()
}

// Exited reports whether the `exit` builtin (or an error that ends the
// shell) has run, and the status to exit with.
func (r *Runner) Exited() (bool, int) { return r.exiting, r.exitCode }

// Status returns $?.
func (r *Runner) Status() int { return r.lastStatus }

// subshell returns a copy of r for a subshell, pipeline element, command
// substitution or background job. Keep in sync with the Runner fields.
func (r *Runner) subshell() *Runner {
	s := &Runner{
		sess:       r.sess,
		vars:       r.vars.copy(),
		intVars:    maps.Clone(r.intVars),
		funcs:      maps.Clone(r.funcs),
		lineOff:    r.lineOff,
		sourcing:   r.sourcing,
		curCtx:     r.curCtx,
		getoptsInd: r.getoptsInd,
		getoptsPos: r.getoptsPos,
		aliases:    maps.Clone(r.aliases),
		disabled:   maps.Clone(r.disabled),
		traps:      map[string]string{},
		fds:        r.fds.Clone(),
		dir:        r.dir,
		params:     r.params,
		name0:      r.name0,
		opts:       r.opts,
		shopts:     r.shopts,
		errName:    r.errName,
		errLine:    r.errLine,
		line:       r.line,
		lastStatus: r.lastStatus,
		lastBgPID:  r.lastBgPID,
		utf8:       r.utf8,
		envDirty:   r.envDirty,
		envCache:   r.envCache,
		funcNames:  slices.Clone(r.funcNames),
		frames:     slices.Clone(r.frames),

		scriptSource: r.scriptSource,
		src:          r.src.snapshot(),
		traceLevel:   r.traceLevel,
		noErrExit:    r.noErrExit,
		loopDepth:    r.loopDepth,
		hashed:       cloneHashed(r.hashed),
		hashedPATH:   r.hashedPATH,
		inSubshell:   true,
		bgJob:        r.bgJob,
		bashCmd:      r.bashCmd,
		bashCmdSrc:   r.bashCmdSrc,
	}
	// bash keeps ignored traps in subshells and resets the others.
	for sig, cmd := range r.traps {
		switch {
		case cmd == "":
			s.traps[sig] = ""
		case sig == "ERR" && r.opts.errtrace, (sig == "DEBUG" || sig == "RETURN") && r.opts.functrace:
			s.traps[sig] = cmd
		}
	}
	return s
}

// endSubshell releases what a subshell owns and returns its exit status.
func (r *Runner) endSubshell(ctx context.Context) int {
	r.runExitTrap(ctx)
	r.waitProcSubst()
	r.fds.ReleaseAll()
	if r.exiting {
		return r.exitCode
	}
	return r.lastStatus
}

func (r *Runner) runExitTrap(ctx context.Context) {
	cmd, ok := r.traps["EXIT"]
	if !ok || cmd == "" {
		return
	}
	delete(r.traps, "EXIT")
	code, exiting := r.exitCode, r.exiting
	r.exiting = false
	st := r.lastStatus
	if exiting {
		r.lastStatus = code
	}
	r.trapRuns++
	r.evalAt(ctx, cmd, "trap", 1)
	r.trapRuns--
	if !r.exiting {
		r.exiting, r.exitCode = exiting, code
		if !exiting {
			r.lastStatus = st
		}
	}
}

// stdout returns the channel at fd 1 as a writer; writes to a closed fd 1
// fail with EBADF.
func (r *Runner) out(fd int) io.Writer {
	ch, err := r.fds.Get(fd)
	if err != nil {
		return badWriter{err}
	}
	return ch
}

type badWriter struct{ err error }

func (b badWriter) Write([]byte) (int, error) { return 0, b.err }

// errf prints a bash-style error message to fd 2 with the session's
// prefix: "name: line N: msg".
func (r *Runner) errf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	io.WriteString(r.out(2), r.errPrefix()+msg+"\n")
}

func (r *Runner) errPrefix() string {
	if r.errLine && r.line > 0 {
		return fmt.Sprintf("%s: line %d: ", r.errName, r.line)
	}
	return r.errName + ": "
}

// absPath resolves p against the session's working directory.
func (r *Runner) absPath(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(r.dir, p)
}
