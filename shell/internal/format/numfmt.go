package format

import (
	"math/big"
	"strconv"
	"strings"
)

// spec is one parsed printf conversion specification.
type spec struct {
	minus, plus, space, hash, zero bool
	width                          int // -1: none
	prec                           int // -1: none
	conv                           byte
}

// field is a formatted conversion before padding: the sign and/or
// radix prefix, the digits, and whether the 0 flag may pad between them.
// zeros more '0' bytes belong in body at index zerosAt: a huge precision
// (up to INT_MAX, as bash allows) is streamed rather than built.
type field struct {
	prefix, body string
	zeroOK       bool
	zeros        int
	zerosAt      int
}

// maxBuiltPrec bounds the digits a precision makes in memory; an exact
// long double has fewer than 17,000 significant or fractional decimal
// digits, so any precision beyond it only adds zeros.
const maxBuiltPrec = 1 << 15

// withZeros returns f with n zeros to stream at index at of its body.
func (f field) withZeros(n, at int) field {
	f.zeros, f.zerosAt = n, at
	return f
}

// padded writes f in sp's field width, streaming the fill so that huge
// widths (up to INT_MAX, as bash allows) need no huge buffer.
func (p *printer) padded(sp *spec, f field) {
	fill := 0
	if n := len(f.prefix) + len(f.body) + f.zeros; n >= 0 && sp.width > n {
		fill = sp.width - n
	}
	body := func() {
		p.writeString(f.body[:f.zerosAt])
		p.writeRepeat('0', f.zeros)
		p.writeString(f.body[f.zerosAt:])
	}
	switch {
	case sp.minus:
		p.writeString(f.prefix)
		body()
		p.writeRepeat(' ', fill)
	case sp.zero && f.zeroOK:
		p.writeString(f.prefix)
		p.writeRepeat('0', fill)
		body()
	default:
		p.writeRepeat(' ', fill)
		p.writeString(f.prefix)
		body()
	}
}

// fmtInt formats an integer conversion (d i o u x X) like C printf.
func (sp *spec) fmtInt(neg bool, mag uint64) field {
	var digits string
	switch sp.conv {
	case 'o':
		digits = strconv.FormatUint(mag, 8)
	case 'x':
		digits = strconv.FormatUint(mag, 16)
	case 'X':
		digits = strings.ToUpper(strconv.FormatUint(mag, 16))
	default:
		digits = strconv.FormatUint(mag, 10)
	}
	if sp.prec == 0 && mag == 0 {
		digits = ""
	}
	lead := 0
	if sp.prec > len(digits) {
		lead = sp.prec - len(digits)
	}
	prefix := ""
	switch sp.conv {
	case 'd', 'i':
		switch {
		case neg:
			prefix = "-"
		case sp.plus:
			prefix = "+"
		case sp.space:
			prefix = " "
		}
	case 'o':
		if sp.hash && lead == 0 && (digits == "" || digits[0] != '0') {
			digits = "0" + digits
		}
	case 'x', 'X':
		if sp.hash && mag != 0 {
			prefix = "0" + string(sp.conv)
		}
	}
	return field{prefix: prefix, body: digits, zeroOK: sp.prec < 0}.withZeros(lead, 0)
}

// fmtFloat formats a floating conversion (e E f F g G a A).
func (sp *spec) fmtFloat(v floatVal) field {
	upper := sp.conv == 'E' || sp.conv == 'F' || sp.conv == 'G' || sp.conv == 'A'
	neg := v.neg
	if v.f != nil {
		neg = v.f.Signbit()
	}
	sign := ""
	switch {
	case neg:
		sign = "-"
	case sp.plus:
		sign = "+"
	case sp.space:
		sign = " "
	}
	if v.inf || v.nan {
		body := "inf"
		if v.nan {
			body = "nan"
		}
		if upper {
			body = strings.ToUpper(body)
		}
		return field{prefix: sign, body: body}
	}
	x := new(big.Float).Abs(v.f)
	// Digits past maxBuiltPrec are zeros, streamed by padded.
	built := *sp
	extra := 0
	if sp.prec > maxBuiltPrec {
		built.prec, extra = maxBuiltPrec, sp.prec-maxBuiltPrec
	}
	var body string
	at := -1
	switch sp.conv {
	case 'f', 'F':
		body = built.fixed(x, built.precOr(6))
	case 'e', 'E':
		body = built.expo(x, built.precOr(6))
		at = strings.IndexByte(body, 'e')
	case 'g', 'G':
		body = built.general(x)
		if !sp.hash {
			extra = 0 // %g drops trailing zeros
		}
		at = strings.IndexByte(body, 'e')
	case 'a', 'A':
		body = built.hexFloat(x)
		at = strings.IndexByte(body, 'p')
		sign += "0x"
	}
	if upper {
		body = strings.ToUpper(body)
		sign = strings.ToUpper(sign)
	}
	if at < 0 {
		at = len(body)
	}
	return field{prefix: sign, body: body, zeroOK: true}.withZeros(extra, at)
}

