package testexpr

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testEnv is an Env with a few variables, options and a terminal on fd 5.
func testEnv(name string) *Env {
	return &Env{
		Name:         name,
		IsVarSet:     func(v string) bool { return v == "setvar" || v == "emptyvar" || v == "ref" },
		IsNameref:    func(v string) bool { return v == "ref" },
		FDIsTerminal: func(fd int) bool { return fd == 5 },
		OptionSet:    func(o string) bool { return o == "noglob" },
	}
}

func TestTestTable(t *testing.T) {
	cases := []struct {
		name string
		args string // split on spaces; "''" is an empty argument
		want bool
		err  string
	}{
		{"no args", "", false, ""},
		{"one nonempty", "x", true, ""},
		{"one empty", "''", false, ""},
		{"one op", "-n", true, ""},
		{"bang alone", "!", true, ""},
		{"two bang empty", "! ''", true, ""},
		{"two bang x", "! x", false, ""},
		{"two -n", "-n x", true, ""},
		{"two -z", "-z ''", true, ""},
		{"two bad op", "-q x", false, "test: -q: unary operator expected"},
		{"two not op", "x y", false, "test: x: unary operator expected"},
		{"two long op", "-nt x", false, "test: -nt: unary operator expected"},
		{"two dash", "- x", false, "test: -: unary operator expected"},
		{"two -t nonnum", "-t x", false, ""},
		{"two -t 5", "-t 5", true, ""},
		{"two -t 0", "-t 0", false, ""},
		{"two -v set", "-v setvar", true, ""},
		{"two -v unset", "-v nosuch", false, ""},
		{"two -R", "-R ref", true, ""},
		{"two -R plain", "-R setvar", false, ""},
		{"two -o on", "-o noglob", true, ""},
		{"two -o off", "-o errexit", false, ""},
		{"three eq", "a = a", true, ""},
		{"three ==", "a == b", false, ""},
		{"three !=", "a != b", true, ""},
		{"three <", "a < b", true, ""},
		{"three >", "a > b", false, ""},
		{"three -eq", "1 -eq 01", true, ""},
		{"three -lt neg", "-5 -lt 3", true, ""},
		{"three -ge", "3 -ge 3", true, ""},
		{"three bad int", "abc -eq 1", false, "test: abc: integer expression expected"},
		{"three bad int right", "1 -eq 0x1", false, "test: 0x1: integer expression expected"},
		{"three empty int", "'' -eq 0", false, "test: : integer expression expected"},
		{"three -a", "x -a ''", false, ""},
		{"three -o", "x -o ''", true, ""},
		{"three bang", "! -z x", true, ""},
		{"three bang bang", "! ! x", true, ""},
		{"three parens", "( x )", true, ""},
		{"three paren prefix", "(x '' )y", false, ""},
		{"three binop wins", "( = )", false, ""},
		{"three bad", "x y z", false, "test: y: binary operator expected"},
		{"three pattern op", "a =~ a", false, "test: =~: binary operator expected"},
		{"four bang", "! a = b", true, ""},
		{"four parens", "( -n x )", true, ""},
		{"four parens bad", "( ( ) )", false, "test: (: unary operator expected"},
		{"four expr", "x -a y z", false, "test: too many arguments"},
		{"four syntax", "x -a y -x", false, "test: syntax error: `-x' unexpected"},
		{"four bang three", "! a b c", false, "test: b: binary operator expected"},
		{"four -t nonnum", "-t abc -a x", false, "test: too many arguments"},
		{"five too many", "a b c d e", false, "test: too many arguments"},
		{"five and or", "a -o b -a ''", true, ""},
		{"five parens", "( a = a )", true, ""},
		{"paren unclosed", "( a -a b", false, "test: `)' expected"},
		{"paren wrong", "( a b c d", false, "test: `)' expected, found b"},
		{"nested", "( ( a ) ) -a ! ( '' )", true, ""},
		{"not chain", "! ! ! '' -a x", true, ""},
		{"trailing and", "a -a b -a", false, "test: argument expected"},
		{"trailing bang", "a -a b -a !", false, "test: argument expected"},
		{"dangling bang", "a -o ! ! !", false, "test: argument expected"},
		{"unary at end", "x -a -n", true, ""},
		{"-t then and", "-t 5 -a x -a y", true, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var args []string
			if tc.args != "" {
				for _, a := range strings.Split(tc.args, " ") {
					if a == "''" {
						a = ""
					}
					args = append(args, a)
				}
			}
			got, err := Test(testEnv("test"), args)
			if tc.err != "" {
				require.Error(t, err)
				assert.Equal(t, tc.err, err.Error())
				var te *Error
				assert.True(t, errors.As(err, &te))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestBracket(t *testing.T) {
	cases := []struct {
		name string
		env  *Env
		args []string
		want bool
		err  string
	}{
		{"empty", nil, []string{"]"}, false, ""},
		{"true", nil, []string{"a", "=", "a", "]"}, true, ""},
		{"missing", nil, []string{"a"}, false, "[: missing `]'"},
		{"no args", nil, nil, false, "[: missing `]'"},
		{"named", &Env{Name: "["}, []string{"1", "-eq", "x", "]"}, false, "[: x: integer expression expected"},
		{"default name", &Env{}, []string{"a", "b", "c", "d", "e", "]"}, false, "[: too many arguments"},
		{"paren at end", nil, []string{"(", "a", "-a", "b", "]"}, false, "[: `)' expected, found ]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Bracket(tc.env, tc.args)
			if tc.err != "" {
				require.Error(t, err)
				assert.Equal(t, tc.err, err.Error())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParseNumber(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want int64
		ok   bool
	}{
		{"zero", "0", 0, true},
		{"plain", "42", 42, true},
		{"leading zeros", "0010", 10, true},
		{"plus", "+7", 7, true},
		{"minus", "-7", -7, true},
		{"leading space", " \t\n\v\f\r5", 5, true},
		{"trailing blanks", "5 \t", 5, true},
		{"trailing newline", "5\n", 0, false},
		{"space after sign", "- 5", 0, false},
		{"sign only", "-", 0, false},
		{"empty", "", 0, false},
		{"blank", "  ", 0, false},
		{"hex", "0x10", 0, false},
		{"max", "9223372036854775807", 9223372036854775807, true},
		{"min", "-9223372036854775808", -9223372036854775808, true},
		{"over max", "9223372036854775808", 0, false},
		{"under min", "-9223372036854775809", 0, false},
		{"huge", "99999999999999999999999", 0, false},
		{"inner space", "1 2", 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseNumber(tc.in)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestOperatorSets(t *testing.T) {
	for _, op := range strings.Fields("-a -b -c -d -e -f -g -h -k -n -o -p -r -s -t -u -v -w -x -z -G -L -N -O -R -S") {
		assert.True(t, IsUnaryOp(op), op)
		assert.False(t, IsBinaryOp(op), op)
	}
	for _, op := range strings.Fields("= == != < > -eq -ne -lt -le -gt -ge -nt -ot -ef") {
		assert.True(t, IsBinaryOp(op), op)
		assert.False(t, IsUnaryOp(op), op)
	}
	for _, op := range []string{"", "-", "-q", "-ee", "=~", "!~", "!", "(", "-A", "--"} {
		assert.False(t, IsUnaryOp(op), op)
		assert.False(t, IsBinaryOp(op), op)
	}
}

func TestUnaryBinaryErrors(t *testing.T) {
	env := &Env{Name: "[["}
	_, err := Unary(env, "-q", "x")
	require.Error(t, err)
	assert.Equal(t, "[[: -q: unary operator expected", err.Error())
	_, err = Binary(env, "=~", "a", "b")
	require.Error(t, err)
	assert.Equal(t, "[[: =~: binary operator expected", err.Error())
	_, err = Binary(nil, "-gt", "1", "1x")
	require.Error(t, err)
	assert.Equal(t, "test: 1x: integer expression expected", err.Error())
	ok, err := Unary(nil, "-v", "x") // nil env and hooks mean false
	require.NoError(t, err)
	assert.False(t, ok)
}

// TestFilesPortable checks path resolution against Getwd and the FDStat
// hook with files that exist on every platform.
func TestFilesPortable(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "reg"), []byte("data"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "empty"), nil, 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	regInfo, err := os.Stat(filepath.Join(dir, "reg"))
	require.NoError(t, err)
	env := &Env{
		Getwd: func() string { return dir },
		FDStat: func(fd int) (fs.FileInfo, error) {
			if fd == 7 || fd == 0 {
				return regInfo, nil
			}
			return nil, fs.ErrNotExist
		},
	}
	cases := []struct {
		name string
		op   string
		x, y string
		want bool
	}{
		{"relative exists", "-e", "reg", "", true},
		{"relative regular", "-f", "reg", "", true},
		{"relative dir", "-d", "sub", "", true},
		{"dir not regular", "-f", "sub", "", false},
		{"nonempty", "-s", "reg", "", true},
		{"empty", "-s", "empty", "", false},
		{"missing", "-e", "nosuch", "", false},
		{"empty path", "-e", "", "", false},
		{"absolute", "-f", filepath.Join(dir, "reg"), "", true},
		{"readable", "-r", "reg", "", true},
		{"fd open", "-f", "/dev/fd/7", "", true},
		{"fd closed", "-e", "/dev/fd/8", "", false},
		{"fd leading zero", "-e", "/dev/fd/07", "", false},
		{"stdin", "-s", "/dev/stdin", "", true},
		{"fd symlink", "-L", "/dev/fd/7", "", true},
		{"fd readable", "-r", "/dev/fd/7", "", true},
		{"same file", "-ef", "reg", "/dev/fd/7", true},
		{"different file", "-ef", "reg", "empty", false},
		{"newer than missing", "-nt", "reg", "nosuch", true},
		{"missing older", "-ot", "nosuch", "reg", true},
		{"missing both", "-nt", "nosuch", "nosuch2", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got bool
			var err error
			if IsUnaryOp(tc.op) {
				got, err = Unary(env, tc.op, tc.x)
			} else {
				got, err = Binary(env, tc.op, tc.x, tc.y)
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestVirtualFD(t *testing.T) {
	cases := []struct {
		name, path string
		fd         int
		ok         bool
	}{
		{"stdin", "/dev/stdin", 0, true},
		{"stderr", "/dev/stderr", 2, true},
		{"zero", "/dev/fd/0", 0, true},
		{"number", "/dev/fd/12", 12, true},
		{"int max", "/dev/fd/2147483647", 2147483647, true},
		{"beyond int", "/dev/fd/2147483648", 0, false},
		{"leading zero", "/dev/fd/05", 0, false},
		{"plus sign", "/dev/fd/+5", 0, false},
		{"minus sign", "/dev/fd/-5", 0, false},
		{"trailing space", "/dev/fd/5 ", 0, false},
		{"no number", "/dev/fd/", 0, false},
		{"other path", "/dev/null", 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fd, ok := virtualFD(tc.path)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.fd, fd)
		})
	}
}
