// Package shell is tcpsh's interpreter: it runs bash programs parsed by
// mvdan.cc/sh/v3/syntax over a per-session virtual fd table whose
// channels may be network sockets.
//
// # Architecture
//
// A [Runner] is one shell context. [New] builds the top-level session from
// functional [Option]s; afterwards the Runner's state is unexported and
// owned by the goroutine running it. Subshells, pipeline elements,
// command substitutions and background jobs get a copy made by one
// function, subshell, which clones the variables and the fd table
// (sharing every open channel by reference, like fork does).
//
// Input is parsed and run one complete line at a time (source.go), as
// bash does: lines before a syntax error run, an alias defined on a line
// applies from the next one, and a script read from stdin never consumes
// more than the lines of the command being run.
//
// Words are expanded by tcpsh's own code (wordexp.go, paramexp.go,
// arith.go) following bash's rules: quoting, IFS splitting, every ${...}
// form, bash's error wording, and the C locale's byte counting (locale.go),
// which mvdan.cc/sh/v3/expand does not offer. Only brace expansion comes
// from that package. Command and process substitution run subshells of
// the Runner (expand.go).
//
// Every fd belongs to the session's fdtable.Table. Redirections
// (redirs.go) swap channels into the table and restore them after the
// command; `exec` keeps them. Paths such as /dev/tcp/HOST/PORT are parsed
// and dialed by package redirect. Builtins (builtins.go holds the
// registry; builtin_*.go the implementations) read and write channels
// in-process and never fork. External programs (external.go) get a real
// OS file at each number: fdtable hands them a dup, a seeked file or a
// socketpair bridge so that no byte the shell buffered is lost.
//
// Beyond bash, builtins that topic files register themselves
// (registerBuiltin): head (builtin_head.go), timeout (builtin_timeout.go:
// a builtin or function is cancelled through its context), listen and
// accept (builtin_listen.go), halfclose, trace, and fd/lsof. TLS settings
// and the idle timeout are read from the session's variables each time a
// socket opens (tls.go, idle.go). Signals reach the session through
// Runner.Signal (signals.go); a non-interactive front end registers them
// only when OnWatchSignals asks. The interactive front end uses History
// (history.go) and Complete (complete.go). [Sandbox] confines a session
// to a directory, a list of addresses and the session itself (the
// interpreter's fuzz target runs in one).
//
// Errors are printed as bash prints them: "NAME: line N: message", with
// NAME being $0 for -c, the script's path, or "tcpsh".
package shell
