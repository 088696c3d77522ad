package shell

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// setOption is one `set -o` option: its name, its short letter (0 for
// none) and where its value lives. Options with a nil field are only
// recorded: bit is their index in shellOpts.other and def their default.
type setOption struct {
	name   string
	letter byte
	field  func(*shellOpts) *bool
	bit    uint
	def    bool
}

// setOptions lists bash's `set -o` options in bash's (alphabetical) order.
var setOptions = []setOption{
	{name: "allexport", letter: 'a', field: func(o *shellOpts) *bool { return &o.allexport }},
	{name: "braceexpand", bit: 0, def: true},
	{name: "crlf", bit: 15}, // tcpsh: \r\n line ends on sockets (crlf.go)
	{name: "emacs", bit: 1},
	{name: "errexit", letter: 'e', field: func(o *shellOpts) *bool { return &o.errexit }},
	{name: "errtrace", letter: 'E', field: func(o *shellOpts) *bool { return &o.errtrace }},
	{name: "functrace", letter: 'T', field: func(o *shellOpts) *bool { return &o.functrace }},
	{name: "hashall", bit: 2, def: true},
	{name: "histexpand", bit: 3},
	{name: "history", bit: 4},
	{name: "ignoreeof", bit: 5},
	{name: "interactive-comments", bit: 6, def: true},
	{name: "keyword", bit: 7},
	{name: "monitor", letter: 'm', field: func(o *shellOpts) *bool { return &o.monitor }},
	{name: "noclobber", letter: 'C', field: func(o *shellOpts) *bool { return &o.noclobber }},
	{name: "noexec", letter: 'n', field: func(o *shellOpts) *bool { return &o.noexec }},
	{name: "noglob", letter: 'f', field: func(o *shellOpts) *bool { return &o.noglob }},
	{name: "nolog", bit: 8},
	{name: "notify", bit: 9},
	{name: "nounset", letter: 'u', field: func(o *shellOpts) *bool { return &o.nounset }},
	{name: "onecmd", bit: 10},
	{name: "physical", bit: 11},
	{name: "pipefail", field: func(o *shellOpts) *bool { return &o.pipefail }},
	{name: "posix", bit: 12},
	{name: "privileged", bit: 13},
	{name: "verbose", letter: 'v', field: func(o *shellOpts) *bool { return &o.verbose }},
	{name: "vi", bit: 14},
	{name: "wiretrace", bit: 16}, // tcpsh: trace every socket opened (builtin_trace.go)
	{name: "xtrace", letter: 'x', field: func(o *shellOpts) *bool { return &o.xtrace }},
}

// get reports the option's value in o.
func (so *setOption) get(o *shellOpts) bool {
	if so.field != nil {
		return *so.field(o)
	}
	return (o.other>>so.bit&1 == 1) != so.def
}

// set changes the option's value in o.
func (so *setOption) set(o *shellOpts, on bool) {
	if so.field != nil {
		*so.field(o) = on
		return
	}
	if on != so.def {
		o.other |= 1 << so.bit
	} else {
		o.other &^= 1 << so.bit
	}
}

func findSetOption(name string) *setOption {
	for i := range setOptions {
		if setOptions[i].name == name {
			return &setOptions[i]
		}
	}
	return nil
}

// setOpt turns a set -o option on or off; false if the name is unknown.
func (r *Runner) setOpt(name string, on bool) bool {
	o := findSetOption(name)
	if o == nil {
		return false
	}
	o.set(&r.opts, on)
	return true
}

// setLetter handles set -x style letters.
func (r *Runner) setLetter(letter byte, on bool) bool {
	for i := range setOptions {
		if o := &setOptions[i]; o.letter == letter && letter != 0 {
			o.set(&r.opts, on)
			return true
		}
	}
	return false
}

// flagOrder is the order of the letters in $-, as bash prints them; h
// and B (hashall, braceexpand) are always on in tcpsh.
const flagOrder = "aefhimnuvxBCET"

// optionFlags is $-.
func (r *Runner) optionFlags() string {
	var sb strings.Builder
	for i := 0; i < len(flagOrder); i++ {
		l := flagOrder[i]
		switch l {
		case 'h', 'B':
			sb.WriteByte(l)
			continue
		case 'i':
			if r.sess.interactive {
				sb.WriteByte(l)
			}
			continue
		}
		for j := range setOptions {
			if o := &setOptions[j]; o.letter == l && o.get(&r.opts) {
				sb.WriteByte(l)
			}
		}
	}
	if r.sess.cMode {
		sb.WriteByte('c')
	}
	return sb.String()
}

