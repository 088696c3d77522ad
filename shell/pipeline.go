package shell

import (
	"context"
	"sync"

	"mvdan.cc/sh/v3/syntax"

	"tcpsh/fdtable"
	"tcpsh/redirect"
)

// flattenPipe turns ((a | b) | c) into [a b c], recording which links are
// |& (stderr too).
func flattenPipe(c *syntax.BinaryCmd) (stmts []*syntax.Stmt, both []bool) {
	var walk func(st *syntax.Stmt, amp bool)
	walk = func(st *syntax.Stmt, amp bool) {
		if b, ok := st.Cmd.(*syntax.BinaryCmd); ok && (b.Op == syntax.Pipe || b.Op == syntax.PipeAll) && !st.Negated && len(st.Redirs) == 0 && !st.Background {
			walk(b.X, b.Op == syntax.PipeAll)
			walk(b.Y, amp)
			return
		}
		stmts = append(stmts, st)
		both = append(both, amp)
	}
	walk(c.X, c.Op == syntax.PipeAll)
	walk(c.Y, false)
	return stmts, both
}

// pipeline runs every element in its own subshell, concurrently, joined by
// pipes, and returns the last one's status (or pipefail's).
func (r *Runner) pipeline(ctx context.Context, c *syntax.BinaryCmd) int {
	stmts, both := flattenPipe(c)
	n := len(stmts)
	if last := stmts[n-1]; isSimple(last.Cmd) && r.trapRuns == 0 {
		r.bashCmd, r.bashCmdSrc = last, r.src // $BASH_COMMAND, as bash's parent has it
	}
	statuses := make([]int, n)
	var wg sync.WaitGroup
	var prevRead *fdtable.Channel
	for i, st := range stmts {
		s := r.subshell()
		if prevRead != nil {
			if err := s.fds.Set(0, prevRead); err != nil {
				r.errf("%v", err)
			}
			prevRead = nil
		}
		if i < n-1 {
			pr, pw, err := r.fds.Pipe()
			if err != nil {
				r.errf("pipe error: %s", redirect.Errno(err))
				s.fds.ReleaseAll()
				statuses[i] = 1
				continue
			}
			if both[i] {
				pw.Ref()
				if err := s.fds.Set(2, pw); err != nil {
					r.errf("%v", err)
				}
			}
			if err := s.fds.Set(1, pw); err != nil {
				r.errf("%v", err)
			}
			prevRead = pr
		}
		if i == n-1 && r.shopts.lastpipe && !r.opts.monitor {
			// shopt lastpipe: the last element runs in the current
			// shell, after the others have started.
			in := s.fds.Swap(0, nil)
			s.fds.ReleaseAll()
			statuses[i] = r.lastPipeElem(ctx, st, in)
			continue
		}
		wg.Add(1)
		go func(i int, s *Runner, st *syntax.Stmt) {
			defer wg.Done()
			s.stmt(ctx, st)
			statuses[i] = s.endSubshell(ctx)
		}(i, s, st)
	}
	if prevRead != nil {
		prevRead.Release()
	}
	wg.Wait()
	r.setPipeStatus(statuses...)
	status := statuses[n-1]
	if r.opts.pipefail {
		for _, st := range statuses {
			if st != 0 {
				status = st
			}
		}
	}
	return status
}

// background runs st as an asynchronous job.
func (r *Runner) background(ctx context.Context, st *syntax.Stmt) {
	r.startJob(ctx, st, func(s *Runner) {
		// Without job control, bash gives background commands /dev/null
		// as stdin unless they redirect it.
		if ch, err := r.fds.OpenFile("/dev/null", 0, 0); err == nil {
			if err := s.fds.Set(0, ch); err != nil {
				ch.Release()
			}
		}
	})
	r.lastStatus = 0
}

// startJob runs st in a subshell goroutine as a job, after prep has set
// up the subshell, and sets $!.
func (r *Runner) startJob(ctx context.Context, st *syntax.Stmt, prep func(s *Runner)) *job {
	s := r.subshell()
	s.bgJob = true
	prep(s)
	stCopy := *st
	stCopy.Background = false
	job := r.sess.jobs.add(st)
	job.owner = r
	jctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	job.cancel = cancel
	s.job = job
	go func() {
		defer cancel()
		s.stmt(jctx, &stCopy)
		job.finish(s.endSubshell(jctx))
	}()
	r.lastBgPID = job.waitPID()
	return job
}

// lastPipeElem runs the last element of a pipeline in r itself (shopt
// lastpipe) with in at fd 0; set -e and the ERR trap apply to the whole
// pipeline, not to the element.
func (r *Runner) lastPipeElem(ctx context.Context, st *syntax.Stmt, in *fdtable.Channel) int {
	prev := r.fds.Swap(0, in)
	r.noErrExit++
	r.stmt(ctx, st)
	r.noErrExit--
	r.fds.Restore(0, prev)
	return r.lastStatus
}
