// Package format implements the text engines of bash 5.2's printf and
// echo builtins: printf's format language (conversions, flags, widths,
// precisions, %b/%q/%(...)T, backslash escapes and bash's handling of bad
// numeric arguments), echo's option parsing and escapes, printf %q
// quoting, and a glibc-compatible strftime. Nothing here touches the
// process environment; locale, time and diagnostics come from Options.
package format

import (
	"errors"
	"io"
	"math"
	"time"
)

// Options carries the environment a printf invocation depends on.
type Options struct {
	// UTF8 selects a UTF-8 locale's behaviour (true) or LC_ALL=C's: it
	// decides how \u escapes are written, what %q considers printable,
	// and whether 'c arguments give code points or bytes. Widths and
	// precisions always count bytes in bash 5.2.
	UTF8 bool
	// Warn receives each diagnostic without a trailing newline, e.g.
	// "printf: abc: invalid number"; the shell prefixes its name and line
	// as bash does ("bash: line 1: "). Nil discards them.
	Warn func(msg string)
	// Now returns the current time for %(...)T with -1 or no argument;
	// nil means time.Now.
	Now func() time.Time
	// StartTime is the shell's start time, used for %(...)T with -2.
	StartTime time.Time
	// Location is the time zone for %(...)T (bash uses TZ); nil means
	// time.Local.
	Location *time.Location
	// AssignN stores the byte count for %n into the variable name
	// (already checked to be a valid identifier). It returns false when
	// the assignment failed (e.g. readonly), after reporting it itself;
	// printf then stops with status 1. Nil ignores %n's assignment.
	AssignN func(name string, n int64) bool
}

// maxInt is C's INT_MAX, the limit of printf field widths.
const maxInt = math.MaxInt32

// timeBufSize is bash's strftime buffer; longer results print as empty.
const timeBufSize = 128

// flushSize is the amount of buffered output written at once.
const flushSize = 32 * 1024

// initialOut is the initial capacity of the output buffer, enough for a
// typical printf without growing it.
const initialOut = 256

// errStop ends formatting after \c in %b or a fatal format error.
var errStop = errors.New("stop")

// printer is the state of one Printf call.
type printer struct {
	w       io.Writer
	opt     Options
	args    []string
	next    int // index of the next unused argument
	out     []byte
	scratch []byte // reused for %b's expansion
	tw      int64  // bytes written in this pass of the format (for %n)
	status  int
	werr    error
	fmtEsc  escaper // the format string's escapes
	argEsc  escaper // %b's escapes
}

// Printf formats args according to format exactly like bash 5.2's
// printf builtin (after option parsing; -v is the caller's: pass a
// buffer) and writes the result to w. The format is reused while
// arguments remain and the previous pass consumed at least one; missing
// arguments act as "" or 0.
//
// status is what printf returns: 1 after an invalid numeric argument
// (reported through Options.Warn, with the value read so far still
// printed), a bad conversion (output stops there) or a failed %n
// assignment, else 0. err is a write error from w (status is then 1);
// bash reports it as "printf: write error: ...".
func Printf(w io.Writer, format string, args []string, opt Options) (status int, err error) {
	if opt.Warn == nil {
		opt.Warn = func(string) {}
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Location == nil {
		opt.Location = time.Local
	}
	p := &printer{w: w, opt: opt, args: args, out: make([]byte, 0, initialOut)}
	report := opt.Warn
	warn := func(msg string) { report("printf: " + msg) }
	p.fmtEsc = escaper{mode: escFormat, utf8: opt.UTF8, warn: warn}
	p.argEsc = escaper{mode: escArg, utf8: opt.UTF8, warn: warn}
	for {
		start := p.next
		p.tw = 0
		ferr := p.pass(format)
		if ferr != nil || p.werr != nil {
			break
		}
		if p.next >= len(p.args) || p.next == start {
			break
		}
	}
	p.flush()
	if p.werr != nil {
		return 1, p.werr
	}
	return p.status, nil
}

// write queues output.
func (p *printer) write(b []byte) {
	p.out = append(p.out, b...)
	p.queued(len(b))
}

// writeString queues output.
func (p *printer) writeString(s string) {
	p.out = append(p.out, s...)
	p.queued(len(s))
}

func (p *printer) writeByte(c byte) {
	p.out = append(p.out, c)
	p.queued(1)
}

// queued counts n bytes just queued and flushes a full buffer.
func (p *printer) queued(n int) {
	p.tw += int64(n)
	if len(p.out) >= flushSize {
		p.flush()
	}
}

// writeRepeat queues n copies of c, flushing as the buffer fills, so a
// huge width needs no huge buffer.
func (p *printer) writeRepeat(c byte, n int) {
	for n > 0 && p.werr == nil {
		k := min(n, flushSize)
		for range k {
			p.out = append(p.out, c)
		}
		p.queued(k)
		n -= k
	}
}

func (p *printer) flush() {
	if len(p.out) == 0 || p.werr != nil {
		p.out = p.out[:0]
		return
	}
	_, p.werr = p.w.Write(p.out)
	p.out = p.out[:0]
}

// arg returns the next argument; ok is false when none is left.
func (p *printer) arg() (string, bool) {
	if p.next >= len(p.args) {
		return "", false
	}
	p.next++
	return p.args[p.next-1], true
}

func (p *printer) warn(msg string) { p.opt.Warn(msg) }

// fail reports an error that makes the status 1.
func (p *printer) fail(msg string) {
	p.opt.Warn(msg)
	p.status = 1
}

// pass runs through the format once. It returns errStop when output
// must end.
func (p *printer) pass(format string) error {
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c == '\\' {
			before := len(p.out)
			var n int
			p.out, n, _ = p.fmtEsc.one(p.out, format[i:])
			p.queued(len(p.out) - before)
			i += n - 1
			continue
		}
		if c != '%' {
			p.writeByte(c)
			continue
		}
		next, err := p.conversion(format, i)
		if err != nil {
			return err
		}
		if p.werr != nil {
			return errStop
		}
		i = next
	}
	return nil
}
