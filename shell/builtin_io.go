package shell

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"mvdan.cc/sh/v3/expand"

	"tcpsh/fdtable"
	"tcpsh/redirect"
	"tcpsh/shell/internal/fields"
	"tcpsh/shell/internal/format"
	"tcpsh/shell/internal/gnucat"
	"tcpsh/shell/internal/gnuhead"
)

func bEcho(ctx context.Context, c *Call) int {
	args := c.Args
	xpg := c.r.shoptOn("xpg_echo")
	if xpg {
		// xpg_echo: escapes on unless -E; a leading -E is still an option.
		args = append([]string{"-e"}, args...)
	}
	noNewline, escapes, rest := format.ParseEchoFlags(args)
	var buf bytes.Buffer
	stop, _ := format.EchoLocale(&buf, rest, escapes, c.r.utf8)
	if !noNewline && !stop {
		buf.WriteByte('\n')
	}
	c.Write(c.r.crlf(1, buf.Bytes()))
	return 0
}

// shoptOn reports whether the shopt option name is on.
func (r *Runner) shoptOn(name string) bool {
	o := findShopt(name)
	return o != nil && o.get(&r.shopts)
}

// The usage lines of printf and read.
const (
	printfUsage = "printf [-v var] format [arguments]"
	readUsage   = "read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]"
)

func bPrintf(ctx context.Context, c *Call) int {
	args := c.Args
	varName := ""
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && len(args[0]) > 1 {
		switch {
		case args[0] == "--":
			args = args[1:]
		case args[0] == "-v" && len(args) > 1:
			varName = args[1]
			args = args[2:]
			continue
		case strings.HasPrefix(args[0], "-v"):
			varName = args[0][2:]
			args = args[1:]
			continue
		default:
			c.Errorf("%s: invalid option", args[0][:2])
			return c.Usage(printfUsage)
		}
		break
	}
	if len(args) == 0 {
		return c.Usage(printfUsage)
	}
	if varName != "" && !validName(varName) && !validRefTarget(varName) {
		c.Errorf("`%s': not a valid identifier", varName)
		return 2
	}
	var buf bytes.Buffer
	opt := format.Options{
		UTF8:      c.r.utf8,
		Warn:      func(msg string) { c.r.errf("%s", msg) },
		StartTime: c.r.sess.start,
		Location:  c.r.location(),
	}
	if varName == "" {
		// Stdout streams past outBufMax; runBuiltin reports a failed write.
		out := &outBuf{ctx: ctx, c: c}
		status, _ := format.Printf(out, args[0], args[1:], opt)
		if out.Flush() != nil && status == 0 {
			status = 1
		}
		return status
	}
	status, err := format.Printf(&buf, args[0], args[1:], opt)
	if err != nil {
		c.r.errf("printf: %v", err)
		if status == 0 {
			status = 1
		}
	}
	if varName != "" {
		if err := c.r.setVarChecked(varName, buf.String()); err != nil {
			c.Errorf("%v", err)
			return 1
		}
		return status
	}
	if buf.Len() > 0 {
		c.Write(c.r.crlf(1, buf.Bytes()))
	}
	return status
}

// setVarChecked assigns to a name that may carry an index (a[1]).
func (r *Runner) setVarChecked(name, val string) error {
	if i := strings.IndexByte(name, '['); i > 0 && strings.HasSuffix(name, "]") {
		base, idx := name[:i], name[i+1:len(name)-1]
		cur := r.vars.get(base)
		if cur.Kind == expand.Associative {
			vr, err := r.assocSet(base, cur, idx, val)
			if err != nil {
				return err
			}
			return r.setVar(base, vr)
		}
		n, err := r.arithString(idx)
		if err != nil {
			return err
		}
		_, vr, err := r.indexAssignIdx(base, cur, n, val)
		if err != nil {
			return err
		}
		return r.setVar(base, vr)
	}
	if !validName(name) {
		return fmt.Errorf("`%s': not a valid identifier", name)
	}
	return r.setString(name, val)
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9' {
			continue
		}
		return false
	}
	return true
}

// readOpts are the parsed options of read.
type readOpts struct {
	raw, silent bool
	array       string
	delim       byte
	nchars      int
	exact       bool
	prompt      string
	timeout     time.Duration
	hasTimeout  bool
	fd          int
	names       []string
}

