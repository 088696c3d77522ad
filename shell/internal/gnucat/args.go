// Package gnucat reimplements GNU coreutils cat (9.1): its command line
// parsing and a streaming formatter whose output is byte-identical to
// cat's for the options -A -b -e -E -n -s -t -T -u -v and their long
// forms. Opening files, reporting per-file errors and the "input file is
// output file" check are left to the caller.
package gnucat

import (
	"fmt"
	"strings"
)

// Options are GNU cat's output options.
type Options struct {
	ShowEnds        bool // -E: '$' at the end of each line
	Number          bool // -n: number all output lines
	NumberNonBlank  bool // -b: number non-empty lines (overrides -n)
	SqueezeBlank    bool // -s: never more than one consecutive empty line
	ShowTabs        bool // -T: TAB as ^I
	ShowNonPrinting bool // -v: ^ and M- notation except for LFD and TAB
}

// Plain reports whether o asks for no transformation at all, in which
// case the input can be copied verbatim.
func (o Options) Plain() bool {
	return o == Options{}
}

// UsageError is a command line error that GNU cat reports itself (an
// ambiguous long option abbreviation, or an argument given to a long
// option that takes none). Error returns the message without the "cat: "
// prefix; GNU cat prints "cat: <msg>" followed by
// "Try 'cat --help' for more information." and exits with status 1.
type UsageError struct {
	Msg string // GNU's message, e.g. "option '--n' is ambiguous; ..."
}

// Error returns the message.
func (e *UsageError) Error() string { return e.Msg }

// longOpts lists GNU cat's long options in the order of its option
// table, which is also the order used in ambiguity messages.
var longOpts = []string{
	"number-nonblank", "number", "squeeze-blank", "show-nonprinting",
	"show-ends", "show-tabs", "show-all", "help", "version",
}

// ParseArgs parses cat's arguments (without argv[0]) as GNU getopt_long
// does with argument permutation: options and file operands may be mixed,
// "--" ends the options, a lone "-" is a file operand meaning standard
// input, short options may be combined ("-vET") and long options may be
// abbreviated to any unambiguous prefix ("--show-a"); an exact match wins
// ("--number" is not ambiguous with "--number-nonblank"). -u is accepted
// and ignored; -A is -vET, -e is -vE and -t is -vT.
//
// An option this package does not implement (an unknown short or long
// option, --help, --version) stops parsing and is returned verbatim in
// unsupported so that the caller can run the external cat instead. An
// ambiguous abbreviation or "--long=value" is returned as a *UsageError
// carrying GNU's message. files is nil when no operand was given (cat
// then reads standard input).
func ParseArgs(args []string) (opt Options, files []string, unsupported string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			files = append(files, args[i+1:]...)
			return opt, files, "", nil
		case strings.HasPrefix(a, "--"):
			name, ok, uerr := matchLong(a[2:])
			if uerr != nil {
				return opt, files, "", uerr
			}
			if !ok || !opt.applyLong(name) {
				return opt, files, a, nil
			}
		case len(a) > 1 && a[0] == '-':
			for j := 1; j < len(a); j++ {
				if !opt.applyShort(a[j]) {
					return opt, files, a, nil
				}
			}
		default:
			files = append(files, a)
		}
	}
	return opt, files, "", nil
}

// matchLong resolves a (possibly abbreviated) long option name. ok is
// false for an unknown name.
func matchLong(s string) (name string, ok bool, err error) {
	hasArg := false
	if k := strings.IndexByte(s, '='); k >= 0 {
		s, hasArg = s[:k], true
	}
	var cands []string
	for _, l := range longOpts {
		if l == s {
			cands = []string{l}
			break
		}
		if strings.HasPrefix(l, s) {
			cands = append(cands, l)
		}
	}
	switch {
	case len(cands) == 0:
		return "", false, nil
	case len(cands) > 1:
		var b strings.Builder
		fmt.Fprintf(&b, "option '--%s' is ambiguous; possibilities:", s)
		for _, c := range cands {
			fmt.Fprintf(&b, " '--%s'", c)
		}
		return "", false, &UsageError{Msg: b.String()}
	case hasArg:
		return "", false, &UsageError{Msg: fmt.Sprintf("option '--%s' doesn't allow an argument", cands[0])}
	}
	return cands[0], true, nil
}

// applyLong sets the option named by a full long option name; it
// returns false for --help and --version.
func (o *Options) applyLong(name string) bool {
	switch name {
	case "number-nonblank":
		return o.applyShort('b')
	case "number":
		return o.applyShort('n')
	case "squeeze-blank":
		return o.applyShort('s')
	case "show-nonprinting":
		return o.applyShort('v')
	case "show-ends":
		return o.applyShort('E')
	case "show-tabs":
		return o.applyShort('T')
	case "show-all":
		return o.applyShort('A')
	}
	return false
}

// applyShort sets the options of one short option letter; it returns
// false for a letter GNU cat does not know.
func (o *Options) applyShort(c byte) bool {
	switch c {
	case 'A':
		o.ShowNonPrinting, o.ShowEnds, o.ShowTabs = true, true, true
	case 'b':
		o.Number, o.NumberNonBlank = true, true
	case 'e':
		o.ShowNonPrinting, o.ShowEnds = true, true
	case 'E':
		o.ShowEnds = true
	case 'n':
		o.Number = true
	case 's':
		o.SqueezeBlank = true
	case 't':
		o.ShowNonPrinting, o.ShowTabs = true, true
	case 'T':
		o.ShowTabs = true
	case 'u':
	case 'v':
		o.ShowNonPrinting = true
	default:
		return false
	}
	return true
}
