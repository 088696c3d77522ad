package shell

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTranslateERE(t *testing.T) {
	cases := []struct {
		name, re, want string
		bad            bool
	}{
		{name: "plain", re: "a.c", want: `(?s)a.c`},
		{name: "bracket backslash is a member", re: `[\.]`, want: `(?s)[\x{5c}\x{2e}]`},
		{name: "close bracket first", re: `[]a]`, want: `(?s)[\x{5d}a]`},
		{name: "class", re: `[[:digit:]x]`, want: `(?s)[[:digit:]x]`},
		{name: "stacked repetition grouped", re: `a*?`, want: `(?s)(?:a*)?`},
		{name: "interval without minimum", re: `a{,2}`, want: `(?s)a{0,2}`},
		{name: "unknown escape is literal", re: `\d`, want: `(?s)d`},
		{name: "word boundary", re: `\<a\>`, want: `(?s)\ba\b`},
		{name: "unmatched close paren literal", re: `a)`, want: `(?s)a\)`},
		{name: "leading star", re: `*a`, bad: true},
		{name: "star after anchor", re: `^*a`, bad: true},
		{name: "open brace alone", re: `x{`, bad: true},
		{name: "reversed interval", re: `a{2,1}`, bad: true},
		{name: "reversed range", re: `[z-a]`, bad: true},
		{name: "range after range", re: `[a-z-9]`, bad: true},
		{name: "unknown class", re: `[[:foo:]]`, bad: true},
		{name: "trailing backslash", re: `a\`, bad: true},
		{name: "unclosed group", re: `(a`, bad: true},
		{name: "unclosed bracket", re: `[a`, bad: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := translateERE(reChars(tc.re, false, false), false)
			if tc.bad {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestTranslateEREQuoted(t *testing.T) {
	chars := append(reChars("^", false, false), reChars("a.b", true, false)...)
	got, err := translateERE(chars, false)
	require.NoError(t, err)
	assert.Equal(t, `(?s)^a\.b`, got)
}

// TestRegexMatchCLocale runs =~ on bytes >= 0x80 in the C locale
// (runInProcess's and runBash's): one character per byte, no case for
// them under nocasematch, BASH_REMATCH giving the bytes back.
func TestRegexMatchCLocale(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"nocasematch leaves high bytes alone",
			`shopt -s nocasematch; [[ $'\xc9' =~ $'\xe9' ]]; echo $?; [[ aB =~ Ab ]]; echo $?`,
			"1\n0\n"},
		{"dot is one byte",
			`[[ $'\xc3\xa9' =~ ^.$ ]]; echo $?; [[ $'\xc3\xa9' =~ ^..$ ]]; echo $?`,
			"1\n0\n"},
		{"rematch bytes",
			`[[ $'a\xc9b' =~ a(.)b ]]; printf '%q\n' "${BASH_REMATCH[1]}"`,
			"$'\\311'\n"},
		{"range of high bytes",
			`re=[$'\x80'-$'\xff']; [[ $'\xc9' =~ $re ]]; echo $?; [[ z =~ $re ]]; echo $?`,
			"0\n1\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkSilentScript(t, tc.src, tc.want)
		})
	}
}
