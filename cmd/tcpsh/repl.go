package main

import (
	"context"
	"errors"
	"io"
	"os"

	"github.com/chzyer/readline"

	"tcpsh/shell"
)

// lineReader is what the REPL needs from a line editor.
type lineReader interface {
	ReadLine(prompt string) (string, error)
	Close() error
}

// editor reads lines with chzyer/readline on a terminal.
type editor struct{ rl *readline.Instance }

func (e *editor) ReadLine(prompt string) (string, error) {
	e.rl.SetPrompt(prompt)
	line, err := e.rl.Readline()
	if errors.Is(err, readline.ErrInterrupt) {
		return "", shell.ErrPromptInterrupted
	}
	return line + "\n", err
}

func (e *editor) Close() error { return e.rl.Close() }

// plainReader reads lines one byte at a time, so that nothing past the
// current line is consumed, and prints the prompt to stderr.
type plainReader struct {
	in  io.Reader
	out io.Writer
}

func (p *plainReader) ReadLine(prompt string) (string, error) {
	io.WriteString(p.out, prompt)
	var buf []byte
	var b [1]byte
	for {
		n, err := p.in.Read(b[:])
		if n > 0 {
			buf = append(buf, b[0])
			if b[0] == '\n' {
				return string(buf), nil
			}
		}
		if err != nil {
			if len(buf) > 0 {
				return string(buf), nil
			}
			return "", err
		}
	}
}

func (p *plainReader) Close() error { return nil }

// repl runs the interactive loop.
func repl(sc *sigContext, r *shell.Runner, o cliOpts, stdin, stderr *os.File) int {
	var lr lineReader = &plainReader{in: stdin, out: stderr}
	if isTerminal(stdin) {
		rl, err := readline.NewEx(&readline.Config{
			Stdin:           stdin,
			Stdout:          stderr,
			Stderr:          stderr,
			InterruptPrompt: "^C",
			HistoryLimit:    1000,
		})
		if err == nil {
			lr = &editor{rl: rl}
		}
	}
	defer lr.Close()
	if !o.norc {
		rc := o.rcfile
		if rc == "" {
			if home, err := os.UserHomeDir(); err == nil {
				rc = home + "/.tcpshrc"
			}
		}
		if _, err := os.Stat(rc); err == nil {
			r.SourceFile(sc.current(), rc)
		}
	}
	return r.RunInteractive(func() context.Context {
		sc.reset()
		return sc.current()
	}, lr.ReadLine)
}
