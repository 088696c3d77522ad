package shell

import (
	"regexp"
	"strings"

	"mvdan.cc/sh/v3/pattern"
)

// matcher applies one shell pattern to strings for the parameter
// expansion operators. Subjects and the pattern are char strings (see
// locale.go), so ? and [...] match what bash's locale says is a character.
type matcher struct {
	r *Runner
	*compiledPattern
}

// compiledPattern is the locale-independent part of a matcher, cached by
// pattern: ${s#p} in a loop compiles its regexps once.
type compiledPattern struct {
	expr string // regexp source of the pattern, "" if invalid
	lit  string // the pattern without escapes when it has no meta
	meta bool
	// stars is the pattern's literal pieces around '*' when that is its
	// only metacharacter (starpat.go): whole-string matches then compare
	// pieces instead of running full.
	stars []string

	full, prefix, prefixLong, suffixLong, suffixShort, any *regexp.Regexp
}

var compiledPatterns patternCache[patternKey, *compiledPattern]

func (r *Runner) newMatcher(pat string) *matcher {
	mode := pattern.Mode(0)
	if r.shopts.extglob {
		mode |= pattern.ExtendedOperators
	}
	pat = r.chars(pat)
	cp, _ := compiledPatterns.get(patternKey{mode, pat}, func() (*compiledPattern, error) {
		return compilePattern(pat, mode), nil
	})
	return &matcher{r: r, compiledPattern: cp}
}

// compilePattern compiles a char-string pattern for every operator.
func compilePattern(pat string, mode pattern.Mode) *compiledPattern {
	m := &compiledPattern{}
	if !hasPatternMeta(pat, mode) {
		m.lit = unescapePattern(pat)
		return m
	}
	m.meta = true
	expr, err := pattern.Regexp(pat, mode)
	if err != nil {
		m.meta = false
		m.lit = unescapePattern(pat)
		return m
	}
	short, err := pattern.Regexp(pat, mode|pattern.Shortest)
	if err != nil {
		short = expr
	}
	m.expr = expr
	m.stars, _ = starPattern(pat, mode&pattern.ExtendedOperators != 0)
	m.full = regexp.MustCompile("(?s)^(?:" + expr + ")$")
	m.prefix = regexp.MustCompile("(?s)^(?:" + short + ")")
	m.prefixLong = regexp.MustCompile("(?s)^(?:" + expr + ")")
	m.prefixLong.Longest()
	m.suffixLong = regexp.MustCompile("(?s)(?:" + expr + ")$")
	m.suffixShort = regexp.MustCompile("(?s)^.*(" + short + ")$")
	m.any = regexp.MustCompile("(?s)(?:" + expr + ")")
	m.any.Longest()
	return m
}

// fullMatch reports whether the char string c matches the whole pattern,
// which has metacharacters.
func (m *compiledPattern) fullMatch(c string) bool {
	if m.stars != nil {
		return starMatch(m.stars, c)
	}
	return m.full.MatchString(c)
}

// matchChar reports whether the one-character char string c matches.
func (m *matcher) matchChar(c string) bool {
	if !m.meta {
		return c == m.lit
	}
	return m.fullMatch(c)
}

// remove implements ${s#p} ${s##p} ${s%p} ${s%%p}.
func (m *matcher) remove(s string, suffix, long bool) string {
	c := m.r.chars(s)
	if !m.meta {
		if suffix && strings.HasSuffix(c, m.lit) {
			return m.r.unchars(c[:len(c)-len(m.lit)])
		}
		if !suffix && strings.HasPrefix(c, m.lit) {
			return m.r.unchars(c[len(m.lit):])
		}
		return s
	}
	switch {
	case !suffix && !long:
		// Shortest prefix: try each boundary in turn.
		for i := 0; i <= len(c); i++ {
			if i > 0 && i < len(c) && !isRuneStart(c[i]) {
				continue
			}
			if m.fullMatch(c[:i]) {
				return m.r.unchars(c[i:])
			}
		}
		return s
	case !suffix:
		if loc := m.prefixLong.FindStringIndex(c); loc != nil {
			return m.r.unchars(c[loc[1]:])
		}
	case long:
		for i := 0; i <= len(c); i++ {
			if i > 0 && i < len(c) && !isRuneStart(c[i]) {
				continue
			}
			if m.fullMatch(c[i:]) {
				return m.r.unchars(c[:i])
			}
		}
	default:
		for i := len(c); i >= 0; i-- {
			if i > 0 && i < len(c) && !isRuneStart(c[i]) {
				continue
			}
			if m.fullMatch(c[i:]) {
				return m.r.unchars(c[:i])
			}
		}
	}
	return s
}

