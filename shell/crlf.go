package shell

import (
	"bytes"

	"tcpsh/fdtable"
)

// `set -o crlf` (off by default) makes what echo, printf, here-documents
// and here-strings write to a socket end its lines with \r\n, as network
// protocols (HTTP, SMTP, Redis) want. A \n already preceded by \r is left
// alone. Nothing else is touched: cat, head and external commands copy
// bytes as they are, so binary uploads stay intact; files and pipes never
// see the conversion.

// crlfOpt and wiretraceOpt are the set -o options tcpsh adds (see
// setOptions); looked up once, since echo asks on every call.
var crlfOpt, wiretraceOpt *setOption

func init() {
	crlfOpt = findSetOption("crlf")
	wiretraceOpt = findSetOption("wiretrace")
}

// crlfOn reports set -o crlf.
func (r *Runner) crlfOn() bool { return crlfOpt != nil && crlfOpt.get(&r.opts) }

// crlf applies `set -o crlf` to p, which a builtin is about to write to
// fd: when the option is on and fd is a socket, lone \n become \r\n.
// Otherwise (and when p has no lone \n) p itself is returned.
func (r *Runner) crlf(fd int, p []byte) []byte {
	if !r.crlfOn() || !r.socketAt(fd) {
		return p
	}
	return toCRLF(p)
}

// socketAt reports whether fd is open on a socket.
func (r *Runner) socketAt(fd int) bool {
	ch, err := r.fds.Get(fd)
	return err == nil && ch.IsSocket()
}

// loneLF reports whether p[i], a \n, has no \r before it.
func loneLF(p []byte, i int) bool { return i == 0 || p[i-1] != '\r' }

// toCRLF turns every \n not preceded by \r into \r\n; p itself is
// returned when there is none.
func toCRLF(p []byte) []byte {
	n := 0
	for i := bytes.IndexByte(p, '\n'); i >= 0; {
		if loneLF(p, i) {
			n++
		}
		j := bytes.IndexByte(p[i+1:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	if n == 0 {
		return p
	}
	out := make([]byte, 0, len(p)+n)
	for i, b := range p {
		if b == '\n' && loneLF(p, i) {
			out = append(out, '\r')
		}
		out = append(out, b)
	}
	return out
}

// docBatch holds the here-documents and here-strings of one redirection
// list under set -o crlf. Their bodies are written once the whole list
// is applied, when it is known whether the command's stdout is a socket
// (`cat <<EOF >&3' names fd 3 after the here-document).
type docBatch struct {
	docs []pendingDoc
}

// pendingDoc is a here-document's pipe and the body still to write.
type pendingDoc struct {
	w    *fdtable.Channel
	body string
}

// beginDocs starts collecting here-documents for the redirection list
// being applied (only under set -o crlf) and returns what endDocs needs
// to finish it.
func (r *Runner) beginDocs() *docBatch {
	prev := r.docs
	r.docs = nil
	if r.crlfOn() {
		r.docs = &docBatch{}
	}
	return prev
}

// endDocs writes the collected here-documents, with CRLF line ends when
// fd 1 is now a socket, and restores the batch that was current before.
func (r *Runner) endDocs(prev *docBatch) {
	b := r.docs
	r.docs = prev
	if b == nil {
		return
	}
	conv := r.socketAt(1)
	for _, d := range b.docs {
		body := d.body
		if conv {
			body = string(toCRLF([]byte(body)))
		}
		feedDoc(d.w, body)
	}
}

// docChannel returns the channel a here-document or here-string is read
// from: filled at once (stringChannel), or, under set -o crlf, once the
// redirection list is complete (endDocs).
func (r *Runner) docChannel(body string) (*fdtable.Channel, error) {
	if r.docs == nil {
		return r.stringChannel(body)
	}
	pr, pw, err := r.fds.Pipe()
	if err != nil {
		return nil, err
	}
	r.docs.docs = append(r.docs.docs, pendingDoc{pw, body})
	return pr, nil
}
