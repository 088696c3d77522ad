package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"

	"mvdan.cc/sh/v3/syntax"

	"tcpsh/fdtable"
	"tcpsh/redirect"
)

// redirError is a failed redirection, printed as "word: reason".
type redirError struct {
	word string
	err  error
}

func (e *redirError) Error() string { return e.word + ": " + redirect.Errno(e.err) }
func (e *redirError) Unwrap() error { return e.err }

// redirError prints a failed redirection the way bash does; socket errors
// may come with a first notice line.
func (r *Runner) redirError(err error) {
	var done *reportedError
	if errors.As(err, &done) {
		return
	}
	var re *redirect.Error
	if errors.As(err, &re) {
		if re.Notice != "" {
			if re.NoticeHasLine {
				r.errf("%s", re.Notice)
			} else {
				io.WriteString(r.out(2), r.errName+": "+re.Notice+"\n")
			}
		}
		r.errf("%s", re.Error())
		return
	}
	var pe *redirError
	if errors.As(err, &pe) {
		r.errf("%s", pe.Error())
		return
	}
	r.errf("%v", err)
}

// reportedError is an error whose message was printed already.
type reportedError struct{ err error }

func (e *reportedError) Error() string { return e.err.Error() }
func (e *reportedError) Unwrap() error { return e.err }

// undoList is what a command's redirections displaced: run puts it
// back in reverse order. (A list of values rather than of closures: one
// allocation per command at most.)
type undoList []fdRestore

// fdRestore is one displaced fd: prev goes back to fd.
type fdRestore struct {
	fd   int
	prev *fdtable.Channel
}

// run restores the fds of r that u lists; a nil u does nothing.
func (u undoList) run(r *Runner) {
	for i := len(u) - 1; i >= 0; i-- {
		r.fds.Restore(u[i].fd, u[i].prev)
	}
}

// redirects applies rs left to right. With persist (exec without a
// command) the changes stay; otherwise the returned list's run undoes
// them. On error, whatever was applied is undone already.
func (r *Runner) redirects(ctx context.Context, rs []*syntax.Redirect, persist bool) (undoList, error) {
	defer r.endDocs(r.beginDocs()) // set -o crlf here-documents (crlf.go)
	var undo undoList
	install := func(fd int, ch *fdtable.Channel) error {
		if persist {
			if ch == nil {
				r.fds.Close(fd)
				return nil
			}
			return r.fds.Set(fd, ch)
		}
		if err := r.fds.CheckFD(fd); err != nil {
			if ch != nil {
				ch.Release()
			}
			return err
		}
		undo = append(undo, fdRestore{fd, r.fds.Swap(fd, ch)})
		return nil
	}
	for _, rd := range rs {
		if err := r.redirect(ctx, rd, install); err != nil {
			// Reported while the earlier redirections still apply, as in
			// bash: `2>&1 >file` sends the error to the new fd 2.
			r.redirError(err)
			undo.run(r)
			return nil, &reportedError{err}
		}
	}
	return undo, nil
}

// fdVarValue is the value of the variable of a {var} redirection, which
// may be an array element ({COPROC[1]}>&- closes a coprocess's input).
func (r *Runner) fdVarValue(ref string) string {
	if validName(ref) {
		return r.getString(ref)
	}
	w, err := r.newParser().Document(strings.NewReader("${" + ref + "}"))
	if err != nil {
		return ""
	}
	v, _ := r.literal(w)
	return v
}

