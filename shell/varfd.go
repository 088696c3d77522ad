package shell

import "mvdan.cc/sh/v3/syntax"

// opensPath reports whether a redirection operator opens its word as a
// path (as opposed to duplicating or closing an fd, or a here-document).
func opensPath(op syntax.RedirOperator) bool {
	switch op {
	case syntax.RdrIn, syntax.RdrOut, syntax.RdrClob, syntax.AppOut, syntax.RdrInOut:
		return true
	}
	return false
}
