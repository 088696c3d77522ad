package fields

import (
	"unicode/utf8"

	"tcpsh/shell/internal/mbchar"
)

// ifsMultibyte returns the multibyte (non-ASCII) characters of IFS, the
// only ones a multibyte character of the line can match. bash converts
// IFS with mbstowcs; when that fails only IFS's first character ends up
// usable.
func ifsMultibyte(ifs string) []rune {
	var out []rune
	for i := 0; i < len(ifs); {
		r, size, st := mbchar.Decode(ifs[i:])
		if st != mbchar.Valid {
			if first, _, st := mbchar.Decode(ifs); st == mbchar.Valid && first >= utf8.RuneSelf {
				return []rune{first}
			}
			return nil
		}
		if r >= utf8.RuneSelf {
			out = append(out, r)
		}
		i += size
	}
	return out
}

// mbtowc decodes the character at the start of b the way glibc's
// mbtowc does when bash calls it while splitting. glibc keeps hidden
// state: after an incomplete sequence (one cut short by the end of the
// string) it remembers the bytes and completes the character with the
// continuation bytes of the next call, which makes bash treat such a
// byte as part of a character rather than as a possible IFS byte. The
// state lasts for one split here; in bash it lasts for the process.
func (s *splitter) mbtowc(b []byte) (rune, bool) {
	if len(s.pending) == 0 {
		r, _, st := mbchar.Decode(b)
		switch st {
		case mbchar.Valid:
			return r, true
		case mbchar.Incomplete:
			s.pending = append([]byte(nil), b...)
		}
		return 0, false
	}
	buf := append([]byte(nil), s.pending...)
	need := mbchar.SeqLen(buf[0]) - len(buf)
	for k := 0; k < need; k++ {
		if k >= len(b) {
			s.pending = buf
			return 0, false
		}
		if b[k]&0xc0 != 0x80 {
			return 0, false
		}
		buf = append(buf, b[k])
	}
	s.pending = nil
	r, _, st := mbchar.Decode(buf)
	return r, st == mbchar.Valid
}
