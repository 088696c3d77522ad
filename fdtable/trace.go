package fdtable

import (
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"sync"
	"time"
)

// A Tracer writes a wire trace: every chunk of bytes that crosses the
// channels traced to it, as socat -v (text) or -x (hex) shows traffic.
// Several channels may share one Tracer; their records never interleave.
//
// A record is a header line and the data:
//
//	> 2026/11/30 10:17:04.123456 fd 3 length=16 from=0 to=15
//	GET / HTTP/1.0\r\n
//	\r\n
//	< 2026/11/30 10:17:04.125000 fd 3 length=5 from=0 to=4
//	hello
//	< 2026/11/30 10:17:04.126000 fd 3 EOF
//
// ">" is data written to the channel, "<" data read from it; the time is
// when it crossed; from and to are the offsets of its first and last byte
// in that direction since tracing began. Text shows printable ASCII as
// is, backslash as \\, CR, LF and TAB as \r, \n and \t, and any other
// byte as \xHH; a line break follows every \n, and one ends the record.
// With hex, each line is the offset in the record, 16 bytes in hex and
// the same bytes as ASCII ('.' for the others):
//
//	< 2026/11/30 10:17:04.125000 fd 3 length=5 from=0 to=4
//	  0000  68 65 6c 6c 6f                                    |hello|
//
// Besides data, a record may say "EOF" (the peer closed), "idle timeout
// 5s" (a read ended by the idle timeout, see SetIdleTimeout), "error:
// TEXT" (a failed read) or "error after N bytes: TEXT" (a failed write,
// whose data record came before it: writes are recorded as they start,
// so that a reply they cause is never recorded first).
type Tracer struct {
	mu   sync.Mutex
	w    io.Writer
	cfg  TraceConfig
	refs int
	buf  []byte
}

// TraceConfig says how a Tracer writes.
type TraceConfig struct {
	// Hex selects the hex dump instead of escaped text.
	Hex bool
	// Name says where the trace goes ("stderr", a file name), for
	// listings.
	Name string
	// Now is the clock (nil: time.Now); tests set a fixed one.
	Now func() time.Time
	// Done, if set, runs once the last reference is released (to close
	// the file the trace went to).
	Done func()
}

// NewTracer returns a Tracer writing to w, holding one reference for the
// caller: SetTrace adds one per channel, and the caller gives its own up
// with Release once the channels are set. When w is a *Channel, the
// trace's own writes to it are never traced.
func NewTracer(w io.Writer, cfg TraceConfig) *Tracer {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Tracer{w: w, cfg: cfg, refs: 1}
}

// Name returns the configured name.
func (t *Tracer) Name() string { return t.cfg.Name }

// Hex reports whether the trace is a hex dump.
func (t *Tracer) Hex() bool { return t.cfg.Hex }

func (t *Tracer) acquire() {
	t.mu.Lock()
	t.refs++
	t.mu.Unlock()
}

// Release gives up one reference; the last one runs the Done function.
func (t *Tracer) Release() {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.refs--
	last := t.refs == 0
	t.mu.Unlock()
	if last && t.cfg.Done != nil {
		t.cfg.Done()
	}
}

// traceState is one channel's trace: where it goes, its label and the
// byte offsets so far in each direction.
type traceState struct {
	t     *Tracer
	label string
	// in and out are the offsets so far; eof is set once EOF was shown
	// (it is shown again only after more data). Guarded by t.mu.
	in, out int64
	eof     bool
}

// SetTrace traces the channel's traffic to t under label (e.g. "fd 3"),
// replacing an earlier trace; t == nil stops tracing. Traced bytes are
// those crossing the underlying file or socket: read by a builtin,
// written by one, or moved by the bridge that external commands get for a
// traced channel (see ChildFile), so the kernel's zero-copy paths are not
// used meanwhile. Bytes taken from the read-ahead buffer were traced when
// they were read.
func (c *Channel) SetTrace(t *Tracer, label string) {
	var st *traceState
	if t != nil {
		t.acquire()
		st = &traceState{t: t, label: label}
	}
	if old := c.insp.trace.Swap(st); old != nil {
		old.t.Release()
	}
}

// Traced reports whether the channel's traffic is being traced.
func (c *Channel) Traced() bool { return c.insp.trace.Load() != nil }

// Tracer returns the channel's Tracer and label, or nil.
func (c *Channel) Tracer() (*Tracer, string) {
	if st := c.insp.trace.Load(); st != nil {
		return st.t, st.label
	}
	return nil, ""
}

