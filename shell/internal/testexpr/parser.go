package testexpr

// parser walks the argument list the way bash's test does. pos is the index
// of the next unread argument.
type parser struct {
	env  *Env
	args []string
	pos  int
}

func (p *parser) n() int { return len(p.args) }

// isAndOr reports whether s is the -a or -o connective.
func isAndOr(s string) bool { return s == "-a" || s == "-o" }

// oneArg is the one-argument test: true if s is non-empty.
func oneArg(s string) bool { return s != "" }

// advance moves past the current argument; if needMore, it is an error to
// run out of arguments.
func (p *parser) advance(needMore bool) error {
	p.pos++
	if needMore && p.pos >= p.n() {
		return p.env.errorf("argument expected")
	}
	return nil
}

// posix dispatches on the number of arguments, as POSIX specifies for up
// to four and bash extends beyond.
func (p *parser) posix() (bool, error) {
	switch p.n() {
	case 0:
		return false, nil
	case 1:
		p.pos = p.n()
		return oneArg(p.args[0]), nil
	case 2:
		v, err := p.two()
		p.pos = p.n()
		return v, err
	case 3:
		return p.three()
	case 4:
		return p.four()
	default:
		return p.expr()
	}
}

// two evaluates args[pos] and args[pos+1]: `! s` or a unary operator.
func (p *parser) two() (bool, error) {
	a := p.args[p.pos]
	if a == "!" {
		return !oneArg(p.args[p.pos+1]), nil
	}
	if IsUnaryOp(a) {
		return p.unary()
	}
	return false, p.env.errorf("%s: unary operator expected", a)
}

// three evaluates args[pos..pos+2].
func (p *parser) three() (bool, error) {
	a, op, b := p.args[p.pos], p.args[p.pos+1], p.args[p.pos+2]
	switch {
	case IsBinaryOp(op):
		v, err := p.binary()
		p.pos = p.n()
		return v, err
	case isAndOr(op):
		p.pos = p.n()
		if op == "-a" {
			return oneArg(a) && oneArg(b), nil
		}
		return oneArg(a) || oneArg(b), nil
	case a == "!":
		if err := p.advance(true); err != nil {
			return false, err
		}
		v, err := p.two()
		p.pos = p.n()
		return !v, err
	case len(a) > 0 && a[0] == '(' && len(b) > 0 && b[0] == ')':
		// bash looks only at the first character of each paren here.
		p.pos = p.n()
		return oneArg(op), nil
	}
	return false, p.env.errorf("%s: binary operator expected", op)
}

// four evaluates four arguments starting at pos.
func (p *parser) four() (bool, error) {
	a := p.args[p.pos]
	switch {
	case a == "!":
		if err := p.advance(true); err != nil {
			return false, err
		}
		v, err := p.three()
		return !v, err
	case a == "(" && p.args[p.n()-1] == ")":
		if err := p.advance(true); err != nil {
			return false, err
		}
		v, err := p.two()
		p.pos = p.n()
		return v, err
	}
	return p.expr()
}

// expr := or
func (p *parser) expr() (bool, error) {
	if p.pos >= p.n() {
		return false, p.env.errorf("argument expected")
	}
	return p.or()
}

// or := and [ -o or ]
func (p *parser) or() (bool, error) {
	v, err := p.and()
	if err != nil {
		return false, err
	}
	if p.pos < p.n() && p.args[p.pos] == "-o" {
		if err := p.advance(false); err != nil {
			return false, err
		}
		w, err := p.or()
		return v || w, err
	}
	return v, nil
}

// and := term [ -a and ]
func (p *parser) and() (bool, error) {
	v, err := p.term()
	if err != nil {
		return false, err
	}
	if p.pos < p.n() && p.args[p.pos] == "-a" {
		if err := p.advance(false); err != nil {
			return false, err
		}
		w, err := p.and()
		return v && w, err
	}
	return v, nil
}

// term := { ! } ( '(' expr ')' | s1 binop s2 | unop s | s )
func (p *parser) term() (bool, error) {
	if p.pos >= p.n() {
		return false, p.env.errorf("argument expected")
	}
	if p.args[p.pos] == "!" {
		negate := false
		for p.pos < p.n() && p.args[p.pos] == "!" {
			if err := p.advance(true); err != nil {
				return false, err
			}
			negate = !negate
		}
		v, err := p.term()
		return v != negate, err
	}
	if p.args[p.pos] == "(" {
		if err := p.advance(true); err != nil {
			return false, err
		}
		v, err := p.expr()
		if err != nil {
			return false, err
		}
		if p.pos >= p.n() {
			if p.env.name() == "[" {
				// bash's argv still holds the closing "]" here.
				return false, p.env.errorf("`)' expected, found ]")
			}
			return false, p.env.errorf("`)' expected")
		}
		if a := p.args[p.pos]; a != ")" {
			return false, p.env.errorf("`)' expected, found %s", a)
		}
		return v, p.advance(false)
	}
	if p.pos+3 <= p.n() && IsBinaryOp(p.args[p.pos+1]) {
		return p.binary()
	}
	if p.pos+2 <= p.n() && IsUnaryOp(p.args[p.pos]) {
		return p.unary()
	}
	v := oneArg(p.args[p.pos])
	return v, p.advance(false)
}

// unary applies the unary operator at pos to the argument after it.
func (p *parser) unary() (bool, error) {
	op := p.args[p.pos]
	if op == "-t" {
		// -t consumes its operand only if it is a number.
		p.pos++
		if p.pos >= p.n() {
			return Unary(p.env, op, "1")
		}
		if _, ok := parseNumber(p.args[p.pos]); !ok {
			return false, nil
		}
		p.pos++
		return Unary(p.env, op, p.args[p.pos-1])
	}
	if err := p.advance(true); err != nil {
		return false, err
	}
	p.pos++
	return Unary(p.env, op, p.args[p.pos-1])
}

// binary applies the binary operator at pos+1 to its neighbours.
func (p *parser) binary() (bool, error) {
	a, op, b := p.args[p.pos], p.args[p.pos+1], p.args[p.pos+2]
	v, err := Binary(p.env, op, a, b)
	p.pos += 3
	return v, err
}
