package shell

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// reChar is one character of the right side of [[ s =~ re ]]. A quoted
// character (from quotes or a backslash in the word itself) always
// matches itself.
type reChar struct {
	r      rune
	quoted bool
}

// errBadRegex marks a pattern that POSIX regcomp would refuse; =~ then
// returns 2.
var errBadRegex = errors.New("invalid regular expression")

// maxRepeat is RE_DUP_MAX: the largest count of an interval.
const maxRepeat = 0x7fff

// latin1 maps s to the C locale's char string (see locale.go): one rune
// per byte, as reChars reads a pattern in the C locale. Despite the name,
// bytes >= 0x80 become private-use runes rather than Latin-1 letters, so
// that (?i) does not fold them: in bash's C locale they have no case.
func latin1(s string) string { return toChars(s, false) }

// unlatin1 undoes latin1.
func unlatin1(s string) string { return fromChars(s) }

// reChars splits s into characters: runes under UTF-8, bytes in the C
// locale (mapped as latin1 maps them).
func reChars(s string, quoted, utf8Locale bool) []reChar {
	var out []reChar
	if utf8Locale {
		for _, c := range s {
			out = append(out, reChar{c, quoted})
		}
		return out
	}
	for _, c := range latin1(s) {
		out = append(out, reChar{c, quoted})
	}
	return out
}

// ereTranslator turns a POSIX extended regular expression, as glibc's
// regcomp(REG_EXTENDED) reads it, into Go regexp syntax.
type ereTranslator struct {
	in   []reChar
	pos  int
	utf8 bool
	out  strings.Builder
}

// translateERE converts a POSIX ERE into an equivalent Go regexp source:
// brackets are read the POSIX way (backslash is literal, ']' first is a
// member), stacked repetitions and `{,n}` are accepted, unknown escapes
// are literal, and `.` matches a newline.
func translateERE(in []reChar, utf8Locale bool) (string, error) {
	t := &ereTranslator{in: in, utf8: utf8Locale}
	t.out.WriteString("(?s)")
	if err := t.alternation(0); err != nil {
		return "", err
	}
	if t.pos < len(t.in) {
		return "", errBadRegex
	}
	return t.out.String(), nil
}

func (t *ereTranslator) peek() (reChar, bool) {
	if t.pos < len(t.in) {
		return t.in[t.pos], true
	}
	return reChar{}, false
}

// alternation reads branches separated by '|' until the end or a ')'
// closing a group of the given depth.
func (t *ereTranslator) alternation(depth int) error {
	for {
		if err := t.branch(depth); err != nil {
			return err
		}
		c, ok := t.peek()
		if !ok {
			return nil
		}
		if !c.quoted && c.r == '|' {
			t.pos++
			t.out.WriteByte('|')
			continue
		}
		if !c.quoted && c.r == ')' && depth > 0 {
			return nil
		}
	}
}

// branch reads pieces until '|', a closing ')' or the end.
func (t *ereTranslator) branch(depth int) error {
	atomStart := -1 // offset in out of the last atom; -1: none yet
	repeated := false
	anchor := false // last atom was '^', which cannot be repeated
	for {
		c, ok := t.peek()
		if !ok {
			return nil
		}
		if !c.quoted {
			switch c.r {
			case '|':
				return nil
			case ')':
				if depth > 0 {
					return nil
				}
			case '*', '+', '?', '{':
				if atomStart < 0 || anchor {
					return errBadRegex
				}
				q, err := t.quantifier()
				if err != nil {
					return err
				}
				if repeated {
					// Go refuses stacked repetition and reads a
					// trailing '?' as laziness: group first.
					atom := t.out.String()[atomStart:]
					t.truncate(atomStart)
					t.out.WriteString("(?:" + atom + ")")
				}
				t.out.WriteString(q)
				repeated = true
				continue
			}
		}
		atomStart, repeated, anchor = t.out.Len(), false, false
		if err := t.atom(c, depth); err != nil {
			return err
		}
		anchor = !c.quoted && (c.r == '^' || c.r == '$')
	}
}

// truncate cuts the output back to n bytes.
func (t *ereTranslator) truncate(n int) {
	s := t.out.String()[:n]
	t.out.Reset()
	t.out.WriteString(s)
}

// atom translates one atom starting at c (not yet consumed).
func (t *ereTranslator) atom(c reChar, depth int) error {
	t.pos++
	if c.quoted {
		t.literal(c.r)
		return nil
	}
	switch c.r {
	case '(':
		t.out.WriteByte('(')
		if err := t.alternation(depth + 1); err != nil {
			return err
		}
		if e, ok := t.peek(); !ok || e.quoted || e.r != ')' {
			return errBadRegex
		}
		t.pos++
		t.out.WriteByte(')')
	case '.', '^', '$':
		t.out.WriteRune(c.r)
	case '[':
		return t.bracket()
	case '\\':
		e, ok := t.peek()
		if !ok {
			return errBadRegex
		}
		t.pos++
		t.escape(e.r)
	default:
		t.literal(c.r)
	}
	return nil
}

// escape translates the character after a backslash.
func (t *ereTranslator) escape(r rune) {
	switch r {
	case 'w':
		t.out.WriteString(`[[:alnum:]_]`)
	case 'W':
		t.out.WriteString(`[^[:alnum:]_]`)
	case 's':
		t.out.WriteString(`[[:space:]]`)
	case 'S':
		t.out.WriteString(`[^[:space:]]`)
	case 'b', '<', '>':
		t.out.WriteString(`\b`)
	case 'B':
		t.out.WriteString(`\B`)
	case '`':
		t.out.WriteString(`\A`)
	case '\'':
		t.out.WriteString(`\z`)
	default:
		t.literal(r)
	}
}

