package shell

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"

	"tcpsh/fdtable"
	"tcpsh/shell/internal/testexpr"
)

// testEnv gives the test builtin and [[ ]] the session's view.
// The Env is made once per Runner (its functions read the Runner when
// they run) and reused: a `[` in a loop then costs no closures.
func (r *Runner) testEnv(name string) *testexpr.Env {
	if r.tenv.env == nil {
		r.tenv.env = r.newTestEnv()
	}
	r.tenv.env.Name = name
	r.tenv.env.UTF8 = r.utf8
	return r.tenv.env
}

// testEnvCache holds a Runner's test Env (the Runner field tenv).
type testEnvCache struct{ env *testexpr.Env }

// newTestEnv makes the Env that testEnv hands out.
func (r *Runner) newTestEnv() *testexpr.Env {
	return &testexpr.Env{
		Getwd: func() string { return r.dir },
		IsVarSet: func(n string) bool {
			if base, idx, ok := strings.Cut(n, "["); ok && strings.HasSuffix(idx, "]") {
				vr := r.vars.get(base)
				idx = idx[:len(idx)-1]
				if vr.Kind == expand.Associative {
					_, ok := vr.Map[idx]
					return ok
				}
				i, err := r.arithString(idx)
				if err != nil {
					return false
				}
				_, ok := indexGet(vr, i)
				return ok
			}
			return r.param(n).IsSet()
		},
		FDIsTerminal: func(fd int) bool {
			ch, err := r.fds.Get(fd)
			return err == nil && ch.Kind() == fdtable.KindTTY
		},
		FDStat: func(fd int) (fs.FileInfo, error) {
			ch, err := r.fds.Get(fd)
			if err != nil {
				return nil, err
			}
			if osfd := ch.Info().OSFD; osfd >= 0 {
				if fi, err := os.Stat("/dev/fd/" + strconv.Itoa(osfd)); err == nil {
					return fi, nil
				}
			}
			return nil, nil // open, but nothing to describe
		},
		UTF8: r.utf8,
		OptionSet: func(n string) bool {
			for _, o := range setOptions {
				if o.name == n {
					return o.get(&r.opts)
				}
			}
			return false
		},
	}
}

// testClauseStatus runs [[ ]] and returns its exit status.
func (r *Runner) testClauseStatus(ctx context.Context, x syntax.TestExpr) int {
	ok, err := r.testClause(ctx, x)
	return r.testStatus(ok, err)
}

// testStatus turns the result of evaluating [[ ]] into its exit status,
// printing the error if there is one to print.
func (r *Runner) testStatus(ok bool, err error) int {
	var ae *arithErr
	switch {
	case errors.Is(err, errTestStatus2):
		return 2
	case errors.As(err, &ae):
		// bash names [[ and fails with 1 on an arithmetic error.
		r.errf("[[: %v", err)
		return 1
	case err != nil:
		r.errf("%v", err)
		return 2
	case ok:
		return 0
	}
	return 1
}

// testClause evaluates [[ ]].
func (r *Runner) testClause(ctx context.Context, x syntax.TestExpr) (bool, error) {
	switch e := x.(type) {
	case *syntax.Word:
		s, err := r.literal(e)
		return s != "", err
	case *syntax.ParenTest:
		return r.testClause(ctx, e.X)
	case *syntax.UnaryTest:
		if e.Op == syntax.TsNot {
			ok, err := r.testClause(ctx, e.X)
			return !ok, err
		}
		s, err := r.literal(e.X.(*syntax.Word))
		if err != nil {
			return false, err
		}
		return testexpr.Unary(r.testEnv("[["), e.Op.String(), s)
	case *syntax.BinaryTest:
		switch e.Op {
		case syntax.AndTest:
			ok, err := r.testClause(ctx, e.X)
			if err != nil || !ok {
				return false, err
			}
			return r.testClause(ctx, e.Y)
		case syntax.OrTest:
			ok, err := r.testClause(ctx, e.X)
			if err != nil || ok {
				return ok, err
			}
			return r.testClause(ctx, e.Y)
		}
		left, err := r.literal(e.X.(*syntax.Word))
		if err != nil {
			return false, err
		}
		yw := e.Y.(*syntax.Word)
		switch e.Op {
		case syntax.TsMatchShort, syntax.TsMatch, syntax.TsNoMatch:
			pat, err := r.pattern(yw)
			if err != nil {
				return false, err
			}
			ok := r.testMatch(pat, left)
			if e.Op == syntax.TsNoMatch {
				ok = !ok
			}
			return ok, nil
		case syntax.TsReMatch:
			return r.regexMatch(left, yw)
		case syntax.TsEql, syntax.TsNeq, syntax.TsLss, syntax.TsLeq, syntax.TsGtr, syntax.TsGeq:
			a, err := r.arithString(left)
			if err != nil {
				return false, err
			}
			rs, err := r.literal(yw)
			if err != nil {
				return false, err
			}
			b, err := r.arithString(rs)
			if err != nil {
				return false, err
			}
			return testexpr.Binary(r.testEnv("[["), e.Op.String(), strconv.Itoa(a), strconv.Itoa(b))
		}
		right, err := r.literal(yw)
		if err != nil {
			return false, err
		}
		return testexpr.Binary(r.testEnv("[["), e.Op.String(), left, right)
	}
	return false, nil
}

