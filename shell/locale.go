package shell

import (
	"strings"
	"unicode/utf8"
)

// Strings and the locale. bash counts characters in a UTF-8 locale and
// bytes in the C locale, for ${#s}, ${s:o:l}, pattern matching and
// read -n. tcpsh works on a "char string": in the C locale every byte
// >= 0x80, and in a UTF-8 locale every byte that is not part of a valid
// sequence, is mapped to a rune of its own in the last private use block
// (U+10FF00 + byte), so that rune operations count what bash counts and
// nothing is lost. unchars maps such a string back to bytes.

// byteRuneBase is the first rune standing for a raw byte.
const byteRuneBase = 0x10FF00

// chars maps s to a char string for the session's locale.
func (r *Runner) chars(s string) string {
	return toChars(s, r.utf8)
}

func toChars(s string, utf8Locale bool) string {
	i := 0
	// ASCII is the common case: test eight bytes at a time first.
	for i+8 <= len(s) && (s[i]|s[i+1]|s[i+2]|s[i+3]|s[i+4]|s[i+5]|s[i+6]|s[i+7]) < utf8.RuneSelf {
		i += 8
	}
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) || utf8Locale && utf8.ValidString(s[i:]) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	sb.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			sb.WriteByte(c)
			i++
			continue
		}
		if utf8Locale {
			if r, n := utf8.DecodeRuneInString(s[i:]); r != utf8.RuneError || n > 1 {
				sb.WriteString(s[i : i+n])
				i += n
				continue
			}
		}
		sb.WriteRune(byteRuneBase + rune(c))
		i++
	}
	return sb.String()
}

// unchars maps a char string back to bytes.
func (r *Runner) unchars(s string) string { return fromChars(s) }

func fromChars(s string) string {
	if !strings.Contains(s, "\xf4\x8f") {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for _, c := range s {
		if c >= byteRuneBase+0x80 && c <= byteRuneBase+0xff {
			sb.WriteByte(byte(c - byteRuneBase))
			continue
		}
		sb.WriteRune(c)
	}
	return sb.String()
}

// charLen counts the characters of s as bash does in the current locale.
func (r *Runner) charLen(s string) int {
	if !r.utf8 {
		return len(s)
	}
	return utf8.RuneCountInString(r.chars(s))
}

// firstRune returns the first rune of a char string and its size.
func firstRune(s string) (rune, int) {
	if s == "" {
		return 0, 0
	}
	return utf8.DecodeRuneInString(s)
}
