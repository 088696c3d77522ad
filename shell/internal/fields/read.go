// Package fields implements the field splitting done by bash's read
// builtin (bash 5.2), including backslash escaping, IFS white space
// versus other IFS characters, the treatment of the last name, and the
// multibyte quirks of a UTF-8 locale.
//
// The implementation works like bash: the line is first turned into an
// internal form in which every escaped character is preceded by a marker
// byte (bash's CTLESC, 0x01), the internal form is split, and the markers
// are removed from each resulting value. Doing it the same way keeps the
// odd corner cases identical, such as an escaped multibyte character
// whose second byte is also a byte of a multibyte IFS character.
package fields

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"tcpsh/shell/internal/mbchar"
)

// DefaultIFS is the value bash uses when IFS is unset.
const DefaultIFS = " \t\n"

const (
	ctlEsc = 0x01 // bash's CTLESC quoting marker
	ctlNul = 0x7f // bash's CTLNUL quoted-null marker
)

// SplitReadLocale splits line, the bytes read before the delimiter, for
// n names and returns exactly n values; with n <= 0 it returns every
// field, as for read -a (nil when there is none). ifs is IFS's value
// (pass DefaultIFS when IFS is unset).
//
// Backslashes (raw false, i.e. read without -r): a backslash quotes the
// following character, which is then kept literally and never separates
// fields or counts as white space to strip; the backslash is removed. A
// backslash-newline pair is removed entirely (line continuation; a
// caller that joins continued lines itself gets the same result) and a
// backslash at the very end of line (input ended after it) is dropped,
// except that a name whose whole value it was gets the byte 0x01, as in
// bash. If IFS contains the byte
// 0x01 bash cannot mark escapes, so backslashes are still removed but no
// longer protect separators. With raw true backslashes are ordinary.
// NUL bytes are dropped, as bash's read drops them.
//
// Separators: characters of IFS that are space, tab or newline are IFS
// white space: runs of them separate fields and are stripped at both ends
// of the line. Every other IFS character separates exactly one field
// together with adjacent IFS white space, so "a::b" has an empty middle
// field. Bash treats \v, \f and \r in IFS as white space only in some
// places (before a field, and after it when IFS is not exactly
// " \t\n"); this is reproduced. With an empty IFS nothing is split or
// stripped: the first name gets the whole line.
//
// The last name (n >= 1) gets the rest of the line after n-1 fields,
// without trailing IFS white space and with its inner separators kept,
// except that a rest made of a single field followed only by its
// separator yields just the field ("x:" gives "x", "x::" stays "x::").
//
// Characters: with utf8 true (a UTF-8 locale), a byte >= 0x80 starts a
// unit that, like bash's read, extends over the following bytes while
// they form an incomplete UTF-8 prefix and includes the byte that makes
// it invalid (so in "\xc3\\" the backslash is literal); a valid
// multibyte character separates only if it is an IFS character, and a
// byte that is not part of a valid character separates if that byte
// occurs anywhere in IFS. With utf8 false (LC_ALL=C) every byte is a
// character.
func SplitReadLocale(line, ifs string, n int, raw, utf8 bool) []string {
	var s splitter
	s.init(ifs, utf8)
	t := s.internal(line, raw)
	if n <= 0 {
		return s.listString(t)
	}
	out := make([]string, n)
	pos := 0
	if ifs != "" {
		for pos < len(t) && isSpcTabNL(t[pos]) && s.ifsBytes[t[pos]] {
			pos++
		}
	}
	for k := 0; k < n-1; k++ {
		if pos >= len(t) {
			return out
		}
		start, end, next, ok := s.getWord(t, pos)
		if ok {
			out[k] = s.value(t[start:end])
		}
		pos = next
	}
	if pos < len(t) {
		start, end, next, ok := s.getWord(t, pos)
		switch {
		case next < len(t):
			out[n-1] = s.value(s.stripTrailing(t[pos:]))
		case ok:
			out[n-1] = s.value(t[start:end])
		}
	}
	return out
}

// NeedMoreBytes reports whether bash's read, having read unit (a
// character in progress that starts with a byte >= 0x80), reads one more
// byte into the same character in a UTF-8 locale: true while unit is an
// incomplete UTF-8 sequence. A reader that wants bash's exact behaviour
// uses it to avoid taking a delimiter byte that bash would swallow into a
// malformed character. It is always false when utf8 is false.
func NeedMoreBytes(unit []byte, utf8Locale bool) bool {
	if !utf8Locale || len(unit) == 0 || unit[0] < utf8.RuneSelf {
		return false
	}
	_, _, st := mbchar.Decode(unit)
	return st == mbchar.Incomplete
}

