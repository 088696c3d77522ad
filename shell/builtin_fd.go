package shell

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"tcpsh/fdtable"
	"tcpsh/redirect"
)

// The fd builtin lists the current context's fd table: the numbers a
// script uses, which are not the OS descriptors behind them.
//
//	fd [-l] [--json] [N ...]
//	fd -T SECS N ...
//
// Columns: FD MODE TYPE TARGET STATE IN OUT AGE; -l adds OSFD INODE
// OBJECT, the OS view that `ls -l /proc/PID/fd` and the real lsof show.

const fdUsage = "fd [-l] [--json] [fd ...] or fd -T secs fd ..."

// fdRow is one open fd as the fd and lsof builtins show it.
type fdRow struct {
	fd   int
	info fdtable.Info
	// shared are the other fds of the table sharing this fd's open
	// description (after exec 9>&8), ascending.
	shared []int
	// host and port are HOST and PORT of /dev/tcp/HOST/PORT as the user
	// wrote them; "" for other paths.
	host, port string
	// object is what the OS calls the open object: the target of
	// /proc/self/fd/OSFD where there is one ("socket:[760814]",
	// "pipe:[123]", "/etc/hosts"), else a name made from the kind.
	object string
}

// fdRows snapshots every open fd of the table in ascending order; with
// objects, it fills in each row's object (a readlink per fd on Linux).
func fdRows(t *fdtable.Table, objects bool) []fdRow {
	var rows []fdRow
	chans := []*fdtable.Channel{}
	groups := map[*fdtable.Channel][]int{}
	for _, fd := range t.FDs() {
		ch, err := t.Acquire(fd)
		if err != nil {
			continue // closed meanwhile
		}
		row := fdRow{fd: fd, info: ch.Info()}
		if objects {
			row.object = osObject(row.info)
		}
		ch.Release()
		chans = append(chans, ch)
		groups[ch] = append(groups[ch], fd)
		if tg, err := redirect.ParsePath(row.info.Path); err == nil && tg.Kind.IsNetwork() {
			row.host, row.port = tg.Host, tg.Port
		}
		rows = append(rows, row)
	}
	for i, ch := range chans {
		for _, fd := range groups[ch] {
			if fd != rows[i].fd {
				rows[i].shared = append(rows[i].shared, fd)
			}
		}
	}
	return rows
}

// osObject names the OS object behind a channel: the link target of
// /proc/self/fd/N on Linux, a constructed name elsewhere.
func osObject(in fdtable.Info) string {
	if in.OSFD >= 0 {
		if s, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(in.OSFD)); err == nil {
			return s
		}
	}
	switch {
	case in.Inode == 0:
		return in.Path
	case isSocketKind(in.Kind):
		return "socket:[" + strconv.FormatUint(in.Inode, 10) + "]"
	case in.Kind == fdtable.KindPipe && isAnonPipe(in.Path):
		return "pipe:[" + strconv.FormatUint(in.Inode, 10) + "]"
	}
	return in.Path
}

func isSocketKind(k fdtable.Kind) bool {
	return k == fdtable.KindTCP || k == fdtable.KindUDP || k == fdtable.KindSocket || k.IsListener()
}

// isAnonPipe reports whether path names an anonymous pipe rather than a
// FIFO in the file system.
func isAnonPipe(path string) bool {
	return path == "pipe" || strings.HasPrefix(path, "pipe:[") || strings.HasPrefix(path, "|")
}

// state is the STATE column: the kernel's TCP state while the channel
// itself has seen nothing wrong (it knows of CLOSE_WAIT before anything
// is read), else the channel's state.
func (row *fdRow) state() string {
	in := row.info
	st := in.State
	if in.State == "ESTABLISHED" && in.TCPState != "" {
		st = in.TCPState
	}
	if n := shutNote(in); n != "" { // halfclose (builtin_halfclose.go)
		st += "/" + n
	}
	return st
}

// target is the TARGET column without the shared-description note.
func (row *fdRow) target() string {
	in := row.info
	switch {
	case isSocketKind(in.Kind) && (in.Local != "" || in.Remote != ""):
		s := in.Local
		if n := listenTarget(in); n != "" { // builtin_listen.go
			s = n
		} else if in.Remote != "" {
			s += " -> " + in.Remote
		}
		if w := row.written(); w != "" {
			s += " (" + w + ")"
		}
		if n := tlsNote(in); n != "" { // tls.go
			s += " " + n
		}
		return s
	case in.Kind == fdtable.KindPipe && isAnonPipe(in.Path):
		return "pipe"
	}
	return in.Path
}

