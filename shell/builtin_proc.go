package shell

import (
	"context"
	"errors"
	"fmt"
	"reflect"
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
	anyJob, pidVar := false, ""
	args, status, ok := builtinOpts(c, "wait [-fn] [-p var] [id ...]", "fn", "p", func(f byte, val string) bool {
		switch f {
		case 'n':
			anyJob = true
		case 'p':
			pidVar = val
		}
		return true
	})
	if !ok {
		return status
	}
	if pidVar != "" {
		r.unsetVar(pidVar)
	}
	if anyJob {
		return r.waitAny(ctx, c, args, pidVar)
	}
	if len(args) == 0 {
		for _, j := range r.ownJobs() {
			if _, ok := j.wait(ctx); !ok {
				return 130
			}
			r.sess.jobs.remove(j)
		}
		return 0
	}
	for _, a := range args {
		j, st := r.findJob(c, a)
		if j == nil {
			status = st
			continue
		}
		st, ok := j.wait(ctx)
		if !ok {
			return 130
		}
		status = st
		if pidVar != "" {
			r.setString(pidVar, itoa(j.pidKnown()))
		}
		r.sess.jobs.remove(j)
	}
	return status
}

// ownJobs lists the jobs this shell context started.
func (r *Runner) ownJobs() []*job {
	var out []*job
	for _, j := range r.sess.jobs.list() {
		if j.owner == r {
			out = append(out, j)
		}
	}
	return out
}

// findJob resolves a wait operand (a pid or %N); with no running job it
// reports the error and returns the status for it, or a remembered status
// (with a nil job) for a pid already waited for.
func (r *Runner) findJob(c *Call, a string) (*job, int) {
	jobs := r.sess.jobs
	if strings.HasPrefix(a, "%") {
		n, _ := strconv.Atoi(a[1:])
		for _, j := range jobs.list() {
			if j.id == n && n > 0 {
				return j, 0
			}
		}
		c.Errorf("%s: no such job", a)
		return nil, 127
	}
	pid, err := strconv.Atoi(a)
	if err != nil {
		c.Errorf("`%s': not a pid or valid job spec", a)
		return nil, 2
	}
	if j := jobs.byPID(pid); j != nil {
		return j, 0
	}
	if st, ok := jobs.reapedStatus(pid); ok {
		return nil, st
	}
	c.Errorf("pid %s is not a child of this shell", a)
	return nil, 127
}

// waitAny is wait -n: it waits for the next of the jobs (all of this
// shell's when ids is empty) to end and returns its status; 127 when
// there is none.
func (r *Runner) waitAny(ctx context.Context, c *Call, ids []string, pidVar string) int {
	var jobs []*job
	if len(ids) == 0 {
		jobs = r.ownJobs()
	} else {
		for _, a := range ids {
			if j, _ := r.findJob(c, a); j != nil {
				jobs = append(jobs, j)
			}
		}
	}
	if len(jobs) == 0 {
		return 127
	}
	cases := make([]reflect.SelectCase, 0, len(jobs)+1)
	for _, j := range jobs {
		cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(j.done)})
	}
	cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(ctx.Done())})
	i, _, _ := reflect.Select(cases)
	if i == len(jobs) {
		return 130
	}
	j := jobs[i]
	st, _ := j.wait(ctx)
	if pidVar != "" {
		r.setString(pidVar, itoa(j.pidKnown()))
	}
	r.sess.jobs.remove(j)
	return st
}

func bJobs(ctx context.Context, c *Call) int {
	r := c.r
	pidsOnly := false // the last of -l and -p wins
	_, status, ok := builtinOpts(c, "jobs [-lnprs] [jobspec ...] or jobs -x command [args]", "lnprs", "", func(f byte, _ string) bool {
		switch f {
		case 'l', 'p':
			pidsOnly = f == 'p'
		}
		return true
	})
	if !ok {
		return status
	}
	for _, j := range r.sess.jobs.list() {
		if j.owner != r || j.id < 0 {
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
			c.Errorf("%s: option requires an argument", args[0])
			return 1
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
		if err := r.sess.kill(pid, sig); err != nil {
			c.Errorf("(%s) - %s", a, errnoText(err))
			status = 1
		}
	}
	return status
}

// deliverToSelf handles `kill -SIG $$`: a trapped signal runs its trap;
// otherwise the default action ends the shell with 128+n.
func (r *Runner) deliverToSelf(ctx context.Context, sig syscall.Signal) bool {
	r.sess.sig.pending.Or(sigBit(sig))
	r.runPendingSignals(ctx)
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
		var names []string
		if len(args) > 1 {
			for _, a := range args[1:] {
				n, ok := trapName(a)
				if !ok {
					c.Errorf("%s: invalid signal specification", a)
					return 1
				}
				if _, set := r.traps[n]; set {
					names = append(names, n)
				}
			}
		} else {
			for n := range r.traps {
				names = append(names, n)
			}
			sort.Strings(names)
		}
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
		name, ok := trapName(s)
		if !ok {
			c.Errorf("%s: invalid signal specification", s)
			status = 1
			continue
		}
		if action == "-" {
			delete(r.traps, name)
		} else {
			r.traps[name] = action
			if name == "RETURN" {
				r.returnTrapCall = r.callID
			}
		}
		r.sess.notifyTraps(r)
	}
	return status
}

// trapName maps a trap's signal argument to the key of Runner.traps.
func trapName(s string) (string, bool) {
	name := strings.TrimPrefix(strings.ToUpper(s), "SIG")
	switch name {
	case "EXIT", "0":
		return "EXIT", true
	case "ERR", "DEBUG", "RETURN":
		return name, true
	}
	sig, ok := parseSignal(s)
	if !ok {
		return "", false
	}
	return signalName(sig), true
}

// runTrap runs the trap for a pseudo-signal: ERR, DEBUG or RETURN. Inside
// functions they run only under set -E (ERR) or set -T (DEBUG, RETURN),
// as bash does not inherit them otherwise.
func (r *Runner) runTrap(ctx context.Context, name string) {
	cmd, ok := r.traps[name]
	if !ok || cmd == "" || r.inTrap {
		return
	}
	if len(r.funcNames) > 0 {
		// A RETURN trap set while this call ran (by it or a call inside
		// it, whose ids are larger) fires as it returns: not inherited.
		own := name == "RETURN" && r.returnTrapCall >= r.callID
		if !own && ((name == "ERR" && !r.opts.errtrace) || (name != "ERR" && !r.opts.functrace)) {
			return
		}
	}
	r.inTrap = true
	st := r.lastStatus
	r.trapRuns++
	r.evalString(ctx, cmd, "trap")
	r.trapRuns--
	r.lastStatus = st
	r.inTrap = false
}

func bUlimit(ctx context.Context, c *Call) int {
	hard, soft := false, false
	which := byte('f')
	all := false
	args, status, ok := builtinOpts(c, "ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]", "HSabcdefiklmnpqrstuvxPRT", "", func(f byte, _ string) bool {
		switch f {
		case 'H':
			hard = true
		case 'S':
			soft = true
		case 'a':
			all = true
		default:
			which = f
		}
		return true
	})
	if !ok {
		return status
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
	if err := c.r.sess.setNoFileLimit(ns, nh); err != nil {
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

func bUmask(ctx context.Context, c *Call) int { return runUmask(ctx, c) }
