package shell

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// pval is the value of a parameter before any operator applies.
type pval struct {
	name       string // resolved variable name
	index      syntax.ArithmExpr
	str        string
	list       []string // elements, for @ and * forms
	indexes    []int    // indexes of a sparse array's elements
	isList     bool
	star       bool // * form: joined with the first IFS character
	set        bool
	positional bool // $@ / $*: slicing counts from $0
	vr         expand.Variable
}

func isAtStar(x syntax.ArithmExpr) (bool, bool) {
	w, ok := x.(*syntax.Word)
	if !ok || len(w.Parts) != 1 {
		return false, false
	}
	l, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return false, false
	}
	switch l.Value {
	case "@":
		return true, false
	case "*":
		return true, true
	}
	return false, false
}

// badSubst is bash's "bad substitution" error.
type badSubst struct{ text string }

func (e badSubst) Error() string { return e.text + ": bad substitution" }

// plainExpandErr is a non-fatal expansion error printed as is.
type plainExpandErr string

func (e plainExpandErr) Error() string { return string(e) }

// ifsJoiner returns the separator for "$*": the first character of IFS.
func (r *Runner) ifsJoiner() string {
	vr := r.vars.get("IFS")
	if !vr.IsSet() {
		return " "
	}
	s := vr.String()
	if s == "" {
		return ""
	}
	c := r.chars(s)
	_, n := firstRune(c)
	return r.unchars(c[:n])
}

// paramValue looks a parameter up.
func (r *Runner) paramValue(name string, index syntax.ArithmExpr) (pval, error) {
	switch name {
	case "@", "*":
		return pval{name: name, list: r.params, isList: true, star: name == "*", set: len(r.params) > 0, positional: true}, nil
	}
	if !validName(name) && !isSpecialParam(name) {
		return pval{}, badSubst{"${" + name + "}"}
	}
	if validName(name) {
		name = r.resolveRef(name)
	}
	vr := r.param(name)
	v := pval{name: name, index: index, vr: vr}
	if index == nil {
		switch vr.Kind {
		case expand.Indexed:
			v.str, v.set = indexGet(vr, 0)
		case expand.Associative:
			v.str, v.set = vr.Map["0"]
		default:
			v.str, v.set = vr.String(), vr.IsSet()
		}
		return v, nil
	}
	if all, star := isAtStar(index); all {
		v.isList, v.star = true, star
		switch vr.Kind {
		case expand.Indexed:
			v.list, v.indexes = vr.List, vr.Indexes
		case expand.Associative:
			for _, k := range assocKeys(vr) {
				v.list = append(v.list, vr.Map[k])
			}
		default:
			if vr.IsSet() {
				v.list = []string{vr.String()}
			}
		}
		v.set = vr.IsSet()
		return v, nil
	}
	switch vr.Kind {
	case expand.Associative:
		key, err := r.assocKey(index)
		if err != nil {
			return v, err
		}
		v.str, v.set = vr.Map[key]
		return v, nil
	}
	n, err := r.arith(index)
	if err != nil {
		return v, err
	}
	if n < 0 {
		n += maxIndex(vr) + 1
		if n < 0 {
			return v, badSubscript{name}
		}
	}
	v.str, v.set = indexGet(vr, n)
	return v, nil
}

func isSpecialParam(name string) bool {
	switch name {
	case "#", "?", "$", "!", "-", "0", "@", "*":
		return true
	}
	return isDigits(name)
}

// parseRef splits an indirect reference "name" or "name[sub]".
func (r *Runner) parseRef(ref string) (string, syntax.ArithmExpr, bool) {
	if validName(ref) || isSpecialParam(ref) {
		return ref, nil, true
	}
	i := strings.IndexByte(ref, '[')
	if i <= 0 || !strings.HasSuffix(ref, "]") || !validName(ref[:i]) {
		return "", nil, false
	}
	sub := ref[i+1 : len(ref)-1]
	if sub == "@" || sub == "*" {
		return ref[:i], &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: sub}}}, true
	}
	return ref[:i], &syntax.Word{Parts: []syntax.WordPart{&syntax.SglQuoted{Value: sub}}}, true
}

