package format

import (
	"math"
	"math/big"
	"strings"
	"time"
)

// conversion handles the specification starting at format[start] == '%'
// and returns the index of its last byte.
func (p *printer) conversion(format string, start int) (int, error) {
	i := start + 1
	if i < len(format) && format[i] == '%' {
		p.writeByte('%')
		return i, nil
	}
	sp := spec{width: -1, prec: -1}
	// Flags.
	for ; i < len(format); i++ {
		switch format[i] {
		case '-':
			sp.minus = true
		case '+':
			sp.plus = true
		case ' ':
			sp.space = true
		case '#':
			sp.hash = true
		case '0':
			sp.zero = true
		case '\'':
		default:
			goto width
		}
	}
width:
	// bigLiteral records a literal width or precision beyond INT_MAX,
	// which makes C printf (but not bash's own string output) fail.
	bigLiteral := false
	if i < len(format) && format[i] == '*' {
		sp.width = p.intArg()
		if sp.width < 0 {
			sp.minus = true
			sp.width = -sp.width
			if sp.width < 0 { // INT_MIN
				sp.width = maxInt
			}
		}
		i++
	} else if i < len(format) && isDigit(format[i]) {
		var huge bool
		sp.width, i, huge = digitsAt(format, i)
		bigLiteral = bigLiteral || huge
	}
	if i < len(format) && format[i] == '.' {
		i++
		sp.prec = 0
		if i < len(format) && format[i] == '*' {
			sp.prec = p.intArg()
			if sp.prec < 0 {
				sp.prec = -1
			}
			i++
		} else if i < len(format) && isDigit(format[i]) {
			var huge bool
			sp.prec, i, huge = digitsAt(format, i)
			bigLiteral = bigLiteral || huge
		}
	}
	for i < len(format) && strings.IndexByte("hjlLtz", format[i]) >= 0 {
		i++
	}
	if i >= len(format) {
		p.fail("printf: `" + format[start:] + "': missing format character")
		return i, errStop
	}
	sp.conv = format[i]
	switch sp.conv {
	case '(':
		return p.timeConv(format, start, i, &sp)
	case 'c':
		s, _ := p.arg()
		var ch byte
		if s != "" {
			ch = s[0]
		}
		if !bigLiteral {
			p.padded(&sp, field{body: string([]byte{ch})})
		}
	case 's':
		s, _ := p.arg()
		if !bigLiteral {
			if sp.prec >= 0 && sp.prec < len(s) {
				s = s[:sp.prec]
			}
			p.padded(&sp, field{body: s})
		}
	case 'b':
		s, _ := p.arg()
		var stop bool
		p.scratch, stop = p.argEsc.expand(p.scratch[:0], s)
		p.printStr(&sp, p.scratch)
		if stop {
			// bash returns success here, even after earlier errors.
			p.status = 0
			return i, errStop
		}
	case 'q':
		s, _ := p.arg()
		p.printStr(&sp, []byte(QuoteLocale(s, p.opt.UTF8)))
	case 'n':
		s, _ := p.arg()
		if s == "" {
			break
		}
		if !isIdentifier(s) {
			p.fail("printf: `" + s + "': not a valid identifier")
			return i, errStop
		}
		if p.opt.AssignN != nil && !p.opt.AssignN(s, p.tw) {
			p.status = 1
			return i, errStop
		}
	case 'd', 'i':
		s, ok := p.arg()
		v := int64(0)
		if ok {
			v = p.signedArg(s)
		}
		if !bigLiteral {
			neg := v < 0
			mag := uint64(v)
			if neg {
				mag = -mag
			}
			p.padded(&sp, sp.fmtInt(neg, mag))
		}
	case 'o', 'u', 'x', 'X':
		s, ok := p.arg()
		v := uint64(0)
		if ok {
			v = p.unsignedArg(s)
		}
		if !bigLiteral {
			p.padded(&sp, sp.fmtInt(false, v))
		}
	case 'e', 'E', 'f', 'F', 'g', 'G', 'a', 'A':
		s, ok := p.arg()
		v := floatVal{f: new(big.Float).SetPrec(ldMantBits)}
		if ok {
			v = p.floatArg(s)
		}
		if !bigLiteral {
			p.padded(&sp, sp.fmtFloat(v))
		}
	default:
		p.fail("printf: `" + format[i:i+1] + "': invalid format character")
		return i, errStop
	}
	return i, nil
}

