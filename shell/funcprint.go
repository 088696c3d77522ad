package shell

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// funcText prints a function definition as bash's type and declare -f do
// (print_cmd.c's layout): four-space indents, a ";" after each command
// but the last of a group, words as they were written.
func (r *Runner) funcText(name string, fn *funcDef) string {
	p := &bashPrinter{src: fn.src}
	p.WriteString(name + " () \n")
	p.funcBody(fn.body, 0)
	p.WriteString("\n")
	return p.String()
}

// bashPrinter writes commands in bash's layout.
type bashPrinter struct {
	strings.Builder
	src *srcText
	// hdocs are the here-documents of the command being printed; their
	// bodies follow its line.
	hdocs []*syntax.Redirect
}

func (p *bashPrinter) text(n syntax.Node) string { return p.src.nodeText(n) }

func (p *bashPrinter) newline(ind int) {
	p.WriteByte('\n')
	p.WriteString(strings.Repeat(" ", ind))
}

// funcBody prints a function's body, always as a { } group.
func (p *bashPrinter) funcBody(body *syntax.Stmt, ind int) {
	if b, ok := body.Cmd.(*syntax.Block); ok && !body.Negated && !body.Background {
		p.block(b, ind)
		p.redirs(body.Redirs)
		p.flushHdocs()
		return
	}
	p.WriteString("{ ")
	p.newline(ind + 4)
	p.stmt(body, ind+4)
	p.flushHdocs()
	p.newline(ind)
	p.WriteString("}")
}

func (p *bashPrinter) block(b *syntax.Block, ind int) {
	p.WriteString("{ ")
	p.newline(ind + 4)
	p.list(b.Stmts, ind+4, false)
	p.newline(ind)
	p.WriteString("}")
}

// list prints statements one per line; termAll ends the last one with
// ";" too, as bash does inside if, while and for bodies.
func (p *bashPrinter) list(stmts []*syntax.Stmt, ind int, termAll bool) {
	for i, st := range stmts {
		last := i == len(stmts)-1
		p.stmt(st, ind)
		switch {
		case st.Background:
			p.WriteString(" &")
			if !last {
				p.WriteString(" ")
			}
			p.flushHdocs()
		case len(p.hdocs) > 0:
			p.flushHdocs()
			if !last {
				p.newline(ind)
			}
		case !last:
			p.WriteString(";")
			p.newline(ind)
		case termAll:
			p.WriteString(";")
		}
	}
}

// inline prints a condition list on one line: "a; b".
func (p *bashPrinter) inline(stmts []*syntax.Stmt, ind int) {
	for i, st := range stmts {
		if i > 0 {
			p.WriteString("; ")
		}
		p.stmt(st, ind)
		if st.Background {
			p.WriteString(" &")
		}
	}
}

func (p *bashPrinter) stmt(st *syntax.Stmt, ind int) {
	if st.Negated {
		p.WriteString("! ")
	}
	if st.Cmd != nil {
		p.command(st.Cmd, ind)
	}
	if st.Cmd != nil && len(st.Redirs) > 0 {
		p.WriteString(" ")
	}
	p.redirsBare(st.Redirs)
}

func (p *bashPrinter) redirs(rs []*syntax.Redirect) {
	if len(rs) > 0 {
		p.WriteString(" ")
	}
	p.redirsBare(rs)
}

func (p *bashPrinter) redirsBare(rs []*syntax.Redirect) {
	for i, rd := range rs {
		if i > 0 {
			p.WriteString(" ")
		}
		p.redirect(rd)
	}
}

// redirect prints one redirection as bash does: "> file", "2>&1",
// "1>&2" (the fd of a dup is always shown), "<<EOF".
func (p *bashPrinter) redirect(rd *syntax.Redirect) {
	if rd.N != nil {
		p.WriteString(rd.N.Value)
	}
	op := rd.Op.String()
	switch rd.Op {
	case syntax.DplOut, syntax.DplIn:
		if rd.N == nil {
			if rd.Op == syntax.DplOut {
				p.WriteString("1")
			} else {
				p.WriteString("0")
			}
		}
		p.WriteString(op + p.text(rd.Word))
	case syntax.Hdoc, syntax.DashHdoc:
		p.WriteString(op + p.text(rd.Word))
		p.hdocs = append(p.hdocs, rd)
	default:
		p.WriteString(op + " " + p.text(rd.Word))
	}
}

// flushHdocs prints the pending here-document bodies.
func (p *bashPrinter) flushHdocs() {
	for i, rd := range p.hdocs {
		if i == 0 {
			p.WriteString("\n")
		}
		body := ""
		if rd.Hdoc != nil {
			body = p.text(rd.Hdoc)
		}
		if rd.Op == syntax.DashHdoc {
			lines := strings.SplitAfter(body, "\n")
			for i, l := range lines {
				lines[i] = strings.TrimLeft(l, "\t")
			}
			body = strings.Join(lines, "")
		}
		delim := unquotedDelim(rd.Word)
		if body != "" && !strings.HasSuffix(body, "\n") {
			body += "\n"
		}
		p.WriteString(body)
		// mvdan's body may or may not include the closing line.
		if body != delim+"\n" && !strings.HasSuffix(body, "\n"+delim+"\n") {
			p.WriteString(delim + "\n")
		}
	}
	p.hdocs = p.hdocs[:0]
}

