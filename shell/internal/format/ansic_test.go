package format

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tcpsh/shell/internal/bashtest"
)

// TestANSIC checks ANSIC against bash's own $'...' in the C and the
// C.UTF-8 locale.
func TestANSIC(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"no escapes", `plain text`, "plain text"},
		{"letters", `a\tb\nc\rd\ae\bf\fg\vh\ei\Ej`, "a\tb\nc\rd\ae\bf\fg\vh\x1bi\x1bj"},
		{"quotes and backslash", `\"\?\\`, `"?\`},
		{"octal", `\101\0102\7`, "A\x082\a"},
		{"hex", `\x41\x4g\xZ`, "A\x04g\\xZ"},
		{"control", `\ca\cZ\c?\c[`, "\x01\x1a\x7f\x1b"},
		{"control of a backslash", `\c\\x`, "\x1cx"},
		{"trailing control", `ab\c`, `ab\c`},
		{"NUL ends the string", `ab\0cd`, "ab"},
		{"unknown escape", `\q`, `\q`},
		{"unicode", `\u00e9\u41`, "\u00e9A"},
		{"unicode beyond U+10FFFF", `\U7fffffff`, "\xfd\xbf\xbf\xbf\xbf\xbf"},
		{"unicode without digits", `\u\Ux`, `\u\Ux`},
	}
	for _, utf8 := range []bool{false, true} {
		for _, tc := range cases {
			t.Run(bashtest.Locale(utf8)+"/"+tc.name, func(t *testing.T) {
				want, err := bashtest.Output(`eval "printf %s \$'$1'"`, []string{tc.body}, bashtest.Locale(utf8))
				require.NoError(t, err)
				if utf8 || !containsUnicodeEscape(tc.body) {
					assert.Equal(t, tc.want, want, "bash")
				}
				assert.Equal(t, want, ANSIC(tc.body, utf8))
			})
		}
	}
}

// containsUnicodeEscape reports whether body has a \u or \U escape, whose
// bytes depend on the locale (the table's want is the UTF-8 one).
func containsUnicodeEscape(body string) bool {
	for i := 0; i+1 < len(body); i++ {
		if body[i] == '\\' {
			if body[i+1] == 'u' || body[i+1] == 'U' {
				return true
			}
			i++
		}
	}
	return false
}
