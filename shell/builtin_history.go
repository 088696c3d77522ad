package shell

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

func init() {
	registerBuiltin("history", bHistory, "history [-c] [-d offset] [n] or history -rw [filename] or history -s arg [arg...]",
		`Display or manipulate the history list.

Display the history list with line numbers. An argument of N lists only
the last N entries.

Options:
  -c	clear the history list by deleting all of the entries
  -d offset	delete the history entry at position OFFSET (negative
		offsets count back from the end of the list)
  -r	read the history file and append its contents to the list
  -w	write the current history to the history file
  -s	append the ARGs to the history list as a single entry

If FILENAME is given, it is used as the history file; otherwise $HISTFILE
(~/.tcpsh_history by default) is used. The file is written with mode 0600.

Exit Status:
Returns success unless an invalid option is given or an error occurs.`)
}

const historyUsage = "history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]"

// bHistory is bash's history builtin over the session's History.
func bHistory(ctx context.Context, c *Call) int {
	r := c.r
	h := &r.sess.hist
	args := c.Args
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 || !strings.HasPrefix(args[0], "-") || len(args[0]) == 1 || isNumber(args[0]) {
		return historyList(c, h, args)
	}
	opt := args[0]
	args = args[1:]
	switch opt {
	case "-c":
		h.set(nil, -1)
		return 0
	case "-d":
		if len(args) == 0 {
			c.Errorf("-d: option requires an argument")
			return c.Usage(historyUsage)
		}
		n, err := strconv.Atoi(args[0])
		if err == nil && n < 0 {
			n = h.len() + n + 1
		}
		if err != nil || !h.delete(n-1) {
			c.Errorf("%s: history position out of range", args[0])
			return 1
		}
		return 0
	case "-s":
		if len(args) > 0 {
			// As in bash, the history -s line itself is replaced.
			if r.sess.interactive {
				h.delete(h.len() - 1)
			}
			h.add(strings.Join(args, " "), r.histMax())
		}
		return 0
	case "-w", "-r", "-a":
		path := r.historyFile()
		if len(args) > 0 {
			path = args[0]
		}
		if path == "" {
			return 1
		}
		if err := r.sess.denyInSandbox(); err != nil {
			c.Errorf("%s: %s", path, Strerror(err))
			return 1
		}
		if opt == "-r" {
			entries, err := readHistoryFile(path)
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return 1
				}
				c.Errorf("%s: %s", path, Strerror(err))
				return 1
			}
			h.set(append(h.Entries(), entries...), r.histMax())
			return 0
		}
		// -a appends the session's new lines in bash; writing the whole
		// list gives the file the same commands here.
		if err := r.writeHistory(path); err != nil {
			c.Errorf("%s: cannot create: %s", path, Strerror(err))
			return 1
		}
		return 0
	}
	c.Errorf("%s: invalid option", opt)
	return c.Usage(historyUsage)
}

// historyList prints the list, or its last n entries, numbered from 1.
func historyList(c *Call, h *History, args []string) int {
	entries := h.Entries()
	from := 0
	if len(args) > 0 {
		if len(args) > 1 {
			c.Errorf("too many arguments")
			return 2
		}
		n, err := strconv.Atoi(args[0])
		if err != nil || n < 0 {
			c.Errorf("%s: numeric argument required", args[0])
			return 1
		}
		if n < len(entries) {
			from = len(entries) - n
		}
	}
	var sb strings.Builder
	for i := from; i < len(entries); i++ {
		fmt.Fprintf(&sb, "%5d  %s\n", i+1, entries[i])
	}
	c.WriteString(sb.String())
	return 0
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}
