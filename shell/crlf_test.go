package shell

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestToCRLF(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"no newline", "abc", "abc"},
		{"lone newlines", "a\nb\n", "a\r\nb\r\n"},
		{"already CRLF", "a\r\nb\r\n", "a\r\nb\r\n"},
		{"mixed", "GET / HTTP/1.1\nHost: h\r\n\n", "GET / HTTP/1.1\r\nHost: h\r\n\r\n"},
		{"leading newline", "\nx", "\r\nx"},
		{"lone CR kept", "a\rb\n", "a\rb\r\n"},
		{"double newline", "\n\n", "\r\n\r\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, string(toCRLF([]byte(tc.in))))
		})
	}
}
