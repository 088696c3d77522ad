package shell

import (
	"os/user"
	"strconv"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"tcpsh/shell/internal/format"
)

// Word expansion in the manner of bash: tilde, parameter, command and
// arithmetic expansion, then field splitting on IFS and pathname
// expansion. Brace expansion and the final globbing step reuse
// mvdan.cc/sh/v3/expand; everything else is done here so that quoting,
// IFS rules, error wording and the C locale match bash.

// expMode says what a word is expanded for.
type expMode int

const (
	modeFields  expMode = iota // command arguments: split and glob
	modeLiteral                // one string, no splitting or globbing
	modeAssign                 // like modeLiteral, with tildes after ':'
	modePattern                // one pattern string: quoted characters escaped
	modeRepl                   // a ${x/p/r} replacement: quoted & and \ escaped
	modeDoc                    // a here-document body
)

// seg is a piece of a field; quoted pieces are neither split nor globbed.
type seg struct {
	s      string
	quoted bool
}

// wordExp accumulates the fields of one word.
type wordExp struct {
	r         *Runner
	mode      expMode
	ifs       string
	fields    [][]seg
	cur       []seg
	curHas    bool // the current field exists, even if empty
	pendingWS bool // IFS white space just ended a field
	// Room for the usual word, one field of up to two segments, so that
	// it costs no allocation beyond x itself. endField never reuses
	// curBuf: a later field gets its own array.
	curBuf    [2]seg
	fieldsBuf [1][]seg
}

// wordExps recycles wordExp values: every assignment and parameter
// expansion makes one, and in a loop that was most of the allocations.
var wordExps = sync.Pool{New: func() any { return new(wordExp) }}

func (r *Runner) newWordExp(mode expMode) *wordExp {
	x := wordExps.Get().(*wordExp)
	x.r, x.mode = r, mode
	x.cur, x.fields = x.curBuf[:0], x.fieldsBuf[:0]
	if mode == modeFields {
		vr := r.vars.get("IFS")
		if vr.IsSet() {
			x.ifs = vr.String()
		} else {
			x.ifs = " \t\n"
		}
	}
	return x
}

// free returns x to wordExps once its result has been taken (strings
// only: nothing may keep x or its slices).
func (x *wordExp) free() {
	*x = wordExp{}
	wordExps.Put(x)
}

// lit adds text that is not subject to splitting.
func (x *wordExp) lit(s string, quoted bool) {
	if s == "" && !quoted {
		return
	}
	x.cur = append(x.cur, seg{s, quoted})
	x.curHas = true
	x.pendingWS = false
}