// param expands one parameter expansion into x.
func (x *wordExp) param(pe *syntax.ParamExp, dq bool) error {
	r := x.r
	if pe.Param == nil {
		return badSubst{"${}"}
	}
	name := pe.Param.Value
	if pe.Excl && pe.Names != 0 {
		var names []string
		for _, n := range r.vars.names() {
			if strings.HasPrefix(n, name) && r.vars.get(n).IsSet() {
				names = append(names, n)
			}
		}
		x.emitList(names, pe.Names == syntax.NamesPrefix, dq)
		return nil
	}
	if all, star := isAtStar(pe.Index); pe.Excl && all {
		vr := r.lookupVar(name)
		var keys []string
		switch vr.Kind {
		case expand.Indexed:
			keys = arrayIndexes(vr)
		case expand.Associative:
			keys = assocKeys(vr)
		default:
			if vr.IsSet() {
				keys = []string{"0"}
			}
		}
		x.emitList(keys, star, dq)
		return nil
	}
	index := pe.Index
	if pe.Excl {
		src := r.vars.get(name)
		if src.Kind == expand.NameRef && pe.Index == nil {
			x.exp(src.Str, dq)
			return nil
		}
		ref, err := r.paramValue(name, index)
		if err != nil {
			return err
		}
		if !ref.set {
			if r.opts.nounset {
				return expand.UnsetParameterError{Node: pe, Message: "unbound variable"}
			}
			return plainExpandErr(name + ": invalid indirect expansion")
		}
		n, idx, ok := r.parseRef(ref.str)
		if !ok {
			return plainExpandErr(ref.str + ": invalid variable name")
		}
		name, index = n, idx
	}
	if name == "LINENO" && index == nil && !pe.Excl {
		if vr := r.vars.get(name); !vr.IsSet() {
			// The expansion's own line, unless it comes from text parsed
			// apart (PS4, a prompt): then the current command's.
			line := int(pe.Pos().Line()) + r.lineOff
			if line < int(r.line) || r.inHereDoc {
				line = int(r.line)
			}
			x.exp(strconv.Itoa(line), dq)
			return nil
		}
	}
	v, err := r.paramValue(name, index)
	if err != nil {
		return err
	}
	if r.opts.nounset && !v.set && !overridesUnset(pe) && !(v.isList && v.positional) {
		if !(pe.Length && v.isList) {
			return expand.UnsetParameterError{Node: pe, Message: "unbound variable"}
		}
	}
	switch {
	case pe.Length:
		if v.isList {
			x.exp(strconv.Itoa(len(v.list)), dq)
		} else {
			x.exp(strconv.Itoa(r.charLen(v.str)), dq)
		}
		return nil
	case pe.Width, pe.IsSet:
		return badSubst{"${" + name + "}"}
	case pe.Slice != nil:
		return x.slice(pe, v, dq)
	case pe.Repl != nil:
		return x.replace(pe, v, dq)
	case pe.Exp != nil:
		return x.operator(pe, v, dq)
	}
	x.emit(v, dq)
	return nil
}

func overridesUnset(pe *syntax.ParamExp) bool {
	if pe.Exp == nil {
		return false
	}
	switch pe.Exp.Op {
	case syntax.AlternateUnset, syntax.AlternateUnsetOrNull,
		syntax.DefaultUnset, syntax.DefaultUnsetOrNull,
		syntax.ErrorUnset, syntax.ErrorUnsetOrNull,
		syntax.AssignUnset, syntax.AssignUnsetOrNull:
		return true
	}
	return false
}

// emit adds a value.
func (x *wordExp) emit(v pval, dq bool) {
	if v.isList {
		x.emitList(v.list, v.star, dq)
		return
	}
	x.exp(v.str, dq)
}

// emitList adds the elements of "$@"-like expansions.
func (x *wordExp) emitList(list []string, star, dq bool) {
	if dq && star || x.mode != modeFields {
		sep := " "
		if star {
			sep = x.r.ifsJoiner()
		}
		x.exp(strings.Join(list, sep), dq)
		return
	}
	for i, e := range list {
		if i > 0 {
			x.fieldBreak()
		}
		x.exp(e, dq)
	}
}

