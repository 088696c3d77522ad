package shell

import "strings"

// Star patterns: the fast path of pattern matching. Most patterns in
// scripts are literal text around '*' (`*.tar.gz`, `*/`, `.*`,
// `Content-Length:*`); they are matched here by comparing their literal
// pieces, without compiling or running a regexp. Patterns with ?, [...]
// or an extglob group go to the regexp as before.

// starPattern splits pat around its unescaped '*' into literal pieces
// (escapes removed): "*.tar.gz" gives ["", ".tar.gz"], "a*b*c" gives
// ["a", "b", "c"]. ok is false when pat has another metacharacter (?, [,
// a trailing backslash, or with ext an extglob group), or no '*' at all
// (a literal is matched by the callers' own fast paths).
func starPattern(pat string, ext bool) (pieces []string, ok bool) {
	var sb strings.Builder
	stars := 0
	for i := 0; i < len(pat); i++ {
		switch c := pat[i]; c {
		case '\\':
			if i+1 == len(pat) {
				return nil, false
			}
			i++
			sb.WriteByte(pat[i])
		case '?', '[':
			return nil, false
		case '*':
			if ext && i+1 < len(pat) && pat[i+1] == '(' {
				return nil, false
			}
			pieces = append(pieces, sb.String())
			sb.Reset()
			stars++
		case '+', '@', '!':
			if ext && i+1 < len(pat) && pat[i+1] == '(' {
				return nil, false
			}
			sb.WriteByte(c)
		default:
			sb.WriteByte(c)
		}
	}
	if stars == 0 {
		return nil, false
	}
	return append(pieces, sb.String()), true
}

// starMatch reports whether s matches the star pattern of pieces (from
// starPattern) entirely. The first piece must begin s and the last end
// it; each one between is taken at its leftmost place after the one
// before, which finds a match whenever there is one. s and the pieces
// are char strings (locale.go), in which a piece can only be found at a
// character boundary.
func starMatch(pieces []string, s string) bool {
	first, last := pieces[0], pieces[len(pieces)-1]
	if len(s) < len(first)+len(last) || !strings.HasPrefix(s, first) || !strings.HasSuffix(s, last) {
		return false
	}
	s = s[len(first) : len(s)-len(last)]
	for _, p := range pieces[1 : len(pieces)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}
