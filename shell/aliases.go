package shell

import (
	"sort"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// expandAliases rewrites a parsed line as bash does: the text of an alias
// replaces the command word it names and the line is parsed again, so an
// alias may expand to a pipeline or a list. Each alias is expanded at most
// once per line, which also stops recursive aliases such as ls='ls -l'.
func (r *Runner) expandAliases(stmts []*syntax.Stmt, lr *lineReader) []*syntax.Stmt {
	if len(stmts) == 0 {
		return stmts
	}
	firstLine := stmts[0].Pos().Line()
	lastLine := stmts[len(stmts)-1].End().Line()
	if int(lastLine) > len(lr.lines) || firstLine == 0 {
		return stmts
	}
	// The line's text, from the start of its first line.
	text := strings.Join(lr.lines[firstLine-1:lastLine], "")
	base := lineStartOffset(lr.lines, firstLine)
	used := map[string]bool{}
	for pass := 0; pass < 4; pass++ {
		type span struct {
			start, end uint
			val        string
		}
		var spans []span
		seenThisPass := map[string]bool{}
		for _, st := range stmts {
			syntax.Walk(st, func(n syntax.Node) bool {
				call, ok := n.(*syntax.CallExpr)
				if !ok || len(call.Args) == 0 {
					return true
				}
				w := call.Args[0]
				if len(w.Parts) != 1 {
					return true
				}
				lit, ok := w.Parts[0].(*syntax.Lit)
				if !ok {
					return true
				}
				val, isAlias := r.aliases[lit.Value]
				if !isAlias || used[lit.Value] {
					return true
				}
				seenThisPass[lit.Value] = true
				spans = append(spans, span{w.Pos().Offset() - base, w.End().Offset() - base, val})
				return true
			})
		}
		if len(spans) == 0 {
			return stmts
		}
		for name := range seenThisPass {
			used[name] = true
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i].start > spans[j].start })
		for _, s := range spans {
			if int(s.end) > len(text) {
				return stmts
			}
			text = text[:s.start] + s.val + text[s.end:]
		}
		p := r.newParser()
		f, err := p.Parse(strings.NewReader(strings.Repeat("\n", int(firstLine)-1)+text), "")
		if err != nil {
			r.syntaxError(err, &lineReader{lines: strings.SplitAfter(strings.Repeat("\n", int(firstLine)-1)+text, "\n")}, ModeScript)
			return nil
		}
		stmts = f.Stmts
		base = uint(firstLine) - 1
	}
	return stmts
}

func lineStartOffset(lines []string, line uint) uint {
	off := 0
	for i := 0; i < int(line)-1 && i < len(lines); i++ {
		off += len(lines[i])
	}
	return uint(off)
}
