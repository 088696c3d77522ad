package shell

import (
	"context"
	"errors"

	"tcpsh/fdtable"
	"tcpsh/redirect"
)

// The halfclose builtin shuts one direction of a TCP or TLS connection
// (shutdown(2)): `halfclose 3` sends end of file to the server and keeps
// reading what it answers. Its name cannot be taken for /sbin/shutdown,
// whose -r reboots.

const halfcloseUsage = "halfclose [-r|-w] fd ..."

func init() {
	registerBuiltin("halfclose", bHalfclose, halfcloseUsage,
		"Shut one direction of a TCP or TLS connection, keeping fd open. "+
			"-w (the default): the peer reads end of file (TCP FIN; over TLS a close_notify first) while you go on reading its answer, "+
			"so that `cat <&3' after a request ends when the server has answered and closed. "+
			"-r: reading ends: bytes that had already arrived can still be read (on Linux), then reads give end of file. -r -w: both. "+
			"fd's STATE column shows the halves shut (/SHUT_WR, /SHUT_RD, /SHUT_RDWR); dups of fd share them. "+
			"UDP sockets, files and pipes have no halves: an error, status 1. To close fd, use exec 3>&-.")
}

func bHalfclose(_ context.Context, c *Call) int {
	var halves fdtable.Mode
	args, status, ok := builtinOpts(c, halfcloseUsage, "rw", "", func(f byte, _ string) bool {
		if f == 'r' {
			halves |= fdtable.Read
		} else {
			halves |= fdtable.Write
		}
		return true
	})
	if !ok {
		return status
	}
	if len(args) == 0 {
		return c.Usage(halfcloseUsage)
	}
	if halves == 0 {
		halves = fdtable.Write
	}
	for _, a := range args {
		ch, n := c.fdOperand(a)
		if ch == nil {
			status = 1
			continue
		}
		if err := shutHalves(ch, halves); err != nil {
			reason := redirect.Errno(err)
			if errors.Is(err, fdtable.ErrNoHalfClose) {
				reason = fdtable.ErrNoHalfClose.Error()
			}
			c.Errorf("%d: %s", n, reason)
			status = 1
		}
	}
	return status
}

// shutHalves shuts the writing half first (so that a -rw still sends
// FIN), then the reading half.
func shutHalves(ch *fdtable.Channel, halves fdtable.Mode) error {
	if halves&fdtable.Write != 0 {
		if err := ch.CloseWrite(); err != nil {
			return err
		}
	}
	if halves&fdtable.Read != 0 {
		return ch.CloseRead()
	}
	return nil
}

// shutNote is what the fd builtin's STATE column adds for the halves
// shut with halfclose, named after shutdown(2)'s constants.
func shutNote(in fdtable.Info) string {
	switch in.Shut & (fdtable.Read | fdtable.Write) {
	case fdtable.Write:
		return "SHUT_WR"
	case fdtable.Read:
		return "SHUT_RD"
	case fdtable.Read | fdtable.Write:
		return "SHUT_RDWR"
	}
	return ""
}