// written returns the host (and a port given by name) as the user wrote
// them, when that says more than the numeric peer address.
func (row *fdRow) written() string {
	if row.host == "" {
		return ""
	}
	w := row.host
	if _, err := strconv.Atoi(row.port); err != nil && row.port != "" {
		w += ":" + row.port
	} else if ap, err := netip.ParseAddrPort(row.info.Remote); err == nil {
		if a, err := netip.ParseAddr(row.host); err == nil && a.Unmap() == ap.Addr().Unmap() {
			return ""
		}
	}
	return w
}

// fdJSON is one line of `fd --json`.
type fdJSON struct {
	FD         int     `json:"fd"`
	Mode       string  `json:"mode"`
	Type       string  `json:"type"`
	Target     string  `json:"target"`
	Path       string  `json:"path"`
	Local      string  `json:"local,omitempty"`
	Remote     string  `json:"remote,omitempty"`
	Host       string  `json:"host,omitempty"`
	Port       string  `json:"port,omitempty"`
	State      string  `json:"state,omitempty"`
	BytesIn    int64   `json:"bytes_in"`
	BytesOut   int64   `json:"bytes_out"`
	Buffered   int     `json:"buffered"`
	Opened     string  `json:"opened"`
	AgeSeconds float64 `json:"age_seconds"`
	SameAs     *int    `json:"same_as,omitempty"`
	Owned      bool    `json:"owned"`
	OSFD       int     `json:"os_fd"`
	Inode      uint64  `json:"inode,omitempty"`
	Object     string  `json:"object,omitempty"`
	TLSVersion string  `json:"tls_version,omitempty"` // TLS channels (tls.go)
	TLSSubject string  `json:"tls_subject,omitempty"`
	TLSVerify  *bool   `json:"tls_verified,omitempty"`
	Shut       string  `json:"shut,omitempty"` // halfclose: SHUT_WR, SHUT_RD, SHUT_RDWR
	// IdleTimeout is the idle timeout in seconds, IdleFired when it last
	// ended a read (RFC 3339), Traced whether a trace is on (idle.go).
	IdleTimeout float64 `json:"idle_timeout,omitempty"`
	IdleFired   string  `json:"idle_fired,omitempty"`
	Traced      bool    `json:"traced,omitempty"`
}

func bFd(ctx context.Context, c *Call) int {
	long, asJSON := false, false
	args := c.Args
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		a := args[0]
		args = args[1:]
		switch {
		case a == "--":
			goto operands
		case a == "--json":
			asJSON = true
		case a == "--help":
			fmt.Fprintf(c, "%s: %s\n", c.Name, fdUsage)
			return 0
		case strings.HasPrefix(a, "-T"): // fd -T SECS FD...: idle timeout (idle.go)
			return fdIdleOption(c, a[2:], args)
		case strings.HasPrefix(a, "--"):
			c.Errorf("%s: invalid option", a)
			return c.Usage(fdUsage)
		default:
			for _, f := range a[1:] {
				if f != 'l' {
					c.Errorf("-%c: invalid option", f)
					return c.Usage(fdUsage)
				}
				long = true
			}
		}
	}
operands:
	all := fdRows(c.r.fds, long || asJSON) // OBJECT is shown by -l and --json only
	status := 0
	rows := all
	if len(args) > 0 {
		rows = nil
		for _, a := range args {
			n, err := strconv.Atoi(a)
			if err != nil || n < 0 {
				c.Errorf("%s: invalid file descriptor specification", a)
				status = 1
				continue
			}
			found := false
			for _, row := range all {
				if row.fd == n {
					rows, found = append(rows, row), true
					break
				}
			}
			if !found {
				c.Errorf("%d: %s", n, fdtable.Strerror(syscall.EBADF))
				status = 1
			}
		}
	}
	now := time.Now()
	if asJSON {
		enc := json.NewEncoder(c)
		for _, row := range rows {
			if err := enc.Encode(row.json(now)); err != nil {
				return 1
			}
		}
		return status
	}
	if len(rows) == 0 {
		return status
	}
	tab := &textTable{gap: 2}
	tab.header("FD", "MODE", "TYPE", "TARGET", "STATE", ">IN", ">OUT", ">AGE")
	if long {
		tab.header(">OSFD", ">INODE", "OBJECT")
	}
	listed := map[int]bool{}
	for _, row := range rows {
		in := row.info
		target := row.target()
		if len(row.shared) > 0 {
			// "= 8" when fd 8 is listed above; a note when none of the
			// others is listed at all.
			note := " (= " + strconv.Itoa(row.shared[0]) + ")"
			for _, o := range row.shared {
				if listed[o] {
					target, note = "= "+strconv.Itoa(o), ""
					break
				}
				if slices.ContainsFunc(rows, func(r fdRow) bool { return r.fd == o }) {
					note = ""
				}
			}
			target += note
		}
		listed[row.fd] = true
		cells := []string{strconv.Itoa(row.fd), in.Mode.String(), rowType(in), target, row.state() + idleCell(in, now),
			humanBytes(in.BytesIn), humanBytes(in.BytesOut), humanAge(now.Sub(in.Opened))}
		if long {
			osfd, inode := "-", "-"
			if in.OSFD >= 0 {
				osfd = strconv.Itoa(in.OSFD)
			}
			if in.Inode != 0 {
				inode = strconv.FormatUint(in.Inode, 10)
			}
			cells = append(cells, osfd, inode, row.object)
		}
		tab.row(cells...)
	}
	tab.write(c)
	return status
}