// splitter holds the IFS-derived state of one split.
type splitter struct {
	ifs       string
	utf8      bool
	shStyle   bool // IFS is exactly " \t\n"
	noCtlEsc  bool // IFS contains CTLESC
	noCtlNul  bool // IFS contains CTLNUL
	sawEscape bool
	ifsBytes  [256]bool
	ifsRunes  []rune // IFS characters a valid multibyte character may match
	pending   []byte // glibc mbtowc's hidden state, see mbtowc
}

// init sets s up for splitting with ifs.
func (s *splitter) init(ifs string, utf8Locale bool) {
	*s = splitter{ifs: ifs, utf8: utf8Locale, shStyle: ifs == DefaultIFS}
	for i := 0; i < len(ifs); i++ {
		s.ifsBytes[ifs[i]] = true
	}
	s.noCtlEsc = s.ifsBytes[ctlEsc]
	s.noCtlNul = s.ifsBytes[ctlNul]
	if utf8Locale {
		s.ifsRunes = ifsMultibyte(ifs)
	}
}

// internal builds bash's internal form of the line.
func (s *splitter) internal(line string, raw bool) []byte {
	t := make([]byte, 0, len(line)+8)
	passNext := false
	for i := 0; i < len(line); {
		c := line[i]
		i++
		if passNext {
			passNext = false
			if c == '\n' {
				if !s.noCtlEsc && len(t) > 0 {
					t = t[:len(t)-1]
				}
				continue
			}
			if c == 0 {
				// bash stores the escaped NUL, which ends its C string.
				return t
			}
		} else {
			if c == '\\' && !raw {
				passNext = true
				if !s.noCtlEsc {
					s.sawEscape = true
					t = append(t, ctlEsc)
				}
				continue
			}
			if c == 0 {
				continue
			}
			if (!s.noCtlEsc && c == ctlEsc) || (!s.noCtlNul && c == ctlNul) {
				s.sawEscape = true
				t = append(t, ctlEsc)
			}
		}
		t = append(t, c)
		if s.utf8 && c >= utf8.RuneSelf {
			start := i - 1
			for i < len(line) && incomplete(line[start:i]) {
				if line[i] == 0 {
					// Swallowed into a malformed character, the NUL
					// ends bash's C string.
					return t
				}
				t = append(t, line[i])
				i++
			}
		}
	}
	return t
}

// charLen is the length of the character at t[i]: a valid multibyte
// character in a UTF-8 locale, otherwise one byte.
func (s *splitter) charLen(t []byte, i int) int {
	if !s.utf8 || t[i] < utf8.RuneSelf {
		return 1
	}
	_, size, _ := mbchar.Decode(t[i:])
	return size
}

// incomplete reports whether unit is an incomplete UTF-8 sequence.
func incomplete(unit string) bool {
	_, _, st := mbchar.Decode(unit)
	return st == mbchar.Incomplete
}

// wordEnd scans a field from i and returns the index of the separator
// that ends it (or len(t)). Escaped bytes are skipped two at a time.
func (s *splitter) wordEnd(t []byte, i int) int {
	if s.ifs == "" {
		return len(t)
	}
	for i < len(t) {
		c := t[i]
		if (!s.noCtlEsc && c == ctlEsc) || (!s.noCtlNul && c == ctlEsc && i+1 < len(t) && t[i+1] == ctlNul) {
			i += 2
			if i > len(t) {
				return len(t)
			}
			continue
		}
		if s.utf8 && c >= utf8.RuneSelf {
			if r, ok := s.mbtowc(t[i:]); ok {
				if s.runeIsSep(r) {
					return i
				}
			} else if s.ifsBytes[c] {
				return i
			}
			i += s.charLen(t, i)
			continue
		}
		if c != 0 && s.ifsBytes[c] {
			return i
		}
		i++
	}
	return i
}

// runeIsSep reports whether a valid multibyte character is in IFS.
func (s *splitter) runeIsSep(r rune) bool {
	for _, x := range s.ifsRunes {
		if x == r {
			return true
		}
	}
	return false
}

// whitesep is bash's "IFS white space" test used around separators.
func (s *splitter) whitesep(c byte) bool {
	if s.shStyle {
		return isSpcTabNL(c)
	}
	return isCSpace(c)
}