func bSet(ctx context.Context, c *Call) int {
	r := c.r
	args := c.Args
	if len(args) == 0 {
		for _, n := range r.vars.names() {
			vr := r.vars.get(n)
			if vr.IsSet() {
				fmt.Fprintf(c, "%s\n", strings.TrimPrefix(r.declareLine(n, vr)[strings.Index(r.declareLine(n, vr), " ")+1:], "-- "))
			}
		}
		return 0
	}
	for len(args) > 0 {
		a := args[0]
		if a == "--" {
			args = args[1:]
			r.params = append([]string(nil), args...)
			return 0
		}
		if a == "-" {
			r.opts.xtrace, r.opts.verbose = false, false
			args = args[1:]
			r.params = append([]string(nil), args...)
			return 0
		}
		if len(a) < 2 || (a[0] != '-' && a[0] != '+') {
			break
		}
		on := a[0] == '-'
		args = args[1:]
		for i := 1; i < len(a); i++ {
			if a[i] == 'o' {
				if len(args) == 0 {
					r.printSetO(c, on)
					continue
				}
				name := args[0]
				args = args[1:]
				if !r.setOpt(name, on) {
					c.Errorf("%s: invalid option name", name)
					return 2 // bash's status here
				}
				continue
			}
			if !r.setLetter(a[i], on) {
				c.Errorf("%c%c: invalid option", a[0], a[i])
				r.errf("set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]")
				return 2
			}
		}
	}
	if len(args) > 0 {
		r.params = append([]string(nil), args...)
	}
	return 0
}

// printSetO lists the set -o options: `set -o` as a table, `set +o` as
// commands.
func (r *Runner) printSetO(c *Call, table bool) { r.ListOptions(c, table) }

// IsOption reports whether name is a `set -o` option.
func IsOption(name string) bool { return findSetOption(name) != nil }

// ListOptions writes the set -o options to w: as a table, or as the set
// commands that restore them (what `tcpsh -o` and `tcpsh +o` print).
func (r *Runner) ListOptions(w io.Writer, table bool) {
	for i := range setOptions {
		o := &setOptions[i]
		if table {
			io.WriteString(w, optTableLine(o.name, o.get(&r.opts)))
		} else {
			io.WriteString(w, setOLine(o.name, o.get(&r.opts)))
		}
	}
}

// optTableLine is one line of `set -o` or `shopt` output.
func optTableLine(name string, on bool) string {
	state := "off"
	if on {
		state = "on"
	}
	return fmt.Sprintf("%-15s\t%s\n", name, state)
}

func setOLine(name string, on bool) string {
	if on {
		return "set -o " + name + "\n"
	}
	return "set +o " + name + "\n"
}

func shoptLine(name string, on bool) string {
	if on {
		return "shopt -s " + name + "\n"
	}
	return "shopt -u " + name + "\n"
}

// shoptOption is one shopt option; those with a nil field are only
// recorded, as bit bit of shellShopts.other XOR their default def.
type shoptOption struct {
	name  string
	field func(*shellShopts) *bool
	bit   uint
	def   bool
}

// shoptOptions lists bash 5.2's shopt options in its order.
var shoptOptions = []shoptOption{
	{name: "autocd", bit: 0},
	{name: "assoc_expand_once", bit: 1},
	{name: "cdable_vars", bit: 2},
	{name: "cdspell", bit: 3},
	{name: "checkhash", bit: 4},
	{name: "checkjobs", bit: 5},
	{name: "checkwinsize", bit: 6, def: true},
	{name: "cmdhist", bit: 7, def: true},
	{name: "compat31", bit: 8},
	{name: "compat32", bit: 9},
	{name: "compat40", bit: 10},
	{name: "compat41", bit: 11},
	{name: "compat42", bit: 12},
	{name: "compat43", bit: 13},
	{name: "compat44", bit: 14},
	{name: "complete_fullquote", bit: 15, def: true},
	{name: "direxpand", bit: 16},
	{name: "dirspell", bit: 17},
	{name: "dotglob", field: func(s *shellShopts) *bool { return &s.dotglob }},
	{name: "execfail", bit: 18},
	{name: "expand_aliases", field: func(s *shellShopts) *bool { return &s.expandAliases }},
	{name: "extdebug", bit: 19},
	{name: "extglob", field: func(s *shellShopts) *bool { return &s.extglob }},
	{name: "extquote", bit: 20, def: true},
	{name: "failglob", field: func(s *shellShopts) *bool { return &s.failglob }},
	{name: "force_fignore", bit: 21, def: true},
	{name: "globasciiranges", bit: 22, def: true},
	{name: "globskipdots", bit: 23, def: true},
	{name: "globstar", field: func(s *shellShopts) *bool { return &s.globstar }},
	{name: "gnu_errfmt", bit: 24},
	{name: "histappend", bit: 25},
	{name: "histreedit", bit: 26},
	{name: "histverify", bit: 27},
	{name: "hostcomplete", bit: 28, def: true},
	{name: "huponexit", bit: 29},
	{name: "inherit_errexit", field: func(s *shellShopts) *bool { return &s.inheritErrexit }},
	{name: "interactive_comments", bit: 30, def: true},
	{name: "lastpipe", field: func(s *shellShopts) *bool { return &s.lastpipe }},
	{name: "lithist", bit: 31},
	{name: "localvar_inherit", bit: 32},
	{name: "localvar_unset", bit: 33},
	{name: "login_shell", bit: 34},
	{name: "mailwarn", bit: 35},
	{name: "no_empty_cmd_completion", bit: 36},
	{name: "nocaseglob", field: func(s *shellShopts) *bool { return &s.nocaseglob }},
	{name: "nocasematch", field: func(s *shellShopts) *bool { return &s.nocasematch }},
	{name: "noexpand_translation", bit: 37},
	{name: "nullglob", field: func(s *shellShopts) *bool { return &s.nullglob }},
	{name: "patsub_replacement", bit: 38, def: true},
	{name: "progcomp", bit: 39, def: true},
	{name: "progcomp_alias", bit: 40},
	{name: "promptvars", bit: 41, def: true},
	{name: "restricted_shell", bit: 42},
	{name: "shift_verbose", bit: 43},
	{name: "sourcepath", bit: 44, def: true},
	{name: "varredir_close", bit: 45},
	{name: "xpg_echo", bit: 46},
}

