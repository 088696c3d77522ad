//go:build linux

package fdtable

import (
	"bytes"
	"context"
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
