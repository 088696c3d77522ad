package format

import "io"

// ParseEchoFlags splits bash echo's leading options off args. An
// argument is an option only if it is "-" followed by one or more of the
// letters n, e and E (combined freely, e.g. "-neE"); the first argument
// that is not ends option parsing, and "-", "--" and "-x" are ordinary
// arguments. Later letters win: "-eE" disables escapes. escapes starts
// false (bash's default, xpg_echo off).
func ParseEchoFlags(args []string) (noNewline, escapes bool, rest []string) {
	i := 0
	for ; i < len(args); i++ {
		a := args[i]
		if len(a) < 2 || a[0] != '-' || !onlyEchoFlags(a[1:]) {
			break
		}
		for j := 1; j < len(a); j++ {
			switch a[j] {
			case 'n':
				noNewline = true
			case 'e':
				escapes = true
			case 'E':
				escapes = false
			}
		}
	}
	return noNewline, escapes, args[i:]
}

func onlyEchoFlags(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != 'n' && s[i] != 'e' && s[i] != 'E' {
			return false
		}
	}
	return true
}

// EchoLocale writes args separated by single spaces, as bash's echo does
// after its options were removed with ParseEchoFlags. With
// interpretEscapes (echo -e) the escapes \a \b \e \E \f \n \r \t \v \\,
// \0nnn (up to three octal digits after the 0), \xHH, \uHHHH and
// \UHHHHHHHH are expanded and \c stops all further output; other
// backslashes are kept. \u and \U code points are written as UTF-8 when
// utf8 is true; with utf8 false (LC_ALL=C) those beyond ASCII are
// written as the escape text (\u00E9), as bash does. EchoLocale does not
// write the trailing newline: stop reports whether \c was seen, in which
// case the caller must not write it either. The error is the writer's.
func EchoLocale(w io.Writer, args []string, interpretEscapes, utf8 bool) (stop bool, err error) {
	size := len(args)
	for _, a := range args {
		size += len(a)
	}
	out := make([]byte, 0, size)
	e := escaper{mode: escEcho, utf8: utf8, warn: func(string) {}}
	for i, a := range args {
		if i > 0 {
			out = append(out, ' ')
		}
		if !interpretEscapes {
			out = append(out, a...)
			continue
		}
		if out, stop = e.expand(out, a); stop {
			break
		}
	}
	if len(out) > 0 {
		_, err = w.Write(out)
	}
	return stop, err
}