// digitsAt reads a decimal number, reporting whether it exceeds INT_MAX
// (the value is then clamped).
func digitsAt(s string, i int) (v, next int, big bool) {
	for i < len(s) && isDigit(s[i]) {
		if v <= maxInt {
			v = v*10 + int(s[i]-'0')
		}
		i++
	}
	if v > maxInt {
		return maxInt, i, true
	}
	return v, i, false
}

// printStr writes a %b, %q or %(...)T result the way bash's printstr
// does: width and precision in bytes, the - flag for left alignment,
// other flags ignored.
func (p *printer) printStr(sp *spec, s []byte) {
	if sp.prec >= 0 && sp.prec < len(s) {
		s = s[:sp.prec]
	}
	fill := 0
	if sp.width > len(s) {
		fill = sp.width - len(s)
	}
	if !sp.minus {
		p.writeRepeat(' ', fill)
	}
	p.write(s)
	if sp.minus {
		p.writeRepeat(' ', fill)
	}
}

// intArg reads a * width or precision: an integer argument clamped to
// C int range with a warning naming the following argument, as bash
// does.
func (p *printer) intArg() int {
	s, ok := p.arg()
	if !ok {
		return 0
	}
	v := p.signedArg(s)
	if v > maxInt || v < math.MinInt32 {
		if next, ok := p.peek(); ok {
			p.warn(rangeMsg(next))
		}
		if v > 0 {
			return maxInt
		}
		return math.MinInt32
	}
	return int(v)
}

func (p *printer) peek() (string, bool) {
	if p.next >= len(p.args) {
		return "", false
	}
	return p.args[p.next], true
}

// signedArg converts a %d argument, reporting problems like bash.
func (p *printer) signedArg(s string) int64 {
	v, e := parseSigned(s, p.opt.UTF8)
	p.report(s, e)
	return v
}

func (p *printer) unsignedArg(s string) uint64 {
	v, e := parseUnsigned(s, p.opt.UTF8)
	p.report(s, e)
	return v
}

func (p *printer) floatArg(s string) floatVal {
	v, e := parseFloat(s, p.opt.UTF8)
	p.report(s, e)
	return v
}

func (p *printer) report(s string, e numErr) {
	switch e {
	case numInvalid:
		p.fail(invalidNumberMsg(s))
	case numRange:
		p.warn(rangeMsg(s))
	}
}

// timeConv handles %(fmt)T; paren is the index of '('.
func (p *printer) timeConv(format string, start, paren int, sp *spec) (int, error) {
	depth := 1
	j := paren + 1
	for ; j < len(format); j++ {
		if format[j] == '(' {
			depth++
		} else if format[j] == ')' {
			depth--
			if depth == 0 {
				break
			}
		}
	}
	var after byte
	if j+1 < len(format) {
		after = format[j+1]
	}
	if j >= len(format) || after != 'T' {
		p.warn("printf: warning: `" + string([]byte{after}) + "': invalid time format specification")
		p.writeByte('%')
		return start, nil
	}
	tf := format[paren+1 : j]
	if tf == "" {
		tf = "%X"
	}
	var t time.Time
	s, ok := p.arg()
	var secs int64 = -1
	if ok {
		secs = p.signedArg(s)
	}
	switch secs {
	case -1:
		t = p.opt.Now()
	case -2:
		t = p.opt.StartTime
	default:
		t = time.Unix(secs, 0)
	}
	t = t.In(p.opt.Location)
	if y := int64(t.Year()) - 1900; y > math.MaxInt32 || y < math.MinInt32 {
		t = time.Unix(0, 0).In(p.opt.Location)
	}
	res := Strftime(tf, t)
	if len(res) >= timeBufSize {
		res = ""
	}
	p.printStr(sp, []byte(res))
	return j + 1, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isIdentifier reports whether s is a valid shell variable name.
func isIdentifier(s string) bool {
	if s == "" || isDigit(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
			return false
		}
	}
	return true
}
