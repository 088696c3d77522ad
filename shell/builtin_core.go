package shell

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"tcpsh/shell/internal/testexpr"
)

func bTrue(ctx context.Context, c *Call) int  { return 0 }
func bFalse(ctx context.Context, c *Call) int { return 1 }

// loopJump implements break and continue: it returns the status and how
// many enclosing loops to leave, following bash 5.2: outside a loop it
// only complains (status 0); a count above the nesting means all loops;
// a count below 1 complains and still leaves one loop (status 1); a count
// that is not a number is fatal to a non-interactive shell (status 128).
func loopJump(c *Call) (status, n int) {
	if c.r.loopDepth == 0 {
		c.Errorf("only meaningful in a `for', `while', or `until' loop")
		return 0, 0
	}
	if len(c.Args) == 0 {
		return 0, 1
	}
	n, err := strconv.Atoi(c.Args[0])
	switch {
	case err != nil:
		c.Errorf("%s: numeric argument required", c.Args[0])
		if !c.r.sess.interactive {
			c.r.exiting, c.r.exitCode = true, 128
		}
		return 128, 0
	case n < 1:
		c.Errorf("%s: loop count out of range", c.Args[0])
		return 1, 1
	}
	return 0, min(n, c.r.loopDepth)
}

func bBreak(ctx context.Context, c *Call) int {
	status, n := loopJump(c)
	c.r.breakN = n
	return status
}

func bContinue(ctx context.Context, c *Call) int {
	status, n := loopJump(c)
	c.r.contN = n
	return status
}

func bExit(ctx context.Context, c *Call) int {
	code := c.r.lastStatus
	if len(c.Args) > 0 {
		n, err := strconv.Atoi(c.Args[0])
		if err != nil {
			c.Errorf("%s: numeric argument required", c.Args[0])
			code = 2
		} else {
			code = n & 255
		}
		if len(c.Args) > 1 && err == nil {
			c.Errorf("too many arguments")
			return 1
		}
	}
	c.r.exiting, c.r.exitCode = true, code
	return code
}

func bReturn(ctx context.Context, c *Call) int {
	if len(c.r.funcNames) == 0 && !c.r.sourcing {
		c.Errorf("can only `return' from a function or sourced script")
		return 2
	}
	code := c.r.lastStatus
	if len(c.Args) > 0 {
		n, err := strconv.Atoi(c.Args[0])
		if err != nil {
			c.Errorf("%s: numeric argument required", c.Args[0])
			code = 2
		} else {
			code = n & 255
		}
	}
	c.r.returning = true
	c.r.lastStatus = code
	return code
}

func bEval(ctx context.Context, c *Call) int {
	src := strings.Join(c.Args, " ")
	if strings.TrimSpace(src) == "" {
		return 0
	}
	return c.r.evalString(ctx, src, "eval")
}

func bSource(ctx context.Context, c *Call) int {
	if len(c.Args) == 0 {
		c.r.errf("%s: filename argument required", c.Name)
		c.r.errf("%s: usage: %s filename [arguments]", c.Name, c.Name)
		return 2
	}
	r := c.r
	name := c.Args[0]
	path := name
	if !strings.Contains(name, "/") {
		for _, dir := range filepath.SplitList(r.getString("PATH")) {
			p := filepath.Join(r.absPath(dir), name)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				path = p
				break
			}
		}
	}
	data, err := r.sess.readFile(r.absPath(path))
	if err != nil {
		r.errf("%s: %s", name, errnoText(unwrapPathError(err)))
		return 1
	}
	savedParams := r.params
	if len(c.Args) > 1 {
		r.params = c.Args[1:]
	}
	savedName, savedOff, savedLine, savedSrc := r.errName, r.lineOff, r.line, r.sourcing
	r.errName, r.lineOff, r.sourcing = name, 0, true
	r.lastStatus = 0
	status := r.runLinesNested(ctx, string(data))
	if r.returning {
		r.returning = false
		status = r.lastStatus
	}
	r.lastStatus = status
	r.runTrap(ctx, "RETURN")
	r.errName, r.lineOff, r.line, r.sourcing = savedName, savedOff, savedLine, savedSrc
	if len(c.Args) > 1 {
		r.params = savedParams
	}
	return status
}

// runLinesNested runs a sourced file line by line in the current shell.
func (r *Runner) runLinesNested(ctx context.Context, src string) int {
	lr := &lineReader{next: stringLines(src), echo: r.verboseEcho}
	savedSrc := r.src
	r.src = &srcText{lr: lr}
	r.traceLevel++
	defer func() { r.src = savedSrc; r.traceLevel-- }()
	p := r.newParser()
	for stmts, err := range stopSafe(p.InteractiveSeq(lr)) {
		if err != nil {
			r.syntaxError(err, lr, ModeScript)
			r.lastStatus = 2
			return 2
		}
		if p.Incomplete() {
			continue
		}
		r.runLine(ctx, stmts, lr)
		if r.stopped() || ctx.Err() != nil {
			return r.lastStatus
		}
	}
	return r.lastStatus
}