// redirect performs one redirection through install.
func (r *Runner) redirect(ctx context.Context, rd *syntax.Redirect, install func(int, *fdtable.Channel) error) error {
	fd, varName := -1, ""
	if rd.N != nil {
		n := rd.N.Value
		if strings.HasPrefix(n, "{") {
			varName = strings.Trim(n, "{}")
		} else {
			v, err := strconv.Atoi(n)
			if err != nil {
				return &redirError{n, syscall.EBADF}
			}
			fd = v
		}
	}
	if fd < 0 {
		switch rd.Op {
		case syntax.RdrIn, syntax.RdrInOut, syntax.DplIn, syntax.Hdoc, syntax.DashHdoc, syntax.WordHdoc:
			fd = 0
		default:
			fd = 1
		}
	}
	// {var}>&- closes the fd held in var.
	if varName != "" && (rd.Op == syntax.DplOut || rd.Op == syntax.DplIn) {
		if w, _ := r.literal(rd.Word); w == "-" {
			v := r.fdVarValue(varName)
			n, err := strconv.Atoi(v)
			if err != nil {
				return &redirError{v, syscall.EBADF}
			}
			return install(n, nil)
		}
	}
	if varName != "" {
		fd = r.fds.LowestFree(10)
		if opensPath(rd.Op) && r.fds.LowestFree(0) == fd {
			// bash opens first (taking the lowest free fd), then dups
			// to >= 10: with 0-9 all open, that fd is skipped.
			fd = r.fds.LowestFree(fd + 1)
		}
	}
	assignVar := func() error {
		if varName == "" {
			return nil
		}
		return r.setVarChecked(varName, strconv.Itoa(fd)) // {a[1]}> too
	}

	switch rd.Op {
	case syntax.Hdoc, syntax.DashHdoc, syntax.WordHdoc:
		var body string
		var err error
		if rd.Op == syntax.WordHdoc {
			body, err = r.literal(rd.Word)
			body += "\n"
		} else {
			hdoc := rd.Hdoc
			if rd.Op == syntax.DashHdoc {
				hdoc = stripHdocTabs(hdoc)
			}
			if quotedDelim(rd.Word) {
				body = literalDoc(hdoc)
			} else {
				body, err = r.heredoc(rd.Word, hdoc)
			}
		}
		if err != nil {
			return err
		}
		ch, err := r.docChannel(body)
		if err != nil {
			return err
		}
		if err := install(fd, ch); err != nil {
			return err
		}
		return assignVar()
	case syntax.DplIn, syntax.DplOut:
		word, err := r.redirWord(rd.Word)
		if err != nil {
			return err
		}
		if word == "-" {
			if err := install(fd, nil); err != nil {
				return err
			}
			return assignVar()
		}
		move := strings.HasSuffix(word, "-")
		src, numErr := strconv.Atoi(strings.TrimSuffix(word, "-"))
		if numErr != nil {
			if rd.Op == syntax.DplOut && rd.N == nil {
				// >&file is &>file.
				return r.openRedirect(ctx, word, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, []int{1, 2}, install, true)
			}
			return &redirError{word, errAmbiguous}
		}
		ch, err := r.fds.Get(src)
		if err != nil {
			if move {
				io.WriteString(r.out(2), r.errName+": redirection error: cannot duplicate fd: Bad file descriptor\n")
				return &redirError{strconv.Itoa(src), syscall.EBADF}
			}
			return &redirError{wordSource(rd.Word), syscall.EBADF}
		}
		if src == fd {
			return assignVar()
		}
		ch.Ref()
		if err := install(fd, ch); err != nil {
			return err
		}
		if move {
			if err := install(src, nil); err != nil {
				return err
			}
		}
		return assignVar()
	}

	word, err := r.redirWord(rd.Word)
	if err != nil {
		return err
	}
	if varName != "" && r.fds.CheckFD(fd) != nil {
		// bash opens the file, then fails to move it to a number >= 10.
		return &redirect.Error{Path: word, Err: syscall.EMFILE,
			Notice: "redirection error: cannot duplicate fd: " + redirect.Errno(syscall.EMFILE)}
	}
	var flag int
	fds := []int{fd}
	clobber := false
	switch rd.Op {
	case syntax.RdrIn:
		flag = os.O_RDONLY
	case syntax.RdrOut:
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		clobber = r.opts.noclobber
	case syntax.RdrClob:
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	case syntax.AppOut:
		flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	case syntax.RdrInOut:
		flag = os.O_RDWR | os.O_CREATE
	case syntax.RdrAll:
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		fds = []int{1, 2}
		clobber = r.opts.noclobber
	case syntax.AppAll:
		flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
		fds = []int{1, 2}
	default:
		return fmt.Errorf("unsupported redirection %s", rd.Op)
	}
	if err := r.openRedirect(ctx, word, flag, fds, install, clobber); err != nil {
		return err
	}
	return assignVar()
}

