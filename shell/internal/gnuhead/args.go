// Package gnuhead reimplements the parts of GNU coreutils head (9.1)
// that do not touch files: its command line (options, the obsolete -N
// form, counts with multiplier suffixes, GNU's error messages and
// quoting) and the algorithms that print all but the last N lines or
// bytes of a stream or of a seekable file. Opening and reading files is
// left to the caller, which knows how to consume no more than it prints.
package gnuhead

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// HeaderMode says when "==> name <==" headers are printed.
type HeaderMode int

// Header modes: with several files (the default), never (-q), always (-v).
const (
	HeadersMultiple HeaderMode = iota
	HeadersNever
	HeadersAlways
)

// Options are GNU head's options after parsing.
type Options struct {
	Lines   bool   // count lines (-n, the default) rather than bytes (-c)
	Count   uint64 // N (default 10)
	Elide   bool   // print all but the last N (-n -N, -c -N)
	Headers HeaderMode
	Delim   byte // line delimiter: '\n', or 0 with -z
}

// PrintHeaders reports whether headers are printed for nfiles operands.
func (o Options) PrintHeaders(nfiles int) bool {
	return o.Headers == HeadersAlways || o.Headers == HeadersMultiple && nfiles > 1
}

// UsageError is a command line error GNU head reports itself. Error
// returns the message without the "head: " prefix; when Try is set GNU
// follows it with "Try 'head --help' for more information.". The exit
// status is 1.
type UsageError struct {
	Msg string
	Try bool
}

// Error returns the message.
func (e *UsageError) Error() string { return e.Msg }

// TryLine is the line GNU prints after a UsageError with Try.
const TryLine = "Try 'head --help' for more information."

// longOpts is GNU head's long option table, in its order.
var longOpts = []struct {
	name   string
	hasArg bool
	short  byte // 0: not implemented here (run the external head)
}{
	{"bytes", true, 'c'},
	{"lines", true, 'n'},
	{"-presume-input-pipe", false, 0},
	{"quiet", false, 'q'},
	{"silent", false, 'q'},
	{"verbose", false, 'v'},
	{"zero-terminated", false, 'z'},
	{"help", false, 0},
	{"version", false, 0},
}

// errOverflow is strerror(EOVERFLOW).
const errOverflow = "Value too large for defined data type"

// ParseArgs parses head's arguments (without argv[0]) as GNU head does:
// an obsolete "-N[bcklmqvz]" first argument, then getopt_long with
// argument permutation ("--" ends the options, "-" is an operand),
// clustered short options, attached or separate option arguments and
// abbreviated long options. utf8Locale selects GNU's quotes in messages.
//
// An option this package does not implement (an unknown one, --help,
// --version, ---presume-input-pipe) stops parsing and is returned in
// unsupported, so that the caller can run the external head. Other
// errors come back as *UsageError with GNU's wording. files is nil when
// there is no operand.
func ParseArgs(args []string, utf8Locale bool) (opt Options, files []string, unsupported string, err error) {
	opt = Options{Lines: true, Count: 10, Delim: '\n'}
	if len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' && isDigit(args[0][1]) {
		if err := opt.obsolete(args[0], utf8Locale); err != nil {
			return opt, nil, "", err
		}
		args = args[1:]
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			files = append(files, args[i+1:]...)
			return opt, files, "", opt.final(utf8Locale)
		case strings.HasPrefix(a, "--"):
			name, val, hasVal := a[2:], "", false
			if k := strings.IndexByte(name, '='); k >= 0 {
				name, val, hasVal = name[:k], name[k+1:], true
			}
			lo, uerr := matchLong(name)
			if uerr != nil {
				return opt, files, "", uerr
			}
			if lo < 0 || longOpts[lo].short == 0 {
				return opt, files, a, nil
			}
			o := longOpts[lo]
			switch {
			case o.hasArg && !hasVal:
				if i+1 >= len(args) {
					return opt, files, "", &UsageError{fmt.Sprintf("option '--%s' requires an argument", o.name), true}
				}
				i++
				val = args[i]
			case !o.hasArg && hasVal:
				return opt, files, "", &UsageError{fmt.Sprintf("option '--%s' doesn't allow an argument", o.name), true}
			}
			if err := opt.apply(o.short, val, utf8Locale); err != nil {
				return opt, files, "", err
			}
		case len(a) > 1 && a[0] == '-':
			for j := 1; j < len(a); j++ {
				c := a[j]
				switch {
				case c == 'c' || c == 'n':
					val := a[j+1:]
					if val == "" {
						if i+1 >= len(args) {
							return opt, files, "", &UsageError{fmt.Sprintf("option requires an argument -- '%c'", c), true}
						}
						i++
						val = args[i]
					}
					if err := opt.apply(c, val, utf8Locale); err != nil {
						return opt, files, "", err
					}
					j = len(a)
				case c == 'q' || c == 'v' || c == 'z':
					opt.apply(c, "", utf8Locale)
				case isDigit(c):
					return opt, files, "", &UsageError{fmt.Sprintf("invalid trailing option -- %c", c), true}
				default:
					return opt, files, a, nil
				}
			}
		default:
			files = append(files, a)
		}
	}
	return opt, files, "", opt.final(utf8Locale)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// final is GNU's check after option parsing: -c -N must fit in off_t.
