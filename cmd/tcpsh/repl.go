package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"tcpsh/shell"
)

// plainReader reads lines one byte at a time, so that nothing past the
// current line is consumed, and prints the prompt to stderr. It serves
// `tcpsh -i` when stdin is not a terminal.
type plainReader struct {
	in  io.Reader
	out io.Writer
}

// ReadLine implements lineReader.
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

// Close implements lineReader.
func (p *plainReader) Close() error { return nil }

// repl runs the interactive shell: the startup file, the history, the
// loop of prompts, and the history saved at the end (exit, Ctrl-D or
// SIGHUP).
func repl(sc *sigContext, r *shell.Runner, o cliOpts, stdin, stderr *os.File) int {
	var lr lineReader = &plainReader{in: stdin, out: stderr}
	if isTerminal(stdin) {
		if ed, err := newEditor(r, stdin, stderr); err == nil {
			ed.hangup = func() { r.Signal(syscall.SIGHUP) }
			lr = ed
		} else {
			fmt.Fprintf(stderr, "tcpsh: line editing unavailable: %v\n", err)
		}
	}
	defer lr.Close()
	// SIGHUP (the terminal went away) ends the session cleanly: the
	// shell records it, and the prompt, which no signal wakes, is closed
	// here so that the loop returns.
	sc.setOnSignal(func(sig os.Signal, interrupted bool) {
		if sig == syscall.SIGHUP && interrupted {
			lr.Close()
		}
	})
	defer sc.setOnSignal(nil)

	if !o.norc {
		rc := o.rcfile
		if rc == "" {
			if home := os.Getenv("HOME"); home != "" {
				rc = filepath.Join(home, ".tcpshrc")
			} else if home, err := os.UserHomeDir(); err == nil {
				rc = filepath.Join(home, ".tcpshrc")
			}
		}
		if _, err := os.Stat(rc); err == nil {
			r.SourceFile(sc.current(), rc)
		}
	}
	if exited, code := r.Exited(); exited {
		return code
	}
	if err := r.StartHistory(); err != nil {
		fmt.Fprintf(stderr, "tcpsh: history: %v\n", err)
	}
	status := r.RunInteractive(func() context.Context {
		sc.reset()
		return sc.current()
	}, lr.ReadLine)
	lr.Close() // the terminal is restored before anything else is said
	if err := r.SaveHistory(); err != nil {
		fmt.Fprintf(stderr, "tcpsh: history: %v\n", err)
	}
	return status
}

// setOnSignal sets a function the signal goroutine calls after passing
// each signal to the shell; interrupted is Runner.Signal's answer.
func (s *sigContext) setOnSignal(f func(sig os.Signal, interrupted bool)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onSignal = f
}
