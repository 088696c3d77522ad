package duration

import (
	"strings"
	"unicode/utf8"
)

// QuoteArg quotes s the way coreutils' quote() does in diagnostics
// (gnulib's locale quoting style). With utf8 false (LC_ALL=C) the result
// is enclosed in ASCII apostrophes, an apostrophe inside is written \' and
// every byte outside printable ASCII is escaped. With utf8 true the result
// is enclosed in ‘ and ’ and printable multibyte characters are kept.
// In both styles a backslash is doubled, \a \b \f \n \r \t \v use their
// letter escapes and other unprintable bytes become three-digit octal
// escapes (\033, \377).
func QuoteArg(s string, utf8Locale bool) string {
	var b strings.Builder
	open, closing := "'", "'"
	if utf8Locale {
		open, closing = "\u2018", "\u2019"
	}
	b.WriteString(open)
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x80 && utf8Locale {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError && !(r >= 0x80 && r < 0xa0) {
				b.WriteString(s[i : i+n])
				i += n
				continue
			}
		}
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\'' && !utf8Locale:
			b.WriteString(`\'`)
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		default:
			b.WriteString(octalEscape(c))
		}
		i++
	}
	b.WriteString(closing)
	return b.String()
}

// octalEscape renders an unprintable byte as a C escape.
func octalEscape(c byte) string {
	switch c {
	case '\a':
		return `\a`
	case '\b':
		return `\b`
	case '\f':
		return `\f`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	case '\v':
		return `\v`
	}
	return string([]byte{'\\', '0' + c>>6, '0' + (c>>3)&7, '0' + c&7})
}
