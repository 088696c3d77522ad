package shell

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// selectLoop runs select NAME in WORDS: the numbered menu and the PS3
// prompt on stderr, a line from stdin (backslash escapes as in read
// without -r) into REPLY and the chosen word (or "" for anything else)
// into NAME, then the body, until break or the end of input (status 1).
// An empty line shows the menu again. bash lays out menus that take more
// than one row in columns; tcpsh always lists them one per line.
func (r *Runner) selectLoop(ctx context.Context, c *syntax.ForClause, loop *syntax.WordIter) int {
	var items []string
	if loop.InPos.IsValid() {
		var err error
		if items, err = r.fields(loop.Items...); err != nil {
			r.expandError(err)
			return 1
		}
	} else {
		items = r.params
	}
	if len(items) == 0 {
		return 0
	}
	name := loop.Name.Value
	menu := true
	for {
		if menu {
			r.printSelectMenu(items)
			menu = false
		}
		ps3 := "#? "
		if v := r.vars.get("PS3"); v.IsSet() {
			ps3 = v.String()
		}
		io.WriteString(r.out(2), ps3)
		line, ok := r.selectReadLine(ctx)
		if !ok {
			io.WriteString(r.out(2), "\n")
			return 1
		}
		if line == "" {
			menu = true
			continue
		}
		r.setString("REPLY", line)
		choice := ""
		if n, err := strconv.Atoi(strings.TrimSpace(line)); err == nil && n >= 1 && n <= len(items) {
			choice = items[n-1]
		}
		if err := r.setString(name, choice); err != nil {
			r.errf("%v", err)
			return 1
		}
		if r.loopBody(ctx, c.Do) {
			return r.lastStatus
		}
	}
}

// printSelectMenu lists the choices, numbers right-aligned.
func (r *Runner) printSelectMenu(items []string) {
	width := len(strconv.Itoa(len(items)))
	var sb strings.Builder
	for i, it := range items {
		fmt.Fprintf(&sb, "%*d) %s\n", width, i+1, it)
	}
	io.WriteString(r.out(2), sb.String())
}

// selectReadLine reads one line of stdin for select, joining lines ended
// by a backslash and removing the other backslashes as read does; false
// at the end of input with nothing read.
func (r *Runner) selectReadLine(ctx context.Context) (string, bool) {
	ch, err := r.fds.Get(0)
	if err != nil {
		return "", false
	}
	var sb strings.Builder
	got := false
	for {
		b, err := ch.ReadDelimContext(ctx, '\n', 0, false)
		if len(b) > 0 {
			got = true
		}
		s := strings.TrimSuffix(string(b), "\n")
		cont := false
		for i := 0; i < len(s); i++ {
			if s[i] != '\\' {
				sb.WriteByte(s[i])
				continue
			}
			if i+1 == len(s) {
				cont = len(b) > 0 && b[len(b)-1] == '\n' // a backslash-newline
				break
			}
			i++
			sb.WriteByte(s[i])
		}
		if !cont || err != nil {
			return sb.String(), got
		}
	}
}
