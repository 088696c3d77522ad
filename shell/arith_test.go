package shell

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"mvdan.cc/sh/v3/expand"
)

// newTestRunner returns a Runner with a clean environment, for calling
// internals directly.
func newTestRunner(t *testing.T) *Runner {
	t.Helper()
	r, err := New(Stdio(os.Stdin, os.Stdout, os.Stderr), Dir(t.TempDir()), Env([]string{"LC_ALL=C"}))
	require.NoError(t, err)
	t.Cleanup(r.Close)
	return r
}

func TestEvalArith(t *testing.T) {
	cases := []struct {
		name, expr string
		want       int
		err        string // bash's message, "" for success
	}{
		{"empty", "  ", 0, ""},
		{"precedence", "2 + 3 * 4", 14, ""},
		{"power right assoc", "3 ** 3 ** 2", 19683, ""},
		{"unary minus binds tighter than power", "-2 ** 2", 4, ""},
		{"negative modulo", "-8 % 3", -2, ""},
		{"shift count wraps", "1 << 64", 1, ""},
		{"overflow wraps", "9223372036854775807 + 1", -9223372036854775808, ""},
		{"min div minus one", "-9223372036854775807 - 1 / -1", -9223372036854775807 + 1, ""},
		{"big constant wraps", "18446744073709551615", -1, ""},
		{"hex octal base", "0x1f + 010 + 2#101 + 64#_", 31 + 8 + 5 + 63, ""},
		{"ternary", "0 ? 1 : 2", 2, ""},
		{"short circuit skips division", "0 && 1 / 0", 0, ""},
		{"comma", "1, 2, 3", 3, ""},
		{"variables recurse", "y + 1", 10, ""},
		{"assignment ops", "z = 5, z *= 2, z <<= 1, z", 20, ""},
		{"post and pre increment", "n = 1, n++ + ++n", 4, ""},
		{"array element", "a[1] + a[2]", 50, ""},
		{"division by zero", "5 / x ", 0, `5 / x : division by 0 (error token is "x ")`},
		{"operand expected", "1 + ", 0, `1 + : syntax error: operand expected (error token is "+ ")`},
		{"operand expected mid", "2 +* 3 ", 0, `2 +* 3 : syntax error: operand expected (error token is "* 3 ")`},
		{"value too great", "1 + 08 + 1", 0, `1 + 08: value too great for base (error token is "08")`},
		{"invalid base", "65#1", 0, `65#1: invalid arithmetic base (error token is "65#1")`},
		{"negative exponent", "2 ** -1 ", 0, `2 ** -1 : exponent less than 0 (error token is "1 ")`},
		{"assign to constant", "5 = 3 ", 0, `5 = 3 : attempted assignment to non-variable (error token is "= 3 ")`},
		{"missing colon", "1 ? 2 ", 0, "1 ? 2 : `:' expected for conditional expression (error token is \"2 \")"},
		{"trailing garbage", "1 2 ", 0, `1 2 : syntax error in expression (error token is "2 ")`},
		{"error in variable value", "3 + v", 0, `1 + : syntax error: operand expected (error token is "+ ")`},
	}
	r := newTestRunner(t)
	require.NoError(t, r.setString("x", "0"))
	require.NoError(t, r.setString("y", "x*x + 9"))
	require.NoError(t, r.setString("v", "1 + "))
	require.NoError(t, r.setVar("a", strListVar("10", "20", "30")))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := r.evalArith(c.expr)
			if c.err != "" {
				require.Error(t, err)
				assert.Equal(t, c.err, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

// TestArithStatements checks bash's rules that an arithmetic error in
// (( )) or let fails that command with status 1 while the script goes on,
// that one in an expansion abandons the rest of the line, and the wording
// with the command name.
func TestArithStatements(t *testing.T) {
	cases := []struct {
		name, src, out, errOut string
		status                 int
	}{
		{"expansion error abandons the line", "echo $(( 1 / 0 )); echo \"st $?\"\necho \"next $?\"", "next 1\n",
			"tcpsh: line 1: 1 / 0 : division by 0 (error token is \"0 \")\n", 0},
		{"arith command names itself", "(( 5 % 0 )); echo \"st $?\"", "st 1\n",
			"tcpsh: line 1: ((: 5 % 0 : division by 0 (error token is \"0 \")\n", 0},
		{"let names itself", "let 'x = 1 +'; echo \"st $?\"", "st 1\n",
			"tcpsh: line 1: let: x = 1 +: syntax error: operand expected (error token is \"+\")\n", 0},
		{"declare -i evaluates", "declare -i n; n=2+3; n+=1; echo $n", "6\n", "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, status := runInProcess(t, c.src)
			assert.Equal(t, c.out, out)
			assert.Equal(t, c.errOut, errOut)
			assert.Equal(t, c.status, status)
		})
	}
}

func strListVar(elems ...string) expand.Variable {
	return expand.Variable{Set: true, Kind: expand.Indexed, List: elems}
}
