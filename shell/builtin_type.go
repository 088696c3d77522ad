package shell

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// The type builtin and what command -v/-V print: what a name would run.

// keywords are bash's reserved words, which type reports as such.
var keywords = map[string]bool{
	"if": true, "then": true, "else": true, "elif": true, "fi": true, "case": true, "esac": true,
	"for": true, "select": true, "while": true, "until": true, "do": true, "done": true, "in": true,
	"function": true, "time": true, "{": true, "}": true, "!": true, "[[": true, "]]": true, "coproc": true,
}

// describe prints what name is, for type and command -v/-V.
func (r *Runner) describe(c *Call, name string, verbose, short bool) bool {
	if a, ok := r.aliases[name]; ok && r.shopts.expandAliases {
		// Aliases count only where they are expanded, as in bash.
		if short {
			fmt.Fprintf(c, "alias %s=%s\n", name, shellQuoteAlias(a))
		} else {
			fmt.Fprintf(c, "%s is aliased to `%s'\n", name, a)
		}
		return true
	}
	if keywords[name] {
		if short {
			fmt.Fprintf(c, "%s\n", name)
		} else {
			fmt.Fprintf(c, "%s is a shell keyword\n", name)
		}
		return true
	}
	if fn, ok := r.funcs[name]; ok {
		if short {
			fmt.Fprintf(c, "%s\n", name)
		} else {
			fmt.Fprintf(c, "%s is a function\n%s", name, r.funcText(name, fn))
		}
		return true
	}
	if r.builtin(name) != nil {
		if short {
			fmt.Fprintf(c, "%s\n", name)
		} else {
			fmt.Fprintf(c, "%s is a shell builtin\n", name)
		}
		return true
	}
	if p, hashed, ok := r.commandPath(name); ok {
		switch {
		case short:
			fmt.Fprintf(c, "%s\n", p)
		case hashed:
			fmt.Fprintf(c, "%s is hashed (%s)\n", name, p)
		default:
			fmt.Fprintf(c, "%s is %s\n", name, p)
		}
		return true
	}
	if verbose {
		c.Errorf("%s: not found", name)
	}
	return false
}

func shellQuoteAlias(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func bType(ctx context.Context, c *Call) int {
	short, path, all := false, false, false
	args, status, ok := builtinOpts(c, "type [-afptP] name [name ...]", "afptP", "", func(f byte, _ string) bool {
		switch f {
		case 't':
			short = true
		case 'p', 'P':
			path = true
		case 'a':
			all = true
		}
		return true
	})
	if !ok {
		return status
	}
	r := c.r
	for _, name := range args {
		switch {
		case all:
			if !r.describeAll(c, name, short, path) {
				c.Errorf("%s: not found", name)
				status = 1
			}
		case short:
			kind := ""
			switch {
			case r.aliases[name] != "" && r.shopts.expandAliases:
				kind = "alias"
			case keywords[name]:
				kind = "keyword"
			case r.funcs[name] != nil:
				kind = "function"
			case r.builtin(name) != nil:
				kind = "builtin"
			default:
				if _, _, ok := r.commandPath(name); ok {
					kind = "file"
				}
			}
			if kind == "" {
				status = 1
				continue
			}
			fmt.Fprintln(c, kind)
		case path:
			p, _, ok := r.commandPath(name)
			if !ok {
				status = 1
				continue
			}
			fmt.Fprintln(c, p)
		default:
			if !r.describe(c, name, true, false) {
				status = 1
			}
		}
	}
	return status
}

// describeAll is type -a: every alias, keyword, function, builtin and
// program in PATH that name could run, in that order; with kinds only
// (-t) or program paths only (-p). It reports whether there was any.
func (r *Runner) describeAll(c *Call, name string, kinds, pathsOnly bool) bool {
	found := false
	say := func(kind, text string) {
		found = true
		switch {
		case kinds:
			fmt.Fprintln(c, kind)
		case !pathsOnly:
			io.WriteString(c, text)
		}
	}
	if a, ok := r.aliases[name]; ok && r.shopts.expandAliases {
		say("alias", fmt.Sprintf("%s is aliased to `%s'\n", name, a))
	}
	if keywords[name] {
		say("keyword", name+" is a shell keyword\n")
	}
	if fn, ok := r.funcs[name]; ok {
		say("function", fmt.Sprintf("%s is a function\n%s", name, r.funcText(name, fn)))
	}
	if r.builtin(name) != nil {
		say("builtin", name+" is a shell builtin\n")
	}
	var progs []string
	if !strings.Contains(name, "/") {
		progs = r.searchPath(r.getString("PATH"), name, true)
	} else if p, err := r.lookPath(name); err == nil {
		progs = []string{p}
	}
	for _, p := range progs {
		say("file", name+" is "+p+"\n")
		if pathsOnly {
			fmt.Fprintln(c, p)
		}
	}
	return found
}

// commandPath is the program type reports for name: where it is
// remembered (hashed, counting the use as bash does), else where lookPath
// finds it.
func (r *Runner) commandPath(name string) (path string, hashed, ok bool) {
	if p, ok := r.hashedPath(name); ok {
		return p, true, true
	}
	p, err := r.lookPath(name)
	return p, false, err == nil
}
