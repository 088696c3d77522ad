package shell

import (
	"context"
	"errors"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// call runs a simple command in bash's order: expand the words, then the
// prefix assignments (each seeing the ones before it), trace them under
// set -x, perform the redirections (which do not see the assignments),
// and run a function, builtin or program with the assignments in force.
func (r *Runner) call(ctx context.Context, c *syntax.CallExpr, redirs []*syntax.Redirect) int {
	args, err := r.fields(c.Args...)
	if err != nil {
		r.expandError(err)
		return r.expandFailStatus(err)
	}
	if len(args) == 0 {
		return r.assignOnly(ctx, c, redirs)
	}
	name := args[0]
	r.curCall = c
	defer r.setLastArg(args[len(args)-1])
	persist := name == "exec" && len(args) == 1
	var scope *tempScope
	if len(c.Assigns) > 0 && !persist {
		// Prefix assignments are temporary for every command: bash keeps
		// them after special builtins only in POSIX mode.
		var assigned []string
		scope, assigned, err = r.tempAssigns(c.Assigns, r.posixMode() && isSpecialBuiltin(name) && r.isBuiltinActive(name))
		if err != nil {
			scope.restore(r)
			r.expandError(err)
			return r.expandFailStatus(err)
		}
		r.traceCmd(assigned, args)
	} else {
		r.traceCmd(nil, args)
	}
	var undo undoList
	if len(redirs) > 0 {
		scope.hide(r)
		u, err := r.redirects(ctx, redirs, persist)
		scope.show(r)
		if err != nil {
			r.redirError(err)
			scope.restore(r)
			return 1
		}
		undo = u
	}
	defer func() { undo.run(r) }()
	if persist {
		// Assignments before a bare exec persist, as for special builtins.
		return r.assignList(c.Assigns, false)
	}
	cctx, done := r.commandContext(ctx)
	status := r.dispatch(cctx, args)
	done()
	scope.restore(r)
	return status
}

// dispatch runs args[0] as a function, builtin or program.
func (r *Runner) dispatch(ctx context.Context, args []string) int {
	name := args[0]
	if fn, ok := r.funcs[name]; ok {
		r.reportSyntheticPID()
		return r.callFunc(ctx, name, fn, args[1:])
	}
	if fn := r.builtin(name); fn != nil {
		r.reportSyntheticPID()
		return r.runBuiltin(ctx, name, fn, args)
	}
	return r.external(ctx, args)
}

// assignOnly handles a command made only of assignments and redirections.
// bash expands and performs the assignments first (a command substitution
// in them does not see the redirections), then opens and closes the
// redirections.
func (r *Runner) assignOnly(ctx context.Context, c *syntax.CallExpr, redirs []*syntax.Redirect) int {
	status := 0
	// $? after `x=$(false)` is the substitution's status.
	r.cmdSubstStatus = -1
	if st := r.assignList(c.Assigns, true); st != 0 {
		return st
	}
	if r.cmdSubstStatus >= 0 {
		status = r.cmdSubstStatus
	}
	if len(redirs) > 0 {
		undo, err := r.redirects(ctx, redirs, false)
		if err != nil {
			r.redirError(err)
			return 1
		}
		undo.run(r)
	}
	return status
}

// assignList performs assignments for good.
func (r *Runner) assignList(as []*syntax.Assign, trace bool) int {
	for _, a := range as {
		name, vr, err := r.assignValue(a, false)
		if err != nil {
			r.expandError(err)
			return r.expandFailStatus(err)
		}
		if trace {
			r.traceAssign(a, name, vr.String())
		}
		if r.opts.allexport {
			vr.Exported = true
		}
		if err := r.setVar(name, vr); err != nil {
			r.errf("%v", err)
			var ro readOnlyError
			var ae *arithErr
			if errors.As(err, &ro) && !r.sess.interactive || errors.As(err, &ae) {
				// bash abandons the rest of the command line.
				r.lineAborted = true
			}
			return 1
		}
	}
	return 0
}

// tempScope is what a command's prefix assignments changed: the values
// before (to restore once the command ends) and after (to put back after
// the redirections, which bash performs without them). A nil scope, kept
// assignments included, does nothing.
type tempScope struct {
	olds, news []tempVar
}

type tempVar struct {
	name string
	vr   expand.Variable
	had  bool
}

// tempAssigns expands and sets the prefix assignments of a command, in
// order, so that each sees the ones before it, and returns what restores
// the old values (nil with keep: special builtins in POSIX mode keep
// them) and the assignments as set -x shows them.
func (r *Runner) tempAssigns(as []*syntax.Assign, keep bool) (*tempScope, []string, error) {
	sc := &tempScope{}
	var traced []string
	for _, a := range as {
		name, vr, err := r.assignValue(a, false)
		if err != nil {
			return sc, nil, err
		}
		if r.opts.xtrace { // only traceCmd reads traced
			traced = append(traced, name+"="+vr.String())
		}
		m := r.vars.lookup(name)
		old, had := expand.Variable{}, false
		if m != nil {
			old, had = m[name], true
		}
		if old.ReadOnly {
			// bash reports it and runs the command anyway.
			r.errf("%v", readOnlyError{name})
			continue
		}
		sc.olds = append(sc.olds, tempVar{name, old, had})
		if !keep {
			vr.Exported = true
		}
		if err := r.setVar(name, vr); err != nil {
			return sc, nil, err
		}
	}
	r.envDirty = true
	if keep {
		return nil, traced, nil
	}
	for _, o := range sc.olds {
		sc.news = append(sc.news, tempVar{o.name, r.vars.get(o.name), true})
	}
	return sc, traced, nil
}

// restore gives the assigned variables their old values back.
func (sc *tempScope) restore(r *Runner) {
	if sc != nil {
		r.setTemp(sc.olds)
		sc.olds, sc.news = nil, nil
	}
}

// hide restores the old values for a while (the redirections); show
// puts the assigned ones back.
func (sc *tempScope) hide(r *Runner) {
	if sc != nil && len(sc.news) > 0 {
		r.setTemp(sc.olds)
	}
}

func (sc *tempScope) show(r *Runner) {
	if sc != nil && len(sc.news) > 0 {
		r.setTemp(sc.news)
	}
}

// setTemp sets or unsets variables, last first, without the checks and
// conversions of setVar (the values already went through them).
func (r *Runner) setTemp(vars []tempVar) {
	for i := len(vars) - 1; i >= 0; i-- {
		v := vars[i]
		if v.had {
			r.vars.set(v.name, v.vr)
		} else {
			r.vars.unset(v.name)
		}
		switch v.name {
		case "LC_ALL", "LC_CTYPE", "LANG":
			r.updateLocale()
		}
	}
	r.envDirty = true
}

// assignValue computes the variable that an assignment produces.
func (r *Runner) assignValue(a *syntax.Assign, local bool) (string, expand.Variable, error) {
	name := r.resolveRef(a.Name.Value)
	cur := r.vars.get(name)
	if a.Array != nil {
		vr, err := r.arrayValue(name, cur, a)
		return name, vr, err
	}
	val := ""
	if a.Value != nil {
		var err error
		val, err = r.assignLiteral(a.Value)
		if err != nil {
			return name, expand.Variable{}, err
		}
	}
	if a.Index != nil {
		vr, err := r.indexAssign(name, cur, a.Index, val, a.Append)
		return name, vr, err
	}
	if a.Append {
		if r.intVars[name] {
			n, err := r.arithString(cur.String() + "+(" + val + ")")
			if err != nil {
				return name, expand.Variable{}, err
			}
			return name, strVar(itoa(n)), nil
		}
		switch cur.Kind {
		case expand.Indexed:
			return r.indexAssignIdx(name, cur, 0, cur.String()+val)
		}
		val = cur.String() + val
	}
	return name, strVar(val), nil
}

// expandFailStatus is the status of a command whose expansion failed: 1.
// An unset parameter under set -u or ${x?} also ends a non-interactive
// shell, with status 1 (127 under -c, as bash does).
func (r *Runner) expandFailStatus(err error) int {
	var ue expand.UnsetParameterError
	if errors.As(err, &ue) {
		code := 1
		if r.sess.cMode {
			code = 127
		}
		if !r.sess.interactive {
			r.exiting, r.exitCode = true, code
		}
		return code
	}
	var ae *arithErr
	if errors.As(err, &ae) {
		// An arithmetic error in an expansion abandons the rest of the
		// command line, as in bash.
		r.lineAborted = true
	}
	return 1
}

// unsetParamText words an unset-parameter error as bash does: "$1:
// unbound variable", "a[0]: unbound variable", "x: parameter not set".
func unsetParamText(ue expand.UnsetParameterError) string {
	pe := ue.Node
	name := pe.Param.Value
	if ue.Message == "unbound variable" {
		if !syntax.ValidName(name) {
			name = "$" + name
		} else if pe.Index != nil {
			var sb strings.Builder
			syntax.NewPrinter().Print(&sb, pe.Index)
			name += "[" + sb.String() + "]"
		}
	}
	msg := ue.Message
	if msg == "" {
		msg = "parameter not set"
	}
	return name + ": " + msg
}

// posixMode reports set -o posix.
func (r *Runner) posixMode() bool {
	o := findSetOption("posix")
	return o != nil && o.get(&r.opts)
}
