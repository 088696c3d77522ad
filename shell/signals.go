package shell

import (
	"context"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// WatchedSignals are the signals the front end should pass to
// Runner.Signal (with signal.Notify, never signal.Ignore, whose
// disposition children would inherit): the ones a script can trap, whose
// default action tcpsh then emulates. An interactive front end watches
// them from the start; a non-interactive one may start with StartSignals
// and add these when OnWatchSignals says so.
var WatchedSignals = []os.Signal{
	syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT,
	sigUSR1, sigUSR2, syscall.SIGALRM,
}

// StartSignals are the signals a non-interactive front end must pass to
// Runner.Signal from its first instruction. SIGPIPE makes a write to a
// closed pipe on OS fd 1 or 2 return EPIPE (the Go runtime would kill the
// whole process); the others are those whose Go default differs from
// bash's: QUIT (bash ignores it, Go exits with a goroutine dump), USR1,
// USR2 and ALRM (bash dies of them, Go ignores them). Untrapped INT, TERM
// and HUP can keep their default action, which is bash's: the process
// dies of the signal. Each signal passed to signal.Notify costs a round
// trip to the runtime's signal-mask thread at start-up, so they are
// watched only once a trap or a program needs them (OnWatchSignals).
var StartSignals = []os.Signal{
	syscall.SIGPIPE, syscall.SIGQUIT, sigUSR1, sigUSR2, syscall.SIGALRM,
}

// OnWatchSignals sets fn, which the shell calls once, when the front end
// must start passing all of WatchedSignals to Signal: as the first trap
// for a signal or for EXIT is set or ignored (an EXIT trap must run when a
// signal ends the shell), or before the first foreground program starts
// (the shell waits for it when Ctrl-C reaches both). It may be called
// from any goroutine running a part of the session, and must have called
// signal.Notify when it returns. Without OnWatchSignals the shell assumes
// that WatchedSignals are watched from the start.
func (r *Runner) OnWatchSignals(fn func()) {
	st := &r.sess.sig
	st.watchMu.Lock()
	defer st.watchMu.Unlock()
	st.watchHook = fn
	st.partial.Store(fn != nil)
}

// sigState is the part of a session that the signal-handling goroutine
// shares with the goroutine running the top-level shell. Everything in it
// is safe for concurrent use.
type sigState struct {
	// trapped and ignored have bit n set when signal n has a trap
	// (`trap CMD SIG`) or is ignored (`trap '' SIG`) in the top-level
	// shell; notifyTraps keeps them in sync with the trap table.
	trapped, ignored atomic.Uint64
	// pending has bit n set when signal n arrived and its trap or
	// default action has not run yet.
	pending atomic.Uint64

	mu sync.Mutex
	// cancelCmd interrupts the simple command the top-level shell is
	// running while an INT trap is set.
	cancelCmd context.CancelFunc
	// watchHook, set by OnWatchSignals, asks the front end to watch
	// WatchedSignals; partial is true until it has run (only
	// StartSignals are watched meanwhile). watchMu serialises the two.
	watchMu   sync.Mutex
	watchHook func()
	partial   atomic.Bool
}

// watchAll makes sure the front end passes every one of WatchedSignals to
// Signal; when it returns, they are watched.
func (st *sigState) watchAll() {
	if !st.partial.Load() {
		return
	}
	st.watchMu.Lock()
	defer st.watchMu.Unlock()
	if st.watchHook != nil {
		st.watchHook()
		st.watchHook = nil
	}
	st.partial.Store(false)
}

// watchForChild makes sure the front end watches every signal before a
// foreground program starts. A terminal's Ctrl-C reaches the program too;
// left to its default action, INT would end the shell at once and leave
// the program running in the foreground, where bash waits for it to end.
func (r *Runner) watchForChild() {
	if !r.bgJob {
		r.sess.sig.watchAll()
	}
}

// watching reports whether the front end passes sig to Signal.
func (st *sigState) watching(sig syscall.Signal) bool {
	if !st.partial.Load() {
		return true
	}
	for _, s := range StartSignals {
		if s == sig {
			return true
		}
	}
	return false
}

func sigBit(sig syscall.Signal) uint64 { return 1 << uint(sig&63) }

// notifyTraps records which signals the top-level shell traps or ignores.
// Subshells run in goroutines of this process, so only the top level
// decides what a signal to the process does.
func (s *session) notifyTraps(r *Runner) {
	if r.inSubshell {
		return
	}
	var trapped, ignored uint64
	exitTrap := false
	for name, cmd := range r.traps {
		sig, ok := signals[name]
		if !ok {
			exitTrap = exitTrap || name == "EXIT"
			continue
		}
		if cmd == "" {
			ignored |= sigBit(sig)
		} else {
			trapped |= sigBit(sig)
		}
	}
	if trapped|ignored != 0 || exitTrap {
		s.sig.watchAll()
	}
	s.sig.trapped.Store(trapped)
	s.sig.ignored.Store(ignored)
}

// Signal tells the session that sig arrived; it may be called from any
// goroutine. A trapped signal runs its trap after the current command (a
// trapped INT also interrupts that command, as the terminal's INT kills
// bash's foreground child); an ignored one is dropped. It returns true
// when the caller must interrupt the whole running program: an untrapped
// INT, or (outside the interactive shell) another fatal signal, whose
// default action the shell then carries out (see FatalSignal).
func (r *Runner) Signal(sig os.Signal) bool {
	ss, ok := sig.(syscall.Signal)
	if !ok {
		return false
	}
	st := &r.sess.sig
	bit := sigBit(ss)
	switch {
	case st.ignored.Load()&bit != 0:
		return false
	case st.trapped.Load()&bit != 0:
		st.pending.Or(bit)
		if ss == syscall.SIGINT {
			st.mu.Lock()
			if st.cancelCmd != nil {
				st.cancelCmd()
			}
			st.mu.Unlock()
		}
		return false
	}
	switch ss {
	case syscall.SIGPIPE:
		return false // writes see EPIPE; the shell decides per channel
	case syscall.SIGINT:
		if !r.sess.interactive {
			st.pending.Or(bit)
		}
		return true
	case syscall.SIGQUIT:
		return false // bash ignores it, interactive or not
	case syscall.SIGTERM:
		if r.sess.interactive {
			return false // bash's interactive shell ignores it
		}
	}
	st.pending.Or(bit)
	return true
}

// runPendingSignals runs the traps of signals that arrived, or carries out
// the default action of a fatal one by ending the shell. Only the
// top-level shell does this.
func (r *Runner) runPendingSignals(ctx context.Context) {
	if r.inSubshell {
		return
	}
	pending := r.sess.sig.pending.Swap(0)
	if pending == 0 {
		return
	}
	for sig := syscall.Signal(1); sig < 64; sig++ {
		if pending&sigBit(sig) == 0 {
			continue
		}
		name := signalName(sig)
		if cmd, ok := r.traps[name]; ok {
			if cmd != "" {
				st := r.lastStatus
				r.trapRuns++
				r.evalAt(context.WithoutCancel(ctx), cmd, "trap", 1)
				r.trapRuns--
				if !r.exiting {
					r.lastStatus = st
				}
			}
			continue
		}
		switch {
		case sig == syscall.SIGINT && r.sess.interactive,
			sig == sigCHLD, sig == sigWINCH, sig == sigCONT, sig == syscall.SIGPIPE,
			sig == syscall.SIGQUIT:
			continue // not fatal here (bash ignores QUIT)
		}
		if !r.exiting {
			r.exiting, r.exitCode = true, 128+int(sig)
			r.sess.fatal.Store(int32(sig))
		}
	}
}

// ownSigintWait bounds how long awaitOwnSigint waits.
const ownSigintWait = 250 * time.Millisecond

// awaitOwnSigint is called after a foreground program ended. When it died
// of SIGINT, the terminal's Ctrl-C most likely reached the shell too, but
// Go hands the shell its copy through a goroutine, so it may not have
// been recorded yet. Waiting for it (briefly) makes the trap run, or the
// shell die, right after this command, as in bash, where the signal
// handler has run before waitpid returns.
func (r *Runner) awaitOwnSigint(ctx context.Context, ps *os.ProcessState) {
	if ps == nil || r.bgJob {
		return
	}
	ws, ok := ps.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGINT {
		return
	}
	st := &r.sess.sig
	if !st.watching(syscall.SIGINT) {
		return // an INT to the shell would have ended it: none came
	}
	bit := sigBit(syscall.SIGINT)
	st.awaitCopy(ownSigintWait, func() bool {
		return st.pending.Load()&bit != 0 || st.ignored.Load()&bit != 0 || ctx.Err() != nil
	})
}

// awaitCopy polls done every millisecond for up to wait and reports
// whether it became true: the shell's own copy of a signal reaches it
// through Go's signal goroutine, possibly after the child's death.
func (st *sigState) awaitCopy(wait time.Duration, done func() bool) bool {
	for deadline := time.Now().Add(wait); ; time.Sleep(time.Millisecond) {
		if done() {
			return true
		}
		if !time.Now().Before(deadline) {
			return false
		}
	}
}

// ownFatalWait bounds how long dyingWith waits for the shell's own copy of
// a signal.
const ownFatalWait = 20 * time.Millisecond

// dyingWith reports whether the non-interactive shell got sig itself,
// untrapped, along with the foreground program that died of it (timeout
// and service managers signal the whole process group): bash dies of it
// at once then and says nothing of the program, so neither does tcpsh. Go
// hands the shell its copy through a goroutine: it waits briefly for it.
func (r *Runner) dyingWith(sig syscall.Signal) bool {
	st := &r.sess.sig
	bit := sigBit(sig)
	if r.sess.interactive || !terminates(sig) || sig == syscall.SIGQUIT || !st.watching(sig) ||
		st.trapped.Load()&bit != 0 || st.ignored.Load()&bit != 0 {
		return false
	}
	return st.awaitCopy(ownFatalWait, func() bool { return st.pending.Load()&bit != 0 })
}

// FatalSignal returns the signal whose default action ended the shell,
// or 0. A front end re-raises it after Close so that the caller sees the
// shell die of it, as bash does.
func (r *Runner) FatalSignal() syscall.Signal {
	return syscall.Signal(r.sess.fatal.Load())
}

// commandContext gives a simple command of the top-level shell a context
// that a trapped INT can cancel without ending the shell. Without an INT
// trap it returns ctx itself and costs nothing.
func (r *Runner) commandContext(ctx context.Context) (context.Context, func()) {
	st := &r.sess.sig
	if r.inSubshell || st.trapped.Load()&sigBit(syscall.SIGINT) == 0 {
		return ctx, func() {}
	}
	cctx, cancel := context.WithCancel(ctx)
	st.mu.Lock()
	st.cancelCmd = cancel
	st.mu.Unlock()
	return cctx, func() {
		st.mu.Lock()
		st.cancelCmd = nil
		st.mu.Unlock()
		cancel()
	}
}