// fileSubst runs $(< file), which copies the file to fd 1 without a
// command, and reports whether cs has that form.
func (r *Runner) fileSubst(ctx context.Context, cs *syntax.CmdSubst) bool {
	if len(cs.Stmts) != 1 {
		return false
	}
	st := cs.Stmts[0]
	if st.Cmd != nil || len(st.Redirs) != 1 || st.Negated || st.Background || st.Coprocess {
		return false
	}
	rd := st.Redirs[0]
	if rd.Op != syntax.RdrIn || rd.N != nil {
		return false
	}
	r.setLine(st.Pos())
	r.lastStatus = 1
	word, err := r.redirWord(rd.Word)
	if err != nil {
		r.redirError(err)
		return true
	}
	src, err := r.openPath(ctx, word, os.O_RDONLY, false)
	if err != nil {
		r.redirError(err)
		return true
	}
	defer src.Release()
	out, err := r.fds.Get(1)
	if err != nil {
		return true
	}
	if _, err := copyContext(ctx, out, src); err != nil {
		r.errf("%s: %s", word, redirect.Errno(unwrapAll(err)))
		return true
	}
	r.lastStatus = 0
	return true
}

// quotedDelim reports whether a here-document delimiter has quotes or a
// backslash, which makes the body literal.
func quotedDelim(w *syntax.Word) bool {
	if w == nil {
		return false
	}
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			if strings.Contains(p.Value, "\\") {
				return true
			}
		case *syntax.SglQuoted, *syntax.DblQuoted:
			return true
		}
	}
	return false
}

// literalDoc is the text of a here-document body taken as is.
func literalDoc(w *syntax.Word) string {
	if w == nil {
		return ""
	}
	var sb strings.Builder
	for _, p := range w.Parts {
		if lit, ok := p.(*syntax.Lit); ok {
			sb.WriteString(lit.Value)
		} else {
			syntax.NewPrinter().Print(&sb, p)
		}
	}
	return sb.String()
}

// stripHdocTabs removes the leading tabs of every line of a <<- body.
func stripHdocTabs(w *syntax.Word) *syntax.Word {
	if w == nil {
		return nil
	}
	out := &syntax.Word{Parts: make([]syntax.WordPart, 0, len(w.Parts))}
	lineStart := true
	for _, part := range w.Parts {
		lit, ok := part.(*syntax.Lit)
		if !ok {
			out.Parts = append(out.Parts, part)
			lineStart = false
			continue
		}
		lines := strings.SplitAfter(lit.Value, "\n")
		for i, l := range lines {
			if i > 0 || lineStart {
				lines[i] = strings.TrimLeft(l, "\t")
			}
		}
		v := strings.Join(lines, "")
		out.Parts = append(out.Parts, &syntax.Lit{ValuePos: lit.ValuePos, ValueEnd: lit.ValueEnd, Value: v})
		lineStart = strings.HasSuffix(lit.Value, "\n")
	}
	return out
}

var errAmbiguous = errors.New("ambiguous redirect")

// redirWord expands a redirection target, which must be one field.
func (r *Runner) redirWord(w *syntax.Word) (string, error) {
	fields, err := r.fields(w)
	if err != nil {
		return "", err
	}
	if len(fields) != 1 {
		src := wordSource(w)
		return "", &redirError{src, errAmbiguous}
	}
	return fields[0], nil
}

// wordSource prints a word as it was written, for messages.
func wordSource(w *syntax.Word) string {
	var sb strings.Builder
	syntax.NewPrinter().Print(&sb, w)
	return sb.String()
}

// openRedirect opens path (special or not) and installs it at each fd.
func (r *Runner) openRedirect(ctx context.Context, path string, flag int, fds []int, install func(int, *fdtable.Channel) error, noclobber bool) error {
	ch, err := r.openPath(ctx, path, flag, noclobber)
	if err != nil {
		return err
	}
	for i, fd := range fds {
		if i > 0 {
			ch.Ref()
		}
		if err := install(fd, ch); err != nil {
			return err
		}
	}
	return nil
}

