package shell

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// testPanicBuiltin is a builtin that exists only in the test binary: it
// panics, standing for any bug in a builtin.
const testPanicBuiltin = "__tcpsh_test_panic"

func init() {
	registerBuiltin(testPanicBuiltin, func(ctx context.Context, c *Call) int {
		var m map[string]int
		//lint:ignore SA5000 the runtime error is the point: it stands for a bug in a builtin
		m["boom"]++
		return 0
	}, testPanicBuiltin, "Panics (test builds only).")
}

// A panic inside a builtin is reported as an internal error naming the
// builtin, gives status 2, and the shell goes on, wherever the builtin
// runs.
func TestBuiltinPanicIsInternalError(t *testing.T) {
	msg := "tcpsh: line 1: " + testPanicBuiltin + ": internal error: assignment to entry in nil map\n"
	cases := []struct {
		name, src, out, err string
	}{
		{"simple command", testPanicBuiltin + `; echo "st=$?"; echo next`, "st=2\nnext\n", msg},
		{"pipeline element", testPanicBuiltin + ` | cat; echo "ps=${PIPESTATUS[*]}"`, "ps=2 0\n", msg},
		{"command substitution", `x=$(` + testPanicBuiltin + `); echo "st=$?"`, "st=2\n", msg},
		{"background job", testPanicBuiltin + ` & wait $!; echo "st=$?"`, "st=2\n", msg},
		{"function and redirection", `f() { ` + testPanicBuiltin + ` >out; }; f; echo "st=$?"`, "st=2\n",
			"environment" + strings.TrimPrefix(msg, "tcpsh")}, // bash's name for a -c function's errors
		{"set -e still applies", `set -e; ` + testPanicBuiltin + `; echo not reached`, "", msg},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, _ := runInProcess(t, tc.src)
			assert.Equal(t, tc.out, out)
			assert.Equal(t, tc.err, errOut)
		})
	}
}

// In the interactive loop (the REPL's engine) the prompt comes back after
// a builtin's panic and later commands run.
func TestBuiltinPanicREPLGoesOn(t *testing.T) {
	s := newSession(t, Interactive(true))
	lines := []string{testPanicBuiltin + "\n", "echo \"after $?\"\n"}
	st := s.r.RunInteractive(context.Background, func(prompt string) (string, error) {
		if len(lines) == 0 {
			return "", io.EOF
		}
		l := lines[0]
		lines = lines[1:]
		return l, nil
	})
	s.done()
	assert.Equal(t, 0, st)
	assert.Equal(t, "after 2\n", s.stdout.String())
	assert.Contains(t, s.stderr.String(), "tcpsh: "+testPanicBuiltin+": internal error: assignment to entry in nil map\n")
}
