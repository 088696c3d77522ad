package shell

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"mvdan.cc/sh/v3/syntax"
)

// DefaultHistSize is HISTSIZE when the variable is unset, as in bash.
const DefaultHistSize = 500

// History is the interactive shell's command history: one entry per
// command, a command typed over several lines being one entry. It is safe
// for concurrent use (the line editor reads it from its own goroutine).
type History struct {
	mu      sync.Mutex
	entries []string
	// gen changes whenever entries change other than by appending, so
	// that a line editor mirroring the list knows to reload it.
	gen uint64
}

// Entries returns a copy of the entries, oldest first.
func (h *History) Entries() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.entries...)
}

// Gen returns a number that changes whenever entries were removed or
// replaced (not when one is appended).
func (h *History) Gen() uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.gen
}

func (h *History) add(entry string, max int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.entries = append(h.entries, entry)
	h.trimLocked(max)
}

func (h *History) trimLocked(max int) {
	if max >= 0 && len(h.entries) > max {
		h.entries = append([]string(nil), h.entries[len(h.entries)-max:]...)
		h.gen++
	}
}

// set replaces the entries, keeping the last max of them (max < 0: all).
func (h *History) set(entries []string, max int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.entries = entries
	h.gen++
	h.trimLocked(max)
}

// len returns the number of entries.
func (h *History) len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.entries)
}

func (h *History) delete(i int) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if i < 0 || i >= len(h.entries) {
		return false
	}
	h.entries = append(h.entries[:i:i], h.entries[i+1:]...)
	h.gen++
	return true
}

// History returns the session's command history.
func (r *Runner) History() *History { return &r.sess.hist }

// histSize returns the limit named by the variable name (HISTSIZE or
// HISTFILESIZE), or def when it is unset or not a number; a negative
// value means no limit, as in bash.
func (r *Runner) histSize(name string, def int) int {
	vr := r.vars.get(name)
	if !vr.IsSet() {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(vr.String()))
	if err != nil {
		return def
	}
	if n < 0 {
		return -1
	}
	return n
}

// histMax returns HISTSIZE's limit on the list.
func (r *Runner) histMax() int { return r.histSize("HISTSIZE", DefaultHistSize) }

// historyFile returns $HISTFILE ("" when unset or empty: no file).
func (r *Runner) historyFile() string { return r.getString("HISTFILE") }

// StartHistory prepares the interactive shell's history: it gives
// HISTFILE (~/.tcpsh_history) and HISTSIZE their defaults when unset and
// reads the history file. It is called after the startup file ran, so that
// a HISTFILE set there applies, as in bash.
func (r *Runner) StartHistory() error {
	if !r.vars.get("HISTFILE").IsSet() {
		if home := r.getString("HOME"); home != "" {
			r.setString("HISTFILE", filepath.Join(home, ".tcpsh_history"))
		}
	}
	if !r.vars.get("HISTSIZE").IsSet() {
		r.setString("HISTSIZE", strconv.Itoa(DefaultHistSize))
	}
	path := r.historyFile()
	if path == "" {
		return nil
	}
	entries, err := readHistoryFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	r.sess.hist.set(entries, r.histMax())
	return nil
}

// SaveHistory writes the history to $HISTFILE, keeping the last
// $HISTFILESIZE entries (default $HISTSIZE). The file is created with
// mode 0600, and an existing file is set to 0600, because typed requests
// may carry credentials.
func (r *Runner) SaveHistory() error {
	path := r.historyFile()
	if path == "" {
		return nil
	}
	return r.writeHistory(path)
}

// writeHistory writes the list to path, keeping the last $HISTFILESIZE
// entries (default $HISTSIZE).
func (r *Runner) writeHistory(path string) error {
	return writeHistoryFile(path, r.sess.hist.Entries(), r.histSize("HISTFILESIZE", r.histMax()))
}

