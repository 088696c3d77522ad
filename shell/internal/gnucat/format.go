package gnucat

import (
	"errors"
	"io"
	"strconv"
)

// Formatter applies cat's output options to a byte stream. One Formatter
// is used for all files of one cat invocation, because line numbers,
// blank-line squeezing and a pending carriage return carry over from one
// file to the next exactly as in GNU cat. Each Write formats its input
// and writes the result to the underlying writer before returning (so
// output from sockets and terminals is not delayed), except that with -E
// and without -v a trailing '\r' is held back until the next byte shows
// whether it ends a line ("\r\n" is shown as "^M$"). Call Flush after the
// last file. A Formatter is not safe for concurrent use.
type Formatter struct {
	w   io.Writer
	opt Options

	line      int64 // number of the last numbered line
	midLine   bool  // some byte of the current line has been written
	prevBlank bool  // the previous line was empty (for -s)
	pendingCR bool  // a '\r' is held back (for -E without -v)
	buf       []byte
	readBuf   []byte
}

// NewFormatter returns a Formatter writing to w.
func NewFormatter(w io.Writer, opt Options) *Formatter {
	if opt.NumberNonBlank {
		opt.Number = true
	}
	return &Formatter{w: w, opt: opt}
}

// Write formats p and writes the result. It returns len(p) when the
// underlying write succeeded.
func (f *Formatter) Write(p []byte) (int, error) {
	if f.opt.Plain() {
		return f.w.Write(p)
	}
	f.buf = f.format(f.buf[:0], p)
	if len(f.buf) == 0 {
		return len(p), nil
	}
	if _, err := f.w.Write(f.buf); err != nil {
		return 0, err
	}
	if cap(f.buf) > 1<<20 {
		f.buf = nil
	}
	return len(p), nil
}

// Flush writes a carriage return still held back at the end of the
// input. It must be called once after the last file.
func (f *Formatter) Flush() error {
	if !f.pendingCR {
		return nil
	}
	f.pendingCR = false
	_, err := f.w.Write([]byte{'\r'})
	return err
}

// ReadFrom copies r through the formatter until EOF, writing after every
// read so that interactive input is echoed promptly. It does not call
// Flush.
func (f *Formatter) ReadFrom(r io.Reader) (int64, error) {
	if f.readBuf == nil {
		f.readBuf = make([]byte, 128*1024)
	}
	var total int64
	for {
		n, err := r.Read(f.readBuf)
		if n > 0 {
			total += int64(n)
			if _, werr := f.Write(f.readBuf[:n]); werr != nil {
				return total, werr
			}
		}
		if errors.Is(err, io.EOF) {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// number appends the line number prefix ("%6d\t").
func (f *Formatter) number(out []byte) []byte {
	f.line++
	var tmp [24]byte
	s := strconv.AppendInt(tmp[:0], f.line, 10)
	for i := len(s); i < 6; i++ {
		out = append(out, ' ')
	}
	out = append(out, s...)
	return append(out, '\t')
}

// format appends the formatted form of p to out.
func (f *Formatter) format(out, p []byte) []byte {
	o := &f.opt
	for i := 0; i < len(p); i++ {
		c := p[i]
		if f.pendingCR {
			f.pendingCR = false
			if c == '\n' {
				out = append(out, '^', 'M')
			} else {
				out = append(out, '\r')
			}
		}
		if c == '\n' {
			if !f.midLine {
				if o.SqueezeBlank && f.prevBlank {
					continue
				}
				f.prevBlank = true
				if o.Number && !o.NumberNonBlank {
					out = f.number(out)
				}
			}
			if o.ShowEnds {
				out = append(out, '$')
			}
			out = append(out, '\n')
			f.midLine = false
			continue
		}
		if !f.midLine {
			f.midLine = true
			f.prevBlank = false
			if o.Number {
				out = f.number(out)
			}
		}
		out = f.char(out, c)
	}
	return out
}

// char appends one byte other than '\n' in its displayed form.
func (f *Formatter) char(out []byte, c byte) []byte {
	o := &f.opt
	switch {
	case c == '\t':
		if o.ShowTabs {
			return append(out, '^', 'I')
		}
		return append(out, c)
	case !o.ShowNonPrinting:
		if c == '\r' && o.ShowEnds {
			f.pendingCR = true
			return out
		}
		return append(out, c)
	}
	if c >= 128 {
		out = append(out, 'M', '-')
		c -= 128
	}
	switch {
	case c < 32:
		return append(out, '^', c+64)
	case c == 127:
		return append(out, '^', '?')
	}
	return append(out, c)
}
