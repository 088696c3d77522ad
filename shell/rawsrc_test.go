package shell

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestEscapeRaw(t *testing.T) {
	tests := []struct {
		name, in string
		changed  bool
	}{
		{"ascii", "echo hi\n", false},
		{"valid UTF-8", "echo café 你好\n", false},
		{"Latin-1", "echo caf\xe9\n", true},
		{"GBK", "echo \xc4\xe3\xba\xc3\n", true},
		{"binary", "\x00\x01\x80\xfe\xff", true},
		{"truncated sequence", "a\xe4\xbd", true},
		{"valid and invalid mixed", "é\xe9é", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			esc, changed := escapeRaw(tc.in)
			assert.Equal(t, tc.changed, changed)
			if !changed {
				assert.Equal(t, tc.in, esc)
			}
			assert.True(t, utf8.ValidString(esc), "the parser gets valid UTF-8")
			assert.Equal(t, tc.in, unescapeRaw(esc), "round trip")
		})
	}
}

// Scripts that are not valid UTF-8 parse, and their words keep their
// bytes (the corpus compares whole scripts with bash:
// cmd/tcpsh/testdata/corpus/456-raw-bytes.sh).
func TestRawBytesInScript(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unquoted", "echo caf\xe9", "caf\xe9\n"},
		{"single quotes", "echo 'a\xffb'", "a\xffb\n"},
		{"double quotes", "x=\xfe; echo \"[$x]\" ${#x}", "[\xfe] 1\n"},
		{"here-document", "cat <<E\n\x80\x81\nE", "\x80\x81\n"},
		{"comment", "echo ok # \xe9", "ok\n"},
		{"eval", "eval \"echo \xe9\xe9\"", "\xe9\xe9\n"},
		{"case pattern", "case a\xff in a\xff) echo yes;; esac", "yes\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, status := runInProcess(t, tc.src)
			assert.Equal(t, 0, status, errOut)
			assert.Equal(t, tc.want, out)
			want, _, _ := runBash(t, tc.src)
			assert.Equal(t, want, out, "as bash")
		})
	}
}
