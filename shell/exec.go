package shell

import (
	"context"
	"slices"
	"strconv"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// funcDef is a defined shell function with where it was defined, so that
// errors inside it name the right file and line.
type funcDef struct {
	body    *syntax.Stmt
	errName string
	lineOff int
	// source is the function's BASH_SOURCE entry; src its text.
	source string
	src    *srcText
}

// stopped reports whether the current list must stop running: exit,
// return, break or continue are unwinding.
func (r *Runner) stopped() bool {
	return r.exiting || r.returning || r.breakN > 0 || r.contN > 0 || r.lineAborted
}

func (r *Runner) stmts(ctx context.Context, list []*syntax.Stmt) {
	for _, st := range list {
		if r.stopped() {
			return
		}
		if ctx.Err() != nil {
			r.lastStatus = 130
			return
		}
		r.stmt(ctx, st)
	}
}

// stmt runs one statement and applies set -e to its status.
func (r *Runner) stmt(ctx context.Context, st *syntax.Stmt) {
	// Expansions (command substitutions) run under the statement's own
	// context, not that of an earlier command.
	r.curCtx = ctx
	r.setLine(st.Pos())
	if st.Background {
		r.background(ctx, st)
		return
	}
	if r.opts.noexec && !r.sess.interactive {
		// set -n: commands are read but not run.
		return
	}
	if st.Negated {
		r.noErrExit++
	}
	if isSimple(st.Cmd) {
		if r.trapRuns == 0 {
			r.bashCmd, r.bashCmdSrc = st, r.src
		}
		r.runTrap(ctx, "DEBUG")
	}
	status := r.stmtSync(ctx, st)
	if setsPipeStatus(st.Cmd) {
		r.setPipeStatus(status)
	}
	if st.Negated {
		r.noErrExit--
		if status == 0 {
			status = 1
		} else {
			status = 0
		}
	}
	r.lastStatus = status
	if status != 0 && !r.stopped() {
		if !st.Negated && r.noErrExit == 0 && !r.isCompoundErrSkip(st) {
			r.runTrap(ctx, "ERR")
			if r.opts.errexit {
				r.exiting, r.exitCode = true, status
			}
		}
	}
	// Traps run between commands, as in bash.
	if r.sess.sig.pending.Load() != 0 {
		r.runPendingSignals(ctx)
	}
}

// bashCommand is $BASH_COMMAND: the simple command running (outside
// traps, which see the command that triggered them), printed as bash
// prints commands ("2> /dev/null"). It is made when asked for.
func (r *Runner) bashCommand() string {
	st := r.bashCmd
	if st == nil || st.Cmd == nil {
		return ""
	}
	p := &bashPrinter{src: r.bashCmdSrc}
	p.command(st.Cmd, 0)
	if len(st.Redirs) > 0 {
		p.WriteString(" ")
		p.redirsBare(st.Redirs)
	}
	return p.String()
}

// isSimple reports whether bash counts cm as a simple command, before
// which the DEBUG trap runs.
func isSimple(cm syntax.Command) bool {
	switch cm.(type) {
	case nil, *syntax.CallExpr, *syntax.TestClause, *syntax.ArithmCmd, *syntax.DeclClause, *syntax.LetClause:
		return true
	}
	return false
}

// setsPipeStatus reports whether running cm sets PIPESTATUS to its own
// status: every command but compound ones, whose inner commands set it,
// and pipelines, which set it themselves.
func setsPipeStatus(cm syntax.Command) bool {
	switch cm.(type) {
	case *syntax.Block, *syntax.IfClause, *syntax.WhileClause, *syntax.ForClause, *syntax.CaseClause, *syntax.TimeClause,
		*syntax.BinaryCmd, *syntax.FuncDecl, *syntax.CoprocClause:
		return false
	}
	return true
}

// setPipeStatus sets PIPESTATUS to the statuses given. It runs after
// every simple command, so it does nothing when the statuses are those
// already recorded (the common case in loops) and the variable was not
// changed by the script since.
func (r *Runner) setPipeStatus(statuses ...int) {
	if slices.Equal(r.pipeStatus, statuses) && r.pipeStatusIntact() {
		return
	}
	r.pipeStatus = append(r.pipeStatus[:0], statuses...)
	var list []string
	if len(statuses) == 1 && statuses[0] >= 0 && statuses[0] < len(singleStatusLists) {
		// Shared: a Variable's List is replaced, never edited in place.
		list = singleStatusLists[statuses[0]]
	} else {
		list = make([]string, len(statuses))
		for i, st := range statuses {
			list[i] = itoa(st)
		}
	}
	r.pipeStatusList = list
	r.vars.global["PIPESTATUS"] = expand.Variable{Set: true, Kind: expand.Indexed, List: list}
}

// singleStatusLists are the PIPESTATUS lists of the commonest statuses
// of a simple command, so that a loop alternating 0 and 1 (a `[ ]` that
// fails, then one that succeeds) allocates no list per command.
var singleStatusLists = [...][]string{{"0"}, {"1"}, {"2"}}

// pipeStatusIntact reports whether PIPESTATUS still holds the list that
// setPipeStatus stored last (the script may have assigned or unset it).
func (r *Runner) pipeStatusIntact() bool {
	vr := r.vars.global["PIPESTATUS"]
	return vr.Kind == expand.Indexed && len(vr.List) > 0 && len(r.pipeStatusList) > 0 && &vr.List[0] == &r.pipeStatusList[0]
}

// isCompoundErrSkip: bash does not exit for a failing && / || list except
// through its last command, which stmt already handles through noErrExit
// in binary; compound commands propagate their own exits.
func (r *Runner) isCompoundErrSkip(st *syntax.Stmt) bool {
	switch c := st.Cmd.(type) {
	case *syntax.BinaryCmd:
		return c.Op == syntax.AndStmt || c.Op == syntax.OrStmt
	case *syntax.IfClause, *syntax.WhileClause, *syntax.ForClause, *syntax.CaseClause, *syntax.Block:
		return true
	}
	return false
}

func (r *Runner) setLine(p syntax.Pos) {
	if l := p.Line(); l > 0 {
		r.line = uint(int(l) + r.lineOff)
	}
}

// stmtSync runs a statement in the foreground and returns its status.
func (r *Runner) stmtSync(ctx context.Context, st *syntax.Stmt) int {
	if call, ok := st.Cmd.(*syntax.CallExpr); ok {
		return r.call(ctx, call, st.Redirs)
	}
	if st.Cmd == nil {
		// Redirections alone: `>file`.
		return r.call(ctx, &syntax.CallExpr{}, st.Redirs)
	}
	var undo undoList
	if len(st.Redirs) > 0 {
		u, err := r.redirects(ctx, st.Redirs, false)
		if err != nil {
			r.redirError(err)
			return 1
		}
		undo = u
	}
	status := r.cmd(ctx, st.Cmd)
	undo.run(r)
	return status
}

func (r *Runner) cmd(ctx context.Context, cm syntax.Command) int {
	switch c := cm.(type) {
	case *syntax.Block:
		r.stmts(ctx, c.Stmts)
		return r.lastStatus
	case *syntax.Subshell:
		s := r.subshell()
		// ( ) starts outside any loop, as in bash: break there is an
		// error, and break 2 in a loop inside stops at that loop.
		s.loopDepth = 0
		s.stmts(ctx, c.Stmts)
		return s.endSubshell(ctx)
	case *syntax.BinaryCmd:
		return r.binary(ctx, c)
	case *syntax.IfClause:
		return r.ifClause(ctx, c)
	case *syntax.WhileClause:
		return r.whileClause(ctx, c)
	case *syntax.ForClause:
		return r.forClause(ctx, c)
	case *syntax.CaseClause:
		return r.caseClause(ctx, c)
	case *syntax.FuncDecl:
		r.funcs[c.Name.Value] = r.newFuncDef(c)
		return 0
	case *syntax.ArithmCmd:
		r.traceArith(c)
		n, err := r.arith(c.X)
		if err != nil {
			r.arithCmdError("((", err)
			return 1
		}
		if n == 0 {
			return 1
		}
		return 0
	case *syntax.TestClause:
		if r.opts.xtrace {
			return r.traceTestClause(ctx, c.X)
		}
		return r.testClauseStatus(ctx, c.X)
	case *syntax.DeclClause:
		return r.declClause(ctx, c)
	case *syntax.LetClause:
		status := 1
		for _, x := range c.Exprs {
			n, err := r.arith(x)
			if err != nil {
				r.arithCmdError("let", err)
				return 1
			}
			status = 0
			if n == 0 {
				status = 1
			}
		}
		return status
	case *syntax.TimeClause:
		return r.timeClause(ctx, c)
	case *syntax.CoprocClause:
		return r.coproc(ctx, c)
	case *syntax.TestDecl:
		return 0
	}
	r.errf("unsupported command %T", cm)
	return 2
}

func (r *Runner) binary(ctx context.Context, c *syntax.BinaryCmd) int {
	switch c.Op {
	case syntax.AndStmt, syntax.OrStmt:
		r.noErrExit++
		r.stmt(ctx, c.X)
		r.noErrExit--
		if r.stopped() {
			return r.lastStatus
		}
		if (r.lastStatus == 0) == (c.Op == syntax.AndStmt) {
			r.stmt(ctx, c.Y)
		}
		return r.lastStatus
	}
	return r.pipeline(ctx, c)
}

func (r *Runner) ifClause(ctx context.Context, c *syntax.IfClause) int {
	for ; c != nil; c = c.Else {
		if len(c.Cond) == 0 { // else: $? is still the last condition's
			r.stmts(ctx, c.Then)
			return r.lastStatus
		}
		r.noErrExit++
		r.stmts(ctx, c.Cond)
		r.noErrExit--
		if r.stopped() {
			return r.lastStatus
		}
		if r.lastStatus == 0 {
			r.stmts(ctx, c.Then)
			return r.lastStatus
		}
	}
	return 0
}

// loopBody runs one iteration and reports whether the loop must end.
func (r *Runner) loopBody(ctx context.Context, body []*syntax.Stmt) (stop bool) {
	r.stmts(ctx, body)
	if r.breakN > 0 {
		r.breakN--
		return true
	}
	if r.contN > 0 {
		r.contN--
		return r.contN > 0
	}
	return r.exiting || r.returning || ctx.Err() != nil
}

func (r *Runner) whileClause(ctx context.Context, c *syntax.WhileClause) int {
	r.loopDepth++
	defer func() { r.loopDepth-- }()
	status := 0
	for {
		r.noErrExit++
		r.stmts(ctx, c.Cond)
		r.noErrExit--
		if r.stopped() {
			return r.lastStatus
		}
		if ctx.Err() != nil {
			return 130
		}
		if (r.lastStatus == 0) == c.Until {
			break
		}
		r.lastStatus = 0
		stop := r.loopBody(ctx, c.Do)
		status = r.lastStatus
		if stop {
			break
		}
	}
	return status
}

func (r *Runner) forClause(ctx context.Context, c *syntax.ForClause) int {
	r.loopDepth++
	defer func() { r.loopDepth-- }()
	status := 0
	switch loop := c.Loop.(type) {
	case *syntax.WordIter:
		if c.Select {
			return r.selectLoop(ctx, c, loop)
		}
		var items []string
		if loop.InPos.IsValid() {
			var err error
			items, err = r.fields(loop.Items...)
			if err != nil {
				r.expandError(err)
				return 1
			}
		} else {
			items = r.params
		}
		name := loop.Name.Value
		hdrEnd := loop.Name.End()
		if n := len(loop.Items); n > 0 {
			hdrEnd = loop.Items[n-1].End()
		}
		for _, it := range items {
			r.traceHeader(c.ForPos, hdrEnd, "")
			if err := r.setString(name, it); err != nil {
				r.errf("%v", err)
				return 1
			}
			stop := r.loopBody(ctx, c.Do)
			status = r.lastStatus
			if stop {
				break
			}
		}
	case *syntax.CStyleLoop:
		if loop.Init != nil {
			r.traceArithExpr(loop.Init)
			if _, err := r.arith(loop.Init); err != nil {
				r.arithError(err)
				return 1
			}
		}
		for {
			if loop.Cond != nil {
				r.traceArithExpr(loop.Cond)
				n, err := r.arith(loop.Cond)
				if err != nil {
					r.arithError(err)
					return 1
				}
				if n == 0 {
					break
				}
			}
			stop := r.loopBody(ctx, c.Do)
			status = r.lastStatus
			if stop {
				break
			}
			if loop.Post != nil {
				r.traceArithExpr(loop.Post)
				if _, err := r.arith(loop.Post); err != nil {
					r.arithError(err)
					return 1
				}
			}
		}
	}
	return status
}

func (r *Runner) caseClause(ctx context.Context, c *syntax.CaseClause) int {
	r.traceHeader(c.Case, c.Word.End(), " in")
	word, err := r.literal(c.Word)
	if err != nil {
		r.expandError(err)
		return 1
	}
	r.lastStatus = 0
	fallthrough_ := false
	for _, item := range c.Items {
		matched := fallthrough_
		if !matched {
			for _, pw := range item.Patterns {
				pat, err := r.pattern(pw)
				if err != nil {
					r.expandError(err)
					return 1
				}
				if r.match(pat, word) {
					matched = true
					break
				}
			}
		}
		if !matched {
			continue
		}
		r.stmts(ctx, item.Stmts)
		switch item.Op {
		case syntax.Break:
			return r.lastStatus
		case syntax.Fallthrough:
			fallthrough_ = true
		case syntax.Resume:
			fallthrough_ = false
		}
		if r.stopped() {
			break
		}
	}
	return r.lastStatus
}

// callFunc runs a shell function with args as its positional parameters.
func (r *Runner) callFunc(ctx context.Context, name string, fn *funcDef, args []string) int {
	if len(r.funcNames) > 1000 {
		r.errf("%s: maximum function nesting level exceeded (1000)", name)
		return 1
	}
	savedParams, savedName, savedOff := r.params, r.errName, r.lineOff
	// A function body is outside any loop of its caller (bash 5.2).
	savedLoops, savedCall := r.loopDepth, r.callID
	r.loopDepth, r.callID = 0, int(r.sess.calls.Add(1))
	defer func() { r.loopDepth, r.callID = savedLoops, savedCall }()
	savedLine := r.line
	r.params = args
	r.funcNames = append(r.funcNames, name)
	r.vars.frames = append(r.vars.frames, map[string]expand.Variable{})
	if fn.errName != "" {
		r.errName, r.lineOff = fn.errName, fn.lineOff
	}
	r.frames = append(r.frames, callFrame{line: savedLine, file: fn.source})
	savedSrc := r.src
	if fn.src != nil {
		r.src = fn.src
	}
	r.setFuncNameVar()
	r.stmt(ctx, fn.body)
	status := r.lastStatus
	if r.returning {
		r.returning = false
		status = r.lastStatus
	}
	r.lastStatus = status
	r.runTrap(ctx, "RETURN")
	r.vars.frames = r.vars.frames[:len(r.vars.frames)-1]
	r.funcNames = r.funcNames[:len(r.funcNames)-1]
	r.frames = r.frames[:len(r.frames)-1]
	r.setFuncNameVar()
	r.params, r.errName, r.lineOff = savedParams, savedName, savedOff
	r.line, r.src = savedLine, savedSrc
	return status
}

// callFrame is one function call: the line it was called from and the
// file that defined the function ("" when there is none, as under -c).
type callFrame struct {
	line uint
	file string
}

// setFuncNameVar keeps FUNCNAME (innermost first, then "main"),
// BASH_SOURCE and BASH_LINENO in sync with the call stack.
func (r *Runner) setFuncNameVar() {
	n := len(r.funcNames)
	if n == 0 {
		delete(r.vars.global, "FUNCNAME")
	} else {
		list := make([]string, 0, n+1)
		for i := n - 1; i >= 0; i-- {
			list = append(list, r.funcNames[i])
		}
		if r.scriptSource != "" {
			list = append(list, "main") // not for -c or stdin programs
		}
		r.vars.global["FUNCNAME"] = expand.Variable{Set: true, Kind: expand.Indexed, List: list}
	}
	var srcs, lines []string
	for i := len(r.frames) - 1; i >= 0; i-- {
		srcs = append(srcs, r.frames[i].file)
		lines = append(lines, strconv.FormatUint(uint64(r.frames[i].line), 10))
	}
	if r.scriptSource != "" {
		srcs = append(srcs, r.scriptSource)
	}
	if r.scriptSource != "" {
		lines = append(lines, "0")
	}
	for name, list := range map[string][]string{"BASH_SOURCE": srcs, "BASH_LINENO": lines} {
		if len(list) == 0 {
			delete(r.vars.global, name)
			continue
		}
		r.vars.global[name] = expand.Variable{Set: true, Kind: expand.Indexed, List: list}
	}
}

func (r *Runner) newFuncDef(fd *syntax.FuncDecl) *funcDef {
	name := r.errName
	if r.sess.anonSource != "" && name == r.sess.topName && !r.sourcing {
		// bash files the functions of -c text under "environment" and
		// those of a script read from stdin under "main".
		name = r.sess.anonSource
	}
	return &funcDef{body: fd.Body, errName: name, lineOff: r.lineOff, source: name, src: r.src.declText(fd)}
}
