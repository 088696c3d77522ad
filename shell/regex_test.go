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
