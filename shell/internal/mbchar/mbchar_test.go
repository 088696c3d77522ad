package mbchar

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDecode(t *testing.T) {
	cases := []struct {
		name string
		in   string
		r    rune
		size int
		st   Status
	}{
		{"empty", "", 0, 0, Incomplete},
		{"ascii", "a\xff", 'a', 1, Valid},
		{"two bytes", "é!", 'é', 2, Valid},
		{"four bytes", "\U0001F600", 0x1F600, 4, Valid},
		{"beyond unicode", "\xf4\x90\x80\x80", 0x110000, 4, Valid},
		{"five byte form", "\xf8\x88\x80\x80\x80", 0x200000, 5, Valid},
		{"six byte form", "\xfd\xbf\xbf\xbf\xbf\xbf", 0x7fffffff, 6, Valid},
		{"lead byte only", "\xc3", 0, 1, Incomplete},
		{"surrogate prefix", "\xed\xa0", 0, 1, Incomplete},
		{"surrogate", "\xed\xa0\x80", 0, 1, Invalid},
		{"overlong", "\xe0\x80\x80", 0, 1, Invalid},
		{"bad lead", "\xc0\x80", 0, 1, Invalid},
		{"continuation alone", "\xa9", 0, 1, Invalid},
		{"broken by ascii", "\xc3\\", 0, 1, Invalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, size, st := Decode(tc.in)
			assert.Equal(t, tc.r, r)
			assert.Equal(t, tc.size, size)
			assert.Equal(t, tc.st, st)
			r, size, st = Decode([]byte(tc.in))
			assert.Equal(t, tc.r, r)
			assert.Equal(t, tc.size, size)
			assert.Equal(t, tc.st, st)
		})
	}
}