// literal writes r so that it matches itself.
func (t *ereTranslator) literal(r rune) {
	if r < utf8.RuneSelf {
		t.out.WriteString(regexp.QuoteMeta(string(r)))
		return
	}
	fmt.Fprintf(&t.out, `\x{%x}`, r)
}

// quantifier reads *, +, ? or an interval {m}, {m,}, {,n}, {m,n} and
// returns its Go spelling.
func (t *ereTranslator) quantifier() (string, error) {
	c := t.in[t.pos]
	t.pos++
	if c.r != '{' {
		return string(c.r), nil
	}
	var spec strings.Builder
	for {
		e, ok := t.peek()
		if !ok {
			return "", errBadRegex
		}
		t.pos++
		if !e.quoted && e.r == '}' {
			break
		}
		spec.WriteRune(e.r)
	}
	lo, hi, hasComma := strings.Cut(spec.String(), ",")
	num := func(s string, def int) (int, bool) {
		if s == "" {
			return def, true
		}
		for _, d := range s {
			if d < '0' || d > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(s)
		return n, err == nil && n <= maxRepeat
	}
	if lo == "" && !hasComma {
		return "", errBadRegex
	}
	m, ok1 := num(lo, 0)
	n, ok2 := num(hi, -1)
	if !ok1 || !ok2 || (n >= 0 && n < m) {
		return "", errBadRegex
	}
	switch {
	case !hasComma:
		return fmt.Sprintf("{%d}", m), nil
	case n < 0:
		return fmt.Sprintf("{%d,}", m), nil
	}
	return fmt.Sprintf("{%d,%d}", m, n), nil
}

// posixClasses maps class names to their Go spelling in a UTF-8 locale,
// where they cover non-ASCII letters too.
var posixClasses = map[string]string{
	"alpha": `\p{L}`, "alnum": `\p{L}\p{Nd}`, "upper": `\p{Lu}`, "lower": `\p{Ll}`,
	"digit": `0-9`, "space": `[:space:]`, "blank": `[:blank:]`, "punct": `[:punct:]`,
	"print": `[:print:]`, "graph": `[:graph:]`, "cntrl": `[:cntrl:]`, "xdigit": `[:xdigit:]`,
}

// bracket translates a bracket expression; the '[' is consumed.
func (t *ereTranslator) bracket() error {
	t.out.WriteByte('[')
	if c, ok := t.peek(); ok && !c.quoted && c.r == '^' {
		t.pos++
		t.out.WriteByte('^')
	}
	first := true
	for {
		c, ok := t.peek()
		if !ok {
			return errBadRegex
		}
		if !c.quoted && c.r == ']' && !first {
			t.pos++
			t.out.WriteByte(']')
			return nil
		}
		first = false
		lo, class, err := t.bracketElem()
		if err != nil {
			return err
		}
		if class != "" {
			if d, ok := t.peek(); ok && !d.quoted && d.r == '-' && t.pos+1 < len(t.in) && t.in[t.pos+1].r != ']' {
				return errBadRegex
			}
			t.out.WriteString(class)
			continue
		}
		// A range lo-hi, unless '-' is last.
		if d, ok := t.peek(); ok && !d.quoted && d.r == '-' && t.pos+1 < len(t.in) && !(t.in[t.pos+1].r == ']' && !t.in[t.pos+1].quoted) {
			t.pos++
			hi, hclass, err := t.bracketElem()
			if err != nil || hclass != "" || hi < lo {
				return errBadRegex
			}
			if e, ok := t.peek(); ok && !e.quoted && e.r == '-' && t.pos+1 < len(t.in) && t.in[t.pos+1].r != ']' {
				return errBadRegex
			}
			t.bracketRune(lo)
			t.out.WriteByte('-')
			t.bracketRune(hi)
			continue
		}
		t.bracketRune(lo)
	}
}

// bracketElem reads one member: a character, [.c.], [=c=] or [:class:].
// It returns the character, or the Go text of a class.
func (t *ereTranslator) bracketElem() (rune, string, error) {
	c := t.in[t.pos]
	t.pos++
	if c.quoted || c.r != '[' {
		return c.r, "", nil
	}
	d, ok := t.peek()
	if !ok || d.quoted || (d.r != '.' && d.r != '=' && d.r != ':') {
		return '[', "", nil
	}
	// Find the closing "d]".
	end := -1
	for i := t.pos + 1; i+1 < len(t.in); i++ {
		if t.in[i].r == d.r && t.in[i+1].r == ']' {
			end = i
			break
		}
	}
	if end < 0 {
		return 0, "", errBadRegex
	}
	var name []rune
	for _, e := range t.in[t.pos+1 : end] {
		name = append(name, e.r)
	}
	t.pos = end + 2
	if d.r == ':' {
		n := string(name)
		goText, ok := posixClasses[n]
		if !ok {
			return 0, "", errBadRegex
		}
		if !t.utf8 || !strings.HasPrefix(goText, `\p`) {
			goText = "[:" + n + ":]"
		}
		return 0, goText, nil
	}
	if len(name) != 1 {
		return 0, "", errBadRegex
	}
	return name[0], "", nil
}

// bracketRune writes r as a member of a Go character class.
func (t *ereTranslator) bracketRune(r rune) {
	if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
		t.out.WriteRune(r)
		return
	}
	fmt.Fprintf(&t.out, `\x{%x}`, r)
}
