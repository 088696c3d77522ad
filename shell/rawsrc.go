package shell

import (
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
)

// bash runs scripts whatever their bytes (a comment in Latin-1 or GBK, a
// here-document holding binary data), but mvdan.cc/sh's parser stops at
// the first byte that is not valid UTF-8. So source text that is not
// valid UTF-8 is parsed in escaped form: each such byte b (0x80-0xFF)
// becomes the rune rawRuneBase+b, a private-use character of plane 16
// (U+10FF80-U+10FFFF) that the lexer takes as a word character like any
// other non-ASCII letter, and the parsed words get the bytes back
// (unescapeStmts). Source that is valid UTF-8 is parsed as it is. Texts
// kept for messages and xtrace (lineReader.lines, srcText) stay escaped,
// since the parser's offsets refer to them, and are unescaped when shown.
const rawRuneBase = 0x10FF00

// escapeRaw returns s with every byte that is not part of valid UTF-8
// replaced by its private-use rune, and whether it replaced any.
func escapeRaw(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, false
	}
	var sb strings.Builder
	sb.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			sb.WriteRune(rawRuneBase + rune(s[i]))
			i++
			continue
		}
		sb.WriteString(s[i : i+w])
		i += w
	}
	return sb.String(), true
}

// unescapeRaw undoes escapeRaw. The escapes are U+10FF80-U+10FFFF, whose
// UTF-8 encodings start with F4 8F BE or F4 8F BF.
func unescapeRaw(s string) string {
	if !strings.Contains(s, "\xf4\x8f\xbe") && !strings.Contains(s, "\xf4\x8f\xbf") {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r >= rawRuneBase+0x80 && r <= rawRuneBase+0xff {
			sb.WriteByte(byte(r - rawRuneBase))
		} else {
			sb.WriteString(s[i : i+w])
		}
		i += w
	}
	return sb.String()
}

// unescapeStmts gives the words of parsed statements their raw bytes
// back (see escapeRaw).
func unescapeStmts(stmts []*syntax.Stmt) {
	for _, st := range stmts {
		syntax.Walk(st, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.Lit:
				n.Value = unescapeRaw(n.Value)
			case *syntax.SglQuoted:
				n.Value = unescapeRaw(n.Value)
			case *syntax.Comment:
				n.Text = unescapeRaw(n.Text)
			}
			return true
		})
	}
}
