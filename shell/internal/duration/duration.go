// Package duration parses time intervals the way GNU coreutils sleep(1)
// and timeout(1) do: a C strtod-style floating point number (decimal or
// hexadecimal, optional exponent, "inf"/"infinity") optionally followed by
// exactly one unit suffix s, m, h or d. It also formats coreutils' error
// message for an invalid interval in either the C or a UTF-8 locale.
package duration

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// ParseError reports an argument that is not a valid time interval.
type ParseError struct {
	// Input is the argument exactly as given.
	Input string
}

// Error returns the message in the C locale's style, without a program
// prefix: "invalid time interval '0.2x'".
func (e *ParseError) Error() string {
	return "invalid time interval " + QuoteArg(e.Input, false)
}

// Message returns coreutils' complete first diagnostic line (without the
// trailing newline) for program prog ("sleep" or "timeout"), e.g.
// "sleep: invalid time interval ‘0.2x’" when utf8 is true and
// "sleep: invalid time interval '0.2x'" when utf8 is false (LC_ALL=C).
// coreutils follows it with "Try 'sleep --help' for more information.",
// which is the caller's business.
func (e *ParseError) Message(prog string, utf8 bool) string {
	return prog + ": invalid time interval " + QuoteArg(e.Input, utf8)
}

// maxSeconds is the largest number of seconds a time.Duration can hold.
var maxSeconds = float64(math.MaxInt64) / float64(time.Second)

// Parse converts a coreutils time interval to a duration. Leading white
// space is skipped as strtod does; the number must be non-negative (NaN is
// rejected) and may be followed by one of the suffixes s (seconds, the
// default), m (minutes), h (hours) or d (days); nothing else may follow.
// The result is rounded up to a whole nanosecond, so any positive interval
// yields a positive duration. infinite is true for "inf"/"infinity" (any
// case), for values that overflow a C double, and for intervals too long to
// fit in a time.Duration (about 292 years); the returned duration is then
// math.MaxInt64. Errors are *ParseError.
func Parse(s string) (d time.Duration, infinite bool, err error) {
	v, rest, ok := scanFloat(s)
	if !ok || v < 0 || math.IsNaN(v) {
		return 0, false, &ParseError{Input: s}
	}
	mult := 1.0
	switch rest {
	case "", "s":
	case "m":
		mult = 60
	case "h":
		mult = 60 * 60
	case "d":
		mult = 24 * 60 * 60
	default:
		return 0, false, &ParseError{Input: s}
	}
	v *= mult
	if math.IsInf(v, 1) || v >= maxSeconds {
		return time.Duration(math.MaxInt64), true, nil
	}
	ns := math.Ceil(v * float64(time.Second))
	if ns >= float64(math.MaxInt64) {
		return time.Duration(math.MaxInt64), true, nil
	}
	return time.Duration(ns), false, nil
}

// scanFloat reads the longest prefix of s that C strtod accepts and
// returns its value and the unparsed rest. ok is false when no number at
// all could be read. Overflow gives ±Inf and underflow gives 0, both
// accepted as coreutils accepts strtod's ERANGE results.
func scanFloat(s string) (v float64, rest string, ok bool) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	body := s[i:]
	lower := strings.ToLower(body)
	switch {
	case strings.HasPrefix(lower, "infinity"):
		return signed(math.Inf(1), neg), body[len("infinity"):], true
	case strings.HasPrefix(lower, "inf"):
		return signed(math.Inf(1), neg), body[len("inf"):], true
	case strings.HasPrefix(lower, "nan"):
		n := 3
		if n < len(body) && body[n] == '(' {
			j := n + 1
			for j < len(body) && (isAlnum(body[j]) || body[j] == '_') {
				j++
			}
			if j < len(body) && body[j] == ')' {
				n = j + 1
			}
		}
		return math.NaN(), body[n:], true
	}
	var num string
	if len(body) > 1 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') {
		n := scanNumber(body[2:], isHex, 'p')
		if n == 0 {
			// "0x" without hex digits: strtod reads just the "0".
			return signed(0, neg), body[1:], true
		}
		num, rest = body[:2+n], body[2+n:]
		if !strings.ContainsAny(num, "pP") {
			num += "p0" // strconv wants the binary exponent
		}
	} else {
		n := scanNumber(body, isDigit, 'e')
		if n == 0 {
			return 0, s, false
		}
		num, rest = body[:n], body[n:]
	}
	// Like strtod, ParseFloat saturates to ±Inf (with ErrRange) and
	// underflows to 0.
	f, err := strconv.ParseFloat(num, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, s, false
	}
	return signed(f, neg), rest, true
}

// scanDigits returns the length of a mantissa "ddd", "ddd.", "ddd.ddd" or
// ".ddd" at the start of s, or 0 when there is no digit in it.
func scanDigits(s string, digit func(byte) bool) int {
	i := 0
	seen := false
	for i < len(s) && digit(s[i]) {
		i++
		seen = true
	}
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && digit(s[j]) {
			j++
			seen = true
		}
		if seen {
			i = j
		}
	}
	if !seen {
		return 0
	}
	return i
}

// scanNumber returns the length of a mantissa (see scanDigits) with an
// optional exponent after it: the letter expCh in either case, an
// optional sign and decimal digits. It is 0 when the mantissa has no
// digit.
func scanNumber(s string, digit func(byte) bool, expCh byte) int {
	n := scanDigits(s, digit)
	if n == 0 || n >= len(s) || s[n]|0x20 != expCh {
		return n
	}
	k := n + 1
	if k < len(s) && (s[k] == '+' || s[k] == '-') {
		k++
	}
	if d := leadingDigits(s[k:]); d > 0 {
		return k + d
	}
	return n
}

func leadingDigits(s string) int {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func signed(f float64, neg bool) float64 {
	if neg {
		return -f
	}
	return f
}

func isSpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func isAlnum(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}
