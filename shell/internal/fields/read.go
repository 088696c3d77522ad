// Package fields implements the field splitting done by bash's read
// builtin (bash 5.2), including backslash escaping, IFS white space
// versus other IFS characters, and the treatment of the last name.
package fields

import (
	"strings"
	"unicode/utf8"
)

// DefaultIFS is the value bash uses when IFS is unset.
const DefaultIFS = " \t\n"

// SplitRead splits one line read by the read builtin as bash 5.2 does in
// a UTF-8 locale; it is SplitReadLocale(line, ifs, n, raw, true).
func SplitRead(line, ifs string, n int, raw bool) []string {
	return SplitReadLocale(line, ifs, n, raw, true)
}

// SplitReadLocale splits line (already without its delimiter) for n
// names and returns exactly n values; with n <= 0 it returns every field,
// as for read -a (nil when there are none).
//
// Backslashes (raw false, i.e. read without -r): a backslash quotes the
// following character, which is then kept literally and never acts as a
// separator or as white space to trim; the backslash itself is removed. A
// backslash-newline pair is removed entirely (line continuation; the
// caller normally joins continued lines before calling, which gives the
// same result) and a backslash at the very end of line is dropped.
// With raw true backslashes are ordinary characters.
//
// Separators: the caller passes IFS's value (DefaultIFS when IFS is
// unset). Characters of IFS that are C white space (space, \t, \n, \v, \f,
// \r) are "IFS white space": runs of them separate fields and are trimmed
// at both ends of the line. Every other IFS character separates exactly
// one field, together with any IFS white space around it, so "a::b" has
// an empty middle field. With an empty IFS nothing is split or trimmed:
// the first name gets the whole line.
//
// The last name (n >= 1) gets the rest of the line after n-1 fields with
// trailing IFS white space removed and inner separators kept, except that
// when the rest is a single field followed only by its separator that
// separator is dropped too ("x:" gives "x", but "x::" stays "x::").
//
// Characters: with utf8 true a valid UTF-8 sequence is one character
// that separates only if IFS contains the same character, while a byte
// that is not part of a valid sequence separates if that byte occurs
// anywhere in IFS. With utf8 false (LC_ALL=C) every byte is a character.
func SplitReadLocale(line, ifs string, n int, raw, utf8 bool) []string {
	s := &splitter{ifs: ifs, utf8: utf8}
	s.prepare(line, raw)
	if n <= 0 {
		return s.all()
	}
	out := make([]string, n)
	if ifs == "" {
		out[0] = s.text
		return out
	}
	pos := s.skipWhite(0)
	for k := 0; k < n-1; k++ {
		if pos >= len(s.text) {
			return out
		}
		var end int
		end, pos = s.word(pos)
		out[k] = s.text[s.wordStart:end]
	}
	out[n-1] = s.last(pos)
	return out
}

// splitter holds a dequoted line and which of its bytes were quoted.
type splitter struct {
	ifs       string
	utf8      bool
	text      string
	quoted    []bool // nil when nothing was quoted
	wordStart int
	ifsBytes  [256]bool
}

// prepare removes backslash quoting, recording the quoted bytes.
func (s *splitter) prepare(line string, raw bool) {
	for i := 0; i < len(s.ifs); i++ {
		s.ifsBytes[s.ifs[i]] = true
	}
	if raw || strings.IndexByte(line, '\\') < 0 {
		s.text = line
		return
	}
	b := make([]byte, 0, len(line))
	q := make([]bool, 0, len(line))
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c != '\\' {
			b = append(b, c)
			q = append(q, false)
			continue
		}
		i++
		if i >= len(line) || line[i] == '\n' {
			continue
		}
		w := 1
		if s.utf8 {
			if r, size := utf8.DecodeRuneInString(line[i:]); r != utf8.RuneError {
				w = size
			}
		}
		for j := 0; j < w; j++ {
			b = append(b, line[i+j])
			q = append(q, true)
		}
		i += w - 1
	}
	s.text = string(b)
	s.quoted = q
}

// sepAt classifies the character at i: its width, whether it is an
// unquoted IFS character and whether that character is IFS white space.
func (s *splitter) sepAt(i int) (width int, sep, white bool) {
	c := s.text[i]
	if c < utf8.RuneSelf || !s.utf8 {
		if s.quoted != nil && s.quoted[i] {
			return 1, false, false
		}
		if !s.ifsBytes[c] {
			return 1, false, false
		}
		return 1, true, isSpace(c)
	}
	r, size := utf8.DecodeRuneInString(s.text[i:])
	if r == utf8.RuneError {
		if s.quoted != nil && s.quoted[i] {
			return 1, false, false
		}
		return 1, s.ifsBytes[c], false
	}
	if s.quoted != nil && s.quoted[i] {
		return size, false, false
	}
	return size, strings.Contains(s.ifs, s.text[i:i+size]), false
}

// skipWhite skips IFS white space starting at pos.
func (s *splitter) skipWhite(pos int) int {
	for pos < len(s.text) {
		w, sep, white := s.sepAt(pos)
		if !sep || !white {
			break
		}
		pos += w
	}
	return pos
}

// word scans the field starting at pos (recorded in s.wordStart) and
// its separator: IFS white space, at most one other IFS character, and
// IFS white space again. It returns the end of the field and the start of
// whatever follows the separator.
func (s *splitter) word(pos int) (end, next int) {
	s.wordStart = pos
	for pos < len(s.text) {
		w, sep, _ := s.sepAt(pos)
		if sep {
			break
		}
		pos += w
	}
	end = pos
	pos = s.skipWhite(pos)
	if pos < len(s.text) {
		if w, sep, white := s.sepAt(pos); sep && !white {
			pos = s.skipWhite(pos + w)
		}
	}
	return end, pos
}

// last returns the value for the last name from pos on.
func (s *splitter) last(pos int) string {
	if pos >= len(s.text) {
		return ""
	}
	end := s.trimEnd(pos)
	rest := s.text[pos:end]
	save := s.text
	s.text = s.text[:end]
	wend, next := s.word(pos)
	s.text = save
	if next >= end {
		return s.text[s.wordStart:wend]
	}
	return rest
}

// trimEnd returns the end of the text after removing trailing unquoted
// IFS white space that starts at or after pos.
func (s *splitter) trimEnd(pos int) int {
	end := len(s.text)
	for end > pos {
		c := s.text[end-1]
		if !isSpace(c) || !s.ifsBytes[c] || (s.quoted != nil && s.quoted[end-1]) {
			break
		}
		end--
	}
	return end
}

// all returns every field, as read -a does.
func (s *splitter) all() []string {
	if s.ifs == "" {
		if s.text == "" {
			return nil
		}
		return []string{s.text}
	}
	var out []string
	pos := s.skipWhite(0)
	for pos < len(s.text) {
		var end int
		end, pos = s.word(pos)
		out = append(out, s.text[s.wordStart:end])
	}
	return out
}

func isSpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r')
}
