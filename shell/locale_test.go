package shell

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCharsRoundTrip(t *testing.T) {
	cases := []struct {
		name      string
		in        string
		utf8      bool
		wantRunes int
	}{
		{"ascii", "hello", false, 5},
		{"utf8 in C counts bytes", "héllo", false, 6},
		{"utf8 in UTF-8 counts chars", "héllo", true, 5},
		{"invalid byte in UTF-8 is one char", "a\xc3", true, 2},
		{"raw bytes in C", "\xff\xfe", false, 2},
		{"cjk in C", "日本", false, 6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ch := toChars(c.in, c.utf8)
			assert.Equal(t, c.wantRunes, len([]rune(ch)))
			assert.Equal(t, c.in, fromChars(ch))
		})
	}
}

// TestLocaleExpansions pins bash's byte/character rules (checked against
// bash 5.2) for ${#s}, ${s:o:l}, patterns and case conversion.
func TestLocaleExpansions(t *testing.T) {
	src := `s="héllo"; w="日本語"; t=$'a\xc3'
echo "${#s} ${#w} ${#t}"
printf '%s' "${s:1:2}" | od -An -tx1
printf '%s' "${t:1}" | od -An -tx1
echo "${s#h?}" "${s^^}" "${s//?/.}"
case é in ?) echo one;; ??) echo two;; esac
[[ é == ? ]] && echo single || echo multi
`
	cases := []struct {
		name, locale, want string
	}{
		{"C", "C", "6 9 2\n c3 a9\n c3\n\xa9llo H\xc3\xa9LLO ......\ntwo\nmulti\n"},
		{"UTF-8", "C.UTF-8", "5 3 2\n c3 a9 6c\n c3\nllo HÉLLO .....\none\nsingle\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, status := runInProcess(t, "LC_ALL="+c.locale+"\n"+src)
			assert.Equal(t, c.want, out)
			assert.Equal(t, "", errOut)
			assert.Equal(t, 0, status)
		})
	}
}
