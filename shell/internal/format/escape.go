package format

import "fmt"

// escMode selects which of bash's three backslash-escape dialects applies.
type escMode int

const (
	escFormat escMode = iota // printf's format string
	escArg                   // printf's %b argument
	escEcho                  // echo -e
)

// escaper expands backslash escapes.
type escaper struct {
	mode escMode
	utf8 bool
	warn func(string)
}

// expand appends the expansion of s to out. stop is true when \c was
// seen (only in %b and echo), in which case the rest of s is ignored.
func (e *escaper) expand(out []byte, s string) (res []byte, stop bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			out = append(out, c)
			i++
			continue
		}
		var n int
		out, n, stop = e.one(out, s[i:])
		if stop {
			return out, true
		}
		i += n
	}
	return out, false
}

// one expands the escape at the start of s (s[0] == '\\') and returns
// how many bytes it used.
func (e *escaper) one(out []byte, s string) (res []byte, n int, stop bool) {
	if len(s) == 1 {
		return append(out, '\\'), 1, false
	}
	c := s[1]
	switch c {
	case 'a':
		return append(out, '\a'), 2, false
	case 'b':
		return append(out, '\b'), 2, false
	case 'e', 'E':
		return append(out, 0x1b), 2, false
	case 'f':
		return append(out, '\f'), 2, false
	case 'n':
		return append(out, '\n'), 2, false
	case 'r':
		return append(out, '\r'), 2, false
	case 't':
		return append(out, '\t'), 2, false
	case 'v':
		return append(out, '\v'), 2, false
	case '\\':
		return append(out, '\\'), 2, false
	case '\'', '"', '?':
		if e.mode == escFormat {
			return append(out, c), 2, false
		}
		return append(out, '\\', c), 2, false
	case 'c':
		if e.mode == escFormat {
			return append(out, '\\', 'c'), 2, false
		}
		return out, 2, true
	case 'x':
		v, k := hexDigits(s[2:], 2)
		if k == 0 {
			if e.mode != escEcho {
				e.warn("missing hex digit for \\x")
			}
			return append(out, '\\', 'x'), 2, false
		}
		return append(out, byte(v)), 2 + k, false
	case 'u', 'U':
		maxDigits := 4
		if c == 'U' {
			maxDigits = 8
		}
		v, k := hexDigits(s[2:], maxDigits)
		if k == 0 {
			if e.mode != escEcho {
				e.warn("missing unicode digit for \\" + string(c))
			}
			return append(out, '\\', c), 2, false
		}
		return e.appendCodePoint(out, v), 2 + k, false
	}
	if c >= '0' && c <= '7' {
		switch {
		case e.mode == escFormat:
			v, k := octDigits(s[1:], 3)
			return append(out, byte(v)), 1 + k, false
		case c == '0':
			v, k := octDigits(s[2:], 3)
			return append(out, byte(v)), 2 + k, false
		case e.mode == escArg:
			v, k := octDigits(s[1:], 3)
			return append(out, byte(v)), 1 + k, false
		}
	}
	return append(out, '\\', c), 2, false
}

// appendCodePoint writes a \u or \U value: UTF-8 (bash's own encoder,
// which also encodes surrogates and values up to 0x7fffffff) in a UTF-8
// locale; in the C locale ASCII values are written as bytes and others
// as the escape itself.
func (e *escaper) appendCodePoint(out []byte, v uint32) []byte {
	if v > 0x7fffffff {
		return out
	}
	if v < 0x80 {
		return append(out, byte(v))
	}
	if !e.utf8 {
		if v <= 0xffff {
			return fmt.Appendf(out, "\\u%04X", v)
		}
		return fmt.Appendf(out, "\\U%08X", v)
	}
	return appendUTF8(out, v)
}

// appendUTF8 encodes v with the original (up to six byte) UTF-8 scheme.
func appendUTF8(out []byte, v uint32) []byte {
	switch {
	case v < 0x80:
		return append(out, byte(v))
	case v < 0x800:
		return append(out, 0xc0|byte(v>>6), 0x80|byte(v&0x3f))
	case v < 0x10000:
		return append(out, 0xe0|byte(v>>12), 0x80|byte(v>>6&0x3f), 0x80|byte(v&0x3f))
	case v < 0x200000:
		return append(out, 0xf0|byte(v>>18), 0x80|byte(v>>12&0x3f), 0x80|byte(v>>6&0x3f), 0x80|byte(v&0x3f))
	case v < 0x4000000:
		return append(out, 0xf8|byte(v>>24), 0x80|byte(v>>18&0x3f), 0x80|byte(v>>12&0x3f),
			0x80|byte(v>>6&0x3f), 0x80|byte(v&0x3f))
	}
	return append(out, 0xfc|byte(v>>30), 0x80|byte(v>>24&0x3f), 0x80|byte(v>>18&0x3f),
		0x80|byte(v>>12&0x3f), 0x80|byte(v>>6&0x3f), 0x80|byte(v&0x3f))
}

// hexDigits reads up to max hex digits.
func hexDigits(s string, max int) (v uint32, n int) {
	for n < max && n < len(s) {
		d, ok := hexVal(s[n])
		if !ok {
			break
		}
		v = v<<4 | uint32(d)
		n++
	}
	return v, n
}

// octDigits reads up to max octal digits.
func octDigits(s string, max int) (v uint32, n int) {
	for n < max && n < len(s) && s[n] >= '0' && s[n] <= '7' {
		v = v<<3 | uint32(s[n]-'0')
		n++
	}
	return v, n
}

func hexVal(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}
