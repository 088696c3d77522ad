package shell

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"mvdan.cc/sh/v3/syntax"
)

// defaultTimeFormat is bash's TIMEFORMAT when the variable is unset.
const defaultTimeFormat = "\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS"

// posixTimeFormat is the format of time -p.
const posixTimeFormat = "real %2R\nuser %2U\nsys %2S"

func (r *Runner) timeClause(ctx context.Context, c *syntax.TimeClause) int {
	start := nowFunc()
	u0, s0 := cpuTimes()
	status := 0
	if c.Stmt != nil {
		r.stmt(ctx, c.Stmt)
		status = r.lastStatus
	}
	real := nowFunc().Sub(start)
	u1, s1 := cpuTimes()
	format := defaultTimeFormat
	if vr := r.vars.get("TIMEFORMAT"); vr.IsSet() {
		format = vr.String()
	}
	if c.PosixFormat {
		format = posixTimeFormat
	}
	if format != "" {
		out, bad := formatTimes(format, real, u1-u0, s1-s0)
		if bad != "" {
			r.errf("TIMEFORMAT: `%s': invalid format character", bad)
		}
		io.WriteString(r.out(2), out+"\n")
	}
	return status
}

// formatTimes expands TIMEFORMAT: %[p][l]R, U and S with p decimals
// (default 3) and l for the MmS.FFs form, %P for the CPU percentage and
// %%. It returns the first invalid character too.
func formatTimes(format string, real, user, sys time.Duration) (string, string) {
	var sb strings.Builder
	for i := 0; i < len(format); i++ {
		ch := format[i]
		if ch != '%' || i+1 >= len(format) {
			sb.WriteByte(ch)
			continue
		}
		i++
		if format[i] == '%' {
			sb.WriteByte('%')
			continue
		}
		if format[i] == 'P' {
			pct := 0.0
			if real > 0 {
				pct = float64(user+sys) * 100 / float64(real)
			}
			fmt.Fprintf(&sb, "%.2f", pct)
			continue
		}
		prec, long := 3, false
		if format[i] >= '0' && format[i] <= '9' {
			prec = min(int(format[i]-'0'), 3)
			i++
		}
		if i < len(format) && format[i] == 'l' {
			long = true
			i++
		}
		if i >= len(format) {
			break
		}
		var d time.Duration
		switch format[i] {
		case 'R':
			d = real
		case 'U':
			d = user
		case 'S':
			d = sys
		default:
			return sb.String(), string(format[i])
		}
		secs := d.Seconds()
		if long {
			m := int(secs / 60)
			fmt.Fprintf(&sb, "%dm", m)
			secs -= float64(m * 60)
			fmt.Fprintf(&sb, "%.*fs", prec, truncDecimals(secs, prec))
			continue
		}
		fmt.Fprintf(&sb, "%.*f", prec, truncDecimals(secs, prec))
	}
	return sb.String(), ""
}

// truncDecimals drops the decimals beyond prec, as bash truncates rather
// than rounds.
func truncDecimals(v float64, prec int) float64 {
	scale := 1.0
	for range prec {
		scale *= 10
	}
	return float64(int64(v*scale)) / scale
}
