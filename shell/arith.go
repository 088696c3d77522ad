package shell

import (
	"strconv"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// Arithmetic evaluation in the manner of bash: the expression is a string
// (already expanded), evaluated left to right by a recursive descent
// parser with 64-bit wrapping integers. Variables hold strings that are
// themselves evaluated as expressions. Errors name the expression and the
// token where evaluation stopped, as bash's do.

// arithSources remembers the source text of arithmetic nodes that are
// not plain words (see arithText): printing a node back to source is the
// dearest step of $((...)) and of each round of a for ((...)) loop, and a
// parsed tree never changes. The map is bounded (emptied when full, so
// that an eval loop making new trees cannot grow it) and shared by every
// Runner.
var arithSources struct {
	sync.Mutex
	m map[syntax.ArithmExpr]string
}

// arithSourcesMax bounds arithSources.
const arithSourcesMax = 4096

// arithSource returns x printed back to source, without the $(( )) and
// escaped newlines.
func arithSource(x syntax.ArithmExpr) (string, error) {
	arithSources.Lock()
	txt, ok := arithSources.m[x]
	arithSources.Unlock()
	if ok {
		return txt, nil
	}
	var sb strings.Builder
	if err := syntax.NewPrinter().Print(&sb, &syntax.ArithmExp{X: x}); err != nil {
		return "", err
	}
	txt = strings.ReplaceAll(sb.String(), "\\\n", "")
	txt = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(txt, "$(("), "))"))
	arithSources.Lock()
	if arithSources.m == nil || len(arithSources.m) >= arithSourcesMax {
		arithSources.m = make(map[syntax.ArithmExpr]string)
	}
	arithSources.m[x] = txt
	arithSources.Unlock()
	return txt, nil
}

// arithErr is an arithmetic evaluation error worded as bash words it.
type arithErr struct {
	expr  string // the expression, leading blanks removed
	msg   string
	token string // the input from the last token read
}

func (e *arithErr) Error() string {
	return e.expr + ": " + e.msg + " (error token is \"" + e.token + "\")"
}

// maxArithDepth bounds the recursive evaluation of variable values.
const maxArithDepth = 1024

// arithToken kinds.
const (
	tkEOF = iota
	tkNum
	tkID
	tkOp
)

// arithParser evaluates one expression string.
type arithParser struct {
	r      *Runner
	src    string
	pos    int // next byte to scan
	depth  int
	noeval int

	kind   int
	op     string // operator text for tkOp
	num    int    // value for tkNum
	id     string // name for tkID
	sub    string // subscript for tkID, with hasSub
	hasSub bool
	last   int // start of the last non-EOF token (bash's lasttp)

	// lval is the variable just read as an operand, for assignments
	// (set when hasLval).
	lval    arithLval
	hasLval bool
	lastTok int
}

// arithLval names an assignable variable or array element.
type arithLval struct {
	name   string
	sub    string
	hasSub bool
}

// arithBail carries an error out of the recursive descent.
type arithBail struct{ err error }

// evalArith evaluates the expanded expression s.
func (r *Runner) evalArith(s string) (int, error) {
	return r.evalArithDepth(s, 0)
}

func (r *Runner) evalArithDepth(s string, depth int) (n int, err error) {
	if n, ok := simpleInt(s); ok {
		return n, nil
	}
	if n, ok := r.arithFast(s); ok {
		return n, nil
	}
	p := &arithParser{r: r, src: s, depth: depth}
	defer func() {
		if v := recover(); v != nil {
			b, ok := v.(arithBail)
			if !ok {
				panic(v)
			}
			n, err = 0, b.err
		}
	}()
	p.next()
	if p.kind == tkEOF {
		return 0, nil
	}
	v := p.comma()
	if p.kind != tkEOF {
		p.fail("syntax error in expression")
	}
	return v, nil
}

