package shell

import (
	"bytes"
	"context"
)

// outBufMax is how much output a builtin holds back so that a short
// result goes out in one write (one packet on a socket); beyond it the
// output streams, so that `printf '%2147483647d'` needs no 2 GiB buffer and
// stops at the first failed write, as bash's does.
const outBufMax = 64 << 10

// outBuf collects a builtin's stdout, writing it through the Call (with
// `set -o crlf` applied) whenever more than outBufMax bytes are held and
// at Flush. The first write error is returned by every later Write; once
// ctx is done (Ctrl-C, a timeout) writing stops with its error.
type outBuf struct {
	ctx context.Context
	c   *Call
	buf bytes.Buffer
	err error
}

// Write queues p, sending the queue once it is larger than outBufMax.
func (o *outBuf) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	o.buf.Write(p)
	if o.buf.Len() > outBufMax {
		if err := o.Flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes what is queued.
func (o *outBuf) Flush() error {
	if o.err == nil {
		o.err = o.ctx.Err()
	}
	if o.err != nil || o.buf.Len() == 0 {
		return o.err
	}
	_, o.err = o.c.Write(o.c.r.crlf(1, o.buf.Bytes()))
	o.buf.Reset()
	return o.err
}
