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
		return c.Usage(c.Name + " filename [arguments]")
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
	done := 0 // lines read by the statements run so far
	for stmts, err := range stopSafe(p.InteractiveSeq(lr)) {
		if err != nil {
			if r.hereDocAtEOF(ctx, err, lr, done) {
				return r.lastStatus
			}
			r.syntaxError(err, lr, ModeScript)
			r.lastStatus = 2
			return 2
		}
		if p.Incomplete() {
			continue
		}
		done = len(lr.lines)
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
	var ex execFlags
	args, status, ok := builtinOpts(c, "exec [-cl] [-a name] [command [argument ...]] [redirection ...]", "cl", "a", func(f byte, val string) bool {
		switch f {
		case 'c':
			ex.clearEnv = true
		case 'l':
			ex.login = true
		case 'a':
			ex.argv0 = val
		}
		return true
	})
	if !ok {
		return status
	}
	if len(args) == 0 {
		return 0
	}
	r := c.r
	// tcpsh cannot replace its own process image and keep its virtual fd
	// table, so it runs the program and exits with its status.
	status = r.runProgram(ctx, args, &ex)
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
	verbose, short := false, false
	args, status, ok := builtinOpts(c, "command [-pVv] command [arg ...]", "pVv", "", func(f byte, _ string) bool {
		switch f {
		case 'v':
			short = true
		case 'V':
			verbose = true
		}
		return true
	})
	if !ok {
		return status
	}
	if len(args) == 0 {
		return 0
	}
	r := c.r
	if short || verbose {
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

func bEnable(ctx context.Context, c *Call) int {
	disable, load := false, false
	args, status, ok := builtinOpts(c, "enable [-a] [-dnps] [-f filename] [name ...]", "adnps", "f", func(f byte, _ string) bool {
		switch f {
		case 'n':
			disable = true
		case 'f':
			load = true
		}
		return true
	})
	if !ok {
		return status
	}
	if load {
		c.Errorf("dynamic loading not available")
		return 2
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
	physical := false
	args, status, ok := builtinOpts(c, "cd [-L|[-P [-e]] [-@]] [dir]", "LPe@", "", func(f byte, _ string) bool {
		// The last of -L and -P wins.
		switch f {
		case 'L', 'P':
			physical = f == 'P'
		}
		return true
	})
	if !ok {
		return status
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
	physical := false
	if _, status, ok := builtinOpts(c, "pwd [-LP]", "LP", "", func(f byte, _ string) bool {
		physical = f == 'P'
		return true
	}); !ok {
		return status
	}
	if physical {
		if p, err := filepath.EvalSymlinks(c.r.dir); err == nil {
			fmt.Fprintln(c, p)
			return 0
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
	all := false
	args, status, ok := builtinOpts(c, "alias [-p] [name[=value] ... ]", "p", "", func(byte, string) bool {
		all = true
		return true
	})
	if !ok {
		return status
	}
	if all || len(args) == 0 {
		names := make([]string, 0, len(r.aliases))
		for n := range r.aliases {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(c, "alias %s=%s\n", n, shellQuoteAlias(r.aliases[n]))
		}
		if len(args) == 0 {
			return 0
		}
	}
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
	const usage = "unalias [-a] name [name ...]"
	all := false
	args, status, ok := builtinOpts(c, usage, "a", "", func(byte, string) bool {
		all = true
		return true
	})
	switch {
	case !ok:
		return status
	case all:
		clear(c.r.aliases)
		return 0
	case len(args) == 0:
		return c.Usage(usage)
	}
	for _, a := range args {
		if _, ok := c.r.aliases[a]; !ok {
			c.Errorf("%s: not found", a)
			status = 1
			continue
		}
		delete(c.r.aliases, a)
	}
	return status
}