// openPath opens a path for a redirection or a builtin, handling bash's
// special files. The returned channel holds one reference for the caller.
func (r *Runner) openPath(ctx context.Context, path string, flag int, noclobber bool) (*fdtable.Channel, error) {
	t, err := redirect.ParsePath(path)
	if err != nil {
		return nil, err
	}
	switch t.Kind {
	case redirect.TCP, redirect.UDP, redirect.TLS:
		d := r.sess.dialer
		if d.TLSConfig == nil {
			d.TLSConfig = r.tlsConfig // TCPSH_TLS_INSECURE, SSL_CERT_FILE (tls.go)
		}
		if v := r.getString("TCPSH_CONNECT_TIMEOUT"); v != "" {
			to, err := redirect.ParseTimeout(v)
			if err != nil {
				return nil, &redirError{"TCPSH_CONNECT_TIMEOUT", err}
			}
			d.ConnectTimeout = to
		}
		if err := r.fds.CanOpen(1); err != nil {
			return nil, &redirError{path, syscall.EMFILE}
		}
		conn, err := d.Dial(ctx, t)
		if err != nil {
			return nil, err
		}
		return r.socketOpened(fdtable.NewConn(conn, path)) // idle timeout, wiretrace (builtin_trace.go)
	case redirect.Stdin, redirect.Stdout, redirect.Stderr, redirect.FD:
		n := t.FD
		switch t.Kind {
		case redirect.Stdin:
			n = 0
		case redirect.Stdout:
			n = 1
		case redirect.Stderr:
			n = 2
		}
		ch, err := r.fds.Get(n)
		if err != nil {
			return nil, &redirError{path, syscall.EBADF}
		}
		if ch.Kind() == fdtable.KindFile {
			if info := ch.Info(); info.OSFD >= 0 {
				f, err := os.OpenFile(fmt.Sprintf("/proc/self/fd/%d", info.OSFD), flag, 0o666)
				if err == nil {
					return fdtable.NewFile(f, modeOf(flag), path, true), nil
				}
			}
		}
		ch.Ref()
		return ch, nil
	}
	full := r.absPath(path)
	if noclobber {
		if st, err := os.Stat(full); err == nil && st.Mode().IsRegular() {
			return nil, &redirError{path, errNoClobber}
		}
	}
	open := r.fds.OpenFile
	if r.sess.sandbox != nil {
		open = func(p string, fl int, perm os.FileMode) (*fdtable.Channel, error) {
			return r.sess.openChannel(r.fds, p, fl, perm)
		}
	}
	ch, err := open(full, flag, 0o666)
	if err != nil {
		return nil, &redirError{path, unwrapPathError(err)}
	}
	return ch, nil
}

var errNoClobber = errors.New("cannot overwrite existing file")

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func modeOf(flag int) fdtable.Mode {
	switch flag & (os.O_RDONLY | os.O_WRONLY | os.O_RDWR) {
	case os.O_WRONLY:
		return fdtable.Write
	case os.O_RDWR:
		return fdtable.Read | fdtable.Write
	}
	return fdtable.Read
}

// hdocSyncMax is the largest here-document written to its pipe at once;
// Linux pipes hold 64 KiB, other systems at least 16 KiB.
const hdocSyncMax = 16 << 10

// feedDoc writes s to the pipe w and closes it: at once when it fits in
// the pipe (before the command starts, as bash does, so that read -t 0
// sees it), else from a goroutine.
func feedDoc(w *fdtable.Channel, s string) {
	if len(s) <= hdocSyncMax {
		io.WriteString(w, s)
		w.Release()
		return
	}
	go func() {
		io.WriteString(w, s)
		w.Release()
	}()
}

// stringChannel returns a readable channel holding s: a pipe fed by a
// goroutine (here-documents and here-strings).
func (r *Runner) stringChannel(s string) (*fdtable.Channel, error) {
	pr, pw, err := r.fds.Pipe()
	if err != nil {
		return nil, err
	}
	feedDoc(pw, s)
	return pr, nil
}