// slice implements ${x:offset:length}.
func (x *wordExp) slice(pe *syntax.ParamExp, v pval, dq bool) error {
	r := x.r
	off, err := r.arith(pe.Slice.Offset)
	if err != nil {
		return err
	}
	hasLen := pe.Slice.Length != nil
	length := 0
	if hasLen {
		if length, err = r.arith(pe.Slice.Length); err != nil {
			return err
		}
	}
	if v.isList {
		list, idx := v.list, v.indexes
		if v.positional {
			list = append([]string{r.name0}, list...)
		}
		if idx == nil {
			idx = make([]int, len(list))
			for i := range idx {
				idx[i] = i
			}
		}
		top := 0
		if len(idx) > 0 {
			top = idx[len(idx)-1] + 1
		}
		if off < 0 {
			off += top
			if off < 0 {
				x.emitList(nil, v.star, dq)
				return nil
			}
		}
		if hasLen && length < 0 {
			return plainExpandErr(strconv.Itoa(length) + ": substring expression < 0")
		}
		var out []string
		for i, n := range idx {
			if n >= off && (!hasLen || len(out) < length) {
				out = append(out, list[i])
			}
		}
		x.emitList(out, v.star, dq)
		return nil
	}
	c := r.chars(v.str)
	rs := []rune(c)
	n := len(rs)
	if off < 0 {
		off += n
		if off < 0 {
			x.exp("", dq)
			return nil
		}
	}
	if off > n {
		x.exp("", dq)
		return nil
	}
	end := n
	if hasLen {
		if length < 0 {
			end = n + length
			if end < off {
				return plainExpandErr(strconv.Itoa(length) + ": substring expression < 0")
			}
		} else if off+length < n {
			end = off + length
		}
	}
	x.exp(r.unchars(string(rs[off:end])), dq)
	return nil
}

// perElem applies f to the value or to each element.
func (x *wordExp) perElem(v pval, dq bool, f func(string) string) {
	if v.isList {
		out := make([]string, len(v.list))
		for i, e := range v.list {
			out[i] = f(e)
		}
		x.emitList(out, v.star, dq)
		return
	}
	x.exp(f(v.str), dq)
}

// replace implements ${x/pat/rep} and its variants.
func (x *wordExp) replace(pe *syntax.ParamExp, v pval, dq bool) error {
	r := x.r
	orig := pe.Repl.Orig
	anchor := byte(0)
	if orig != nil && len(orig.Parts) > 0 {
		if l, ok := orig.Parts[0].(*syntax.Lit); ok && l.Value != "" && (l.Value[0] == '#' || l.Value[0] == '%') {
			anchor = l.Value[0]
			cp := *orig
			cp.Parts = slices.Clone(orig.Parts)
			cp.Parts[0] = &syntax.Lit{Value: l.Value[1:]}
			orig = &cp
		}
	}
	pat, err := r.expandString(orig, modePattern)
	if err != nil {
		return err
	}
	with, err := r.expandString(pe.Repl.With, modeRepl)
	if err != nil {
		return err
	}
	if pat == "" && anchor == 0 {
		x.emit(v, dq)
		return nil
	}
	m := r.newMatcher(pat)
	x.perElem(v, dq, func(s string) string {
		return m.replace(s, with, pe.Repl.All, anchor)
	})
	return nil
}

