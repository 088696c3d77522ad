package format

import (
	"math"
	"math/big"
	"strings"

	"tcpsh/shell/internal/mbchar"
)

// numErr is a conversion problem found while reading a numeric argument.
type numErr int

const (
	numOK      numErr = iota
	numInvalid        // trailing garbage: "invalid number" (status 1)
	numRange          // overflow/underflow: a warning only
)

// isCSpace is C isspace in the C locale.
func isCSpace(c byte) bool { return c == ' ' || (c >= '\t' && c <= '\r') }

// scanInt reads an integer like C strtoimax/strtoumax with base 0: white
// space, an optional sign, then hexadecimal after 0x/0X, octal after a
// leading 0, decimal otherwise. It returns the magnitude, the sign, the
// number of bytes used (0 when no digits were found) and whether the
// magnitude overflowed uint64.
func scanInt(s string) (mag uint64, neg bool, n int, overflow bool) {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	base := uint64(10)
	if i+1 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') {
		if i+2 < len(s) {
			if _, ok := hexVal(s[i+2]); ok {
				base = 16
				i += 2
			}
		}
	} else if i < len(s) && s[i] == '0' {
		base = 8
	}
	start := i
	for i < len(s) {
		d, ok := hexVal(s[i])
		if !ok || uint64(d) >= base {
			break
		}
		if mag > (math.MaxUint64-uint64(d))/base {
			overflow = true
		} else {
			mag = mag*base + uint64(d)
		}
		i++
	}
	if i == start {
		return 0, false, 0, false
	}
	return mag, neg, i, overflow
}

// invalidNumberMsg is bash's diagnostic for an argument with garbage.
func invalidNumberMsg(s string) string {
	switch {
	case len(s) > 1 && s[0] == '0' && s[1] >= '0' && s[1] <= '9':
		return "printf: " + s + ": invalid octal number"
	case len(s) > 1 && s[0] == '0' && s[1] == 'x':
		return "printf: " + s + ": invalid hex number"
	}
	return "printf: " + s + ": invalid number"
}

// rangeMsg is bash's warning for an out-of-range argument.
func rangeMsg(s string) string {
	return "printf: warning: " + s + ": Numerical result out of range"
}

// charCode returns the value of a 'c or "c argument: the code point of
// the first character in a UTF-8 locale (its first byte if it is not a
// valid character), the first byte in the C locale, 0 if nothing follows
// the quote.
func charCode(s string, utf8Locale bool) int64 {
	if len(s) < 2 {
		return 0
	}
	if utf8Locale {
		if r, _, st := mbchar.Decode(s[1:]); st == mbchar.Valid {
			return int64(r)
		}
	}
	return int64(s[1])
}

// parseSigned converts an argument for %d and %i (strtoimax semantics).
func parseSigned(s string, utf8Locale bool) (int64, numErr) {
	if s != "" && (s[0] == '\'' || s[0] == '"') {
		return charCode(s, utf8Locale), numOK
	}
	mag, neg, n, overflow := scanInt(s)
	var v int64
	switch {
	case !neg && (overflow || mag > math.MaxInt64):
		v, overflow = math.MaxInt64, true
	case neg && (overflow || mag > 1<<63):
		v, overflow = math.MinInt64, true
	case neg:
		v = -int64(mag)
	default:
		v = int64(mag)
	}
	return v, classify(s, n, overflow)
}

// parseUnsigned converts an argument for %o %u %x %X (strtoumax
// semantics: a minus sign negates modulo 2^64).
func parseUnsigned(s string, utf8Locale bool) (uint64, numErr) {
	if s != "" && (s[0] == '\'' || s[0] == '"') {
		return uint64(charCode(s, utf8Locale)), numOK
	}
	mag, neg, n, overflow := scanInt(s)
	v := mag
	switch {
	case overflow:
		v = math.MaxUint64
	case neg:
		v = -mag
	}
	return v, classify(s, n, overflow)
}

func classify(s string, n int, overflow bool) numErr {
	if n < len(s) {
		return numInvalid
	}
	if overflow {
		return numRange
	}
	return numOK
}

// Long double (x87 80-bit extended) limits, as used by bash's printf.
const (
	ldMantBits = 64
	ldMaxExp   = 16384  // values must be below 2^16384
	ldMinExp   = -16381 // MantExp exponent of the smallest normal value
	ldMinDenom = -16444 // MantExp exponent of the smallest denormal
)

// floatVal is a parsed floating point argument.
type floatVal struct {
	f   *big.Float // finite value (may be -0) with 64-bit precision
	inf bool
	nan bool
	neg bool // sign of inf or nan
}

// parseFloat converts an argument for the floating conversions like C
// strtold on x86-64 (64-bit mantissa).
func parseFloat(s string, utf8Locale bool) (floatVal, numErr) {
	if s != "" && (s[0] == '\'' || s[0] == '"') {
		return floatVal{f: new(big.Float).SetPrec(ldMantBits).SetInt64(charCode(s, utf8Locale))}, numOK
	}
	v, n, rangeErr := scanFloat(s)
	if n < len(s) {
		return v, numInvalid
	}
	if rangeErr {
		return v, numRange
	}
	return v, numOK
}

