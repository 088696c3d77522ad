//go:build linux

package fdtable

import (
	"bytes"
	"context"
	"os"
	"testing"
)

// benchLines is the input of the ReadDelim benchmarks: short lines, as
// `while read` sees them.
var benchLines = bytes.Repeat([]byte("line 1234\n"), 400)

// BenchmarkReadDelim reads lines with a cancellable context, as the read
// builtin does, from the channels that take each ReadDelim strategy. The
// byte-wise case must cost one poll(2) and one read(2) per byte, with no
// wake-up pipe while input is queued.
func BenchmarkReadDelim(b *testing.B) {
	cases := []struct {
		name string
		make func(t testing.TB) source
	}{
		{"inherited blocking pipe (poll, byte-wise)", blockingPipeSource},
		{"owned pipe (buffered)", ownedPipeSource},
		{"tcp (peek)", tcpSource},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			src := tc.make(b)
			defer src.c.Release()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			b.ReportAllocs()
			b.SetBytes(int64(len(benchLines)))
			for b.Loop() {
				go src.feed(string(benchLines))
				for range bytes.Count(benchLines, []byte("\n")) {
					if _, err := src.c.ReadDelimContext(ctx, '\n', 0, false); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkTable measures the table operations every redirection does:
// dup and close a number, open and release /dev/null (the redirection
// `>/dev/null`), and clone and release a table (a subshell).
func BenchmarkTable(b *testing.B) {
	b.Run("dup and close", func(b *testing.B) {
		t := NewTable()
		defer t.ReleaseAll()
		c, err := t.OpenFile(os.DevNull, os.O_WRONLY, 0)
		if err != nil {
			b.Fatal(err)
		}
		if err := t.Set(1, c); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := t.Dup(1, 10); err != nil {
				b.Fatal(err)
			}
			t.Close(10)
		}
	})
	b.Run("open /dev/null", func(b *testing.B) {
		t := NewTable()
		defer t.ReleaseAll()
		b.ReportAllocs()
		for b.Loop() {
			c, err := t.OpenFile(os.DevNull, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666)
			if err != nil {
				b.Fatal(err)
			}
			c.Release()
		}
	})
	b.Run("clone 10 entries", func(b *testing.B) {
		t := NewTable()
		defer t.ReleaseAll()
		for fd := range 10 {
			c, err := t.OpenFile(os.DevNull, os.O_RDWR, 0)
			if err != nil {
				b.Fatal(err)
			}
			if err := t.Set(fd, c); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportAllocs()
		for b.Loop() {
			t.Clone().ReleaseAll()
		}
	})
}
