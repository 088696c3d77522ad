//go:build linux

package shell

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// headData writes the input files of the differential tests into a new
// directory and returns it.
func headData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var big, bigFew, nul strings.Builder
	for i := 1; i <= 3000; i++ {
		big.WriteString(strings.Repeat("x", i%17) + "\n")
	}
	bigFew.WriteString("first\n" + strings.Repeat("y", 9000) + "\nlast")
	for i := 0; i < 40; i++ {
		nul.WriteString("rec\x00")
	}
	files := map[string]string{
		"empty":   "",
		"three":   "a\nb\nc\n",
		"partial": "l1\nl2\nl3\nl4\nl5",
		"blank":   "\n\n\n",
		"nul":     nul.String(),
		"big":     big.String(),
		"bigfew":  bigFew.String(),
		"it's":    "quoted name\n",
	}
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	require.NoError(t, os.Mkdir(filepath.Join(dir, "adir"), 0o755))
	return dir
}

// headBash runs src under bash (whose head is /usr/bin/head) in dir.
func headBash(t *testing.T, dir, src string, env ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", src)
	cmd.Args[0] = "bash"
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C"}, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run()
	require.NoError(t, ctx.Err(), "bash timed out")
	return stdout.String(), strings.ReplaceAll(stderr.String(), "bash: ", "tcpsh: "), cmd.ProcessState.ExitCode()
}

