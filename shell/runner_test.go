package shell

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testSession is a Runner run in-process (so that `go test -race` covers
// the interpreter's goroutines): stdin is /dev/null, stdout and stderr are
// pipes drained into buffers, which are complete once done has returned.
type testSession struct {
	r              *Runner
	stdout, stderr strings.Builder
	// done closes the session and its stdio and waits for the output;
	// it is also a cleanup of the test, and runs once.
	done func()
}

// newSession starts a session in a fresh directory whose environment is
// the test's PATH and LC_ALL=C. opts come after these defaults: Dir
// replaces the directory, Env adds to the environment (a name given again
// wins).
func newSession(t *testing.T, opts ...Option) *testSession {
	t.Helper()
	null, err := os.Open(os.DevNull)
	require.NoError(t, err)
	or, ow, err := os.Pipe()
	require.NoError(t, err)
	er, ew, err := os.Pipe()
	require.NoError(t, err)
	stdio := []*os.File{null, ow, ew}
	closeAll := func(fs ...*os.File) {
		for _, f := range fs {
			f.Close() // a second Close of a file the Runner released is harmless
		}
	}
	defaults := []Option{Stdio(null, ow, ew), Dir(t.TempDir()), Env([]string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C"})}
	r, err := New(append(defaults, opts...)...)
	if err != nil {
		closeAll(append(stdio, or, er)...)
		require.NoError(t, err)
	}
	s := &testSession{r: r}
	var wg sync.WaitGroup
	drain := func(dst *strings.Builder, src *os.File) {
		defer wg.Done()
		io.Copy(dst, src)
		src.Close()
	}
	wg.Add(2)
	go drain(&s.stdout, or)
	go drain(&s.stderr, er)
	s.done = sync.OnceFunc(func() {
		r.Close()
		closeAll(stdio...)
		wg.Wait()
	})
	t.Cleanup(s.done)
	return s
}

// runInProcess runs src with `tcpsh -c` semantics in a new session (see
// newSession for opts), bounded in time, and returns stdout, stderr and
// the status (the exit builtin's, if it ran).
func runInProcess(t *testing.T, src string, opts ...Option) (string, string, int) {
	t.Helper()
	s := newSession(t, opts...)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	status := s.r.RunString(ctx, src)
	if exited, code := s.r.Exited(); exited {
		status = code
	}
	s.done()
	return s.stdout.String(), s.stderr.String(), status
}

// runBash runs src under `bash -c` (argv[0] "bash") in a fresh directory
// with the environment newSession gives, bounded in time, and returns
// stdout, stderr and the status.
func runBash(t *testing.T, src string) (string, string, int) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	require.NoError(t, err, "bash is needed to check the tables against it")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bash, "-c", src)
	cmd.Args[0] = "bash"
	cmd.Dir = t.TempDir()
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C"}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run()
	require.NoError(t, ctx.Err(), "bash timed out")
	return stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()
}

// interpCases run in-process (so `go test -race` covers the interpreter's
// goroutines) and, where bash is installed, under `bash -c` too.
var interpCases = []struct {
	name, src, want string
	status          int
}{
	{"echo", `echo hi there`, "hi there\n", 0},
	{"vars and quoting", `x='a  b'; echo "$x" $x`, "a  b a b\n", 0},
	{"exit status", `false; echo $?; exit 3`, "1\n", 3},
	{"and or", `true && echo y || echo n; false && echo y || echo n`, "y\nn\n", 0},
	{"pipeline", `printf '%s\n' b a c | sort | head -n 2`, "a\nb\n", 0},
	{"pipestatus", `true | false | true; echo "${PIPESTATUS[@]}"`, "0 1 0\n", 0},
	{"builtin pipeline", `echo one | while read -r w; do echo "got $w"; done`, "got one\n", 0},
	{"if elif", `x=2; if [ $x = 1 ]; then echo one; elif [ $x = 2 ]; then echo two; else echo other; fi`, "two\n", 0},
	{"for", `for i in 1 2 3; do printf '%s,' $i; done; echo`, "1,2,3,\n", 0},
	{"c for", `for ((i=0; i<3; i++)); do printf '%d' $i; done; echo`, "012\n", 0},
	{"while break", `i=0; while :; do i=$((i+1)); [ $i -ge 4 ] && break; done; echo $i`, "4\n", 0},
	{"case", `case foo.txt in *.sh) echo sh;; *.txt) echo txt;; esac`, "txt\n", 0},
	{"function local", `f() { local x=in; echo $x; }; x=out; f; echo $x`, "in\nout\n", 0},
	{"recursion", `fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }; fact 5`, "120\n", 0},
	{"subshell isolation", `x=1; (x=2; echo $x); echo $x`, "2\n1\n", 0},
	{"cmd subst", `echo "[$(echo a; echo b)]"`, "[a\nb]\n", 0},
	{"here-doc", "cat <<EOF\nhello $((1+1))\nEOF", "hello 2\n", 0},
	{"here-string", `read -r a b <<< "x y z"; echo "$a|$b"`, "x|y z\n", 0},
	{"arrays", `a=(x y z); a+=(w); echo ${#a[@]} ${a[1]} "${a[@]: -1}"`, "4 y w\n", 0},
	{"assoc", `declare -A m; m[k]=v; echo ${m[k]} ${#m[@]}`, "v 1\n", 0},
	{"param ops", `s=hello.tar.gz; echo ${s%%.*} ${s#*.} ${s/l/L} ${#s}`, "hello tar.gz heLlo.tar.gz 12\n", 0},
	{"dbracket", `[[ abc == a* && ! -z x ]] && echo yes`, "yes\n", 0},
	{"regex", `[[ key=val =~ ^([a-z]+)=(.*)$ ]] && echo ${BASH_REMATCH[2]}`, "val\n", 0},
	{"redirect dup", `{ echo out; echo err >&2; } 2>&1 | cat`, "out\nerr\n", 0},
	{"exec fd", `exec 3>&1; echo via3 >&3; exec 3>&-`, "via3\n", 0},
	{"background wait", `sleep 0.01 & wait $!; echo $?`, "0\n", 0},
	{"set -e", `set -e; false; echo not reached`, "", 1},
	{"not found", `nosuchcommand_xyz`, "", 127},
	{"printf reuse", `printf '%s-%s\n' a b c`, "a-b\nc-\n", 0},
	{"process subst", `cat <(echo ps)`, "ps\n", 0},
}

func TestInterpreter(t *testing.T) {
	for _, tc := range interpCases {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, status := runInProcess(t, tc.src)
			assert.Equal(t, tc.want, stdout, "stderr: %s", stderr)
			assert.Equal(t, tc.status, status)
		})
	}
}

