package shell

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"os/user"
	"strings"
	"syscall"
	"time"

	"tcpsh/fdtable"
	"tcpsh/shell/internal/format"
)

// nowFunc is time.Now, a variable so tests could pin it.
var nowFunc = time.Now

// dropTabNewline removes tabs and newlines, which set -x quotes with
// single quotes rather than $'...'.
var dropTabNewline = strings.NewReplacer("\t", "", "\n", "")

// traceQuote quotes a word for set -x as bash does: as it is when
// nothing in it is special, in single quotes when something is (a tab or a
// newline included), and in $'...' form when it has a character that is
// not printable in the locale (another control character, an invalid byte,
// or outside a UTF-8 locale any byte above 0x7f).
func (r *Runner) traceQuote(s string) string {
	if s == "" {
		return "''"
	}
	if format.NeedsANSIC(dropTabNewline.Replace(s), r.utf8) {
		return format.QuoteLocale(s, r.utf8)
	}
	if strings.ContainsAny(s, " \t\n'\"\\$`|&;()<>*?[]{}~#!") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}

// expandPrompt expands a prompt string (PS1, PS2, PS4): bash's backslash
// escapes first, then parameter expansion.
func (r *Runner) expandPrompt(ps string) (string, error) {
	var sb strings.Builder
	for i := 0; i < len(ps); i++ {
		c := ps[i]
		if c != '\\' || i+1 >= len(ps) {
			sb.WriteByte(c)
			continue
		}
		i++
		switch ps[i] {
		case 'u':
			if u, err := user.Current(); err == nil {
				sb.WriteString(u.Username)
			}
		case 'h', 'H':
			h, _ := os.Hostname()
			if ps[i] == 'h' {
				h, _, _ = strings.Cut(h, ".")
			}
			sb.WriteString(h)
		case 'w', 'W':
			dir := r.dir
			home := r.getString("HOME")
			if ps[i] == 'W' {
				if dir != "/" {
					dir = dir[strings.LastIndexByte(dir, '/')+1:]
				}
				if r.dir == home {
					dir = "~"
				}
			} else if home != "" && (dir == home || strings.HasPrefix(dir, home+"/")) {
				dir = "~" + dir[len(home):]
			}
			sb.WriteString(dir)
		case '$':
			if os.Geteuid() == 0 {
				sb.WriteByte('#')
			} else {
				sb.WriteByte('$')
			}
		case 't':
			sb.WriteString(time.Now().Format("15:04:05"))
		case 'T':
			sb.WriteString(time.Now().Format("03:04:05"))
		case 'A':
			sb.WriteString(time.Now().Format("15:04"))
		case 'd':
			sb.WriteString(time.Now().Format("Mon Jan 02"))
		case 'n':
			sb.WriteByte('\n')
		case 's':
			sb.WriteString("tcpsh")
		case 'v', 'V':
			v := Version
			if ps[i] == 'v' && strings.Count(v, ".") > 1 {
				v = v[:strings.LastIndexByte(v, '.')] // bash's \v: major.minor
			}
			sb.WriteString(v)
		case '[', ']':
			// Non-printing markers: nothing to print.
		case 'e':
			sb.WriteByte(0x1b)
		case 'a':
			sb.WriteByte(7)
		case '\\':
			sb.WriteByte('\\')
		default:
			sb.WriteByte('\\')
			sb.WriteByte(ps[i])
		}
	}
	out := sb.String()
	if !strings.ContainsAny(out, "$`") {
		return out, nil
	}
	p := r.newParser()
	w, err := p.Document(strings.NewReader(out))
	if err != nil {
		return out, nil
	}
	return r.document(w)
}

// Prompt returns the expanded PS1 (or PS2 when continuing).
func (r *Runner) Prompt(continuation bool) string {
	name := "PS1"
	if continuation {
		name = "PS2"
	}
	s, _ := r.expandPrompt(r.getString(name))
	return s
}

// copyContext copies src to dst until EOF, an error or ctx is done. It
// uses io.Copy, so *fdtable.Channel's WriteTo and ReadFrom keep the
// kernel's splice and sendfile paths. Write failures come back as
// *writeError.
func copyContext(ctx context.Context, dst io.Writer, src io.Reader) (int64, error) {
	var n int64
	var err error
	if ch, ok := src.(*fdtable.Channel); ok {
		// The channel knows how to stop a copy on ctx also while an
		// external command holds the description in blocking mode.
		n, err = ch.WriteToContext(ctx, dst)
	} else {
		n, err = io.Copy(dst, src)
	}
	if err != nil && isWriteErr(err) {
		return n, &writeError{err}
	}
	return n, err
}

// writeError marks a failed write in a copy.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

// isWriteErr tells whether a copy failed while writing.
func isWriteErr(err error) bool {
	if errors.Is(err, syscall.EPIPE) {
		return true // only writes fail so (also inside splice/sendfile)
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return oe.Op == "write" || oe.Op == "readfrom" || oe.Op == "sendfile"
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Op == "write"
	}
	var se *os.SyscallError
	if errors.As(err, &se) {
		return se.Syscall == "write" || se.Syscall == "sendfile"
	}
	var we *writeError
	return errors.As(err, &we)
}

// location is the time zone from the session's TZ, for printf %(fmt)T.
func (r *Runner) location() *time.Location {
	tz := r.vars.get("TZ")
	if !tz.IsSet() {
		return time.Local
	}
	name := strings.TrimPrefix(tz.String(), ":")
	if name == "" || name == "UTC" || name == "UTC0" {
		return time.UTC
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	return time.UTC
}
