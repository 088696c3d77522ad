// Package mbchar decodes UTF-8 the way glibc's multibyte functions
// (mbrtowc, mbtowc, mblen) do in a C.UTF-8 locale, which is what bash
// sees. glibc's decoder differs from Go's: it accepts the old 5- and
// 6-byte forms and values above U+10FFFF, and it reports a sequence as
// merely incomplete as long as the bytes so far have the right shape,
// checking overlong forms and surrogates only once the sequence is
// complete. [IsPrint] is glibc's iswprint, for quoting as bash and GNU
// tools do.
package mbchar

import "unicode"

// Status classifies the bytes at the start of a buffer.
type Status int

const (
	// Valid is a complete, valid character.
	Valid Status = iota
	// Invalid is a byte sequence that is not a character.
	Invalid
	// Incomplete is a valid prefix of a character cut short.
	Incomplete
)

// SeqLen returns the length a lead byte announces (1 for ASCII), or 0
// for a byte that cannot start a character.
func SeqLen(c byte) int {
	switch {
	case c < 0x80:
		return 1
	case c >= 0xc2 && c <= 0xdf:
		return 2
	case c >= 0xe0 && c <= 0xef:
		return 3
	case c >= 0xf0 && c <= 0xf7:
		return 4
	case c >= 0xf8 && c <= 0xfb:
		return 5
	case c >= 0xfc && c <= 0xfd:
		return 6
	}
	return 0
}

// minimum is the smallest value that needs a sequence of each length;
// a smaller one is an overlong form.
var minimum = [...]rune{0, 0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000}

// Decode decodes the character at the start of b like glibc. size is the
// character's length when it is valid, else 1 (0 for an empty b, which
// is Incomplete).
func Decode[T ~string | ~[]byte](b T) (r rune, size int, st Status) {
	if len(b) == 0 {
		return 0, 0, Incomplete
	}
	n := SeqLen(b[0])
	switch n {
	case 0:
		return 0, 1, Invalid
	case 1:
		return rune(b[0]), 1, Valid
	}
	v := rune(b[0]) & (0x7f >> n)
	for k := 1; k < n; k++ {
		if k >= len(b) {
			return 0, 1, Incomplete
		}
		if b[k]&0xc0 != 0x80 {
			return 0, 1, Invalid
		}
		v = v<<6 | rune(b[k]&0x3f)
	}
	if v < minimum[n] || (v >= 0xd800 && v <= 0xdfff) {
		return 0, 1, Invalid
	}
	return v, n, Valid
}

// IsPrint approximates glibc's iswprint in C.UTF-8: assigned characters
// other than controls, surrogates and the line and paragraph separators.
// Unlike unicode.IsPrint it takes in every space separator (U+00A0),
// format character (U+200B, U+00AD) and private-use character.
func IsPrint(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S,
		unicode.Zs, unicode.Cf, unicode.Co)
}
