package shell

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"tcpsh/fdtable"
	"tcpsh/redirect"
	"tcpsh/shell/internal/gnuhead"
)

func init() {
	registerBuiltin("head", bHead, "head [-n [-]NUM | -c [-]NUM] [-qvz] [FILE ...]",
		`Print the first lines or bytes of each FILE (or standard input).

GNU head's options, with output identical to it: -n NUM (lines, default
10), -c NUM (bytes), -n -NUM / -c -NUM (all but the last NUM), -q, -v,
-z, the old -NUM form, multiplier suffixes (b, K, kB, M, MiB, ...), and
"==> FILE <==" headers when several files are given.

Unlike an external head, it never consumes more input than it prints:
what follows stays in the descriptor (or in the channel's buffer) for
the next reader, so "head -n 1 <&3; cat <&3" loses nothing. Large -c
copies use the kernel's zero-copy paths. Options it does not know run
the external head from PATH.

Exit Status:
Returns success unless a file cannot be read or output cannot be written.`)
}

// headWriteBuf is the size of GNU head's stdout buffer: a write error
// within it is reported as "write error" (at exit), later ones as
// "error writing 'standard output'".
const headWriteBuf = 4096

// headRun is one invocation of the head builtin.
type headRun struct {
	r    *Runner
	ctx  context.Context
	opt  gnuhead.Options
	out  *fdtable.Channel // nil when fd 1 is closed
	bw   *bufio.Writer    // over sink, for byte-wise line reads and headers
	sink headSink
	// printHeaders says "==> name <==" lines are wanted; firstHeader
	// that none was printed yet (the next one has no blank line before).
	printHeaders, firstHeader bool
}

// headSink writes to fd 1 and remembers the first error.
type headSink struct {
	ch        *fdtable.Channel
	err       error
	attempted int64
}

func (s *headSink) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	s.attempted += int64(len(p))
	if s.ch == nil {
		s.err = syscall.EBADF
		return 0, s.err
	}
	n, err := s.ch.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}

func bHead(ctx context.Context, c *Call) int {
	r := c.r
	opt, files, unsupported, err := gnuhead.ParseArgs(c.Args, r.utf8)
	if unsupported != "" {
		if p, lerr := r.lookPath("head"); lerr == nil && p != "" {
			return r.external(ctx, append([]string{"head"}, c.Args...))
		}
		msg := "head: option '" + unsupported + "' needs the external head, which is not in PATH\n"
		if len(unsupported) == 2 || unsupported[1] != '-' {
			msg = "head: invalid option -- '" + unsupported[1:2] + "'\n" + gnuhead.TryLine + "\n"
		}
		io.WriteString(r.out(2), msg)
		return 1
	}
	if err != nil {
		msg := "head: " + err.Error() + "\n"
		var ue *gnuhead.UsageError
		if errors.As(err, &ue) && ue.Try {
			msg += gnuhead.TryLine + "\n"
		}
		io.WriteString(r.out(2), msg)
		return 1
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	h := &headRun{r: r, ctx: ctx, opt: opt, printHeaders: opt.PrintHeaders(len(files)), firstHeader: true}
	h.out, _ = r.fds.Get(1)
	h.sink.ch = h.out
	h.bw = bufio.NewWriterSize(&h.sink, gnuhead.GNUBufSize)
	status := 0
	readStdin := false
	for _, name := range files {
		st, stop := h.file(name, &readStdin)
		if st != 0 {
			status = st
		}
		if stop {
			return st
		}
	}
	if _, err := r.fds.Get(0); readStdin && err != nil {
		h.errorf("-: %s", redirect.Errno(err))
		return 1
	}
	if h.bw.Flush() != nil {
		return h.writeFailed()
	}
	return status
}

// errorf prints "head: msg" after the output so far.
func (h *headRun) errorf(format string, args ...any) {
	h.bw.Flush()
	h.say("head: "+format, args...)
}

// say prints a message on fd 2 as GNU head does (no shell prefix).
func (h *headRun) say(format string, args ...any) {
	io.WriteString(h.r.out(2), fmt.Sprintf(format, args...)+"\n")
}

// file heads one operand; stop says that head must end now with status.
func (h *headRun) file(name string, readStdin *bool) (status int, stop bool) {
	r := h.r
	display := name
	var ch *fdtable.Channel
	if name == "-" {
		*readStdin = true
		display = "standard input"
		ch, _ = r.fds.Get(0)
	} else {
		var err error
		ch, err = r.openPath(h.ctx, name, os.O_RDONLY, false)
		if err != nil {
			if h.ctx.Err() != nil {
				return 130, true
			}
			h.errorf("cannot open %s for reading: %s", h.quote(name), redirect.Errno(unwrapAll(err)))
			return 1, false
		}
		defer ch.Release()
	}
	if h.printHeaders {
		nl := "\n"
		if h.firstHeader {
			nl = ""
		}
		h.firstHeader = false
		h.bw.WriteString(nl + "==> " + display + " <==\n")
	}
	var err error
	switch {
	case ch == nil && h.opt.Elide:
		h.errorf("cannot fstat %s: Bad file descriptor", h.quote(display))
		return 1, false
	case ch == nil && h.opt.Count > 0:
		err = syscall.EBADF
	case ch == nil:
	case h.opt.Elide:
		err = h.elide(ch)
	case h.opt.Lines:
		err = h.lines(ch)
	default:
		err = h.bytes(ch)
	}
	switch {
	case h.sink.err != nil:
		return h.writeFailed(), true
	case err == nil:
		return 0, false
	case h.ctx.Err() != nil:
		h.bw.Flush()
		return 130, true
	}
	h.errorf("error reading %s: %s", h.quote(display), redirect.Errno(err))
	return 1, false
}

// quote is GNU's quoteaf in the session's locale.
func (h *headRun) quote(s string) string { return gnuhead.QuoteFile(s, h.r.utf8) }

// writeFailed reports the failed write as GNU head does and returns the
// status: a broken pipe ends the shell with 141 (SIGPIPE) unless fd 1 is
// a socket tcpsh opened.
func (h *headRun) writeFailed() int {
	err := h.sink.err
	if h.r.sigpipe(1, err) {
		return 141
	}
	if h.sink.attempted <= headWriteBuf {
		h.say("head: write error: %s", redirect.Errno(err))
	} else {
		h.say("head: error writing 'standard output': %s", redirect.Errno(err))
	}
	return 1
}

// lines prints the first N lines, consuming exactly them.
func (h *headRun) lines(ch *fdtable.Channel) error {
	left, delim := h.opt.Count, h.opt.Delim
	if left == 0 {
		return nil
	}
	return ch.Consume(h.ctx, func(block []byte) (int, bool) {
		used, l := gnuhead.LinePrefix(block, delim, left)
		left = l
		if _, err := h.bw.Write(block[:used]); err != nil {
			return used, true
		}
		// Byte-wise reads gather a line before writing it.
		if len(block) > 1 || left == 0 || block[used-1] == delim {
			if h.bw.Flush() != nil {
				return used, true
			}
		}
		return used, left == 0
	})
}

// bytes prints the first N bytes with a zero-copy copy where possible.
func (h *headRun) bytes(ch *fdtable.Channel) error {
	if ch.Kind() == fdtable.KindOther && h.opt.Count > 0 {
		// A zero-copy error does not say which side failed: read(2)
		// of a directory fails, as GNU head finds.
		if fi, err := ch.Stat(); err == nil && fi.IsDir() {
			return syscall.EISDIR
		}
	}
	return h.copyN(ch, h.opt.Count)
}

// copyN copies n bytes of ch to fd 1, sorting write errors into sink.
func (h *headRun) copyN(ch *fdtable.Channel, n uint64) error {
	if n == 0 {
		return nil
	}
	if h.bw.Flush() != nil {
		return nil
	}
	if h.out == nil {
		h.sink.Write([]byte{0})
		return nil
	}
	want := int64(min(n, uint64(1<<63-1)))
	m, err := ch.WriteToN(h.ctx, h.out, want)
	if err != nil && h.ctx.Err() == nil && isWriteErr(err) && !isPeerErr(err, h.out) {
		h.sink.attempted += m + 1
		h.sink.err = err
		return nil
	}
	h.sink.attempted += m
	return err
}

// isPeerErr reports an error of a copy that comes from the source
// socket although the copy labels it a write: a reset or timeout while
// fd 1 is not a socket.
func isPeerErr(err error, out *fdtable.Channel) bool {
	if out.IsSocket() {
		return false
	}
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ETIMEDOUT)
}

