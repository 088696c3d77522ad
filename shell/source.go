package shell

import (
	"context"
	"errors"
	"io"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// lineReader feeds the parser one line per Read, so a script read from a
// shared stdin never consumes more than the lines of the command being
// parsed, and remembers each line's text for syntax error messages.
type lineReader struct {
	next  func() (string, error)
	lines []string
	pend  string
	err   error
	// echo, when set, sees every line as it is read (set -v).
	echo func(line string)
	// raw says a line was not valid UTF-8 and was escaped for the
	// parser (rawsrc.go): the statements need unescapeStmts.
	raw bool
}

func (lr *lineReader) Read(p []byte) (int, error) {
	if lr.pend == "" {
		if lr.err != nil {
			return 0, lr.err
		}
		line, err := lr.next()
		lr.err = err
		if line == "" {
			if err == nil {
				err = io.EOF
				lr.err = err
			}
			return 0, err
		}
		if lr.echo != nil {
			lr.echo(line)
		}
		if esc, ok := escapeRaw(line); ok {
			line, lr.raw = esc, true
		}
		lr.lines = append(lr.lines, line)
		lr.pend = line
	}
	n := copy(p, lr.pend)
	lr.pend = lr.pend[n:]
	return n, nil
}

// lineText returns line n (1-based) without its newline.
func (lr *lineReader) lineText(n uint) string {
	if n == 0 || int(n) > len(lr.lines) {
		return ""
	}
	return strings.TrimRight(lr.lines[n-1], "\n")
}

// stringLines returns a next function over the lines of s.
func stringLines(s string) func() (string, error) {
	return func() (string, error) {
		if s == "" {
			return "", io.EOF
		}
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			// The parser runs a line only when it sees its newline.
			line := s + "\n"
			s = ""
			return line, nil
		}
		line := s[:i+1]
		s = s[i+1:]
		return line, nil
	}
}

// Mode says where a program comes from, which decides how syntax errors
// are worded.
type Mode int

const (
	// ModeScript is a script file or stdin.
	ModeScript Mode = iota
	// ModeString is the argument of -c.
	ModeString
	// ModeInteractive is a line typed at the prompt.
	ModeInteractive
)

// RunString runs src as `tcpsh -c src` does and returns the status.
func (r *Runner) RunString(ctx context.Context, src string) int {
	r.sess.cMode = true
	r.sess.topName, r.sess.anonSource = r.errName, "environment"
	return r.runLines(ctx, stringLines(src), ModeString)
}

// RunScript runs a whole script file's text, line by line as bash does.
func (r *Runner) RunScript(ctx context.Context, src string) int {
	r.scriptSource = r.errName
	r.setFuncNameVar()
	return r.runLines(ctx, stringLines(src), ModeScript)
}

// RunStdin runs the script on fd 0 of the session's table, reading it one
// line at a time and never past the current command, so that commands in
// the script can read the rest of stdin.
func (r *Runner) RunStdin(ctx context.Context) int {
	r.sess.topName, r.sess.anonSource = r.errName, "main"
	next := func() (string, error) {
		ch, err := r.fds.Get(0)
		if err != nil {
			return "", io.EOF
		}
		b, err := ch.ReadDelim('\n', 0)
		if len(b) > 0 && b[len(b)-1] != '\n' {
			b = append(b, '\n')
		}
		return string(b), err
	}
	return r.runLines(ctx, next, ModeScript)
}

// CheckSyntax parses src without running it (tcpsh -n) and prints errors.
func (r *Runner) CheckSyntax(src string, mode Mode) int {
	lr := &lineReader{next: stringLines(src)}
	p := r.newParser()
	for _, err := range stopSafe(p.InteractiveSeq(lr)) {
		if err != nil {
			r.syntaxError(err, lr, mode)
			return 2
		}
	}
	return 0
}

func (r *Runner) newParser() *syntax.Parser {
	return syntax.NewParser(syntax.Variant(syntax.LangBash))
}

// runLines parses and runs one complete line at a time.
func (r *Runner) runLines(ctx context.Context, next func() (string, error), mode Mode) int {
	lr := &lineReader{next: next, echo: r.verboseEcho}
	savedSrc := r.src
	r.src = &srcText{lr: lr}
	defer func() { r.src = savedSrc }()
	p := r.newParser()
	done := 0 // lines read by the statements run so far
	for stmts, err := range stopSafe(p.InteractiveSeq(lr)) {
		if err != nil {
			if mode != ModeInteractive && r.hereDocAtEOF(ctx, err, lr, done) {
				break
			}
			r.syntaxError(err, lr, mode)
			r.lastStatus = 2
			if mode != ModeInteractive {
				r.exiting, r.exitCode = true, 2
			}
			break
		}
		if p.Incomplete() || len(stmts) == 0 {
			continue
		}
		done = len(lr.lines)
		r.runLine(ctx, stmts, lr)
		if r.exiting || ctx.Err() != nil {
			break
		}
	}
	r.runPendingSignals(ctx)
	if lr.err != nil && !errors.Is(lr.err, io.EOF) && !r.exiting {
		r.errf("%v", lr.err)
	}
	if r.exiting {
		return r.exitCode
	}
	return r.lastStatus
}

