package redirect

import (
	"context"
	"net"
	"strconv"
	"testing"
)

// BenchmarkParsePathCases parses the paths a redirection may name, one
// sub-benchmark each: plain files (the common case, which must stay
// cheap) and /dev/tcp paths.
func BenchmarkParsePathCases(b *testing.B) {
	cases := []struct{ name, path string }{
		{"plain file", "/tmp/out.txt"},
		{"dev null", "/dev/null"},
		{"tcp literal", "/dev/tcp/127.0.0.1/8080"},
		{"tcp name", "/dev/tcp/localhost/http"},
		{"tcp ipv6", "/dev/tcp/::1/443"},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = ParsePath(tc.path)
			}
		})
	}
}

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