func (so *shoptOption) get(s *shellShopts) bool {
	if so.field != nil {
		return *so.field(s)
	}
	return (s.other>>so.bit&1 == 1) != so.def
}

func (so *shoptOption) set(s *shellShopts, on bool) {
	if so.field != nil {
		*so.field(s) = on
		return
	}
	if on != so.def {
		s.other |= 1 << so.bit
	} else {
		s.other &^= 1 << so.bit
	}
}

func findShopt(name string) *shoptOption {
	for i := range shoptOptions {
		if shoptOptions[i].name == name {
			return &shoptOptions[i]
		}
	}
	return nil
}

// shoptFlags are the parsed options of one shopt call.
type shoptFlags struct {
	set, unset, quiet, print, setO bool
}

func bShopt(ctx context.Context, c *Call) int {
	r := c.r
	args := c.Args
	var f shoptFlags
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && len(args[0]) > 1 {
		if args[0] == "--" {
			args = args[1:]
			break
		}
		for _, ch := range args[0][1:] {
			switch ch {
			case 's':
				f.set = true
			case 'u':
				f.unset = true
			case 'q':
				f.quiet = true
			case 'o':
				f.setO = true
			case 'p':
				f.print = true
			default:
				c.Errorf("-%c: invalid option", ch)
				r.errf("shopt: usage: shopt [-pqsu] [-o] [optname ...]")
				return 2
			}
		}
		args = args[1:]
	}
	if f.set && f.unset {
		c.Errorf("cannot set and unset shell options simultaneously")
		return 1
	}
	if f.setO {
		return r.shoptSetO(c, f, args)
	}
	if len(args) == 0 {
		for i := range shoptOptions {
			o := &shoptOptions[i]
			on := o.get(&r.shopts)
			if (f.set && !on) || (f.unset && on) || f.quiet {
				continue
			}
			r.printShopt(c, f, o.name, on)
		}
		return 0
	}
	status := 0
	for _, n := range args {
		o := findShopt(n)
		if o == nil {
			c.Errorf("%s: invalid shell option name", n)
			status = 1
			continue
		}
		switch {
		case f.set || f.unset:
			o.set(&r.shopts, f.set)
		default:
			on := o.get(&r.shopts)
			if !on {
				status = 1
			}
			if !f.quiet {
				r.printShopt(c, f, n, on)
			}
		}
	}
	return status
}

func (r *Runner) printShopt(c *Call, f shoptFlags, name string, on bool) {
	if f.print {
		fmt.Fprint(c, shoptLine(name, on))
	} else {
		fmt.Fprint(c, optTableLine(name, on))
	}
}

// shoptSetO is shopt -o: the set -o options through shopt's interface.
func (r *Runner) shoptSetO(c *Call, f shoptFlags, args []string) int {
	show := func(name string, on bool) {
		if f.quiet {
			return
		}
		if f.print {
			fmt.Fprint(c, setOLine(name, on))
		} else {
			fmt.Fprint(c, optTableLine(name, on))
		}
	}
	if len(args) == 0 {
		for i := range setOptions {
			o := &setOptions[i]
			on := o.get(&r.opts)
			if (f.set && !on) || (f.unset && on) {
				continue
			}
			show(o.name, on)
		}
		return 0
	}
	status := 0
	for _, n := range args {
		o := findSetOption(n)
		if o == nil {
			c.Errorf("%s: invalid option name", n)
			status = 1
			continue
		}
		if f.set || f.unset {
			o.set(&r.opts, f.set)
			continue
		}
		on := o.get(&r.opts)
		if !on {
			status = 1
		}
		show(n, on)
	}
	return status
}
