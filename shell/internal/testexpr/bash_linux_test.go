//go:build linux

package testexpr

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"tcpsh/shell/internal/bashtest"
)

// diffCase is one command to run under bash and under this package.
type diffCase struct {
	form string // "test", "[" (adds "]") or "[-" (no closing "]")
	args []string
}

// makeFixture fills dir with files of various kinds and returns an Env that
// mirrors what the bash script sees (variables, options, fds 0-2).
func makeFixture(t *testing.T, dir string) *Env {
	t.Helper()
	write := func(name, data string, mode os.FileMode) {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(data), 0o600))
		require.NoError(t, os.Chmod(p, mode)) // Chmod is not masked by umask
	}
	write("reg", "hello\n", 0o644)
	write("empty", "", 0o644)
	write("exec", "#!/bin/sh\n", 0o755)
	write("noperm", "x", 0)
	write("wonly", "x", 0o200)
	write("xonly", "x", 0o100)
	write("setuid", "x", 0o4755)
	write("setgid", "x", 0o2755)
	write("name with space", "x", 0o644)
	require.NoError(t, os.Mkdir(filepath.Join(dir, "dir"), 0o755))
	write("dir/inner", "x", 0o644)
	require.NoError(t, os.Mkdir(filepath.Join(dir, "emptydir"), 0o755))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sticky"), 0o755))
	require.NoError(t, os.Chmod(filepath.Join(dir, "sticky"), 0o1777))
	require.NoError(t, os.Symlink("reg", filepath.Join(dir, "link")))
	require.NoError(t, os.Symlink("dir", filepath.Join(dir, "dirlink")))
	require.NoError(t, os.Symlink("nosuch", filepath.Join(dir, "dangling")))
	require.NoError(t, os.Symlink("loop", filepath.Join(dir, "loop")))
	require.NoError(t, os.Link(filepath.Join(dir, "reg"), filepath.Join(dir, "hard")))
	require.NoError(t, unix.Mkfifo(filepath.Join(dir, "fifo"), 0o644))
	ln, err := net.Listen("unix", filepath.Join(dir, "sock"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = ln.Close() })
	write("foreign", "x", 0o644)
	if os.Geteuid() == 0 {
		require.NoError(t, os.Chown(filepath.Join(dir, "foreign"), 65534, 65534))
	}

	// Fixed times: old < mid < new (same second, differing nanoseconds);
	// "unread" has mtime > atime (-N true), "read" the reverse.
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, name := range []string{"reg", "empty", "exec", "noperm", "wonly", "xonly", "setuid", "setgid", "hard", "dir", "foreign", "name with space"} {
		require.NoError(t, os.Chtimes(filepath.Join(dir, name), base, base))
	}
	write("old", "x", 0o644)
	write("mid", "x", 0o644)
	write("new", "x", 0o644)
	write("unread", "x", 0o644)
	write("read", "x", 0o644)
	require.NoError(t, os.Chtimes(filepath.Join(dir, "old"), base, base.Add(100)))
	require.NoError(t, os.Chtimes(filepath.Join(dir, "mid"), base, base.Add(200)))
	require.NoError(t, os.Chtimes(filepath.Join(dir, "new"), base, base.Add(300)))
	require.NoError(t, os.Chtimes(filepath.Join(dir, "unread"), base, base.Add(5)))
	require.NoError(t, os.Chtimes(filepath.Join(dir, "read"), base.Add(5), base))

	// The script runs with stdin on /dev/null and stdout and stderr on one
	// pipe (exec 2>&1), so mirror that for /dev/fd/N.
	null, err := os.Stat(os.DevNull)
	require.NoError(t, err)
	pr, pw, err := os.Pipe()
	require.NoError(t, err)
	pipe, err := pw.Stat()
	require.NoError(t, err)
	require.NoError(t, pr.Close())
	require.NoError(t, pw.Close())

	vars := map[string]bool{"setvar": true, "emptyvar": true, "ref": true}
	opts := map[string]bool{"noglob": true, "braceexpand": true, "hashall": true}
	return &Env{
		Getwd:        func() string { return dir },
		IsVarSet:     func(name string) bool { return vars[name] },
		IsNameref:    func(name string) bool { return name == "ref" },
		FDIsTerminal: func(int) bool { return false },
		OptionSet:    func(name string) bool { return opts[name] },
		FDStat: func(fd int) (fs.FileInfo, error) {
			switch fd {
			case 0:
				return null, nil
			case 1, 2:
				return pipe, nil
			}
			return nil, unix.EBADF
		},
	}
}

