package shell

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// syntaxError prints a parse error the way bash 5.2 words it for the given
// mode; lr holds the lines read so far.
func (r *Runner) syntaxError(err error, lr *lineReader, mode Mode) {
	var pe syntax.ParseError
	if !errors.As(err, &pe) {
		r.errf("%v", err)
		return
	}
	msg, line, echo := translateParseError(pe, lr)
	prefix := r.errName + ": "
	switch mode {
	case ModeString:
		prefix = fmt.Sprintf("%s: -c: line %d: ", r.errName, line)
	case ModeScript:
		prefix = fmt.Sprintf("%s: line %d: ", r.errName, line)
	}
	out := prefix + msg + "\n"
	if echo && mode != ModeInteractive {
		out += prefix + "`" + lr.lineText(line) + "'\n"
	}
	io.WriteString(r.out(2), unescapeRaw(out))
}

// syntaxErrorEval reports an error in an eval'd or trap string: bash
// words it "NAME: eval: line N: msg".
func (r *Runner) syntaxErrorEval(err error, lr *lineReader, name string) {
	var pe syntax.ParseError
	if !errors.As(err, &pe) {
		r.errf("%v", err)
		return
	}
	msg, line, echo := translateParseError(pe, lr)
	prefix := r.errName + ": "
	if r.errLine {
		if name == "eval" {
			prefix += "eval: "
		}
		prefix += fmt.Sprintf("line %d: ", line)
	}
	out := prefix + msg + "\n"
	if echo {
		out += prefix + "`" + lr.lineText(line) + "'\n"
	}
	io.WriteString(r.out(2), unescapeRaw(out))
}

// translateParseError turns mvdan's parse error into bash's message, the
// line bash reports it on, and whether bash echoes the offending line.
func translateParseError(pe syntax.ParseError, lr *lineReader) (msg string, line uint, echo bool) {
	line = pe.Pos.Line()
	eofLine := uint(len(lr.lines)) + 1
	text := pe.Text
	if pe.Incomplete {
		switch {
		case strings.HasPrefix(text, "reached EOF without closing quote "):
			q := strings.TrimPrefix(text, "reached EOF without closing quote ")
			if len(q) >= 3 {
				q = q[1 : len(q)-1]
			}
			return "unexpected EOF while looking for matching `" + q + "'", line, false
		case strings.HasPrefix(text, "reached EOF without matching "):
			open, close := backquoted(text)
			switch open {
			case "$(":
				return "unexpected EOF while looking for matching `)'", eofLine, false
			case "${", "$[":
				return "unexpected EOF while looking for matching `" + close + "'", line, false
			case "(":
				src := lr.lineText(line)
				if col := int(pe.Pos.Col()); col >= 2 && col-2 < len(src) && src[col-2] == '=' {
					return "unexpected EOF while looking for matching `)'", line, false
				}
			}
		case strings.HasSuffix(text, "must be followed by an expression") && !strings.HasPrefix(text, "`[[`"):
			return "unexpected EOF while looking for matching `)'", line, false
		}
		return "syntax error: unexpected end of file", eofLine, false
	}
	tok := ""
	switch {
	case strings.Contains(text, "encountered `"):
		tok, _ = backquoted(text[strings.Index(text, "encountered `"):])
	case strings.Contains(text, "must be followed by"):
		tok = tokenAfter(lr.lineText(line), int(pe.Pos.Col())-1)
	case strings.HasPrefix(text, "`") && strings.Contains(text, "` can only"):
		tok, _ = backquoted(text)
	default:
		tok = tokenAt(lr.lineText(line), int(pe.Pos.Col())-1)
	}
	if strings.HasPrefix(text, "unclosed here-document") {
		return "syntax error: unexpected end of file", eofLine, false
	}
	return "syntax error near unexpected token `" + tok + "'", line, true
}

// backquoted returns the first two `quoted` parts of s.
func backquoted(s string) (string, string) {
	var parts []string
	for len(parts) < 2 {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			break
		}
		s = s[i+1:]
		j := strings.IndexByte(s, '`')
		if j < 0 {
			break
		}
		parts = append(parts, s[:j])
		s = s[j+1:]
	}
	for len(parts) < 2 {
		parts = append(parts, "")
	}
	return parts[0], parts[1]
}

const opChars = ";&|()<>"

// tokenAt returns the shell token starting at byte offset i of line.
func tokenAt(line string, i int) string {
	if i < 0 || i >= len(line) {
		return "newline"
	}
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i >= len(line) {
		return "newline"
	}
	if strings.IndexByte(opChars, line[i]) >= 0 {
		for _, op := range []string{";;&", ";;", ";&", "&&", "||", "|&", ">>", "<<", ">&", "<&", "&>", "<>", ">|"} {
			if strings.HasPrefix(line[i:], op) {
				return op
			}
		}
		return line[i : i+1]
	}
	j := i
	for j < len(line) && line[j] != ' ' && line[j] != '\t' && strings.IndexByte(opChars, line[j]) < 0 {
		j++
	}
	return line[i:j]
}

// tokenAfter skips the token at offset i and returns the next one.
func tokenAfter(line string, i int) string {
	if i < 0 || i >= len(line) {
		return "newline"
	}
	tok := tokenAt(line, i)
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return tokenAt(line, i+len(tok))
}