// runLine runs the statements of one complete input line: it records the
// source text of arithmetic for error messages, expands aliases, and stops
// at whatever ends the line early (exit, return, a failglob or readonly
// error, an interrupt).
func (r *Runner) runLine(ctx context.Context, stmts []*syntax.Stmt, lr *lineReader) {
	r.rawArith(stmts, lr.lines)
	if r.shopts.expandAliases && len(r.aliases) > 0 {
		stmts = r.expandAliases(stmts, lr)
	}
	if lr.raw {
		unescapeStmts(stmts)
	}
	r.lineAborted = false
	for _, st := range stmts {
		r.stmt(ctx, st)
		if r.stopped() || ctx.Err() != nil {
			break
		}
	}
	r.lineAborted = false
}

// verboseEcho prints a line just read to stderr under set -v.
func (r *Runner) verboseEcho(line string) {
	if r.opts.verbose {
		io.WriteString(r.out(2), line)
	}
}

// evalString runs src in the current shell (eval, traps); name is used for
// nothing but errors. Its lines are numbered from the current line, as
// bash numbers eval'd text and ERR and DEBUG traps.
func (r *Runner) evalString(ctx context.Context, src, name string) int {
	return r.evalAt(ctx, src, name, int(r.line))
}

// evalAt runs src in the current shell with its first line numbered
// first (signal and EXIT traps count from 1).
func (r *Runner) evalAt(ctx context.Context, src, name string, first int) int {
	if first < 1 {
		first = 1
	}
	// Blank lines before the text give its nodes their line numbers, which
	// $LINENO and error messages use.
	pad := strings.Repeat("\n", first-1)
	src, raw := escapeRaw(src)
	p := r.newParser()
	f, err := p.Parse(strings.NewReader(pad+src), name)
	if err != nil {
		lr := &lineReader{lines: strings.SplitAfter(pad+src, "\n")}
		saved := r.line
		r.syntaxErrorEval(err, lr, name)
		r.line = saved
		r.lastStatus = 2
		return 2
	}
	r.rawArith(f.Stmts, strings.SplitAfter(pad+src, "\n"))
	if raw {
		unescapeStmts(f.Stmts)
	}
	saved, savedOff, savedSrc := r.line, r.lineOff, r.src
	r.lineOff, r.src = 0, &srcText{text: pad + src}
	r.traceLevel++
	for _, st := range f.Stmts {
		r.stmt(ctx, st)
		if r.stopped() {
			break
		}
	}
	r.traceLevel--
	r.lineAborted = false // a failglob error ends the eval'd text only
	r.line, r.lineOff, r.src = saved, savedOff, savedSrc
	return r.lastStatus
}

// ErrPromptInterrupted is returned by a line reader when Ctrl-C was typed
// at the prompt: the line is dropped and a new prompt shown.
var ErrPromptInterrupted = errors.New("interrupted")

// RunInteractive runs the REPL loop: readLine shows the prompt and returns
// one line (with its newline) or an error (io.EOF ends the session).
// ctxFor is called before each command for a context that Ctrl-C cancels.
func (r *Runner) RunInteractive(ctxFor func() context.Context, readLine func(prompt string) (string, error)) int {
	for {
		var lr *lineReader
		cont := false
		lr = &lineReader{next: func() (string, error) {
			line, err := readLine(r.Prompt(cont))
			cont = true
			return line, err
		}, echo: r.verboseEcho}
		r.src = &srcText{lr: lr}
		p := r.newParser()
		eof := false
		histFrom := 0 // the first line of the command being read
		for stmts, err := range stopSafe(p.InteractiveSeq(lr)) {
			if err != nil {
				if errors.Is(err, ErrPromptInterrupted) {
					break
				}
				r.addHistory(lr.lines[histFrom:])
				r.syntaxError(err, lr, ModeInteractive)
				r.lastStatus = 2
				break
			}
			if p.Incomplete() {
				continue
			}
			cont = false
			r.addHistory(lr.lines[histFrom:])
			histFrom = len(lr.lines)
			if len(stmts) == 0 {
				continue
			}
			ctx := ctxFor()
			r.runLine(ctx, stmts, lr)
			if r.exiting {
				return r.exitCode
			}
			if ctx.Err() != nil {
				r.lastStatus = 130
				io.WriteString(r.out(2), "\n")
			}
		}
		if errors.Is(lr.err, ErrPromptInterrupted) {
			r.lastStatus = 130
			continue
		}
		eof = lr.err != nil
		if eof {
			// A signal that ended the prompt (SIGHUP) is acted on here.
			r.runPendingSignals(context.Background())
			if r.exiting {
				return r.exitCode
			}
			io.WriteString(r.out(2), "exit\n")
			return r.lastStatus
		}
	}
}

// SourceFile runs a file in the current shell, as `. FILE` does.
func (r *Runner) SourceFile(ctx context.Context, path string) int {
	return r.runBuiltin(ctx, ".", bSource, []string{".", path})
}
