package shell

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
	"time"

	"tcpsh/fdtable"
	"tcpsh/redirect"
)

// The listen and accept builtins make tcpsh the server side, in the
// spirit of zsh's ztcp -l and ztcp -a:
//
//	listen [-u] [-b ADDR] [-v VAR] [-p PORTVAR] PORT
//	accept [-t SECS] [-v VAR] [-a ADDRVAR] LFD
//
// Both put the new socket on the lowest free fd from 10 up (as {var}>
// does) and store its number in VAR (default REPLY).

const (
	listenUsage = "listen [-u] [-b addr] [-v var] [-p portvar] port"
	acceptUsage = "accept [-t secs] [-v var] [-a addrvar] lfd"
)

func init() {
	registerBuiltin("listen", bListen, listenUsage,
		"Open a listening TCP socket (with -u, a bound UDP socket) on PORT of ADDR (-b; default "+
			"127.0.0.1, use -b 0.0.0.0 to accept from other hosts) at the lowest free fd from 10 up, "+
			"and put that fd number in VAR (-v; default REPLY). PORT 0 picks a free port; -p PORTVAR "+
			"receives the port bound. Take TCP connections with accept. A UDP socket's read takes "+
			"one datagram (a line of it at most) and a write sends one datagram back to the sender "+
			"of the last one read. Close with exec {VAR}>&-. Status 1 when the socket cannot be opened.")
	registerBuiltin("accept", bAccept, acceptUsage,
		"Wait for a connection on the listening socket LFD (made by listen) and put it on the "+
			"lowest free fd from 10 up; its number goes into VAR (-v; default REPLY) and the client's "+
			"address (host:port) into ADDRVAR (-a). -t SECS gives up after SECS seconds (fractions "+
			"allowed; 0 takes a connection only if one is waiting) with status 1 and no message. "+
			"Ctrl-C interrupts the wait (status 130). Background subshells may share the listener; "+
			"their accepts take turns.")
}

// builtinOpts scans a builtin's options: single letters that may be
// grouped ("-uv VAR"), the letters in withArg taking a value (the rest of
// the word or the next word), "--" ending them. It returns the operands,
// or a status (printing bash's messages and usage) when ok is false.
func builtinOpts(c *Call, usage, flags, withArg string, set func(f byte, val string) bool) (operands []string, status int, ok bool) {
	args := c.Args
	for len(args) > 0 {
		a := args[0]
		if a == "--" {
			return args[1:], 0, true
		}
		if len(a) < 2 || a[0] != '-' {
			break
		}
		args = args[1:]
		for i := 1; i < len(a); i++ {
			f := a[i]
			switch {
			case strings.IndexByte(withArg, f) >= 0:
				val := a[i+1:]
				if val == "" {
					if len(args) == 0 {
						c.Errorf("-%c: option requires an argument", f)
						return nil, c.Usage(usage), false
					}
					val, args = args[0], args[1:]
				}
				if !set(f, val) {
					return nil, 1, false
				}
				i = len(a)
			case strings.IndexByte(flags, f) >= 0:
				set(f, "")
			default:
				c.Errorf("-%c: invalid option", f)
				return nil, c.Usage(usage), false
			}
		}
	}
	return args, 0, true
}

// checkNames reports (and prints) the first invalid variable name.
func checkNames(c *Call, names ...string) bool {
	for _, n := range names {
		if n != "" && !validName(n) {
			c.Errorf("`%s': not a valid identifier", n)
			return false
		}
	}
	return true
}

func bListen(ctx context.Context, c *Call) int {
	udp, bind, varName, portVar := false, "127.0.0.1", "REPLY", ""
	args, status, ok := builtinOpts(c, listenUsage, "u", "bvp", func(f byte, val string) bool {
		switch f {
		case 'u':
			udp = true
		case 'b':
			bind = val
		case 'v':
			varName = val
		case 'p':
			portVar = val
		}
		return true
	})
	if !ok {
		return status
	}
	if len(args) != 1 {
		return c.Usage(listenUsage)
	}
	if !checkNames(c, varName, portVar) {
		return 1
	}
	if err := c.r.sess.denyInSandbox(); err != nil {
		// A sandboxed session must not open ports on the machine.
		c.Errorf("%s: %s", args[0], redirect.Errno(err))
		return 1
	}
	network := "tcp"
	if udp {
		network = "udp"
	}
	port, err := listenPort(ctx, network, args[0])
	if err != nil {
		c.Errorf("%s: %s", args[0], redirect.Errno(err))
		return 1
	}
	t := c.r.fds
	if err := t.CanOpen(1); err != nil {
		c.Errorf("%s", redirect.Errno(syscall.EMFILE))
		return 1
	}
	addr := net.JoinHostPort(bind, strconv.Itoa(port))
	if a, err := netip.ParseAddr(bind); err == nil {
		// A literal picks the family: -b 0.0.0.0 is IPv4's any address
		// alone, not Go's dual-stack socket.
		if a.Is4() {
			network += "4"
		} else {
			network += "6"
		}
	}
	ch, err := fdtable.Listen(ctx, network, addr)
	if err != nil {
		c.Errorf("%s: %s", addr, redirect.Errno(err))
		return 1
	}
	if udp {
		// A UDP socket is read and written like a connection: the idle
		// timeout and the wire trace apply (idle.go).
		if ch, err = c.r.socketOpened(ch); err != nil {
			c.r.redirError(err)
			return 1
		}
	}
	fd, err := t.AllocFD(10, ch)
	if err != nil {
		ch.Release()
		c.Errorf("%s", redirect.Errno(err))
		return 1
	}
	bound := strconv.Itoa(boundPort(ch))
	for _, set := range [][2]string{{varName, strconv.Itoa(fd)}, {portVar, bound}} {
		if set[0] == "" {
			continue
		}
		if err := c.r.setString(set[0], set[1]); err != nil {
			t.Close(fd)
			c.r.errf("%v", err)
			return 1
		}
	}
	return 0
}