func bExec(ctx context.Context, c *Call) int {
	if len(c.Args) == 0 {
		return 0
	}
	args := c.Args
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		if args[0] == "--" {
			args = args[1:]
			break
		}
		args = args[1:]
	}
	if len(args) == 0 {
		return 0
	}
	r := c.r
	// tcpsh cannot replace its own process image and keep its virtual fd
	// table, so it runs the program and exits with its status.
	status := r.runProgram(ctx, args, true)
	if status == 127 || status == 126 {
		if !r.sess.interactive {
			r.exiting, r.exitCode = true, status
		}
		return status
	}
	r.exiting, r.exitCode = true, status
	return status
}

func bBuiltin(ctx context.Context, c *Call) int {
	if len(c.Args) == 0 {
		return 0
	}
	fn := c.r.builtin(c.Args[0])
	if fn == nil {
		c.Errorf("%s: not a shell builtin", c.Args[0])
		return 1
	}
	return c.r.runBuiltin(ctx, c.Args[0], fn, c.Args)
}

func bCommand(ctx context.Context, c *Call) int {
	args := c.Args
	verbose, short := false, false
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && len(args[0]) > 1 {
		if args[0] == "--" {
			args = args[1:]
			break
		}
		for _, f := range args[0][1:] {
			switch f {
			case 'v':
				short = true
			case 'V':
				verbose = true
			case 'p':
			default:
				c.Errorf("-%c: invalid option", f)
				c.r.errf("command: usage: command [-pVv] command [arg ...]")
				return 2
			}
		}
		args = args[1:]
	}
	if len(args) == 0 {
		return 0
	}
	r := c.r
	if short || verbose {
		status := 0
		for _, name := range args {
			if !r.describe(c, name, verbose, short) {
				status = 1
			}
		}
		return status
	}
	if fn := r.builtin(args[0]); fn != nil {
		return r.runBuiltin(ctx, args[0], fn, args)
	}
	return r.external(ctx, args)
}

var keywords = map[string]bool{
	"if": true, "then": true, "else": true, "elif": true, "fi": true, "case": true, "esac": true,
	"for": true, "select": true, "while": true, "until": true, "do": true, "done": true, "in": true,
	"function": true, "time": true, "{": true, "}": true, "!": true, "[[": true, "]]": true, "coproc": true,
}