// readHistoryFile reads a history file. As in bash, a file with
// timestamp lines ("#" and digits) has one entry per timestamp, which may
// span lines; otherwise every line is an entry.
func readHistoryFile(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(data) == 0 {
		return nil, nil
	}
	stamped := len(lines) > 0 && isHistStamp(lines[0])
	var out []string
	for _, l := range lines {
		switch {
		case stamped && isHistStamp(l):
			out = append(out, "")
		case stamped && len(out) > 0:
			if out[len(out)-1] != "" {
				out[len(out)-1] += "\n"
			}
			out[len(out)-1] += l
		default:
			out = append(out, l)
		}
	}
	// Drop the empty entries of stamps with no command.
	kept := out[:0]
	for _, e := range out {
		if e != "" {
			kept = append(kept, e)
		}
	}
	return kept, nil
}

func isHistStamp(l string) bool {
	if len(l) < 2 || l[0] != '#' {
		return false
	}
	_, err := strconv.ParseUint(l[1:], 10, 64)
	return err == nil
}

// writeHistoryFile writes entries (the last max of them; max < 0: all)
// with a timestamp line before each, so that an entry of several lines
// stays one entry.
func writeHistoryFile(path string, entries []string, max int) error {
	if max >= 0 && len(entries) > max {
		entries = entries[len(entries)-max:]
	}
	// os.OpenFile opens with O_CLOEXEC: no program started later sees
	// the file, and it never enters the shell's fd table.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		f.Close()
		return err
	}
	w := bufio.NewWriter(f)
	stamp := "#" + strconv.FormatInt(time.Now().Unix(), 10) + "\n"
	for _, e := range entries {
		w.WriteString(stamp)
		w.WriteString(e)
		w.WriteString("\n")
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// addHistory records the lines of one command typed at the prompt as one
// history entry, honouring HISTCONTROL's ignorespace, ignoredups and
// ignoreboth. A command of several lines is joined into one line when
// that keeps its meaning (bash's cmdhist), and kept as typed otherwise.
func (r *Runner) addHistory(lines []string) {
	text := strings.TrimRight(strings.Join(lines, ""), "\n")
	if strings.TrimSpace(text) == "" {
		return
	}
	ctl := r.getString("HISTCONTROL")
	has := func(w string) bool {
		for _, f := range strings.Split(ctl, ":") {
			if f == w || f == "ignoreboth" && (w == "ignorespace" || w == "ignoredups") {
				return true
			}
		}
		return false
	}
	if has("ignorespace") && (text[0] == ' ' || text[0] == '\t') {
		return
	}
	if len(lines) > 1 {
		text = r.joinHistoryLines(lines, text)
	}
	h := &r.sess.hist
	if has("ignoredups") {
		h.mu.Lock()
		dup := len(h.entries) > 0 && h.entries[len(h.entries)-1] == text
		h.mu.Unlock()
		if dup {
			return
		}
	}
	h.add(text, r.histMax())
}

// joinHistoryLines joins the lines of a command into one line, with "; "
// after a line that ends a command and " " after one that opens a
// compound command or ends with an operator. The result is kept only when
// it parses to the same program as the text typed (raw).
func (r *Runner) joinHistoryLines(lines []string, raw string) string {
	var sb strings.Builder
	for i, l := range lines {
		l = strings.TrimRight(l, "\n")
		if i == 0 {
			sb.WriteString(l)
			continue
		}
		prev := strings.TrimSpace(sb.String())
		sep := "; "
		for _, end := range []string{"then", "do", "else", "{", "(", "|", "&&", "||", ";", "&", "in"} {
			if prev == end || strings.HasSuffix(prev, " "+end) || strings.HasSuffix(prev, "\t"+end) ||
				len(end) <= 2 && !isWordChar(end[0]) && strings.HasSuffix(prev, end) {
				sep = " "
				break
			}
		}
		sb.WriteString(sep)
		sb.WriteString(strings.TrimLeft(l, " \t"))
	}
	joined := sb.String()
	if sameProgram(raw, joined) {
		return joined
	}
	return raw
}

func isWordChar(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// sameProgram tells whether a and b parse to the same program.
func sameProgram(a, b string) bool {
	pa, pb := printProgram(a), printProgram(b)
	return pa != "" && pa == pb
}

func printProgram(src string) string {
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(false)).Parse(strings.NewReader(src), "")
	if err != nil {
		return ""
	}
	var sb strings.Builder
	// One line: the typed layout must not make two programs differ.
	if err := syntax.NewPrinter(syntax.SingleLine(true)).Print(&sb, f); err != nil {
		return ""
	}
	return sb.String()
}