// getWord extracts the field at pos the way bash's read does for one
// name: IFS white space before it is skipped, the field ends at an IFS
// character, and its separator (plus IFS white space, and one following
// non-white IFS byte when the separator was white) is consumed. ok is
// false when only white space remained.
func (s *splitter) getWord(t []byte, pos int) (start, end, next int, ok bool) {
	for pos < len(t) && s.whitesep(t[pos]) && s.ifsBytes[t[pos]] {
		pos++
	}
	if pos >= len(t) {
		return pos, pos, pos, false
	}
	end = s.wordEnd(t, pos)
	return pos, end, s.skipSep(t, end, true), true
}

// skipSep returns the index after the separator at t[i] (i itself at the
// end): the separator character, the IFS white space after it (with
// strict, as read's own loop has it, only space, tab and newline; else
// whitesep's), and, when the separator was white space, one following
// non-white IFS byte with the IFS white space after that.
func (s *splitter) skipSep(t []byte, i int, strict bool) int {
	if i >= len(t) {
		return i
	}
	white := s.whitesep(t[i])
	i += s.charLen(t, i)
	for i < len(t) && s.ifsBytes[t[i]] && (isSpcTabNL(t[i]) || !strict && s.whitesep(t[i])) {
		i++
	}
	if i < len(t) && white && s.ifsBytes[t[i]] && !s.whitesep(t[i]) {
		i++
		for i < len(t) && s.whitesep(t[i]) && s.ifsBytes[t[i]] {
			i++
		}
	}
	return i
}

// stripTrailing removes trailing IFS space/tab/newline (also escaped
// ones), never the first byte.
func (s *splitter) stripTrailing(t []byte) []byte {
	i := len(t) - 1
	for i > 0 {
		c := t[i]
		if isSpcTabNL(c) && s.ifsBytes[c] {
			i--
			continue
		}
		if s.sawEscape && c == ctlEsc && i+1 < len(t) && isSpcTabNL(t[i+1]) {
			i--
			continue
		}
		break
	}
	return t[:i+1]
}

// value turns a piece of the internal form into the final string.
func (s *splitter) value(t []byte) string {
	if !s.sawEscape {
		return string(t)
	}
	return dequote(t)
}

// dequote removes the escape markers.
func dequote(t []byte) string {
	switch {
	case len(t) == 1 && t[0] == ctlNul:
		return ""
	case len(t) == 1 && t[0] == ctlEsc:
		// bash keeps a lone marker (left by a final backslash).
		return string(t)
	}
	var out strings.Builder
	out.Grow(len(t))
	for i := 0; i < len(t); i++ {
		if t[i] == ctlEsc {
			i++
			if i >= len(t) {
				break
			}
		}
		out.WriteByte(t[i])
	}
	return out.String()
}

// removeQuotedNulls deletes unescaped CTLNUL bytes.
func removeQuotedNulls(t []byte) []byte {
	if bytes.IndexByte(t, ctlNul) < 0 {
		return t
	}
	out := t[:0:0]
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == ctlEsc:
			out = append(out, t[i])
			if i+1 < len(t) {
				i++
				out = append(out, t[i])
			}
		case t[i] != ctlNul:
			out = append(out, t[i])
		}
	}
	return out
}

// listString splits the whole internal form as read -a does (bash's
// general word splitting).
func (s *splitter) listString(t []byte) []string {
	if len(t) == 0 {
		return nil
	}
	pos := 0
	if s.ifs != "" {
		for pos < len(t) && s.ifsBytes[t[pos]] && isCSpace(t[pos]) {
			pos++
		}
		if pos >= len(t) {
			return nil
		}
	}
	var words [][]byte
	for pos < len(t) {
		end := s.wordEnd(t, pos)
		w := t[pos:end]
		switch {
		case len(w) > 0:
			words = append(words, removeQuotedNulls(w))
		case !s.shStyle && end < len(t) && !isCSpace(t[end]):
			words = append(words, nil)
		}
		pos = s.skipSep(t, end, false)
	}
	out := make([]string, len(words))
	for i, w := range words {
		if s.sawEscape {
			out[i] = dequote(w)
		} else {
			out[i] = string(w)
		}
	}
	return out
}

func isSpcTabNL(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

func isCSpace(c byte) bool { return c == ' ' || (c >= '\t' && c <= '\r') }
