package shell

import (
	"context"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/pattern"
	"mvdan.cc/sh/v3/syntax"

	"tcpsh/fdtable"
	"tcpsh/shell/internal/testexpr"
)

// testEnv gives the test builtin and [[ ]] the session's view.
func (r *Runner) testEnv(name string) *testexpr.Env {
	return &testexpr.Env{
		Name:  name,
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
			return environ{r}.Get(n).IsSet()
		},
		FDIsTerminal: func(fd int) bool {
			ch, err := r.fds.Get(fd)
			return err == nil && ch.Kind() == fdtable.KindTTY
		},
		FDStat: func(fd int) (fs.FileInfo, error) {
			if _, err := r.fds.Get(fd); err != nil {
				return nil, err
			}
			return nil, fs.ErrInvalid
		},
		UTF8: r.utf8,
		OptionSet: func(n string) bool {
			for _, o := range setOptions {
				if o.name == n {
					return *o.field(&r.opts)
				}
			}
			return false
		},
	}
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
			ok := r.match(pat, left)
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

// regexMatch implements =~ with BASH_REMATCH. Quoted parts of the right
// side match literally.
func (r *Runner) regexMatch(s string, w *syntax.Word) (bool, error) {
	var sb strings.Builder
	for _, part := range w.Parts {
		switch p := part.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			lit, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{p}})
			if err != nil {
				return false, err
			}
			sb.WriteString(regexp.QuoteMeta(lit))
		default:
			lit, err := r.literal(&syntax.Word{Parts: []syntax.WordPart{p}})
			if err != nil {
				return false, err
			}
			sb.WriteString(lit)
		}
	}
	rx, err := regexp.Compile(sb.String())
	if err != nil {
		return false, nil
	}
	m := rx.FindStringSubmatch(s)
	if m == nil {
		r.vars.set("BASH_REMATCH", expand.Variable{Set: true, Kind: expand.Indexed, List: []string{}})
		return false, nil
	}
	r.vars.set("BASH_REMATCH", expand.Variable{Set: true, Kind: expand.Indexed, List: m})
	return true, nil
}

var patternCache sync.Map // key string -> *regexp.Regexp

// compilePattern turns a shell pattern into a cached regexp.
func (r *Runner) compilePattern(pat string, mode pattern.Mode) (*regexp.Regexp, error) {
	key := strconv.Itoa(int(mode)) + "\x00" + pat
	if rx, ok := patternCache.Load(key); ok {
		return rx.(*regexp.Regexp), nil
	}
	expr, err := pattern.Regexp(pat, mode)
	if err != nil {
		return nil, err
	}
	rx, err := regexp.Compile("(?s)" + expr)
	if err != nil {
		return nil, err
	}
	patternCache.Store(key, rx)
	return rx, nil
}