func isRuneStart(b byte) bool { return b&0xc0 != 0x80 }

// replace implements ${s/p/r}, ${s//p/r}, ${s/#p/r} and ${s/%p/r}; with
// is the replacement with quoted & and \ escaped.
func (m *matcher) replace(s, with string, all bool, anchor byte) string {
	c := m.r.chars(s)
	w := m.r.chars(with)
	var locBuf [8][2]int // room for the usual few matches
	locs := locBuf[:0]
	switch anchor {
	case '#':
		if !m.meta {
			if strings.HasPrefix(c, m.lit) {
				locs = append(locs, [2]int{0, len(m.lit)})
			}
		} else if loc := m.prefixLong.FindStringIndex(c); loc != nil {
			locs = append(locs, [2]int{loc[0], loc[1]})
		}
	case '%':
		if !m.meta {
			if strings.HasSuffix(c, m.lit) {
				locs = append(locs, [2]int{len(c) - len(m.lit), len(c)})
			}
		} else {
			for i := 0; i <= len(c); i++ {
				if i > 0 && i < len(c) && !isRuneStart(c[i]) {
					continue
				}
				if m.fullMatch(c[i:]) {
					locs = append(locs, [2]int{i, len(c)})
					break
				}
			}
		}
	default:
		n := 1
		if all {
			n = -1
		}
		if !m.meta {
			if m.lit == "" {
				return s
			}
			for i := 0; n != 0; n-- {
				j := strings.Index(c[i:], m.lit)
				if j < 0 {
					break
				}
				locs = append(locs, [2]int{i + j, i + j + len(m.lit)})
				i += j + len(m.lit)
			}
		} else {
			for _, loc := range m.any.FindAllStringIndex(c, -1) {
				if loc[0] == loc[1] {
					continue
				}
				locs = append(locs, [2]int{loc[0], loc[1]})
				if !all {
					break
				}
			}
		}
	}
	if len(locs) == 0 {
		return s
	}
	var sb strings.Builder
	last := 0
	for _, loc := range locs {
		sb.WriteString(c[last:loc[0]])
		writeReplacement(&sb, w, c[loc[0]:loc[1]], m.r.shopts.other>>38&1 == 1)
		last = loc[1]
	}
	sb.WriteString(c[last:])
	return m.r.unchars(sb.String())
}

// writeReplacement writes with, an unescaped & standing for the match.
func writeReplacement(sb *strings.Builder, with, match string, noAmp bool) {
	for i := 0; i < len(with); i++ {
		switch ch := with[i]; {
		case ch == '\\' && i+1 < len(with):
			i++
			if noAmp && with[i] != '&' && with[i] != '\\' {
				sb.WriteByte('\\')
			}
			sb.WriteByte(with[i])
		case ch == '&' && !noAmp:
			sb.WriteString(match)
		default:
			sb.WriteByte(ch)
		}
	}
}

// hasPatternMeta is pattern.HasMeta that also sees extglob groups.
func hasPatternMeta(pat string, mode pattern.Mode) bool {
	if pattern.HasMeta(pat, mode) {
		return true
	}
	if mode&pattern.ExtendedOperators == 0 {
		return false
	}
	for i := 0; i+1 < len(pat); i++ {
		switch pat[i] {
		case '\\':
			i++
		case '?', '*', '+', '@', '!':
			if pat[i+1] == '(' {
				return true
			}
		}
	}
	return false
}
