package shell

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/pattern"
	"mvdan.cc/sh/v3/syntax"
)

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
	return r.expandFields(words)
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
	return r.expandString(w, modeLiteral)
}

// assignLiteral expands the value of an assignment: like literal, with
// tilde expansion after each ':' as well.
func (r *Runner) assignLiteral(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	return r.expandString(w, modeAssign)
}

// document expands a here-document body.
func (r *Runner) document(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	x := r.newWordExp(modeDoc)
	if err := x.parts(w.Parts, true); err != nil {
		return "", err
	}
	s := x.joined()
	x.free()
	return s, nil
}

// heredoc returns the body of a here-document: as written when any part
// of the delimiter is quoted, else expanded.
func (r *Runner) heredoc(delim, body *syntax.Word) (string, error) {
	if body == nil {
		return "", nil
	}
	quoted := false
	for _, p := range delim.Parts {
		switch p := p.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			quoted = true
		case *syntax.Lit:
			quoted = quoted || strings.Contains(p.Value, "\\")
		}
	}
	if !quoted {
		// $LINENO in the body is the line of the command, as in bash.
		saved := r.inHereDoc
		r.inHereDoc = true
		defer func() { r.inHereDoc = saved }()
		return r.document(body)
	}
	var sb strings.Builder
	for _, p := range body.Parts {
		if l, ok := p.(*syntax.Lit); ok {
			sb.WriteString(l.Value)
		}
	}
	return sb.String(), nil
}

// pattern expands a word as a shell pattern (quoted parts escaped).
func (r *Runner) pattern(w *syntax.Word) (string, error) {
	return r.expandString(w, modePattern)
}

// match reports whether s matches the shell pattern pat entirely, as
// case does (extended operators only under shopt extglob).
func (r *Runner) match(pat, s string) bool {
	return r.matchPattern(pat, s, r.shopts.extglob)
}

// matchPattern matches s against pat entirely, honouring nocasematch
// and the locale; ext enables the extended operators, which [[ == ]]
// always has.
func (r *Runner) matchPattern(pat, s string, ext bool) bool {
	mode := pattern.EntireString
	if ext {
		mode |= pattern.ExtendedOperators
	}
	if r.shopts.nocasematch {
		mode |= pattern.NoGlobCase
	}
	if !hasPatternMeta(pat, mode) {
		// Fast path: remove escapes and compare.
		unq := unescapePattern(pat)
		if r.shopts.nocasematch {
			return r.equalFold(unq, s)
		}
		return unq == s
	}
	m, err := cachedMatcher(r.chars(pat), mode)
	return err == nil && m(r.chars(s))
}

// equalFold compares case-insensitively as bash does in the current
// locale: only ASCII letters fold in the C locale, and bytes that are not
// valid UTF-8 never fold.
func (r *Runner) equalFold(a, b string) bool {
	if r.utf8 && utf8.ValidString(a) && utf8.ValidString(b) {
		return strings.EqualFold(a, b)
	}
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
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

// arith evaluates an arithmetic expression as bash does: its text is
// expanded first, then evaluated as a string.
func (r *Runner) arith(x syntax.ArithmExpr) (int, error) {
	s, err := r.arithText(x)
	if err != nil {
		return 0, err
	}
	return r.evalArith(s)
}

// arithText expands an arithmetic expression to the string to evaluate.
// A word (the raw source text recorded at parse time, or a plain operand)
// is expanded like a here-document body: expansions run, nothing is
// split, and backslashes quote only $ ` \ and newline. Any other node is
// printed back to source first.
func (r *Runner) arithText(x syntax.ArithmExpr) (string, error) {
	if w, ok := x.(*syntax.Word); ok {
		if len(w.Parts) == 1 {
			if l, ok := w.Parts[0].(*syntax.Lit); ok && !strings.Contains(l.Value, "\\") {
				return l.Value, nil
			}
		}
		return r.document(w)
	}
	txt, err := arithSource(x)
	if err != nil {
		return "", err
	}
	if !strings.ContainsAny(txt, "$`\\") {
		return txt, nil
	}
	w, err := r.newParser().Document(strings.NewReader(txt))
	if err != nil {
		return txt, nil
	}
	return r.document(w)
}

// arithString evaluates s (already expanded) as an arithmetic expression.
func (r *Runner) arithString(s string) (int, error) {
	return r.evalArith(s)
}

func itoa(n int) string { return strconv.Itoa(n) }

// cmdSubst runs $(...) in a subshell, writing its stdout to w.
func (r *Runner) cmdSubst(w io.Writer, cs *syntax.CmdSubst) error {
	ctx := r.ctx()
	s := r.subshell()
	// set -e is off in $(...) unless shopt inherit_errexit.
	s.opts.errexit = s.opts.errexit && r.shopts.inheritErrexit
	s.traceLevel++ // set -x shows $(...) one PS4 level deeper
	// The loops around $(...) still count, as in bash: break in it ends
	// the substitution quietly.
	pr, pw, err := r.fds.Pipe()
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
	if !s.fileSubst(ctx, cs) {
		s.stmts(ctx, cs.Stmts)
	}
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
	pr, pw, err := r.fds.Pipe()
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
	j := r.startProcSubst(ctx, s, ps)
	r.procWaits = append(r.procWaits, func() { <-j.done })
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
		r.errf("%s", unsetParamText(ue))
	default:
		r.arithError(err)
	}
}

// arithError prints an arithmetic error.
func (r *Runner) arithError(err error) {
	r.errf("%s", err.Error())
}

// arithCmdError prints an arithmetic error of the command cmd (`((` or
// `let`), which bash names before the expression.
func (r *Runner) arithCmdError(cmd string, err error) {
	var ae *arithErr
	if errors.As(err, &ae) {
		r.errf("%s: %s", cmd, err.Error())
		return
	}
	r.errf("%s", err.Error())
}

// ctx returns the context of the statement being run, for expansions,
// which carry none.
func (r *Runner) ctx() context.Context {
	if r.curCtx != nil {
		return r.curCtx
	}
	return context.Background()
}
