package shell

import (
	"context"
	"syscall"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"tcpsh/fdtable"
	"tcpsh/redirect"
)

// coprocFDBase is where the shell's ends of a coprocess's pipes are
// numbered from, downwards, as bash numbers them (63, 62, ...).
const coprocFDBase = 63

// coproc starts c's command as a background job joined to the shell by
// two pipes: NAME[0] reads its stdout, NAME[1] writes to its stdin, and
// NAME_PID is its $! (NAME defaults to COPROC).
func (r *Runner) coproc(ctx context.Context, c *syntax.CoprocClause) int {
	name := "COPROC"
	if c.Name != nil {
		n, err := r.literal(c.Name)
		if err != nil {
			r.expandError(err)
			return 1
		}
		name = n
	}
	if !syntax.ValidName(name) {
		r.errf("`%s': not a valid identifier", name)
		return 1
	}
	inR, inW, err := r.fds.Pipe() // the coprocess's stdin
	if err != nil {
		r.errf("pipe error: %s", redirect.Errno(err))
		return 1
	}
	outR, outW, err := r.fds.Pipe() // its stdout
	if err != nil {
		inR.Release()
		inW.Release()
		r.errf("pipe error: %s", redirect.Errno(err))
		return 1
	}
	st := &syntax.Stmt{Cmd: c.Stmt.Cmd, Redirs: c.Stmt.Redirs, Negated: c.Stmt.Negated, Position: c.Stmt.Position}
	if c.Stmt.Cmd == nil {
		st = c.Stmt
	}
	job := r.startJob(ctx, st, func(s *Runner) {
		if err := s.fds.Set(0, inR); err != nil {
			inR.Release()
		}
		if err := s.fds.Set(1, outW); err != nil {
			outW.Release()
		}
	})
	readFD, err := r.allocHigh(outR)
	if err != nil {
		r.errf("%v", err)
		inW.Release()
		return 1
	}
	writeFD, err := r.allocHigh(inW)
	if err != nil {
		r.errf("%v", err)
		return 1
	}
	if err := r.setVar(name, expand.Variable{Set: true, Kind: expand.Indexed, List: []string{itoa(readFD), itoa(writeFD)}}); err != nil {
		r.errf("%v", err)
	}
	if err := r.setString(name+"_PID", itoa(job.waitPID())); err != nil {
		r.errf("%v", err)
	}
	return 0
}

// allocHigh installs ch at the highest free fd at or below coprocFDBase.
func (r *Runner) allocHigh(ch *fdtable.Channel) (int, error) {
	fd := r.fds.HighestFree(coprocFDBase)
	if fd < 0 {
		ch.Release()
		return -1, syscall.EMFILE
	}
	if err := r.fds.Set(fd, ch); err != nil {
		ch.Release()
		return -1, err
	}
	return fd, nil
}
