package shell

import (
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/pattern"
	"mvdan.cc/sh/v3/syntax"

	"tcpsh/fdtable"
)

// initExpand (re)builds the expand.Config bound to this Runner.
func (r *Runner) initExpand() {
	r.ecfg = &expand.Config{
		Env:       environ{r},
		CmdSubst:  r.cmdSubst,
		ProcSubst: r.procSubst,
		ReadDir2: func(p string) ([]os.DirEntry, error) {
			return os.ReadDir(r.absPath(p))
		},
	}
	r.syncExpandOpts()
}

// syncExpandOpts copies shell options into the expand.Config.
func (r *Runner) syncExpandOpts() {
	c := r.ecfg
	c.NoUnset = r.opts.nounset
	c.NullGlob = r.shopts.nullglob
	c.DotGlob = r.shopts.dotglob
	c.ExtGlob = r.shopts.extglob
	c.GlobStar = r.shopts.globstar
	c.NoCaseGlob = r.shopts.nocaseglob
	if r.opts.noglob {
		c.ReadDir2 = nil
	} else if c.ReadDir2 == nil {
		c.ReadDir2 = func(p string) ([]os.DirEntry, error) { return os.ReadDir(r.absPath(p)) }
	}
}

// fields expands words into fields (word splitting and globbing).
func (r *Runner) fields(words ...*syntax.Word) ([]string, error) {
	if len(words) == 0 {
		return nil, nil
	}
	if r.fastLiterals(words) {
		out := make([]string, len(words))
		for i, w := range words {
			out[i] = w.Parts[0].(*syntax.Lit).Value
		}
		return out, nil
	}
	words = r.localeWords(words)
	return expand.Fields(r.ecfg, words...)
}

// fastLiterals reports whether every word is one plain literal with no
// glob, brace or tilde characters, which expands to itself.
func (r *Runner) fastLiterals(words []*syntax.Word) bool {
	for _, w := range words {
		if len(w.Parts) != 1 {
			return false
		}
		lit, ok := w.Parts[0].(*syntax.Lit)
		if !ok || strings.ContainsAny(lit.Value, "*?[{~\\]!+@(") {
			return false
		}
	}
	return true
}

// literal expands a word without splitting or globbing.
func (r *Runner) literal(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	if len(w.Parts) == 1 {
		if lit, ok := w.Parts[0].(*syntax.Lit); ok && !strings.ContainsAny(lit.Value, "~\\") {
			return lit.Value, nil
		}
	}
	w = r.localeWord(w)
	return expand.Literal(r.ecfg, w)
}

// document expands a here-document body.
func (r *Runner) document(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	return expand.Document(r.ecfg, r.localeWord(w))
}

// pattern expands a word as a shell pattern (quoted parts escaped).
func (r *Runner) pattern(w *syntax.Word) (string, error) {
	return expand.Pattern(r.ecfg, r.localeWord(w))
}

// match reports whether s matches the shell pattern pat entirely.
func (r *Runner) match(pat, s string) bool {
	mode := pattern.EntireString
	if r.shopts.extglob {
		mode |= pattern.ExtendedOperators
	}
	if r.shopts.nocasematch {
		mode |= pattern.NoGlobCase
	}
	if !pattern.HasMeta(pat, mode) {
		// Fast path: remove escapes and compare.
		unq := unescapePattern(pat)
		if r.shopts.nocasematch {
			return strings.EqualFold(unq, s)
		}
		return unq == s
	}
	rx, err := r.compilePattern(pat, mode)
	if err != nil {
		return false
	}
	return rx.MatchString(s)
}

func unescapePattern(p string) string {
	if !strings.Contains(p, "\\") {
		return p
	}
	var sb strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '\\' && i+1 < len(p) {
			i++
		}
		sb.WriteByte(p[i])
	}
	return sb.String()
}

// arith evaluates an arithmetic expression.
func (r *Runner) arith(x syntax.ArithmExpr) (int, error) {
	return expand.Arithm(r.ecfg, x)
}

// arithString parses and evaluates s as an arithmetic expression.
func (r *Runner) arithString(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, nil
	}
	p := r.newParser()
	x, err := p.Arithmetic(strings.NewReader(s))
	if err != nil {
		return 0, arithSyntaxError{expr: s, err: err}
	}
	return r.arith(x)
}

type arithSyntaxError struct {
	expr string
	err  error
}

func (e arithSyntaxError) Error() string {
	return e.expr + ": syntax error in expression (error token is \"" + e.expr + "\")"
}

func itoa(n int) string { return strconv.Itoa(n) }

// cmdSubst runs $(...) in a subshell, writing its stdout to w.
func (r *Runner) cmdSubst(w io.Writer, cs *syntax.CmdSubst) error {
	ctx := r.ctx()
	s := r.subshell()
	pr, pw, err := fdtable.Pipe()
	if err != nil {
		return err
	}
	if err := s.fds.Set(1, pw); err != nil {
		pr.Release()
		return err
	}
	done := make(chan error, 1)
	go func() {
		_, err := io.Copy(w, pr)
		done <- err
	}()
	s.stmts(ctx, cs.Stmts)
	status := s.endSubshell(ctx)
	copyErr := <-done
	pr.Release()
	r.cmdSubstStatus = status
	r.lastStatus = status
	return copyErr
}

// procSubst runs <(...) or >(...) in the background and returns the
// /dev/fd path through which the command reaches it.
func (r *Runner) procSubst(ps *syntax.ProcSubst) (string, error) {
	ctx := r.ctx()
	pr, pw, err := fdtable.Pipe()
	if err != nil {
		return "", err
	}
	s := r.subshell()
	mine, theirs := pr, pw
	theirFD := 1
	if ps.Op == syntax.CmdOut { // >(cmd): cmd reads
		mine, theirs = pw, pr
		theirFD = 0
	}
	if err := s.fds.Set(theirFD, theirs); err != nil {
		mine.Release()
		return "", err
	}
	fd := r.fds.HighestFree(63)
	if err := r.fds.Set(fd, mine); err != nil {
		return "", err
	}
	r.procFDs = append(r.procFDs, fd)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.stmts(ctx, ps.Stmts)
		s.endSubshell(ctx)
	}()
	r.procWaits = append(r.procWaits, func() { <-done })
	return "/dev/fd/" + strconv.Itoa(fd), nil
}

// closeProcFDs closes the fds of process substitutions once the command
// that used them is done.
func (r *Runner) closeProcFDs() {
	for _, fd := range r.procFDs {
		r.fds.Close(fd)
	}
	r.procFDs = r.procFDs[:0]
}

func (r *Runner) waitProcSubst() {
	r.closeProcFDs()
	for _, w := range r.procWaits {
		w()
	}
	r.procWaits = nil
}

// expandError prints an expansion error as bash does.
func (r *Runner) expandError(err error) {
	var ue expand.UnsetParameterError
	switch {
	case errors.As(err, &ue):
		r.errf("%s: %s", ue.Node.Param.Value, ue.Message)
	default:
		r.arithError(err)
	}
}

// arithError prints an arithmetic error.
func (r *Runner) arithError(err error) {
	msg := err.Error()
	var ro readOnlyError
	if errors.As(err, &ro) {
		r.errf("%s", ro.Error())
		return
	}
	if strings.Contains(msg, "division by zero") {
		r.errf("division by 0 (error token is \"%s\")", "")
		return
	}
	r.errf("%s", msg)
}

// ctx returns the context of the command being run, for callbacks from
// expand that carry none.
func (r *Runner) ctx() context.Context {
	if r.curCtx != nil {
		return r.curCtx
	}
	return context.Background()
}
