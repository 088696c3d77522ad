// Package testexpr evaluates the expressions of bash 5.2's `test` and `[`
// builtins and provides the primitive unary and binary operators that the
// shell's `[[ ]]` compound command shares with them.
//
// Parsing follows bash exactly: the POSIX argument-count rules for up to
// four arguments and, beyond that, a recursive-descent parser over `!`,
// `-a`, `-o`, `(` and `)`. Error messages are worded as bash prints them,
// minus the "bash: line N: " prefix, and mean exit status 2.
package testexpr

import (
	"fmt"
	"io/fs"
)

// StatusError is the exit status of test when it reports an *Error.
const StatusError = 2

// Env gives the evaluator what it needs from the shell. Every field is
// optional; a nil function makes the operators that need it report false.
type Env struct {
	// Name is the command name used in error messages, "test" or "[".
	// Empty means "test". With "[", Test words a missing ")" at the end
	// of the arguments as bash does, "`)' expected, found ]".
	Name string
	// Getwd returns the shell's working directory; relative paths are
	// resolved against it (it need not be the process's directory).
	Getwd func() string
	// IsVarSet reports whether a shell variable (or array element such as
	// "a[1]") is set, for -v.
	IsVarSet func(name string) bool
	// IsNameref reports whether a variable is set and is a name reference,
	// for -R.
	IsNameref func(name string) bool
	// FDIsTerminal reports whether a descriptor of the shell's virtual fd
	// table is a terminal, for -t.
	FDIsTerminal func(fd int) bool
	// FDStat, if set, describes a descriptor of the shell's virtual fd
	// table; it should return an error when fd is not open. File operators
	// use it for the paths /dev/fd/N, /dev/stdin, /dev/stdout and
	// /dev/stderr, so they see the shell's descriptors rather than the
	// process's. When nil those paths are looked up in the file system.
	// -ef compares infos with os.SameFile, so they should come from
	// os.Stat or (*os.File).Stat.
	FDStat func(fd int) (fs.FileInfo, error)
	// UTF8 reports whether the shell's locale is UTF-8. String ordering
	// (< and >) is bytewise either way, which is what bash does for test
	// and what strcoll does in the C and C.UTF-8 locales.
	UTF8 bool
	// OptionSet reports whether a `set -o` option is on, for -o; it
	// should return false for unknown option names.
	OptionSet func(name string) bool
}

// Error is a syntax or operand error detected by test. Its exit status is
// StatusError.
type Error struct {
	Name string // command name, "test" or "["
	Msg  string // bash's message, e.g. "abc: integer expression expected"
}

// Error returns the message as bash prints it after its "bash: line N: "
// prefix, e.g. "test: too many arguments".
func (e *Error) Error() string { return e.Name + ": " + e.Msg }

func (env *Env) name() string {
	if env == nil || env.Name == "" {
		return "test"
	}
	return env.Name
}

func (env *Env) errorf(format string, a ...any) error {
	return &Error{Name: env.name(), Msg: fmt.Sprintf(format, a...)}
}

// Test evaluates the arguments of a test command (without the command name
// and, for `[`, without the closing "]"). A non-nil error is always an
// *Error and means exit status 2; otherwise ok is the command's truth.
func Test(env *Env, args []string) (ok bool, err error) {
	if env == nil {
		env = &Env{}
	}
	if len(args) == 0 {
		return false, nil
	}
	p := &parser{env: env, args: args}
	v, err := p.posix()
	if err != nil {
		return false, err
	}
	if p.pos != len(args) {
		if a := args[p.pos]; len(a) > 0 && a[0] == '-' {
			return false, env.errorf("syntax error: `%s' unexpected", a)
		}
		return false, env.errorf("too many arguments")
	}
	return v, nil
}

// Bracket evaluates the arguments of a `[` command: the last one must be
// "]", otherwise it reports "[: missing `]'" (env.Name defaults to "[" here).
func Bracket(env *Env, args []string) (bool, error) {
	e := Env{}
	if env != nil {
		e = *env
	}
	if e.Name == "" {
		e.Name = "["
	}
	env = &e
	if len(args) == 0 || args[len(args)-1] != "]" {
		return false, env.errorf("missing `]'")
	}
	return Test(env, args[:len(args)-1])
}
