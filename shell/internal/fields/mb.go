package fields

// glibc's UTF-8 decoder (what bash's mbrtowc/mblen calls see under
// C.UTF-8) differs from Go's: it accepts the old 5- and 6-byte forms and
// values above U+10FFFF, and it reports a sequence as merely incomplete
// as long as the bytes so far have the right shape, checking overlong
// forms and surrogates only once the sequence is complete.

// mbStatus classifies the bytes at the start of a buffer.
type mbStatus int

const (
	mbValid      mbStatus = iota // a complete, valid character
	mbInvalid                    // not a valid character
	mbIncomplete                 // a valid prefix cut short
)

// seqLen returns the length a lead byte announces, or 0 for a byte that
// cannot start a multibyte sequence.
func seqLen(c byte) int {
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

// decodeMB decodes the character at the start of b like glibc. size is
// the character's length when valid, else 1.
func decodeMB(b []byte) (r rune, size int, st mbStatus) {
	if len(b) == 0 {
		return 0, 0, mbIncomplete
	}
	n := seqLen(b[0])
	switch n {
	case 0:
		return 0, 1, mbInvalid
	case 1:
		return rune(b[0]), 1, mbValid
	}
	v := rune(b[0]) & (0x7f >> n)
	for k := 1; k < n; k++ {
		if k >= len(b) {
			return 0, 1, mbIncomplete
		}
		if b[k]&0xc0 != 0x80 {
			return 0, 1, mbInvalid
		}
		v = v<<6 | rune(b[k]&0x3f)
	}
	minimum := [...]rune{0, 0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000}
	if v < minimum[n] || (v >= 0xd800 && v <= 0xdfff) {
		return 0, 1, mbInvalid
	}
	return v, n, mbValid
}

// validMB reports whether s consists of valid characters only.
func validMB(s string) bool {
	for i := 0; i < len(s); {
		_, size, st := decodeMB([]byte(s[i:]))
		if st != mbValid {
			return false
		}
		i += size
	}
	return true
}

// runesMB decodes a valid string into its characters.
func runesMB(s string) []rune {
	var out []rune
	for i := 0; i < len(s); {
		r, size, _ := decodeMB([]byte(s[i:]))
		out = append(out, r)
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
		r, _, st := decodeMB(b)
		switch st {
		case mbValid:
			return r, true
		case mbIncomplete:
			s.pending = append([]byte(nil), b...)
		}
		return 0, false
	}
	buf := append([]byte(nil), s.pending...)
	need := seqLen(buf[0]) - len(buf)
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
	r, _, st := decodeMB(buf)
	return r, st == mbValid
}
