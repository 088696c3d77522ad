package shell

import (
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runInProcess runs src with `tcpsh -c` semantics inside the test process
// and returns stdout, stderr and the status.
func runInProcess(t *testing.T, src string) (string, string, int) {
	t.Helper()
	inR, inW, err := os.Pipe()
	require.NoError(t, err)
	inW.Close()
	outR, outW, err := os.Pipe()
	require.NoError(t, err)
	errR, errW, err := os.Pipe()
	require.NoError(t, err)
	var wg sync.WaitGroup
	var stdout, stderr []byte
	wg.Add(2)
	go func() { defer wg.Done(); stdout, _ = io.ReadAll(outR) }()
	go func() { defer wg.Done(); stderr, _ = io.ReadAll(errR) }()

	r, err := New(Stdio(inR, outW, errW), Dir(t.TempDir()),
		Env([]string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C"}))
	require.NoError(t, err)
	status := r.RunString(context.Background(), src)
	if exited, code := r.Exited(); exited {
		status = code
	}
	r.Close()
	outW.Close()
	errW.Close()
	wg.Wait()
	inR.Close()
	outR.Close()
	errR.Close()
	return string(stdout), string(stderr), status
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
	bash, err := exec.LookPath("bash")
	require.NoError(t, err, "bash is needed to check the interpreter table")
	for _, tc := range interpCases {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(bash, "-c", tc.src)
			cmd.Dir = t.TempDir()
			cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C"}
			out, _ := cmd.Output()
			assert.Equal(t, tc.want, string(out))
			assert.Equal(t, tc.status, cmd.ProcessState.ExitCode())
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
	assert.Equal(t, ";;", tokenAt("x ;; y", 2))
	assert.Equal(t, "newline", tokenAt("echo", 10))
	assert.Equal(t, "done", tokenAt("  done", 0))
	assert.Equal(t, "newline", tokenAfter("echo <", 5))
	assert.True(t, strings.HasPrefix(tokenAt("&& x", 0), "&&"))
}

// TestSetOptionBeforeRun covers options given on the command line (-e,
// -o pipefail), which are applied while New builds the Runner.
func TestSetOptionBeforeRun(t *testing.T) {
	devnull, err := os.Open(os.DevNull)
	require.NoError(t, err)
	defer devnull.Close()
	outR, outW, err := os.Pipe()
	require.NoError(t, err)
	r, err := New(Stdio(devnull, outW, outW), Dir(t.TempDir()), Env([]string{"PATH=" + os.Getenv("PATH")}),
		SetOption("errexit", true), SetOption("pipefail", true))
	require.NoError(t, err)
	status := r.RunString(context.Background(), "false | true; echo not reached")
	r.Close()
	outW.Close()
	out, _ := io.ReadAll(outR)
	outR.Close()
	assert.Equal(t, 1, status)
	assert.Equal(t, "", string(out))
}
