package gnuhead

import (
	"math"
	"math/bits"
	"strings"
)

// numErr says why a count was rejected.
type numErr int

const (
	numOK       numErr = iota
	numInvalid         // not a number, or a bad suffix
	numOverflow        // a valid number that does not fit in 64 bits
)

// suffixPower maps the multiplier letters head accepts to their power of
// the base (1024, or 1000 with a "B"/"D" second suffix).
var suffixPower = map[byte]int{
	'k': 1, 'K': 1, 'm': 2, 'M': 2, 'G': 3, 'T': 4, 'P': 5, 'E': 6, 'Z': 7, 'Y': 8,
}

// isCSpace is isspace in the C locale.
func isCSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

// parseCount parses a count as GNU head does (decimal, optional leading
// blanks and '+', never negative, an optional multiplier: b (512), k/K,
// m/M, G, T, P, E, Z, Y as powers of 1024, or of 1000 when followed by
// "B" or "D"; "iB" keeps 1024). A lone multiplier means 1 of it.
// Overflow is reported only when the rest of the string is valid.
func parseCount(s string) (uint64, numErr) {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	if i < len(s) && s[i] == '-' {
		return 0, numInvalid
	}
	j := i
	if j < len(s) && s[j] == '+' {
		j++
	}
	start := j
	var val uint64
	over := false
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		d := uint64(s[j] - '0')
		hi, lo := bits.Mul64(val, 10)
		sum, carry := bits.Add64(lo, d, 0)
		if hi != 0 || carry != 0 {
			over = true
		}
		val = sum
		j++
	}
	if over {
		val = math.MaxUint64
	}
	rest := s[j:]
	if j == start {
		// No digits: a lone valid suffix counts as 1 of it.
		if len(s) == 0 || !strings.ContainsRune("bkKmMGTPEZY", rune(s[0])) {
			return 0, numInvalid
		}
		val, rest = 1, s
	}
	if rest != "" {
		c := rest[0]
		base, skip := uint64(1024), 1
		if c != 'b' && len(rest) > 1 {
			switch {
			case rest[1] == 'i' && len(rest) > 2 && rest[2] == 'B':
				skip = 3
			case rest[1] == 'B' || rest[1] == 'D':
				base, skip = 1000, 2
			}
		}
		switch p, ok := suffixPower[c]; {
		case c == 'b':
			val, over = scale(val, 512, over)
		case ok:
			for k := 0; k < p; k++ {
				val, over = scale(val, base, over)
			}
		default:
			return 0, numInvalid
		}
		if rest[skip:] != "" {
			return 0, numInvalid
		}
	}
	if over {
		return math.MaxUint64, numOverflow
	}
	return val, numOK
}

// scale multiplies v by m, saturating on overflow.
func scale(v, m uint64, over bool) (uint64, bool) {
	hi, lo := bits.Mul64(v, m)
	if hi != 0 {
		return math.MaxUint64, true
	}
	return lo, over
}
