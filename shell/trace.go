package shell

import (
	"context"
	"io"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// tracePrefix is the expanded PS4 that starts a set -x line: $LINENO in
// it is the current line, and its first character is repeated once per
// level of eval, source or command substitution, as bash does.
func (r *Runner) tracePrefix() string {
	ps4 := r.getString("PS4")
	pad := ""
	if strings.ContainsAny(ps4, "$`") && r.line > 1 {
		// Blank lines before the text make $LINENO the current line.
		pad = strings.Repeat("\n", int(r.line)-1)
	}
	s, _ := r.expandPrompt(pad + ps4)
	s = strings.TrimPrefix(s, pad)
	if s != "" && r.traceLevel > 0 {
		s = strings.Repeat(s[:1], r.traceLevel) + s
	}
	return s
}

// traceLine prints one set -x line.
func (r *Runner) traceLine(text string) {
	io.WriteString(r.out(2), r.tracePrefix()+text+"\n")
}

// traceCmd prints a set -x trace line: the prefix assignments, each on a
// line of its own as bash prints them, then the command's words.
func (r *Runner) traceCmd(assigns []string, args []string) {
	if !r.opts.xtrace {
		return
	}
	for _, a := range assigns {
		name, val, _ := strings.Cut(a, "=")
		r.traceLine(name + "=" + r.traceQuote(val))
	}
	if len(args) == 0 {
		return
	}
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = r.traceQuote(a)
	}
	r.traceLine(strings.Join(parts, " "))
}

// traceAssign prints one assignment under set -x: arrays and appends as
// written, others as name='value'.
func (r *Runner) traceAssign(a *syntax.Assign, name, val string) {
	if !r.opts.xtrace {
		return
	}
	if a.Array != nil || a.Append || a.Index != nil {
		r.traceLine(r.src.nodeText(a))
		return
	}
	r.traceLine(name + "=" + r.traceQuote(val))
}

// traceArith prints (( )) under set -x: the text as written, with a space
// inside each pair of parentheses.
func (r *Runner) traceArith(c *syntax.ArithmCmd) {
	if !r.opts.xtrace {
		return
	}
	text, ok := r.src.slice(c.Left, c.Right)
	if !ok || len(text) < 2 {
		text = "((" + r.src.nodeText(c.X)
	}
	r.traceLine("(( " + text[2:] + " ))")
}

// traceArithExpr prints one expression of a for (( )) loop.
func (r *Runner) traceArithExpr(x syntax.ArithmExpr) {
	if r.opts.xtrace && x != nil {
		r.traceLine("(( " + r.src.nodeText(x) + " ))")
	}
}

// traceHeader prints the text from one position to another, as bash
// shows "for i in ..." and "case $x in" under set -x.
func (r *Runner) traceHeader(from, to syntax.Pos, suffix string) {
	if !r.opts.xtrace {
		return
	}
	if text, ok := r.src.slice(from, to); ok {
		r.traceLine(text + suffix)
	}
}

// traceTestClause evaluates [[ ]] under set -x, printing each test it
// evaluates with its operands expanded, and returns the status.
func (r *Runner) traceTestClause(ctx context.Context, x syntax.TestExpr) int {
	return r.testStatus(r.traceTest(ctx, x))
}

func (r *Runner) traceTest(ctx context.Context, x syntax.TestExpr) (bool, error) {
	switch e := x.(type) {
	case *syntax.ParenTest:
		return r.traceTest(ctx, e.X)
	case *syntax.BinaryTest:
		switch e.Op {
		case syntax.AndTest, syntax.OrTest:
			ok, err := r.traceTest(ctx, e.X)
			if err != nil || ok != (e.Op == syntax.AndTest) {
				return ok, err
			}
			return r.traceTest(ctx, e.Y)
		}
	}
	r.traceLine("[[ " + r.testText(x) + " ]]")
	return r.testClause(ctx, x)
}

// testText shows a test with its words expanded.
func (r *Runner) testText(x syntax.TestExpr) string {
	word := func(t syntax.TestExpr) string {
		if w, ok := t.(*syntax.Word); ok {
			s, _ := r.literal(w)
			return s
		}
		return r.testText(t)
	}
	switch e := x.(type) {
	case *syntax.Word:
		return "-n " + word(e)
	case *syntax.UnaryTest:
		if e.Op == syntax.TsNot {
			return "! " + r.testText(e.X)
		}
		return e.Op.String() + " " + word(e.X)
	case *syntax.BinaryTest:
		return word(e.X) + " " + e.Op.String() + " " + word(e.Y)
	case *syntax.ParenTest:
		return "( " + r.testText(e.X) + " )"
	}
	return ""
}