func (sp *spec) precOr(def int) int {
	if sp.prec < 0 {
		return def
	}
	return sp.prec
}

// fixed is %f's body.
func (sp *spec) fixed(x *big.Float, prec int) string {
	s := x.Text('f', prec)
	if sp.hash && prec == 0 {
		s += "."
	}
	return s
}

// expo is %e's body.
func (sp *spec) expo(x *big.Float, prec int) string {
	s := x.Text('e', prec)
	if sp.hash && prec == 0 {
		k := strings.IndexByte(s, 'e')
		s = s[:k] + "." + s[k:]
	}
	return s
}

// general is %g's body: %e or %f depending on the exponent, without
// trailing zeros unless # is given.
func (sp *spec) general(x *big.Float) string {
	p := sp.precOr(6)
	if p == 0 {
		p = 1
	}
	e := x.Text('e', p-1)
	k := strings.IndexByte(e, 'e')
	exp, _ := strconv.Atoi(e[k+1:])
	var s string
	if exp < p && exp >= -4 {
		s = x.Text('f', p-1-exp)
	} else {
		s = e
	}
	if sp.hash {
		if !strings.Contains(s, ".") {
			if k := strings.IndexByte(s, 'e'); k >= 0 {
				s = s[:k] + "." + s[k:]
			} else {
				s += "."
			}
		}
		return s
	}
	mant, tail := s, ""
	if k := strings.IndexByte(s, 'e'); k >= 0 {
		mant, tail = s[:k], s[k:]
	}
	if strings.Contains(mant, ".") {
		mant = strings.TrimRight(mant, "0")
		mant = strings.TrimSuffix(mant, ".")
	}
	return mant + tail
}

// hexFloat is %a's body without the "0x" prefix, in glibc's long double
// layout: the first hex digit holds the top four bits of the 64-bit
// mantissa.
func (sp *spec) hexFloat(x *big.Float) string {
	var lead, frac uint64
	var exp int64
	if x.Sign() != 0 {
		e := x.MantExp(nil)
		scale := ldMantBits - e // x * 2^scale is the 64-bit mantissa
		if e < ldMinExp {
			scale = ldMantBits - ldMinExp
		}
		m, _ := new(big.Float).SetMantExp(x, scale).Uint64()
		lead, frac = m>>60, m&(1<<60-1)
		exp = int64(60 - scale)
	}
	digits := 15
	if sp.prec >= 0 && sp.prec < 15 {
		shift := uint(60 - 4*sp.prec)
		q := frac >> shift
		rem := frac & (1<<shift - 1)
		half := uint64(1) << (shift - 1)
		odd := q&1 == 1
		if sp.prec == 0 {
			odd = lead&1 == 1
		}
		if rem > half || (rem == half && odd) {
			q++
			if q>>uint(4*sp.prec) != 0 {
				q = 0
				lead++
			}
		}
		if lead == 16 {
			lead, exp = 1, exp+4
		}
		frac, digits = q, sp.prec
	}
	fs := ""
	if digits > 0 {
		fs = strconv.FormatUint(frac, 16)
		fs = strings.Repeat("0", digits-len(fs)) + fs
	}
	if sp.prec < 0 {
		fs = strings.TrimRight(fs, "0")
	} else if sp.prec > 15 {
		fs += strings.Repeat("0", sp.prec-15)
	}
	var b strings.Builder
	b.WriteString(strconv.FormatUint(lead, 16))
	if fs != "" || sp.hash {
		b.WriteByte('.')
		b.WriteString(fs)
	}
	b.WriteByte('p')
	if exp >= 0 {
		b.WriteByte('+')
	}
	b.WriteString(strconv.FormatInt(exp, 10))
	return b.String()
}