// elide prints all but the last N lines or bytes. Regular files larger
// than a block are read from the end; other input is streamed. On a
// regular file the offset ends just after the printed bytes, as GNU head
// leaves it.
func (h *headRun) elide(ch *fdtable.Channel) error {
	if ch.Kind() == fdtable.KindFile {
		start, serr := ch.Seek(0, io.SeekCurrent)
		fi, ferr := ch.Stat()
		if serr == nil && ferr == nil && fi.Mode().IsRegular() {
			if size := fi.Size(); size > gnuhead.BlockSize(fi) {
				return h.elideSeekable(ch, start, size)
			}
			written, err := h.elideStream(ch)
			if err == nil && h.sink.err == nil {
				_, err = ch.Seek(start+written, io.SeekStart)
			}
			return err
		}
	}
	_, err := h.elideStream(ch)
	return err
}

// elideStream reads ch to its end through an Elider.
func (h *headRun) elideStream(ch *fdtable.Channel) (int64, error) {
	el := gnuhead.NewElider(h.bw, h.opt.Lines, h.opt.Count, h.opt.Delim)
	_, err := ch.WriteToContext(h.ctx, el)
	if h.sink.err != nil {
		return el.Written(), nil
	}
	if err == nil {
		el.Close()
	}
	return el.Written(), err
}

// elideSeekable is GNU head's elision on a regular file bigger than a
// block: it finds the cut from the end, then copies up to it.
func (h *headRun) elideSeekable(ch *fdtable.Channel, start, size int64) error {
	n := h.opt.Count
	if !h.opt.Lines {
		remaining := max(size-start, 0)
		if uint64(remaining) <= n {
			return nil
		}
		return h.copyN(ch, uint64(remaining)-n)
	}
	if size <= start {
		return nil
	}
	cut, found, err := gnuhead.LineCut(ch, start, size, n, h.opt.Delim)
	if err != nil {
		return err
	}
	if !found {
		// GNU leaves the offset after the last block it read.
		_, err = ch.Seek(start+min(gnuhead.GNUBufSize, size-start), io.SeekStart)
		return err
	}
	if _, err := ch.Seek(start, io.SeekStart); err != nil {
		return err
	}
	return h.copyN(ch, uint64(cut-start))
}
