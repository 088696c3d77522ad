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

func TestIsPrint(t *testing.T) {
	cases := []struct {
		name string
		r    rune
		want bool
	}{
		{"letter", 'é', true},
		{"combining mark", 0x301, true},
		{"no-break space", 0xa0, true},
		{"ideographic space", 0x3000, true},
		{"soft hyphen", 0xad, true},
		{"zero width space", 0x200b, true},
		{"tag", 0xe0001, true},
		{"private use", 0xe000, true},
		{"C1 control", 0x85, false},
		{"line separator", 0x2028, false},
		{"paragraph separator", 0x2029, false},
		{"noncharacter", 0xfdd0, false},
		{"last noncharacter", 0x10ffff, false},
		{"unassigned", 0x378, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, IsPrint(tc.r))
		})
	}
}