// bashScriptPrologue sets up what the Env of makeFixture claims.
const bashScriptPrologue = "exec 2>&1; setvar=1; emptyvar=; declare -n ref=setvar; set -o noglob\n"

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// runBash runs all cases in one bash script in dir and returns, per case,
// the exit status and the output with bash's "script: line N: " prefix
// removed.
func runBash(t *testing.T, dir string, cases []diffCase) (status []int, output []string) {
	t.Helper()
	var sb strings.Builder
	sb.WriteString(bashScriptPrologue)
	for _, c := range cases {
		name := c.form
		if name == "[-" {
			name = "["
		}
		sb.WriteString(name)
		for _, a := range c.args {
			sb.WriteString(" " + shellQuote(a))
		}
		if c.form == "[" {
			sb.WriteString(" ]")
		}
		sb.WriteString("; echo \"@@$?\"\n")
	}
	script := filepath.Join(t.TempDir(), "script")
	require.NoError(t, os.WriteFile(script, []byte(sb.String()), 0o644))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bashtest.Path, script)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout = &out
	require.NoError(t, cmd.Run())

	prefix := regexp.MustCompile(`^` + regexp.QuoteMeta(script) + `: line \d+: `)
	rest := out.String()
	for range cases {
		i := strings.Index(rest, "@@")
		require.GreaterOrEqual(t, i, 0, "bash output ended early")
		j := strings.IndexByte(rest[i:], '\n')
		require.Greater(t, j, 0)
		rc, err := strconv.Atoi(rest[i+2 : i+j])
		require.NoError(t, err)
		msg := strings.TrimSuffix(rest[:i], "\n")
		status = append(status, rc)
		output = append(output, prefix.ReplaceAllString(msg, ""))
		rest = rest[i+j+1:]
	}
	return status, output
}

// ours evaluates a case with this package, in bash's terms.
func ours(env *Env, c diffCase) (int, string) {
	e := *env
	var ok bool
	var err error
	switch c.form {
	case "test":
		e.Name = "test"
		ok, err = Test(&e, c.args)
	case "[":
		e.Name = "["
		ok, err = Bracket(&e, append(append([]string(nil), c.args...), "]"))
	default:
		e.Name = "["
		ok, err = Bracket(&e, c.args)
	}
	switch {
	case err != nil:
		return StatusError, err.Error()
	case ok:
		return 0, ""
	}
	return 1, ""
}