// simpleInt recognises a plain decimal number with optional blanks.
func simpleInt(s string) (int, bool) {
	t := strings.Trim(s, " \t\n")
	if t == "" {
		return 0, true
	}
	neg := false
	if t[0] == '-' || t[0] == '+' {
		neg = t[0] == '-'
		t = t[1:]
	}
	if t == "" || len(t) > 18 || (t[0] == '0' && len(t) > 1) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// fail aborts evaluation with a bash-style error at the last token.
func (p *arithParser) fail(msg string) {
	p.failAt(msg, p.src, p.last)
}

func (p *arithParser) failAt(msg, expr string, tok int) {
	tokText := ""
	if tok < len(expr) {
		tokText = expr[tok:]
	}
	panic(arithBail{&arithErr{expr: strings.TrimLeft(expr, " \t\n"), msg: msg, token: tokText}})
}

func isArithSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' }

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isNameByte(c byte) bool { return isNameStart(c) || c >= '0' && c <= '9' }

// arithOps lists the operators, longest first.
var arithOps = []string{
	"<<=", ">>=", "**",
	"<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "++", "--",
	"+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=",
	"+", "-", "*", "/", "%", "<", ">", "&", "^", "|", "!", "~", "?", ":", "(", ")", ",", "=",
}

// next reads one token.
func (p *arithParser) next() {
	p.lastTok = p.kind
	s := p.src
	for p.pos < len(s) && isArithSpace(s[p.pos]) {
		p.pos++
	}
	if p.pos >= len(s) {
		p.kind = tkEOF
		return
	}
	start := p.pos
	p.last = start
	c := s[start]
	switch {
	case c >= '0' && c <= '9':
		end := start
		for end < len(s) && (isNameByte(s[end]) || s[end] == '#' || s[end] == '@') {
			end++
		}
		n, msg := parseArithNum(s[start:end])
		if msg != "" {
			p.failAt(msg, s[:end], start)
		}
		p.pos = end
		p.kind, p.num = tkNum, n
	case isNameStart(c):
		end := start
		for end < len(s) && isNameByte(s[end]) {
			end++
		}
		p.kind, p.id, p.hasSub, p.sub = tkID, s[start:end], false, ""
		p.pos = end
		if end < len(s) && s[end] == '[' {
			depth, i := 0, end
			for ; i < len(s); i++ {
				if s[i] == '[' {
					depth++
				} else if s[i] == ']' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if i >= len(s) {
				p.failAt("bad array subscript", s, start)
			}
			p.hasSub, p.sub = true, s[end+1:i]
			p.pos = i + 1
		}
	default:
		for _, op := range arithOps {
			if strings.HasPrefix(s[start:], op) {
				p.kind, p.op = tkOp, op
				p.pos = start + len(op)
				return
			}
		}
		p.pos = start + 1
		p.kind, p.op = tkOp, string(c)
		p.fail("syntax error: operand expected")
	}
}

// parseArithNum converts an integer constant: decimal, 0octal, 0xhex or
// base#digits. It returns bash's message on error.
func parseArithNum(t string) (int, string) {
	base := 10
	digits := t
	if i := strings.IndexByte(t, '#'); i >= 0 {
		b, err := strconv.Atoi(t[:i])
		if err != nil || b < 2 || b > 64 {
			return 0, "invalid arithmetic base"
		}
		base, digits = b, t[i+1:]
		if digits == "" {
			return 0, "invalid integer constant"
		}
	} else if len(t) > 1 && t[0] == '0' {
		if t[1] == 'x' || t[1] == 'X' {
			base, digits = 16, t[2:]
		} else {
			base, digits = 8, t[1:]
		}
	}
	n := 0
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		var d int
		switch {
		case c >= '0' && c <= '9':
			d = int(c - '0')
		case c >= 'a' && c <= 'z':
			d = int(c-'a') + 10
		case c >= 'A' && c <= 'Z':
			d = int(c-'A') + 10
			if base > 36 {
				d += 26
			}
		case c == '@':
			d = 62
		case c == '_':
			d = 63
		default:
			return 0, "invalid number"
		}
		if d >= base {
			return 0, "value too great for base"
		}
		n = n*base + d
	}
	return n, ""
}

func (p *arithParser) isOp(ops ...string) bool {
	if p.kind != tkOp {
		return false
	}
	for _, o := range ops {
		if p.op == o {
			return true
		}
	}
	return false
}

func (p *arithParser) comma() int {
	v := p.assign()
	for p.isOp(",") {
		p.next()
		v = p.assign()
	}
	return v
}

func (p *arithParser) assign() int {
	p.hasLval = false
	v := p.cond()
	if p.isOp("=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=") {
		op := p.op
		lv := p.lval
		if p.lastTok != tkID || !p.hasLval {
			p.fail("attempted assignment to non-variable")
		}
		p.next()
		rhs := p.assign()
		if op != "=" {
			rhs = p.binary(op[:len(op)-1], v, rhs)
		}
		if p.noeval == 0 {
			p.store(&lv, rhs)
		}
		v = rhs
	}
	return v
}

func (p *arithParser) cond() int {
	v := p.lor()
	if p.isOp("?") {
		p.next()
		if p.kind == tkEOF || p.isOp(":") {
			p.fail("expression expected")
		}
		if v == 0 {
			p.noeval++
		}
		a := p.comma()
		if v == 0 {
			p.noeval--
		}
		if !p.isOp(":") {
			p.fail("`:' expected for conditional expression")
		}
		p.next()
		if p.kind == tkEOF {
			p.fail("expression expected")
		}
		if v != 0 {
			p.noeval++
		}
		b := p.cond()
		if v != 0 {
			p.noeval--
			return a
		}
		return b
	}
	return v
}

func (p *arithParser) lor() int {
	v := p.land()
	for p.isOp("||") {
		p.next()
		if v != 0 {
			p.noeval++
		}
		w := p.land()
		if v != 0 {
			p.noeval--
		}
		v = b2i(v != 0 || w != 0)
	}
	return v
}

func (p *arithParser) land() int {
	v := p.bor()
	for p.isOp("&&") {
		p.next()
		if v == 0 {
			p.noeval++
		}
		w := p.bor()
		if v == 0 {
			p.noeval--
		}
		v = b2i(v != 0 && w != 0)
	}
	return v
}

// binLevel parses one left-associative level of binary operators.
func (p *arithParser) binLevel(sub func() int, ops ...string) int {
	v := sub()
	for p.isOp(ops...) {
		op := p.op
		p.next()
		w := sub()
		v = p.binary(op, v, w)
	}
	return v
}

func (p *arithParser) bor() int  { return p.binLevel(p.bxor, "|") }
func (p *arithParser) bxor() int { return p.binLevel(p.band, "^") }
func (p *arithParser) band() int { return p.binLevel(p.eq, "&") }
func (p *arithParser) eq() int   { return p.binLevel(p.cmp, "==", "!=") }
func (p *arithParser) cmp() int  { return p.binLevel(p.shift, "<", ">", "<=", ">=") }
func (p *arithParser) shift() int {
	return p.binLevel(p.add, "<<", ">>")
}
func (p *arithParser) add() int { return p.binLevel(p.mul, "+", "-") }
func (p *arithParser) mul() int { return p.binLevel(p.power, "*", "/", "%") }

func (p *arithParser) power() int {
	v := p.unary()
	if p.isOp("**") {
		p.next()
		e := p.power()
		if e < 0 {
			p.fail("exponent less than 0")
		}
		v = ipow(v, e)
	}
	return v
}

func ipow(b, e int) int {
	r := 1
	for e > 0 {
		if e&1 == 1 {
			r *= b
		}
		b *= b
		e >>= 1
	}
	return r
}

// binary applies a binary operator.
func (p *arithParser) binary(op string, a, b int) int {
	switch op {
	case "+":
		return a + b
	case "-":
		return a - b
	case "*":
		return a * b
	case "/", "%":
		if b == 0 {
			if p.noeval > 0 {
				return 0
			}
			p.fail("division by 0")
		}
		if op == "/" {
			return a / b
		}
		return a % b
	case "<<":
		return a << (uint(b) & 63)
	case ">>":
		return a >> (uint(b) & 63)
	case "&":
		return a & b
	case "|":
		return a | b
	case "^":
		return a ^ b
	case "<":
		return b2i(a < b)
	case ">":
		return b2i(a > b)
	case "<=":
		return b2i(a <= b)
	case ">=":
		return b2i(a >= b)
	case "==":
		return b2i(a == b)
	case "!=":
		return b2i(a != b)
	}
	return 0
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (p *arithParser) unary() int {
	if p.kind == tkOp {
		switch p.op {
		case "!":
			p.next()
			return b2i(p.unary() == 0)
		case "~":
			p.next()
			return ^p.unary()
		case "-":
			p.next()
			return -p.unary()
		case "+":
			p.next()
			return p.unary()
		}
	}
	return p.primary()
}

func (p *arithParser) primary() int {
	switch p.kind {
	case tkNum:
		v := p.num
		p.next()
		return v
	case tkID:
		lv := arithLval{name: p.id, sub: p.sub, hasSub: p.hasSub}
		p.next()
		if p.isOp("++", "--") {
			delta := 1
			if p.op == "--" {
				delta = -1
			}
			v := p.load(&lv)
			if p.noeval == 0 {
				p.store(&lv, v+delta)
			}
			p.next()
			return v
		}
		v := 0
		if p.noeval == 0 {
			v = p.load(&lv)
		}
		p.lval, p.hasLval = lv, true
		return v
	case tkOp:
		switch p.op {
		case "(":
			p.next()
			v := p.comma()
			if !p.isOp(")") {
				p.fail("missing `)'")
			}
			p.next()
			return v
		case "++", "--":
			delta := 1
			if p.op == "--" {
				delta = -1
			}
			p.next()
			if p.kind != tkID {
				p.fail("syntax error: operand expected")
			}
			lv := arithLval{name: p.id, sub: p.sub, hasSub: p.hasSub}
			v := p.load(&lv) + delta
			if p.noeval == 0 {
				p.store(&lv, v)
			}
			p.next()
			return v
		}
	}
	p.fail("syntax error: operand expected")
	return 0
}

// load reads a variable and evaluates its value as an expression.
func (p *arithParser) load(lv *arithLval) int {
	s, set := p.r.arithVarString(lv, p)
	if !set || s == "" {
		return 0
	}
	if n, ok := simpleInt(s); ok {
		return n
	}
	if p.depth+1 > maxArithDepth {
		p.fail("expression recursion level exceeded")
	}
	n, err := p.r.evalArithDepth(s, p.depth+1)
	if err != nil {
		panic(arithBail{err})
	}
	return n
}

// subscript evaluates an indexed array subscript.
func (p *arithParser) subscript(lv *arithLval) int {
	n, err := p.r.evalArithDepth(lv.sub, p.depth+1)
	if err != nil {
		panic(arithBail{err})
	}
	return n
}

// arithVarString returns the string value of a variable or element.
func (r *Runner) arithVarString(lv *arithLval, p *arithParser) (string, bool) {
	vr := r.lookupVar(lv.name)
	if !lv.hasSub {
		switch vr.Kind {
		case expand.Indexed:
			return indexGet(vr, 0)
		case expand.Associative:
			v, ok := vr.Map["0"]
			return v, ok
		}
		return vr.String(), vr.IsSet()
	}
	if vr.Kind == expand.Associative {
		v, ok := vr.Map[lv.sub]
		return v, ok
	}
	i := p.subscript(lv)
	if i < 0 {
		i += maxIndex(vr) + 1
		if i < 0 {
			p.r.errf("%s: bad array subscript", lv.name)
			return "", false
		}
	}
	return indexGet(vr, i)
}

// store assigns n to a variable or element.
func (p *arithParser) store(lv *arithLval, n int) {
	r := p.r
	val := strconv.Itoa(n)
	if !lv.hasSub {
		name := r.resolveRef(lv.name)
		cur := r.vars.get(name)
		if cur.Kind == expand.Indexed || cur.Kind == expand.Associative {
			var vr expand.Variable
			var err error
			if cur.Kind == expand.Associative {
				vr, err = r.assocSet(name, cur, "0", val)
			} else {
				_, vr, err = r.indexAssignIdx(name, cur, 0, val)
			}
			if err == nil {
				err = r.setVar(name, vr)
			}
			if err != nil {
				panic(arithBail{err})
			}
			return
		}
		if err := r.setVar(name, strVar(val)); err != nil {
			panic(arithBail{err})
		}
		return
	}
	name := r.resolveRef(lv.name)
	cur := r.vars.get(name)
	if cur.ReadOnly {
		panic(arithBail{readOnlyError{name}})
	}
	var vr expand.Variable
	var err error
	if cur.Kind == expand.Associative {
		vr, err = r.assocSet(name, cur, lv.sub, val)
	} else {
		i := p.subscript(lv)
		if i < 0 {
			i += maxIndex(cur) + 1
			if i < 0 {
				panic(arithBail{badSubscript{lv.name + "[" + lv.sub + "]"}})
			}
		}
		_, vr, err = r.indexAssignIdx(name, cur, i, val)
	}
	if err == nil {
		err = r.setVar(name, vr)
	}
	if err != nil {
		panic(arithBail{err})
	}
}

// rawArith replaces the parsed expression of every $((...)) and ((...))
// in stmts with its source text (from lines, the parser's input), so that
// it is expanded and evaluated as bash does, with bash's error messages.
func (r *Runner) rawArith(stmts []*syntax.Stmt, lines []string) {
	for _, st := range stmts {
		syntax.Walk(st, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.ArithmExp:
				if n.Bracket {
					return true
				}
				if w := r.rawArithWord(lines, n.Left, 3, n.Right); w != nil {
					n.X = w
					return false
				}
			case *syntax.ArithmCmd:
				if w := r.rawArithWord(lines, n.Left, 2, n.Right); w != nil {
					n.X = w
					return false
				}
			}
			return true
		})
	}
}

