package shell

import (
	"errors"
	"os"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/pattern"
)

// Pathname expansion as bash does it: a pattern is split at unescaped
// slashes, each component with pattern characters is matched against
// the directory's entries (hidden names only when the component starts
// with a dot or dotglob is on), and the results are sorted bytewise,
// which is strcoll's order in the C and C.UTF-8 locales.

// noMatchError is failglob's error: the command is not run.
type noMatchError struct{ pat string }

func (e *noMatchError) Error() string { return "no match: " + e.pat }

// globExpand is the last step of a word's expansion: pat is the field
// with its quoted characters backslash-escaped, lit the same field after
// quote removal. Without pattern characters it returns lit; else the
// sorted matches, or per nullglob and failglob nothing, an error, or lit.
func (r *Runner) globExpand(pat, lit string) ([]string, error) {
	if r.opts.noglob || !r.hasGlobMeta(pat) {
		return []string{lit}, nil
	}
	if m := r.globMatches(pat); len(m) > 0 {
		return m, nil
	}
	switch {
	case r.shopts.failglob:
		r.lineAborted = true
		return nil, &noMatchError{lit}
	case r.shopts.nullglob:
		return nil, nil
	}
	return []string{lit}, nil
}

// globMode is the pattern mode of pathname expansion.
func (r *Runner) globMode() pattern.Mode {
	mode := pattern.Filenames | pattern.EntireString | pattern.NoGlobStar | pattern.GlobLeadingDot
	if r.shopts.extglob {
		mode |= pattern.ExtendedOperators
	}
	if r.shopts.nocaseglob {
		mode |= pattern.NoGlobCase
	}
	return mode
}

// hasGlobMeta reports whether pat has an unescaped *, ? or [...], or with
// extglob an unescaped extended operator.
func (r *Runner) hasGlobMeta(pat string) bool {
	open := false
	for i := 0; i < len(pat); i++ {
		switch pat[i] {
		case '\\':
			i++
		case '*', '?':
			return true
		case '[':
			open = true // a pattern only with a closing ']'
		case ']':
			if open {
				return true
			}
		case '+', '@', '!':
			if r.shopts.extglob && i+1 < len(pat) && pat[i+1] == '(' {
				return true
			}
		}
	}
	return false
}