func (o *Options) final(utf8Locale bool) error {
	if !o.Lines && o.Elide && o.Count > math.MaxInt64 {
		n := QuoteArg(strconv.FormatUint(o.Count, 10), utf8Locale)
		return &UsageError{Msg: fmt.Sprintf("invalid number of bytes: %s: %s", n, errOverflow)}
	}
	return nil
}

// apply sets the option of short letter c (a long option's equivalent).
func (o *Options) apply(c byte, val string, utf8Locale bool) error {
	switch c {
	case 'c', 'n':
		o.Lines = c == 'n'
		o.Elide = strings.HasPrefix(val, "-")
		if o.Elide {
			val = val[1:]
		}
		n, err := countArg(val, o.Lines, utf8Locale)
		if err != nil {
			return err
		}
		o.Count = n
	case 'q':
		o.Headers = HeadersNever
	case 'v':
		o.Headers = HeadersAlways
	case 'z':
		o.Delim = 0
	}
	return nil
}

// countArg parses the count of -n or -c, with GNU's messages.
func countArg(s string, lines, utf8Locale bool) (uint64, error) {
	n, e := parseCount(s)
	if e == numOK {
		return n, nil
	}
	what := "bytes"
	if lines {
		what = "lines"
	}
	msg := fmt.Sprintf("invalid number of %s: %s", what, QuoteArg(s, utf8Locale))
	if e == numOverflow {
		msg += ": " + errOverflow
	}
	return 0, &UsageError{Msg: msg}
}

// obsolete parses the old "-N[bcklmqvz]" first argument.
func (o *Options) obsolete(a string, utf8Locale bool) error {
	k := 1
	for k < len(a) && isDigit(a[k]) {
		k++
	}
	digits := a[1:k]
	var mult byte
	for _, c := range []byte(a[k:]) {
		switch c {
		case 'c':
			o.Lines, mult = false, 0
		case 'b', 'k', 'm':
			o.Lines, mult = false, c
		case 'l':
			o.Lines = true
		case 'q':
			o.Headers = HeadersNever
		case 'v':
			o.Headers = HeadersAlways
		case 'z':
			o.Delim = 0
		default:
			return &UsageError{fmt.Sprintf("invalid trailing option -- %c", c), true}
		}
	}
	if mult != 0 {
		digits += string(mult)
	}
	n, err := countArg(digits, o.Lines, utf8Locale)
	if err != nil {
		return err
	}
	o.Count = n
	return nil
}

// matchLong finds a (possibly abbreviated) long option: its index, or -1
// for an unknown name; an ambiguous abbreviation is a *UsageError.
func matchLong(name string) (int, error) {
	var cands []int
	for i, o := range longOpts {
		if o.name == name {
			return i, nil
		}
		if strings.HasPrefix(o.name, name) {
			cands = append(cands, i)
		}
	}
	switch {
	case len(cands) == 0:
		return -1, nil
	case len(cands) > 1:
		var b strings.Builder
		fmt.Fprintf(&b, "option '--%s' is ambiguous; possibilities:", name)
		for _, c := range cands {
			fmt.Fprintf(&b, " '--%s'", longOpts[c].name)
		}
		return -1, &UsageError{b.String(), true}
	}
	return cands[0], nil
}