func parseReadOpts(c *Call) (readOpts, int, bool) {
	o := readOpts{delim: '\n', nchars: -1}
	args := c.Args
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && len(args[0]) > 1 {
		a := args[0]
		args = args[1:]
		if a == "--" {
			break
		}
		for i := 1; i < len(a); i++ {
			f := a[i]
			switch f {
			case 'r':
				o.raw = true
			case 's':
				o.silent = true
			case 'e':
			case 'a', 'd', 'n', 'N', 'p', 't', 'u', 'i':
				val := a[i+1:]
				if val == "" {
					if len(args) == 0 {
						c.Errorf("-%c: option requires an argument", f)
						return o, c.Usage(readUsage), false
					}
					val = args[0]
					args = args[1:]
				}
				switch f {
				case 'a':
					o.array = val
				case 'd':
					if val == "" {
						o.delim = 0
					} else {
						o.delim = val[0]
					}
				case 'n', 'N':
					n, err := strconv.Atoi(val)
					if err != nil || n < 0 {
						c.Errorf("%s: invalid number", val)
						return o, 1, false
					}
					o.nchars, o.exact = n, f == 'N'
				case 'p':
					o.prompt = val
				case 't':
					secs, err := strconv.ParseFloat(val, 64)
					if err != nil || secs < 0 {
						c.Errorf("%s: invalid timeout specification", val)
						return o, 1, false
					}
					o.timeout = time.Duration(secs * float64(time.Second))
					o.hasTimeout = true
				case 'u':
					n, err := strconv.Atoi(val)
					if err != nil || n < 0 {
						c.Errorf("%s: invalid file descriptor specification", val)
						return o, 1, false
					}
					o.fd = n
				}
				i = len(a)
			default:
				c.Errorf("-%c: invalid option", f)
				return o, c.Usage(readUsage), false
			}
		}
	}
	o.names = args
	return o, 0, true
}

func bRead(ctx context.Context, c *Call) int {
	o, status, ok := parseReadOpts(c)
	if !ok {
		return status
	}
	r := c.r
	for _, n := range o.names {
		if !validName(n) {
			c.Errorf("`%s': not a valid identifier", n)
			return 1
		}
	}
	ch, err := r.fds.Get(o.fd)
	if err != nil {
		c.Errorf("%d: invalid file descriptor: Bad file descriptor", o.fd)
		return 1
	}
	if o.prompt != "" && ch.Kind() == fdtable.KindTTY {
		io.WriteString(r.out(2), o.prompt)
	}
	rctx := ctx
	if o.hasTimeout && o.timeout == 0 {
		// -t 0 only asks whether input is ready; it reads nothing.
		if ch.Ready() {
			return 0
		}
		return 1
	}
	// bash ignores other timeouts on regular files, which never block.
	if o.hasTimeout && ch.Kind() != fdtable.KindFile {
		var cancel context.CancelFunc
		rctx, cancel = context.WithTimeout(ctx, o.timeout)
		defer cancel()
	}
	line, eof, err := r.readInput(rctx, ch, o)
	if err != nil && !errors.Is(err, io.EOF) {
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			r.assignRead(o, line)
			return 142
		}
		if ctx.Err() != nil {
			return 130
		}
		c.Errorf("read error: %d: %s", o.fd, redirect.Errno(err))
		return 1
	}
	r.assignRead(o, line)
	if eof {
		return 1
	}
	return 0
}

// readInput reads what one read call consumes: up to the delimiter (with
// backslash-newline continuation unless -r), or -n/-N characters.
func (r *Runner) readInput(ctx context.Context, ch *fdtable.Channel, o readOpts) (string, bool, error) {
	var sb strings.Builder
	if o.nchars >= 0 {
		want := o.nchars
		got := 0
		for got < want {
			delim := int(o.delim)
			if o.exact {
				delim = -1
			}
			b, err := ch.ReadDelimContext(ctx, byte(delim), want-got, delim < 0)
			atDelim := !o.exact && len(b) > 0 && b[len(b)-1] == o.delim
			if atDelim {
				b = b[:len(b)-1]
			}
			// bash drops NUL bytes: they neither count nor stay.
			if bytes.IndexByte(b, 0) >= 0 {
				b = bytes.ReplaceAll(b, []byte{0}, nil)
			}
			sb.Write(b)
			if atDelim {
				return sb.String(), false, nil
			}
			if err != nil {
				return sb.String(), true, err
			}
			if r.utf8 {
				got = utf8.RuneCountInString(sb.String())
				// A partial character at the end still needs its bytes.
				if s := sb.String(); !utf8.FullRuneInString(s[lastRuneStart(s):]) {
					got--
				}
			} else {
				got = sb.Len()
			}
		}
		s := sb.String()
		if !o.raw {
			s = removeBackslashes(s)
		}
		return s, false, nil
	}
	for {
		b, err := ch.ReadDelimContext(ctx, o.delim, 0, false)
		eof := err != nil
		if len(b) > 0 && b[len(b)-1] == o.delim {
			b = b[:len(b)-1]
			eof = false
			if r.absorbsDelim(b) {
				// bash reads the delimiter into an unfinished
				// multibyte character and goes on reading.
				sb.Write(b)
				sb.WriteByte(o.delim)
				continue
			}
		}
		if !o.raw && len(b) > 0 && b[len(b)-1] == '\\' && !eof && o.delim == '\n' {
			sb.Write(b[:len(b)-1])
			continue
		}
		sb.Write(b)
		if err != nil {
			return sb.String(), true, err
		}
		return sb.String(), eof, nil
	}
}