// operator implements the ${x<op>word} forms.
func (x *wordExp) operator(pe *syntax.ParamExp, v pval, dq bool) error {
	r := x.r
	op := pe.Exp.Op
	null := !v.set
	if v.isList {
		null = len(v.list) == 0 || (len(v.list) == 1 && v.list[0] == "")
		if v.star || v.positional {
			null = strings.Join(v.list, "") == "" && len(v.list) <= 1 || len(v.list) == 0
		}
	} else if v.str == "" {
		null = true
	}
	unset := !v.set
	if v.isList {
		unset = len(v.list) == 0
	}
	useWord := func() error { return x.paramWord(pe.Exp.Word, dq) }
	switch op {
	case syntax.DefaultUnset, syntax.DefaultUnsetOrNull:
		if unset || op == syntax.DefaultUnsetOrNull && null {
			return useWord()
		}
		x.emit(v, dq)
		return nil
	case syntax.AlternateUnset, syntax.AlternateUnsetOrNull:
		if unset || op == syntax.AlternateUnsetOrNull && null {
			// "${a[@]+word}" of an empty array is no word at all, as
			// "$@" is: "${a[@]+"${a[@]}"}" passes nothing under set -u.
			if dq && !(v.isList && !v.star && unset) {
				x.lit("", true)
			}
			return nil
		}
		return useWord()
	case syntax.ErrorUnset, syntax.ErrorUnsetOrNull:
		if unset || op == syntax.ErrorUnsetOrNull && null {
			msg, err := r.expandString(pe.Exp.Word, modeLiteral)
			if err != nil {
				return err
			}
			if msg == "" {
				msg = "parameter not set"
				if op == syntax.ErrorUnsetOrNull {
					msg = "parameter null or not set"
				}
			}
			return expand.UnsetParameterError{Node: pe, Message: msg}
		}
		x.emit(v, dq)
		return nil
	case syntax.AssignUnset, syntax.AssignUnsetOrNull:
		if !(unset || op == syntax.AssignUnsetOrNull && null) {
			x.emit(v, dq)
			return nil
		}
		val, err := r.expandString(pe.Exp.Word, modeLiteral)
		if err != nil {
			return err
		}
		if isSpecialParam(pe.Param.Value) || v.isList && v.positional {
			return plainExpandErr("$" + pe.Param.Value + ": cannot assign in this way")
		}
		if err := r.assignParam(v, val); err != nil {
			return err
		}
		x.exp(val, dq)
		return nil
	case syntax.RemSmallPrefix, syntax.RemLargePrefix, syntax.RemSmallSuffix, syntax.RemLargeSuffix:
		pat, err := r.expandString(pe.Exp.Word, modePattern)
		if err != nil {
			return err
		}
		m := r.newMatcher(pat)
		suffix := op == syntax.RemSmallSuffix || op == syntax.RemLargeSuffix
		long := op == syntax.RemLargePrefix || op == syntax.RemLargeSuffix
		x.perElem(v, dq, func(s string) string { return m.remove(s, suffix, long) })
		return nil
	case syntax.UpperFirst, syntax.UpperAll, syntax.LowerFirst, syntax.LowerAll:
		pat, err := r.expandString(pe.Exp.Word, modePattern)
		if err != nil {
			return err
		}
		upper := op == syntax.UpperFirst || op == syntax.UpperAll
		all := op == syntax.UpperAll || op == syntax.LowerAll
		var m *matcher
		if pat != "" {
			m = r.newMatcher(pat)
		}
		x.perElem(v, dq, func(s string) string { return r.caseConv(s, m, upper, all) })
		return nil
	case syntax.OtherParamOps:
		arg, err := r.expandString(pe.Exp.Word, modeLiteral)
		if err != nil {
			return err
		}
		return x.transform(pe, v, arg, dq)
	}
	return badSubst{"${" + pe.Param.Value + "}"}
}

// paramWord expands the word of ${x-word} in place: its quoting holds,
// and unquoted parts are split as expansion results.
func (x *wordExp) paramWord(w *syntax.Word, dq bool) error {
	if w == nil {
		if dq {
			x.lit("", true)
		}
		return nil
	}
	if dq {
		x.lit("", true)
		return x.parts(w.Parts, true)
	}
	for i, p := range w.Parts {
		if l, ok := p.(*syntax.Lit); ok {
			s := l.Value
			if i == 0 {
				s = x.tilde(s, len(w.Parts) > 1)
			}
			for {
				j := strings.IndexByte(s, '\\')
				if j < 0 || j == len(s)-1 {
					x.exp(s, false)
					break
				}
				x.exp(s[:j], false)
				x.lit(s[j+1:j+2], true)
				s = s[j+2:]
			}
			continue
		}
		if err := x.parts([]syntax.WordPart{p}, false); err != nil {
			return err
		}
	}
	return nil
}

// assignParam implements the assignment of ${x=word}.
func (r *Runner) assignParam(v pval, val string) error {
	if v.index == nil || v.isList {
		cur := r.vars.get(v.name)
		if cur.Kind == expand.Indexed {
			_, vr, err := r.indexAssignIdx(v.name, cur, 0, val)
			if err != nil {
				return err
			}
			return r.setVar(v.name, vr)
		}
		return r.setVar(v.name, strVar(val))
	}
	vr, err := r.indexAssign(v.name, r.vars.get(v.name), v.index, val, false)
	if err != nil {
		return err
	}
	return r.setVar(v.name, vr)
}

// caseConv implements ^ ^^ , ,, on one string.
func (r *Runner) caseConv(s string, m *matcher, upper, all bool) string {
	c := r.chars(s)
	var sb strings.Builder
	for i, ch := range c {
		if i > 0 && !all {
			sb.WriteString(c[i:])
			break
		}
		if m == nil || m.matchChar(string(ch)) {
			if upper {
				ch = unicode.ToUpper(ch)
			} else {
				ch = unicode.ToLower(ch)
			}
		}
		sb.WriteRune(ch)
	}
	return r.unchars(sb.String())
}