// headSame runs src in-process and under bash and compares everything.
func headSame(t *testing.T, dir, src string, env ...string) {
	t.Helper()
	if _, err := os.Stat("/usr/bin/head"); err != nil {
		t.Skip("GNU head is needed as the reference")
	}
	wantOut, wantErr, wantSt := headBash(t, dir, src, env...)
	opts := []Option{Dir(dir)}
	if len(env) > 0 {
		opts = append(opts, Env(append([]string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C"}, env...)))
	}
	out, errOut, st := runInProcess(t, src, opts...)
	assert.Equal(t, wantOut, out, "stdout of %s", src)
	assert.Equal(t, wantErr, errOut, "stderr of %s", src)
	assert.Equal(t, wantSt, st, "status of %s", src)
}

// headOptionSets are the option lists compared against GNU head.
var headOptionSets = []string{
	"", "-n 1", "-n 2", "-n 0", "-n 3000", "-n 2999", "-n 100000", "-n1K",
	"-c 0", "-c 1", "-c 5", "-c 4097", "-c 9000", "-c 1k", "-c 2b",
	"-n -0", "-n -1", "-n -2", "-n -5", "-n -2999", "-n -3001",
	"-c -0", "-c -1", "-c -3", "-c -4096", "-c -9001", "-c -100000",
	"-z", "-z -n 3", "-z -n -2", "-q", "-v", "-v -n 1", "-3", "-2c", "-1k", "-5lv", "-2z",
	"--lines=2", "--bytes=-4", "--li 3", "--quiet -v", "--verbose --silent", "--zero-terminated -n 1",
}

// TestHeadAgainstGNU compares the builtin with /usr/bin/head for every
// option set on every file, given as an operand, on a redirected stdin
// and on a pipe.
func TestHeadAgainstGNU(t *testing.T) {
	dir := headData(t)
	inputs := []string{"empty", "three", "partial", "blank", "nul", "big", "bigfew"}
	for _, opts := range headOptionSets {
		t.Run(opts, func(t *testing.T) {
			var sb strings.Builder
			for _, in := range inputs {
				// Each line of output is followed by its status, and
				// od shows NULs and missing newlines.
				sb.WriteString("head " + opts + " " + in + " | od -c | tail -3; echo \"st=${PIPESTATUS[0]}\"\n")
				sb.WriteString("head " + opts + " < " + in + " | cksum\n")
				sb.WriteString("cat " + in + " | head " + opts + " | cksum\n")
			}
			sb.WriteString("head " + opts + " three partial - nul < blank | od -c\n")
			headSame(t, dir, sb.String())
		})
	}
}

// TestHeadLeavesFileOffset checks that what head leaves of a regular file
// for the next reader is what GNU head leaves.
func TestHeadLeavesFileOffset(t *testing.T) {
	dir := headData(t)
	for _, opts := range headOptionSets {
		t.Run(opts, func(t *testing.T) {
			var sb strings.Builder
			for _, in := range []string{"empty", "three", "partial", "big", "bigfew"} {
				sb.WriteString("{ head " + opts + " >/dev/null; cat | cksum; } < " + in + "\n")
				sb.WriteString("{ head -c 7 >/dev/null; head " + opts + " | cksum; cat | cksum; } < " + in + "\n")
				sb.WriteString("{ head " + opts + " | cksum; /bin/cat | cksum; } < " + in + "\n")
			}
			headSame(t, dir, sb.String())
		})
	}
}

// TestHeadErrors compares messages and statuses with GNU head.
func TestHeadErrors(t *testing.T) {
	dir := headData(t)
	cases := map[string]string{
		"missing file":         `head three nofile partial; echo "st=$?"`,
		"missing only":         `head nofile; echo "st=$?"`,
		"quoted names":         `head "it's" "no'pe" 'a b' $'x\ny' ''; echo "st=$?"`,
		"directory":            `head three adir three; echo "st=$?"; head -c 2 adir; head -n -1 adir; head -c -1 adir; echo "st=$?"`,
		"closed stdin":         `head <&-; echo "st=$?"; head -c 3 - <&-; echo "st=$?"; head -n 0 <&-; echo "st=$?"`,
		"closed stdout":        `head three >&-; echo "st=$?"`,
		"broken pipe":          `head -c 300000 /dev/zero | true; echo "st=${PIPESTATUS[0]}"; yes | head -n 200000 | true; echo "st=${PIPESTATUS[1]}"; cat /dev/zero | true; echo "st=${PIPESTATUS[0]}"`,
		"bad number":           `head -n 5x three; head -c '' three; head -n ' 2' three; head -n --2 three; echo "st=$?"`,
		"overflow":             `head -n 99999999999999999999 three; head -c 1Y three; head -c -8E three; echo "st=$?"`,
		"huge but fine":        `head -n 18446744073709551615 three; head -c 15E three; head -n -8E three; echo "st=$?"`,
		"missing argument":     `head -n; head --lines; head -c; echo "st=$?"`,
		"argument not wanted":  `head --quiet=1 three; echo "st=$?"`,
		"ambiguous":            `head --v three; echo "st=$?"`,
		"trailing":             `head -3x three; head -n 2 -3 three; head -q5 three; echo "st=$?"`,
		"unknown option":       `head -y three; head --nope three; echo "st=$?"`,
		"number before option": `head -n x -y three; head -y -n x three; echo "st=$?"`,
		"help falls back":      `head --help | head -n 1; head --vers | head -n 1`,
		"double dash":          `head -n 1 -- -n 2>&1; head -- three`,
		"dash operands":        `head -n 1 - three - < partial`,
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) { headSame(t, dir, src) })
	}
}

// TestCatQuotedNames compares cat's quoting of file names in its
// messages (GNU's quotef) with GNU cat.
func TestCatQuotedNames(t *testing.T) {
	dir := headData(t)
	require.NoError(t, os.Mkdir(filepath.Join(dir, "d:ir"), 0o755))
	src := `cat three "a b" "it's" nofile "x:y" '' adir d:ir $'\x80' "é"; echo "st=$?"`
	headSame(t, dir, src)
	headSame(t, dir, src, "LC_ALL=C.UTF-8")
}

// TestHeadUTF8Messages checks GNU's quotes in a UTF-8 locale.
func TestHeadUTF8Messages(t *testing.T) {
	dir := headData(t)
	headSame(t, dir, `head -n $'\xc3\xa9x' three; head -c "a'b" three; head nofile-é $'\x80' "é'"; echo "st=$?"`, "LC_ALL=C.UTF-8")
}

// TestHeadBuiltinOrExternal checks that command head is the builtin and
// that enable -n head and /usr/bin/head run the external program.
func TestHeadBuiltinOrExternal(t *testing.T) {
	dir := headData(t)
	cases := []struct{ name, src, want string }{
		{"type", `type head`, "head is a shell builtin\n"},
		{"command runs the builtin", `{ command head -n 1; cat; } < three`, "a\nb\nc\n"},
		{"builtin runs the builtin", `{ builtin head -n 1; cat; } < three`, "a\nb\nc\n"},
		{"enable -n", `enable -n head; type -t head; head -n 1 three; enable head; type -t head`, "file\na\nbuiltin\n"},
		{"path", `printf 'a\nb\n' | { /usr/bin/head -n 1; cat; }`, "a\n"},
		{"builtin keeps the rest of a pipe", `printf 'a\nb\n' | { head -n 1; cat; }`, "a\nb\n"},
		{"no external head", `PATH=/nonexistent; head --help three; echo "st=$?"; head -y; echo "st=$?"`, "st=1\nst=1\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, _, _ := runInProcess(t, tc.src, Dir(dir))
			assert.Equal(t, tc.want, out)
		})
	}
	_, errOut, _ := runInProcess(t, `PATH=/nonexistent; head --help; head -y`, Dir(dir))
	assert.Equal(t, "head: option '--help' needs the external head, which is not in PATH\n"+
		"head: invalid option -- 'y'\nTry 'head --help' for more information.\n", errOut)
}

