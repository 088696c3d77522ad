//go:build linux

package gnuhead

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuoteFileIfNeededMatchesCat compares the quoting of missing file
// names with GNU cat's messages, in the C and a UTF-8 locale.
func TestQuoteFileIfNeededMatchesCat(t *testing.T) {
	cat, err := exec.LookPath("cat")
	if err != nil {
		t.Skip("no cat(1)")
	}
	dir := t.TempDir()
	words := []string{"plain", "", "a b", "it's", "a\"b", "a\\b", "x$y", "a&b", "(", "a*", "a;b", "<", "a=b", ">",
		"a[b", "a]b", "^", "a`b", "a|b", "a?", "!", "{", "}", "a{", "{a", "a}", "#a", "a#", "~", "~a", "a~",
		"-x", "a:b", "a,b", "%", "+", "@", "é", "\x80", "\xc3", "a\tb", "a\nb", "\x01", "\u00a0", "\u2028", "a'$b",
		"é'", "'", "a/b"}
	for _, locale := range []string{"C", "C.UTF-8"} {
		for _, w := range words {
			t.Run(locale+" "+strconv.Quote(w), func(t *testing.T) {
				cmd := exec.Command(cat, "--", w)
				cmd.Args[0] = "cat"
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "LC_ALL="+locale)
				var errb bytes.Buffer
				cmd.Stderr = &errb
				require.Error(t, cmd.Run())
				want := errb.String()
				got := "cat: " + QuoteFileIfNeeded(w, locale != "C") + ": No such file or directory\n"
				assert.Equal(t, want, got)
			})
		}
	}
}
