package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"

	"tcpsh/redirect"
)

// selectLoop runs select NAME in WORDS: the numbered menu and the PS3
// prompt on stderr, a line from stdin read as read (without -r) reads it
// into REPLY and the chosen word (or "" for anything else)
// into NAME, then the body, until break or the end of input (status 1).
// An empty line shows the menu again.
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
		// A line as read (without -r) reads it into REPLY; the end of
		// input ends the loop, even after an unterminated last line.
		opts := readOpts{delim: '\n', nchars: -1}
		var line string
		eof := true
		ch, err := r.fds.Get(0)
		if err == nil {
			line, eof, err = r.readInput(ctx, ch, opts)
		}
		if err != nil && !errors.Is(err, io.EOF) && ctx.Err() == nil {
			r.errf("read error: 0: %s", redirect.Errno(err))
		}
		if eof || err != nil {
			io.WriteString(r.out(2), "\n")
			return 1
		}
		if line == "" {
			menu = true
			continue
		}
		r.assignRead(opts, line)
		line = r.getString("REPLY")
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

// printSelectMenu lists the choices as bash lays them out (observed with
// bash 5.2): every entry "N) word" gets a slot as wide as the longest word
// plus the digits of the count plus four; as many slots as fit in COLUMNS
// (80 when unset) make the columns, filled down first; a menu that would
// take a single row is listed one per line instead. Numbers are right-
// aligned to the digits of the count, those of the first column to the
// digits of the row count, and the gap to the next slot is filled with
// tabs (stops every 8 columns) and then spaces.
func (r *Runner) printSelectMenu(items []string) {
	digits := func(n int) int { return len(strconv.Itoa(n)) }
	numWidth := digits(len(items))
	slot := 0
	for _, it := range items {
		slot = max(slot, utf8.RuneCountInString(it))
	}
	slot += numWidth + 4
	width := 80
	if n, err := strconv.Atoi(r.getString("COLUMNS")); err == nil && n > 0 {
		width = n
	}
	cols := max(width/slot, 1)
	rows := (len(items) + cols - 1) / cols
	cols = (len(items) + rows - 1) / rows
	if rows == 1 {
		rows, cols = cols, 1
	}
	firstWidth := digits(rows)
	var sb strings.Builder
	for row := 0; row < rows; row++ {
		pos := 0
		for i := row; i < len(items); i += rows {
			w := numWidth
			if pos == 0 {
				w = firstWidth
			}
			fmt.Fprintf(&sb, "%*d) %s", w, i+1, items[i])
			if i+rows >= len(items) {
				break
			}
			at := pos + utf8.RuneCountInString(items[i]) + w + 2
			for next := pos + slot; at < next; {
				if next/8 > at/8 {
					sb.WriteByte('\t')
					at += 8 - at%8
				} else {
					sb.WriteByte(' ')
					at++
				}
			}
			pos += slot
		}
		sb.WriteByte('\n')
	}
	io.WriteString(r.out(2), sb.String())
}