// scanFloat reads the longest prefix strtold accepts.
func scanFloat(s string) (v floatVal, n int, rangeErr bool) {
	zero := floatVal{f: new(big.Float).SetPrec(ldMantBits)}
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	rest := strings.ToLower(s[i:])
	switch {
	case strings.HasPrefix(rest, "infinity"):
		return floatVal{inf: true, neg: neg}, i + 8, false
	case strings.HasPrefix(rest, "inf"):
		return floatVal{inf: true, neg: neg}, i + 3, false
	case strings.HasPrefix(rest, "nan"):
		j := i + 3
		if j < len(s) && s[j] == '(' {
			k := j + 1
			for k < len(s) && (isAlnum(s[k]) || s[k] == '_') {
				k++
			}
			if k < len(s) && s[k] == ')' {
				j = k + 1
			}
		}
		return floatVal{nan: true, neg: neg}, j, false
	}
	if i+1 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') {
		if m, e, k, ok := scanMantissa(s[i+2:], 16, 'p'); ok {
			return finishBinary(m, e, neg), i + 2 + k, false
		}
		z := zero
		z.f.SetInt64(0)
		if neg {
			z.f.Neg(z.f)
		}
		return z, i + 1, false
	}
	m, e, k, ok := scanMantissa(s[i:], 10, 'e')
	if !ok {
		return zero, 0, false
	}
	v, rangeErr = finishDecimal(m, e, neg)
	return v, i + k, rangeErr
}

// scanMantissa reads digits with an optional point and an optional
// exponent (introduced by expCh, decimal digits, power of 10 for base 10
// and of 2 for base 16). It returns the digits as an integer, the
// exponent to apply (already adjusted for fraction digits: a power of
// the base for base 10, of 2 for base 16) and the length used.
func scanMantissa(s string, base int, expCh byte) (m *big.Int, exp int64, n int, ok bool) {
	m = new(big.Int)
	bb := big.NewInt(int64(base))
	i, digits, frac := 0, 0, 0
	seenPoint := false
	for i < len(s) {
		c := s[i]
		if c == '.' && !seenPoint {
			seenPoint = true
			i++
			continue
		}
		d, isHex := hexVal(c)
		if !isHex || d >= base {
			break
		}
		m.Mul(m, bb)
		m.Add(m, big.NewInt(int64(d)))
		digits++
		if seenPoint {
			frac++
		}
		i++
	}
	if digits == 0 {
		return nil, 0, 0, false
	}
	if base == 16 {
		exp = -4 * int64(frac)
	} else {
		exp = -int64(frac)
	}
	if i < len(s) && (s[i] == expCh || s[i] == expCh-32) {
		j := i + 1
		eneg := false
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			eneg = s[j] == '-'
			j++
		}
		var e int64
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			if e < 1<<40 {
				e = e*10 + int64(s[k]-'0')
			}
			k++
		}
		if k > j {
			if eneg {
				e = -e
			}
			exp += e
			i = k
		}
	}
	return m, exp, i, true
}

// finishBinary rounds m*2^exp to a long double.
func finishBinary(m *big.Int, exp int64, neg bool) floatVal {
	f := new(big.Float).SetInt(m)
	if f.Sign() != 0 {
		if exp > 1<<20 {
			return floatVal{inf: true, neg: neg}
		}
		if exp < -(1 << 20) {
			f.SetInt64(0)
		} else {
			f.SetMantExp(f, int(exp))
		}
	}
	v, _ := roundLD(func(prec uint) *big.Float {
		return new(big.Float).SetMode(big.ToNearestEven).SetPrec(prec).Set(f)
	}, neg)
	return v
}

// finishDecimal rounds m*10^exp to a long double.
func finishDecimal(m *big.Int, exp int64, neg bool) (floatVal, bool) {
	if m.Sign() == 0 {
		z := new(big.Float).SetPrec(ldMantBits)
		if neg {
			z.Neg(z)
		}
		return floatVal{f: z}, false
	}
	mag := int64(len(m.String())) + exp // decimal magnitude, roughly
	if mag > 4935 {
		return floatVal{inf: true, neg: neg}, true
	}
	if mag < -4955 {
		z := new(big.Float).SetPrec(ldMantBits)
		if neg {
			z.Neg(z)
		}
		return floatVal{f: z}, true
	}
	r := new(big.Rat).SetInt(m)
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(abs64(exp)), nil)
	if exp >= 0 {
		r.Mul(r, new(big.Rat).SetInt(p))
	} else {
		r.Quo(r, new(big.Rat).SetInt(p))
	}
	return roundLD(func(prec uint) *big.Float {
		return new(big.Float).SetMode(big.ToNearestEven).SetPrec(prec).SetRat(r)
	}, neg)
}

// roundLD rounds a positive value, produced correctly rounded to any
// precision by at, to long double precision and range, applying the
// sign. rangeErr reports overflow or a result below the smallest normal
// value (glibc's ERANGE).
func roundLD(at func(prec uint) *big.Float, neg bool) (floatVal, bool) {
	signed := func(f *big.Float) floatVal {
		if neg {
			f.Neg(f)
		}
		return floatVal{f: f}
	}
	f := at(ldMantBits)
	if f.Sign() == 0 {
		return signed(new(big.Float).SetPrec(ldMantBits)), false
	}
	e := f.MantExp(nil)
	rangeErr := false
	if e < ldMinExp {
		rangeErr = true
		bits := int64(ldMantBits) - (ldMinExp - int64(e))
		if bits < 1 {
			return signed(new(big.Float).SetPrec(ldMantBits)), true
		}
		f = at(uint(bits))
		f.SetPrec(ldMantBits)
	}
	if f.MantExp(nil) > ldMaxExp {
		return floatVal{inf: true, neg: neg}, true
	}
	return signed(f), rangeErr
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func isAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}
