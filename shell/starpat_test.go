package shell

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"mvdan.cc/sh/v3/pattern"
)

// TestStarPattern checks the split of patterns into literal pieces and
// which patterns are left to the regexp.
func TestStarPattern(t *testing.T) {
	tests := []struct {
		name, pat string
		ext       bool
		want      []string
		ok        bool
	}{
		{"suffix", "*.tar.gz", false, []string{"", ".tar.gz"}, true},
		{"prefix", "Content-Length:*", false, []string{"Content-Length:", ""}, true},
		{"middle", "a*b*c", false, []string{"a", "b", "c"}, true},
		{"star only", "*", false, []string{"", ""}, true},
		{"escaped star is literal", `a\**`, false, []string{"a*", ""}, true},
		{"escaped backslash", `\\*`, false, []string{`\`, ""}, true},
		{"question mark", "a?*", false, nil, false},
		{"bracket", "[Cc]ontent*", false, nil, false},
		{"literal", "abc", false, nil, false},
		{"trailing backslash", `a*\`, false, nil, false},
		{"extglob star group", "*(a)", true, nil, false},
		{"extglob at group", "x*@(a|b)", true, nil, false},
		{"extglob negation", "!(a)*", true, nil, false},
		{"parens without extglob", "*(a)", false, []string{"", "(a)"}, true},
		{"plus without group", "a+*", true, []string{"a+", ""}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := starPattern(tc.pat, tc.ext)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestStarMatch compares starMatch with the regexp that pattern.Regexp
// makes of the same pattern, which it replaces.
func TestStarMatch(t *testing.T) {
	pats := []string{"*", "*.tar.gz", "*/", ".*", "a*", "*a", "*a*", "a*a", "a*b*c", "ab*ba", "**", `\**`, "*\n*", "é*é"}
	subjects := []string{"", "a", "aa", "aba", "abba", "abcabc/path/to/file.tar.gz", ".tar.gz", "x/", "/", "abc", "acb", "aXbYc", "ab", "ba", "*", "a\nb", "\n", "éé", "é", "éxé"}
	for _, pat := range pats {
		pieces, ok := starPattern(pat, false)
		require.True(t, ok, pat)
		expr, err := pattern.Regexp(pat, pattern.EntireString)
		require.NoError(t, err)
		rx := regexp.MustCompile("(?s)" + expr)
		for _, s := range subjects {
			t.Run(pat+" "+s, func(t *testing.T) {
				assert.Equal(t, rx.MatchString(s), starMatch(pieces, s))
			})
		}
	}
}
