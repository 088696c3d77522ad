package shell

import (
	"context"
	"errors"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// call runs a simple command: expand the words, perform the redirections,
// then the assignments, then run a function, builtin or program, as bash
// orders them.
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
	persist := name == "exec" && len(args) == 1
	var undo func()
	if len(redirs) > 0 {
		u, err := r.redirects(ctx, redirs, persist)
		if err != nil {
			r.redirError(err)
			return 1
		}
		undo = u
	}
	defer func() {
		if undo != nil {
			undo()
		}
	}()
	if persist {
		// Assignments before a bare exec persist, as for special builtins.
		return r.assignList(c.Assigns, false)
	}

	// Prefix assignments: temporary for programs and functions; they
	// persist for special builtins, as in bash's POSIX rules (bash
	// itself keeps them only in POSIX mode; in normal mode they are
	// temporary for all builtins except special ones).
	var restore func()
	if len(c.Assigns) > 0 {
		var assigned []string
		restore, assigned, err = r.tempAssigns(c.Assigns, isSpecialBuiltin(name) && r.isBuiltinActive(name))
		if err != nil {
			r.errf("%v", err)
			if restore != nil {
				restore()
			}
			return 1
		}
		r.traceCmd(assigned, args)
	} else {
		r.traceCmd(nil, args)
	}
	status := r.dispatch(ctx, args)
	if restore != nil {
		restore()
	}
	return status
}

// dispatch runs args[0] as a function, builtin or program.
func (r *Runner) dispatch(ctx context.Context, args []string) int {
	name := args[0]
	if body, ok := r.funcs[name]; ok {
		return r.callFunc(ctx, name, body, args[1:])
	}
	if fn := r.builtin(name); fn != nil {
		return r.runBuiltin(ctx, name, fn, args)
	}
	return r.external(ctx, args)
}

// assignOnly handles a command made only of assignments and redirections.
func (r *Runner) assignOnly(ctx context.Context, c *syntax.CallExpr, redirs []*syntax.Redirect) int {
	status := 0
	if len(redirs) > 0 {
		undo, err := r.redirects(ctx, redirs, false)
		if err != nil {
			r.redirError(err)
			return 1
		}
		defer undo()
	}
	// $? after `x=$(false)` is the substitution's status.
	r.cmdSubstStatus = -1
	if st := r.assignList(c.Assigns, true); st != 0 {
		return st
	}
	if r.cmdSubstStatus >= 0 {
		status = r.cmdSubstStatus
	}
	return status
}

// assignList performs assignments for good.
func (r *Runner) assignList(as []*syntax.Assign, trace bool) int {
	var traced []string
	for _, a := range as {
		name, vr, err := r.assignValue(a, false)
		if err != nil {
			r.expandError(err)
			return r.expandFailStatus(err)
		}
		if trace && r.opts.xtrace {
			traced = append(traced, name+"="+vr.String())
		}
		if r.opts.allexport {
			vr.Exported = true
		}
		if err := r.setVar(name, vr); err != nil {
			r.errf("%v", err)
			return 1
		}
	}
	if len(traced) > 0 {
		r.traceCmd(traced, nil)
	}
	return 0
}

// tempAssigns applies prefix assignments and returns how to undo them.
// They are exported for the duration of the command.
func (r *Runner) tempAssigns(as []*syntax.Assign, keep bool) (func(), []string, error) {
	type saved struct {
		name string
		vr   expand.Variable
		had  bool
	}
	var olds []saved
	var traced []string
	for _, a := range as {
		name, vr, err := r.assignValue(a, false)
		if err != nil {
			return nil, nil, err
		}
		traced = append(traced, name+"="+vr.String())
		m := r.vars.lookup(name)
		old, had := expand.Variable{}, false
		if m != nil {
			old, had = m[name], true
		}
		if old.ReadOnly {
			return nil, nil, readOnlyError{name}
		}
		olds = append(olds, saved{name, old, had})
		if !keep {
			vr.Exported = true
		}
		if err := r.setVar(name, vr); err != nil {
			return nil, nil, err
		}
	}
	r.envDirty = true
	if keep {
		return nil, traced, nil
	}
	return func() {
		for i := len(olds) - 1; i >= 0; i-- {
			o := olds[i]
			if o.had {
				r.vars.set(o.name, o.vr)
			} else {
				r.vars.unset(o.name)
			}
			switch o.name {
			case "LC_ALL", "LC_CTYPE", "LANG":
				r.updateLocale()
			}
		}
		r.envDirty = true
	}, traced, nil
}

// assignValue computes the variable that an assignment produces.
func (r *Runner) assignValue(a *syntax.Assign, local bool) (string, expand.Variable, error) {
	name := a.Name.Value
	cur := r.vars.get(name)
	if a.Array != nil {
		vr, err := r.arrayValue(name, cur, a)
		return name, vr, err
	}
	val := ""
	if a.Value != nil {
		var err error
		val, err = r.literal(a.Value)
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

// expandFailStatus is the status of a command whose expansion failed: 1,
// or 127 for ${x?} style errors in scripts (which also end the shell).
func (r *Runner) expandFailStatus(err error) int {
	var ue expand.UnsetParameterError
	if errors.As(err, &ue) {
		if !r.sess.interactive {
			r.exiting, r.exitCode = true, 127
		}
		return 127
	}
	return 1
}
