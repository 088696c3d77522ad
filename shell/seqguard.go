package shell

import (
	"iter"

	"mvdan.cc/sh/v3/syntax"
)

// stopSafe wraps the statement sequence of Parser.InteractiveSeq
// (mvdan.cc/sh/v3 v3.14.1), which can call a loop body again after it
// returned false: when the body stops at a parse error yielded from inside
// the parser, the parser yields that error once more, and Go panics
// ("range function continued iteration after function for loop body
// returned false"). The fuzz test found it with `0000&` followed by an
// invalid UTF-8 byte.
//
// The wrapper never calls the loop body again once it returned false, and
// never makes InteractiveSeq itself stop at an error (the parser is ending
// anyway and will yield the error again): it answers true for error items
// and false for the others, so that a stop after a complete line still
// ends reading at once.
func stopSafe(seq iter.Seq2[[]*syntax.Stmt, error]) iter.Seq2[[]*syntax.Stmt, error] {
	return func(yield func([]*syntax.Stmt, error) bool) {
		stopped := false
		seq(func(stmts []*syntax.Stmt, err error) bool {
			if !stopped && !yield(stmts, err) {
				stopped = true
			}
			return !stopped || err != nil
		})
	}
}
