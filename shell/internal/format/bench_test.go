package format

import (
	"io"
	"testing"
)

// BenchmarkEchoCases formats echo's arguments, with and without -e escapes.
func BenchmarkEchoCases(b *testing.B) {
	cases := []struct {
		name string
		args []string
	}{
		{"plain", []string{"hello", "world", "12345"}},
		{"-e escapes", []string{"-e", `GET / HTTP/1.1\r\nHost: x\r\n\r\n`}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, esc, rest := ParseEchoFlags(tc.args)
				if _, err := EchoLocale(io.Discard, rest, esc, false); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPrintfCases formats the printf calls scripts make most.
func BenchmarkPrintfCases(b *testing.B) {
	cases := []struct {
		name, format string
		args         []string
	}{
		{"HTTP request", `GET %s HTTP/1.1\r\nHost: %s\r\n\r\n`, []string{"/body", "127.0.0.1"}},
		{"%s\\n per line", `%s\n`, []string{"a", "bb", "ccc", "dddd"}},
		{"numbers", `%5d %-8s %x\n`, []string{"42", "name", "255"}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Printf(io.Discard, tc.format, tc.args, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
