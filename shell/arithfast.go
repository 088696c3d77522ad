package shell

import (
	"strconv"

	"mvdan.cc/sh/v3/expand"
)

// arithFast evaluates the commonest shapes of expression without the
// recursive descent parser: A OP B, where A and B are each a variable
// name or a decimal constant and OP is + - * < > <= >= == or != (`i + 1`,
// `i < n`), and NAME++ or NAME-- (`i++`). Every variable read must hold a
// plain decimal integer (or nothing: 0), and an incremented one must be a
// plain string variable that is not read-only. ok is false for anything
// else (other shapes and operators, octal or based constants, array
// elements, values that are expressions themselves) before any effect,
// and the caller evaluates s in full; reading a variable twice is then
// harmless, as one whose reading has an effect (RANDOM) always holds a
// plain integer.
func (r *Runner) arithFast(s string) (n int, ok bool) {
	a, i := arithOperand(s, skipArithBlanks(s, 0))
	if a == "" || i == len(s) {
		return 0, false
	}
	op := s[i : i+1]
	switch c := s[i]; {
	case i+1 < len(s) && s[i+1] == c && (c == '+' || c == '-'):
		// NAME++, NAME--: nothing may follow.
		if skipArithBlanks(s, i+2) != len(s) || !isNameStart(a[0]) {
			return 0, false
		}
		return r.arithPostIncr(a, c)
	case i+1 < len(s) && s[i+1] == '=' && (c == '<' || c == '>' || c == '=' || c == '!'):
		op = s[i : i+2]
	case c == '+' || c == '-' || c == '*' || c == '<' || c == '>':
	default:
		return 0, false
	}
	b, j := arithOperand(s, skipArithBlanks(s, i+len(op)))
	if b == "" || skipArithBlanks(s, j) != len(s) {
		return 0, false
	}
	x, ok := r.arithOperandValue(a)
	if !ok {
		return 0, false
	}
	y, ok := r.arithOperandValue(b)
	if !ok {
		return 0, false
	}
	switch op {
	case "+":
		return x + y, true
	case "-":
		return x - y, true
	case "*":
		return x * y, true
	case "<":
		return b2i(x < y), true
	case ">":
		return b2i(x > y), true
	case "<=":
		return b2i(x <= y), true
	case ">=":
		return b2i(x >= y), true
	case "==":
		return b2i(x == y), true
	}
	return b2i(x != y), true // "!="
}

// arithOperand scans a variable name or a decimal constant (no sign, no
// leading zero, at most 18 digits) at s[i:], and returns it and the index
// of the next non-blank byte; "" when there is neither, or when the
// operand runs on into something else (`a[1]`, `08`, `1x`).
func arithOperand(s string, i int) (string, int) {
	j := i
	switch {
	case j < len(s) && isNameStart(s[j]):
		for j < len(s) && (isNameStart(s[j]) || '0' <= s[j] && s[j] <= '9') {
			j++
		}
		if j < len(s) && s[j] == '[' {
			return "", i
		}
	case j < len(s) && '0' <= s[j] && s[j] <= '9':
		for j < len(s) && '0' <= s[j] && s[j] <= '9' {
			j++
		}
		if j-i > 18 || s[i] == '0' && j-i > 1 || j < len(s) && (isNameStart(s[j]) || s[j] == '#' || s[j] == '.') {
			return "", i
		}
	default:
		return "", i
	}
	return s[i:j], skipArithBlanks(s, j)
}

// arithOperandValue is the value of an operand from arithOperand.
func (r *Runner) arithOperandValue(op string) (int, bool) {
	if !isNameStart(op[0]) {
		return simpleInt(op)
	}
	v, set := r.arithVarString(&arithLval{name: op}, nil)
	if !set {
		return 0, true
	}
	return simpleInt(v)
}

// arithPostIncr does NAME++ (c '+') or NAME-- (c '-') for arithFast.
func (r *Runner) arithPostIncr(name string, c byte) (int, bool) {
	cur := r.vars.get(r.resolveRef(name))
	if cur.ReadOnly || cur.Kind != expand.Unknown && cur.Kind != expand.String {
		return 0, false
	}
	v, ok := r.arithOperandValue(name)
	if !ok {
		return 0, false
	}
	nv := v + 1
	if c == '-' {
		nv = v - 1
	}
	if r.setVar(r.resolveRef(name), strVar(strconv.Itoa(nv))) != nil {
		return 0, false
	}
	return v, true
}

// skipArithBlanks returns the index of the first byte of s from i on
// that is not arithmetic white space.
func skipArithBlanks(s string, i int) int {
	for i < len(s) && isArithSpace(s[i]) {
		i++
	}
	return i
}