// traceRead records what a read of the underlying object returned.
func (c *Channel) traceRead(p []byte, err error) {
	st := c.insp.trace.Load()
	if st == nil {
		return
	}
	switch {
	case len(p) > 0:
		st.data('<', p)
	case err == nil || errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.Canceled) ||
		errors.Is(err, context.DeadlineExceeded):
	case errors.Is(err, io.EOF):
		st.event('<', "EOF")
	case errors.Is(err, errIdle):
		st.event('<', "idle timeout "+c.IdleTimeout().String())
	default:
		st.event('<', "error: "+Strerror(err))
	}
}

// traceWrite records bytes about to be written to the underlying object
// (recorded before the write, so that a reply it causes comes after it).
func (c *Channel) traceWrite(p []byte) {
	if st := c.insp.trace.Load(); st != nil && len(p) > 0 {
		st.data('>', p)
	}
}

// traceWriteErr records a failed write, which wrote n bytes of those
// traceWrite recorded.
func (c *Channel) traceWriteErr(n int, err error) {
	if st := c.insp.trace.Load(); st != nil && err != nil {
		st.event('>', "error after "+strconv.Itoa(n)+" bytes: "+Strerror(err))
	}
}

// header appends a record's header line without its end.
func (st *traceState) header(b []byte, dir byte) []byte {
	b = append(b, dir, ' ')
	b = st.t.cfg.Now().AppendFormat(b, "2006/01/02 15:04:05.000000")
	if st.label != "" {
		b = append(b, ' ')
		b = append(b, st.label...)
	}
	return b
}

func (st *traceState) event(dir byte, what string) {
	t := st.t
	t.mu.Lock()
	defer t.mu.Unlock()
	if what == "EOF" {
		if st.eof {
			return
		}
		st.eof = true
	}
	b := append(st.header(t.buf[:0], dir), ' ')
	b = append(append(b, what...), '\n')
	t.emit(b)
}

func (st *traceState) data(dir byte, p []byte) {
	t := st.t
	t.mu.Lock()
	defer t.mu.Unlock()
	off := &st.in
	if dir == '>' {
		off = &st.out
	} else {
		st.eof = false
	}
	b := st.header(t.buf[:0], dir)
	b = append(b, " length="...)
	b = strconv.AppendInt(b, int64(len(p)), 10)
	b = append(b, " from="...)
	b = strconv.AppendInt(b, *off, 10)
	b = append(b, " to="...)
	b = strconv.AppendInt(b, *off+int64(len(p))-1, 10)
	b = append(b, '\n')
	*off += int64(len(p))
	if t.cfg.Hex {
		b = appendHex(b, p)
	} else {
		b = appendEscaped(b, p)
	}
	t.emit(b)
}

// emit writes a finished record (t.mu held) and keeps the buffer.
func (t *Tracer) emit(b []byte) {
	if ch, ok := t.w.(*Channel); ok {
		ch.writeUntraced(b)
	} else {
		t.w.Write(b)
	}
	if cap(b) <= 64*1024 {
		t.buf = b[:0]
	}
}

const hexDigits = "0123456789abcdef"

// appendEscaped appends p as escaped text, breaking lines after \n and
// ending with a line break.
func appendEscaped(b, p []byte) []byte {
	for _, ch := range p {
		switch {
		case ch == '\\':
			b = append(b, '\\', '\\')
		case ch == '\n':
			b = append(b, '\\', 'n', '\n')
		case ch == '\r':
			b = append(b, '\\', 'r')
		case ch == '\t':
			b = append(b, '\\', 't')
		case ch >= 0x20 && ch < 0x7f:
			b = append(b, ch)
		default:
			b = append(b, '\\', 'x', hexDigits[ch>>4], hexDigits[ch&15])
		}
	}
	if p[len(p)-1] != '\n' {
		b = append(b, '\n')
	}
	return b
}

// appendHex appends p as hexdump -C does, 16 bytes a line, with the
// offset in the record.
func appendHex(b, p []byte) []byte {
	for off := 0; off < len(p); off += 16 {
		line := p[off:min(off+16, len(p))]
		b = append(b, ' ', ' ')
		o := strconv.FormatInt(int64(off), 16)
		for i := len(o); i < 4; i++ {
			b = append(b, '0')
		}
		b = append(b, o...)
		b = append(b, ' ')
		for i := 0; i < 16; i++ {
			if i == 8 {
				b = append(b, ' ')
			}
			if i < len(line) {
				b = append(b, ' ', hexDigits[line[i]>>4], hexDigits[line[i]&15])
			} else {
				b = append(b, ' ', ' ', ' ')
			}
		}
		b = append(b, ' ', ' ', '|')
		for _, ch := range line {
			if ch < 0x20 || ch >= 0x7f {
				ch = '.'
			}
			b = append(b, ch)
		}
		b = append(b, '|', '\n')
	}
	return b
}
