package format

import (
	"unicode/utf8"

	"tcpsh/shell/internal/mbchar"
)

// Quote quotes s the way bash 5.2's printf %q does in a UTF-8 locale;
// it is QuoteLocale(s, true).
func Quote(s string) string {
	return QuoteLocale(s, true)
}

// QuoteLocale quotes s so that the shell reads it back as s, exactly as
// bash 5.2's printf %q does:
//   - the empty string becomes ”
//   - if s contains a character that is not printable in the locale
//     (a control character, DEL, an invalid byte, or with utf8 false any
//     byte >= 0x80), the whole string is written as $'...' with \a \b \E
//     \f \n \r \t \v \\ \' and three-digit octal escapes for the rest
//   - otherwise each of  space ! " $ & ' ( ) * , ; < > ? [ \ ] ^ ` { | }
//     a leading #, and a ~ at the start or after = or : is preceded by a
//     backslash.
//
// Printable multibyte characters (per glibc's iswprint in C.UTF-8) are
// kept as they are when utf8 is true.
func QuoteLocale(s string, utf8Locale bool) string {
	if s == "" {
		return "''"
	}
	if needsANSIC(s, utf8Locale) {
		return ansicQuote(s, utf8Locale)
	}
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case ' ', '!', '"', '$', '&', '\'', '(', ')', '*', ',', ';', '<', '>', '?',
			'[', '\\', ']', '^', '`', '{', '|', '}':
			b = append(b, '\\')
		case '#':
			if i == 0 {
				b = append(b, '\\')
			}
		case '~':
			if i == 0 || s[i-1] == '=' || s[i-1] == ':' {
				b = append(b, '\\')
			}
		}
		b = append(b, c)
	}
	return string(b)
}

// NeedsANSIC reports whether s has a character that is not printable in
// the locale (see QuoteLocale), which bash writes in $'...' form.
func NeedsANSIC(s string, utf8Locale bool) bool { return needsANSIC(s, utf8Locale) }

// needsANSIC reports whether s has a character that is not printable.
func needsANSIC(s string, utf8Locale bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return true
			}
			i++
			continue
		}
		if !utf8Locale {
			return true
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || !mbchar.IsPrint(r) {
			return true
		}
		i += n
	}
	return false
}

// ansicQuote writes s in $'...' form.
func ansicQuote(s string, utf8Locale bool) string {
	b := make([]byte, 0, len(s)+8)
	b = append(b, '$', '\'')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf && utf8Locale {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError && mbchar.IsPrint(r) {
				b = append(b, s[i:i+n]...)
				i += n
				continue
			}
		}
		switch c {
		case '\a':
			b = append(b, `\a`...)
		case '\b':
			b = append(b, `\b`...)
		case 0x1b:
			b = append(b, `\E`...)
		case '\f':
			b = append(b, `\f`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		case '\v':
			b = append(b, `\v`...)
		case '\\':
			b = append(b, `\\`...)
		case '\'':
			b = append(b, `\'`...)
		default:
			if c < 0x20 || c >= 0x7f {
				b = append(b, '\\', '0'+c>>6, '0'+c>>3&7, '0'+c&7)
			} else {
				b = append(b, c)
			}
		}
		i++
	}
	b = append(b, '\'')
	return string(b)
}
