package main

import (
	"errors"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/chzyer/readline"

	"tcpsh/shell"
)

// lineReader is what the REPL needs from a line editor.
type lineReader interface {
	// ReadLine shows prompt and returns one line with its newline,
	// shell.ErrPromptInterrupted after Ctrl-C, or io.EOF at the end.
	ReadLine(prompt string) (string, error)
	// Close ends the editor; it may be called from any goroutine, also
	// while ReadLine waits, which then returns io.EOF.
	Close() error
}

// editor reads lines with chzyer/readline on a terminal. Two of that
// library's defects are worked around here: its Close waits for a reader
// goroutine blocked in read(2) on the terminal (the editor gives it a
// stdin that Close can wake, see stdinReader), and a process ending while
// the terminal is raw leaves it raw (the editor saves the terminal's
// state at start and puts it back in Close).
type editor struct {
	rl    *readline.Instance
	in    *stdinReader // the wakeable stdin readline reads
	out   io.Writer
	fd    int
	saved *readline.State // the terminal as it was at start

	// hangup is called when the terminal went away under ReadLine,
	// whose SIGHUP may come later or not at all.
	hangup func()

	width func() int // the terminal's width in columns

	hist   *shell.History
	synced int    // entries of hist given to readline
	gen    uint64 // hist.Gen() when synced

	mu     sync.Mutex
	raw    *readline.State // the state before MakeRaw, while raw
	closed bool
}

// newEditor sets up line editing of the terminal stdin, with prompts and
// echo on stderr, completion from r and r's history.
func newEditor(r *shell.Runner, stdin, stderr *os.File) (*editor, error) {
	in, err := newStdinReader(stdin)
	if err != nil {
		return nil, err
	}
	e := &editor{in: in, out: stderr, fd: int(stdin.Fd()), hist: r.History()}
	e.saved, _ = readline.GetState(e.fd)
	outFD := int(stderr.Fd())
	e.width = func() int {
		if w, _, err := readline.GetSize(outFD); err == nil && w > 0 {
			return w
		}
		return 80
	}
	rl, err := readline.NewEx(&readline.Config{
		Stdin:                  in,
		Stdout:                 stderr,
		Stderr:                 stderr,
		InterruptPrompt:        "^C",
		EOFPrompt:              "\n", // no "^D": the shell prints "exit"
		HistoryLimit:           100000,
		DisableAutoSaveHistory: true, // the shell adds whole commands
		HistorySearchFold:      true,
		AutoComplete:           completer{r},
		FuncIsTerminal:         func() bool { return true },
		FuncMakeRaw:            e.makeRaw,
		FuncExitRaw:            e.exitRaw,
		FuncGetWidth:           e.width,
	})
	if err != nil {
		in.free()
		return nil, err
	}
	e.rl = rl
	return e, nil
}

func (e *editor) makeRaw() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed || e.raw != nil {
		return nil
	}
	st, err := readline.MakeRaw(e.fd)
	if err != nil {
		return err
	}
	e.raw = st
	return nil
}

func (e *editor) exitRaw() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.raw == nil {
		return nil
	}
	st := e.raw
	e.raw = nil
	return readline.Restore(e.fd, st)
}

// syncHistory gives readline the shell's history (for up, down and
// Ctrl-R): new entries, or the whole list after history -c or -d.
func (e *editor) syncHistory() {
	entries := e.hist.Entries()
	if gen := e.hist.Gen(); gen != e.gen || e.synced > len(entries) {
		e.rl.ResetHistory()
		e.gen, e.synced = gen, 0
	}
	for _, h := range entries[e.synced:] {
		e.rl.SaveHistory(h)
	}
	e.synced = len(entries)
}

// isClosed tells whether Close has been called.
func (e *editor) isClosed() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.closed
}

// ReadLine implements lineReader.
func (e *editor) ReadLine(prompt string) (string, error) {
	if e.isClosed() {
		return "", io.EOF
	}
	e.syncHistory()
	e.keepPartialLine()
	// readline redraws only the prompt's last line: print the others.
	if i := strings.LastIndexByte(prompt, '\n'); i >= 0 {
		io.WriteString(e.out, prompt[:i+1])
		prompt = prompt[i+1:]
	}
	e.rl.SetPrompt(prompt)
	line, err := e.rl.Readline()
	closed := e.isClosed()
	if e.in.hungUp() && e.hangup != nil {
		e.hangup()
	}
	if closed || e.in.ended() {
		// readline submits a half-typed line when its input ends: a
		// hangup must not run it.
		return "", io.EOF
	}
	switch {
	case errors.Is(err, readline.ErrInterrupt):
		return "", shell.ErrPromptInterrupted
	case err != nil:
		return "", io.EOF
	}
	return line + "\n", nil
}

// keepPartialLine keeps output that did not end in a newline (a server's
// last line, `printf abc`) from being erased by readline, which clears
// the cursor's line before drawing the prompt. As zsh does, it prints a
// reverse-video "%" and spaces to the end of the line, then a carriage
// return: from column 0 that stays on one line, which readline then
// clears; from further right it wraps, leaving "abc%" above the prompt.
func (e *editor) keepPartialLine() {
	w := e.width()
	io.WriteString(e.out, "\x1b[7m%\x1b[27m"+strings.Repeat(" ", w-1)+"\r")
}

// Close implements lineReader: it wakes a waiting ReadLine and leaves the
// terminal as it was found.
func (e *editor) Close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	e.mu.Unlock()
	e.in.Close() // first, so that readline's reader goroutine can end
	err := e.rl.Close()
	e.in.free()
	e.exitRaw()
	if e.saved != nil {
		readline.Restore(e.fd, e.saved)
	}
	return err
}

// completer adapts Runner.Complete to readline's AutoCompleter.
type completer struct{ r *shell.Runner }

// Do returns the completions of the word before the cursor as the text
// each adds to it, and the length of that word in runes.
func (c completer) Do(line []rune, pos int) ([][]rune, int) {
	text := string(line[:pos])
	start, cands := c.r.Complete(text)
	word := len([]rune(text[start:]))
	out := make([][]rune, 0, len(cands))
	for _, cand := range cands {
		out = append(out, []rune(cand)[word:])
	}
	return out, word
}
