package shell

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"tcpsh/fdtable"
	"tcpsh/shell/internal/duration"
)

func bWait(ctx context.Context, c *Call) int {
	r := c.r
	jobs := r.sess.jobs
	args := c.Args
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		args = args[1:]
	}
	if len(args) == 0 {
		status := 0
		for _, j := range jobs.list() {
			if j.owner != r.jobOwner() {
				continue
			}
			st, ok := j.wait(ctx)
			if !ok {
				return 130
			}
			_ = st
			jobs.remove(j)
		}
		return status
	}
	status := 0
	for _, a := range args {
		var j *job
		if strings.HasPrefix(a, "%") {
			n, _ := strconv.Atoi(a[1:])
			for _, jj := range jobs.list() {
				if jj.id == n {
					j = jj
				}
			}
		} else {
			pid, err := strconv.Atoi(a)
			if err != nil {
				c.Errorf("`%s': not a pid or valid job spec", a)
				status = 2
				continue
			}
			j = jobs.byPID(pid)
		}
		if j == nil {
			c.Errorf("pid %s is not a child of this shell", a)
			status = 127
			continue
		}
		st, ok := j.wait(ctx)
		if !ok {
			return 130
		}
		status = st
		jobs.remove(j)
	}
	return status
}

func bJobs(ctx context.Context, c *Call) int {
	r := c.r
	pidsOnly := len(c.Args) > 0 && c.Args[0] == "-p"
	for _, j := range r.sess.jobs.list() {
		if j.owner != r.jobOwner() {
			continue
		}
		if pidsOnly {
			fmt.Fprintln(c, j.pidKnown())
			continue
		}
		state := "Running"
		if j.finished() {
			st, _ := j.wait(ctx)
			state = "Done"
			if st != 0 {
				state = fmt.Sprintf("Exit %d", st)
			}
		}
		fmt.Fprintf(c, "[%d]+  %-24s%s &\n", j.id, state, j.text)
	}
	return 0
}

// signals maps names (without SIG) to numbers for kill and trap.
var signals = map[string]syscall.Signal{
	"HUP": syscall.SIGHUP, "INT": syscall.SIGINT, "QUIT": syscall.SIGQUIT, "KILL": syscall.SIGKILL,
	"TERM": syscall.SIGTERM, "PIPE": syscall.SIGPIPE, "ALRM": syscall.SIGALRM, "USR1": sigUSR1,
	"USR2": sigUSR2, "CHLD": sigCHLD, "CONT": sigCONT, "STOP": sigSTOP, "TSTP": sigTSTP,
	"WINCH": sigWINCH, "ABRT": syscall.SIGABRT,
}

// parseSignal accepts "TERM", "SIGTERM", "15", case-insensitively.
func parseSignal(s string) (syscall.Signal, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return syscall.Signal(n), n >= 0 && n < 65
	}
	s = strings.TrimPrefix(strings.ToUpper(s), "SIG")
	sig, ok := signals[s]
	return sig, ok
}

func signalName(sig syscall.Signal) string {
	for n, s := range signals {
		if s == sig {
			return n
		}
	}
	return strconv.Itoa(int(sig))
}

