package shell

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// globCases are pathname expansions in the C locale (runInProcess's and
// runBash's), each checked against the expected output and against bash.
var globCases = []struct {
	name, src, want string
}{
	{"nocaseglob folds ASCII only",
		`: > Ab; : > aB; : > $'\xc9'; : > $'\xe9x'; shopt -s nocaseglob; echo a*; printf '%q\n' $'\xe9'*`,
		"Ab aB\n$'\\351x'\n"},
	{"question mark is one byte",
		`: > $'\xc3\xa9'; : > ab; printf '%q ' ? ??; echo`,
		"\\? ab $'\\303\\251' \n"},
	{"bracket range of high bytes",
		`: > $'\xc9'; : > z; printf '%q ' [$'\x80'-$'\xff']; echo`,
		"$'\\311' \n"},
	{"negated extglob with high bytes",
		"shopt -s extglob\n" + `: > $'a\xff'; : > ab; printf '%q ' a!(b); echo`,
		"$'a\\377' \n"},
	{"same pattern with and without nocaseglob",
		`: > Q; echo q*; shopt -s nocaseglob; echo q*; shopt -u nocaseglob; echo q*`,
		"q*\nQ\nq*\n"},
	{"dot entries unless globskipdots",
		`: > .h; echo .*; shopt -u globskipdots; echo .*; echo \.*`,
		".h\n. .. .h\n. .. .h\n"},
	{"trailing slash keeps directories",
		`mkdir d e; : > f; echo */ ?/`,
		"d/ e/ d/ e/\n"},
	{"literal component checks existence",
		`mkdir d; : > d/x; echo d/x d/y*`,
		"d/x d/y*\n"},
}

func TestGlob(t *testing.T) {
	for _, tc := range globCases {
		t.Run(tc.name, func(t *testing.T) {
			checkSilentScript(t, tc.src, tc.want)
		})
	}
}

// checkSilentScript runs src in process, expecting want on stdout, nothing
// on stderr and status 0, and checks that bash gives the same output and
// status.
func checkSilentScript(t *testing.T, src, want string) {
	t.Helper()
	stdout, stderr, status := runInProcess(t, src)
	assert.Equal(t, want, stdout)
	assert.Empty(t, stderr)
	assert.Equal(t, 0, status)
	bashOut, _, bashStatus := runBash(t, src)
	assert.Equal(t, bashOut, stdout, "bash's output")
	assert.Equal(t, bashStatus, status, "bash's status")
}
