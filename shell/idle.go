package shell

import (
	"time"

	"tcpsh/fdtable"
	"tcpsh/redirect"
)

// Idle timeouts: TCPSH_IDLE_TIMEOUT (seconds, fractions allowed), read
// from the session's variables each time a socket opens, and `fd -T SECS
// FD...` later. A builtin's read that waits that long with nothing
// arriving ends as at end of file (cat's status 0, read's 1) and the
// connection stays open for the next request; see
// fdtable.Channel.SetIdleTimeout.

// socketOpened applies the session's settings to a socket it has just
// opened: TCPSH_IDLE_TIMEOUT and set -o wiretrace. It takes ch over: on
// error ch is released. The listen/accept builtins call it for accepted
// connections too.
func (r *Runner) socketOpened(ch *fdtable.Channel) (*fdtable.Channel, error) {
	if v := r.getString("TCPSH_IDLE_TIMEOUT"); v != "" {
		d, err := redirect.ParseTimeout(v)
		if err != nil {
			ch.Release()
			return nil, &redirError{"TCPSH_IDLE_TIMEOUT", err}
		}
		ch.SetIdleTimeout(d)
	}
	if wiretraceOpt != nil && wiretraceOpt.get(&r.opts) {
		r.wiretrace(ch)
	}
	return ch, nil
}

// fdIdleOption is `fd -T SECS FD...` (secs is what followed -T in the
// same argument, if anything): it sets the idle timeout of each FD's
// channel, 0 clearing it, and lists nothing.
func fdIdleOption(c *Call, secs string, args []string) int {
	if secs == "" {
		if len(args) == 0 {
			c.Errorf("-T: option requires an argument")
			return c.Usage(fdUsage)
		}
		secs, args = args[0], args[1:]
	}
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		c.Errorf("-T: no file descriptor given")
		return c.Usage(fdUsage)
	}
	d, err := redirect.ParseTimeout(secs)
	if err != nil {
		c.Errorf("%s: invalid timeout specification", secs)
		return 1
	}
	status := 0
	for _, a := range args {
		ch, _ := c.fdOperand(a)
		if ch == nil {
			status = 1
			continue
		}
		ch.SetIdleTimeout(d)
	}
	return status
}

// idleCell is what the fd listing adds to the STATE column: the idle
// timeout and when it last fired (" idle=5s fired=12s-ago"), and
// " traced" while a trace is on; "" for neither.
func idleCell(in fdtable.Info, now time.Time) string {
	s := ""
	if in.IdleTimeout > 0 {
		s += " idle=" + in.IdleTimeout.String()
		if !in.IdleFired.IsZero() {
			s += " fired=" + humanAge(now.Sub(in.IdleFired)) + "-ago"
		}
	}
	if in.Traced {
		s += " traced"
	}
	return s
}

// idleJSON gives fd --json's idle_timeout (seconds), idle_fired (RFC
// 3339, "" if never) and traced.
func idleJSON(in fdtable.Info) (secs float64, fired string, traced bool) {
	if !in.IdleFired.IsZero() {
		fired = in.IdleFired.UTC().Format(time.RFC3339Nano)
	}
	return in.IdleTimeout.Seconds(), fired, in.Traced
}