// listenPort reads PORT of listen and lsof -i: a number up to 65535 or a
// service name from /etc/services; anything else is
// redirect.ErrInvalidPort.
func listenPort(ctx context.Context, network, s string) (int, error) {
	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 || n > 65535 {
			return 0, redirect.ErrInvalidPort
		}
		return n, nil
	}
	if s == "" {
		return 0, redirect.ErrInvalidPort
	}
	n, err := portResolver.LookupPort(ctx, network, s)
	if err != nil {
		return 0, redirect.ErrInvalidPort
	}
	return n, nil
}

// portResolver looks service names up in /etc/services only.
var portResolver = &net.Resolver{PreferGo: true}

// boundPort is the local port of a listening channel.
func boundPort(ch *fdtable.Channel) int {
	if ap, err := netip.ParseAddrPort(ch.Info().Local); err == nil {
		return int(ap.Port())
	}
	return 0
}

func bAccept(ctx context.Context, c *Call) int {
	varName, addrVar := "REPLY", ""
	timeout, hasTimeout := time.Duration(0), false
	args, status, ok := builtinOpts(c, acceptUsage, "", "tva", func(f byte, val string) bool {
		switch f {
		case 't':
			secs, err := strconv.ParseFloat(val, 64)
			if err != nil || secs < 0 {
				c.Errorf("%s: invalid timeout specification", val)
				return false
			}
			timeout, hasTimeout = time.Duration(secs*float64(time.Second)), true
		case 'v':
			varName = val
		case 'a':
			addrVar = val
		}
		return true
	})
	if !ok {
		return status
	}
	if len(args) != 1 {
		return c.Usage(acceptUsage)
	}
	if !checkNames(c, varName, addrVar) {
		return 1
	}
	lfd, err := strconv.Atoi(args[0])
	if err != nil || lfd < 0 {
		c.Errorf("%s: invalid file descriptor specification", args[0])
		return 1
	}
	t := c.r.fds
	ln, err := t.Acquire(lfd)
	if err != nil {
		c.Errorf("%d: %s", lfd, redirect.Errno(syscall.EBADF))
		return 1
	}
	defer ln.Release()
	if ln.Kind() != fdtable.KindListen {
		c.Errorf("%d: %s", lfd, fdtable.ErrNotListening)
		return 1
	}
	if err := t.CanOpen(1); err != nil {
		c.Errorf("%s", redirect.Errno(syscall.EMFILE))
		return 1
	}
	actx := ctx
	if hasTimeout {
		if timeout == 0 && !ln.Ready() {
			return 1
		}
		if timeout > 0 {
			var cancel context.CancelFunc
			actx, cancel = context.WithTimeout(ctx, timeout)
			defer cancel()
		}
	}
	conn, err := ln.Accept(actx)
	switch {
	case err == nil:
	case ctx.Err() != nil:
		return 130
	case errors.Is(err, context.DeadlineExceeded):
		return 1
	default:
		c.Errorf("%d: %s", lfd, redirect.Errno(err))
		return 1
	}
	// TCPSH_IDLE_TIMEOUT and set -o wiretrace, as for /dev/tcp (idle.go).
	if conn, err = c.r.socketOpened(conn); err != nil {
		c.r.redirError(err)
		return 1
	}
	peer := conn.Info().Remote
	fd, err := t.AllocFD(10, conn)
	if err != nil {
		conn.Release()
		c.Errorf("%s", redirect.Errno(err))
		return 1
	}
	for _, set := range [][2]string{{varName, strconv.Itoa(fd)}, {addrVar, peer}} {
		if set[0] == "" {
			continue
		}
		if err := c.r.setString(set[0], set[1]); err != nil {
			t.Close(fd)
			c.r.errf("%v", err)
			return 1
		}
	}
	return 0
}

// listenTarget is fd's TARGET for listening sockets and accepted
// connections: "127.0.0.1:8080 <- 127.0.0.1:50312" for a connection a
// client made to us, "127.0.0.1:9999 (last from 127.0.0.1:5555)" for a
// UDP socket that has had datagrams; "" for other channels.
func listenTarget(in fdtable.Info) string {
	switch {
	case in.Accepted:
		return in.Local + " <- " + in.Remote
	case in.Kind == fdtable.KindBound && in.Remote != "":
		return in.Local + " (last from " + in.Remote + ")"
	case in.Kind.IsListener():
		return in.Local
	}
	return ""
}
