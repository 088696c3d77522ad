package duration

import "tcpsh/shell/internal/gnuhead"

// QuoteArg quotes s the way coreutils' quote() does in diagnostics
// (gnulib's locale quoting style), as [gnuhead.QuoteArg] does for head:
// sleep and timeout quote their arguments the same way.
func QuoteArg(s string, utf8Locale bool) string { return gnuhead.QuoteArg(s, utf8Locale) }
