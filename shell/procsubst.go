package shell

import (
	"context"
	"sync/atomic"

	"mvdan.cc/sh/v3/syntax"
)

// hiddenJobID numbers the jobs of process substitutions downwards from -1,
// so that they never take a job number the jobs builtin shows.
var hiddenJobID atomic.Int64

// addHidden registers a job that wait and $! know but jobs does not list
// (a process substitution). Its id is negative.
func (t *jobTable) addHidden(text string) *job {
	t.mu.Lock()
	defer t.mu.Unlock()
	j := &job{id: int(-hiddenJobID.Add(1)), pidCh: make(chan int, 1), done: make(chan struct{}), text: text}
	t.jobs[j.id] = j
	return j
}

// startProcSubst runs the commands of a process substitution in s, in the
// background, as a hidden job; it sets $! to the job's pid, as bash does.
func (r *Runner) startProcSubst(ctx context.Context, s *Runner, ps *syntax.ProcSubst) *job {
	j := r.sess.jobs.addHidden("")
	j.owner = r
	jctx, cancel := context.WithCancel(ctx)
	j.cancel = cancel
	s.job = j
	if len(ps.Stmts) != 1 || ps.Stmts[0].Background {
		j.reportPID(int(syntheticPID.Add(1)))
	} else if _, ok := ps.Stmts[0].Cmd.(*syntax.CallExpr); !ok {
		j.reportPID(int(syntheticPID.Add(1)))
	}
	go func() {
		defer cancel()
		s.stmts(jctx, ps.Stmts)
		j.finish(s.endSubshell(jctx))
	}()
	r.lastBgPID = j.waitPID()
	return j
}
