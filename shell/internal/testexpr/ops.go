package testexpr

import (
	"math"
	"strconv"
	"strings"
)

// unaryOps lists the letters of bash's unary test operators.
const unaryOps = "abcdefghknoprstuvwxzGLNORS"

// IsUnaryOp reports whether s is one of bash's unary test operators:
// -a -b -c -d -e -f -g -h -k -n -o -p -r -s -t -u -v -w -x -z -G -L -N -O
// -R -S.
func IsUnaryOp(s string) bool {
	return len(s) == 2 && s[0] == '-' && strings.IndexByte(unaryOps, s[1]) >= 0
}

// IsBinaryOp reports whether s is one of bash's binary test operators:
// = == != < > -eq -ne -lt -le -gt -ge -nt -ot -ef. (=~ belongs to [[ ]]
// only and is not included.)
func IsBinaryOp(s string) bool {
	switch s {
	case "=", "==", "!=", "<", ">",
		"-eq", "-ne", "-lt", "-le", "-gt", "-ge",
		"-nt", "-ot", "-ef":
		return true
	}
	return false
}

// Unary applies a unary operator to its operand, as test and [[ ]] do. It
// reports an *Error if op is not a unary operator. File operators resolve
// relative paths against env.Getwd.
func Unary(env *Env, op, x string) (bool, error) {
	if env == nil {
		env = &Env{}
	}
	if !IsUnaryOp(op) {
		return false, env.errorf("%s: unary operator expected", op)
	}
	switch op[1] {
	case 'n':
		return x != "", nil
	case 'z':
		return x == "", nil
	case 't':
		n, ok := parseNumber(x)
		if !ok || n < 0 || n > math.MaxInt32 || env.FDIsTerminal == nil {
			return false, nil
		}
		return env.FDIsTerminal(int(n)), nil
	case 'v':
		return env.IsVarSet != nil && env.IsVarSet(x), nil
	case 'R':
		return env.IsNameref != nil && env.IsNameref(x), nil
	case 'o':
		return env.OptionSet != nil && env.OptionSet(x), nil
	}
	return fileTest(env, op[1], x), nil
}

// Binary applies a binary operator to its operands, as test and [[ ]] do:
// string comparison for = == != < > (no pattern matching; < and > compare
// bytes), decimal integers for -eq -ne -lt -le -gt -ge, and file times or
// identity for -nt -ot -ef. It reports an *Error for an unknown operator
// or an operand that is not an integer. For [[ ]], whose integer operands
// are arithmetic expressions, the caller evaluates them first and passes
// the results in decimal.
func Binary(env *Env, op, x, y string) (bool, error) {
	if env == nil {
		env = &Env{}
	}
	switch op {
	case "=", "==":
		return x == y, nil
	case "!=":
		return x != y, nil
	case "<":
		return x < y, nil
	case ">":
		return x > y, nil
	case "-nt", "-ot", "-ef":
		return fileCompare(env, op, x, y), nil
	case "-eq", "-ne", "-lt", "-le", "-gt", "-ge":
		a, ok := parseNumber(x)
		if !ok {
			return false, env.errorf("%s: integer expression expected", x)
		}
		b, ok := parseNumber(y)
		if !ok {
			return false, env.errorf("%s: integer expression expected", y)
		}
		switch op {
		case "-eq":
			return a == b, nil
		case "-ne":
			return a != b, nil
		case "-lt":
			return a < b, nil
		case "-le":
			return a <= b, nil
		case "-gt":
			return a > b, nil
		default:
			return a >= b, nil
		}
	}
	return false, env.errorf("%s: binary operator expected", op)
}

// parseNumber parses a decimal integer the way bash's test does: optional
// leading C white space, an optional sign, at least one digit, optional
// trailing blanks (space or tab), and no overflow of 64 bits.
func parseNumber(s string) (int64, bool) {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	s = strings.TrimRight(s, " \t")
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}
