package shell

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"tcpsh/shell/internal/format"
)

type stringsBuilderW = strings.Builder

// declFlags are the attribute options of declare and friends.
type declFlags struct {
	array, assoc, integer, export, readonly, print, funcs, funcNames, global, unexport, local bool
	// noInteger is +i; nameref is -n, noNameref +n; caseAttr is 'l',
	// 'u' or 0, and noCase says +l or +u.
	noInteger, nameref, noNameref, noCase bool
	caseAttr                              byte
}

// declClause runs declare/local/export/readonly/typeset/nameref parsed
// as a DeclClause: options and names come as naked assignments.
func (r *Runner) declClause(ctx context.Context, dc *syntax.DeclClause) int {
	name := dc.Variant.Value
	if r.disabled[name] {
		// A disabled declaration builtin runs as a program.
		var args []string
		args = append(args, name)
		for _, a := range dc.Args {
			if a.Naked && a.Value != nil {
				fs, _ := r.fields(a.Value)
				args = append(args, fs...)
			}
		}
		return r.external(ctx, args)
	}
	var opts []string
	var items []*syntax.Assign
	var traceArgs []string
	for _, a := range dc.Args {
		if a.Naked && a.Name == nil && a.Value != nil {
			fields, err := r.fields(a.Value)
			if err != nil {
				r.expandError(err)
				return 1
			}
			for _, f := range fields {
				if len(items) == 0 && (strings.HasPrefix(f, "-") || strings.HasPrefix(f, "+")) && f != "-" && f != "+" {
					opts = append(opts, f)
				} else {
					items = append(items, &syntax.Assign{Naked: true, Value: &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: f}}}})
				}
				traceArgs = append(traceArgs, f)
			}
			continue
		}
		items = append(items, a)
	}
	r.traceCmd(nil, append([]string{name}, traceArgs...))
	c := &Call{r: r, Name: name}
	return r.declare(c, name, opts, items)
}

// declare implements the declaration builtins over parsed items.
func (r *Runner) declare(c *Call, name string, opts []string, items []*syntax.Assign) int {
	var f declFlags
	switch name {
	case "local":
		f.local = true
	case "export":
		f.export = true
	case "readonly":
		f.readonly = true
	}
	for _, o := range opts {
		if o == "--" {
			continue
		}
		on := o[0] == '-'
		for _, ch := range o[1:] {
			switch ch {
			case 'a':
				f.array = on
			case 'A':
				f.assoc = on
			case 'i':
				f.integer = on
				f.noInteger = !on
			case 'x':
				f.export = on
				f.unexport = !on
			case 'r':
				f.readonly = on
			case 'p':
				f.print = true
			case 'f':
				f.funcs = true
			case 'F':
				f.funcNames = true
			case 'g':
				f.global = true
			case 'n':
				if name == "export" {
					f.unexport = true
					f.export = false
				} else {
					f.nameref, f.noNameref = on, !on
				}
			case 'l', 'u':
				if on {
					f.caseAttr = byte(ch)
				} else {
					f.noCase = true
				}
			case 't':
			default:
				c.Errorf("-%c: invalid option", ch)
				if h, ok := builtinHelp[name]; ok {
					c.Usage(h.synopsis)
				}
				return 2
			}
		}
	}
	if name == "local" && len(r.funcNames) == 0 {
		c.Errorf("can only be used in a function")
		return 1
	}
	if f.funcs || f.funcNames {
		return r.declareFuncs(c, f, items)
	}
	if len(items) == 0 {
		return r.declarePrintAll(c, name, f)
	}
	status := 0
	for _, a := range items {
		var vname string
		if a.Name != nil {
			vname = a.Name.Value
		} else {
			lit, _ := r.literal(a.Value)
			if i := strings.IndexByte(lit, '='); i > 0 {
				// "name=value" from an expanded word: parse it as an assignment.
				p := r.newParser()
				if w, err := p.Document(strings.NewReader("")); err == nil {
					_ = w
				}
				vname = lit[:i]
				val := lit[i+1:]
				app := strings.HasSuffix(vname, "+")
				vname = strings.TrimSuffix(vname, "+")
				a = &syntax.Assign{Name: &syntax.Lit{Value: vname}, Append: app, Value: &syntax.Word{Parts: []syntax.WordPart{&syntax.SglQuoted{Value: val}}}}
			} else {
				vname = lit
				a = &syntax.Assign{Naked: true, Name: &syntax.Lit{Value: vname}}
			}
		}
		if f.print {
			if !r.declarePrintOne(c, vname) {
				status = 1
			}
			continue
		}
		if !validName(vname) {
			c.Errorf("`%s': not a valid identifier", vname)
			status = 1
			continue
		}
		if err := r.declareOne(vname, a, f); err != nil {
			c.Errorf("%v", err)
			status = 1
		}
	}
	return status
}

