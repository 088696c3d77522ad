package gnuhead

import (
	"bytes"
	"io"
)

// LinePrefix returns how many bytes at the front of block complete the
// n lines still wanted (ending with delim), or len(block) if block ends
// before that, and how many lines are still wanted after it.
func LinePrefix(block []byte, delim byte, n uint64) (used int, left uint64) {
	for used < len(block) && n > 0 {
		i := bytes.IndexByte(block[used:], delim)
		if i < 0 {
			return len(block), n
		}
		used += i + 1
		n--
	}
	return used, n
}

// Elider is the streaming half of "all but the last N": bytes written to
// it are passed on to the destination as soon as they are known not to
// be among the last N bytes or lines; Close flushes what ends up
// printable at end of input. It holds about N bytes (or N lines) plus
// one write.
type Elider struct {
	w       io.Writer
	lines   bool
	n       uint64
	delim   byte
	chunks  [][]byte
	held    uint64 // bytes held (byte mode) or delimiters held (line mode)
	counts  []uint64
	written int64
	err     error
}

// NewElider returns an Elider writing to w that drops the last n lines
// (delimited by delim) when lines is set, else the last n bytes.
func NewElider(w io.Writer, lines bool, n uint64, delim byte) *Elider {
	return &Elider{w: w, lines: lines, n: n, delim: delim}
}

// Written is the number of bytes passed on to the destination so far.
func (e *Elider) Written() int64 { return e.written }

// Write takes a copy of p and passes on what may be printed. The only
// errors are the destination's.
func (e *Elider) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	if e.n == 0 {
		if err := e.out(p); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	c := append([]byte(nil), p...)
	var k uint64
	if e.lines {
		k = uint64(bytes.Count(c, []byte{e.delim}))
	} else {
		k = uint64(len(c))
	}
	e.chunks = append(e.chunks, c)
	e.counts = append(e.counts, k)
	e.held += k
	for len(e.chunks) > 1 {
		first, fk := e.chunks[0], e.counts[0]
		need := e.n
		if e.lines && first[len(first)-1] != e.delim {
			need++ // the line the chunk ends in continues: it needs its own end too
		}
		if e.held-fk < need {
			break
		}
		if err := e.out(first); err != nil {
			return 0, err
		}
		e.chunks, e.counts = e.chunks[1:], e.counts[1:]
		e.held -= fk
	}
	return len(p), nil
}

func (e *Elider) out(p []byte) error {
	n, err := e.w.Write(p)
	e.written += int64(n)
	if err != nil {
		e.err = err
	}
	return err
}

// Close writes the part of the held bytes that is not among the last N
// (a last line without a delimiter counts as a line).
func (e *Elider) Close() error {
	if e.err != nil || e.n == 0 {
		return e.err
	}
	rest := bytes.Join(e.chunks, nil)
	e.chunks, e.counts, e.held = nil, nil, 0
	var keep int
	if e.lines {
		keep = cutLines(rest, e.delim, e.n)
	} else if uint64(len(rest)) > e.n {
		keep = len(rest) - int(e.n)
	}
	if keep > 0 {
		return e.out(rest[:keep])
	}
	return nil
}

// cutLines returns the length of the part of b before its last n lines
// (n > 0).
func cutLines(b []byte, delim byte, n uint64) int {
	if len(b) > 0 && b[len(b)-1] != delim {
		n-- // the unterminated last line is one of them
	}
	for end := len(b); end > 0; {
		i := bytes.LastIndexByte(b[:end], delim)
		if i < 0 {
			return 0
		}
		if n == 0 {
			return i + 1
		}
		n--
		end = i
	}
	return 0
}

// GNUBufSize is GNU head's read block (glibc's BUFSIZ).
const GNUBufSize = 8192

// LineCut finds, in the seekable input rs between offsets start and
// size, the end of the part before the last n lines, reading blocks
// backwards from size as GNU head does. found is false when there are no
// more than n lines (nothing is printed). The offset of rs is left
// undefined.
func LineCut(rs io.ReadSeeker, start, size int64, n uint64, delim byte) (cut int64, found bool, err error) {
	if size <= start {
		return start, false, nil
	}
	buf := make([]byte, GNUBufSize)
	pos := size
	first := true
	for pos > start {
		blk := (pos - start) % GNUBufSize
		if blk == 0 {
			blk = GNUBufSize
		}
		pos -= blk
		if _, err := rs.Seek(pos, io.SeekStart); err != nil {
			return 0, false, err
		}
		m, err := io.ReadFull(rs, buf[:blk])
		if err != nil && err != io.ErrUnexpectedEOF {
			return 0, false, err
		}
		b := buf[:m]
		if first {
			first = false
			if n == 0 {
				return pos + int64(m), true, nil
			}
			if m > 0 && b[m-1] != delim {
				n-- // the unterminated last line is one of them
			}
		}
		for end := len(b); end > 0; {
			i := bytes.LastIndexByte(b[:end], delim)
			if i < 0 {
				break
			}
			if n == 0 {
				return pos + int64(i) + 1, true, nil
			}
			n--
			end = i
		}
	}
	return start, false, nil
}
