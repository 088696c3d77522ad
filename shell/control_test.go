package shell

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// controlCases cover options, traps, jobs, the call stack, the directory
// stack and function printing; each is checked against bash -c as well.
// stderr is compared too, so the cases avoid pids and timings.
var controlCases = []struct {
	name, src, stdout, stderr string
	status                    int
}{
	{name: "shopt -p lists", src: `shopt -s nullglob; shopt -p nullglob dotglob`, stdout: "shopt -s nullglob\nshopt -u dotglob\n", status: 1},
	{name: "shopt -o prints, sets nothing", src: `shopt -o errexit; shopt -po nounset; echo $-`, stdout: "errexit        \toff\nset +o nounset\nhBc\n"},
	{name: "shopt -so", src: `shopt -so pipefail; set -o | grep pipefail`, stdout: "pipefail       \ton\n"},
	{name: "shopt bad name", src: `shopt -s nosuch; echo $?`, stdout: "1\n", stderr: "bash: line 1: shopt: nosuch: invalid shell option name\n"},
	{name: "set -o recorded option", src: `set -o posix; shopt -qo posix && echo on; set +o posix; shopt -qo posix || echo off`, stdout: "on\noff\n"},
	{name: "DEBUG trap", src: "n=0; trap 'n=$((n+1))' DEBUG; :; :; trap - DEBUG; echo $n", stdout: "3\n"},
	{name: "RETURN trap needs set -T in functions", src: `f() { :; }; trap 'echo ret' RETURN; f; set -T; f`, stdout: "ret\n"},
	{name: "ERR trap not in functions", src: `trap 'echo err $?' ERR; f() { false; echo in; }; f; (exit 3)`, stdout: "in\nerr 3\n", status: 3},
	{name: "ERR trap with set -E", src: `set -E; trap 'echo err' ERR; f() { false; }; f`, stdout: "err\nerr\n", status: 1},
	{name: "signal trap restores status", src: `trap 'false' USR1; kill -USR1 $$; echo $?`, stdout: "0\n"},
	{name: "PIPESTATUS of a simple command", src: `true | false; (exit 5); echo ${PIPESTATUS[@]}`, stdout: "5\n"},
	{name: "PIPESTATUS kept by compound", src: `false | true; if true; then :; fi; echo ${PIPESTATUS[@]}`, stdout: "0\n"},
	{name: "lastpipe", src: `shopt -s lastpipe; echo hi | read v; echo $v`, stdout: "hi\n"},
	{name: "else sees condition status", src: `if (exit 7); then :; else echo $?; fi`, stdout: "7\n"},
	{name: "prefix assignment temporary for special builtins", src: `v=1; v=2 :; echo $v`, stdout: "1\n"},
	{name: "assignment before redirection", src: `x=$(echo in) >/dev/null; echo $x`, stdout: "in\n"},
	{name: "wait -n", src: `(exit 3) & wait -n; echo $?; wait -n; echo $?`, stdout: "3\n127\n"},
	{name: "wait twice", src: `(exit 5) & p=$!; wait $p; wait $p; echo $?`, stdout: "5\n"},
	{name: "kill a builtin job", src: `sleep 5 & kill $!; wait $!; echo $?`, stdout: "143\n"},
	{name: "background ignores SIGINT", src: `sh -c 'kill -INT $$' & wait $!; echo $?`, stdout: "0\n"},
	{name: "foreground SIGINT is silent", src: `sh -c 'kill -INT $$'; echo $?`, stdout: "130\n"},
	{name: "foreground SIGTERM", src: `sh -c 'kill -TERM $$'; echo $?`, stdout: "143\n", stderr: "Terminated\n"},
	{name: "exec not found", src: `exec nosuch_prog_x; echo no`, stderr: "bash: line 1: exec: nosuch_prog_x: not found\n", status: 127},
	{name: "return outside function", src: `return; echo $?`, stdout: "2\n", stderr: "bash: line 1: return: can only `return' from a function or sourced script\n"},
	{name: "set -u positional", src: `set -u; f() { echo $1; }; f`, stderr: "environment: line 1: $1: unbound variable\n", status: 127},
	{name: "inherit_errexit", src: `set -e; x=$(false; echo a); echo $x; shopt -s inherit_errexit; y=$(false; echo b) || echo failed`, stdout: "a\n"},
	{name: "eval syntax error", src: `eval 'echo )'; echo $?`, stdout: "2\n", stderr: "bash: eval: line 1: syntax error near unexpected token `)'\nbash: eval: line 1: `echo )'\n"},
	{name: "caller", src: `f() { caller 0; caller 1 || echo none; }; g() { f; }; g`, stdout: "1 g environment\nnone\n"},
	{name: "caller at top of -c", src: `caller; echo $?`, stdout: "1\n"},
	{name: "FUNCNAME and BASH_LINENO", src: "f() {\n echo ${FUNCNAME[@]} ${BASH_LINENO[@]}\n}\n\nf", stdout: "f 5\n"},
	{name: "pushd popd dirs", src: `cd /; pushd /usr >/dev/null; pushd /etc; dirs -v; popd +1; popd; popd; echo $?`,
		stdout: "/etc /usr /\n 0  /etc\n 1  /usr\n 2  /\n/etc /\n/\n1\n", stderr: "bash: line 1: popd: directory stack empty\n"},
	{name: "pushd rotates", src: `cd /; pushd -n /usr >/dev/null; pushd -n /etc >/dev/null; pushd +1; echo ${DIRSTACK[0]}`, stdout: "/etc /usr /\n/etc\n"},
	{name: "compgen", src: `b() { :; }; a() { :; }; compgen -A function; compgen -W 'x1 y x2' x`, stdout: "a\nb\nx1\nx2\n"},
	{name: "declare -F name", src: `f() { :; }; declare -F f; declare -F`, stdout: "f\ndeclare -f f\n"},
	{name: "declare -f layout", src: "f() {\n  if a; then b; elif c; then :; fi\n  for i in 1 \"2 3\"; do echo $i & done\n  case $x in a|b) ;; *) echo x;; esac\n  (cd /; ls) >/dev/null 2>&1\n  while read -r l; do echo \"$l\"; done < f\n}\ndeclare -f f",
		stdout: "f () \n{ \n    if a; then\n        b;\n    else\n        if c; then\n            :;\n        fi;\n    fi;\n    for i in 1 \"2 3\";\n    do\n        echo $i &\n    done;\n    case $x in \n        a | b)\n\n        ;;\n        *)\n            echo x\n        ;;\n    esac;\n    ( cd /;\n    ls ) > /dev/null 2>&1;\n    while read -r l; do\n        echo \"$l\";\n    done < f\n}\n"},
	{name: "type shows function", src: `f() { echo $((1+2)) >&2; }; type f`, stdout: "f is a function\nf () \n{ \n    echo $((1+2)) 1>&2\n}\n"},
	{name: "xtrace", src: "set -x; x=5 y='a b'; [[ $x == 5 && -n $y ]]; ((  x + 1 )); for i in 1; do :; done; case $x in 5) ;; esac; a=(1 \"2 3\")",
		stderr: "+ x=5\n+ y='a b'\n+ [[ 5 == 5 ]]\n+ [[ -n a b ]]\n+ ((   x + 1  ))\n+ for i in 1\n+ :\n+ case $x in\n+ a=(1 \"2 3\")\n"},
	{name: "xtrace PS4 levels", src: "PS4='+$LINENO: '; set -x\necho $(echo a)\neval 'echo b'", stdout: "a\nb\n", stderr: "++2: echo a\n+2: echo a\n+3: eval 'echo b'\n++3: echo b\n"},
	{name: "set -v", src: "set -v\necho a\nset +v\necho b", stdout: "a\nb\n", stderr: "echo a\nset +v\n"},
	{name: "set -n", src: "set -n\necho never\nexit 3", status: 0},
	{name: "TIMEFORMAT", src: `TIMEFORMAT='took'; time true; TIMEFORMAT=; time true`, stderr: "took\n"},
	{name: "coproc", src: `coproc { read -r l; echo "got $l"; }; echo hi >&${COPROC[1]}; read -r r <&${COPROC[0]}; echo $r; wait $COPROC_PID`, stdout: "got hi\n"},
}

