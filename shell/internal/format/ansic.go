package format

import "strings"

// ANSIC expands the backslash escapes of bash's $'...' quoting (and of
// ${x@E}): those of printf's format string, with \u and \U following the
// locale as there, plus \cX for the control character X&0x1f (\c? is
// DEL; in \c\\ both backslashes are X). A NUL byte ends the result.
func ANSIC(s string, utf8 bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	e := escaper{mode: escFormat, utf8: utf8, warn: func(string) {}}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		switch {
		case s[i] != '\\':
			out = append(out, s[i])
			i++
		case i+2 < len(s) && s[i+1] == 'c':
			ch, n := s[i+2], 3
			if ch == '\\' && i+3 < len(s) && s[i+3] == '\\' {
				n = 4
			}
			if ch == '?' {
				out = append(out, 0x7f)
			} else {
				out = append(out, ch&0x1f)
			}
			i += n
		default:
			var n int
			out, n, _ = e.one(out, s[i:])
			i += n
		}
	}
	if i := strings.IndexByte(string(out), 0); i >= 0 {
		out = out[:i]
	}
	return string(out)
}