func compareWithBash(t *testing.T, dir string, env *Env, cases []diffCase) {
	t.Helper()
	status, output := runBash(t, dir, cases)
	seen := map[int]int{}
	for _, st := range status {
		seen[st]++
	}
	require.Positive(t, seen[0], "no case was true")
	require.Positive(t, seen[1], "no case was false")
	t.Logf("bash statuses over %d cases: %v", len(cases), seen)
	bad := 0
	for i, c := range cases {
		st, msg := ours(env, c)
		if st == status[i] && msg == output[i] {
			continue
		}
		bad++
		if bad <= 40 {
			t.Errorf("%s %q: bash %d %q, ours %d %q", c.form, c.args, status[i], output[i], st, msg)
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d cases differ from bash", bad, len(cases))
	}
}

func needBash(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(bashtest.Path); err != nil {
		t.Skip("no " + bashtest.Path)
	}
}

// filePaths are the operands of the file operators; "$D" is the fixture.
var filePaths = []string{
	"", "nosuch", "reg", "./reg", "$D/reg", "reg/", "empty", "exec", "noperm",
	"wonly", "xonly", "setuid", "setgid", "name with space", "dir", "dir/",
	"dir/inner", "dirlink/..", "emptydir", "sticky", "link", "dirlink",
	"dirlink/", "dangling", "loop", "hard", "fifo", "sock", "foreign",
	"unread", "read", "/dev/null", "/dev/loop0", "/dev/fd/0", "/dev/fd/1",
	"/dev/fd/2", "/dev/fd/9", "/dev/fd/00", "/dev/stdin", "/dev/stderr", "/",
}

func TestDifferentialFiles(t *testing.T) {
	needBash(t)
	dir := t.TempDir()
	env := makeFixture(t, dir)
	expand := func(s string) string { return strings.ReplaceAll(s, "$D", dir) }
	var cases []diffCase
	for _, op := range strings.Fields("-a -b -c -d -e -f -g -h -k -p -r -s -u -w -x -G -L -N -O -S") {
		for _, p := range filePaths {
			cases = append(cases, diffCase{"test", []string{op, expand(p)}})
		}
	}
	timed := []string{"nosuch", "reg", "link", "old", "mid", "new", "hard", "dir", "dangling", "/dev/null", "/dev/fd/0", "/dev/stdin", "/dev/fd/9", "$D/old", ""}
	for _, op := range []string{"-nt", "-ot", "-ef"} {
		for _, a := range timed {
			for _, b := range timed {
				cases = append(cases, diffCase{"test", []string{expand(a), op, expand(b)}})
			}
		}
	}
	// Combinations through the expression parser.
	cases = append(cases,
		diffCase{"test", []string{"-f", "reg", "-a", "-d", "dir"}},
		diffCase{"test", []string{"!", "-e", "nosuch", "-a", "(", "-L", "link", "-o", "-p", "reg", ")"}},
		diffCase{"[", []string{"-x", "exec", "-a", "!", "-x", "reg"}},
		diffCase{"[", []string{"(", "-s", "empty", ")"}},
	)
	compareWithBash(t, dir, env, cases)
}

func TestDifferentialValues(t *testing.T) {
	needBash(t)
	dir := t.TempDir()
	env := makeFixture(t, dir)
	var cases []diffCase
	numbers := []string{
		"0", "1", "-1", "+1", "007", " 5", "5 ", "\t5\t", "\n5", "5\n", "\v5", "5\r",
		"- 5", "-", "+", "", " ", "0x10", "1e3", "1.0", "١", "abc", "12abc",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808",
		"-9223372036854775809", "99999999999999999999",
	}
	for _, op := range []string{"-eq", "-ne", "-lt", "-le", "-gt", "-ge"} {
		for _, a := range numbers {
			cases = append(cases, diffCase{"test", []string{a, op, "5"}})
			cases = append(cases, diffCase{"[", []string{"1", op, a}})
		}
	}
	strs := []string{"", "a", "b", "A", "ab", "é", "z", "\xff", "10", "9", "-", "!", "="}
	for _, op := range []string{"=", "==", "!=", "<", ">"} {
		for _, a := range strs {
			for _, b := range strs {
				cases = append(cases, diffCase{"test", []string{a, op, b}})
			}
		}
	}
	for _, v := range []string{"setvar", "emptyvar", "ref", "nosuch", ""} {
		cases = append(cases, diffCase{"test", []string{"-v", v}}, diffCase{"test", []string{"-R", v}})
	}
	for _, o := range []string{"noglob", "braceexpand", "errexit", "nosuch", ""} {
		cases = append(cases, diffCase{"test", []string{"-o", o}})
	}
	for _, fd := range []string{"0", "1", "2", "9", "-1", "x", "", " 1", "2147483648", "4294967296"} {
		cases = append(cases, diffCase{"test", []string{"-t", fd}}, diffCase{"test", []string{"-t", fd, "-a", "x"}})
	}
	for _, s := range strs {
		cases = append(cases, diffCase{"test", []string{"-n", s}}, diffCase{"test", []string{"-z", s}})
	}
	for _, args := range [][]string{{}, {"a"}, {"a", "=", "a"}, {"]"}, {"a", "]", "]"}, {"(", "x"}} {
		cases = append(cases, diffCase{"[-", args})
	}
	compareWithBash(t, dir, env, cases)
}

// TestDifferentialSyntax runs every sequence of up to three tokens and
// random longer ones through both bash and Test.
func TestDifferentialSyntax(t *testing.T) {
	needBash(t)
	dir := t.TempDir()
	env := makeFixture(t, dir)
	tokens := []string{
		"!", "(", ")", "-a", "-o", "-n", "-z", "-t", "-e", "x", "", "=", "!=",
		"-eq", "1", "0", "reg", "-f", "(x", ")y", "-q", "-", "-nt", "=~",
	}
	var cases []diffCase
	var gen func(prefix []string, n int)
	gen = func(prefix []string, n int) {
		cases = append(cases, diffCase{"test", append([]string(nil), prefix...)})
		if n == 0 {
			return
		}
		for _, tok := range tokens {
			gen(append(prefix, tok), n-1)
		}
	}
	gen(nil, 3)
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 4; n <= 9; n++ {
		for range 1500 {
			args := make([]string, n)
			for i := range args {
				args[i] = tokens[rng.IntN(len(tokens))]
			}
			form := "test"
			if rng.IntN(2) == 0 {
				form = "["
			}
			cases = append(cases, diffCase{form, args})
		}
	}
	// A smaller alphabet yields more well-formed long expressions.
	simple := []string{"!", "(", ")", "-a", "-o", "x", "", "=", "-n", "reg", "-d"}
	for n := 4; n <= 12; n++ {
		for range 1000 {
			args := make([]string, n)
			for i := range args {
				args[i] = simple[rng.IntN(len(simple))]
			}
			cases = append(cases, diffCase{"test", args})
		}
	}
	compareWithBash(t, dir, env, cases)
}

func TestShellQuote(t *testing.T) {
	for _, s := range []string{"", "a b", "it's", "'", "$x`y`\\"} {
		out, err := bashtest.Output("printf %s "+shellQuote(s), nil)
		if err != nil {
			t.Skip("bash unavailable: ", err)
		}
		require.Equal(t, s, out, fmt.Sprintf("quote %q", s))
	}
}