func TestControl(t *testing.T) {
	for _, tc := range controlCases {
		t.Run(tc.name, func(t *testing.T) {
			// $0 and the error prefix as `bash -c` has them.
			stdout, stderr, status := runInProcess(t, tc.src, Params("bash"), ErrorName("bash", true))
			assert.Equal(t, tc.stdout, stdout)
			assert.Equal(t, tc.stderr, stderr)
			assert.Equal(t, tc.status, status)
		})
	}
}

// TestControlCasesMatchBash checks the table against bash itself.
func TestControlCasesMatchBash(t *testing.T) {
	for _, tc := range controlCases {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, status := runBash(t, tc.src)
			assert.Equal(t, tc.stdout, stdout)
			assert.Equal(t, tc.stderr, stderr)
			assert.Equal(t, tc.status, status)
		})
	}
}

func TestFormatTimes(t *testing.T) {
	cases := []struct {
		name, format, want, bad string
	}{
		{"default", defaultTimeFormat, "\nreal\t1m2.500s\nuser\t0m0.250s\nsys\t0m0.000s", ""},
		{"posix", posixTimeFormat, "real 62.50\nuser 0.25\nsys 0.00", ""},
		{"precision", "%0R %1U %lS", "62 0.2 0m0.000s", ""},
		{"percent", "%P%%", "0.40%", ""},
		{"bad", "%R %x", "62.500 ", "x"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, bad := formatTimes(tc.format, 62500*time.Millisecond, 250*time.Millisecond, 0)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.bad, bad)
		})
	}
}
