package shell

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestEveryBuiltinHasHelp keeps the help table and the registry in step.
func TestEveryBuiltinHasHelp(t *testing.T) {
	var missing, extra []string
	for name := range builtins {
		if _, ok := builtinHelp[name]; !ok {
			missing = append(missing, name)
		}
	}
	for name := range builtinHelp {
		if _, ok := builtins[name]; !ok {
			extra = append(extra, name)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	assert.Empty(t, missing, "builtins without help")
	assert.Empty(t, extra, "help for no builtin")
}

func TestHelp(t *testing.T) {
	out, errOut, status := runInProcess(t, `help -s echo; help 'pus*'; help nosuch`)
	assert.Equal(t, "echo: echo [-neE] [arg ...]\npushd: pushd [-n] [+N | -N | dir]\n"+
		"    Push a directory onto the directory stack and change to it, or rotate\n    the stack.\n", out)
	assert.Equal(t, "tcpsh: line 1: help: no help topics match `nosuch'.  Try `help help' or `man -k nosuch' or `info nosuch'.\n", errOut)
	assert.Equal(t, 1, status)
}

func TestWrapText(t *testing.T) {
	assert.Equal(t, "aa bb\n  cc", wrapText("aa bb cc", 5, "  "))
	assert.Equal(t, "word", wrapText("word", 2, ""))
}