func bKill(ctx context.Context, c *Call) int {
	r := c.r
	args := c.Args
	sig := syscall.SIGTERM
	if len(args) == 0 {
		return c.Usage("kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]")
	}
	switch {
	case args[0] == "-l" || args[0] == "-L":
		if len(args) > 1 {
			for _, a := range args[1:] {
				n, err := strconv.Atoi(a)
				if err != nil {
					s, ok := parseSignal(a)
					if !ok {
						c.Errorf("%s: invalid signal specification", a)
						return 1
					}
					fmt.Fprintln(c, int(s))
					continue
				}
				if n > 128 {
					n -= 128
				}
				fmt.Fprintln(c, signalName(syscall.Signal(n)))
			}
			return 0
		}
		names := make([]string, 0, len(signals))
		for n := range signals {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool { return signals[names[i]] < signals[names[j]] })
		for _, n := range names {
			fmt.Fprintf(c, "%2d) SIG%s\n", int(signals[n]), n)
		}
		return 0
	case args[0] == "-s" || args[0] == "-n":
		if len(args) < 2 {
			return c.Usage("kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]")
		}
		s, ok := parseSignal(args[1])
		if !ok {
			c.Errorf("%s: invalid signal specification", args[1])
			return 1
		}
		sig, args = s, args[2:]
	case strings.HasPrefix(args[0], "-") && len(args[0]) > 1 && args[0] != "--":
		s, ok := parseSignal(args[0][1:])
		if !ok {
			c.Errorf("%s: invalid signal specification", args[0][1:])
			return 1
		}
		sig, args = s, args[1:]
	}
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	status := 0
	for _, a := range args {
		if strings.HasPrefix(a, "%") {
			n, _ := strconv.Atoi(a[1:])
			found := false
			for _, j := range r.sess.jobs.list() {
				if j.id == n {
					found = true
					if sig != 0 {
						j.signal(sig)
					}
				}
			}
			if !found {
				c.Errorf("%s: no such job", a)
				status = 1
			}
			continue
		}
		pid, err := strconv.Atoi(a)
		if err != nil {
			c.Errorf("%s: arguments must be process or job IDs", a)
			status = 1
			continue
		}
		if j := r.sess.jobs.byPID(pid); j != nil && pid >= 1<<22 {
			if sig != 0 {
				j.signal(sig)
			}
			continue
		}
		if pid == r.sess.pid && sig != 0 {
			if r.deliverToSelf(ctx, sig) {
				continue
			}
		}
		if err := syscall.Kill(pid, sig); err != nil {
			c.Errorf("(%s) - %s", a, errnoText(err))
			status = 1
		}
	}
	return status
}

// deliverToSelf handles `kill -SIG $$`: a trapped signal runs its trap;
// otherwise the default action ends the shell with 128+n.
func (r *Runner) deliverToSelf(ctx context.Context, sig syscall.Signal) bool {
	name := signalName(sig)
	if cmd, ok := r.traps[name]; ok {
		if cmd != "" {
			r.evalString(ctx, cmd, "trap")
		}
		return true
	}
	switch sig {
	case sigCHLD, sigWINCH, sigCONT:
		return true
	}
	r.exiting, r.exitCode = true, 128+int(sig)
	return true
}

func bSleep(ctx context.Context, c *Call) int {
	if len(c.Args) == 0 {
		fmt.Fprintf(c.Stderr(), "sleep: missing operand\nTry 'sleep --help' for more information.\n")
		return 1
	}
	var total time.Duration
	inf := false
	for _, a := range c.Args {
		if strings.HasPrefix(a, "-") && len(a) > 1 && (a[1] < '0' || a[1] > '9') && a[1] != '.' {
			return c.r.external(ctx, append([]string{"sleep"}, c.Args...))
		}
		d, infinite, err := duration.Parse(a)
		if err != nil {
			var pe *duration.ParseError
			msg := "sleep: " + err.Error()
			if errors.As(err, &pe) {
				msg = pe.Message("sleep", c.r.utf8)
			}
			fmt.Fprintf(c.Stderr(), "%s\nTry 'sleep --help' for more information.\n", msg)
			return 1
		}
		inf = inf || infinite
		total += d
	}
	if inf {
		<-ctx.Done()
		return 130
	}
	t := time.NewTimer(total)
	defer t.Stop()
	select {
	case <-t.C:
		return 0
	case <-ctx.Done():
		return 130
	}
}

func bTrap(ctx context.Context, c *Call) int {
	r := c.r
	args := c.Args
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 || args[0] == "-p" {
		names := make([]string, 0, len(r.traps))
		for n := range r.traps {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			label := n
			if n != "EXIT" && n != "ERR" && n != "DEBUG" && n != "RETURN" {
				label = "SIG" + n
			}
			fmt.Fprintf(c, "trap -- %s %s\n", shellQuoteAlias(r.traps[n]), label)
		}
		return 0
	}
	if args[0] == "-l" {
		return bKill(ctx, &Call{r: r, Name: "kill", Args: []string{"-l"}})
	}
	action := args[0]
	sigs := args[1:]
	if len(sigs) == 0 {
		// trap SIG: reset.
		sigs, action = args, "-"
	}
	if _, err := strconv.Atoi(action); err == nil && len(args) >= 1 {
		// trap 2 3: reset those signals.
		sigs, action = args, "-"
	}
	status := 0
	for _, s := range sigs {
		name := strings.TrimPrefix(strings.ToUpper(s), "SIG")
		switch name {
		case "EXIT", "0":
			name = "EXIT"
		case "ERR", "DEBUG", "RETURN":
		default:
			sig, ok := parseSignal(s)
			if !ok {
				c.Errorf("%s: invalid signal specification", s)
				status = 1
				continue
			}
			name = signalName(sig)
		}
		if action == "-" {
			delete(r.traps, name)
		} else {
			r.traps[name] = action
		}
		r.sess.notifyTraps(r)
	}
	return status
}

