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
	// cands are offsets in text of words that may be aliases although
	// they are not in command position.
	cands := map[uint]bool{}
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
				// An alias whose value ends in a blank makes the next
				// word a candidate too, as is the first word of an alias
				// text substituted at a candidate position.
				next := false
				for i, w := range call.Args {
					cand := i == 0 || next || cands[w.Pos().Offset()-base]
					next = false
					if !cand || len(w.Parts) != 1 {
						continue
					}
					lit, ok := w.Parts[0].(*syntax.Lit)
					if !ok {
						continue
					}
					val, isAlias := r.aliases[lit.Value]
					if !isAlias || used[lit.Value] {
						continue
					}
					seenThisPass[lit.Value] = true
					spans = append(spans, span{w.Pos().Offset() - base, w.End().Offset() - base, val})
					next = strings.HasSuffix(val, " ") || strings.HasSuffix(val, "\t")
				}
				return true
			})
		}
		if len(spans) == 0 {
			return stmts
		}
		for name := range seenThisPass {
			used[name] = true
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
		var sb strings.Builder
		last := uint(0)
		cands = map[uint]bool{}
		for _, s := range spans {
			if int(s.end) > len(text) || s.start < last {
				return stmts
			}
			sb.WriteString(text[last:s.start])
			at := uint(sb.Len())
			cands[at+skipBlanks(s.val)] = true
			sb.WriteString(s.val)
			if strings.HasSuffix(s.val, " ") || strings.HasSuffix(s.val, "\t") {
				cands[uint(sb.Len())+skipBlanks(text[s.end:])] = true
			}
			last = s.end
		}
		sb.WriteString(text[last:])
		text = sb.String()
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

// skipBlanks returns the number of leading blanks of s.
func skipBlanks(s string) uint {
	return uint(len(s) - len(strings.TrimLeft(s, " \t")))
}

func lineStartOffset(lines []string, line uint) uint {
	off := 0
	for i := 0; i < int(line)-1 && i < len(lines); i++ {
		off += len(lines[i])
	}
	return uint(off)
}
