package shell

import (
	"context"
	"io"
	"os"
	"strconv"
	"syscall"
	"time"

	"tcpsh/fdtable"
)

func init() {
	registerBuiltin("trace", bTrace, "trace [-x] [-o FILE] FD... or trace -d FD... or trace",
		"Write every byte that crosses the channels at FDs to stderr (or, with -o, appended to FILE), "+
			"as socat -v shows traffic: a header line per chunk with the direction (`>' written to the "+
			"fd, `<' read from it), the time, the fd, the length and the offsets from= to= since tracing "+
			"began, then the bytes as text (\\r \\n \\t \\\\ and \\xHH escapes, a line break after each "+
			"\\n) or, with -x, as a hex dump; end of file, an idle timeout and errors get a line of their "+
			"own. -d stops tracing the FDs. Without FDs, list the traced fds as trace commands. The trace "+
			"follows the connection, not the number: dups of the fd and subshells share it. External "+
			"commands get a traced fd through a socketpair bridge so that their traffic is traced too: "+
			"the kernel's zero-copy paths (splice, sendfile) are not used while tracing, the command sees "+
			"a socket rather than the file, pipe or terminal, and it reads the fd only as its stdin "+
			"(`cmd <&3'; at another number it reads end of file), while the fd's other readers wait. "+
			"`set -o wiretrace' traces every socket opened after it to stderr.")
}

// traceClock is the clock of traces (nil: time.Now); tests fix it.
var traceClock func() time.Time

const traceUsage = "trace [-x] [-o file] fd ... or trace -d fd ..."

func bTrace(ctx context.Context, c *Call) int {
	r := c.r
	hex, stop := false, false
	file, hasFile := "", false
	args, status, ok := builtinOpts(c, traceUsage, "xd", "o", func(f byte, val string) bool {
		switch f {
		case 'x':
			hex = true
		case 'd':
			stop = true
		case 'o':
			file, hasFile = val, true
		}
		return true
	})
	if !ok {
		return status
	}
	if len(args) == 0 {
		if stop || hex || hasFile {
			return c.Usage(traceUsage)
		}
		r.listTraces(c)
		return 0
	}
	var chans []*fdtable.Channel
	var nums []int
	for _, a := range args {
		ch, n := c.fdOperand(a)
		if ch == nil {
			status = 1
			continue
		}
		chans, nums = append(chans, ch), append(nums, n)
	}
	if stop {
		for _, ch := range chans {
			ch.SetTrace(nil, "")
		}
		return status
	}
	if len(chans) == 0 {
		return status
	}
	var tr *fdtable.Tracer
	if hasFile {
		sink, err := r.openPath(ctx, file, os.O_WRONLY|os.O_CREATE|os.O_APPEND, false)
		if err != nil {
			r.redirError(err)
			return 1
		}
		tr = fdtable.NewTracer(sink, fdtable.TraceConfig{Hex: hex, Name: file, Now: traceClock, Done: sink.Release})
	} else {
		tr = r.stderrTracer(hex)
		if tr == nil {
			c.Errorf("2: %s", fdtable.Strerror(syscall.EBADF))
			return 1
		}
	}
	for i, ch := range chans {
		ch.SetTrace(tr, "fd "+strconv.Itoa(nums[i]))
	}
	tr.Release()
	return status
}

// stderrTracer returns a Tracer writing to the channel at fd 2 (which it
// keeps open), or nil when fd 2 is closed.
func (r *Runner) stderrTracer(hex bool) *fdtable.Tracer {
	sink, err := r.fds.Acquire(2)
	if err != nil {
		return nil
	}
	return fdtable.NewTracer(sink, fdtable.TraceConfig{Hex: hex, Name: "stderr", Now: traceClock, Done: sink.Release})
}

// wiretrace traces a socket just opened under set -o wiretrace to stderr,
// labelled with its path.
func (r *Runner) wiretrace(ch *fdtable.Channel) {
	if tr := r.stderrTracer(false); tr != nil {
		ch.SetTrace(tr, ch.Path())
		tr.Release()
	}
}

// listTraces prints a trace command for each traced fd.
func (r *Runner) listTraces(w io.Writer) {
	for _, fd := range r.fds.FDs() {
		ch, err := r.fds.Get(fd)
		if err != nil {
			continue
		}
		tr, _ := ch.Tracer()
		if tr == nil {
			continue
		}
		line := "trace "
		if tr.Hex() {
			line += "-x "
		}
		if tr.Name() != "stderr" {
			line += "-o " + shellQuoteAlias(tr.Name()) + " "
		}
		io.WriteString(w, line+strconv.Itoa(fd)+"\n")
	}
}