// TestHeadChannelKeepsReadAhead checks that head on channels tcpsh opened
// consumes exactly what it prints, also through the channel's buffer
// (read and head share it).
func TestHeadChannelKeepsReadAhead(t *testing.T) {
	dir := headData(t)
	cases := []struct{ name, src, want string }{
		{"pipe lines", `printf '1\n2\n3\n4\n' | { head -n 1; read -r x; echo "r=$x"; head -n 1; cat; }`, "1\nr=2\n3\n4\n"},
		{"pipe bytes", `printf 'abcdef' | { head -c 2; echo; head -c 3; echo; cat; echo; }`, "ab\ncde\nf\n"},
		{"after read", `exec 3< big; read -r a <&3; head -n 2 <&3; head -c 3 <&3; echo; exec 3<&-`, "xx\nxxx\nxxx\n"},
		{"elide on a pipe", `printf '1\n2\n3\n' | head -n -1`, "1\n2\n"},
		{"nul lines", `printf 'a\0b\0c' | { head -z -n 1 | od -c | head -n 1; cat | od -c | head -n 1; }`, "0000000   a  \\0\n0000000   b  \\0   c\n"},
		{"external after builtin", `{ head -n 2 >/dev/null; /bin/cat | head -c 5; echo; } < big`, "xxx\nx\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, _ := runInProcess(t, tc.src, Dir(dir))
			assert.Equal(t, tc.want, out)
			assert.Empty(t, errOut)
		})
	}
}

// TestHeadNoLeaks runs head on sockets, pipes and files (operands,
// errors, interrupted and zero-copy copies) and checks that OS fds and
// goroutines return to where they were.
func TestHeadNoLeaks(t *testing.T) {
	dir := headData(t)
	banner := sockServer(t, func(c net.Conn) { io.WriteString(c, strings.Repeat("banner line\n", 5000)) })
	scripts := []struct{ name, src string }{
		{"socket lines and bytes", `exec 3</dev/tcp/127.0.0.1/$B; head -n 1 <&3; head -c 100 <&3; head -n -2 <&3; exec 3<&-`},
		{"socket operand", `head -c 5 /dev/tcp/127.0.0.1/$B; head -n 2 /dev/tcp/127.0.0.1/$B`},
		{"files and errors", `head big three nofile adir; head -c -5 big; head -n -3 bigfew; head -c 3 /dev/zero`},
		{"pipes", `printf 'a\nb\n' | { head -n 1; cat; }; head -c 100000 /dev/zero | head -c 10; seq 1 1000 | head -n -1`},
	}
	for _, sc := range scripts {
		t.Run(sc.name, func(t *testing.T) {
			opt := goleak.IgnoreCurrent()
			before := osFDCount(t)
			s := newSession(t, Dir(dir), Env([]string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C", "B=" + banner}))
			s.r.RunString(context.Background(), sc.src)
			s.done()
			deadline := time.Now().Add(3 * time.Second)
			for osFDCount(t) != before && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			assert.Equal(t, before, osFDCount(t), "OS fds:\n%s", listFDs())
			goleak.VerifyNone(t, opt)
		})
	}
}

// TestHeadInterrupted checks that a head waiting on a silent socket or
// pipe stops when its context is cancelled, with bash's status 130.
func TestHeadInterrupted(t *testing.T) {
	silentPort := sockServer(t, silent)
	for _, src := range []string{
		`exec 3<>/dev/tcp/127.0.0.1/$S; head -n 1 <&3`,
		`exec 3<>/dev/tcp/127.0.0.1/$S; head -c 10 <&3`,
		`exec 3<>/dev/tcp/127.0.0.1/$S; head -n -1 <&3`,
	} {
		t.Run(src, func(t *testing.T) {
			s := newSession(t, Env([]string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C", "S=" + silentPort}))
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			start := time.Now()
			st := s.r.RunString(ctx, src)
			assert.Less(t, time.Since(start), 5*time.Second)
			assert.Equal(t, 130, st)
		})
	}
}