// absorbsDelim reports whether, in a UTF-8 locale, line ends in the first
// bytes of a multibyte character that bash's read would complete with the
// next byte, even when that byte is the delimiter.
func (r *Runner) absorbsDelim(line []byte) bool {
	if !r.utf8 || len(line) == 0 || line[len(line)-1] < utf8.RuneSelf {
		return false
	}
	return fields.NeedMoreBytes(line[lastRuneStart(string(line)):], true)
}

func lastRuneStart(s string) int {
	for i := len(s) - 1; i >= 0 && i >= len(s)-4; i-- {
		if utf8.RuneStart(s[i]) {
			return i
		}
	}
	return 0
}

// removeBackslashes drops each backslash and keeps the byte it quotes
// (a trailing backslash stays): read's -n unescaping, and the directory
// part of a word being completed.
func removeBackslashes(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

// assignRead stores what read read into its names, REPLY or the array.
func (r *Runner) assignRead(o readOpts, line string) {
	ifs := r.getString("IFS")
	if !r.vars.get("IFS").IsSet() {
		ifs = " \t\n"
	}
	if o.nchars >= 0 && o.exact {
		if o.array == "" && len(o.names) <= 1 {
			name := "REPLY"
			if len(o.names) == 1 {
				name = o.names[0]
			}
			r.setString(name, line)
			return
		}
	}
	raw := o.raw || o.nchars >= 0
	if o.array != "" {
		parts := fields.SplitReadLocale(line, ifs, 0, raw, r.utf8)
		r.setVar(o.array, expand.Variable{Set: true, Kind: expand.Indexed, List: parts})
		return
	}
	if len(o.names) == 0 {
		if !raw {
			line = fields.SplitReadLocale(line, "", 1, false, r.utf8)[0]
		}
		r.setString("REPLY", line)
		return
	}
	parts := fields.SplitReadLocale(line, ifs, len(o.names), raw, r.utf8)
	for i, name := range o.names {
		val := ""
		if i < len(parts) {
			val = parts[i]
		}
		if err := r.setString(name, val); err != nil {
			r.errf("read: %v", err)
		}
	}
}

func bMapfile(ctx context.Context, c *Call) int {
	r := c.r
	args := c.Args
	delim := byte('\n')
	count, origin, skip, fd := 0, 0, 0, 0
	trim := false
	callback, quantum := "", 5000
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && len(args[0]) > 1 {
		a := args[0]
		args = args[1:]
		if a == "--" {
			break
		}
		f := a[1]
		if f == 't' {
			trim = true
			continue
		}
		val := a[2:]
		if val == "" && len(args) > 0 {
			val, args = args[0], args[1:]
		}
		switch f {
		case 'd':
			if val == "" {
				delim = 0
			} else {
				delim = val[0]
			}
		case 'n', 'O', 's', 'u':
			n, err := strconv.Atoi(val)
			if err != nil || n < 0 {
				c.Errorf("%s: invalid number", val)
				return 1
			}
			switch f {
			case 'n':
				count = n
			case 'O':
				origin = n
			case 's':
				skip = n
			case 'u':
				fd = n
			}
		case 'C':
			callback = val
		case 'c':
			n, err := strconv.Atoi(val)
			if err != nil || n <= 0 {
				c.Errorf("%s: invalid callback quantum", val)
				return 1
			}
			quantum = n
		default:
			c.Errorf("-%c: invalid option", f)
			return 2
		}
	}
	name := "MAPFILE"
	if len(args) > 0 {
		name = args[0]
	}
	ch, err := r.fds.Get(fd)
	if err != nil {
		c.Errorf("%d: invalid file descriptor: Bad file descriptor", fd)
		return 1
	}
	cur := r.vars.get(name)
	var list []string
	var idx []int
	if origin > 0 && cur.Kind == expand.Indexed {
		list = append(list, cur.List...)
		idx = append(idx, cur.Indexes...)
	}
	read := 0
	for count == 0 || read < count {
		b, err := ch.ReadDelimContext(ctx, delim, 0, false)
		if len(b) == 0 {
			break
		}
		if skip > 0 {
			skip--
		} else {
			s := string(b)
			if trim && len(s) > 0 && s[len(s)-1] == delim {
				s = s[:len(s)-1]
			}
			if i := strings.IndexByte(s, 0); i >= 0 {
				s = s[:i] // bash's element is a C string: it ends at a NUL
			}
			pos := origin + read
			if callback != "" && (read+1)%quantum == 0 {
				r.evalString(ctx, callback+" "+strconv.Itoa(pos)+" "+singleQuote(s), "mapfile")
			}
			if idx == nil && pos == len(list) {
				list = append(list, s)
			} else {
				vr := expand.Variable{Set: true, Kind: expand.Indexed, List: list, Indexes: idx}
				_, vr, _ = r.indexAssignIdx(name, vr, pos, s)
				list, idx = vr.List, vr.Indexes
			}
			read++
		}
		if err != nil {
			break
		}
	}
	if err := r.setVar(name, expand.Variable{Set: true, Kind: expand.Indexed, List: list, Indexes: idx}); err != nil {
		c.Errorf("%v", err)
		return 1
	}
	return 0
}

// singleQuote quotes s for the shell's input.
func singleQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func bCat(ctx context.Context, c *Call) int {
	opt, files, unsupported, err := gnucat.ParseArgs(c.Args)
	r := c.r
	if unsupported != "" || err != nil {
		if p, lerr := r.lookPath("cat"); lerr == nil && p != "" {
			return r.external(ctx, append([]string{"cat"}, c.Args...))
		}
		if err != nil {
			io.WriteString(r.out(2), "cat: "+err.Error()+"\n")
		} else {
			io.WriteString(r.out(2), "cat: invalid option -- '"+unsupported+"'\n")
		}
		return 1
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	out, err := r.fds.Get(1)
	if err != nil {
		io.WriteString(r.out(2), "cat: write error: Bad file descriptor\n")
		return 1
	}
	formatter := gnucat.NewFormatter(out, opt)
	status := 0
	readStdin := false
	defer func() {
		// GNU cat closes the stdin it read and reports when it cannot.
		if _, err := r.fds.Get(0); readStdin && err != nil {
			io.WriteString(r.out(2), "cat: closing standard input: Bad file descriptor\n")
		}
	}()
	for _, name := range files {
		var src io.Reader
		var release func()
		if name == "-" {
			readStdin = true
			in, err := r.fds.Get(0)
			if err != nil {
				io.WriteString(r.out(2), "cat: -: Bad file descriptor\n")
				status = 1
				continue
			}
			src = in
		} else {
			ch, err := r.openPath(ctx, name, os.O_RDONLY, false)
			if err != nil {
				var re *redirect.Error
				if errors.As(err, &re) {
					r.redirError(err)
				} else {
					io.WriteString(r.out(2), "cat: "+gnuhead.QuoteFileIfNeeded(name, r.utf8)+": "+redirect.Errno(unwrapAll(err))+"\n")
				}
				status = 1
				continue
			}
			if ch.Kind() == fdtable.KindFile {
				if st, err := os.Stat(r.absPath(name)); err == nil && st.IsDir() {
					io.WriteString(r.out(2), "cat: "+gnuhead.QuoteFileIfNeeded(name, r.utf8)+": Is a directory\n")
					ch.Release()
					status = 1
					continue
				}
			}
			src, release = ch, ch.Release
		}
		var err error
		if opt.Plain() {
			_, err = copyContext(ctx, out, src)
		} else {
			// Line numbers, -s and a held-back \r carry over between
			// files, so the formatter is flushed once, after the last.
			_, err = copyContext(ctx, formatter, src)
		}
		if release != nil {
			release()
		}
		if err != nil {
			var we *writeError
			if errors.As(err, &we) {
				return r.catWriteFailed(we.err)
			}
			if ctx.Err() != nil {
				return 130
			}
			io.WriteString(r.out(2), "cat: "+gnuhead.QuoteFileIfNeeded(name, r.utf8)+": "+redirect.Errno(err)+"\n")
			status = 1
		}
	}
	if err := formatter.Flush(); err != nil {
		return r.catWriteFailed(err)
	}
	return status
}

// catWriteFailed reports a failed write of cat as GNU cat words it.
func (r *Runner) catWriteFailed(err error) int {
	if r.sigpipe(1, err) {
		return 141
	}
	io.WriteString(r.out(2), "cat: write error: "+redirect.Errno(err)+"\n")
	return 1
}

// sigpipe reports whether a write to fd that failed with err ends the
// shell as SIGPIPE would (a broken pipe on anything but a socket tcpsh
// opened), and then sets the shell exiting with 141.
func (r *Runner) sigpipe(fd int, err error) bool {
	if !errors.Is(err, syscall.EPIPE) {
		return false
	}
	if ch, gerr := r.fds.Get(fd); gerr == nil && isOwnedSocket(ch) {
		return false
	}
	r.exiting, r.exitCode = true, 141
	return true
}

func unwrapAll(err error) error {
	var re *redirError
	if errors.As(err, &re) {
		return re.err
	}
	return unwrapPathError(err)
}
