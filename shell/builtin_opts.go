package shell

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// setOptions maps `set -o` names to their fields and short letters.
var setOptions = []struct {
	name   string
	letter byte
	field  func(*shellOpts) *bool
}{
	{"allexport", 'a', func(o *shellOpts) *bool { return &o.allexport }},
	{"errexit", 'e', func(o *shellOpts) *bool { return &o.errexit }},
	{"monitor", 'm', func(o *shellOpts) *bool { return &o.monitor }},
	{"noclobber", 'C', func(o *shellOpts) *bool { return &o.noclobber }},
	{"noexec", 'n', func(o *shellOpts) *bool { return &o.noexec }},
	{"noglob", 'f', func(o *shellOpts) *bool { return &o.noglob }},
	{"nounset", 'u', func(o *shellOpts) *bool { return &o.nounset }},
	{"pipefail", 0, func(o *shellOpts) *bool { return &o.pipefail }},
	{"verbose", 'v', func(o *shellOpts) *bool { return &o.verbose }},
	{"xtrace", 'x', func(o *shellOpts) *bool { return &o.xtrace }},
}

// setOpt turns a set -o option on or off; false if the name is unknown.
func (r *Runner) setOpt(name string, on bool) bool {
	for _, o := range setOptions {
		if o.name == name {
			*o.field(&r.opts) = on
			r.syncExpandOpts()
			return true
		}
	}
	return false
}

// setLetter handles set -x style letters.
func (r *Runner) setLetter(letter byte, on bool) bool {
	for _, o := range setOptions {
		if o.letter == letter && letter != 0 {
			*o.field(&r.opts) = on
			r.syncExpandOpts()
			return true
		}
	}
	return false
}

// optionFlags is $-.
func (r *Runner) optionFlags() string {
	var sb strings.Builder
	for _, o := range setOptions {
		if o.letter != 0 && *o.field(&r.opts) {
			sb.WriteByte(o.letter)
		}
	}
	sb.WriteString("hB")
	if r.sess.interactive {
		sb.WriteByte('i')
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
					return 1
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

func (r *Runner) printSetO(c *Call, long bool) {
	for _, o := range setOptions {
		on := *o.field(&r.opts)
		if long {
			state := "off"
			if on {
				state = "on"
			}
			fmt.Fprintf(c, "%-15s\t%s\n", o.name, state)
		} else {
			sign := "+"
			if on {
				sign = "-"
			}
			fmt.Fprintf(c, "set %so %s\n", sign, o.name)
		}
	}
}

// shoptOptions maps shopt names to fields.
var shoptOptions = map[string]func(*shellShopts) *bool{
	"nullglob":       func(s *shellShopts) *bool { return &s.nullglob },
	"dotglob":        func(s *shellShopts) *bool { return &s.dotglob },
	"extglob":        func(s *shellShopts) *bool { return &s.extglob },
	"expand_aliases": func(s *shellShopts) *bool { return &s.expandAliases },
	"globstar":       func(s *shellShopts) *bool { return &s.globstar },
	"nocaseglob":     func(s *shellShopts) *bool { return &s.nocaseglob },
	"nocasematch":    func(s *shellShopts) *bool { return &s.nocasematch },
	"lastpipe":       func(s *shellShopts) *bool { return &s.lastpipe },
	"failglob":       func(s *shellShopts) *bool { return &s.failglob },
}

func bShopt(ctx context.Context, c *Call) int {
	r := c.r
	args := c.Args
	set, unset, quiet, useSetO := false, false, false, false
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		for _, f := range args[0][1:] {
			switch f {
			case 's':
				set = true
			case 'u':
				unset = true
			case 'q':
				quiet = true
			case 'o':
				useSetO = true
			case 'p':
			default:
				c.Errorf("-%c: invalid option", f)
				return 2
			}
		}
		args = args[1:]
	}
	if useSetO {
		status := 0
		for _, n := range args {
			if !r.setOpt(n, set || !unset) {
				c.Errorf("%s: invalid option name", n)
				status = 1
			}
		}
		return status
	}
	names := args
	if len(names) == 0 {
		for n := range shoptOptions {
			names = append(names, n)
		}
		sort.Strings(names)
	}
	status := 0
	for _, n := range names {
		field, ok := shoptOptions[n]
		if !ok {
			c.Errorf("%s: invalid shell option name", n)
			status = 1
			continue
		}
		p := field(&r.shopts)
		switch {
		case set:
			*p = true
		case unset:
			*p = false
		default:
			if !*p {
				status = 1
			}
			if quiet {
				continue
			}
			state := "off"
			if *p {
				state = "on"
			}
			if len(args) == 0 || true {
				fmt.Fprintf(c, "%-15s\t%s\n", n, state)
			}
		}
	}
	r.syncExpandOpts()
	return status
}
