//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCommandLineErrors covers run's errors for a bad command line or an
// unusable script operand. want is bash 5.2's result ("bash: " read as
// "tcpsh: "), checked against bash itself on every run. With usage set,
// each shell's usage text follows the first line of stderr: tcpsh's is
// compared with its own, bash's (which lists bash's options) is not.
// knownDiff says how tcpsh still differs; the test checks that it still
// does, so a fix fails it until the mark is removed.
func TestCommandLineErrors(t *testing.T) {
	needShells(t)
	cases := []struct {
		name      string
		args      []string
		notRoot   bool // skipped as root, who may read any file
		want      runResult
		usage     bool
		knownDiff string
	}{
		{name: "script not found", args: []string{"nosuch.sh", "a"},
			want: runResult{"", "tcpsh: nosuch.sh: No such file or directory\n", 127}},
		{name: "syntax check of a missing script", args: []string{"-n", "nosuch.sh"},
			want: runResult{"", "tcpsh: nosuch.sh: No such file or directory\n", 127}},
		{name: "script is a directory", args: []string{"adir"},
			want: runResult{"", "adir: adir: Is a directory\n", 126}},
		{name: "script not readable", args: []string{"noperm.sh"}, notRoot: true,
			want: runResult{"", "tcpsh: noperm.sh: Permission denied\n", 126}},
		{name: "-c without an argument", args: []string{"-c"},
			want: runResult{"", "tcpsh: -c: option requires an argument\n", 2}},
		{name: "invalid option", args: []string{"-Z", "x.sh"}, usage: true,
			want: runResult{"", "tcpsh: -Z: invalid option\n", 2}},
		{name: "invalid option in a group", args: []string{"-xZ"}, usage: true,
			want: runResult{"", "tcpsh: -Z: invalid option\n", 2}},
		{name: "invalid long option", args: []string{"--bogus"}, usage: true,
			want: runResult{"", "tcpsh: --bogus: invalid option\n", 2}},
		{name: "--rcfile without an argument", args: []string{"--rcfile"},
			want: runResult{"", "tcpsh: rcfile: option requires an argument\n", 2}},
		{name: "-o with an unknown name", args: []string{"-o", "nosuch"},
			want:      runResult{"", "tcpsh: line 0: bash: nosuch: invalid option name\n", 2},
			knownDiff: "bash adds `line 0: bash:' to this message"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.notRoot && os.Geteuid() == 0 {
				t.Skip("root may read any file")
			}
			work, tmp := freshDirs(t, t.TempDir())
			require.NoError(t, os.Mkdir(filepath.Join(work, "adir"), 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(work, "noperm.sh"), []byte("echo read\n"), 0o000))
			run := func(shell string) runResult {
				return runShell(t, runSpec{shell: shell, args: tc.args, dir: work, env: scriptEnv(work, tmp, "C")})
			}
			bash, got := run(refBash), run(shellUnderTest)
			if tc.usage {
				first, rest, _ := strings.Cut(bash.stderr, "\n")
				assert.NotEmpty(t, rest, "bash's usage text")
				bash.stderr = first + "\n"
				assert.Equal(t, tc.want.stderr+usage, got.stderr, "tcpsh's stderr")
				got.stderr = strings.TrimSuffix(got.stderr, usage)
			}
			assert.Equal(t, tc.want, bash, "bash")
			if tc.knownDiff != "" {
				assert.NotEqual(t, tc.want, got, "tcpsh now matches bash: remove knownDiff (%s)", tc.knownDiff)
				return
			}
			assert.Equal(t, tc.want, got, "tcpsh")
		})
	}
}

// TestListOptions: `tcpsh -o` and `tcpsh +o` list the set -o options and
// go on (here with an empty script on stdin), as bash does; the list holds
// tcpsh's options, which are fewer than bash's.
func TestListOptions(t *testing.T) {
	needShells(t)
	for _, tc := range []struct{ flag, line string }{
		{"-o", "pipefail       \toff\n"},
		{"+o", "set +o pipefail\n"},
	} {
		got := runShell(t, runSpec{shell: shellUnderTest, args: []string{tc.flag}, dir: t.TempDir()})
		assert.Contains(t, got.stdout, tc.line)
		assert.Equal(t, "", got.stderr)
		assert.Equal(t, 0, got.status)
	}
}