// runTrap runs the trap for a pseudo-signal such as ERR.
func (r *Runner) runTrap(ctx context.Context, name string) {
	cmd, ok := r.traps[name]
	if !ok || cmd == "" || r.inTrap {
		return
	}
	r.inTrap = true
	st := r.lastStatus
	r.evalString(ctx, cmd, "trap")
	r.lastStatus = st
	r.inTrap = false
}

func bUlimit(ctx context.Context, c *Call) int {
	args := c.Args
	hard, soft := false, false
	which := 'f'
	all := false
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && len(args[0]) > 1 {
		for _, f := range args[0][1:] {
			switch f {
			case 'H':
				hard = true
			case 'S':
				soft = true
			case 'a':
				all = true
			case 'n', 'f':
				which = f
			default:
				which = f
			}
		}
		args = args[1:]
	}
	if all {
		s, h, _ := fdtable.NoFileLimit()
		_ = h
		fmt.Fprintf(c, "open files                          (-n) %d\n", s)
		return 0
	}
	if which != 'n' {
		if len(args) == 0 {
			fmt.Fprintln(c, "unlimited")
		}
		return 0
	}
	s, h, err := fdtable.NoFileLimit()
	if err != nil {
		c.Errorf("open files: %v", err)
		return 1
	}
	if len(args) == 0 {
		if hard && !soft {
			fmt.Fprintln(c, limitText(h))
		} else {
			fmt.Fprintln(c, limitText(s))
		}
		return 0
	}
	var n uint64
	switch args[0] {
	case "unlimited", "hard":
		n = h
	case "soft":
		n = s
	default:
		v, err := strconv.ParseUint(args[0], 10, 64)
		if err != nil {
			c.Errorf("%s: invalid number", args[0])
			return 1
		}
		n = v
	}
	ns, nh := s, h
	if !hard || soft {
		ns = n
	}
	if hard {
		nh = n
	}
	if ns > nh {
		c.Errorf("open files: cannot modify limit: Invalid argument")
		return 1
	}
	if err := fdtable.SetNoFileLimit(ns, nh); err != nil {
		c.Errorf("open files: cannot modify limit: %s", errnoText(err))
		return 1
	}
	return 0
}

func limitText(n uint64) string {
	if n == ^uint64(0) {
		return "unlimited"
	}
	return strconv.FormatUint(n, 10)
}

func bUmask(ctx context.Context, c *Call) int {
	args := c.Args
	symbolic := false
	if len(args) > 0 && args[0] == "-S" {
		symbolic = true
		args = args[1:]
	}
	if len(args) == 0 {
		m := getUmask()
		if symbolic {
			perm := func(shift uint) string {
				v := ^(m >> shift) & 7
				s := ""
				if v&4 != 0 {
					s += "r"
				}
				if v&2 != 0 {
					s += "w"
				}
				if v&1 != 0 {
					s += "x"
				}
				return s
			}
			fmt.Fprintf(c, "u=%s,g=%s,o=%s\n", perm(6), perm(3), perm(0))
			return 0
		}
		fmt.Fprintf(c, "%04o\n", m)
		return 0
	}
	v, err := strconv.ParseUint(args[0], 8, 32)
	if err != nil {
		c.Errorf("%s: octal number out of range", args[0])
		return 1
	}
	setUmask(int(v))
	return 0
}

func bHelp(ctx context.Context, c *Call) int {
	if len(c.Args) > 0 {
		for _, a := range c.Args {
			if _, ok := builtins[a]; !ok {
				c.Errorf("no help topics match `%s'.  Try `help help' or `man -k %s' or `info %s'.", a, a, a)
				return 1
			}
			fmt.Fprintf(c, "%s: a tcpsh builtin. See README.md for its options.\n", a)
		}
		return 0
	}
	fmt.Fprintf(c, "tcpsh, version %s\nThese shell commands are defined internally. Type `help name' to find out more about the function `name'.\n\n", tcpshVersion())
	names := make([]string, 0, len(builtins))
	for n := range builtins {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(c, strings.Join(names, " "))
	return 0
}

func tcpshVersion() string { return Version }

var _ = os.Getpid