// testMatch is == in [[ ]]: the pattern always has the extended
// operators, whatever extglob says.
func (r *Runner) testMatch(pat, s string) bool {
	return r.matchPattern(pat, s, true)
}

// regexMatch implements =~ with BASH_REMATCH. The right side is a POSIX
// extended regular expression; its quoted parts match literally. A
// pattern regcomp would refuse makes the test return 2.
func (r *Runner) regexMatch(s string, w *syntax.Word) (bool, error) {
	var chars []reChar
	for _, part := range w.Parts {
		switch p := part.(type) {
		case *syntax.Lit:
			// A backslash in the word quotes the next character.
			v := p.Value
			for len(v) > 0 {
				i := strings.IndexByte(v, '\\')
				if i < 0 || i == len(v)-1 {
					chars = append(chars, reChars(v, false, r.utf8)...)
					break
				}
				chars = append(chars, reChars(v[:i], false, r.utf8)...)
				_, n := utf8.DecodeRuneInString(v[i+1:])
				if !r.utf8 {
					n = 1
				}
				chars = append(chars, reChars(v[i+1:i+1+n], true, r.utf8)...)
				v = v[i+1+n:]
			}
		default:
			lit, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{p}})
			if err != nil {
				return false, err
			}
			_, quoted := p.(*syntax.SglQuoted)
			if _, dq := p.(*syntax.DblQuoted); dq {
				quoted = true
			}
			chars = append(chars, reChars(lit, quoted, r.utf8)...)
		}
	}
	rx, err := compileERE(chars, r.utf8, r.shopts.nocasematch)
	if err != nil {
		return false, errTestStatus2
	}
	subject := s
	if !r.utf8 {
		subject = latin1(s)
	}
	m := rx.FindStringSubmatch(subject)
	if m == nil {
		r.vars.set("BASH_REMATCH", expand.Variable{Set: true, Kind: expand.Indexed, List: []string{}})
		return false, nil
	}
	if !r.utf8 {
		for i := range m {
			m[i] = unlatin1(m[i])
		}
	}
	r.vars.set("BASH_REMATCH", expand.Variable{Set: true, Kind: expand.Indexed, List: m})
	return true, nil
}

// errTestStatus2 makes [[ ]] return 2 without a message (a bad =~ pattern).
var errTestStatus2 = errors.New("[[: status 2")

var ereCache patternCache[string, *regexp.Regexp]

// compileERE translates and compiles a =~ pattern (leftmost-longest, as
// POSIX matches), caching the result.
func compileERE(chars []reChar, utf8Locale, nocase bool) (*regexp.Regexp, error) {
	var key strings.Builder
	key.WriteString(strconv.FormatBool(utf8Locale) + strconv.FormatBool(nocase))
	for _, c := range chars {
		if c.quoted {
			key.WriteByte('q')
		} else {
			key.WriteByte('u')
		}
		key.WriteRune(c.r)
	}
	return ereCache.get(key.String(), func() (*regexp.Regexp, error) {
		src, err := translateERE(chars, utf8Locale)
		if err != nil {
			return nil, err
		}
		if nocase {
			src = "(?i)" + src
		}
		rx, err := regexp.Compile(src)
		if err != nil {
			return nil, err
		}
		rx.Longest()
		return rx, nil
	})
}