// rawArithWord returns the text between left+skip and right as a word
// parsed like a here-document body (see arithText), or nil.
func (r *Runner) rawArithWord(lines []string, left syntax.Pos, skip uint, right syntax.Pos) *syntax.Word {
	text, ok := sourceText(lines, left, right)
	if !ok || uint(len(text)) < skip {
		return nil
	}
	if !strings.HasPrefix(text, "$((") && !strings.HasPrefix(text, "((") {
		return nil
	}
	body := text[skip:]
	if !strings.ContainsAny(body, "$`\\") {
		return &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: body}}}
	}
	w, err := r.newParser().Document(strings.NewReader(body))
	if err != nil {
		return nil
	}
	return w
}

// sourceText returns the text from a to b (exclusive), or false when the
// positions are not inside lines.
func sourceText(lines []string, a, b syntax.Pos) (string, bool) {
	if !a.IsValid() || !b.IsValid() || a.IsRecovered() || b.IsRecovered() {
		return "", false
	}
	la, lb := int(a.Line()), int(b.Line())
	ca, cb := int(a.Col())-1, int(b.Col())-1
	if la < 1 || lb < la || lb > len(lines) {
		return "", false
	}
	if la == lb {
		l := lines[la-1]
		if ca < 0 || cb < ca || cb > len(l) {
			return "", false
		}
		return l[ca:cb], true
	}
	var sb strings.Builder
	first := lines[la-1]
	if ca < 0 || ca > len(first) {
		return "", false
	}
	sb.WriteString(first[ca:])
	for i := la; i < lb-1; i++ {
		sb.WriteString(lines[i])
	}
	last := lines[lb-1]
	if cb < 0 || cb > len(last) {
		return "", false
	}
	sb.WriteString(last[:cb])
	return sb.String(), true
}