// declareOne applies attributes and an optional value to one name.
func (r *Runner) declareOne(name string, a *syntax.Assign, f declFlags) error {
	switch name {
	case "LC_ALL", "LC_CTYPE", "LANG":
		defer r.updateLocale() // export LC_ALL=C.UTF-8 switches too
	}
	if cur := r.vars.get(name); cur.Kind == expand.NameRef {
		switch {
		case f.noNameref:
			// +n makes the reference a plain variable holding the name.
			cur.Kind = expand.String
			r.vars.set(name, cur)
		case !f.nameref && validName(cur.Str):
			// Without -n, declare and export act on the variable the
			// reference names, as bash's do.
			name = r.resolveRef(name)
		}
	}
	local := (f.local || (len(r.funcNames) > 0 && !f.global && !f.export && !f.readonly))
	cur := r.vars.get(name)
	if local && cur.ReadOnly {
		// bash refuses to shadow a readonly variable.
		return readOnlyError{name}
	}
	if local {
		if m := r.vars.frames; len(m) > 0 {
			if v, ok := m[len(m)-1][name]; ok {
				cur = v
			} else {
				// A new local starts unset, without the outer value.
				cur = expand.Variable{Local: true}
				r.vars.setLocal(name, cur)
			}
		}
	}
	if cur.ReadOnly && (a.Value != nil || a.Array != nil) {
		return readOnlyError{name}
	}
	if f.integer {
		r.intVars[name] = true
	}
	if f.noInteger {
		delete(r.intVars, name)
	}
	if f.caseAttr != 0 {
		r.vars.setCaseAttr(name, f.caseAttr)
	} else if f.noCase {
		r.vars.setCaseAttr(name, 0)
	}
	if f.nameref {
		target := ""
		if a.Value != nil {
			v, err := r.literal(a.Value)
			if err != nil {
				return err
			}
			target = v
		} else if cur.Kind != expand.NameRef && cur.IsSet() {
			target = cur.String()
		} else if cur.Kind == expand.NameRef {
			target = cur.Str
		}
		switch r.vars.caseAttr[name] { // declare -ln r=X names x
		case 'l':
			target = strings.ToLower(target)
		case 'u':
			target = strings.ToUpper(target)
		}
		if target != "" && !validName(target) && !validRefTarget(target) {
			return fmt.Errorf("`%s': invalid variable name for name reference", target)
		}
		exported := (cur.Exported || f.export) && !f.unexport
		vr := expand.Variable{Set: target != "", Kind: expand.NameRef, Str: target, Local: cur.Local, Exported: exported, ReadOnly: cur.ReadOnly || f.readonly}
		r.vars.set(name, vr)
		return nil
	}
	if f.assoc && cur.Kind != expand.Associative {
		cur = expand.Variable{Kind: expand.Associative, Map: map[string]string{}, Local: cur.Local, Exported: cur.Exported}
		r.vars.set(name, cur)
	}
	if f.array && cur.Kind != expand.Indexed && cur.Kind != expand.Associative {
		nv := expand.Variable{Kind: expand.Indexed, Local: cur.Local, Exported: cur.Exported}
		if cur.IsSet() {
			nv.Set, nv.List = true, []string{cur.String()}
		}
		cur = nv
		r.vars.set(name, cur)
	}
	if a.Value != nil || a.Array != nil {
		_, vr, err := r.assignValue(a, local)
		if err != nil {
			return err
		}
		vr.Local = cur.Local
		vr.Exported = cur.Exported
		if f.array && vr.Kind == expand.String {
			vr = expand.Variable{Set: true, Kind: expand.Indexed, List: []string{vr.Str}}
		}
		if r.intVars[name] {
			if err := r.intValue(&vr); err != nil {
				return err
			}
		}
		if c := r.vars.caseAttr[name]; c != 0 {
			r.caseValue(&vr, c == 'u')
		}
		r.vars.set(name, withAttrs(vr, cur))
	} else if !cur.Declared() {
		r.vars.set(name, expand.Variable{Kind: expand.Unknown, Local: cur.Local})
	}
	vr := r.vars.get(name)
	if f.export {
		vr.Exported = true
	}
	if f.unexport {
		vr.Exported = false
	}
	if f.readonly {
		vr.ReadOnly = true
	}
	if !vr.Declared() {
		vr.Kind = expand.String
		vr.Exported = f.export
		vr.ReadOnly = f.readonly
		if !f.export && !f.readonly {
			vr.Local = true
		}
	}
	r.vars.set(name, vr)
	r.envDirty = true
	return nil
}