// describe prints what name is, for type and command -v/-V.
func (r *Runner) describe(c *Call, name string, verbose, short bool) bool {
	if a, ok := r.aliases[name]; ok {
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
	if p, err := r.lookPath(name); err == nil {
		if short {
			fmt.Fprintf(c, "%s\n", p)
		} else {
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
	args := c.Args
	short, all, path := false, false, false
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && len(args[0]) > 1 {
		for _, f := range args[0][1:] {
			switch f {
			case 't':
				short = true
			case 'a':
				all = true
			case 'p', 'P':
				path = true
			}
		}
		args = args[1:]
	}
	_ = all
	r := c.r
	status := 0
	for _, name := range args {
		switch {
		case short:
			kind := ""
			switch {
			case r.aliases[name] != "":
				kind = "alias"
			case keywords[name]:
				kind = "keyword"
			case r.funcs[name] != nil:
				kind = "function"
			case r.builtin(name) != nil:
				kind = "builtin"
			default:
				if _, err := r.lookPath(name); err == nil {
					kind = "file"
				}
			}
			if kind == "" {
				status = 1
				continue
			}
			fmt.Fprintln(c, kind)
		case path:
			p, err := r.lookPath(name)
			if err != nil {
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

func bEnable(ctx context.Context, c *Call) int {
	args := c.Args
	disable := false
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		if strings.Contains(args[0], "n") {
			disable = true
		}
		args = args[1:]
	}
	r := c.r
	if len(args) == 0 {
		names := make([]string, 0, len(builtins))
		for name := range builtins {
			if r.disabled[name] == disable {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			if disable {
				fmt.Fprintf(c, "enable -n %s\n", n)
			} else {
				fmt.Fprintf(c, "enable %s\n", n)
			}
		}
		return 0
	}
	status := 0
	for _, name := range args {
		if _, ok := builtins[name]; !ok {
			c.Errorf("%s: not a shell builtin", name)
			status = 1
			continue
		}
		if disable {
			r.disabled[name] = true
		} else {
			delete(r.disabled, name)
		}
	}
	return status
}

func bCd(ctx context.Context, c *Call) int {
	r := c.r
	args := c.Args
	physical := false
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		if args[0] == "--" {
			args = args[1:]
			break
		}
		// The last of -L and -P wins.
		if i := strings.LastIndexAny(args[0], "LP"); i > 0 {
			physical = args[0][i] == 'P'
		}
		args = args[1:]
	}
	if len(args) > 1 {
		c.Errorf("too many arguments")
		return 1
	}
	target, print := "", false
	switch {
	case len(args) == 0:
		target = r.getString("HOME")
		if target == "" {
			c.Errorf("HOME not set")
			return 1
		}
	case args[0] == "-":
		target = r.getString("OLDPWD")
		if target == "" {
			c.Errorf("OLDPWD not set")
			return 1
		}
		print = true
	default:
		target = args[0]
	}
	dir := r.absPath(target)
	if !filepath.IsAbs(target) && !strings.HasPrefix(target, ".") {
		for _, cdp := range filepath.SplitList(r.getString("CDPATH")) {
			if cdp == "" {
				continue
			}
			cand := filepath.Join(r.absPath(cdp), target)
			if st, err := os.Stat(cand); err == nil && st.IsDir() {
				dir, print = cand, true
				break
			}
		}
	}
	dir = filepath.Clean(dir)
	st, err := r.sess.stat(dir)
	if err != nil {
		c.Errorf("%s: %s", target, errnoText(unwrapPathError(err)))
		return 1
	}
	if !st.IsDir() {
		c.Errorf("%s: Not a directory", target)
		return 1
	}
	if f, err := r.sess.openFile(dir, os.O_RDONLY, 0); err != nil {
		c.Errorf("%s: %s", target, errnoText(unwrapPathError(err)))
		return 1
	} else {
		f.Close()
	}
	if physical {
		if p, err := filepath.EvalSymlinks(dir); err == nil {
			dir = p
		}
	}
	r.setString("OLDPWD", r.dir)
	r.dir = dir
	r.setString("PWD", dir)
	if print {
		fmt.Fprintln(c, dir)
	}
	return 0
}

func bPwd(ctx context.Context, c *Call) int {
	for _, a := range c.Args {
		if a == "-P" {
			if p, err := filepath.EvalSymlinks(c.r.dir); err == nil {
				fmt.Fprintln(c, p)
				return 0
			}
		}
	}
	fmt.Fprintln(c, c.r.dir)
	return 0
}

func bLet(ctx context.Context, c *Call) int {
	if len(c.Args) == 0 {
		c.Errorf("expression expected")
		return 1
	}
	status := 1
	for _, a := range c.Args {
		n, err := c.r.arithString(a)
		if err != nil {
			c.r.arithCmdError("let", err)
			return 1
		}
		status = 0
		if n == 0 {
			status = 1
		}
	}
	return status
}

func bTest(ctx context.Context, c *Call) int {
	args := c.Args
	if c.Name == "[" {
		if len(args) == 0 || args[len(args)-1] != "]" {
			c.r.errf("[: missing `]'")
			return 2
		}
		args = args[:len(args)-1]
	}
	ok, err := testexpr.Test(c.r.testEnv(c.Name), args)
	if err != nil {
		c.r.errf("%v", err)
		return 2
	}
	if ok {
		return 0
	}
	return 1
}

func bAlias(ctx context.Context, c *Call) int {
	r := c.r
	args := c.Args
	if len(args) > 0 && args[0] == "-p" {
		args = args[1:]
	}
	if len(args) == 0 {
		names := make([]string, 0, len(r.aliases))
		for n := range r.aliases {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(c, "alias %s=%s\n", n, shellQuoteAlias(r.aliases[n]))
		}
		return 0
	}
	status := 0
	for _, a := range args {
		name, val, ok := strings.Cut(a, "=")
		if !ok {
			v, found := r.aliases[name]
			if !found {
				c.Errorf("%s: not found", name)
				status = 1
				continue
			}
			fmt.Fprintf(c, "alias %s=%s\n", name, shellQuoteAlias(v))
			continue
		}
		r.aliases[name] = val
	}
	return status
}

func bUnalias(ctx context.Context, c *Call) int {
	status := 0
	for _, a := range c.Args {
		if a == "-a" {
			clear(c.r.aliases)
			continue
		}
		if _, ok := c.r.aliases[a]; !ok {
			c.Errorf("%s: not found", a)
			status = 1
			continue
		}
		delete(c.r.aliases, a)
	}
	return status
}