// exp adds the result of an expansion: split on IFS when unquoted in
// fields mode.
func (x *wordExp) exp(s string, quoted bool) {
	if quoted || x.mode != modeFields {
		if quoted {
			x.lit(s, true)
		} else if s != "" {
			x.cur = append(x.cur, seg{s, false})
			x.curHas = true
		}
		return
	}
	if x.ifs == "" {
		x.lit(s, false)
		return
	}
	start := -1
	flushText := func(end int) {
		if start >= 0 {
			x.lit(s[start:end], false)
			start = -1
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if strings.IndexByte(x.ifs, c) < 0 {
			if start < 0 {
				start = i
			}
			continue
		}
		flushText(i)
		if c == ' ' || c == '\t' || c == '\n' {
			if x.curHas {
				x.endField()
				x.pendingWS = true
			}
			continue
		}
		// A non-white-space delimiter.
		switch {
		case x.curHas:
			x.endField()
		case x.pendingWS:
		default:
			x.endField()
			x.fields = append(x.fields, nil)
		}
		x.pendingWS = false
	}
	flushText(len(s))
}

// endField closes the current field if it exists.
func (x *wordExp) endField() {
	if x.curHas {
		x.fields = append(x.fields, x.cur)
	}
	x.cur, x.curHas = nil, false
}

// fieldBreak separates the elements of "$@" and friends.
func (x *wordExp) fieldBreak() {
	if x.mode == modeFields {
		x.endField()
		x.pendingWS = false
		return
	}
	x.lit(" ", true)
}

// expandFields expands words into fields.
func (r *Runner) expandFields(words []*syntax.Word) ([]string, error) {
	out := make([]string, 0, len(words))
	// One wordExp (and one IFS lookup) serves every word of the command.
	x := r.newWordExp(modeFields)
	var err error
	for _, w := range words {
		if hasBraceCandidate(w) {
			out, err = x.bracedFieldsOf(out, w)
		} else {
			out, err = x.fieldsOf(out, w)
		}
		if err != nil {
			return nil, err
		}
	}
	x.free()
	return out, nil
}

// bracedFieldsOf is fieldsOf after brace expansion. It is apart from
// expandFields so that the variables its loop body captures do not move
// every command's to the heap.
func (x *wordExp) bracedFieldsOf(out []string, w *syntax.Word) ([]string, error) {
	cp := *w
	if !syntax.SplitBraces(&cp) {
		return x.fieldsOf(out, w)
	}
	var err error
	for bw, berr := range expand.BracesSeq(nil, &cp) {
		if berr != nil {
			return out, berr
		}
		if out, err = x.fieldsOf(out, bw); err != nil {
			return out, err
		}
	}
	return out, nil
}

// fieldsOf appends the fields of w, after pathname expansion, to out.
func (x *wordExp) fieldsOf(out []string, w *syntax.Word) ([]string, error) {
	// The previous word's fields are strings in out by now, so the
	// arrays can be reused.
	x.fields, x.cur, x.curHas, x.pendingWS = x.fields[:0], x.curBuf[:0], false, false
	if err := x.word(w); err != nil {
		return out, err
	}
	x.endField()
	for _, f := range x.fields {
		var err error
		if out, err = x.r.globField(out, f); err != nil {
			return out, err
		}
	}
	return out, nil
}

// hasBraceCandidate reports whether w has an unquoted literal '{'.
func hasBraceCandidate(w *syntax.Word) bool {
	for _, p := range w.Parts {
		if l, ok := p.(*syntax.Lit); ok && strings.Contains(l.Value, "{") {
			return true
		}
	}
	return false
}

// expandString expands w to one string in the given mode.
func (r *Runner) expandString(w *syntax.Word, mode expMode) (string, error) {
	x := r.newWordExp(mode)
	if err := x.word(w); err != nil {
		return "", err
	}
	s := x.joined()
	x.free()
	return s, nil
}

// joined concatenates the pieces, escaping quoted ones in pattern modes.
func (x *wordExp) joined() string {
	if len(x.fields) == 0 {
		switch {
		case len(x.cur) == 0:
			return ""
		case len(x.cur) == 1 && (!x.cur[0].quoted || x.mode != modePattern && x.mode != modeRepl):
			return x.cur[0].s // one piece, nothing to escape: no copy
		}
	}
	var sb strings.Builder
	for _, f := range x.fields {
		x.writeSegs(&sb, f)
	}
	x.writeSegs(&sb, x.cur)
	return sb.String()
}

func (x *wordExp) writeSegs(sb *strings.Builder, segs []seg) {
	for _, s := range segs {
		switch {
		case !s.quoted:
			sb.WriteString(s.s)
		case x.mode == modePattern:
			sb.WriteString(quotePattern(s.s))
		case x.mode == modeRepl:
			for i := 0; i < len(s.s); i++ {
				if s.s[i] == '&' || s.s[i] == '\\' {
					sb.WriteByte('\\')
				}
				sb.WriteByte(s.s[i])
			}
		default:
			sb.WriteString(s.s)
		}
	}
}

// quotePattern escapes every pattern-special character of s.
func quotePattern(s string) string {
	if !strings.ContainsAny(s, "*?[]\\()|!@+{}^") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte("*?[]\\()|!@+{}^", s[i]) >= 0 {
			sb.WriteByte('\\')
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

// word expands the parts of w.
func (x *wordExp) word(w *syntax.Word) error {
	if w == nil {
		return nil
	}
	return x.parts(w.Parts, false)
}

func (x *wordExp) parts(parts []syntax.WordPart, dq bool) error {
	for i, p := range parts {
		switch p := p.(type) {
		case *syntax.Lit:
			s := p.Value
			if !dq {
				if i == 0 && x.mode != modeRepl {
					s = x.tilde(s, len(parts) > 1)
				}
				x.unquotedLit(s)
				continue
			}
			if x.mode == modeDoc {
				x.lit(unescapeQuoted(s, "$`\\"), true)
			} else {
				x.lit(unescapeQuoted(s, "$`\"\\"), true)
			}
		case *syntax.SglQuoted:
			s := p.Value
			if p.Dollar {
				s = x.ansiC(s)
			}
			x.lit(s, true)
		case *syntax.DblQuoted:
			if len(p.Parts) == 1 {
				if pe, ok := p.Parts[0].(*syntax.ParamExp); ok {
					if err := x.param(pe, true); err != nil {
						return err
					}
					continue
				}
			}
			x.lit("", true)
			if err := x.parts(p.Parts, true); err != nil {
				return err
			}
		case *syntax.ParamExp:
			if err := x.param(p, dq); err != nil {
				return err
			}
		case *syntax.CmdSubst:
			var sb strings.Builder
			if err := x.r.cmdSubst(&sb, p); err != nil {
				return err
			}
			out := sb.String()
			if strings.IndexByte(out, 0) >= 0 {
				x.r.errf("warning: command substitution: ignored null byte in input")
				out = strings.ReplaceAll(out, "\x00", "")
			}
			out = strings.TrimRight(out, "\n")
			x.exp(out, dq)
		case *syntax.ArithmExp:
			n, err := x.r.arith(p.X)
			if err != nil {
				return err
			}
			x.exp(strconv.Itoa(n), dq)
		case *syntax.ProcSubst:
			path, err := x.r.procSubst(p)
			if err != nil {
				return err
			}
			x.lit(path, true)
		case *syntax.ExtGlob:
			x.lit(p.Op.String()+p.Pattern.Value+")", false)
		case *syntax.BraceExp:
			// Only reached when brace expansion did not apply.
			var sb strings.Builder
			syntax.NewPrinter().Print(&sb, p)
			x.lit(sb.String(), false)
		default:
			return errUnsupportedPart
		}
	}
	return nil
}

type expandErr string

func (e expandErr) Error() string { return string(e) }

const errUnsupportedPart = expandErr("unsupported word part")

// unquotedLit adds an unquoted literal: a backslash quotes the next
// character; in assignments tildes after ':' expand.
func (x *wordExp) unquotedLit(s string) {
	for {
		i := strings.IndexByte(s, '\\')
		if x.mode == modeAssign {
			if j := strings.Index(s, ":~"); j >= 0 && (i < 0 || j < i) {
				x.lit(s[:j+1], false)
				s = x.tilde(s[j+1:], false)
				continue
			}
		}
		if i < 0 || i == len(s)-1 {
			x.lit(s, false)
			return
		}
		x.lit(s[:i], false)
		if x.mode == modePattern || x.mode == modeRepl {
			// Keep the escape: the pattern matcher honours it.
			x.lit(s[i:i+2], false)
		} else {
			x.lit(s[i+1:i+2], true)
		}
		s = s[i+2:]
	}
}

// tilde expands a leading tilde prefix of s; more says that other word
// parts follow this literal.
func (x *wordExp) tilde(s string, more bool) string {
	if !strings.HasPrefix(s, "~") {
		return s
	}
	end := len(s)
	stop := "/"
	if x.mode == modeAssign {
		stop = "/:"
	}
	if i := strings.IndexAny(s, stop); i >= 0 {
		end = i
	} else if more {
		return s
	}
	name := s[1:end]
	var home string
	switch name {
	case "":
		vr := x.r.vars.get("HOME")
		if !vr.IsSet() {
			if u, err := user.Current(); err == nil {
				home = u.HomeDir
			}
		} else {
			home = vr.String()
		}
	case "+":
		home = x.r.getString("PWD")
	case "-":
		vr := x.r.vars.get("OLDPWD")
		if !vr.IsSet() {
			return s
		}
		home = vr.String()
	default:
		if strings.ContainsAny(name, "\\'\"$`") {
			return s
		}
		u, err := user.Lookup(name)
		if err != nil {
			return s
		}
		home = u.HomeDir
	}
	x.lit(home, true)
	return s[end:]
}

// globField expands one field: pathname expansion when it has unquoted
// pattern characters, else quote removal only.
func (r *Runner) globField(out []string, f []seg) ([]string, error) {
	if r.opts.noglob || !mayGlob(f) {
		return append(out, joinSegs(f)), nil
	}
	// Quoted pieces match literally: escape them (glob.go).
	var p string
	if len(f) == 1 && !f[0].quoted {
		p = f[0].s
	} else {
		var pat strings.Builder
		for _, s := range f {
			if s.quoted {
				pat.WriteString(quotePattern(s.s))
			} else {
				pat.WriteString(s.s)
			}
		}
		p = pat.String()
	}
	if !r.hasGlobMeta(p) {
		return append(out, joinSegs(f)), nil // `[`, `a+b`: nothing to match
	}
	g, err := r.globExpand(p, joinSegs(f))
	return append(out, g...), err
}

// mayGlob reports whether an unquoted piece of f holds a character that
// can start a pattern; most fields have none and skip pathname expansion.
func mayGlob(f []seg) bool {
	for _, s := range f {
		if !s.quoted && strings.ContainsAny(s.s, "*?[+@!") {
			return true
		}
	}
	return false
}

// joinSegs concatenates a field's pieces.
func joinSegs(f []seg) string {
	switch len(f) {
	case 0:
		return ""
	case 1:
		return f[0].s
	}
	var sb strings.Builder
	for _, s := range f {
		sb.WriteString(s.s)
	}
	return sb.String()
}

// ansiCString decodes the backslash escapes of $'...' as in a UTF-8
// locale (for printing function bodies); wordExp.ansiC follows the
// shell's locale.
func ansiCString(s string) string { return format.ANSIC(s, true) }

// ansiC decodes the backslash escapes of $'...' and ${x@E}.
func (x *wordExp) ansiC(s string) string { return format.ANSIC(s, x.r.utf8) }

// unescapeQuoted removes the backslashes that quote one of the bytes in
// special, and backslash-newline pairs: "$`\"\\" inside "...", "$`\\" in a
// here-document body.
func unescapeQuoted(s, special string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch c := s[i+1]; {
			case c == '\n':
				i++
				continue
			case strings.IndexByte(special, c) >= 0:
				i++
			}
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}
