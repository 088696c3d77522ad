package shell

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/expand"
)

// bCaller is bash's caller: "LINE FILE" of the current call, or with an
// argument N, "LINE FUNC FILE" of frame N.
func bCaller(ctx context.Context, c *Call) int {
	r := c.r
	lines := r.vars.get("BASH_LINENO").List
	srcs := r.vars.get("BASH_SOURCE").List
	names := r.vars.get("FUNCNAME").List
	at := func(list []string, i int) string {
		if i < len(list) {
			return list[i]
		}
		return "NULL"
	}
	if len(c.Args) == 0 {
		if len(lines) == 0 {
			return 1
		}
		fmt.Fprintf(c, "%s %s\n", lines[0], at(srcs, 1))
		return 0
	}
	n, err := strconv.Atoi(c.Args[0])
	if err != nil || n < 0 {
		c.Errorf("%s: invalid number", c.Args[0])
		r.errf("caller: usage: caller [expr]")
		return 2
	}
	if n+1 >= len(names) || n >= len(lines) {
		return 1
	}
	fmt.Fprintf(c, "%s %s %s\n", lines[n], names[n+1], at(srcs, n+1))
	return 0
}

// dirStack returns the directory stack: the current directory first.
// It lives in DIRSTACK, whose element 0 always reads as $PWD.
func (r *Runner) dirStack() []string {
	vr := r.vars.get("DIRSTACK")
	list := []string{r.dir}
	if vr.Kind == expand.Indexed && len(vr.List) > 1 {
		list = append(list, vr.List[1:]...)
	}
	return list
}

// dirStackVar is what $DIRSTACK expands to.
func (r *Runner) dirStackVar() expand.Variable {
	vr := r.vars.get("DIRSTACK")
	vr.Set, vr.Kind, vr.List = true, expand.Indexed, r.dirStack()
	return vr
}

func (r *Runner) setDirStack(list []string) {
	r.vars.global["DIRSTACK"] = expand.Variable{Set: true, Kind: expand.Indexed, List: list}
}

// chdirFor changes directory as cd does, with errors worded for the
// calling builtin.
func (r *Runner) chdirFor(ctx context.Context, c *Call, dir string) bool {
	return bCd(ctx, &Call{r: r, Name: c.Name, Args: []string{"--", dir}}) == 0
}

// stackIndex parses +N / -N against a stack of n entries.
func stackIndex(arg string, n int) (int, bool) {
	v, err := strconv.Atoi(arg[1:])
	if err != nil || v < 0 || v >= n {
		return 0, false
	}
	if arg[0] == '-' {
		return n - 1 - v, true
	}
	return v, true
}

func isStackArg(a string) bool {
	if len(a) < 2 || (a[0] != '+' && a[0] != '-') {
		return false
	}
	_, err := strconv.Atoi(a[1:])
	return err == nil
}

func bPushd(ctx context.Context, c *Call) int {
	r := c.r
	args := c.Args
	noCD := false
	for len(args) > 0 && args[0] == "-n" {
		noCD, args = true, args[1:]
	}
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	stack := r.dirStack()
	switch {
	case len(args) == 0:
		if len(stack) < 2 {
			c.Errorf("no other directory")
			return 1
		}
		if !noCD && !r.chdirFor(ctx, c, stack[1]) {
			return 1
		}
		stack[0], stack[1] = r.dir, stack[0]
		if noCD {
			stack[0], stack[1] = stack[1], stack[0]
		}
	case isStackArg(args[0]):
		i, ok := stackIndex(args[0], len(stack))
		if !ok {
			c.Errorf("%s: directory stack index out of range", args[0])
			return 1
		}
		stack = append(stack[i:], stack[:i]...)
		if !noCD && !r.chdirFor(ctx, c, stack[0]) {
			return 1
		}
		stack[0] = r.dir
	default:
		old := r.dir
		if noCD {
			stack = append([]string{stack[0], r.absPathClean(args[0])}, stack[1:]...)
			break
		}
		if !r.chdirFor(ctx, c, args[0]) {
			return 1
		}
		stack = append([]string{r.dir, old}, stack[1:]...)
	}
	r.setDirStack(stack)
	r.printDirs(c, stack, false)
	return 0
}

func (r *Runner) absPathClean(p string) string {
	if p == "" {
		return p
	}
	return strings.TrimSuffix(r.absPath(p), "/")
}

func bPopd(ctx context.Context, c *Call) int {
	r := c.r
	args := c.Args
	noCD := false
	for len(args) > 0 && args[0] == "-n" {
		noCD, args = true, args[1:]
	}
	stack := r.dirStack()
	if len(stack) < 2 {
		c.Errorf("directory stack empty")
		return 1
	}
	i := 0
	if noCD {
		i = 1
	}
	if len(args) > 0 {
		if !isStackArg(args[0]) {
			c.Errorf("%s: invalid argument", args[0])
			r.errf("popd: usage: popd [-n] [+N | -N]")
			return 2
		}
		var ok bool
		if i, ok = stackIndex(args[0], len(stack)); !ok {
			c.Errorf("%s: directory stack index out of range", args[0])
			return 1
		}
	}
	if i == 0 {
		if !noCD && !r.chdirFor(ctx, c, stack[1]) {
			return 1
		}
		stack = stack[1:]
		stack[0] = r.dir
	} else {
		stack = append(stack[:i:i], stack[i+1:]...)
	}
	r.setDirStack(stack)
	r.printDirs(c, stack, false)
	return 0
}

func bDirs(ctx context.Context, c *Call) int {
	r := c.r
	long, perLine, numbered := false, false, false
	stack := r.dirStack()
	for _, a := range c.Args {
		switch {
		case a == "-c":
			r.setDirStack(stack[:1])
			return 0
		case isStackArg(a):
			i, ok := stackIndex(a, len(stack))
			if !ok {
				c.Errorf("%s: directory stack index out of range", a)
				return 1
			}
			fmt.Fprintln(c, r.tildeDir(stack[i], long))
			return 0
		case strings.HasPrefix(a, "-") && len(a) > 1:
			for _, f := range a[1:] {
				switch f {
				case 'l':
					long = true
				case 'p':
					perLine = true
				case 'v':
					perLine, numbered = true, true
				default:
					c.Errorf("-%c: invalid option", f)
					r.errf("dirs: usage: dirs [-clpv] [+N] [-N]")
					return 2
				}
			}
		}
	}
	switch {
	case numbered:
		for i, d := range stack {
			fmt.Fprintf(c, "%2d  %s\n", i, r.tildeDir(d, long))
		}
	case perLine:
		for _, d := range stack {
			fmt.Fprintln(c, r.tildeDir(d, long))
		}
	default:
		r.printDirs(c, stack, long)
	}
	return 0
}

// printDirs prints the stack on one line, as dirs does.
func (r *Runner) printDirs(c *Call, stack []string, long bool) {
	parts := make([]string, len(stack))
	for i, d := range stack {
		parts[i] = r.tildeDir(d, long)
	}
	fmt.Fprintln(c, strings.Join(parts, " "))
}

// tildeDir abbreviates $HOME to ~ unless long.
func (r *Runner) tildeDir(d string, long bool) string {
	home := r.getString("HOME")
	if long || home == "" || home == "/" {
		return d
	}
	if d == home {
		return "~"
	}
	if strings.HasPrefix(d, home+"/") {
		return "~" + d[len(home):]
	}
	return d
}