// transform implements ${x@op}.
func (x *wordExp) transform(pe *syntax.ParamExp, v pval, op string, dq bool) error {
	r := x.r
	switch op {
	case "Q":
		if !v.set && !v.isList {
			// An unset variable quotes to nothing, as in bash.
			x.perElem(v, dq, func(s string) string { return s })
			break
		}
		x.perElem(v, dq, func(s string) string { return shellQuote(s) })
	case "E":
		x.perElem(v, dq, x.ansiC)
	case "P":
		x.perElem(v, dq, func(s string) string {
			out, _ := r.expandPrompt(s)
			return out
		})
	case "U":
		x.perElem(v, dq, func(s string) string { return r.caseConv(s, nil, true, true) })
	case "u":
		x.perElem(v, dq, func(s string) string { return r.caseConv(s, nil, true, false) })
	case "L":
		x.perElem(v, dq, func(s string) string { return r.caseConv(s, nil, false, true) })
	case "a":
		flags := r.attrFlags(v.name, v.vr)
		x.perElem(v, dq, func(string) string { return flags })
	case "A":
		if !v.set {
			return nil
		}
		if v.vr.Kind == expand.Indexed || v.vr.Kind == expand.Associative {
			x.exp(r.declareLine(v.name, v.vr), dq)
			return nil
		}
		line := v.name + "=" + shellQuote(v.str)
		if f := r.attrFlags(v.name, v.vr); f != "" {
			line = "declare -" + f + " " + line
		}
		x.exp(line, dq)
	case "K", "k":
		// bash 5.2: on a whole array, K is one string of keys and
		// double-quoted values (declare -p's quoting; an associative
		// array's ends with a space), k the keys and values as separate
		// words; on anything else both quote the value as Q does.
		vr := v.vr
		if !v.isList || vr.Kind != expand.Indexed && vr.Kind != expand.Associative {
			x.perElem(v, dq, shellQuote)
			return nil
		}
		var keys, vals []string
		if vr.Kind == expand.Associative {
			for _, k := range assocKeys(vr) {
				keys, vals = append(keys, k), append(vals, vr.Map[k])
			}
		} else {
			keys, vals = arrayIndexes(vr), vr.List
		}
		var parts []string
		for i, k := range keys {
			if op == "k" {
				parts = append(parts, k, vals[i])
			} else if vr.Kind == expand.Associative {
				parts = append(parts, assocKeyQuote(k), dquote(vals[i]))
			} else {
				parts = append(parts, k, dquote(vals[i]))
			}
		}
		if op == "k" {
			x.emitList(parts, false, dq)
			return nil
		}
		out := strings.Join(parts, " ")
		if vr.Kind == expand.Associative && len(parts) > 0 {
			out += " "
		}
		x.exp(out, dq)
	default:
		return badSubst{"${" + pe.Param.Value + "@" + op + "}"}
	}
	return nil
}

// attrFlags lists a variable's attributes in bash's order, as ${x@a}
// and declare -p show them: a or A, i, n, r, x, then l or u.
func (r *Runner) attrFlags(name string, vr expand.Variable) string {
	var f []byte
	switch vr.Kind {
	case expand.Indexed:
		f = append(f, 'a')
	case expand.Associative:
		f = append(f, 'A')
	}
	if r.intVars[name] {
		f = append(f, 'i')
	}
	if vr.Kind == expand.NameRef {
		f = append(f, 'n')
	}
	if vr.ReadOnly {
		f = append(f, 'r')
	}
	if vr.Exported {
		f = append(f, 'x')
	}
	if c := r.vars.caseAttr[name]; c != 0 {
		f = append(f, c)
	}
	return string(f)
}

// shellQuote quotes s as ${x@Q} does: single quotes, or $'...' when s
// has control characters.
func shellQuote(s string) string {
	if strings.ContainsFunc(s, func(c rune) bool { return c < 0x20 || c == 0x7f }) {
		var sb strings.Builder
		sb.WriteString("$'")
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch c {
			case '\n':
				sb.WriteString(`\n`)
			case '\t':
				sb.WriteString(`\t`)
			case '\r':
				sb.WriteString(`\r`)
			case 0x1b:
				sb.WriteString(`\E`)
			case '\a':
				sb.WriteString(`\a`)
			case '\b':
				sb.WriteString(`\b`)
			case '\f':
				sb.WriteString(`\f`)
			case '\v':
				sb.WriteString(`\v`)
			case '\'', '\\':
				sb.WriteByte('\\')
				sb.WriteByte(c)
			default:
				if c < 0x20 || c == 0x7f {
					sb.WriteString(`\` + strconv.FormatInt(int64(c), 8))
				} else {
					sb.WriteByte(c)
				}
			}
		}
		sb.WriteByte('\'')
		return sb.String()
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
