package shell

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// umaskUsage is umask's usage line.
const umaskUsage = "umask [-p] [-S] [mode]"

// runUmask is the umask builtin: umask [-p] [-S] [mode], with mode octal
// or symbolic (u=rwx,g+w,o-x ...) as bash reads it.
func runUmask(ctx context.Context, c *Call) int {
	args := c.Args
	symbolic, reusable := false, false
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && len(args[0]) > 1 {
		a := args[0]
		args = args[1:]
		if a == "--" {
			break
		}
		for _, f := range a[1:] {
			switch f {
			case 'S':
				symbolic = true
			case 'p':
				reusable = true
			default:
				c.Errorf("-%c: invalid option", f)
				return c.Usage(umaskUsage)
			}
		}
	}
	if len(args) > 0 {
		m, msg := parseUmask(args[0], c.r.sess.getUmask())
		if msg != "" {
			c.Errorf("%s", msg)
			return 1
		}
		c.r.sess.setUmask(m)
		if !symbolic {
			return 0
		}
	}
	m := c.r.sess.getUmask()
	prefix := ""
	if reusable {
		prefix = "umask "
		if symbolic {
			prefix += "-S "
		}
	}
	if symbolic {
		fmt.Fprintf(c, "%s%s\n", prefix, symbolicUmask(m))
	} else {
		fmt.Fprintf(c, "%s%04o\n", prefix, m)
	}
	return 0
}

// symbolicUmask spells the permissions a mask leaves, as umask -S does.
func symbolicUmask(m int) string {
	perm := func(shift uint) string {
		return [...]string{"", "x", "w", "wx", "r", "rx", "rw", "rwx"}[^(m>>shift)&7]
	}
	return "u=" + perm(6) + ",g=" + perm(3) + ",o=" + perm(0)
}

// parseUmask reads an octal or symbolic mode relative to the mask cur.
// On error it returns bash's message.
func parseUmask(mode string, cur int) (int, string) {
	if mode != "" && mode[0] >= '0' && mode[0] <= '9' {
		v, err := strconv.ParseUint(mode, 8, 64)
		if err != nil || v > 0o7777 {
			return 0, mode + ": octal number out of range"
		}
		return int(v) & 0o777, ""
	}
	bits := ^cur & 0o777 // the permissions the mask lets through
	s := mode
	for {
		var who, perm int
		who, s = takeBits(s, "ugoa", []int{0o700, 0o070, 0o007, 0o777})
		if who == 0 {
			who = 0o777
		}
		var op byte
		if len(s) > 0 {
			op, s = s[0], s[1:]
		}
		if op != '+' && op != '-' && op != '=' {
			return 0, fmt.Sprintf("`%c': invalid symbolic mode operator", op)
		}
		perm, s = takeBits(s, "rwx", []int{0o444, 0o222, 0o111})
		if len(s) > 0 && s[0] != ',' {
			return 0, fmt.Sprintf("`%c': invalid symbolic mode character", s[0])
		}
		perm &= who
		switch op {
		case '+':
			bits |= perm
		case '-':
			bits &^= perm
		case '=':
			bits = bits&^who | perm
		}
		if len(s) == 0 {
			break
		}
		s = s[1:] // the comma
	}
	return ^bits & 0o777, ""
}

// takeBits consumes the leading letters of s that occur in letters and
// returns the union of their bits (bits[i] for letters[i]) and the rest.
func takeBits(s, letters string, bits []int) (int, string) {
	v := 0
	for s != "" {
		i := strings.IndexByte(letters, s[0])
		if i < 0 {
			break
		}
		v |= bits[i]
		s = s[1:]
	}
	return v, s
}
