package shell

import (
	"context"
	"errors"
	"io"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// hereDocAtEOF handles a here-document whose delimiter line never comes,
// as bash does: a warning, then the document ends at the end of the input
// and the command runs. mvdan.cc/sh reports such input as a syntax error
// ("unclosed here-document `EOF`") at its end. The lines of lr after its
// first done ones (those of the statements already run) are parsed again
// with the delimiter line added, and run. It reports whether it handled
// err.
func (r *Runner) hereDocAtEOF(ctx context.Context, err error, lr *lineReader, done int) bool {
	var pe syntax.ParseError
	if !errors.As(err, &pe) || !errors.Is(lr.err, io.EOF) || done > len(lr.lines) {
		return false
	}
	delim, ok := strings.CutPrefix(pe.Text, "unclosed here-document `")
	if !ok || !strings.HasSuffix(delim, "`") {
		return false
	}
	delim = strings.TrimSuffix(delim, "`")
	saved := r.line
	r.line = uint(len(lr.lines))
	r.errf("warning: here-document at line %d delimited by end-of-file (wanted `%s')", pe.Pos.Line(), unescapeRaw(delim))
	r.line = saved
	// The pending lines again, with the delimiter line they lack, after
	// blank lines that keep their line numbers.
	lines := make([]string, 0, len(lr.lines)+1)
	for range done {
		lines = append(lines, "\n")
	}
	lines = append(lines, lr.lines[done:]...)
	if last := lines[len(lines)-1]; !strings.HasSuffix(last, "\n") {
		lines[len(lines)-1] = last + "\n"
	}
	lines = append(lines, delim+"\n")
	f, perr := r.newParser().Parse(strings.NewReader(strings.Join(lines, "")), "")
	if perr != nil {
		return false // another error as well: report the first
	}
	closed := &lineReader{lines: lines, raw: lr.raw}
	r.runLine(ctx, f.Stmts, closed)
	return true
}
