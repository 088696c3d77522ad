package redirect

import (
	"context"
	"net"
	"strconv"
	"testing"
)

// BenchmarkDial opens and closes a TCP connection to a loopback listener
// that accepts and closes, as W6 of scripts/bench does a thousand times:
// the per-socket cost of Dial (run with -cpuprofile to split it into the
// kernel's connect and the standard library's bookkeeping).
func BenchmarkDial(b *testing.B) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	defer func() { ln.Close(); <-done }()
	tg, err := ParsePath("/dev/tcp/127.0.0.1/" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background()) // cancellable, as the shell's
	defer cancel()
	b.ReportAllocs()
	for b.Loop() {
		c, err := (&Dialer{}).Dial(ctx, tg)
		if err != nil {
			b.Fatal(err)
		}
		c.Close()
	}
}