func withAttrs(vr, attrs expand.Variable) expand.Variable {
	vr.Local = attrs.Local
	vr.Exported = attrs.Exported || vr.Exported
	vr.ReadOnly = attrs.ReadOnly
	return vr
}

// declareLine formats one variable as declare -p does.
func (r *Runner) declareLine(name string, vr expand.Variable) string {
	s := "declare -- " + name
	if flags := r.attrFlags(name, vr); flags != "" {
		s = "declare -" + flags + " " + name
	}
	if !vr.IsSet() {
		return s
	}
	switch vr.Kind {
	case expand.NameRef:
		return s + "=" + dquote(vr.Str)
	case expand.Indexed:
		var parts []string
		idx := arrayIndexes(vr)
		for i, v := range vr.List {
			parts = append(parts, "["+idx[i]+"]="+dquote(v))
		}
		return s + "=(" + strings.Join(parts, " ") + ")"
	case expand.Associative:
		var parts []string
		for _, k := range assocKeys(vr) {
			parts = append(parts, "["+assocKeyQuote(k)+"]="+dquote(vr.Map[k]))
		}
		return s + "=(" + strings.Join(parts, " ") + " )"
	}
	return s + "=" + dquote(vr.String())
}

func assocKeyQuote(k string) string {
	if validName(k) || isDigits(k) {
		return k
	}
	return dquote(k)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// dquote quotes s in double quotes as declare -p does.
func dquote(s string) string {
	if strings.ContainsFunc(s, func(c rune) bool { return c < 0x20 || c == 0x7f }) {
		return format.Quote(s) // control characters: $'...'
	}
	var sb strings.Builder
	sb.WriteByte('"')
	for _, c := range s {
		switch c {
		case '"', '\\', '$', '`':
			sb.WriteByte('\\')
		}
		sb.WriteRune(c)
	}
	sb.WriteByte('"')
	return sb.String()
}

func (r *Runner) declarePrintOne(c *Call, name string) bool {
	vr := r.vars.get(name)
	if !vr.Declared() {
		c.Errorf("%s: not found", name)
		return false
	}
	fmt.Fprintln(c, r.declareLine(name, vr))
	return true
}

func (r *Runner) declarePrintAll(c *Call, name string, f declFlags) int {
	for _, n := range r.vars.names() {
		vr := r.vars.get(n)
		switch {
		case name == "export" || f.export:
			if !vr.Exported {
				continue
			}
			line := r.declareLine(n, vr)
			if name == "export" {
				line = strings.Replace(line, "declare -x", "declare -x", 1)
			}
			fmt.Fprintln(c, line)
		case name == "readonly" || f.readonly:
			if !vr.ReadOnly {
				continue
			}
			fmt.Fprintln(c, r.declareLine(n, vr))
		case f.print || name == "declare" || name == "typeset" || name == "local":
			if f.array && vr.Kind != expand.Indexed || f.assoc && vr.Kind != expand.Associative {
				continue
			}
			if name == "local" && !vr.Local {
				continue
			}
			if f.print {
				fmt.Fprintln(c, r.declareLine(n, vr))
			} else if vr.IsSet() {
				fmt.Fprintf(c, "%s=%s\n", n, format.Quote(vr.String()))
			}
		}
	}
	return 0
}

func (r *Runner) declareFuncs(c *Call, f declFlags, items []*syntax.Assign) int {
	var names []string
	for _, a := range items {
		n, _ := r.literal(a.Value)
		if a.Name != nil {
			n = a.Name.Value
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		for n := range r.funcs {
			names = append(names, n)
		}
		sort.Strings(names)
	}
	status := 0
	for _, n := range names {
		fn, ok := r.funcs[n]
		if !ok {
			status = 1
			continue
		}
		if f.funcNames && len(items) > 0 {
			fmt.Fprintln(c, n) // declare -F NAME prints just the name
		} else if f.funcNames {
			fmt.Fprintf(c, "declare -f %s\n", n)
		} else {
			fmt.Fprint(c, r.funcText(n, fn))
		}
	}
	return status
}

// declArgs parses "declare ..." given as plain words (via builtin or
// command) into options and items.
func declArgs(args []string) (opts []string, items []*syntax.Assign) {
	for _, a := range args {
		if len(items) == 0 && len(a) > 1 && (a[0] == '-' || a[0] == '+') {
			opts = append(opts, a)
			continue
		}
		items = append(items, &syntax.Assign{Naked: true, Value: &syntax.Word{Parts: []syntax.WordPart{&syntax.SglQuoted{Value: a}}}})
	}
	return opts, items
}

func bDeclare(ctx context.Context, c *Call) int {
	opts, items := declArgs(c.Args)
	return c.r.declare(c, c.Name, opts, items)
}

func bLocal(ctx context.Context, c *Call) int    { return bDeclare(ctx, c) }
func bExport(ctx context.Context, c *Call) int   { return bDeclare(ctx, c) }
func bReadonly(ctx context.Context, c *Call) int { return bDeclare(ctx, c) }

func bUnset(ctx context.Context, c *Call) int {
	r := c.r
	mode := ""
	funcs, vars := false, false
	args, status, ok := builtinOpts(c, "unset [-f] [-v] [-n] [name ...]", "fvn", "", func(f byte, _ string) bool {
		switch f {
		case 'f':
			funcs, mode = true, "f"
		case 'v':
			vars, mode = true, "v"
		}
		return true
	})
	if !ok {
		return status
	}
	if funcs && vars {
		c.Errorf("cannot simultaneously unset a function and a variable")
		return 1
	}
	for _, name := range args {
		if mode == "f" {
			delete(r.funcs, name)
			continue
		}
		base, idx, hasIdx := strings.Cut(name, "[")
		if hasIdx && strings.HasSuffix(idx, "]") {
			idx = idx[:len(idx)-1]
			cur := r.vars.get(base)
			if cur.ReadOnly {
				c.Errorf("%s: cannot unset: readonly variable", base)
				status = 1
				continue
			}
			if cur.Kind == expand.Associative {
				m := make(map[string]string, len(cur.Map))
				for k, v := range cur.Map {
					if k != idx {
						m[k] = v
					}
				}
				cur.List = assocWithoutKey(cur, idx)
				cur.Map = m
				r.vars.set(base, cur)
				continue
			}
			n, err := r.arithString(idx)
			if err != nil {
				r.arithError(err)
				status = 1
				continue
			}
			if n < 0 {
				n += maxIndex(cur) + 1
			}
			r.vars.set(base, indexUnset(cur, n))
			continue
		}
		if !validName(name) {
			c.Errorf("`%s': not a valid identifier", name)
			status = 1
			continue
		}
		vr := r.vars.get(name)
		if vr.ReadOnly {
			c.Errorf("%s: cannot unset: readonly variable", name)
			status = 1
			continue
		}
		if vr.Declared() || mode == "v" {
			r.unsetVar(name)
			continue
		}
		if mode == "" {
			delete(r.funcs, name)
		}
	}
	return status
}

// unsetVar removes a variable, honouring bash's local scoping.
func (r *Runner) unsetVar(name string) {
	s := r.vars
	if n := len(s.frames); n > 0 {
		if vr, ok := s.frames[n-1][name]; ok {
			if vr.Exported {
				r.envDirty = true
			}
			s.frames[n-1][name] = expand.Variable{Local: true}
			return
		}
		for i := n - 2; i >= 0; i-- {
			if _, ok := s.frames[i][name]; ok {
				delete(s.frames[i], name)
				return
			}
		}
	}
	if vr, ok := s.global[name]; ok && vr.Exported {
		r.envDirty = true
	}
	delete(s.global, name)
	delete(r.intVars, name)
	switch name {
	case "LC_ALL", "LC_CTYPE", "LANG":
		r.updateLocale()
	}
}

func bShift(ctx context.Context, c *Call) int {
	n := 1
	if len(c.Args) > 0 {
		v, err := strconv.Atoi(c.Args[0])
		if err != nil {
			c.Errorf("%s: numeric argument required", c.Args[0])
			return 1
		}
		n = v
	}
	if n < 0 {
		c.Errorf("%d: shift count out of range", n)
		return 1
	}
	if n > len(c.r.params) {
		return 1
	}
	c.r.params = c.r.params[n:]
	return 0
}

func bGetopts(ctx context.Context, c *Call) int {
	r := c.r
	if len(c.Args) < 2 {
		return c.Usage("getopts optstring name [arg ...]")
	}
	optstr, name := c.Args[0], c.Args[1]
	args := r.params
	if len(c.Args) > 2 {
		args = c.Args[2:]
	}
	silent := strings.HasPrefix(optstr, ":")
	if silent {
		optstr = optstr[1:]
	}
	optind, _ := strconv.Atoi(r.getString("OPTIND"))
	if optind < 1 {
		optind = 1
	}
	// r.getoptsPos is the offset inside a grouped option word.
	if optind != r.getoptsInd {
		r.getoptsPos = 1
		r.getoptsInd = optind
	}
	finish := func() int {
		r.setString(name, "?")
		r.setString("OPTIND", strconv.Itoa(optind))
		r.getoptsInd = optind
		return 1
	}
	if optind > len(args) {
		return finish()
	}
	word := args[optind-1]
	if r.getoptsPos == 1 && (len(word) < 2 || word[0] != '-') {
		return finish()
	}
	if word == "--" && r.getoptsPos == 1 {
		optind++
		return finish()
	}
	opt := word[r.getoptsPos]
	r.getoptsPos++
	advance := func() {
		if r.getoptsPos >= len(word) {
			optind++
			r.getoptsPos = 1
		}
	}
	i := strings.IndexByte(optstr, opt)
	if i < 0 || opt == ':' {
		advance()
		if silent {
			r.setString("OPTARG", string(opt))
		} else {
			r.getoptsError("illegal option -- %c", opt)
			r.unsetVar("OPTARG")
		}
		r.setString(name, "?")
		r.setString("OPTIND", strconv.Itoa(optind))
		r.getoptsInd = optind
		return 0
	}
	if i+1 < len(optstr) && optstr[i+1] == ':' {
		if r.getoptsPos < len(word) {
			r.setString("OPTARG", word[r.getoptsPos:])
			optind++
			r.getoptsPos = 1
		} else if optind < len(args) {
			r.setString("OPTARG", args[optind])
			optind += 2
			r.getoptsPos = 1
		} else {
			optind++
			r.getoptsPos = 1
			if silent {
				r.setString(name, ":")
				r.setString("OPTARG", string(opt))
			} else {
				r.getoptsError("option requires an argument -- %c", opt)
				r.setString(name, "?")
				r.unsetVar("OPTARG")
			}
			r.setString("OPTIND", strconv.Itoa(optind))
			r.getoptsInd = optind
			return 0
		}
	} else {
		advance()
		r.unsetVar("OPTARG")
	}
	r.setString(name, string(opt))
	r.setString("OPTIND", strconv.Itoa(optind))
	r.getoptsInd = optind
	return 0
}

// getoptsError prints a getopts diagnostic as bash does: "$0: message",
// without a line number.
func (r *Runner) getoptsError(format string, args ...any) {
	if r.getString("OPTERR") == "0" {
		return // OPTERR=0 silences getopts, as in bash
	}
	io.WriteString(r.out(2), r.name0+": "+fmt.Sprintf(format, args...)+"\n")
}