// splitGlobPath splits a pattern at unescaped slashes outside brackets.
func splitGlobPath(pat string) []string {
	var parts []string
	start, depth := 0, 0
	for i := 0; i < len(pat); i++ {
		switch pat[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case '/':
			if depth == 0 {
				parts = append(parts, pat[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, pat[start:])
}

// globMatches returns the sorted paths matching pat, nil when none.
func (r *Runner) globMatches(pat string) []string {
	parts := splitGlobPath(pat)
	matches := []string{""}
	if parts[0] == "" && len(parts) > 1 {
		matches = []string{"/"}
		parts = parts[1:]
	}
	for i, part := range parts {
		last := i == len(parts)-1
		if part == "" {
			// A trailing slash keeps only directories.
			if last {
				var dirs []string
				for _, m := range matches {
					if isDir(r.absPath(m)) {
						dirs = append(dirs, m+"/")
					}
				}
				return sortedGlob(dirs)
			}
			continue
		}
		var next []string
		if part == "**" && r.shopts.globstar {
			for _, m := range matches {
				next = r.globStar(m, !last, next)
			}
			matches = next
			continue
		}
		if !r.hasGlobMeta(part) {
			name := unescapePattern(part)
			for _, m := range matches {
				p := joinGlob(m, name)
				if _, err := os.Lstat(r.absPath(p)); err == nil && (last || isDir(r.absPath(p))) {
					next = append(next, p)
				}
			}
			matches = next
			continue
		}
		match, err := r.globMatcher(part)
		if err != nil {
			return nil
		}
		leadingDot := strings.HasPrefix(part, ".") || strings.HasPrefix(part, `\.`)
		dotOK := r.shopts.dotglob || leadingDot
		withDots := leadingDot && !r.shoptOn("globskipdots")
		for _, m := range matches {
			dir := r.absPath(m)
			if m == "" {
				dir = r.absPath(".")
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				continue
			}
			names := make([]string, 0, len(entries)+2)
			if withDots {
				names = append(names, ".", "..")
			}
			for _, e := range entries {
				names = append(names, e.Name())
			}
			for _, name := range names {
				if name[0] == '.' && !dotOK {
					continue
				}
				if !match(name) {
					continue
				}
				p := joinGlob(m, name)
				if !last && !isDir(r.absPath(p)) {
					continue
				}
				next = append(next, p)
			}
		}
		matches = next
	}
	return sortedGlob(matches)
}

// globStar adds dir itself and every directory below it (with files too
// when files is set), for a `**` component.
func (r *Runner) globStar(dir string, dirsOnly bool, out []string) []string {
	if dir != "" {
		// a/** lists a/ itself, with its slash.
		out = append(out, strings.TrimSuffix(dir, "/")+"/")
	} else if dirsOnly {
		out = append(out, "")
	}
	var walk func(d string)
	walk = func(d string) {
		full := r.absPath(d)
		if d == "" {
			full = r.absPath(".")
		}
		entries, err := os.ReadDir(full)
		if err != nil {
			return
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") && !r.shopts.dotglob {
				continue
			}
			p := joinGlob(d, e.Name())
			isD := e.IsDir()
			if dirsOnly && !isD {
				continue
			}
			out = append(out, p)
			if isD {
				walk(p)
			}
		}
	}
	walk(dir)
	return out
}

func joinGlob(dir, name string) string {
	switch {
	case dir == "":
		return name
	case strings.HasSuffix(dir, "/"):
		return dir + name
	}
	return dir + "/" + name
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func sortedGlob(m []string) []string {
	if len(m) == 0 {
		return nil
	}
	out := m[:0]
	for _, s := range m {
		if s != "" {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// globMatcher compiles one path component (cached). Pattern and names
// are matched as char strings (see locale.go), so that in the C locale
// every byte is a character and bytes >= 0x80 never fold case.
func (r *Runner) globMatcher(part string) (func(string) bool, error) {
	m, err := cachedMatcher(r.chars(part), r.globMode())
	if err != nil {
		return nil, err
	}
	return func(name string) bool { return m(r.chars(name)) }, nil
}

// patternKey identifies a shell pattern compiled in a given mode.
type patternKey struct {
	mode pattern.Mode
	pat  string
}

var matcherCache patternCache[patternKey, func(string) bool]

// cachedMatcher is extMatcher with a cache.
func cachedMatcher(pat string, mode pattern.Mode) (func(string) bool, error) {
	return matcherCache.get(patternKey{mode, pat}, func() (func(string) bool, error) {
		return extMatcher(pat, mode)
	})
}

// extMatcher compiles a pattern, handling the !(...) operator that Go's
// regexp cannot express: the string is split around the first negated
// group in every way, and the middle must not match its alternatives.
func extMatcher(pat string, mode pattern.Mode) (func(string) bool, error) {
	if mode&^pattern.ExtendedOperators == pattern.EntireString {
		if pieces, ok := starPattern(pat, mode&pattern.ExtendedOperators != 0); ok {
			return func(s string) bool { return starMatch(pieces, s) }, nil
		}
	}
	expr, err := pattern.Regexp(pat, mode)
	if err == nil {
		rx, err := regexp.Compile("(?s)" + expr)
		if err != nil {
			return nil, err
		}
		return rx.MatchString, nil
	}
	var neg *pattern.NegExtGlobError
	if !errors.As(err, &neg) || len(neg.Groups) == 0 {
		return nil, err
	}
	g := neg.Groups[0]
	prefix, err := extMatcher(pat[:g.Start], mode)
	if err != nil {
		return nil, err
	}
	inner, err := extMatcher("@"+pat[g.Start+1:g.End], mode)
	if err != nil {
		return nil, err
	}
	suffix, err := extMatcher(pat[g.End:], mode)
	if err != nil {
		return nil, err
	}
	return func(s string) bool {
		for i := 0; i <= len(s); i++ {
			if i < len(s) && !utf8.RuneStart(s[i]) || !prefix(s[:i]) {
				continue
			}
			for j := i; j <= len(s); j++ {
				if j < len(s) && !utf8.RuneStart(s[j]) {
					continue
				}
				if !inner(s[i:j]) && suffix(s[j:]) {
					return true
				}
			}
		}
		return false
	}, nil
}