// TestInterpreterCasesMatchBash keeps the table honest: every case must
// give the same output and status under real bash.
func TestInterpreterCasesMatchBash(t *testing.T) {
	for _, tc := range interpCases {
		t.Run(tc.name, func(t *testing.T) {
			stdout, _, status := runBash(t, tc.src)
			assert.Equal(t, tc.want, stdout)
			assert.Equal(t, tc.status, status)
		})
	}
}

func TestSyntaxErrorTranslation(t *testing.T) {
	cases := []struct{ src, want string }{
		{"echo )", "tcpsh: -c: line 1: syntax error near unexpected token `)'\ntcpsh: -c: line 1: `echo )'\n"},
		{"fi", "tcpsh: -c: line 1: syntax error near unexpected token `fi'\ntcpsh: -c: line 1: `fi'\n"},
		{"echo \"abc", "tcpsh: -c: line 1: unexpected EOF while looking for matching `\"'\n"},
		{"if true; then", "tcpsh: -c: line 2: syntax error: unexpected end of file\n"},
		{"| x", "tcpsh: -c: line 1: syntax error near unexpected token `|'\ntcpsh: -c: line 1: `| x'\n"},
		{"echo <", "tcpsh: -c: line 1: syntax error near unexpected token `newline'\ntcpsh: -c: line 1: `echo <'\n"},
	}
	for _, tc := range cases {
		t.Run(tc.src, func(t *testing.T) {
			_, stderr, status := runInProcess(t, tc.src)
			assert.Equal(t, tc.want, stderr)
			assert.Equal(t, 2, status)
		})
	}
}

func TestTokenAt(t *testing.T) {
	cases := []struct {
		name, line string
		at         int
		after      bool // tokenAfter instead of tokenAt
		want       string
	}{
		{name: "operator", line: "x ;; y", at: 2, want: ";;"},
		{name: "two-character operator first", line: "&& x", at: 0, want: "&&"},
		{name: "past the end", line: "echo", at: 10, want: "newline"},
		{name: "blanks skipped", line: "  done", at: 0, want: "done"},
		{name: "nothing after", line: "echo <", at: 5, after: true, want: "newline"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tok := tokenAt
			if tc.after {
				tok = tokenAfter
			}
			assert.Equal(t, tc.want, tok(tc.line, tc.at))
		})
	}
}

// TestSetOptionBeforeRun covers options given on the command line (-e,
// -o pipefail), which are applied while New builds the Runner.
func TestSetOptionBeforeRun(t *testing.T) {
	stdout, stderr, status := runInProcess(t, "false | true; echo not reached",
		SetOption("errexit", true), SetOption("pipefail", true))
	assert.Equal(t, 1, status)
	assert.Equal(t, "", stdout)
	assert.Equal(t, "", stderr)
}
