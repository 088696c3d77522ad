package shell

import (
	"context"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"mvdan.cc/sh/v3/syntax"
)

// syntheticPID numbers jobs that have no process of their own (builtins,
// functions, compound commands run in a goroutine). Linux pids never
// exceed 2^22, so these never name a real process.
var syntheticPID atomic.Int64

func init() { syntheticPID.Store(1 << 22) }

// job is one background job: a goroutine running a subshell.
type job struct {
	id     int
	text   string
	owner  *Runner // the shell context that started it: its wait and jobs see it
	cancel context.CancelFunc

	pidOnce sync.Once
	pidCh   chan int
	pid     int

	mu     sync.Mutex
	procs  []*os.Process
	done   chan struct{}
	status int
	// killSig is the signal that ended the job's goroutine early (kill
	// of a job that runs in tcpsh itself); the job's status is 128+it.
	killSig syscall.Signal
}

// reportPID records the job's pid ($!): the first program it starts, or
// a synthetic number. Only the first report counts.
func (j *job) reportPID(pid int) {
	j.pidOnce.Do(func() {
		j.pid = pid
		j.pidCh <- pid
	})
}

func (j *job) waitPID() int {
	pid := <-j.pidCh
	j.pidCh <- pid
	return pid
}

func (j *job) addProc(p *os.Process) {
	j.mu.Lock()
	j.procs = append(j.procs, p)
	j.mu.Unlock()
}

func (j *job) finish(status int) {
	j.reportPID(int(syntheticPID.Add(1)))
	j.mu.Lock()
	j.status = status
	if j.killSig != 0 {
		j.status = 128 + int(j.killSig)
	}
	j.mu.Unlock()
	close(j.done)
}

// wait blocks until the job ends (or ctx is done) and returns its status.
func (j *job) wait(ctx context.Context) (int, bool) {
	select {
	case <-j.done:
		j.mu.Lock()
		defer j.mu.Unlock()
		return j.status, true
	case <-ctx.Done():
		return 130, false
	}
}

func (j *job) finished() bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}

// signal delivers sig to the job's processes. A job whose $! is
// synthetic runs in tcpsh itself, like bash's subshell process: a
// terminating signal also ends its goroutine, as it does when no process
// of the job is left to receive it.
func (j *job) signal(sig syscall.Signal) {
	j.mu.Lock()
	procs := j.procs
	j.mu.Unlock()
	sent := false
	for _, p := range procs {
		if p.Signal(sig) == nil {
			sent = true
		}
	}
	if !terminates(sig) {
		return
	}
	if !sent || sig == syscall.SIGKILL || j.pidKnown() >= 1<<22 {
		j.mu.Lock()
		if j.killSig == 0 {
			j.killSig = sig
		}
		j.mu.Unlock()
		j.cancel()
	}
}

// terminates reports whether sig's default action ends a process.
func terminates(sig syscall.Signal) bool {
	switch sig {
	case 0, sigCHLD, sigCONT, sigWINCH, sigSTOP, sigTSTP:
		return false
	}
	return true
}

// jobTable is the session's list of background jobs.
type jobTable struct {
	mu   sync.Mutex
	next int
	jobs map[int]*job
	// reaped keeps the status of waited-for jobs by pid: bash answers a
	// second wait for the same pid with it.
	reaped map[int]int
}

func newJobTable() *jobTable {
	return &jobTable{next: 1, jobs: map[int]*job{}, reaped: map[int]int{}}
}

// reapedStatus returns the remembered status of a waited-for pid.
func (t *jobTable) reapedStatus(pid int) (int, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	st, ok := t.reaped[pid]
	return st, ok
}

func (t *jobTable) add(st *syntax.Stmt) *job {
	t.mu.Lock()
	defer t.mu.Unlock()
	j := &job{id: t.next, pidCh: make(chan int, 1), done: make(chan struct{}), text: stmtText(st)}
	t.next++
	t.jobs[j.id] = j
	if _, ok := st.Cmd.(*syntax.CallExpr); !ok {
		j.reportPID(int(syntheticPID.Add(1)))
	}
	return j
}

// list returns the jobs in order of creation.
func (t *jobTable) list() []*job {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]*job, 0, len(t.jobs))
	for _, j := range t.jobs {
		out = append(out, j)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].id < out[b].id })
	return out
}

func (t *jobTable) byPID(pid int) *job {
	for _, j := range t.list() {
		if j.pidKnown() == pid {
			return j
		}
	}
	return nil
}

func (t *jobTable) remove(j *job) {
	pid := j.pidKnown()
	st, done := 0, j.finished()
	if done {
		j.mu.Lock()
		st = j.status
		j.mu.Unlock()
	}
	t.mu.Lock()
	if done && pid != 0 {
		t.reaped[pid] = st
	}
	delete(t.jobs, j.id)
	visible := false
	for id := range t.jobs {
		visible = visible || id > 0 // process substitutions have ids < 0
	}
	if !visible {
		t.next = 1
	}
	t.mu.Unlock()
}

func (j *job) pidKnown() int {
	select {
	case pid := <-j.pidCh:
		j.pidCh <- pid
		return pid
	default:
		return 0
	}
}

// stmtText prints a statement as the jobs builtin shows it.
func stmtText(st *syntax.Stmt) string {
	var sb strings.Builder
	c := *st
	c.Background = false
	syntax.NewPrinter(syntax.SingleLine(true)).Print(&sb, &c)
	return sb.String()
}

// reportSyntheticPID gives a background job whose command turned out to
// be a builtin or function its $! right away.
func (r *Runner) reportSyntheticPID() {
	if r.job != nil {
		r.job.reportPID(int(syntheticPID.Add(1)))
	}
}
