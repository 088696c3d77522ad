package shell

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestBuiltinOptions checks the builtins that read their options with
// builtinOpts: bash's messages for an unknown option or a missing
// argument, "--", "-" as an operand, grouped letters and arguments in the
// same or the next word. Each case runs under bash and in-process, where
// "tcpsh:" in messages reads as "bash:".
func TestBuiltinOptions(t *testing.T) {
	usage := func(name, u string) string { return name + ": usage: " + u + "\n" }
	cases := []struct {
		name, src, stdout, stderr string
		status                    int
	}{
		{"type invalid", `type -z ls`, "", "bash: line 1: type: -z: invalid option\n" + usage("type", "type [-afptP] name [name ...]"), 2},
		{"type grouped", `type -tf true`, "builtin\n", "", 0},
		{"type double dash", `type -t -- true`, "builtin\n", "", 0},
		{"enable invalid", `enable -nz echo`, "", "bash: line 1: enable: -z: invalid option\n" + usage("enable", "enable [-a] [-dnps] [-f filename] [name ...]"), 2},
		{"enable -f without argument", `enable -f`, "", "bash: line 1: enable: -f: option requires an argument\n" + usage("enable", "enable [-a] [-dnps] [-f filename] [name ...]"), 2},
		{"enable -n", `enable -n echo; enable -n; enable echo; enable -n; echo done`, "enable -n echo\ndone\n", "", 0},
		{"exec invalid", `exec -z true`, "", "bash: line 1: exec: -z: invalid option\n" + usage("exec", "exec [-cl] [-a name] [command [argument ...]] [redirection ...]"), 2},
		{"exec -a separate word", `exec -a foo sh -c 'echo "$0"'`, "foo\n", "", 0},
		{"exec -a same word", `exec -afoo sh -c 'echo "$0"'`, "foo\n", "", 0},
		{"exec -l", `exec -l sh -c 'echo "$0"'`, "-sh\n", "", 0},
		{"exec -la", `exec -la foo sh -c 'echo "$0"'`, "-foo\n", "", 0},
		{"exec -c", `export X=1; exec -c sh -c 'echo "[${X-unset}]"'`, "[unset]\n", "", 0},
		{"exec double dash", `exec -- echo hi`, "hi\n", "", 0},
		{"exec -a without argument", `exec -a`, "", "bash: line 1: exec: -a: option requires an argument\n" + usage("exec", "exec [-cl] [-a name] [command [argument ...]] [redirection ...]"), 2},
		{"cd invalid", `cd -z /`, "", "bash: line 1: cd: -z: invalid option\n" + usage("cd", "cd [-L|[-P [-e]] [-@]] [dir]"), 2},
		{"cd last of L and P", `cd -PL / && pwd`, "/\n", "", 0},
		{"command invalid", `command -z ls`, "", "bash: line 1: command: -z: invalid option\n" + usage("command", "command [-pVv] command [arg ...]"), 2},
		{"command -pv", `command -pv true`, "true\n", "", 0},
		{"wait invalid", `wait -z`, "", "bash: line 1: wait: -z: invalid option\n" + usage("wait", "wait [-fn] [-p var] [id ...]"), 2},
		{"wait -p without argument", `wait -p`, "", "bash: line 1: wait: -p: option requires an argument\n" + usage("wait", "wait [-fn] [-p var] [id ...]"), 2},
		{"wait -p same word", `sleep 0 & wait -pv $!; [ "$v" = $! ] && echo same`, "same\n", "", 0},
		{"ulimit invalid", `ulimit -z`, "", "bash: line 1: ulimit: -z: invalid option\n" + usage("ulimit", "ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]"), 2},
		{"unset invalid", `unset -z x`, "", "bash: line 1: unset: -z: invalid option\n" + usage("unset", "unset [-f] [-v] [-n] [name ...]"), 2},
		{"unset -f and -v", `unset -fv x`, "", "bash: line 1: unset: cannot simultaneously unset a function and a variable\n", 1},
		{"unset -f then -v", `unset -f -v x`, "", "bash: line 1: unset: cannot simultaneously unset a function and a variable\n", 1},
		{"unset -v", `x=1; f() { :; }; unset -v x f; echo "${x-unset}"; type -t f`, "unset\nfunction\n", "", 0},
		{"pwd invalid", `pwd -z`, "", "bash: line 1: pwd: -z: invalid option\n" + usage("pwd", "pwd [-LP]"), 2},
		{"pwd last of L and P", `cd / && pwd -PL && pwd -LP`, "/\n/\n", "", 0},
		{"alias invalid", `alias -z`, "", "bash: line 1: alias: -z: invalid option\n" + usage("alias", "alias [-p] [name[=value] ... ]"), 2},
		{"alias -p lists all, then the operands", `alias a=b c=d; alias -p e=f a; echo --; alias -p --`, "alias a='b'\nalias c='d'\nalias a='b'\n--\nalias a='b'\nalias c='d'\nalias e='f'\n", "", 0},
		{"unalias invalid", `unalias -z`, "", "bash: line 1: unalias: -z: invalid option\n" + usage("unalias", "unalias [-a] name [name ...]"), 2},
		{"unalias no operand", `unalias`, "", usage("unalias", "unalias [-a] name [name ...]"), 2},
		{"unalias -a ignores operands", `alias a=b; unalias -a x; echo "$?"; alias`, "0\n", "", 0},
		{"unalias double dash", `alias a=b; unalias -- a; alias`, "", "", 0},
		{"jobs invalid", `jobs -z`, "", "bash: line 1: jobs: -z: invalid option\n" + usage("jobs", "jobs [-lnprs] [jobspec ...] or jobs -x command [args]"), 2},
		{"kill usage", `kill`, "", usage("kill", "kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]"), 2},
		{"kill -s without argument", `kill -s`, "", "bash: line 1: kill: -s: option requires an argument\n", 1},
		{"source usage", `source`, "", "bash: line 1: source: filename argument required\n" + usage("source", "source filename [arguments]"), 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, status := runInProcess(t, tc.src)
			assert.Equal(t, tc.stdout, stdout)
			assert.Equal(t, tc.stderr, strings.ReplaceAll(stderr, "tcpsh:", "bash:"))
			assert.Equal(t, tc.status, status)
			stdout, stderr, status = runBash(t, tc.src)
			assert.Equal(t, tc.stdout, stdout, "bash")
			assert.Equal(t, tc.stderr, stderr, "bash")
			assert.Equal(t, tc.status, status, "bash")
		})
	}
}
