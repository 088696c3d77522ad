package gnuhead

import (
	"strings"
	"unicode/utf8"

	"tcpsh/shell/internal/mbchar"
)

// unit is one character of a quoted string: a valid (printable or not)
// multibyte character in a UTF-8 locale, otherwise one byte.
type unit struct {
	s         string
	printable bool
}

// units splits s into characters as the locale sees them: bytes in the C
// locale (only ASCII 0x20-0x7e printable), UTF-8 sequences otherwise
// (invalid bytes one by one, not printable).
func units(s string, utf8Locale bool) []unit {
	var out []unit
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf || !utf8Locale {
			out = append(out, unit{s[i : i+1], c >= 0x20 && c < 0x7f})
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			out = append(out, unit{s[i : i+1], false})
			i++
			continue
		}
		out = append(out, unit{s[i : i+n], mbchar.IsPrint(r)})
		i += n
	}
	return out
}

// cEscapes are the control characters written as C escapes.
var cEscapes = map[byte]byte{'\a': 'a', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v'}

// octal appends \ooo for each byte of s.
func octal(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		b.WriteByte('\\')
		b.WriteByte('0' + c>>6)
		b.WriteByte('0' + (c>>3)&7)
		b.WriteByte('0' + c&7)
	}
}

// QuoteArg quotes s as GNU's quote() does in the given locale (used for
// the invalid number in "invalid number of lines: '5x'"): between ' and '
// in the C locale, between U+2018 and U+2019 in a UTF-8 locale; a
// backslash, the closing quote and unprintable characters are escaped as
// in C.
func QuoteArg(s string, utf8Locale bool) string {
	left, right := "'", "'"
	if utf8Locale {
		left, right = "\u2018", "\u2019"
	}
	var b strings.Builder
	b.WriteString(left)
	for _, u := range units(s, utf8Locale) {
		c := u.s[0]
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case len(u.s) == 1 && cEscapes[c] != 0:
			b.WriteByte('\\')
			b.WriteByte(cEscapes[c])
		case !u.printable:
			octal(&b, u.s)
		case u.s == right:
			b.WriteByte('\\')
			b.WriteString(u.s)
		default:
			b.WriteString(u.s)
		}
	}
	b.WriteString(right)
	return b.String()
}

// QuoteFile quotes a file name as GNU's quoteaf() does (used in "cannot
// open 'x' for reading"): always quoted for the shell, in single quotes,
// unprintable characters as $'\ooo' pieces, and in double quotes when
// the name has a single quote and nothing else that double quotes would
// treat differently from C.
func QuoteFile(s string, utf8Locale bool) string {
	us := units(s, utf8Locale)
	out, st := shellQuote(us, false)
	if !st.singleQuote {
		return out
	}
	if st.allCompat {
		return `"` + s + `"`
	}
	// GNU rescans the name here, carrying over whether an escape was
	// still open at the end of the first pass.
	out, _ = shellQuote(us, st.pending)
	return out
}

// QuoteFileIfNeeded quotes a file name as GNU's quotef() does (used in
// cat's "cat: 'a b': No such file or directory"): as [QuoteFile] when
// the shell would not read the name as itself or it has a colon (which
// would confuse "prog: name: error"), else bare.
func QuoteFileIfNeeded(s string, utf8Locale bool) string {
	us := units(s, utf8Locale)
	for i, u := range us {
		c := u.s[0]
		if !u.printable || len(u.s) == 1 && strings.IndexByte(" '!\"$&()*;<=>[^`|?\\:", c) >= 0 ||
			(c == '{' || c == '}') && len(us) == 1 || (c == '#' || c == '~') && i == 0 {
			return QuoteFile(s, utf8Locale)
		}
	}
	if s == "" {
		return "''"
	}
	return s
}

// shellState is what the first quoting pass learnt.
type shellState struct {
	singleQuote bool // the name has a '
	allCompat   bool // every character means the same in C and in double quotes
	pending     bool // a $'...' piece was open at the end
}

// shellQuote is one pass of GNU's shell-always quoting with escapes.
func shellQuote(us []unit, pending bool) (string, shellState) {
	var b strings.Builder
	st := shellState{allCompat: true}
	b.WriteByte('\'')
	startEsc := func() {
		if !pending {
			b.WriteString(`'$'`)
			pending = true
		}
		b.WriteByte('\\')
	}
	endEsc := func() {
		if pending {
			b.WriteString(`''`)
			pending = false
		}
	}
	for i, u := range us {
		c := u.s[0]
		compat := false
		switch {
		case len(u.s) == 1 && cEscapes[c] != 0:
			startEsc()
			b.WriteByte(cEscapes[c])
		case c == '\'':
			st.singleQuote, compat = true, true
			b.WriteString(`'\''`)
			pending = false
		case len(u.s) == 1 && strings.IndexByte("!\"$&()*;<=>[^`|?\\", c) >= 0:
			endEsc()
			b.WriteByte(c)
		case c == '{' || c == '}':
			compat = len(us) == 1
			endEsc()
			b.WriteByte(c)
		case c == '#' || c == '~':
			compat = i == 0
			endEsc()
			b.WriteByte(c)
		case !u.printable:
			startEsc()
			s := u.s
			b.WriteByte('0' + s[0]>>6)
			b.WriteByte('0' + (s[0]>>3)&7)
			b.WriteByte('0' + s[0]&7)
			if len(s) > 1 {
				octal(&b, s[1:])
			}
		default:
			compat = true
			endEsc()
			b.WriteString(u.s)
		}
		if !compat {
			st.allCompat = false
		}
	}
	st.pending = pending
	b.WriteByte('\'')
	return b.String(), st
}