// unquotedDelim is a here-document's delimiter without its quotes.
func unquotedDelim(w *syntax.Word) string {
	var sb strings.Builder
	for _, part := range w.Parts {
		switch x := part.(type) {
		case *syntax.Lit:
			sb.WriteString(strings.ReplaceAll(x.Value, `\`, ""))
		case *syntax.SglQuoted:
			sb.WriteString(x.Value)
		case *syntax.DblQuoted:
			for _, q := range x.Parts {
				if l, ok := q.(*syntax.Lit); ok {
					sb.WriteString(l.Value)
				}
			}
		}
	}
	return sb.String()
}

// word prints a word as written, except that $'...' and $"..." are shown
// as bash stores them.
func (p *bashPrinter) word(w *syntax.Word) string {
	var sb strings.Builder
	for _, part := range w.Parts {
		switch x := part.(type) {
		case *syntax.DblQuoted:
			if x.Dollar {
				sb.WriteString(strings.TrimPrefix(p.text(x), "$"))
				continue
			}
		case *syntax.SglQuoted:
			if x.Dollar {
				sb.WriteString(shellQuoteAlias(ansiCString(x.Value)))
				continue
			}
		}
		sb.WriteString(p.text(part))
	}
	return sb.String()
}

func (p *bashPrinter) words(ws []*syntax.Word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = p.word(w)
	}
	return strings.Join(parts, " ")
}

func (p *bashPrinter) command(cm syntax.Command, ind int) {
	switch c := cm.(type) {
	case *syntax.CallExpr:
		var parts []string
		for _, a := range c.Assigns {
			parts = append(parts, p.text(a))
		}
		if len(c.Args) > 0 {
			parts = append(parts, p.words(c.Args))
		}
		p.WriteString(strings.Join(parts, " "))
	case *syntax.BinaryCmd:
		p.stmt(c.X, ind)
		if c.X.Background {
			p.WriteString(" &")
		}
		p.WriteString(" " + c.Op.String() + " ")
		p.stmt(c.Y, ind)
	case *syntax.Block:
		p.block(c, ind)
	case *syntax.Subshell:
		p.WriteString("( ")
		p.list(c.Stmts, ind, false)
		p.WriteString(" )")
	case *syntax.IfClause:
		p.ifClause(c, ind)
	case *syntax.WhileClause:
		if c.Until {
			p.WriteString("until ")
		} else {
			p.WriteString("while ")
		}
		p.inline(c.Cond, ind)
		p.WriteString("; do")
		p.body(c.Do, ind)
		p.WriteString("done")
	case *syntax.ForClause:
		p.forClause(c, ind)
	case *syntax.CaseClause:
		p.caseClause(c, ind)
	case *syntax.FuncDecl:
		p.WriteString("function " + c.Name.Value + " () ")
		p.newline(ind)
		p.funcBody(c.Body, ind)
	case *syntax.TimeClause:
		p.WriteString("time ")
		if c.PosixFormat {
			p.WriteString("-p ")
		}
		if c.Stmt != nil {
			p.stmt(c.Stmt, ind)
		}
	case *syntax.CoprocClause:
		name := "COPROC"
		if c.Name != nil {
			name = p.word(c.Name)
		}
		p.WriteString("coproc " + name + " ")
		p.stmt(c.Stmt, ind)
	case *syntax.DeclClause:
		parts := []string{c.Variant.Value}
		for _, a := range c.Args {
			parts = append(parts, p.text(a))
		}
		p.WriteString(strings.Join(parts, " "))
	default:
		// [[ ]], (( )), let and the rest: as written.
		p.WriteString(p.text(cm))
	}
}

// body prints the statements of a do/then/else part, each ended by ";",
// and leaves the line indented for the closing keyword.
func (p *bashPrinter) body(stmts []*syntax.Stmt, ind int) {
	p.newline(ind + 4)
	p.list(stmts, ind+4, true)
	p.newline(ind)
}

func (p *bashPrinter) ifClause(c *syntax.IfClause, ind int) {
	p.WriteString("if ")
	p.inline(c.Cond, ind)
	p.WriteString("; then")
	p.body(c.Then, ind)
	if e := c.Else; e != nil {
		p.WriteString("else")
		if len(e.Cond) > 0 {
			// elif is shown as an if nested in the else part.
			p.newline(ind + 4)
			p.ifClause(e, ind+4)
			p.WriteString(";")
			p.newline(ind)
		} else {
			p.body(e.Then, ind)
		}
	}
	p.WriteString("fi")
}

func (p *bashPrinter) forClause(c *syntax.ForClause, ind int) {
	kw := "for"
	if c.Select {
		kw = "select"
	}
	switch l := c.Loop.(type) {
	case *syntax.WordIter:
		items := `"$@"`
		if l.InPos.IsValid() {
			items = p.words(l.Items)
		}
		p.WriteString(kw + " " + l.Name.Value + " in " + items + ";")
	case *syntax.CStyleLoop:
		part := func(x syntax.ArithmExpr) string {
			if x == nil {
				return "1"
			}
			return p.text(x)
		}
		p.WriteString("for ((" + part(l.Init) + "; " + part(l.Cond) + "; " + part(l.Post) + "))")
	}
	p.newline(ind)
	p.WriteString("do")
	p.body(c.Do, ind)
	p.WriteString("done")
}

func (p *bashPrinter) caseClause(c *syntax.CaseClause, ind int) {
	p.WriteString("case " + p.word(c.Word) + " in ")
	for _, it := range c.Items {
		p.newline(ind + 4)
		pats := make([]string, len(it.Patterns))
		for i, w := range it.Patterns {
			pats[i] = p.word(w)
		}
		p.WriteString(strings.Join(pats, " | ") + ")")
		if len(it.Stmts) == 0 {
			p.WriteString("\n")
		} else {
			p.newline(ind + 8)
		}
		p.list(it.Stmts, ind+8, false)
		p.flushHdocs()
		p.newline(ind + 4)
		p.WriteString(it.Op.String())
	}
	p.newline(ind)
	p.WriteString("esac")
}