func (row *fdRow) json(now time.Time) fdJSON {
	in := row.info
	j := fdJSON{
		FD: row.fd, Mode: in.Mode.String(), Type: rowType(in), Target: row.target(), Path: in.Path,
		Local: in.Local, Remote: in.Remote, Host: row.host, Port: row.port, State: row.state(),
		BytesIn: in.BytesIn, BytesOut: in.BytesOut, Buffered: in.Buffered,
		Opened: in.Opened.UTC().Format(time.RFC3339Nano), AgeSeconds: now.Sub(in.Opened).Seconds(),
		Owned: in.Owned, OSFD: in.OSFD, Inode: in.Inode, Object: row.object,
	}
	if len(row.shared) > 0 {
		n := row.shared[0]
		j.SameAs = &n
	}
	row.tlsJSON(&j) // tls.go
	// Idle timeout and trace (idle.go).
	j.IdleTimeout, j.IdleFired, j.Traced = idleJSON(in)
	return j
}

// humanBytes prints a byte count as ls -h does: exact below 1024, else
// one decimal below 10 units ("1.5K") and whole units above ("12M").
func humanBytes(n int64) string {
	if n < 1024 {
		return strconv.FormatInt(n, 10)
	}
	f := float64(n)
	unit := 0
	for f >= 1024 && unit < len("KMGTPE") {
		f /= 1024
		unit++
	}
	suffix := string("KMGTPE"[unit-1])
	if f < 9.95 {
		return strconv.FormatFloat(f, 'f', 1, 64) + suffix
	}
	return strconv.FormatFloat(f, 'f', 0, 64) + suffix
}

// humanAge prints a duration in two units at most: "42s", "3m05s",
// "2h07m", "4d03h".
func humanAge(d time.Duration) string {
	s := int64(d / time.Second)
	if s < 0 {
		s = 0
	}
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	case s < 86400:
		return fmt.Sprintf("%dh%02dm", s/3600, s/60%60)
	}
	return fmt.Sprintf("%dd%02dh", s/86400, s/3600%24)
}

// textTable prints aligned columns separated by gap spaces. A header
// starting with ">" is right-aligned (the ">" is not printed); the last
// column is never padded.
type textTable struct {
	gap   int
	cols  []string
	right []bool
	rows  [][]string
}

func (t *textTable) header(names ...string) {
	for _, n := range names {
		r := strings.HasPrefix(n, ">")
		t.cols = append(t.cols, strings.TrimPrefix(n, ">"))
		t.right = append(t.right, r)
	}
}

func (t *textTable) row(cells ...string) { t.rows = append(t.rows, cells) }

func (t *textTable) write(w interface{ WriteString(string) (int, error) }) {
	widths := make([]int, len(t.cols))
	all := append([][]string{t.cols}, t.rows...)
	for _, r := range all {
		for i, cell := range r {
			widths[i] = max(widths[i], len(cell))
		}
	}
	var b strings.Builder
	for _, r := range all {
		b.Reset()
		for i, cell := range r {
			if i > 0 {
				b.WriteString(strings.Repeat(" ", t.gap))
			}
			pad := strings.Repeat(" ", widths[i]-len(cell))
			switch {
			case t.right[i]:
				b.WriteString(pad + cell)
			case i == len(r)-1:
				b.WriteString(cell)
			default:
				b.WriteString(cell + pad)
			}
		}
		w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
}
