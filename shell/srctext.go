package shell

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// srcText is the text a program was parsed from, so that words and
// arithmetic can be shown as they were written (declare -f, set -x), as
// bash shows them. Offsets are those of syntax.Pos.
type srcText struct {
	// One of lr (the live reader of a script: the lines read so far),
	// lines (a snapshot of such a reader) or text holds the text.
	lr    *lineReader
	lines []string
	text  string
	// base is the offset of the first byte.
	base int

	joined  string
	joinedN int
}

// snapshot returns a copy that a subshell may read while the parent goes
// on reading lines.
func (s *srcText) snapshot() *srcText {
	switch {
	case s == nil:
		return nil
	case s.lr != nil:
		n := len(s.lr.lines)
		return &srcText{lines: s.lr.lines[:n:n], base: s.base}
	case s.lines != nil:
		return &srcText{lines: s.lines, base: s.base}
	}
	return s // text only: immutable
}

func (s *srcText) str() string {
	lines := s.lines
	if s.lr != nil {
		lines = s.lr.lines
	}
	if lines == nil {
		return s.text
	}
	if s.joinedN != len(lines) {
		s.joined, s.joinedN = strings.Join(lines, ""), len(lines)
	}
	return s.joined
}

// slice returns the text between two positions, as written (rawsrc.go).
func (s *srcText) slice(from, to syntax.Pos) (string, bool) {
	t, ok := s.escapedSlice(from, to)
	return unescapeRaw(t), ok
}

// escapedSlice is slice as the parser saw the text: its offsets.
func (s *srcText) escapedSlice(from, to syntax.Pos) (string, bool) {
	if s == nil || !from.IsValid() || !to.IsValid() {
		return "", false
	}
	t := s.str()
	a, b := int(from.Offset())-s.base, int(to.Offset())-s.base
	if a < 0 || b > len(t) || a > b {
		return "", false
	}
	return t[a:b], true
}

// nodeText returns a node's text as written, or as mvdan's printer shows
// it when the text is not at hand.
func (s *srcText) nodeText(n syntax.Node) string {
	if t, ok := s.slice(n.Pos(), n.End()); ok {
		return t
	}
	var sb strings.Builder
	syntax.NewPrinter(syntax.SingleLine(true)).Print(&sb, n)
	return sb.String()
}

// declText returns the text of a function declaration as its own srcText.
func (s *srcText) declText(fd *syntax.FuncDecl) *srcText {
	t, ok := s.escapedSlice(fd.Pos(), fd.End())
	if !ok {
		return nil
	}
	return &srcText{text: t, base: int(fd.Pos().Offset())}
}
